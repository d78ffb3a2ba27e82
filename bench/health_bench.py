"""Health benchmark (DESIGN.md §7): batch scoring of stored annual reports.

    .venv/bin/python bench/health_bench.py [--rows 100000] [--database sqlite|postgres] [--seed 7]

Builds a database with `--rows` cooperatives in real villages of Jawa Barat, each with one verified
annual report of tahun buku 2025 (figures varied around a realistic savings-and-loan cooperative; a
fifth are other cooperative types, scored indicatively; some reports miss figures or management
answers, so their assessment is incomplete), then measures in the same process and database:

* **ours**: `assessments_score_year` — the path of `sinergi health_score` and the rescoring page,
  run directly instead of through the task queue: keyset-chunked reads, scoring in worker
  processes, one bulk upsert of the assessments per chunk, the audit event;
* **baseline**: a bare read of the same report rows (the same columns, plain tuples) plus a bulk
  insert of as many assessment rows of the same shape (real inputs and scores documents of the
  same size), then deleted.

The baseline runs before and after ours (the lower is kept, the machine is noisy). A random sample
of the stored assessments is checked against `sinergi.health.scoring` directly, explanation included
(computed again from the row, as the pages do). `bytes_per_assessment` is the stored JSON of a row
(inputs and component scores), `explanation_bytes` the explained result it no longer stores.
Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
YEAR = 2025
RULES = "perdep-06-2016"

# A savings-and-loan cooperative of middling health (Rupiah): every figure of the input schema.
BASE = {
    "simpanan_pokok": 150_000_000,
    "simpanan_wajib": 1_250_000_000,
    "simpanan_lain_berkarakter_wajib": 80_000_000,
    "hibah": 25_000_000,
    "cadangan": 420_000_000,
    "modal_penyertaan": 100_000_000,
    "total_aset": 6_800_000_000,
    "kas": 180_000_000,
    "bank": 520_000_000,
    "kewajiban_lancar": 2_400_000_000,
    "dana_diterima": 4_300_000_000,
    "modal_tertimbang": 2_050_000_000,
    "atmr": 5_100_000_000,
    "pinjaman_diberikan": 5_200_000_000,
    "pinjaman_berisiko": 310_000_000,
    "volume_pinjaman": 6_100_000_000,
    "volume_pinjaman_anggota": 5_600_000_000,
    "pinjaman_kurang_lancar": 120_000_000,
    "pinjaman_diragukan": 60_000_000,
    "pinjaman_macet": 45_000_000,
    "cadangan_risiko": 90_000_000,
    "partisipasi_bruto": 820_000_000,
    "partisipasi_neto": 610_000_000,
    "beban_operasi_anggota": 95_000_000,
    "beban_usaha": 430_000_000,
    "beban_perkoperasian": 40_000_000,
    "shu_kotor": 260_000_000,
    "shu_sebelum_pajak": 215_000_000,
    "shu_bagian_anggota": 120_000_000,
    "biaya_karyawan": 180_000_000,
    "pendapatan": 140_000_000,
    "pea": 95_000_000,
}
GROUPS = {"umum": 12, "kelembagaan": 6, "permodalan": 5, "aktiva": 10, "likuiditas": 5}
VILLAGES = ("32.71.06.1001", "32.71.03.1002", "32.73.02.1004", "32.01.01.2001", "32.72.01.1001")


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sinergi.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _report_values(rng: random.Random) -> tuple[dict, dict]:
    values = {}
    for name, amount in BASE.items():
        if rng.random() < 0.003:  # a figure the cooperative did not fill in
            continue
        values[name] = Decimal(int(amount * rng.uniform(0.55, 1.6)))
    answers = {}
    if rng.random() > 0.05:
        answers = {group: [rng.random() < 0.75 for _ in range(n)] for group, n in GROUPS.items()}
    return values, answers


def build(rows: int, seed: int) -> None:
    """Cooperatives with one verified report each, written in bulk (a fixture, not a service path)."""
    from django.core.management import call_command
    from django.db import transaction

    from sinergi.accounts.models import Organization
    from sinergi.health.models import AnnualReport
    from sinergi.health.services import questionnaire_current
    from sinergi.regions.models import Region
    from sinergi.regions.services import regions_load
    from sinergi.registry.models import CooperativeProfile

    call_command("migrate", verbosity=0)
    regions_load(only=("32",))
    villages = [code for code in VILLAGES if Region.objects.filter(pk=code).exists()]
    questionnaire = questionnaire_current()
    rng = random.Random(seed)
    types = ["simpan_pinjam"] * 4 + ["konsumen", "serba_usaha", "produsen"]
    step = 5000
    for start in range(0, rows, step):
        n = min(step, rows - start)
        with transaction.atomic():
            orgs = Organization.objects.bulk_create(
                [
                    Organization(
                        kind="cooperative",
                        name=f"Koperasi Bench {start + i:06d}",
                        region_id=rng.choice(villages),
                    )
                    for i in range(n)
                ]
            )
            CooperativeProfile.objects.bulk_create(
                [
                    CooperativeProfile(
                        organization=org,
                        region_code=org.region_id,
                        district_code=org.region_id.rsplit(".", 1)[0],
                        regency_code=".".join(org.region_id.split(".")[:2]),
                        cooperative_type=rng.choice(types),
                        status="aktif",
                    )
                    for org in orgs
                ]
            )
            reports = []
            for org in orgs:
                values, answers = _report_values(rng)
                reports.append(
                    AnnualReport(
                        cooperative_id=org.pk,
                        year=YEAR,
                        status="verified",
                        questionnaire=questionnaire,
                        manajemen=answers,
                        **values,
                    )
                )
            AnnualReport.objects.bulk_create(reports, batch_size=1000)
    # The profiles above bypass the registry's services: recount its tallies once.
    from sinergi.registry.tallies import rebuild

    rebuild()


def baseline() -> float:
    """Read the same report rows as plain tuples, insert as many assessment rows, delete them."""
    from django.db import transaction

    from sinergi.health.batch import _COLUMNS
    from sinergi.health.inputs import report_input
    from sinergi.health.models import AnnualReport, Assessment, EncodedJSON
    from sinergi.health.scoring import assess
    from sinergi.health.scoring.stored import compact_inputs, component_scores

    sample = AnnualReport.objects.filter(year=YEAR, status="verified").first()
    inputs = compact_inputs(report_input(sample))
    inputs_json = json.dumps(inputs, separators=(",", ":"))
    scores_json = json.dumps(component_scores(assess(inputs, RULES)), separators=(",", ":"))
    started = time.perf_counter()
    rows = list(
        AnnualReport.objects.filter(year=YEAR, status="verified").order_by("pk").values_list(*_COLUMNS)
    )
    with transaction.atomic():
        Assessment.objects.bulk_create(
            [
                Assessment(
                    report_id=row[0],
                    cooperative_id=row[2],
                    year=row[1],
                    rules=RULES,
                    rules_version="1",
                    official=True,
                    total=Decimal("60.00"),
                    predicate="cukup_sehat",
                    complete=True,
                    inputs=EncodedJSON(inputs_json),
                    scores=EncodedJSON(scores_json),
                )
                for row in rows
            ],
            batch_size=500,
        )
    seconds = time.perf_counter() - started
    Assessment.objects.all().delete()
    return seconds


def ours(workers: int | None) -> tuple[float, dict]:
    from sinergi.accounts.services import system_user
    from sinergi.health.batch import assessments_score_year

    actor = system_user()
    started = time.perf_counter()
    result = assessments_score_year(actor=actor, year=YEAR, rules=RULES, workers=workers)
    return time.perf_counter() - started, result.to_dict()


def check_sample(size: int, seed: int) -> dict:
    """Stored assessments equal the pure engine's answer for the same reports, and their explanation
    computed again from the row equals the engine's explained result."""
    from sinergi.health.inputs import report_input
    from sinergi.health.models import AnnualReport, Assessment
    from sinergi.health.scoring import assess, assess_indicative
    from sinergi.health.scoring.decimals import display
    from sinergi.health.selectors import assessment_explanation

    ids = list(AnnualReport.objects.filter(year=YEAR).values_list("pk", flat=True))
    picked = random.Random(seed).sample(ids, min(size, len(ids)))
    mismatches, explained = [], []
    for report in AnnualReport.objects.filter(pk__in=picked).select_related("cooperative"):
        score = assess if report.cooperative.cooperative_type == "simpan_pinjam" else assess_indicative
        expected = score(report_input(report), RULES)
        stored = Assessment.objects.get(report=report)
        if (stored.total, stored.predicate, stored.complete) != (
            Decimal(display(expected.total)),
            expected.predicate,
            expected.complete,
        ) or assessment_explanation(stored) != expected.to_dict(detail=True):
            mismatches.append(report.pk)
        explained.append(len(json.dumps(expected.to_dict(detail=True), ensure_ascii=False, separators=(",", ":")).encode()))
    return {
        "checked": len(picked),
        "mismatches": mismatches,
        "explanation_bytes": round(sum(explained) / max(len(explained), 1)),
    }


