"""Public catalogue benchmark (issue 14): the catalogue pages with 100,000 published products
against the same pages with 1,000.

    .venv/bin/python bench/catalogue_bench.py [--big 100000] [--small 1000]
                                              [--database sqlite|postgres] [--repeats 15]

* Each world is bulk-loaded straight into the tables (no services: this is the data, not the work
  measured): a tenth as many UMKM as products in real villages of Jawa Barat (two in five in Kota
  Bogor, so its region pages are full pages in both worlds), every product
  published with a photo name, half with a halal certificate and a third with a PIRT, in the
  eight categories; then the product tallies are counted once with `market.tallies.rebuild()` and
  PostgreSQL gathers its statistics (ANALYZE, as autovacuum does after a load).
* In each world a fresh process reads, without login, the catalogue (`/katalog/`), its page 2,
  one category, one regency, one kecamatan, one legality kind, a regency and a category together, a producer's
  page, a product's page and the open JSON feed. The first request of the process is the cold
  figure; the median of `--repeats` more is the warm one. The number of queries each page runs is
  recorded too: it must not grow with the world.
* A text search (`?q=`) is measured as information, not against the target: a substring search
  over names and descriptions reads every published row on both databases.

Each world lives in its own database; each measurement runs in a fresh process. Prints one JSON
line with both worlds' figures and the big/small ratios (target <= 1.5).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from insights_bench import _collectstatic, _env  # noqa: E402
from registry_bench import _database_url, _fresh_database, _setup_django  # noqa: E402

BATCH = 5000
CATEGORIES = ["makanan"] * 3 + ["minuman", "kerajinan", "fesyen", "pertanian", "kosmetik", "jasa", "lainnya"]
WORDS = ["Keripik", "Kopi", "Sambal", "Dodol", "Tas", "Batik", "Sabun", "Madu", "Roti", "Beras", "Sirup"]
FLAVOURS = ["Original", "Balado", "Pedas", "Manis", "Premium", "Talas", "Pandan", "Kujang", "Sereh"]


def worker_world(products: int, seed: int) -> dict:
    _setup_django()
    import datetime as dt
    from decimal import Decimal

    from django.db import transaction
    from django.utils import timezone

    from sinergi.accounts.models import Organization
    from sinergi.market import tallies
    from sinergi.market.models import Legality, Product
    from sinergi.regions.models import Region
    from sinergi.registry.models import BusinessProfile

    _fresh_database()
    rng = random.Random(seed)
    villages = list(Region.objects.filter(level=4, code__startswith="32.").values_list("code", flat=True))
    # Two in five producers in Kota Bogor (the pilot city), the rest anywhere in Jawa Barat: the
    # region pages then show full pages in both worlds, so the worlds differ only in size.
    bogor = [code for code in villages if code.startswith("32.71.")]
    started = time.perf_counter()
    businesses = max(products // 10, 10)
    orgs = []
    for start in range(0, businesses, BATCH):
        size = min(BATCH, businesses - start)
        with transaction.atomic():
            codes = [rng.choice(bogor if rng.random() < 0.4 else villages) for _ in range(size)]
            made = Organization.objects.bulk_create(
                [
                    Organization(
                        kind="umkm",
                        name=f"UMKM {rng.choice(WORDS)} {start + i}",
                        region_id=code,
                        phone=f"0812{rng.randint(10_000_000, 99_999_999)}",
                    )
                    for i, code in enumerate(codes)
                ]  # fmt: skip
            )
            profiles = []
            for org, code in zip(made, codes, strict=True):
                profile = BusinessProfile(organization=org, name_key=org.name.lower(), status="aktif")
                profile.copy_region(code)
                profiles.append(profile)
            BusinessProfile.objects.bulk_create(profiles)
            orgs += [(org.pk, org.region_id) for org in made]
    now = timezone.now()
    today = timezone.localdate()
    done = 0
    while done < products:
        size = min(BATCH, products - done)
        with transaction.atomic():
            rows = []
            for i in range(size):
                business_id, region = rng.choice(orgs)
                name = f"{rng.choice(WORDS)} {rng.choice(FLAVOURS)} {done + i}"
                rows.append(
                    Product(
                        business_id=business_id,
                        region_code=region,
                        district_code=region[:8],
                        regency_code=region[:5],
                        name=name,
                        slug=name.lower().replace(" ", "-"),
                        category=rng.choice(CATEGORIES),
                        description=f"{name}, produk UMKM Jawa Barat.",
                        unit="bungkus",
                        price=Decimal(rng.randint(5, 500) * 1000),
                        status="published",
                        published_at=now - dt.timedelta(minutes=products - done - i),
                        legality_state="valid",
                        photo=f"market/products/bench/{done + i}.jpg",
                        photo_width=1200,
                        photo_height=1200,
                        thumbnail=f"market/products/bench/{done + i}-kecil.jpg",
                        thumbnail_width=400,
                        thumbnail_height=400,
                    )  # fmt: skip
                )
            made = Product.objects.bulk_create(rows)
            legalities = []
            for product in made:
                if rng.random() < 0.5:
                    legalities.append(
                        Legality(product=product, kind="halal", number=f"ID3211{product.pk:013d}")
                    )
                if rng.random() < 0.33:
                    legalities.append(
                        Legality(
                            product=product,
                            kind="pirt",
                            number=f"P-IRT {product.pk:013d}-29",
                            expires_on=today + dt.timedelta(days=900),
                        )  # fmt: skip
                    )
            Legality.objects.bulk_create(legalities)
        done += size
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    tallies.rebuild()
    # What autovacuum does on a live PostgreSQL database after a load: without statistics its
    # planner takes the product table for empty and sorts it whole. The project never runs ANALYZE
    # on SQLite, whose planner then walks the catalogue index as it should.
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    # The pages read by the measurement: a producer and a product in the middle of the world.
    middle = Product.objects.order_by("pk")[products // 2]
    return {
        "load_s": round(loaded, 1),
        "rebuild_s": round(time.perf_counter() - started, 1),
        "product": [middle.pk, middle.slug],
        "producer": middle.business_id,
    }


def pages(product: list, producer: int) -> dict[str, str]:
    from django.utils.text import slugify

    from sinergi.accounts.models import Organization

    name = Organization.objects.get(pk=producer).name
    return {
        "catalogue": "/katalog/",
        "page_2": "/katalog/?page=2",
        "category": "/katalog/?category=minuman",
        "regency": "/katalog/?region=32.71",
        "legality": "/katalog/?legality=pirt",
        "kecamatan": "/katalog/?region=32.71&kecamatan=32.71.06",
        "regency_category": "/katalog/?region=32.71&category=makanan",
        "producer": f"/katalog/usaha/{producer}-{slugify(name)}/",
        "product": f"/katalog/produk/{product[0]}-{product[1]}/",
        "feed": "/api/v1/market/catalogue",
        "search_info": "/katalog/?q=dodol",
    }


def worker_pages(repeats: int, product: str, producer: str) -> dict:
    _setup_django()
    from django.db import connection
    from django.test import Client

    client = Client()
    client.get("/masuk/")  # Python warmed up on another page: "cold" is the catalogue's own first reading
    result = {}
    counted = [0]

    def count(execute, sql, params, many, context):
        counted[0] += 1
        return execute(sql, params, many, context)

    for key, url in pages(json.loads(product), int(producer)).items():
        counted[0] = 0
        started = time.perf_counter()
        with connection.execute_wrapper(count):
            response = client.get(url)
        cold = time.perf_counter() - started
        queries = counted[0]
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
            "queries": queries,
        }
    return result


def _run(url: str, workdir: Path, *args: str) -> dict:
    env = {**_env(url, workdir), "DEBUG": "0"}
    done = subprocess.run(
        [sys.executable, __file__, "_worker", *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"worker {args[0]} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--big", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--repeats", type=int, default=25)
    parser.add_argument("--workdir", default="/tmp/sinergi-catalogue-bench")
    args = parser.parse_args()
    workdir = Path(args.workdir)
    (workdir / "data").mkdir(parents=True, exist_ok=True)
    result: dict = {"scenario": "catalogue", "database": args.database, "big": args.big, "small": args.small}
    figures = {}
    for label, size in (("big", args.big), ("small", args.small)):
        url = _database_url(args.database, f"bench_catalogue_{label}", workdir)
        world = _run(url, workdir, "world", str(size), str(args.seed))
        result[f"world_{label}"] = {"load_s": world["load_s"], "rebuild_s": world["rebuild_s"]}
        if label == "big":
            _collectstatic(url, workdir)
        figures[label] = _run(
            url, workdir, "pages", str(args.repeats), json.dumps(world["product"]), str(world["producer"])
        )
    big, small = figures["big"], figures["small"]
    result["pages_big"] = big
    result["pages_small"] = small
    result["ratio_cold"] = {k: round(big[k]["cold_ms"] / small[k]["cold_ms"], 2) for k in big}
    result["ratio_median"] = {k: round(big[k]["median_ms"] / small[k]["median_ms"], 2) for k in big}
    result["same_queries"] = all(big[k]["queries"] == small[k]["queries"] for k in big)
    targeted = [k for k in big if k != "search_info"]
    result["worst_median_ratio"] = max(result["ratio_median"][k] for k in targeted)
    result["targets_met"] = result["same_queries"] and all(result["ratio_median"][k] <= 1.5 for k in targeted)
    print(json.dumps(result))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_worker":
        kind, rest = sys.argv[2], sys.argv[3:]
        if kind == "world":
            out = worker_world(int(rest[0]), int(rest[1]))
        else:
            out = worker_pages(int(rest[0]), rest[1], rest[2])
        print(json.dumps(out))
    else:
        main()
