from django.core.management.base import BaseCommand, CommandError

from sinergi.core.audit import audit_record
from sinergi.core.backup import BackupError, restore_database


class Command(BaseCommand):
    help = "Pulihkan basis data dari cadangan / Restore the database from a backup (replaces its content)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="berkas cadangan / backup file")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, **options):
        if not options["yes"]:
            answer = input(
                "Isi basis data akan diganti. Lanjutkan? / This replaces the database. Continue? [y/N] "
            )
            if answer.strip().lower() not in ("y", "ya", "yes"):
                raise CommandError("dibatalkan / cancelled")
        try:
            result = restore_database(options["path"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        audit_record(actor=None, action="database.restore", object_type="database", object_repr=result.path)
        self.stdout.write(f"Basis data {result.engine} dipulihkan dari {result.path}")
