"""`sinergi health_assess PATH`: score annual reports from a JSON file with the health scoring engine."""

import json
import sys
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError

from sinergi.health.scoring import DEFAULT_RULES, RULE_SETS, ScoringError, assess_documents
from sinergi.health.scoring.plain_text import assessment_text


def _refuse_constant(name):
    raise ValueError(f"{name} bukan angka yang sah / is not a valid number")


class Command(BaseCommand):
    help = (
        "Nilai kesehatan koperasi dari laporan tahunan JSON (satu objek atau daftar) / "
        "Assess cooperative health from a JSON annual report (one object or a list)."
    )
    # The command reads a file and computes; it needs neither the database nor the system checks.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("path", help="berkas JSON, atau - untuk stdin / JSON file, or - for stdin")
        parser.add_argument(
            "--rules", default=DEFAULT_RULES, help=f"aturan penilaian / rule set: {' | '.join(RULE_SETS)}"
        )
        parser.add_argument(
            "--json", action="store_true", help="cetak satu dokumen JSON / print one JSON document"
        )
        parser.add_argument(
            "--indicative",
            action="store_true",
            help="skor indikatif tidak resmi (koperasi non simpan pinjam) / unofficial indicative score",
        )

    def handle(self, *args, **options):
        as_json = options["json"]
        try:
            text = sys.stdin.read() if options["path"] == "-" else _read(options["path"])
            # Decimals straight from the JSON text: amounts never pass through float.
            data = json.loads(text, parse_float=Decimal, parse_constant=_refuse_constant)
            assessments = assess_documents(data, rules=options["rules"], indicative=options["indicative"])
        except ScoringError as exc:
            self._fail(as_json, exc.message, exc.detail)
        except (OSError, UnicodeDecodeError) as exc:
            self._fail(as_json, "Berkas tidak dapat dibaca / Cannot read the file", [str(exc)])
        except ValueError as exc:
            self._fail(as_json, "Berkas bukan JSON yang sah / The file is not valid JSON", [str(exc)])
        if as_json:
            documents = [assessment.to_dict() for assessment in assessments]
            document = documents if isinstance(data, list) else documents[0]
            self.stdout.write(json.dumps(document, ensure_ascii=False))
        else:
            self.stdout.write("\n\n".join(assessment_text(assessment) for assessment in assessments))

    def _fail(self, as_json: bool, message: str, detail: list[str]):
        if as_json:
            self.stdout.write(json.dumps({"error": message, "detail": detail}, ensure_ascii=False))
        raise CommandError(message + ("".join(f"\n  {line}" for line in detail)))


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as handle:
        return handle.read()
