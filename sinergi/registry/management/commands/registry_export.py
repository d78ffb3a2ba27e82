from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from sinergi.core.actors import system_user
from sinergi.registry.exporters import registry_export
from sinergi.registry.filters import BusinessFilters, CooperativeFilters


class Command(BaseCommand):
    help = (
        "Ekspor koperasi atau UMKM ke CSV/XLSX dengan kolom impor / Export cooperatives or businesses to "
        "CSV/XLSX in the import columns (an unmasked export re-imports as unchanged). Personal data is "
        "masked as the registry's presenter decides for the --as user, and everywhere with --masked."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="ends in .csv or .xlsx")
        parser.add_argument("--kind", required=True, choices=["cooperative", "umkm"])
        parser.add_argument("--region", default="", help="only this region code and below")
        parser.add_argument("--as", dest="as_user", default="", help="export what this user (e-mail) may see")
        parser.add_argument("--masked", action="store_true", help="mask personal data even when allowed")

    def handle(self, *args, **options):
        actor = system_user()
        if options["as_user"]:
            try:
                actor = get_user_model().objects.get(email__iexact=options["as_user"])
            except get_user_model().DoesNotExist as exc:
                raise CommandError(f"Pengguna tidak dikenal / unknown user: {options['as_user']}") from exc
        path = Path(options["path"])
        fmt = path.suffix.lower().lstrip(".")
        if fmt not in ("csv", "xlsx"):
            raise CommandError("PATH harus berakhiran .csv atau .xlsx / PATH must end in .csv or .xlsx")
        kind = options["kind"]
        filters_class = BusinessFilters if kind == "umkm" else CooperativeFilters
        export = registry_export(
            actor=actor,
            kind=kind,
            filters=filters_class.from_params({"region": options["region"]}),
            masked=options["masked"],
            fmt=fmt,
            via="command",
        )
        if fmt == "xlsx":
            path.write_bytes(export.xlsx())
        else:
            with path.open("w", encoding="utf-8", newline="") as handle:
                for piece in export.csv():
                    handle.write(piece)
        self.stdout.write(f"Ekspor {'tersamar ' if export.masked else ''}tersimpan: {path}")
