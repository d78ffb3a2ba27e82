"""`sinergi health_supervise [--region CODE] [--notify] [--json]`: propose the status "tidak aktif" for
every active cooperative without a RAT for SINERGI_INACTIVE_AFTER_YEARS years (officers confirm or
dismiss each proposal on the inactivity page). With `--notify`, also tell the managers of each
cooperative whose RAT has become overdue, once per cooperative and tahun buku. Meant for a daily
schedule; idempotent."""

import json

from django.core.management.base import BaseCommand

from sinergi.accounts.services import system_user
from sinergi.health.filters import clean_region
from sinergi.health.supervision.reminders import rat_overdue_notify
from sinergi.health.supervision.services import status_proposals_generate


class Command(BaseCommand):
    help = "Buat usulan status tidak aktif / Propose inactive status for cooperatives without RAT."

    def add_arguments(self, parser):
        parser.add_argument("--region", default="", help="kode wilayah / region code prefix")
        parser.add_argument(
            "--notify",
            action="store_true",
            help="beri tahu pengurus koperasi yang RAT-nya lewat jatuh tempo / notify managers of RAT overdue",
        )
        parser.add_argument(
            "--json", action="store_true", help="cetak satu dokumen JSON / print one JSON document"
        )

    def handle(self, *args, **options):
        region = clean_region(options["region"])
        created = status_proposals_generate(actor=system_user(), region=region)
        told = rat_overdue_notify(region=region) if options["notify"] else None
        if options["json"]:
            document = {"proposals_created": created}
            if told is not None:
                document["rat_overdue_notified"] = told
            self.stdout.write(json.dumps(document))
            return
        self.stdout.write(f"{created} usulan status tidak aktif dibuat / proposals created")
        if told is not None:
            self.stdout.write(
                f"{told} koperasi diberi tahu RAT lewat jatuh tempo / cooperatives notified of RAT overdue"
            )
