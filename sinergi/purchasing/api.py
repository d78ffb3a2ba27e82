"""The Belanja Bareng API at /api/v1/purchasing/: networks, rounds, offers, orders, plans, bills,
purchase orders — the same selectors and services as the pages.

Money is a decimal string of whole Rupiah. Orders are edited while a round is open, against the
`version` last read: a stale version answers 409 with the current version in the message.
"""

# No `from __future__ import annotations`: django-ninja reads the parameters of a paginated
# operation through its wrapper, whose module cannot resolve names given as strings.

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import Field

from sinergi.core.http import no_store
from sinergi.core.paging import ApiPagination
from sinergi.core.schemas import MAX_ID, Id, Line, errors, published
from sinergi.purchasing import selectors, services
from sinergi.purchasing.filters import PurchaseOrderFilters, RoundFilters
from sinergi.purchasing.models import Product
from sinergi.purchasing.services.catalogue import MAX_QTY

router = Router(tags=["purchasing"])
# Bills and purchase orders are the cooperatives' own business: no browser or proxy keeps them.
router.add_decorator(no_store, mode="view")

# An ordered quantity as the order rules accept it (0 removes the line); refused with their reason.
Qty = Annotated[int, published(minimum=0, maximum=MAX_QTY)]
# The order version last read: a count of saves, compared with the stored one.
Version = Annotated[int, Field(ge=0, le=MAX_ID)]


def _user(request):
    return request.auth


# --- schemas ---------------------------------------------------------------------------------


class NetworkOut(Schema):
    id: int
    name: str
    region_code: str
    coordinator_id: int
    coordinator_name: str
    is_active: bool

    @staticmethod
    def resolve_region_code(obj):
        return obj.region_id

    # The published names stay: a buying network's lead is its coordinator.
    @staticmethod
    def resolve_coordinator_id(obj):
        return obj.lead_id

    @staticmethod
    def resolve_coordinator_name(obj):
        return obj.lead.name


class NetworkMemberOut(Schema):
    """A cooperative of a buying network (jaringan): its organisation id and kecamatan code."""

    id: int
    name: str
    district: str


class NetworkDetailOut(NetworkOut):
    description: str
    members: list[NetworkMemberOut]

    @staticmethod
    def resolve_description(obj):
        return obj.purpose

    @staticmethod
    def resolve_members(obj):
        return [
            {
                "id": m.organization_id,
                "name": m.organization.name,
                "district": services.district_of(m.organization),
            }
            for m in selectors.network_members(network=obj)
        ]


class RoundOut(Schema):
    id: int
    network_id: int
    network_name: str
    name: str
    opens_at: dt.datetime
    closes_at: dt.datetime
    status: str
    allocation: str
    accepts_orders: bool

    @staticmethod
    def resolve_network_name(obj):
        return obj.network.name

    @staticmethod
    def resolve_accepts_orders(obj):
        return selectors.accepts_orders(obj)


class TierOut(Schema):
    min_qty: int
    unit_price: Decimal


class OfferOut(Schema):
    supplier_id: int
    supplier_name: str
    product: str
    product_name: str
    unit: str
    tiers: list[TierOut]


class PoolOut(Schema):
    product: str
    product_name: str
    qty: int
    cooperatives: int
    best_price: Decimal
    best_supplier_id: int
    missing: int | None
    next_price: Decimal | None


class OrderLineOut(Schema):
    product: str
    product_name: str
    qty: int
    dropped: bool
    dropped_reason: str


class OrderOut(Schema):
    round_id: int
    cooperative_id: int
    version: int
    lines: list[OrderLineOut]


class LineIn(Schema):
    product: Line
    qty: Qty


class OrderIn(Schema):
    lines: list[LineIn]
    version: Version | None = None


class QtyIn(Schema):
    qty: Qty
    version: Version | None = None


class ReopenIn(Schema):
    closes_at: dt.datetime


class PlanOut(Schema):
    status: str
    gap: float
    total_cost: Decimal
    goods_cost: Decimal
    delivery_cost: Decimal
    alone_cost: Decimal
    savings: Decimal
    allocation: str
    solved_at: dt.datetime


