"""Registry benchmarks (DESIGN.md §7): import, list/search latency, duplicate detection.

    .venv/bin/python bench/registry_bench.py [--rows 1000000] [--small-rows 10000] [--coops 10000]
                                             [--database sqlite|postgres] [--seed 42]

Generates realistic UMKM rows (synthetic West Javanese names, valid NIKs/NIBs/phones, real villages
of Jawa Barat named by their kelurahan/desa, kecamatan and kabupaten/kota — no region codes, so the
importer resolves every place) with 1 % planted duplicates, and `--coops` cooperatives of Jawa
Barat with 1 % registered twice the way a second list records them (type spelt out or abbreviated,
"Konsumen" added, village dropped, old spelling, no NIK Koperasi, the legal number typed another way
or the amendment's, the address rewritten or missing) and one in twenty carrying an old local legal
number others carry too; then measures, each as a ratio in the same run:

* import: `BusinessImporter` (validation, region resolution, natural-key upsert, search index,
  duplicate signals) vs a raw bulk load of the same file into a bare table (SQLite executemany,
  PostgreSQL COPY);
* list/search: the UMKM list page (first page, a regency filter, a name search, an NIB search, page
  5) for a province officer, median latency in the big world vs a small world, and requests/s vs a
  trivial view on the same server;
* duplicates: the registry-wide scan's precision and recall on the planted pairs, and its time vs
  the import's, for UMKM and for cooperatives.

Each world lives in its own database; each measurement runs in a fresh process. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# --- data ---------------------------------------------------------------------------------------


def generate(path: Path, rows: int, seed: int) -> Path:
    """Write the CSV and the planted pairs (line numbers) beside it; reuse them when present."""
    truth = path.with_suffix(".pairs.json")
    if path.exists() and truth.exists():
        return truth
    sys.path.insert(0, str(ROOT))
    from sinergi.registry.synthetic import Generator

    gen = Generator(seed=seed, prefixes=("32",))
    pairs = []
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = None
        line = 1
        for _ in range(rows):
            row = gen.business()
            row.pop("Kode Wilayah")
            if writer is None:
                writer = csv.DictWriter(handle, fieldnames=list(row))
                writer.writeheader()
            line += 1
            writer.writerow(row)
            if gen.rng.random() < 0.01:
                copy = gen.misspelled(row)
                line += 1
                writer.writerow(copy)
                pairs.append((line - 1, line))
    truth.write_text(json.dumps(pairs))
    return truth


def generate_cooperatives(path: Path, rows: int, seed: int) -> Path:
    """The cooperatives' CSV and their planted pairs (line numbers); reuse them when present."""
    truth = path.with_suffix(".pairs.json")
    if path.exists() and truth.exists():
        return truth
    sys.path.insert(0, str(ROOT))
    import datetime as dt

    from sinergi.registry.synthetic import Generator

    gen = Generator(seed=seed, prefixes=("32",))
    pairs = []
    today = dt.date.today()
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = None
        line = 1
        for generated, again in gen.cooperatives(rows, today, duplicate_share=0.01, old_number_share=0.05):
            # No region codes: the importer resolves every place (the generator keeps its own row).
            row = {key: value for key, value in generated.items() if key != "Kode Wilayah"}
            if writer is None:
                writer = csv.DictWriter(handle, fieldnames=list(row))
                writer.writeheader()
            line += 1
            writer.writerow(row)
            if again:
                pairs.append((line - 1, line))
    truth.write_text(json.dumps(pairs))
    return truth


# --- the measured work (runs inside a worker process with its own database) ------------------------


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sinergi.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _fresh_database():
    from django.core.management import call_command

    from sinergi.regions.services import regions_load

    call_command("migrate", verbosity=0)
    regions_load(only=("32",))


