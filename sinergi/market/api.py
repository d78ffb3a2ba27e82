"""The market API at /api/v1/market/: the open catalogue feed (no login) and the products API for
producers and officers, calling the same services as the pages.

Errors follow the project's shape: `{"detail": …, "errors": {field: [messages]}}`.
"""

# No `from __future__ import annotations`: django-ninja reads the parameters of a paginated
# operation through its wrapper, whose module cannot resolve names given as strings.

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from ninja import Field, File, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from sinergi.core.paging import MAX_PAGE, ApiPagination
from sinergi.core.schemas import Id, Line, Lines, errors
from sinergi.market import selectors, services
from sinergi.market.filters import CatalogueFilters
from sinergi.market.models import Legality, ProductStatus

router = Router(tags=["market"])


class BadgeOut(Schema):
    kind: str
    label: str
    number: str
    expires_on: dt.date | None

    @staticmethod
    def resolve_label(obj):
        return obj.get_kind_display()


class CatalogueItemOut(Schema):
    id: int
    name: str
    category: str
    category_label: str
    description: str
    unit: str
    price: Decimal
    producer_id: int
    producer: str
    region_code: str
    place: str
    url: str
    photo_url: str | None
    thumbnail_url: str | None
    legality: list[BadgeOut]
    published_at: dt.datetime | None

    @staticmethod
    def resolve_category_label(obj):
        return obj.get_category_display()

    @staticmethod
    def resolve_producer_id(obj):
        return obj.business_id

    @staticmethod
    def resolve_producer(obj):
        return obj.business.name

    @staticmethod
    def resolve_place(obj):
        return selectors.place_of(obj.business)

    @staticmethod
    def resolve_url(obj):
        return settings.SITE_URL + reverse("catalogue:product", args=[obj.pk, obj.slug or "produk"])

    @staticmethod
    def resolve_photo_url(obj):
        if not obj.photo:
            return None
        return (
            f"{settings.SITE_URL}{reverse('catalogue:photo', args=[obj.pk, 'besar'])}?v={obj.photo_version}"
        )

    @staticmethod
    def resolve_thumbnail_url(obj):
        if not obj.thumbnail:
            return None
        return (
            f"{settings.SITE_URL}{reverse('catalogue:photo', args=[obj.pk, 'kecil'])}?v={obj.photo_version}"
        )

    @staticmethod
    def resolve_legality(obj):
        return getattr(obj, "badges", [])


class LegalityOut(Schema):
    id: int
    kind: str
    number: str
    issued_on: dt.date | None
    expires_on: dt.date | None


class ProductOut(Schema):
    id: int
    business_id: int
    business: str
    name: str
    slug: str
    category: str
    description: str
    unit: str
    price: Decimal
    stock_note: str
    status: str
    region_code: str
    legality_state: str
    return_note: str
    has_photo: bool
    submitted_at: dt.datetime | None
    published_at: dt.datetime | None
    legalities: list[LegalityOut]

    @staticmethod
    def resolve_business(obj):
        return obj.business.name

    @staticmethod
    def resolve_has_photo(obj):
        return bool(obj.photo)

    @staticmethod
    def resolve_legalities(obj):
        return list(obj.legalities.all())


class ProductIn(Schema):
    business_id: Id
    name: Line
    category: Line
    unit: Line
    price: Decimal
    description: Lines = ""
    stock_note: Line = ""


class ProductUpdateIn(Schema):
    name: Line
    category: Line
    unit: Line
    price: Decimal
    description: Lines = ""
    stock_note: Line = ""


class LegalityIn(Schema):
    kind: Line
    number: Line
    issued_on: dt.date | None = None
    expires_on: dt.date | None = None


class ReturnIn(Schema):
    note: Lines


# --- the open feed ----------------------------------------------------------------------------


class CatalogueOut(Schema):
    """One page of the feed. No total: counting every published product would make each page
    cost as much as the whole catalogue; `has_next` says whether another page follows."""

    page: int
    page_size: int
    has_next: bool
    items: list[CatalogueItemOut]


