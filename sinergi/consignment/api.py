"""The consignment API at /api/v1/market/: outlets, stock, sales, agreements and settlements,
scoped like the pages.

`POST sales` is the contract the selling devices use: 201 with the sale; 409 with
`{"detail", "available": {product_id: qty}}` when a line exceeds the stock on hand (nothing is
written); the same `client_id` posted again answers the sale already recorded, with the same body.
"""

# No `from __future__ import annotations`: django-ninja reads the parameters of a paginated
# operation through its wrapper, whose module cannot resolve names given as strings.

import datetime as dt
from decimal import Decimal

from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from sinergi.consignment import selectors, services
from sinergi.consignment.models import Sale
from sinergi.core.paging import ApiPagination
from sinergi.core.schemas import ErrorOut, Line, errors

router = Router(tags=["consignment"])


class SaleLineIn(Schema):
    product: int
    qty: int = Field(..., ge=1)
    unit_price: Decimal | None = None


class SaleIn(Schema):
    outlet: int
    client_id: Line = Field(..., min_length=1, max_length=64)
    lines: list[SaleLineIn] = Field(..., min_length=1, max_length=200)
    paid_with: str
    reference: Line = Field("", max_length=60)
    sold_on: dt.date | None = None


class SaleLineOut(Schema):
    product: int
    qty: int
    unit_price: Decimal
    amount: Decimal


class SaleOut(Schema):
    id: int
    outlet: int
    client_id: str
    sold_on: dt.date
    paid_with: str
    reference: str
    total: Decimal
    lines: list[SaleLineOut]


class ShortOut(ErrorOut):
    """A sale refused for want of stock: the error, and what each short product has on hand."""

    available: dict[int, int]


class StockOut(Schema):
    outlet: int
    product: int
    on_hand: int


class OutletOut(Schema):
    id: int
    name: str
    kind: str
    organization: int
    region_code: str
    address: str


class ItemOut(Schema):
    product: int
    retail_price: Decimal
    consignment_price: Decimal | None


class ConsignmentAgreementOut(Schema):
    id: int
    outlet: int
    producer: int
    price_model: str
    commission_pct: Decimal
    period: str
    status: str
    starts_on: dt.date
    return_rules: str
    return_max_days: int
    items: list[ItemOut]


class StatementOut(Schema):
    id: int
    outlet: int
    producer: int
    agreement: int
    period_start: dt.date
    period_end: dt.date
    corrects: int | None
    status: str
    sold_qty: int
    gross: Decimal
    outlet_margin: Decimal
    producer_share: Decimal
    paid_on: dt.date | None
    paid_with: str
    paid_reference: str


class PaymentIn(Schema):
    paid_on: dt.date
    paid_with: str
    reference: Line = Field("", max_length=60)


def sale_out(sale: Sale) -> dict:
    return {
        "id": sale.pk,
        "outlet": sale.outlet_id,
        "client_id": sale.client_id,
        "sold_on": sale.sold_on,
        "paid_with": sale.paid_with,
        "reference": sale.reference,
        "total": sale.total,
        "lines": [
            {
                "product": line.product_id,
                "qty": line.qty,
                "unit_price": line.unit_price,
                "amount": line.amount,
            }
            for line in sale.lines.order_by("id")
        ],
    }


def statement_out(s) -> dict:
    return {
        "id": s.pk,
        "outlet": s.outlet_id,
        "producer": s.producer_id,
        "agreement": s.agreement_id,
        "period_start": s.period_start,
        "period_end": s.period_end,
        "corrects": s.corrects_id,
        "status": s.status,
        "sold_qty": s.sold_qty,
        "gross": s.gross,
        "outlet_margin": s.outlet_margin,
        "producer_share": s.producer_share,
        "paid_on": s.paid_on,
        "paid_with": s.paid_with,
        "paid_reference": s.paid_reference,
    }


# `exclude_none`: a refused sale answers exactly {"detail", "available"} (no empty "errors").
@router.post("/sales", response={201: SaleOut, 409: ShortOut, **errors(400, 403, 404)}, exclude_none=True)
def post_sale(request, payload: SaleIn):
    """Record a sale at an outlet (its staff). A `client_id` already recorded answers that sale."""
    outlet = selectors.outlet_get(user=request.user, pk=payload.outlet)
    try:
        sale, _created = services.sale_record(
            actor=request.user,
            outlet=outlet,
            client_id=payload.client_id,
            paid_with=payload.paid_with,
            reference=payload.reference,
            sold_on=payload.sold_on,
            lines=[services.LineIn(line.product, line.qty, line.unit_price) for line in payload.lines],
        )
    except services.InsufficientStock as short:
        return Status(409, {"detail": short.message_dict["lines"][0], "available": short.available})
    return Status(201, sale_out(sale))


@router.get("/stock", response=list[StockOut])
def get_stock(request, outlet: int | None = None, product: int | None = None):
    """Stock on hand per outlet and product, in the caller's reach."""
    rows = selectors.stock_list(user=request.user, outlet_id=outlet, product_id=product)
    return [{"outlet": r.outlet_id, "product": r.product_id, "on_hand": r.on_hand} for r in rows[:5000]]


@router.get("/outlets", response=list[OutletOut])
@paginate(ApiPagination, page_size=50)
def list_outlets(request):
    return [
        {
            "id": o.pk,
            "name": o.name,
            "kind": o.kind,
            "organization": o.organization_id,
            "region_code": o.region_code,
            "address": o.address,
        }
        for o in selectors.outlet_list(user=request.user)
    ]


@router.get("/agreements", response=list[ConsignmentAgreementOut])
@paginate(ApiPagination, page_size=50)
def list_agreements(request, outlet: int | None = None):
    return [
        {
            "id": a.pk,
            "outlet": a.outlet_id,
            "producer": a.producer_id,
            "price_model": a.price_model,
            "commission_pct": a.commission_pct,
            "period": a.period,
            "status": a.status,
            "starts_on": a.starts_on,
            "return_rules": a.return_rules,
            "return_max_days": a.return_max_days,
            "items": [
                {
                    "product": i.product_id,
                    "retail_price": i.retail_price,
                    "consignment_price": i.consignment_price,
                }
                for i in a.items.all()
            ],
        }
        for a in selectors.agreement_list(user=request.user, outlet_id=outlet)
    ]


@router.get("/settlements", response=list[StatementOut])
@paginate(ApiPagination, page_size=50)
def list_statements(request, outlet: int | None = None, producer: int | None = None):
    return [
        statement_out(s)
        for s in selectors.statement_list(user=request.user, outlet_id=outlet, producer_id=producer)
    ]


@router.post("/settlements/{statement_id}/approve", response={200: StatementOut, **errors(400, 403, 404)})
def approve_statement(request, statement_id: int):
    statement = selectors.statement_get(user=request.user, pk=statement_id)
    return Status(200, statement_out(services.statement_approve(actor=request.user, statement=statement)))


@router.post("/settlements/{statement_id}/payment", response={200: StatementOut, **errors(400, 403, 404)})
def pay_statement(request, statement_id: int, payload: PaymentIn):
    statement = selectors.statement_get(user=request.user, pk=statement_id)
    paid = services.statement_pay(
        actor=request.user,
        statement=statement,
        paid_on=payload.paid_on,
        paid_with=payload.paid_with,
        reference=payload.reference,
    )
    return Status(200, statement_out(paid))