def stored_bytes() -> float:
    """Average bytes of the JSON an assessment row stores (inputs and component scores)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        sql = "SELECT avg(octet_length(inputs::text) + octet_length(scores::text)) FROM health_assessment"
    else:
        sql = "SELECT avg(length(CAST(inputs AS BLOB)) + length(CAST(scores AS BLOB))) FROM health_assessment"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return float(cursor.fetchone()[0] or 0)


def worker(rows: int, seed: int, workers: int | None, sample: int) -> dict:
    _setup_django()
    from sinergi.health.models import Assessment

    started = time.perf_counter()
    build(rows, seed)
    build_s = time.perf_counter() - started
    base_first = baseline()
    ours_s, result = ours(workers)
    stored = Assessment.objects.filter(year=YEAR).count()
    per_row = stored_bytes()
    checked = check_sample(sample, seed)
    explanation = checked.pop("explanation_bytes")
    Assessment.objects.all().delete()
    base_second = baseline()
    base_s = min(base_first, base_second)
    return {
        "scenario": "health",
        "rows": rows,
        "build_s": round(build_s, 2),
        "ours_s": round(ours_s, 2),
        "baseline_s": round(base_s, 2),
        "baseline_runs_s": [round(base_first, 2), round(base_second, 2)],
        "ratio": round(ours_s / base_s, 2),
        "target_met": ours_s / base_s <= 3,
        "reports_per_s": round(rows / ours_s),
        "bytes_per_assessment": round(per_row),
        "explanation_bytes": explanation,
        "stored": stored,
        "scored": result["scored"],
        "incomplete": result["incomplete"],
        "failed": result["failed"],
        "predicates": result["predicates"],
        "sample": checked,
    }


def _database_url(kind: str, workdir: Path) -> str:
    if kind == "postgres":
        name = "bench_health"
        for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
            subprocess.run(
                ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", sql], check=True
            )
        return f"postgres://postgres@127.0.0.1:5432/{name}"
    db = workdir / "bench_health.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    return f"sqlite:///{db}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=None, help="scoring processes (default: CPUs)")
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--workdir", default="/tmp/sinergi-health-bench")
    args = parser.parse_args()
    workdir = Path(args.workdir)
    (workdir / "data").mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(args.database, workdir),
        "SINERGI_DATA_DIR": str(workdir / "data"),
        "LOG_LEVEL": "WARNING",
    }
    command = [
        sys.executable,
        __file__,
        "_worker",
        str(args.rows),
        str(args.seed),
        str(args.workers or 0),
        str(args.sample),
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"benchmark failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["database"] = args.database
    print(json.dumps(result))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_worker":
        rows, seed, workers, sample = (int(v) for v in sys.argv[2:6])
        print(json.dumps(worker(rows, seed, workers or None, sample)))
    else:
        main()
