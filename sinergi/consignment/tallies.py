"""The consignment tally (rekap): sales per outlet village and month, with the units and the gross
Rupiah, kept by the sale service in the same transaction (`core.tallies`).

A sale is never edited, so the service adds its deltas directly (`sale_deltas`). `recompute`
rebuilds the tally from the sales (one GROUP BY); `differences()`, `repair()` and `rebuild()` are
the core's. The number of UMKM with goods in outlets cannot be summed across places (a producer
stocks several outlets), so it is counted live (`selectors_tallies.producers_stocked`).
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Sum

from sinergi.core import tallies as core
from sinergi.core.tallies import Difference, Tally, everywhere

SALES = Tally(
    "consignment_sales",
    ("month",),
    ("count", "qty", "gross"),
    model="consignment.SaleTally",
    rollups=everywhere(("month",)),
)
TALLIES = (SALES,)


def sale_deltas(region_code: str, sold_on, qty: int, gross: Decimal) -> None:
    """Count one new sale."""
    core.apply_deltas(SALES, {(region_code, sold_on.strftime("%Y-%m")): [1, qty, gross]})


def recompute(tally: Tally = SALES) -> dict:
    from sinergi.consignment.models import Sale, SaleLine

    totals: dict = {}
    for row in (
        Sale.objects.values("region_code", "sold_on").annotate(n=Count("pk"), g=Sum("total")).order_by()
    ):
        key = (row["region_code"], row["sold_on"].strftime("%Y-%m"))
        core.add(totals, key, [row["n"], 0, row["g"] or Decimal(0)])
    lines = SaleLine.objects.values("sale__region_code", "sale__sold_on").annotate(q=Sum("qty")).order_by()
    for row in lines:
        key = (row["sale__region_code"], row["sale__sold_on"].strftime("%Y-%m"))
        core.add(totals, key, [0, row["q"] or 0, Decimal(0)])
    return totals


def differences() -> list[Difference]:
    """Every tally row whose stored figures differ from a recount of the sales."""
    return core.differences(SALES, recompute())


def repair(found: list[Difference] | None = None) -> list[Difference]:
    return core.repair(differences() if found is None else found)


@transaction.atomic
def rebuild() -> None:
    core.rebuild(SALES, recompute())


def describe(item: Difference) -> list[str]:
    """One line per differing row, e.g. "Penjualan titip di 32.71.06.1001, 2026-11: tercatat 3
    penjualan, 10 unit, Rp50000; dihitung 4 penjualan, 12 unit, Rp60000"."""
    from django.utils.translation import gettext as _

    region, month = item.key
    return [
        _(
            "Penjualan titip di {region}, {month}: tercatat {s0} penjualan, {s1} unit, Rp{s2}; "
            "dihitung {c0} penjualan, {c1} unit, Rp{c2}"
        ).format(
            region=region,
            month=month,
            s0=item.stored[0],
            s1=item.stored[1],
            s2=item.stored[2],
            c0=item.counted[0],
            c1=item.counted[1],
            c2=item.counted[2],
        )
    ]
