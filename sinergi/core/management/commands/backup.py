from django.core.management.base import BaseCommand, CommandError

from sinergi.core.audit import audit_record
from sinergi.core.backup import BackupError, backup_database


class Command(BaseCommand):
    help = "Cadangkan basis data ke berkas / Back up the database to a file (SQLite or PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="berkas cadangan / backup file")

    def handle(self, *args, **options):
        try:
            result = backup_database(options["path"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        audit_record(actor=None, action="database.backup", object_type="database", object_repr=result.path)
        self.stdout.write(f"Cadangan {result.engine} tersimpan: {result.path} ({result.size_bytes} bytes)")
