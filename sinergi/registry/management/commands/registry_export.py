from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from sinergi.accounts.scoping import reach_of
from sinergi.accounts.services import system_user
from sinergi.core.audit import audit_record
from sinergi.registry import exporters, selectors
from sinergi.registry.filters import BusinessFilters, CooperativeFilters


class Command(BaseCommand):
    help = (
        "Ekspor koperasi atau UMKM ke CSV/XLSX dengan kolom impor / Export cooperatives or businesses to "
        "CSV/XLSX in the import columns (an unmasked export re-imports as unchanged)."
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
        if path.suffix.lower() not in (".csv", ".xlsx"):
            raise CommandError("PATH harus berakhiran .csv atau .xlsx / PATH must end in .csv or .xlsx")
        reach = reach_of(actor)
        masked = options["masked"] or not (
            reach.everything or reach.office_codes(frozenset({"admin", "staff"}))
        )
        if options["kind"] == "umkm":
            qs = selectors.business_list(user=actor, filters=BusinessFilters(region=options["region"]))
            rows = exporters.business_rows(qs, masked=masked)
        else:
            qs = selectors.cooperative_list(user=actor, filters=CooperativeFilters(region=options["region"]))
            rows = exporters.cooperative_rows(qs, masked=False)
            masked = False  # cooperative sheets hold no personal data
        if path.suffix.lower() == ".xlsx":
            path.write_bytes(
                exporters.xlsx_bytes(options["kind"], rows, masked=masked, title=options["kind"])
            )
        else:
            with path.open("w", encoding="utf-8", newline="") as handle:
                for piece in exporters.csv_stream(options["kind"], rows):
                    handle.write(piece)
        audit_record(
            actor=actor,
            action=f"registry.export.{options['kind']}",
            object_type="registry.export",
            object_repr=str(path),
            after={"masked": masked, "region": options["region"], "via": "command"},
        )
        self.stdout.write(f"Ekspor {'tersamar ' if masked else ''}tersimpan: {path}")
