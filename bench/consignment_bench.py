"""Consignment benchmark (issue: sales that never oversell): concurrent sellers at one outlet.

    .venv/bin/python bench/consignment_bench.py [--sellers 20] [--attempts 40] [--products 4]
        [--stock 150] [--database postgres|sqlite]

Builds a database with one outlet, one UMKM and `--products` consigned products holding `--stock`
units each (little stock for the demand), then measures in the same process and database:

* **concurrent**: `--sellers` threads, each with its own database connection, each trying
  `--attempts` sales of one or two random products (1–3 units each) through `sale_record`, the path
  of the sales screen, the API and the import;
* **reference**: one seller making the same number of attempts one after another on fresh stock.

Then it checks the books: oversells (units sold beyond the stock delivered, or a negative balance;
must be 0) and lost updates (balance rows that differ from the sum of their movements, plus sold
units whose movement is missing; must be 0). Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sinergi.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _world(products: int, stock: int, tag: str):
    from sinergi.accounts.models import Organization
    from sinergi.accounts.services import system_user
    from sinergi.consignment import services
    from sinergi.consignment.models import Outlet
    from sinergi.market.models import Product

    actor = system_user()
    coop = Organization.objects.create(
        kind="cooperative", name=f"Koperasi Bangku {tag}", region_id="32.71.03.1002"
    )
    umkm = Organization.objects.create(kind="umkm", name=f"UMKM Bangku {tag}", region_id="32.71.06.1003")
    outlet = Outlet.objects.create(
        organization=coop, name=f"Gerai {tag}", kind="minimarket", region_code="32.71.03.1002"
    )
    items = []
    for n in range(products):
        p = Product.objects.create(
            business=umkm,
            name=f"Produk {n}",
            category="makanan",
            unit="bungkus",
            price=Decimal(10000 + 500 * n),
            status="published",
            region_code=umkm.region_id,
        )
        items.append(services.ItemTerms(p.pk, p.price))
    agreement = services.agreement_create(
        actor=actor,
        outlet=outlet,
        producer=umkm,
        price_model="commission",
        commission_pct=Decimal(20),
        items=items,
        starts_on=_today(),
        activate=True,
    )
    services.delivery_receive(
        actor=actor,
        agreement=agreement,
        received_on=_today(),
        lines=[services.DeliveryLine(i.product_id, stock) for i in items],
    )
    return actor, outlet, [i.product_id for i in items]


def _today():
    from django.utils import timezone

    return timezone.localdate()


def _seller(actor, outlet, product_ids, attempts, seed, tally, lock, prefix):
    from django.db import connection

    from sinergi.consignment import services

    rng = random.Random(seed)
    sold = short = 0
    units = {}
    try:
        for i in range(attempts):
            picked = rng.sample(product_ids, k=rng.choice([1, 2]))
            rng.shuffle(picked)  # lines in any order: the service locks in product order
            lines = [services.LineIn(pid, rng.randint(1, 3)) for pid in picked]
            try:
                services.sale_record(
                    actor=actor,
                    outlet=outlet,
                    client_id=f"{prefix}-{seed}-{i}",
                    lines=lines,
                    paid_with="cash",
                )
                sold += 1
                for line in lines:
                    units[line.product_id] = units.get(line.product_id, 0) + line.qty
            except services.InsufficientStock:
                short += 1
    finally:
        connection.close()
    with lock:
        tally["sold"] += sold
        tally["short"] += short
        for pid, qty in units.items():
            tally["units"][pid] = tally["units"].get(pid, 0) + qty


def _run(actor, outlet, product_ids, sellers, attempts, prefix):
    tally = {"sold": 0, "short": 0, "units": {}}
    lock = threading.Lock()
    threads = [
        threading.Thread(
            target=_seller, args=(actor, outlet, product_ids, attempts, seed, tally, lock, prefix)
        )
        for seed in range(sellers)
    ]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - started, tally


def _books(outlet, product_ids, stock, tally):
    from django.db.models import Sum

    from sinergi.consignment.models import SaleLine, StockBalance, StockMovement
    from sinergi.consignment.services import stock_differences

    oversells = 0
    lost = len(stock_differences(outlet.pk))
    for pid in product_ids:
        sold_lines = (
            SaleLine.objects.filter(sale__outlet=outlet, product_id=pid).aggregate(n=Sum("qty"))["n"] or 0
        )
        moved = -(
            StockMovement.objects.filter(outlet=outlet, product_id=pid, kind="sale").aggregate(n=Sum("qty"))[
                "n"
            ]
            or 0
        )
        balance = StockBalance.objects.get(outlet=outlet, product_id=pid).on_hand
        oversells += max(0, sold_lines - stock) + (1 if balance < 0 else 0)
        lost += abs(sold_lines - moved) + abs(tally["units"].get(pid, 0) - sold_lines)
        lost += abs(stock - sold_lines - balance)
    return oversells, lost


def worker(sellers: int, attempts: int, products: int, stock: int) -> dict:
    _setup_django()
    from django.core.management import call_command
    from django.db import connection

    from sinergi.regions.services import regions_load

    call_command("migrate", verbosity=0)
    regions_load(only=("32.71",))
    actor, outlet, product_ids = _world(products, stock, "bersamaan")
    elapsed, tally = _run(actor, outlet, product_ids, sellers, attempts, "c")
    oversells, lost = _books(outlet, product_ids, stock, tally)
    # Reference: one seller, the same number of attempts, on fresh stock.
    ref_actor, ref_outlet, ref_products = _world(products, stock, "tunggal")
    ref_elapsed, ref_tally = _run(ref_actor, ref_outlet, ref_products, 1, sellers * attempts, "r")
    ref_over, ref_lost = _books(ref_outlet, ref_products, stock, ref_tally)
    connection.close()
    return {
        "sellers": sellers,
        "attempts": sellers * attempts,
        "sales": tally["sold"],
        "refused": tally["short"],
        "units_sold": sum(tally["units"].values()),
        "stock": products * stock,
        "seconds": round(elapsed, 3),
        "sales_per_s": round(tally["sold"] / elapsed, 1),
        "attempts_per_s": round(sellers * attempts / elapsed, 1),
        "oversells": oversells,
        "lost_updates": lost,
        "reference_attempts_per_s": round(sellers * attempts / ref_elapsed, 1),
        "ratio_to_one_seller": round((sellers * attempts / elapsed) / (sellers * attempts / ref_elapsed), 2),
        "reference_oversells": ref_over,
        "reference_lost_updates": ref_lost,
    }


def _database_url(kind: str, workdir: Path) -> str:
    if kind == "postgres":
        name = "bench_consignment"
        for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
            subprocess.run(
                ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", sql], check=True
            )
        return f"postgres://postgres@127.0.0.1:5432/{name}"
    db = workdir / "bench_consignment.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    return f"sqlite:///{db}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sellers", type=int, default=20)
    parser.add_argument("--attempts", type=int, default=40, help="sales each seller tries")
    parser.add_argument("--products", type=int, default=4)
    parser.add_argument("--stock", type=int, default=150, help="units of each product delivered")
    parser.add_argument("--database", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--workdir", default="/tmp/sinergi-consignment-bench")
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
        str(args.sellers),
        str(args.attempts),
        str(args.products),
        str(args.stock),
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"benchmark failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["database"] = args.database
    print(json.dumps(result))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_worker":
        print(json.dumps(worker(*(int(v) for v in sys.argv[2:6]))))
    else:
        main()
