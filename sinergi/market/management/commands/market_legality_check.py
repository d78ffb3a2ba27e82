"""`sinergi market_legality_check [--json]`: keep every product's legality state current and tell
the producer and the curating officers, once, when a legality starts expiring (within 30 days)
and when it has expired. Meant for a daily schedule; a second run on the same day sends nothing."""

import json

from django.core.management.base import BaseCommand

from sinergi.accounts.services import system_user
from sinergi.market.services import legality_check


class Command(BaseCommand):
    help = "Periksa masa berlaku izin produk / Check product legality expiry."

    def add_arguments(self, parser):
        parser.add_argument(
            "--json", action="store_true", help="cetak satu dokumen JSON / print one JSON document"
        )

    def handle(self, *args, **options):
        result = legality_check(actor=system_user())
        if options["json"]:
            self.stdout.write(json.dumps(result))
            return
        self.stdout.write(
            f"{result['checked']} produk diperiksa, {result['expiring']} izin segera berakhir, "
            f"{result['expired']} izin kedaluwarsa, {result['notifications']} pemberitahuan / "
            "legality checked"
        )