class BillLineOut(Schema):
    product: str
    qty: int
    supplier_id: int
    unit_price: Decimal
    goods_cost: Decimal
    alone_supplier_id: int
    alone_unit_price: Decimal


class BillOut(Schema):
    cooperative_id: int
    cooperative_name: str
    district: str
    alone_cost: Decimal
    pays: Decimal
    saves: Decimal
    goods_cost: Decimal
    delivery_cost: Decimal
    lines: list[BillLineOut]


class PurchaseOrderLineOut(Schema):
    product: str
    product_name: str
    qty: int
    tier: int
    tier_min_qty: int
    unit_price: Decimal
    goods_cost: Decimal


class PurchaseOrderOut(Schema):
    id: int
    number: str
    round_id: int
    supplier_id: int
    supplier_name: str
    status: str
    goods_cost: Decimal
    delivery_cost: Decimal
    total: Decimal
    sent_at: dt.datetime | None
    acknowledged_at: dt.datetime | None

    @staticmethod
    def resolve_supplier_name(obj):
        return obj.supplier.name


class PurchaseOrderDetailOut(PurchaseOrderOut):
    lines: list[PurchaseOrderLineOut]

    @staticmethod
    def resolve_lines(obj):
        return [
            {
                "product": line.product.code,
                "product_name": line.product.name,
                "qty": line.qty,
                "tier": line.tier,
                "tier_min_qty": line.tier_min_qty,
                "unit_price": line.unit_price,
                "goods_cost": line.goods_cost,
            }
            for line in selectors.purchase_order_lines(purchase_order=obj)
        ]


class JobOut(Schema):
    job_id: int
    status: str


# --- helpers ---------------------------------------------------------------------------------


def _round(request, round_id: Id):
    return selectors.access_round(user=_user(request), pk=round_id)


def _order_out(round, cooperative) -> dict:
    order = selectors.order_of(round=round, cooperative=cooperative)
    return {
        "round_id": round.pk,
        "cooperative_id": cooperative.pk,
        "version": order.version if order else 0,
        "lines": [
            {
                "product": line.product.code,
                "product_name": line.product.name,
                "qty": line.qty,
                "dropped": line.dropped_at is not None,
                "dropped_reason": line.dropped_reason,
            }
            for line in (order.lines.all() if order else [])
        ],
    }


def _bill_out(bill) -> dict:
    return {
        "cooperative_id": bill.cooperative_id,
        "cooperative_name": bill.cooperative.name,
        "district": bill.district_code,
        "alone_cost": bill.alone_cost,
        "pays": bill.pays,
        "saves": bill.saves,
        "goods_cost": bill.goods_cost,
        "delivery_cost": bill.delivery_cost,
        "lines": [
            {
                "product": line.product.code,
                "qty": line.qty,
                "supplier_id": line.supplier_id,
                "unit_price": line.unit_price,
                "goods_cost": line.goods_cost,
                "alone_supplier_id": line.alone_supplier_id,
                "alone_unit_price": line.alone_unit_price,
            }
            for line in selectors.bill_lines(bill=bill)
        ],
    }


def _save_order(service, **kwargs) -> None:
    """Run an order write; a stale version is a conflict (409), not a validation error."""
    try:
        service(**kwargs)
    except ValidationError as exc:
        if "version" in getattr(exc, "error_dict", {}):
            raise HttpError(409, exc.error_dict["version"][0].message) from exc
        raise


def _products(round, codes) -> dict[str, Product]:
    offered = {p.code: p for p in selectors.round_products(round=round)}
    unknown = [code for code in codes if code not in offered]
    if unknown:
        raise ValidationError(
            {"lines": f"Tidak ditawarkan di putaran ini / not offered: {', '.join(unknown)}"}
        )
    return offered


# --- networks and rounds ---------------------------------------------------------------------


@router.get("/networks/", response=list[NetworkOut])
@paginate(ApiPagination, page_size=50)
def list_networks(request):
    return selectors.network_list(user=_user(request))


