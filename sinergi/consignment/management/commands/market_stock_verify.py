"""`sinergi market_stock_verify [--outlet ID] [--repair] [--json]`: compare every outlet stock
balance with the sum of its movements (stock on hand is always derived from the movements); with
`--repair`, rewrite the balances that differ."""

import json

from django.core.management.base import BaseCommand, CommandError

from sinergi.consignment import services


class Command(BaseCommand):
    help = "Periksa stok gerai terhadap mutasinya / Check outlet stock against its movements."

    def add_arguments(self, parser):
        parser.add_argument("--outlet", type=int, help="id gerai / outlet id")
        parser.add_argument("--repair", action="store_true", help="perbaiki saldo / rewrite balances")
        parser.add_argument(
            "--json", action="store_true", help="cetak satu dokumen JSON / print one JSON document"
        )

    def handle(self, *args, **options):
        if options["repair"]:
            found = services.stock_recount(options["outlet"])
        else:
            found = services.stock_differences(options["outlet"])
        rows = [{"outlet": o, "product": p, "balance": b, "movements": m} for o, p, b, m in found]
        if options["json"]:
            self.stdout.write(json.dumps({"differences": rows, "repaired": bool(options["repair"])}))
        else:
            for row in rows:
                self.stdout.write(
                    f"gerai {row['outlet']} produk {row['product']}: saldo {row['balance']}, mutasi {row['movements']}"
                )
            self.stdout.write(f"{len(rows)} selisih / differences")
        if rows and not options["repair"]:
            raise CommandError(f"{len(rows)} selisih stok / stock differences")
