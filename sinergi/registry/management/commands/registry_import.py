import json
from contextlib import nullcontext
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from sinergi.accounts.services import system_user
from sinergi.core.progress import ProgressBar
from sinergi.regions.codes import code_within
from sinergi.registry.importers import IMPORTERS, FileRejected, SheetError
from sinergi.registry.importers.sheets import count_rows
from sinergi.registry.services.imports import import_exclusive, import_scope


class Command(BaseCommand):
    help = (
        "Impor koperasi, UMKM atau anggota dari CSV/XLSX / Import cooperatives, businesses or members "
        "from CSV/XLSX/ODS. With --json prints one JSON object: created, updated, unchanged, rejected, "
        "warnings, possible_duplicates. With --as USER the rows must fall in that user's jurisdiction, "
        "as in the web upload."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--kind", required=True, choices=sorted(IMPORTERS))
        parser.add_argument("--dry-run", action="store_true", help="check and preview without writing")
        parser.add_argument("--json", action="store_true", help="print exactly one JSON object on stdout")
        parser.add_argument("--within", default="", help="only accept rows inside this region code")
        parser.add_argument(
            "--as", dest="as_user", default="", help="act as this user (e-mail), within their jurisdiction"
        )

    def handle(self, *args, **options):
        try:
            actor = system_user()
            scope = options["within"]
            if options["as_user"]:
                actor = get_user_model().objects.get(email__iexact=options["as_user"])
                scope = self._scope(actor, options["kind"], scope)
            importer = IMPORTERS[options["kind"]](
                actor=actor,
                dry_run=options["dry_run"],
                scope_code=scope or None,
                progress=ProgressBar(self.stderr, label=options["kind"]).update,
            )
            total = count_rows(options["path"])
            # One import of a kind per region at a time, whichever door it comes through.
            exclusive = (
                nullcontext()
                if options["dry_run"]
                else import_exclusive(
                    actor=actor, kind=options["kind"], scope=scope, filename=Path(options["path"]).name
                )
            )
            with exclusive:
                report = importer.run(options["path"], total_rows=total)
        except (
            FileRejected,
            SheetError,
            FileNotFoundError,
            get_user_model().DoesNotExist,
            PermissionDenied,
            ValidationError,
        ) as exc:
            if isinstance(exc, FileNotFoundError):
                message = f"Berkas tidak ada / No such file: {exc}"
            elif isinstance(exc, get_user_model().DoesNotExist):
                message = f"Pengguna tidak ada / No such user: {options['as_user']}"
            elif isinstance(exc, ValidationError):
                message = " ".join(exc.messages)
            else:
                message = str(exc)
            if options["json"]:
                self.stdout.write(json.dumps({"error": message, "detail": []}, ensure_ascii=False))
            raise CommandError(message) from exc
        if options["json"]:
            self.stdout.write(json.dumps(report.to_json(), ensure_ascii=False))
            return
        self.stderr.write("")
        for r in report.rejected[:50]:
            self.stdout.write(f"  baris {r.line}: {r.reason}")
        if len(report.rejected) > 50:
            self.stdout.write(f"  … dan {len(report.rejected) - 50} baris lain")
        for w in report.warnings[:50]:
            self.stdout.write(f"  baris {w.line} (peringatan): {w.reason}")
        if len(report.warnings) > 50:
            self.stdout.write(f"  … dan {len(report.warnings) - 50} peringatan lain")
        prefix = "[uji coba] " if options["dry_run"] else ""
        self.stdout.write(
            f"{prefix}{report.created} baru, {report.updated} diperbarui, {report.unchanged} tetap, "
            f"{len(report.rejected)} ditolak, {len(report.warnings)} dengan peringatan, "
            f"{report.possible_duplicates} kemungkinan duplikat "
            f"({report.rows} baris, {report.seconds:.1f} s)"
        )

    @staticmethod
    def _scope(actor, kind: str, within: str) -> str:
        """The user's jurisdiction, as for the web upload; --within may only narrow it."""
        scope = import_scope(actor, kind)
        if within and scope and not code_within(within, scope):
            raise PermissionDenied(
                f"Wilayah {within} di luar wilayah kerja pengguna / Region {within} is outside the user's jurisdiction"
            )
        return within or scope
