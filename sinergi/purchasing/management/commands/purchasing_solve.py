import json
import sys
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError

from sinergi.purchasing.optimizer import InstanceError, instance_from_dict, plan_to_dict, solve


def _rupiah(amount: int) -> str:
    return "Rp " + f"{amount:,}".replace(",", ".")


class Command(BaseCommand):
    help = (
        "Hitung rencana Belanja Bareng termurah dari berkas JSON / "
        "Solve a joint-purchasing round from a JSON instance (PATH, or - for stdin)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="JSON instance file, or - to read stdin")
        parser.add_argument("--json", action="store_true", help="print one JSON document")
        parser.add_argument("--time-limit", type=float, default=60.0, help="seconds (default 60)")

    def handle(self, *args, **options):
        try:
            if options["path"] == "-":
                text = sys.stdin.read()
            else:
                with open(options["path"], encoding="utf-8") as handle:
                    text = handle.read()
        except OSError as error:
            self._fail(options, "Berkas tidak dapat dibaca / Cannot read the file", [str(error)])
        try:
            # Decimal keeps 68000.5 from quietly becoming money: only whole numbers are accepted.
            data = json.loads(text, parse_float=Decimal)
        except json.JSONDecodeError as error:
            self._fail(options, "JSON tidak valid / Malformed JSON", [str(error)])
        try:
            allocation = data.get("allocation", "proportional") if isinstance(data, dict) else "proportional"
            plan = solve(instance_from_dict(data), allocation=allocation, time_limit=options["time_limit"])
        except InstanceError as error:
            self._fail(options, error.message, error.details)

        if options["json"]:
            self.stdout.write(json.dumps(plan_to_dict(plan)))
            return
        self.stdout.write(
            f"{plan.status}, selisih/gap {plan.gap:.3%}: total {_rupiah(plan.total_cost)}, "
            f"sendiri/alone {_rupiah(plan.alone_cost)}, hemat/savings {_rupiah(plan.savings)} "
            f"({plan.savings / plan.alone_cost if plan.alone_cost else 0:.2%}), {plan.stats.seconds:.1f} s"
        )
        for line in plan.lines:
            self.stdout.write(
                f"  {line.buyer}  {line.product}  {line.qty} × {_rupiah(line.unit_price)}  ← {line.supplier}"
            )
        for buyer in plan.buyers:
            self.stdout.write(
                f"  {buyer.buyer}: bayar/pays {_rupiah(buyer.pays)}, "
                f"sendiri/alone {_rupiah(buyer.alone_cost)}, hemat/saves {_rupiah(buyer.saves)}"
            )

    def _fail(self, options, message: str, detail: list[str]):
        if options["json"]:
            self.stdout.write(json.dumps({"error": message, "detail": detail}))
        raise CommandError(f"{message}: " + "; ".join(detail))
