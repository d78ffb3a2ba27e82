"""Price lists, the catalogue with ceiling warnings, and delivery fees."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from sinergi.accounts.models import (
    Organization,
)
from sinergi.accounts.scoping import reach_of
from sinergi.purchasing.filters import CatalogueFilters, PriceListFilters
from sinergi.purchasing.models import (
    DeliveryFee,
    PriceList,
    PriceListItem,
    PriceTier,
    Product,
    Round,
)
from sinergi.purchasing.prices import CeilingWarning, ceiling_warning
from sinergi.purchasing.selectors.access import (
    may_correct_products,
    may_see_all_prices,
    one_or_404,
    supplied_ids,
)
from sinergi.regions.models import Region


def price_list_list(*, user, filters: PriceListFilters | None = None) -> QuerySet[PriceList]:
    filters = filters or PriceListFilters()
    qs = PriceList.objects.all()
    if not may_see_all_prices(user) and not reach_of(user).everything:
        qs = qs.filter(supplier_id__in=supplied_ids(reach_of(user)))
    if filters.supplier:
        qs = qs.filter(supplier_id=filters.supplier)
    if filters.validity == "current":
        today = timezone.localdate()
        qs = qs.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today), valid_from__lte=today)
    return (
        qs.select_related("supplier")
        .annotate(n_items=Count("items"))
        .order_by("supplier__name", "-valid_from")
    )


def access_price_list(*, user, pk) -> PriceList:
    return one_or_404(price_list_list(user=user), pk)


def price_list_items(*, price_list: PriceList) -> QuerySet[PriceListItem]:
    return price_list.items.select_related("product").prefetch_related(
        Prefetch("tiers", queryset=PriceTier.objects.order_by("min_qty"))
    )


def valid_price_list(*, supplier_id: int, on: dt.date) -> PriceList | None:
    """The supplier's list in force on a day: the latest `valid_from` among those covering it."""
    return (
        PriceList.objects.filter(supplier_id=supplier_id, valid_from__lte=on)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
        .order_by("-valid_from", "-pk")
        .first()
    )


def suppliers_for_round(*, round: Round) -> list[tuple[Organization, PriceList | None]]:
    """Organisations that could supply a round, with the price list valid on its closing day."""
    on = timezone.localtime(round.closes_at).date()
    candidates = (
        Organization.objects.filter(price_lists__isnull=False, is_active=True).distinct().order_by("name")
    )
    return [(org, valid_price_list(supplier_id=org.pk, on=on)) for org in candidates]


def tier_warnings(product: Product, tiers) -> list[CeilingWarning | None]:
    """A ceiling warning (or None) for each tier, tiers given as PriceTier rows or [min, price]."""
    warnings = []
    for tier in tiers:
        price = tier.unit_price if isinstance(tier, PriceTier) else Decimal(tier[1])
        warnings.append(
            ceiling_warning(
                commodity=product.commodity,
                pack_size=product.pack_size,
                content_unit=product.content_unit,
                unit_price=price,
            )
        )
    return warnings


@dataclass
class CatalogueOffer:
    supplier: Organization
    price_list: PriceList
    tiers: list[PriceTier]
    warnings: list[CeilingWarning | None]

    @property
    def warned(self) -> bool:
        return any(self.warnings)


@dataclass
class CatalogueRow:
    product: Product
    offers: list[CatalogueOffer] = field(default_factory=list)

    @property
    def warned(self) -> bool:
        return any(o.warned for o in self.offers)


def catalogue(
    *, user, filters: CatalogueFilters | None = None, on: dt.date | None = None
) -> list[CatalogueRow]:
    """Products with the offers of the price lists in force today (a supplier sees only its
    own offers), each tier checked against the government ceiling."""
    filters = filters or CatalogueFilters()
    on = on or timezone.localdate()
    # Offices also see deactivated products, to correct or reactivate them.
    products = Product.objects.all() if may_correct_products(user) else Product.objects.filter(is_active=True)
    if filters.category:
        products = products.filter(category=filters.category)
    if filters.q:
        products = products.filter(Q(name__icontains=filters.q) | Q(code__icontains=filters.q))
    lists = PriceList.objects.filter(valid_from__lte=on).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=on)
    )
    if not may_see_all_prices(user) and not reach_of(user).everything:
        lists = lists.filter(supplier_id__in=supplied_ids(reach_of(user)))
    current: dict[int, PriceList] = {}
    for price_list in lists.select_related("supplier").order_by("supplier_id", "-valid_from", "-pk"):
        current.setdefault(price_list.supplier_id, price_list)
    items = (
        PriceListItem.objects.filter(price_list__in=list(current.values()), product__in=products)
        .select_related("price_list", "price_list__supplier")
        .prefetch_related(Prefetch("tiers", queryset=PriceTier.objects.order_by("min_qty")))
        .order_by("price_list__supplier__name")
    )
    rows = {p.pk: CatalogueRow(product=p) for p in products.order_by("category", "name")}
    for item in items:
        tiers = list(item.tiers.all())
        rows[item.product_id].offers.append(
            CatalogueOffer(
                supplier=item.price_list.supplier,
                price_list=item.price_list,
                tiers=tiers,
                warnings=tier_warnings(rows[item.product_id].product, tiers),
            )
        )
    result = list(rows.values())
    if filters.warnings:
        result = [row for row in result if row.warned]
    return result


def delivery_fee_table(*, supplier: Organization, region_code: str) -> list[tuple]:
    """(kecamatan, fee or None) for every kecamatan inside `region_code` (a regency)."""
    fees = {f.district_id: f.fee for f in DeliveryFee.objects.filter(supplier=supplier)}
    districts = Region.objects.filter(level=3).filter(
        Q(code__startswith=region_code + ".") | Q(code=region_code)
    )
    return [(district, fees.get(district.code)) for district in districts.order_by("code")]


def delivery_fee_list(*, supplier: Organization) -> QuerySet[DeliveryFee]:
    return DeliveryFee.objects.filter(supplier=supplier).select_related("district").order_by("district_id")


def fee_regions(*, supplier: Organization, exclude: str = "") -> list[Region]:
    """Regencies the supplier already delivers to (but `exclude`), for the fee page's region choice."""
    codes = {code.rsplit(".", 1)[0] for code in supplier.delivery_fees.values_list("district_id", flat=True)}
    codes.discard(exclude)
    return list(Region.objects.filter(code__in=codes).order_by("code"))
