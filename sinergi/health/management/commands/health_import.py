"""`sinergi health_import PATH [--submit] [--dry-run] [--json]`: import annual reports from an XLSX sheet
as the system actor (see `sinergi.health.importers` for the columns)."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sinergi.accounts.services import system_user
from sinergi.core.progress import ProgressBar
from sinergi.health.importers import import_reports


class Command(BaseCommand):
    help = "Impor laporan tahunan koperasi dari XLSX / Import cooperative annual reports from XLSX."

    def add_arguments(self, parser):
        parser.add_argument("path", help="berkas XLSX / XLSX file")
        parser.add_argument(
            "--submit", action="store_true", help="ajukan setelah impor / submit after import"
        )
        parser.add_argument("--dry-run", action="store_true", help="uji saja / check only, keep nothing")
        parser.add_argument(
            "--json", action="store_true", help="cetak satu dokumen JSON / print one JSON document"
        )

    def handle(self, *args, **options):
        bar = ProgressBar(self.stderr, label="health_import")
        try:
            result = import_reports(
                actor=system_user(),
                path=options["path"],
                submit=options["submit"],
                dry_run=options["dry_run"],
                progress=bar.update,
            )
        except ValidationError as exc:
            if options["json"]:
                self.stdout.write(
                    json.dumps({"error": "Berkas ditolak / file refused", "detail": exc.messages})
                )
            raise CommandError("; ".join(exc.messages)) from exc
        except OSError as exc:
            if options["json"]:
                self.stdout.write(
                    json.dumps(
                        {"error": "Berkas tidak dapat dibaca / cannot read the file", "detail": [str(exc)]}
                    )
                )
            raise CommandError(str(exc)) from exc
        bar.finish()
        if options["json"]:
            self.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False))
            return
        for line, reasons in result.rejected:
            self.stderr.write(f"baris / line {line}: " + "; ".join(reasons))
        prefix = "[uji / dry run] " if result.dry_run else ""
        self.stdout.write(
            f"{prefix}{result.created} baru, {result.updated} diperbarui, {result.submitted} diajukan, "
            f"{len(result.rejected)} baris ditolak"
        )
