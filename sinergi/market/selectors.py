"""Reads of products: scoped lists for producers and officers, the curation queue, and the public
catalogue (published products of active businesses, for anyone)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.accounts.scoping import region_within_q
from sinergi.core.paging import Page, page_of
from sinergi.core.tallies import DISTRICT, REGENCY
from sinergi.market import access
from sinergi.market.filters import CatalogueFilters
from sinergi.market.models import Legality, Product, ProductStatus, ProductTally
from sinergi.market.tallies import PRODUCTS
from sinergi.regions.models import Region
from sinergi.registry.models import BusinessStatus

CATALOGUE_PAGE = 24


# --- producers and officers -------------------------------------------------------------------


def product_list(*, user, status: str = "", business_id: int | None = None, q: str = "") -> QuerySet[Product]:
    """The products the user may open, newest change first."""
    qs = Product.objects.filter(access.product_q(user)).select_related("business")
    if status in ProductStatus.values:
        qs = qs.filter(status=status)
    if business_id:
        qs = qs.filter(business_id=business_id)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(business__name__icontains=q))
    return qs.prefetch_related("legalities").order_by("-updated_at", "-id")


def access_product(*, user, pk: int) -> Product:
    """A product the user may open (404 otherwise, like one that does not exist)."""
    product = (
        Product.objects.filter(access.product_q(user), pk=pk)
        .select_related("business", "curated_by")
        .prefetch_related("legalities")
        .first()
    )
    if product is None:
        raise Http404
    return product


def curation_queue(*, user) -> QuerySet[Product]:
    """Products waiting for the user's curation: submitted, in a jurisdiction where the user is
    office admin or staff, oldest request first."""
    if not access.is_curator(user):
        return Product.objects.none()
    return (
        Product.objects.filter(access.curation_q(user), status=ProductStatus.SUBMITTED)
        .select_related("business")
        .prefetch_related("legalities")
        .order_by("submitted_at", "id")
    )


def curation_queue_count(user) -> int:
    """How many products wait for the user's curation (the office home page shows it)."""
    if not access.is_curator(user):
        return 0
    return curation_queue(user=user).count()


def own_businesses(*, user) -> QuerySet[Organization]:
    """The UMKM the user owns, by name."""
    return Organization.objects.filter(
        pk__in=access.owned_business_ids(user), kind=OrganizationKind.UMKM, is_active=True
    ).order_by("name")


def my_products(*, user) -> list[Product]:
    """The products of the businesses the user owns, with their legalities (the producer's
    dashboard: status and legality warnings)."""
    ids = access.owned_business_ids(user)
    if not ids:
        return []
    return list(
        Product.objects.filter(business_id__in=ids)
        .select_related("business")
        .prefetch_related("legalities")
        .order_by("status", "name")
    )


def legality_warnings(*, user) -> list[Product]:
    """The user's own products whose legality expires soon or has expired."""
    return [p for p in my_products(user=user) if p.legality_state in ("expiring", "expired")]


# --- the public catalogue ---------------------------------------------------------------------


def _valid_legalities(today: dt.date):
    return Legality.objects.filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today)).order_by("kind")


def listed() -> QuerySet[Product]:
    """Products anyone may see: published, of an active UMKM that was not merged away and whose
    registry status (when it has a profile) is active."""
    return Product.objects.filter(
        Q(business__businessprofile__isnull=True) | Q(business__businessprofile__status=BusinessStatus.AKTIF),
        status=ProductStatus.PUBLISHED,
        business__is_active=True,
        business__merged_into__isnull=True,
    )


def region_filter(code: str) -> Q:
    """Products inside a region: one equality on the copied code of its level (index-backed)."""
    column = {5: "regency_code", 8: "district_code", 13: "region_code"}.get(len(code))
    if column is None:
        return region_within_q("region_code", code)
    return Q(**{column: code})


def catalogue_list(filters: CatalogueFilters, *, today: dt.date | None = None) -> QuerySet[Product]:
    """The catalogue's products for `filters`, newest published first; the producer, its region
    and the valid legalities come with them (a constant number of queries per page)."""
    today = today or timezone.localdate()
    qs = listed()
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.region:
        qs = qs.filter(region_filter(filters.region))
    if filters.legality:
        qs = qs.filter(Exists(_valid_legalities(today).filter(product=OuterRef("pk"), kind=filters.legality)))
    if filters.producer:
        qs = qs.filter(business_id=filters.producer)
    if filters.q:
        for word in filters.q.split()[:5]:
            qs = qs.filter(
                Q(name__icontains=word) | Q(description__icontains=word) | Q(business__name__icontains=word)
            )
    return (
        qs.select_related("business", "business__region")
        .prefetch_related(Prefetch("legalities", queryset=_valid_legalities(today), to_attr="badges"))
        .order_by("-published_at", "-id")
    )


def catalogue_page(filters: CatalogueFilters, number, *, size: int = CATALOGUE_PAGE) -> Page:
    return page_of(catalogue_list(filters), number, size=size)


def catalogue_product(pk: int) -> Product:
    """A published product of an active business, or 404."""
    product = catalogue_list(CatalogueFilters()).filter(pk=pk).first()
    if product is None:
        raise Http404
    return product


def catalogue_producer(pk: int) -> Organization:
    """A UMKM with at least one listed product, or 404."""
    business = (
        Organization.objects.filter(pk=pk, kind=OrganizationKind.UMKM, is_active=True)
        .select_related("region")
        .first()
    )
    if business is None or not listed().filter(business_id=pk).exists():
        raise Http404
    return business


def _published_places(level: int, parent: str = "") -> list[str]:
    """Place codes of `level` with published products, read from the tally (cost: the places)."""
    layer = next(i for i, lay in enumerate(PRODUCTS.layers) if lay.level == level)
    qs = ProductTally.objects.filter(layer=layer, status=ProductStatus.PUBLISHED, count__gt=0)
    if parent:
        qs = qs.filter(regency_code=parent)
    return sorted(set(qs.values_list("region_code", flat=True)))


def region_options(filters: CatalogueFilters) -> dict:
    """The kabupaten/kota that have published products, and the kecamatan of the chosen one."""
    regencies = _published_places(REGENCY)
    districts = _published_places(DISTRICT, filters.regency) if filters.regency else []
    names = dict(Region.objects.filter(code__in=regencies + districts).values_list("code", "name"))
    return {
        "regencies": [(code, names.get(code, code)) for code in regencies],
        "districts": [(code, names.get(code, code)) for code in districts],
    }


def place_of(business) -> str:
    """ "Kec. Tanah Sareal, Kota Bogor" for a business whose region is a village or kecamatan."""
    region = business.region
    if region is None:
        return ""
    parts = region.path.split(", ") if region.path else [region.name]
    # path: village, kecamatan, kabupaten/kota, province
    if region.level == Region.Level.VILLAGE and len(parts) >= 3:
        return f"{parts[1]}, {parts[2]}"
    if region.level == Region.Level.DISTRICT and len(parts) >= 2:
        return f"{parts[0]}, {parts[1]}"
    return region.path or region.name


def sitemap_entries(limit: int = 45000) -> dict:
    """Producers and products for the sitemap (the first `limit` products, newest first)."""
    products = list(
        listed().order_by("-published_at", "-id").values("pk", "slug", "updated_at", "business_id")[:limit]
    )
    producer_ids = sorted({p["business_id"] for p in products})
    producers = list(Organization.objects.filter(pk__in=producer_ids).values("pk", "name", "updated_at"))
    return {"products": products, "producers": producers}
