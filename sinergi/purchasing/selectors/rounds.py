"""Rounds a user reaches, their offers, the live pooled view, and members' orders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from sinergi.accounts.models import (
    Organization,
)
from sinergi.accounts.scoping import reach_of
from sinergi.purchasing.filters import RoundFilters
from sinergi.purchasing.models import (
    Order,
    OrderLine,
    Product,
    Round,
    RoundOffer,
    RoundStatus,
)
from sinergi.purchasing.selectors.access import (
    coordinated_ids,
    may_view_whole_network,
    one_or_404,
)
from sinergi.registry.selectors_networks import ordering_cooperatives


def round_list(*, user, filters: RoundFilters | None = None) -> QuerySet[Round]:
    """Rounds of the networks the user reaches; members do not see rounds still in draft."""
    filters = filters or RoundFilters()
    reach = reach_of(user)
    qs = Round.objects.all()
    if not reach.everything:
        q = reach.region_q("network__region")
        coordinated = coordinated_ids(reach)
        if coordinated:
            q |= Q(network__lead_id__in=coordinated)
        cooperatives = reach.managed_cooperative_ids()
        if cooperatives:
            q |= Q(
                network__memberships__organization_id__in=cooperatives, network__memberships__state="member"
            ) & ~Q(status=RoundStatus.DRAFT)
        qs = qs.filter(pk__in=Round.objects.filter(q).values("pk"))
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.network:
        qs = qs.filter(network_id=filters.network)
    if filters.q:
        qs = qs.filter(name__icontains=filters.q)
    return qs.select_related("network", "network__lead", "network__region").order_by("-opens_at", "-pk")


def access_round(*, user, pk) -> Round:
    return one_or_404(round_list(user=user), pk)


def accepts_orders(round: Round, now: dt.datetime | None = None) -> bool:
    """Open, and inside its ordering window."""
    now = now or timezone.now()
    return round.status == RoundStatus.OPEN and round.opens_at <= now < round.closes_at


def round_offers(*, round: Round) -> QuerySet[RoundOffer]:
    return round.offers.select_related("product", "supplier").order_by(
        "product__category", "product__name", "supplier__name"
    )


def round_products(*, round: Round) -> list[Product]:
    """The products on offer in a round, each once, in catalogue order."""
    seen: dict[int, Product] = {}
    for offer in round_offers(round=round):
        seen.setdefault(offer.product_id, offer.product)
    return list(seen.values())


def current_prices(*, round: Round, board) -> dict[int, int]:
    """Each product's unit price as things stand: the best price at the pooled quantity, or for a
    product nobody has ordered yet the cheapest first tier. The order form's estimated total."""
    prices: dict[int, int] = {}
    for offer in round.offers.all():
        first = int(offer.tiers[0][1]) if offer.tiers else None
        if first is not None and (offer.product_id not in prices or first < prices[offer.product_id]):
            prices[offer.product_id] = first
    for pool in board:
        prices[pool.product.pk] = int(pool.best_price)
    return prices


@dataclass(frozen=True)
class OfferPosition:
    """Where one supplier's tiers stand at a pooled quantity."""

    supplier: Organization
    tier: int  # 1-based
    unit_price: Decimal
    next_min_qty: int | None
    next_price: Decimal | None


@dataclass(frozen=True)
class ProductPool:
    """A product's pooled quantity in a round and how far it is from a cheaper tier.

    The meter assumes the whole quantity goes to one supplier, as members picture it; the
    optimiser may split it, which can only be cheaper.
    """

    product: Product
    qty: int
    cooperatives: int
    offers: tuple[OfferPosition, ...]
    best_price: Decimal
    best_supplier: Organization
    missing: int | None  # units more until some supplier's price drops below best_price
    next_price: Decimal | None
    next_supplier: Organization | None

    @property
    def progress(self) -> int:
        if self.missing is None:
            return 100
        return self.qty * 100 // (self.qty + self.missing)


def tier_index(tiers: list, qty: int) -> int:
    """0-based index of the all-units tier `qty` reaches (the first tier for qty 0)."""
    index = 0
    for i, (min_qty, _price) in enumerate(tiers):
        if qty >= min_qty:
            index = i
    return index


def _pool(product: Product, offers: list[RoundOffer], qty: int, cooperatives: int) -> ProductPool:
    positions = []
    best_price, best_supplier = None, None
    for offer in offers:
        i = tier_index(offer.tiers, qty)
        price = Decimal(offer.tiers[i][1])
        following = offer.tiers[i + 1] if i + 1 < len(offer.tiers) else None
        positions.append(
            OfferPosition(
                supplier=offer.supplier,
                tier=i + 1,
                unit_price=price,
                next_min_qty=following[0] if following else None,
                next_price=Decimal(following[1]) if following else None,
            )
        )
        if best_price is None or price < best_price:
            best_price, best_supplier = price, offer.supplier
    missing = next_price = next_supplier = None
    for offer in offers:
        for min_qty, price in offer.tiers:
            if min_qty > qty and Decimal(price) < best_price:
                gap = min_qty - qty
                if missing is None or (gap, price) < (missing, next_price):
                    missing, next_price, next_supplier = gap, Decimal(price), offer.supplier
                break  # later tiers of this offer need even more units
    return ProductPool(
        product=product,
        qty=qty,
        cooperatives=cooperatives,
        offers=tuple(positions),
        best_price=best_price,
        best_supplier=best_supplier,
        missing=missing,
        next_price=next_price,
        next_supplier=next_supplier,
    )


def round_board(*, round: Round) -> list[ProductPool]:
    """The live view of a round: per product, the pooled quantity and the next cheaper tier."""
    offers_of: dict[int, list[RoundOffer]] = {}
    products: dict[int, Product] = {}
    for offer in round_offers(round=round):
        offers_of.setdefault(offer.product_id, []).append(offer)
        products[offer.product_id] = offer.product
    totals = {
        row["product_id"]: (row["qty"], row["n"])
        for row in OrderLine.objects.filter(order__round=round, dropped_at__isnull=True)
        .values("product_id")
        .annotate(qty=Sum("qty"), n=Count("order", distinct=True))
    }
    return [
        _pool(products[pid], offers_of[pid], *totals.get(pid, (0, 0)))
        for pid in offers_of  # already in catalogue order
    ]


def round_orders(*, user, round: Round) -> QuerySet[Order]:
    """Orders of a round: all of them for coordinators and the office, else the user's own."""
    qs = round.orders.select_related("cooperative", "cooperative__region", "updated_by").prefetch_related(
        Prefetch("lines", queryset=OrderLine.objects.select_related("product"))
    )
    if may_view_whole_network(user, round.network):
        return qs.order_by("cooperative__name")
    return qs.filter(cooperative_id__in=reach_of(user).managed_cooperative_ids())


def access_member(*, user, round: Round, cooperative_pk) -> Organization:
    """A member cooperative of the round's network whose order or bill the user may see."""
    cooperative = one_or_404(ordering_cooperatives(round.network), cooperative_pk)
    if may_view_whole_network(user, round.network):
        return cooperative
    if reach_of(user).manages_cooperative(cooperative.pk):
        return cooperative
    raise Http404


def order_of(*, round: Round, cooperative: Organization) -> Order | None:
    """A member's order (after `access_member`), with its lines."""
    return (
        Order.objects.filter(round=round, cooperative=cooperative)
        .prefetch_related(Prefetch("lines", queryset=OrderLine.objects.select_related("product")))
        .first()
    )


def round_problems(*, round: Round) -> list[dict]:
    """Order lines the last optimisation could not place, with their names for the page."""
    return list(round.problems or [])