@router.get("/networks/{network_id}", response={200: NetworkDetailOut, **errors(404)})
def get_network(request, network_id: Id):
    return selectors.access_network(user=_user(request), pk=network_id)


@router.get("/rounds/", response=list[RoundOut])
@paginate(ApiPagination, page_size=50)
def list_rounds(request, status: Line = "", network: Line = "", q: Line = ""):
    filters = RoundFilters.from_params({"status": status, "network": network, "q": q})
    return selectors.round_list(user=_user(request), filters=filters)


@router.get("/rounds/{round_id}", response={200: RoundOut, **errors(404)})
def get_round(request, round_id: Id):
    return _round(request, round_id)


@router.post("/rounds/{round_id}/open", response={200: RoundOut, **errors(400, 403, 404)})
def open_round(request, round_id: Id):
    services.round_open(actor=_user(request), round=_round(request, round_id))
    return _round(request, round_id)


@router.post("/rounds/{round_id}/close", response={200: RoundOut, **errors(400, 403, 404)})
def close_round(request, round_id: Id):
    services.round_close(actor=_user(request), round=_round(request, round_id))
    return _round(request, round_id)


@router.post("/rounds/{round_id}/reopen", response={200: RoundOut, **errors(400, 403, 404)})
def reopen_round(request, round_id: Id, payload: ReopenIn):
    """Reopen a round closed by mistake (not yet optimised) until a new closing time ahead."""
    services.round_reopen(actor=_user(request), round=_round(request, round_id), closes_at=payload.closes_at)
    return _round(request, round_id)


@router.post("/rounds/{round_id}/optimise", response={202: JobOut, **errors(400, 403, 404)})
def optimise_round(request, round_id: Id):
    """Start the optimisation; follow the job at /tugas/<job_id>/ or read the plan when done."""
    job = services.round_optimise(actor=_user(request), round=_round(request, round_id))
    job.refresh_from_db()
    return Status(202, {"job_id": job.pk, "status": job.status})


@router.get("/rounds/{round_id}/offers", response={200: list[OfferOut], **errors(404)})
def list_offers(request, round_id: Id):
    return [
        {
            "supplier_id": o.supplier_id,
            "supplier_name": o.supplier.name,
            "product": o.product.code,
            "product_name": o.product.name,
            "unit": o.product.unit,
            "tiers": [{"min_qty": q, "unit_price": Decimal(p)} for q, p in o.tiers],
        }
        for o in selectors.round_offers(round=_round(request, round_id))
    ]


@router.get("/rounds/{round_id}/board", response={200: list[PoolOut], **errors(404)})
def round_board(request, round_id: Id):
    """The pooled quantity per product and how far it is from a cheaper tier."""
    return [
        {
            "product": p.product.code,
            "product_name": p.product.name,
            "qty": p.qty,
            "cooperatives": p.cooperatives,
            "best_price": p.best_price,
            "best_supplier_id": p.best_supplier.pk,
            "missing": p.missing,
            "next_price": p.next_price,
        }
        for p in selectors.round_board(round=_round(request, round_id))
    ]


# --- orders ----------------------------------------------------------------------------------


def _member(request, round_id: Id, cooperative_id: Id):
    round = _round(request, round_id)
    return round, selectors.access_member(user=_user(request), round=round, cooperative_pk=cooperative_id)


@router.get("/rounds/{round_id}/orders/{cooperative_id}", response={200: OrderOut, **errors(403, 404)})
def get_order(request, round_id: Id, cooperative_id: Id):
    round, cooperative = _member(request, round_id, cooperative_id)
    return _order_out(round, cooperative)


@router.put(
    "/rounds/{round_id}/orders/{cooperative_id}", response={200: OrderOut, **errors(400, 403, 404, 409)}
)
def put_order(request, round_id: Id, cooperative_id: Id, payload: OrderIn):
    """Replace the whole order: products not listed are removed."""
    round, cooperative = _member(request, round_id, cooperative_id)
    products = _products(round, [line.product for line in payload.lines])
    quantities = {products[line.product]: line.qty for line in payload.lines}
    _save_order(
        services.order_save,
        actor=_user(request),
        round=round,
        cooperative=cooperative,
        quantities=quantities,
        version=payload.version,
    )
    return _order_out(round, cooperative)