def _raw_load(path: Path) -> float:
    """The reference: the same file into a bare table, as fast as the database takes it."""
    from django.db import connection, transaction

    with open(path, newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    columns = ", ".join(f"c{i} TEXT" for i in range(len(header)))
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_bare")
        cursor.execute(f"CREATE TABLE bench_bare ({columns})")
        with open(path, newline="", encoding="utf-8") as handle:
            reader = csv.reader(handle)
            next(reader)
            if connection.vendor == "postgresql":
                with cursor.cursor.copy("COPY bench_bare FROM STDIN") as copy:
                    for row in reader:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(header))
                cursor.executemany(f"INSERT INTO bench_bare VALUES ({marks})", reader)
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_bare")
    return seconds


def _import(importer_class, actor, path: Path, truth_path: Path) -> tuple[dict, list]:
    """Import the file; the figures, and the planted pairs as organisation ids (both rows created)."""
    raw_seconds = _raw_load(path)
    importer = importer_class(actor=actor)
    started = time.perf_counter()
    report = importer.run(path)
    import_seconds = time.perf_counter() - started
    ids = [
        sorted((importer.new_ids.get(-a), importer.new_ids.get(-b)))
        for a, b in json.loads(truth_path.read_text())
        if importer.new_ids.get(-a) and importer.new_ids.get(-b)
    ]
    figures = {
        "rows": report.rows,
        "raw_s": round(raw_seconds, 2),
        "import_s": round(import_seconds, 2),
        "import_ratio": round(import_seconds / raw_seconds, 2),
        "created": report.created,
        "updated": report.updated,
        "rejected": len(report.rejected),
        "possible_duplicates": report.possible_duplicates,
    }
    return figures, ids


def worker_import(path: Path, truth_path: Path, out: Path, coops: list[Path]) -> dict:
    _setup_django()
    from sinergi.accounts.services import system_user
    from sinergi.registry.importers import BusinessImporter, CooperativeImporter

    _fresh_database()
    actor = system_user()
    result, ids = _import(BusinessImporter, actor, path, truth_path)
    planted = {"umkm": ids}
    if coops:
        figures, planted["cooperative"] = _import(CooperativeImporter, actor, coops[0], coops[1])
        result.update({f"coop_{key}": value for key, value in figures.items()})
    out.write_text(json.dumps(planted))
    return result


def worker_list(repeats: int) -> dict:
    _setup_django()
    from django.test import Client

    from sinergi.accounts.models import Membership, Organization, User
    from sinergi.registry.models import BusinessProfile

    office = Organization.objects.filter(kind="government", jurisdiction_id="32").first()
    if office is None:
        office = Organization.objects.create(
            kind="government", name="Dinas Provinsi (bench)", region_id="32.73.09.1003", jurisdiction_id="32"
        )
    user, _ = User.objects.get_or_create(email="bench@sinergi.test", defaults={"full_name": "Bench"})
    Membership.objects.get_or_create(user=user, organization=office, defaults={"role": "staff"})
    nib = BusinessProfile.objects.exclude(nib="").values_list("nib", flat=True).first()
    client = Client()
    client.force_login(user)
    requests = {
        "first_page": "/registri/umkm/",
        "regency_filter": "/registri/umkm/?region=32.04",
        "name_search": "/registri/umkm/?q=keripik+talas",
        "nib_search": f"/registri/umkm/?q={nib}",
        "page_5": "/registri/umkm/?page=5",
        # The office dashboard (home page): counts per kind are cached per reach for five minutes,
        # so after the first visit its cost does not grow with the registry.
        "dashboard": "/",
        "trivial": "/sehat/",
    }
    medians = {}
    for name, url in requests.items():
        client.get(url)  # warm caches and the region index
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
        medians[name] = statistics.median(times)
    return {k: round(v * 1000, 2) for k, v in medians.items()}


