"""`sinergi assistance_select PATH`: run the warung-aid selection rule on a JSON document."""

import json
import sys
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError

from sinergi.assistance.selection import InputError, from_dict, select, to_dict


def _refuse_constant(name):
    raise ValueError(f"{name} bukan angka yang sah / is not a valid number")


class Command(BaseCommand):
    help = (
        "Jalankan aturan seleksi bantuan warung pada berkas JSON / "
        "Run the warung-aid selection rule on a JSON file (PATH, or - for stdin)."
    )
    # The command reads a file and computes; it needs neither the database nor the system checks.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("path", help="berkas JSON, atau - untuk stdin / JSON file, or - for stdin")
        parser.add_argument(
            "--json", action="store_true", help="cetak satu dokumen JSON / print one JSON document"
        )

    def handle(self, *args, **options):
        as_json = options["json"]
        try:
            if options["path"] == "-":
                text = sys.stdin.read()
            else:
                with open(options["path"], encoding="utf-8") as handle:
                    text = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            self._fail(as_json, "Berkas tidak dapat dibaca / Cannot read the file", [str(exc)])
        try:
            # Decimals straight from the JSON text: money and weights never pass through float.
            data = json.loads(text, parse_float=Decimal, parse_constant=_refuse_constant)
        except ValueError as exc:
            self._fail(as_json, "Berkas bukan JSON yang sah / The file is not valid JSON", [str(exc)])
        try:
            result = select(*from_dict(data))
        except InputError as exc:
            self._fail(as_json, exc.message, exc.details)
        if as_json:
            self.stdout.write(json.dumps(to_dict(result)))
            return
        self.stdout.write(
            f"terpilih/selected {len(result.selected)}, tidak terpilih/skipped {len(result.skipped)}, "
            f"tidak memenuhi syarat/ineligible {len(result.ineligible)}; "
            f"sisa anggaran/budget left {result.budget_left}"
        )
        for item in result.selected:
            self.stdout.write(f"  + {item.application} paket/package {item.package} skor/score {item.score}")
        for item in result.skipped:
            self.stdout.write(f"  - {item.application} {item.reason} skor/score {item.score}")
        for item in result.ineligible:
            self.stdout.write(f"  x {item.application} {', '.join(item.reasons)}")

    def _fail(self, as_json: bool, message: str, detail: list[str]):
        if as_json:
            self.stdout.write(json.dumps({"error": message, "detail": detail}))
        raise CommandError(f"{message}: " + "; ".join(detail))
