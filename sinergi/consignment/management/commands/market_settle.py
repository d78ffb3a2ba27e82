"""`sinergi market_settle --period YYYY-MM [--outlet ID] [--json]`: settle every consignment
agreement period that ends in the month. Idempotent: a second run makes nothing new and prints the
same statements."""

import json
import re

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sinergi.accounts.services import system_user
from sinergi.consignment import services


class Command(BaseCommand):
    help = "Selesaikan periode titip jual yang berakhir pada bulan itu / Settle consignment periods ending in the month."

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help="bulan YYYY-MM / month YYYY-MM")
        parser.add_argument("--outlet", type=int, help="id gerai / outlet id")
        parser.add_argument(
            "--json", action="store_true", help="cetak satu dokumen JSON / print one JSON document"
        )

    def _fail(self, options, message, detail=()):
        if options["json"]:
            self.stdout.write(json.dumps({"error": message, "detail": list(detail)}, ensure_ascii=False))
        raise CommandError(message)

    def handle(self, *args, **options):
        match = re.fullmatch(r"(\d{4})-(\d{2})", options["period"])
        if not match or not 1 <= int(match[2]) <= 12:
            self._fail(options, "Periode harus YYYY-MM / period must be YYYY-MM")
        try:
            statements = services.month_settle(
                actor=system_user(), year=int(match[1]), month=int(match[2]), outlet_id=options["outlet"]
            )
        except ValidationError as exc:
            self._fail(options, "Penyelesaian ditolak / settlement refused", exc.messages)
        rows = [
            {
                "outlet": s.outlet_id,
                "producer": s.producer_id,
                "sold_qty": s.sold_qty,
                "gross": str(s.gross),
                "outlet_margin": str(s.outlet_margin),
                "producer_share": str(s.producer_share),
            }
            for s in statements
        ]
        if options["json"]:
            self.stdout.write(json.dumps({"statements": rows}, ensure_ascii=False))
            return
        self.stdout.write(f"{len(rows)} laporan penyelesaian / statements for {options['period']}")