@router.get("/catalogue", response=CatalogueOut, auth=None)
def catalogue(
    request,
    q: Line = "",
    category: Line = "",
    region: Line = "",
    legality: Line = "",
    producer: Id | None = None,
    page: Annotated[int, Field(ge=1, le=MAX_PAGE)] = 1,
    page_size: Annotated[int, Field(ge=1, le=100)] = selectors.CATALOGUE_PAGE,
):
    """The public catalogue as JSON (no login): published products of active UMKM, newest first,
    filtered like the page (search words, category, region code, legality kind, producer)."""
    filters = CatalogueFilters.parse({"q": q, "category": category, "region": region, "legality": legality})
    if producer:
        filters = CatalogueFilters(**{**filters.__dict__, "producer": producer})
    found = selectors.catalogue_page(filters, page, size=page_size)
    return {"page": found.number, "page_size": page_size, "has_next": found.has_next, "items": found.items}


# --- producers and officers -------------------------------------------------------------------


def _user(request):
    return request.auth


def _product(request, pk: int):
    return selectors.access_product(user=_user(request), pk=pk)


def _detail(request, pk: int, status: int = 200):
    return Status(status, _product(request, pk))


@router.get("/products", response=list[ProductOut])
@paginate(ApiPagination, page_size=50)
def list_products(request, status: Line = "", business_id: Id | None = None, q: Line = ""):
    """The products the caller may open: the jurisdiction's (officers) and their own (owners)."""
    return selectors.product_list(
        user=_user(request),
        status=status if status in ProductStatus.values else "",
        business_id=business_id,
        q=q,
    )


@router.get("/products/curation", response=list[ProductOut])
@paginate(ApiPagination, page_size=50)
def curation_queue(request):
    """The products waiting for the caller's curation, oldest request first."""
    return selectors.curation_queue(user=_user(request))


@router.get("/products/{product_id}", response={200: ProductOut, **errors(404)})
def get_product(request, product_id: Id):
    return _product(request, product_id)


@router.post("/products", response={201: ProductOut, **errors(400, 403, 404)})
def create_product(request, payload: ProductIn):
    business = selectors.own_businesses(user=_user(request)).filter(pk=payload.business_id).first()
    if business is None:
        raise Http404
    data = payload.dict()
    data.pop("business_id")
    product = services.product_create(actor=_user(request), business=business, **data)
    return _detail(request, product.pk, 201)


@router.put("/products/{product_id}", response={200: ProductOut, **errors(400, 403, 404)})
def update_product(request, product_id: Id, payload: ProductUpdateIn):
    services.product_update(actor=_user(request), product=_product(request, product_id), **payload.dict())
    return _detail(request, product_id)


@router.post("/products/{product_id}/photo", response={200: ProductOut, **errors(400, 403, 404)})
def upload_photo(request, product_id: Id, photo: File[UploadedFile]):
    """Replace the photo (multipart field `photo`): JPEG, PNG or WebP by content, at most 5 MB."""
    services.product_photo_set(actor=_user(request), product=_product(request, product_id), upload=photo)
    return _detail(request, product_id)


@router.post("/products/{product_id}/legalities", response={201: ProductOut, **errors(400, 403, 404)})
def add_legality(request, product_id: Id, payload: LegalityIn):
    services.legality_save(actor=_user(request), product=_product(request, product_id), **payload.dict())
    return _detail(request, product_id, 201)


@router.delete(
    "/products/{product_id}/legalities/{legality_id}", response={200: ProductOut, **errors(403, 404)}
)
def delete_legality(request, product_id: Id, legality_id: Id):
    product = _product(request, product_id)
    legality = Legality.objects.filter(product=product, pk=legality_id).first()
    if legality is None:
        raise Http404
    services.legality_delete(actor=_user(request), legality=legality)
    return _detail(request, product_id)


@router.post("/products/{product_id}/submit", response={200: ProductOut, **errors(400, 403, 404)})
def submit(request, product_id: Id):
    services.product_submit(actor=_user(request), product=_product(request, product_id))
    return _detail(request, product_id)


@router.post("/products/{product_id}/publish", response={200: ProductOut, **errors(400, 403, 404)})
def publish(request, product_id: Id):
    """Curation passed (office admins and staff of the producer's jurisdiction only)."""
    services.product_publish(actor=_user(request), product=_product(request, product_id))
    return _detail(request, product_id)


@router.post("/products/{product_id}/return", response={200: ProductOut, **errors(400, 403, 404)})
def return_product(request, product_id: Id, payload: ReturnIn):
    services.product_return(actor=_user(request), product=_product(request, product_id), note=payload.note)
    return _detail(request, product_id)
