import json

from django.core.management.base import BaseCommand

from sinergi.accounts.services import system_user
from sinergi.purchasing.services import rounds_close_due


class Command(BaseCommand):
    help = (
        "Tutup putaran Belanja Bareng yang sudah lewat waktu tutupnya / "
        "Close the buying rounds whose closing time has passed (run it from cron every few minutes)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print one JSON document")

    def handle(self, *args, **options):
        closed = rounds_close_due(actor=system_user())
        if options["json"]:
            self.stdout.write(json.dumps({"closed": [{"id": r.pk, "name": r.name} for r in closed]}))
            return
        self.stdout.write(
            f"{len(closed)} putaran ditutup / rounds closed" + "".join(f"\n  {r.name}" for r in closed)
        )