@router.put(
    "/rounds/{round_id}/orders/{cooperative_id}/lines/{product}",
    response={200: OrderOut, **errors(400, 403, 404, 409)},
)
def put_order_line(request, round_id: Id, cooperative_id: Id, product: Line, payload: QtyIn):
    round, cooperative = _member(request, round_id, cooperative_id)
    item = _products(round, [product])[product]
    _save_order(
        services.order_line_set,
        actor=_user(request),
        round=round,
        cooperative=cooperative,
        product=item,
        qty=payload.qty,
        version=payload.version,
    )
    return _order_out(round, cooperative)


@router.delete(
    "/rounds/{round_id}/orders/{cooperative_id}/lines/{product}",
    response={200: OrderOut, **errors(400, 403, 404, 409)},
)
def delete_order_line(
    request, round_id: Id, cooperative_id: Id, product: Line, version: Version | None = None
):
    round, cooperative = _member(request, round_id, cooperative_id)
    item = _products(round, [product])[product]
    _save_order(
        services.order_line_set,
        actor=_user(request),
        round=round,
        cooperative=cooperative,
        product=item,
        qty=0,
        version=version,
    )
    return _order_out(round, cooperative)


# --- results ---------------------------------------------------------------------------------


@router.get("/rounds/{round_id}/plan", response={200: PlanOut, **errors(403, 404)})
def get_plan(request, round_id: Id):
    """The round's totals (coordinators and offices; members read their bill)."""
    round = _round(request, round_id)
    if not selectors.may_view_whole_network(_user(request), round.network):
        raise HttpError(403, "Hanya koordinator dan dinas / coordinators and offices only")
    plan = getattr(round, "plan", None)
    if plan is None:
        raise Http404
    return plan


@router.get("/rounds/{round_id}/bills", response={200: list[BillOut], **errors(403, 404)})
def list_bills(request, round_id: Id):
    round = _round(request, round_id)
    return [_bill_out(bill) for bill in selectors.bill_list(user=_user(request), round=round)]


@router.get("/rounds/{round_id}/bills/{cooperative_id}", response={200: BillOut, **errors(403, 404)})
def get_bill(request, round_id: Id, cooperative_id: Id):
    round = _round(request, round_id)
    return _bill_out(selectors.access_bill(user=_user(request), round=round, cooperative_pk=cooperative_id))


@router.get("/purchase-orders/", response=list[PurchaseOrderOut])
@paginate(ApiPagination, page_size=50)
def list_purchase_orders(request, status: Line = "", round: Line = ""):
    filters = PurchaseOrderFilters.from_params({"status": status, "round": round})
    return selectors.purchase_order_list(user=_user(request), filters=filters)


@router.get("/purchase-orders/{po_id}", response={200: PurchaseOrderDetailOut, **errors(404)})
def get_purchase_order(request, po_id: Id):
    return selectors.access_purchase_order(user=_user(request), pk=po_id)


@router.post("/purchase-orders/{po_id}/send", response={200: PurchaseOrderDetailOut, **errors(400, 403, 404)})
def send_purchase_order(request, po_id: Id):
    purchase_order = selectors.access_purchase_order(user=_user(request), pk=po_id)
    services.purchase_order_send(actor=_user(request), purchase_order=purchase_order)
    return get_object_or_404(selectors.purchase_order_list(user=_user(request)), pk=po_id)


@router.post(
    "/purchase-orders/{po_id}/acknowledge", response={200: PurchaseOrderDetailOut, **errors(400, 403, 404)}
)
def acknowledge_purchase_order(request, po_id: Id):
    """The supplier confirms it received a sent purchase order ("Terima pesanan")."""
    purchase_order = selectors.access_purchase_order(user=_user(request), pk=po_id)
    services.purchase_order_acknowledge(actor=_user(request), purchase_order=purchase_order)
    return get_object_or_404(selectors.purchase_order_list(user=_user(request)), pk=po_id)
