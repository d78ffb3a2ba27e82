"""Benchmark: one Belanja Bareng round, our optimiser against one plain monolithic HiGHS model.

Scenario (DESIGN.md §7): 500 cooperatives × 200 products × 5 suppliers, each cooperative ordering
about 20 products, all-units volume tiers and per-district delivery fees over the 30 kecamatan of
Kota Bandung (32.73.01 … 32.73.30). Staple prices come from the Badan Pangan Nasional consumer
prices shipped in `sinergi/purchasing/data/`; packaged goods get generated prices in realistic ranges.

Both solvers run in the same process on the same instance at the same relative gap tolerance, so
the ratio is meaningful on a noisy machine. The reference is the textbook "tight" model: one binary
per (line, supplier), one delivery binary per (buyer, supplier) with x ≤ y per line, and each
tier a segment whose quantity is bounded by its own range. It prints one line of JSON.

    .venv/bin/python bench/purchasing_bench.py [--seed N] [--small] [--time-limit S]
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

import highspy
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sinergi.purchasing.optimizer import (  # noqa: E402
    Instance,
    Offer,
    OrderLine,
    Supplier,
    Tier,
    quiet_highs,
    solve,
)

PRICES_CSV = ROOT / "sinergi/purchasing/data/bapanas_harga_konsumen_kota_bandung_2025-09-13_2025-11-16.csv"
DISTRICTS = tuple(f"32.73.{i:02d}" for i in range(1, 31))

# Staples sold in the packs cooperatives actually buy: (product id, Bapanas commodity, units per pack).
STAPLES = (
    ("beras-premium-5kg", "Beras Premium", 5),
    ("beras-premium-10kg", "Beras Premium", 10),
    ("beras-medium-5kg", "Beras Medium", 5),
    ("beras-medium-10kg", "Beras Medium", 10),
    ("beras-medium-25kg", "Beras Medium", 25),
    ("beras-sphp-5kg", "Beras SPHP", 5),
    ("gula-pasir-1kg", "Gula Konsumsi", 1),
    ("gula-pasir-50kg", "Gula Konsumsi", 50),
    ("minyak-goreng-kemasan-1l", "Minyak Goreng Kemasan", 1),
    ("minyak-goreng-kemasan-2l", "Minyak Goreng Kemasan", 2),
    ("minyak-goreng-curah-jerigen-18l", "Minyak Goreng Curah", 18),
    ("minyakita-1l", "Minyakita", 1),
    ("tepung-terigu-kemasan-1kg", "Tepung Terigu Kemasan", 1),
    ("tepung-terigu-curah-25kg", "Tepung Terigu (Curah)", 25),
    ("telur-ayam-ras-1kg", "Telur Ayam Ras", 1),
    ("telur-ayam-ras-peti-15kg", "Telur Ayam Ras", 15),
    ("garam-konsumsi-1kg", "Garam Konsumsi", 1),
    ("bawang-merah-1kg", "Bawang Merah", 1),
    ("bawang-putih-1kg", "Bawang Putih Bonggol", 1),
    ("daging-ayam-ras-1kg", "Daging Ayam Ras", 1),
)

# Packaged goods: (category, pack, price range in Rupiah, food?). Each category gets several brands.
PACKAGED = (
    ("mie-instan", "dus-40", (98_000, 125_000), True),
    ("kecap-manis", "botol-520ml", (19_000, 28_000), True),
    ("saus-sambal", "botol-340ml", (10_000, 17_000), True),
    ("teh-celup", "kotak-25", (5_500, 9_500), True),
    ("kopi-sachet", "renceng-10", (11_000, 17_000), True),
    ("susu-kental-manis", "kaleng-370g", (10_500, 14_500), True),
    ("biskuit", "kaleng-600g", (35_000, 65_000), True),
    ("sarden", "kaleng-425g", (19_000, 30_000), True),
    ("margarin", "sachet-200g", (6_500, 10_000), True),
    ("bumbu-instan", "renceng-12", (14_000, 22_000), True),
    ("air-mineral", "dus-24x600ml", (40_000, 56_000), True),
    ("minuman-serbuk", "renceng-10", (9_000, 15_000), True),
    ("sabun-mandi", "batang-85g-isi-4", (13_000, 19_000), False),
    ("deterjen-bubuk", "kemasan-800g", (19_000, 28_000), False),
    ("pasta-gigi", "tube-190g", (12_000, 18_000), False),
    ("sampo-sachet", "renceng-12", (9_000, 14_000), False),
    ("sabun-cuci-piring", "pouch-780ml", (13_000, 19_000), False),
    ("pembersih-lantai", "pouch-800ml", (12_000, 18_000), False),
    ("tisu", "pak-250-lembar", (10_000, 17_000), False),
    ("popok-bayi", "pak-m-20", (45_000, 75_000), False),
)
BRANDS = ("sari", "prima", "nusa", "jaya", "mekar", "rasa", "cahaya", "berkah", "lestari")

# Five suppliers with different assortments, price levels, tier schedules and delivery coverage.
# (id, kind, share of districts served, fee range, price factor range, tiers (min, max))
SUPPLIERS = (
    ("perum-pangan", "staples", 1.00, (60_000, 180_000), (0.90, 0.95), (2, 3)),  # Bulog-like
    ("pangan-nusantara", "food", 0.85, (80_000, 220_000), (0.88, 0.94), (3, 4)),  # Indofood-like
    ("rumah-tangga-sejahtera", "household", 0.80, (80_000, 250_000), (0.87, 0.93), (3, 4)),  # Unilever-like
    ("grosir-priangan", "all", 1.00, (50_000, 150_000), (0.93, 0.99), (2, 3)),  # wholesaler, everything
    ("grosir-cibadak", "most", 0.65, (50_000, 120_000), (0.90, 0.97), (2, 4)),  # wholesaler, partial
)


def staple_prices(path: Path = PRICES_CSV) -> dict[str, float]:
    """Mean consumer price per commodity over the window; `Harga = 0` means no report that day."""
    sums: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            price = float(row["Harga"])
            if price > 0:
                sums[row["Komoditas"]] += price
                counts[row["Komoditas"]] += 1
    return {name: sums[name] / counts[name] for name in sums}


def _round_number(value: float) -> int:
    """Snap to the 1-2-2.5-5 series suppliers use for breakpoints (10, 20, 25, 50, 100, …)."""
    if value < 2:
        return 2
    exponent = 10 ** math.floor(math.log10(value))
    steps = (1, 2, 2.5, 5, 10)
    best = min(steps, key=lambda step: abs(math.log(value / (step * exponent))))
    return max(2, int(best * exponent))


def _catalogue(rng: random.Random, prices: dict[str, float]) -> list[tuple[str, int, str]]:
    """(product id, wholesale base price, kind) for all 200 products, staples and brands interleaved."""
    staples = [(pid, int(prices[commodity] * units * 0.95), "staples") for pid, commodity, units in STAPLES]
    packaged = []
    for brand in BRANDS:
        for category, pack, (low, high), food in PACKAGED:
            price = rng.randrange(low, high, 100)
            packaged.append((f"{category}-{brand}-{pack}", price, "food" if food else "household"))
    # Interleave so that a small instance (first n products) still has staples and both kinds of brand.
    catalogue: list[tuple[str, int, str]] = []
    stride = max(1, len(packaged) // len(staples))
    for i, staple in enumerate(staples):
        catalogue.append(staple)
        catalogue.extend(packaged[i * stride : (i + 1) * stride])
    catalogue.extend(packaged[len(staples) * stride :])
    return catalogue


def _carries(kind: str, product: str, product_kind: str, rng: random.Random) -> bool:
    """Assortments overlap the way distributors' do: brand houses also carry partner lines."""
    if kind == "all":
        return True
    if kind == "most":
        return rng.random() < 0.7
    if kind == product_kind:
        return True
    if kind == "staples":  # Bulog-like: own-label packaged food next to rice and sugar
        return product_kind == "food" and rng.random() < 0.15
    if kind == "food":  # Indofood-like: its own cooking oil and flour mills
        return product.startswith(("minyak-goreng-kemasan", "tepung-terigu"))
    # Unilever-like: soy sauce, tea and seasoning brands beside household goods
    return product.startswith(("kecap-manis", "teh-celup", "bumbu-instan"))


