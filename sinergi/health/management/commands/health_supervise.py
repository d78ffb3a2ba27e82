"""`sinergi health_supervise [--region CODE] [--json]`: propose the status "tidak aktif" for every active
cooperative without a RAT for SINERGI_INACTIVE_AFTER_YEARS years (officers confirm or dismiss each
proposal on the inactivity page). Meant for a daily or monthly schedule; idempotent."""

import json

from django.core.management.base import BaseCommand

from sinergi.accounts.services import system_user
from sinergi.health.filters import clean_region
from sinergi.health.supervision.services import status_proposals_generate


class Command(BaseCommand):
    help = "Buat usulan status tidak aktif / Propose inactive status for cooperatives without RAT."

    def add_arguments(self, parser):
        parser.add_argument("--region", default="", help="kode wilayah / region code prefix")
        parser.add_argument(
            "--json", action="store_true", help="cetak satu dokumen JSON / print one JSON document"
        )

    def handle(self, *args, **options):
        created = status_proposals_generate(actor=system_user(), region=clean_region(options["region"]))
        if options["json"]:
            self.stdout.write(json.dumps({"proposals_created": created}))
        else:
            self.stdout.write(f"{created} usulan status tidak aktif dibuat / proposals created")
