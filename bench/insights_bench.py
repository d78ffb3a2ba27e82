"""Insights benchmarks (issue 12): cold dashboard latency by world size, tally write overhead,
and consistency of the tallies after the writes.

    .venv/bin/python bench/insights_bench.py [--big 1000000] [--small 10000] [--import-rows 100000]
                                             [--database sqlite|postgres] [--repeats 15]
                                             [--reuse-worlds]

* dashboard: a big world (`--big` UMKM and a tenth as many cooperatives in real villages of Jawa
  Barat, bulk-loaded and tallied once with `tallies.rebuild()`) against a small one (`--small`).
  In each a fresh process signs in a Kabupaten Bogor officer and a province officer and reads the
  office dashboard (`/wawasan/`, the regency and the province, and a kecamatan) and its API. The
  first request of the process is the cold figure; the median of `--repeats` more is the warm one.
  The dashboard keeps no cache of its own; the ratio big/small is the target (<= 1.5x).
* write overhead: a registry import of `--import-rows` UMKM through `BusinessImporter`, timing
  the tally step (reading the rows' contributions before and after, applying the deltas) inside
  the import; the share of the import it takes is the target (<= 10 %).
* consistency: `insights_verify`'s differences after the import (must be 0).

Each world lives in its own database; each measurement runs in a fresh process. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from registry_bench import _database_url, _fresh_database, _setup_django  # noqa: E402

BATCH = 5000


# --- worlds ---------------------------------------------------------------------------------


def worker_world(businesses: int, seed: int) -> dict:
    """Bulk-load a world straight into the tables (no services: this is the data, not the work
    measured), then count every tally once."""
    _setup_django()
    from django.db import transaction

    from sinergi.accounts.models import Membership, Organization, User
    from sinergi.regions.models import Region
    from sinergi.registry import tallies
    from sinergi.registry.models import BusinessProfile, CooperativeProfile

    _fresh_database()
    rng = random.Random(seed)
    villages = list(Region.objects.filter(level=4, code__startswith="32.").values_list("code", flat=True))
    started = time.perf_counter()

    def load(kind: str, count: int, make_profile):
        done = 0
        while done < count:
            size = min(BATCH, count - done)
            with transaction.atomic():
                codes = [rng.choice(villages) for _ in range(size)]
                orgs = Organization.objects.bulk_create(
                    [
                        Organization(kind=kind, name=f"{kind} {done + i}", region_id=code)
                        for i, code in enumerate(codes)
                    ]
                )
                profiles = []
                for org, code in zip(orgs, codes, strict=True):
                    profile = make_profile(org)
                    profile.copy_region(code)
                    profiles.append(profile)
                type(profiles[0]).objects.bulk_create(profiles)
            done += size

    statuses = ["aktif"] * 5 + ["tidak_aktif"] * 3 + ["belum_tahu", "dibubarkan"]
    types = ["simpan_pinjam", "konsumen", "produsen", "pemasaran", "jasa", "serba_usaha", ""]
    load(
        "cooperative",
        max(businesses // 10, 1),
        lambda org: CooperativeProfile(
            organization=org,
            status=rng.choice(statuses),
            cooperative_type=rng.choice(types),
            members_male=rng.randint(0, 300),
            members_female=rng.randint(0, 300),
        ),
    )
    scales = ["mikro"] * 8 + ["kecil", "menengah"]
    load(
        "umkm",
        businesses,
        lambda org: BusinessProfile(
            organization=org,
            name_key=org.name.lower(),
            status=rng.choice(["aktif", "aktif", "tidak_aktif"]),
            scale=rng.choice(scales),
            kbli=rng.choice(["10792", "47111", "56101", "14111", "45201", ""]),
            owner_gender=rng.choice(["L", "P", ""]),
            employees=rng.randint(1, 20),
        ),
    )
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    tallies.rebuild()
    rebuilt = time.perf_counter() - started

    # The offices whose dashboards are read.
    for name, region, jurisdiction, email in (
        ("Dinas Koperasi dan UKM Kabupaten Bogor", "32.01.01.1008", "32.01", "bogor@bench.test"),
        ("Dinas Koperasi dan Usaha Kecil Provinsi Jawa Barat", "32.73.09.1003", "32", "jabar@bench.test"),
    ):
        office = Organization.objects.create(
            kind="government", name=name, region_id=region, jurisdiction_id=jurisdiction
        )
        user = User.objects.create_user(email=email, password="bench-bench-123", full_name="Petugas Bench")
        Membership.objects.create(user=user, organization=office, role="staff")
    return {"load_s": round(loaded, 1), "rebuild_s": round(rebuilt, 1)}


# --- the measured work ----------------------------------------------------------------------

PAGES = {
    "regency": ("bogor@bench.test", "/wawasan/?wilayah=32.01"),
    "kecamatan": ("bogor@bench.test", "/wawasan/?wilayah=32.01.01"),
    "province": ("jabar@bench.test", "/wawasan/?wilayah=32"),
    "api_regency": ("bogor@bench.test", "/api/v1/insights/dashboard?region=32.01"),
}


def worker_dashboard(repeats: int) -> dict:
    _setup_django()
    from django.test import Client

    from sinergi.accounts.models import User

    result = {}
    clients = {}
    # Python warmed up on another page (imports, templates, URL tables): "cold" is the dashboard's
    # own first reading of the tallies, with nothing of it cached.
    Client().get("/masuk/")
    for key, (email, url) in PAGES.items():
        client = clients.get(email)
        if client is None:
            client = clients[email] = Client()
            client.force_login(User.objects.get(email=email))
        started = time.perf_counter()
        response = client.get(url)
        cold = time.perf_counter() - started
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        warm = []
        for _ in range(repeats):
            started = time.perf_counter()
            client.get(url)
            warm.append(time.perf_counter() - started)
        result[key] = {
            "cold_ms": round(cold * 1000, 1),
            "median_ms": round(statistics.median(warm) * 1000, 1),
        }
    return result


def worker_import(rows: int, seed: int, workdir: str) -> dict:
    """Import `rows` UMKM; time the tally step inside the import; then check the tallies."""
    _setup_django()
    from registry_bench import generate

    from sinergi.accounts.services import system_user
    from sinergi.insights import verify
    from sinergi.registry import tallies
    from sinergi.registry.importers import BusinessImporter

    path = Path(workdir) / f"umkm-{rows}-{seed}.csv"
    generate(path, rows, seed)
    spent = [0.0]

    def timed(function):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - started

        return wrapper

    # Everything the import does for the tallies: reading contributions and applying deltas.
    tallies.TallyChange.watch = timed(tallies.TallyChange.watch)
    tallies.TallyChange.inserted = timed(tallies.TallyChange.inserted)
    tallies.TallyChange.updated = timed(tallies.TallyChange.updated)
    tallies.TallyChange.apply = timed(tallies.TallyChange.apply)
    started = time.perf_counter()
    report = BusinessImporter(actor=system_user()).run(path)
    total = time.perf_counter() - started
    differences = sum(len(v.differences()) for v in verify.VERIFIERS)
    return {
        "import_rows": report.rows,
        "import_created": report.created,
        "import_s": round(total, 2),
        "tally_s": round(spent[0], 2),
        "tally_share": round(spent[0] / total, 3),
        "verify_differences": differences,
    }


# --- driver ---------------------------------------------------------------------------------


def _env(url: str, workdir: Path) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "SINERGI_DATA_DIR": str(workdir / "data"),
        "LOG_LEVEL": "WARNING",
        # Production settings: with DEBUG on, Django keeps and formats every query it runs.
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789",
        "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
    }


def _existing_url(kind: str, name: str, workdir: Path) -> str:
    if kind == "postgres":
        return f"postgres://postgres@127.0.0.1:5432/{name}"
    return f"sqlite:///{workdir / f'{name}.sqlite3'}"


def _collectstatic(url: str, workdir: Path) -> None:
    """The production pages name their static files through the manifest `collectstatic` writes."""
    subprocess.run(
        [sys.executable, "-m", "sinergi", "collectstatic", "--noinput", "-v", "0"],
        env=_env(url, workdir), cwd=ROOT, check=True,
    )  # fmt: skip


def _run(url: str, workdir: Path, *args: str) -> dict:
    env = _env(url, workdir)
    done = subprocess.run(
        [sys.executable, __file__, "_worker", *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"worker {args[0]} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--big", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--workdir", default="/tmp/sinergi-insights-bench")
    parser.add_argument(
        "--reuse-worlds",
        action="store_true",
        help="read the dashboards of the worlds an earlier run left in --workdir",
    )
    args = parser.parse_args()
    workdir = Path(args.workdir)
    (workdir / "data").mkdir(parents=True, exist_ok=True)
    result: dict = {"scenario": "insights", "database": args.database, "big": args.big, "small": args.small}
    urls = {}
    for label, size in (("big", args.big), ("small", args.small)):
        if args.reuse_worlds:
            urls[label] = _existing_url(args.database, f"bench_insights_{label}", workdir)
            continue
        urls[label] = _database_url(args.database, f"bench_insights_{label}", workdir)
        result[f"world_{label}"] = _run(urls[label], workdir, "world", str(size), str(args.seed))
    _collectstatic(urls["big"], workdir)
    big = _run(urls["big"], workdir, "dashboard", str(args.repeats))
    small = _run(urls["small"], workdir, "dashboard", str(args.repeats))
    result["dashboard_big"] = big
    result["dashboard_small"] = small
    result["dashboard_ratio_cold"] = {k: round(big[k]["cold_ms"] / small[k]["cold_ms"], 2) for k in big}
    result["dashboard_ratio_median"] = {k: round(big[k]["median_ms"] / small[k]["median_ms"], 2) for k in big}
    if args.reuse_worlds:
        print(json.dumps(result))
        return
    imported_url = _database_url(args.database, "bench_insights_import", workdir)
    _run(imported_url, workdir, "world", "0", str(args.seed))
    result.update(_run(imported_url, workdir, "import", str(args.import_rows), str(args.seed), str(workdir)))
    print(json.dumps(result))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_worker":
        kind, rest = sys.argv[2], sys.argv[3:]
        if kind == "world":
            out = worker_world(int(rest[0]), int(rest[1]))
        elif kind == "dashboard":
            out = worker_dashboard(int(rest[0]))
        else:
            out = worker_import(int(rest[0]), int(rest[1]), rest[2])
        print(json.dumps(out))
    else:
        main()
