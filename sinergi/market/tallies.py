"""The market's tally (rekap produk): products per village, category, status and legality state,
kept by every market write in the same transaction (`core.tallies`).

The village is the product's `region_code` (the producer's, copied at creation). The legality
dimension is the state kept on the product (`Product.legality_state`), which the services and the
daily check (`market_legality_check`) set; so a recount always matches what was kept, whatever the
day. `recompute` rebuilds the tally from the products (one GROUP BY); `differences()`, `repair()`
and `rebuild()` are the core's.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count

from sinergi.core import tallies as core
from sinergi.core.tallies import Difference, Tally, everywhere, locked_values

DIMENSIONS = ("category", "status", "legality")
PRODUCTS = Tally(
    "market_products", DIMENSIONS, ("count",), model="market.ProductTally", rollups=everywhere(DIMENSIONS)
)
# UMKM with at least one published product, per village (the producer's own village).
PRODUCERS = Tally("market_producers", (), ("count",), model="market.ProducerTally", rollups=everywhere(()))
TALLIES = (PRODUCTS, PRODUCERS)

PRODUCT_VALUES = ("region_code", "category", "status", "legality_state")


def product_contribution(values: tuple) -> list:
    region, category, status, legality = values
    if not region:
        return []
    return [(PRODUCTS, (region, category, status, legality), (1,))]


def _read(pks: list[int]) -> dict[int, tuple]:
    from sinergi.market.models import Product

    return locked_values(Product.objects.all(), PRODUCT_VALUES, pks)


PRODUCER_VALUES = ("region_id", "published")


def producer_contribution(values: tuple) -> list:
    region, published = values
    if not region or not published:
        return []
    return [(PRODUCERS, (region,), (1,))]


def _read_producers(pks: list[int]) -> dict[int, tuple]:
    """Each business's region and whether it has a published product now (the products were
    locked by the same write)."""
    from sinergi.accounts.models import Organization
    from sinergi.market.models import Product, ProductStatus

    published = set(
        Product.objects.filter(business_id__in=pks, status=ProductStatus.PUBLISHED)
        .values_list("business_id", flat=True)
        .distinct()
    )
    rows = Organization.objects.filter(pk__in=pks).values_list("pk", "region_id")
    return {pk: (region or "", pk in published) for pk, region in rows}


class TallyChange(core.TallyChange):
    """The products one write touches: `watch(products=…)` before the write, `created(products=…)`
    for a new product, `apply()` after."""

    def __init__(self) -> None:
        super().__init__(
            {
                "products": (_read, product_contribution, PRODUCT_VALUES),
                "producers": (_read_producers, producer_contribution, PRODUCER_VALUES),
            },
            TALLIES,
        )

    def watch_product(self, product) -> TallyChange:
        """Watch a product and its producer (whether the UMKM has a published product)."""
        return self.watch(products=[product.pk], producers=[product.business_id])


def recompute(tally: Tally = PRODUCTS) -> dict:
    from sinergi.market.models import Product, ProductStatus

    if tally is PRODUCERS:
        totals: dict = {}
        rows = (
            Product.objects.filter(status=ProductStatus.PUBLISHED)
            .values_list("business_id", "business__region_id")
            .distinct()
        )
        for _business, region in rows:
            for _tally, key, _measures in producer_contribution((region, True)):
                totals.setdefault(key, [0])[0] += 1
        return totals
    rows = Product.objects.values(*PRODUCT_VALUES).annotate(n=Count("pk")).order_by()
    totals: dict = {}
    for row in rows:
        for _tally, key, _measures in product_contribution(tuple(row[name] for name in PRODUCT_VALUES)):
            totals.setdefault(key, [0])[0] += row["n"]
    return totals


def differences() -> list[Difference]:
    """Every tally row whose stored count differs from a recount of the products."""
    return [item for tally in TALLIES for item in core.differences(tally, recompute(tally))]


def repair(found: list[Difference] | None = None) -> list[Difference]:
    return core.repair(differences() if found is None else found)


@transaction.atomic
def rebuild() -> None:
    for tally in TALLIES:
        core.rebuild(tally, recompute(tally))


def describe(item: Difference) -> list[str]:
    """One line per differing row, e.g. "Produk di 32.71.06.1003, Makanan, Tayang, Berlaku:
    tercatat 0, dihitung 1" (`sinergi insights_verify`)."""
    from django.utils.translation import gettext as _

    from sinergi.market.models import Category, LegalityState, ProductStatus

    if item.tally is PRODUCERS:
        where = _("UMKM dengan produk tayang di {region}").format(region=item.key[0])
        figures = _("tercatat {stored}, dihitung {counted}").format(
            stored=item.stored[0], counted=item.counted[0]
        )
        return [f"{where}: {figures}"]
    region, category, status, legality = item.key
    where = _("Produk di {region}, {category}, {status}, {legality}").format(
        region=region,
        category=Category(category).label if category in Category.values else category or "-",
        status=ProductStatus(status).label if status in ProductStatus.values else status or "-",
        legality=LegalityState(legality).label if legality in LegalityState.values else legality or "-",
    )
    figures = _("tercatat {stored}, dihitung {counted}").format(
        stored=item.stored[0], counted=item.counted[0]
    )
    return [f"{where}: {figures}"]