def worker_dedup(ids_path: Path) -> dict:
    _setup_django()
    from sinergi.registry.duplicates import scan

    result = {}
    for kind, planted_ids in json.loads(ids_path.read_text()).items():
        planted = {tuple(p) for p in planted_ids}
        started = time.perf_counter()
        pairs, _added = scan(kind, persist=False)
        seconds = time.perf_counter() - started
        found = {(p.left, p.right) for p in pairs}
        hit = len(found & planted)
        prefix = "" if kind == "umkm" else "coop_"
        result.update(
            {
                f"{prefix}dedup_s": round(seconds, 2),
                f"{prefix}pairs_found": len(found),
                f"{prefix}planted": len(planted),
                f"{prefix}precision": round(hit / len(found), 4) if found else 0.0,
                f"{prefix}recall": round(hit / len(planted), 4) if planted else 0.0,
            }
        )
    return result


# --- driver --------------------------------------------------------------------------------------


def _database_url(kind: str, name: str, workdir: Path) -> str:
    if kind == "postgres":
        for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
            subprocess.run(
                ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", sql], check=True
            )
        return f"postgres://postgres@127.0.0.1:5432/{name}"
    db = workdir / f"{name}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    return f"sqlite:///{db}"


def _run(url: str, workdir: Path, *args: str) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SINERGI_DATA_DIR": str(workdir / "data"),
        "LOG_LEVEL": "WARNING",
    }
    done = subprocess.run(
        [sys.executable, __file__, "_worker", *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"worker {args[0]} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--small-rows", type=int, default=10_000)
    parser.add_argument("--coops", type=int, default=10_000, help="cooperatives in the big world (0: none)")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--workdir", default="/tmp/sinergi-registry-bench")
    parser.add_argument("--skip-dedup", action="store_true")
    args = parser.parse_args()
    workdir = Path(args.workdir)
    (workdir / "data").mkdir(parents=True, exist_ok=True)
    result: dict = {"scenario": "registry", "database": args.database, "rows": args.rows}
    worlds = {}
    for label, rows in (("big", args.rows), ("small", args.small_rows)):
        csv_path = workdir / f"umkm-{rows}-{args.seed}.csv"
        truth = generate(csv_path, rows, args.seed)
        url = _database_url(args.database, f"bench_registry_{label}", workdir)
        ids_path = workdir / f"planted-{label}.json"
        coops: list[str] = []
        if label == "big" and args.coops:
            coop_path = workdir / f"koperasi-{args.coops}-{args.seed}.csv"
            coops = [str(coop_path), str(generate_cooperatives(coop_path, args.coops, args.seed + 1))]
        imported = _run(url, workdir, "import", str(csv_path), str(truth), str(ids_path), *coops)
        worlds[label] = (url, imported, ids_path)
    big_url, big_import, big_ids = worlds["big"]
    small_url, _small_import, _ = worlds["small"]
    result.update(big_import)
    big = _run(big_url, workdir, "list", str(args.repeats))
    small = _run(small_url, workdir, "list", str(args.repeats))
    result["list_ms_big"] = big
    result["list_ms_small"] = small
    result["list_ratio_big_vs_small"] = {
        k: round(big[k] / small[k], 2) for k in big if k != "trivial" and small[k] > 0
    }
    result["list_rps_vs_trivial"] = {k: round(big["trivial"] / big[k], 3) for k in big if k != "trivial"}
    if not args.skip_dedup:
        dedup = _run(big_url, workdir, "dedup", str(big_ids))
        result.update(dedup)
        result["dedup_vs_import"] = round(dedup["dedup_s"] / big_import["import_s"], 2)
        if "coop_dedup_s" in dedup:
            result["coop_dedup_vs_import"] = round(dedup["coop_dedup_s"] / big_import["coop_import_s"], 2)
    print(json.dumps(result))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_worker":
        phase, rest = sys.argv[2], sys.argv[3:]
        if phase == "import":
            output = worker_import(Path(rest[0]), Path(rest[1]), Path(rest[2]), [Path(p) for p in rest[3:5]])
        elif phase == "list":
            output = worker_list(int(rest[0]))
        else:
            output = worker_dedup(Path(rest[0]))
        print(json.dumps(output))
    else:
        main()
