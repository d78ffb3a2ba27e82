from django.core.management.base import BaseCommand

from sinergi.accounts.services import system_user
from sinergi.registry.services import import_files_purge


class Command(BaseCommand):
    help = (
        "Hapus berkas impor dan baris ditolak yang lebih tua dari masa simpan / Delete uploaded sheets and "
        "rejected-row files older than the retention period (UU PDP). Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args, **options):
        purged = import_files_purge(actor=system_user(), older_than_days=options["days"])
        self.stdout.write(f"{purged} impor dibersihkan (lebih dari {options['days']} hari)")