def generate_instance(
    *, seed: int, cooperatives: int = 500, products: int = 200, per_cooperative: int = 20
) -> Instance:
    """A reproducible, realistic round: popular staples, skewed cooperative sizes, tiers near the pool."""
    rng = random.Random(seed)
    nprng = np.random.default_rng(seed)
    catalogue = _catalogue(rng, staple_prices())[:products]
    n = len(catalogue)
    popularity = np.array(
        [3.0 if kind == "staples" else rng.lognormvariate(0, 0.7) for _, _, kind in catalogue]
    )
    # A typical line is worth Rp 0.5–2.5 million: a few cartons, or tens of rice sacks.
    typical_qty = [max(2.0, rng.uniform(500_000, 2_500_000) / price) for _, price, _ in catalogue]

    orders: list[OrderLine] = []
    demand = np.zeros(n)
    district_weight = np.array([rng.uniform(0.5, 1.5) for _ in DISTRICTS])
    for c in range(cooperatives):
        buyer = f"kop-{c + 1:04d}"
        district = DISTRICTS[int(nprng.choice(len(DISTRICTS), p=district_weight / district_weight.sum()))]
        size = rng.lognormvariate(0, 0.5)
        k = min(n, max(1, per_cooperative + rng.randint(-4, 4)))
        chosen = nprng.choice(n, size=k, replace=False, p=popularity / popularity.sum())
        for j in sorted(int(j) for j in chosen):
            qty = max(1, round(typical_qty[j] * size * rng.lognormvariate(0, 0.35)))
            demand[j] += qty
            orders.append(OrderLine(buyer=buyer, district=district, product=catalogue[j][0], qty=qty))

    suppliers: list[Supplier] = []
    offers: list[Offer] = []
    for sid, kind, coverage, (fee_low, fee_high), (factor_low, factor_high), (
        tiers_low,
        tiers_high,
    ) in SUPPLIERS:
        depot = rng.randrange(len(DISTRICTS))
        served = [i for i in range(len(DISTRICTS)) if i == depot or rng.random() < coverage]
        fees = {}
        for i in served:
            distance = abs(i - depot) / (len(DISTRICTS) - 1)
            fee = fee_low + (fee_high - fee_low) * distance * rng.uniform(0.7, 1.3)
            fees[DISTRICTS[i]] = int(min(fee_high, max(fee_low, round(fee / 5_000) * 5_000)))
        suppliers.append(Supplier(id=sid, delivery_fee=fees))
        wholesaler = kind in ("all", "most")
        for j, (pid, base, product_kind) in enumerate(catalogue):
            if not _carries(kind, pid, product_kind, rng):
                continue
            price = base * rng.uniform(factor_low, factor_high)
            count = rng.randint(tiers_low, tiers_high)
            fractions = sorted(rng.sample((0.03, 0.06, 0.1, 0.15, 0.25, 0.4, 0.6, 0.8), count - 1))
            tiers = [Tier(1, int(round(price, -2)))]
            for fraction in fractions:
                min_qty = _round_number(fraction * max(demand[j], 2.0))
                if min_qty <= tiers[-1].min_qty:
                    continue
                price *= 1 - (rng.uniform(0.008, 0.025) if wholesaler else rng.uniform(0.012, 0.035))
                unit_price = min(tiers[-1].unit_price, int(round(price, -2)))
                tiers.append(Tier(min_qty, unit_price))
            offers.append(Offer(supplier=sid, product=pid, tiers=tuple(tiers)))
    return Instance(suppliers=tuple(suppliers), offers=tuple(offers), orders=tuple(orders))


def monolithic_solve(instance: Instance, *, gap: float, time_limit: float) -> dict:
    """The reference: one plain tight MILP of the whole round, solved by HiGHS with default settings."""
    started = time.perf_counter()
    fee = {s.id: s.delivery_fee for s in instance.suppliers}
    offers_of: dict[str, list[Offer]] = defaultdict(list)
    for offer in instance.offers:
        offers_of[offer.product].append(offer)
    district = {line.buyer: line.district for line in instance.orders}

    cost: list[float] = []
    upper: list[float] = []
    integer: list[int] = []
    rows: list[tuple[float, float, list[int], list[float]]] = []

    def column(c: float, ub: float, is_int: bool) -> int:
        cost.append(c)
        upper.append(ub)
        integer.append(1 if is_int else 0)
        return len(cost) - 1

    # y[buyer, supplier]: the delivery fee is paid; x[line, supplier]: the line goes there (x ≤ y).
    y: dict[tuple[str, str], int] = {}
    for buyer, d in district.items():
        for s, fees in fee.items():
            if d in fees:
                y[buyer, s] = column(fees[d], 1, True)
    offer_volume: dict[tuple[str, str], tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
    for line in instance.orders:
        xs = []
        for offer in offers_of[line.product]:
            if (line.buyer, offer.supplier) in y:
                x = column(0, 1, True)
                xs.append(x)
                rows.append((-math.inf, 0, [x, y[line.buyer, offer.supplier]], [1, -1]))
                idx, val = offer_volume[offer.supplier, offer.product]
                idx.append(x)
                val.append(-line.qty)
        rows.append((1, 1, xs, [1] * len(xs)))
    # Each tier a segment: z[offer, tier] binary, q its quantity in [min_qty, next min_qty − 1]·z,
    # at most one segment per offer, and the segments add up to the quantity the lines bring.
    for offer in instance.offers:
        idx, val = offer_volume.get((offer.supplier, offer.product), ([], []))
        total = -sum(val)
        if total == 0:
            continue
        zs, qs = [], []
        for t, tier in enumerate(offer.tiers):
            if tier.min_qty > total:
                break
            top = offer.tiers[t + 1].min_qty - 1 if t + 1 < len(offer.tiers) else total
            top = min(top, total)
            z = column(0, 1, True)
            q = column(tier.unit_price, top, False)
            rows.append((-math.inf, 0, [q, z], [1, -top]))
            rows.append((0, math.inf, [q, z], [1, -tier.min_qty]))
            zs.append(z)
            qs.append(q)
        rows.append((-math.inf, 1, zs, [1] * len(zs)))
        rows.append((0, 0, qs + idx, [1] * len(qs) + val))

    highs = quiet_highs()
    highs.setOptionValue("mip_rel_gap", gap)
    highs.setOptionValue("time_limit", time_limit)
    lp = highspy.HighsLp()
    lp.num_col_ = len(cost)
    lp.num_row_ = len(rows)
    lp.col_cost_ = np.array(cost, dtype=float)
    lp.col_lower_ = np.zeros(len(cost))
    lp.col_upper_ = np.array(upper, dtype=float)
    lp.row_lower_ = np.array([r[0] for r in rows], dtype=float)
    lp.row_upper_ = np.array([r[1] for r in rows], dtype=float)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.concatenate([[0], np.cumsum([len(r[2]) for r in rows])]).astype(np.int32)
    lp.a_matrix_.index_ = np.array([i for r in rows for i in r[2]], dtype=np.int32)
    lp.a_matrix_.value_ = np.array([v for r in rows for v in r[3]], dtype=float)
    lp.integrality_ = [
        highspy.HighsVarType.kInteger if i else highspy.HighsVarType.kContinuous for i in integer
    ]
    highs.passModel(lp)
    solve_started = time.perf_counter()
    highs.run()
    solve_seconds = time.perf_counter() - solve_started
    info = highs.getInfo()
    status = highs.modelStatusToString(highs.getModelStatus())
    objective = info.objective_function_value if info.primal_solution_status == 2 else math.inf
    bound = info.mip_dual_bound
    return {
        "seconds": time.perf_counter() - started,
        "solve_seconds": solve_seconds,
        "status": status,
        "cost": objective,
        "bound": bound,
        "gap": (objective - bound) / objective if math.isfinite(objective) else math.inf,
        "nodes": info.mip_node_count,
        "columns": len(cost),
        "rows": len(rows),
    }


FULL = {"cooperatives": 500, "products": 200, "per_cooperative": 20}
SMALL = {"cooperatives": 60, "products": 40, "per_cooperative": 10}


def run(
    *, seed: int, cooperatives: int, products: int, per_cooperative: int, time_limit: float = 600.0
) -> dict:
    """Generate one round, solve it both ways in this process, and return the figures."""
    instance = generate_instance(
        seed=seed, cooperatives=cooperatives, products=products, per_cooperative=per_cooperative
    )
    gap = 0.001
    started = time.perf_counter()
    plan = solve(instance, gap_tolerance=gap, time_limit=time_limit)
    ours = time.perf_counter() - started
    reference = monolithic_solve(instance, gap=gap, time_limit=time_limit)
    return {
        "scenario": "purchasing_round",
        "seed": seed,
        "cooperatives": cooperatives,
        "products": products,
        "suppliers": len(instance.suppliers),
        "lines": len(instance.orders),
        "offers": len(instance.offers),
        "ours_s": round(ours, 3),
        # HiGHS's own run only: leaving out the reference's model building is the stricter ratio.
        "monolithic_s": round(reference["solve_seconds"], 3),
        "monolithic_build_s": round(reference["seconds"] - reference["solve_seconds"], 3),
        "ratio": round(ours / reference["solve_seconds"], 4),
        "ours_status": plan.status,
        "ours_gap": round(plan.gap, 6),
        "monolithic_status": reference["status"],
        "monolithic_gap": round(reference["gap"], 6),
        "total_cost": plan.total_cost,
        "monolithic_cost": reference["cost"],
        "lower_bound": plan.stats.lower_bound,
        "alone_cost": plan.alone_cost,
        "savings": plan.savings,
        "savings_pct": round(100 * plan.savings / plan.alone_cost, 3),
        "method": plan.stats.method,
        "lp_rounds": plan.stats.lp_rounds,
        "targets_met": plan.gap <= gap and ours <= 0.25 * reference["solve_seconds"],
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--small", action="store_true", help=f"{SMALL} instead of {FULL}")
    parser.add_argument("--time-limit", type=float, default=600.0, help="per solver, seconds")
    args = parser.parse_args(argv)
    sizes = SMALL if args.small else FULL
    print(json.dumps(run(seed=args.seed, time_limit=args.time_limit, **sizes)))


if __name__ == "__main__":
    main()
