"""Scoped reads of outlets and consignment: every list is limited to what the user reaches
(`access`): an officer's jurisdiction, the outlets the user staffs, the goods the user's UMKM made.

`sales_total` and `products_stocked` are read by other slices (partnerships' MoU obligations).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Max, Sum
from django.http import Http404
from django.utils import timezone

from sinergi.consignment import access
from sinergi.consignment.models import (
    Agreement,
    AgreementStatus,
    MovementKind,
    Outlet,
    SaleLine,
    Statement,
    StatementStatus,
    StockBalance,
    StockMovement,
)
from sinergi.consignment.settlement import SoldLine, period_of, settle


def outlet_list(*, user):
    return Outlet.objects.filter(access.outlet_q(user)).select_related("organization")


def outlet_get(*, user, pk: int) -> Outlet:
    outlet = Outlet.objects.select_related("organization").filter(pk=pk).first()
    if outlet is None or not access.may_view_outlet(user, outlet):
        raise Http404
    return outlet


def agreement_list(*, user, outlet_id: int | None = None):
    qs = Agreement.objects.filter(access.consignment_q(user, "outlet__", "producer_id")).select_related(
        "outlet", "producer"
    )
    if outlet_id is not None:
        qs = qs.filter(outlet_id=outlet_id)
    return qs.prefetch_related("items__product")


def agreement_get(*, user, pk: int) -> Agreement:
    agreement = Agreement.objects.select_related("outlet", "producer").filter(pk=pk).first()
    if agreement is None or not access.may_view_agreement(user, agreement):
        raise Http404
    return agreement


def stock_list(*, user, outlet_id: int | None = None, product_id: int | None = None):
    """Stock on hand per outlet and product the user reaches."""
    qs = StockBalance.objects.filter(access.consignment_q(user, "outlet__", "product__business_id"))
    if outlet_id is not None:
        qs = qs.filter(outlet_id=outlet_id)
    if product_id is not None:
        qs = qs.filter(product_id=product_id)
    return qs.select_related("outlet", "product", "product__business").order_by("outlet_id", "product_id")


def statement_list(*, user, outlet_id: int | None = None, producer_id: int | None = None):
    qs = Statement.objects.filter(access.consignment_q(user, "outlet__", "producer_id")).select_related(
        "outlet", "producer", "agreement"
    )
    if outlet_id is not None:
        qs = qs.filter(outlet_id=outlet_id)
    if producer_id is not None:
        qs = qs.filter(producer_id=producer_id)
    return qs


def statement_get(*, user, pk: int) -> Statement:
    statement = (
        Statement.objects.select_related("outlet", "producer", "agreement__outlet").filter(pk=pk).first()
    )
    if statement is None or not access.may_view_agreement(user, statement.agreement):
        raise Http404
    return statement


def sellable(outlet_id: int) -> list[dict]:
    """The products on sale at the outlet: active agreement, price, stock on hand (the sales screen)."""
    items = (
        Agreement.objects.filter(outlet_id=outlet_id, status=AgreementStatus.ACTIVE)
        .values(
            "items__product_id",
            "items__product__name",
            "items__product__unit",
            "items__retail_price",
            "producer__name",
        )
        .order_by("items__product__name")
    )
    stock = dict(StockBalance.objects.filter(outlet_id=outlet_id).values_list("product_id", "on_hand"))
    seen = {}
    for row in items:
        pid = row["items__product_id"]
        if pid is None:
            continue
        seen[pid] = {
            "id": pid,
            "name": row["items__product__name"],
            "unit": row["items__product__unit"],
            "price": str(row["items__retail_price"]),
            "producer": row["producer__name"],
            "on_hand": stock.get(pid, 0),
        }
    return list(seen.values())


def slow_movers(outlet: Outlet, *, days: int = 30, today: dt.date | None = None) -> list[StockBalance]:
    """Goods on hand that sold nothing in the last `days` days."""
    today = today or timezone.localdate()
    last_sale = dict(
        StockMovement.objects.filter(outlet=outlet, kind=MovementKind.SALE)
        .values("product_id")
        .annotate(last=Max("occurred_on"))
        .values_list("product_id", "last")
    )
    cutoff = today - dt.timedelta(days=days)
    rows = (
        StockBalance.objects.filter(outlet=outlet, on_hand__gt=0)
        .select_related("product")
        .order_by("product__name")
    )
    return [
        row for row in rows if last_sale.get(row.product_id) is None or last_sale[row.product_id] < cutoff
    ]


def expiring(outlet: Outlet, *, within_days: int = 14, today: dt.date | None = None) -> list[dict]:
    """Deliveries whose best-before date falls within `within_days` (or has passed) for products still
    on hand."""
    today = today or timezone.localdate()
    on_hand = dict(
        StockBalance.objects.filter(outlet=outlet, on_hand__gt=0).values_list("product_id", "on_hand")
    )
    rows = (
        StockMovement.objects.filter(
            outlet=outlet,
            kind=MovementKind.DELIVERY,
            best_before__isnull=False,
            best_before__lte=today + dt.timedelta(days=within_days),
            product_id__in=list(on_hand),
        )
        .select_related("product")
        .order_by("best_before")
    )
    return [
        {
            "product": m.product,
            "best_before": m.best_before,
            "on_hand": on_hand[m.product_id],
            "expired": m.best_before < today,
        }
        for m in rows
    ]


def current_estimate(agreements, *, today: dt.date | None = None) -> Decimal:
    """The producer's share of the sales of the agreements' current (unsettled) periods."""
    today = today or timezone.localdate()
    total = Decimal(0)
    for agreement in agreements:
        start, end = period_of(agreement.period, today)
        lines = [
            SoldLine(r["product_id"], r["n"], r["unit_price"], r["commission_pct"], r["producer_price"])
            for r in SaleLine.objects.filter(
                agreement=agreement, sale__sold_on__gte=start, sale__sold_on__lte=end
            )
            .values("product_id", "unit_price", "commission_pct", "producer_price")
            .annotate(n=Sum("qty"))
            .order_by()
        ]
        total += settle(lines).producer_share
    return total


def owed(statements) -> Decimal:
    """Approved statements not yet paid: what is owed to producers."""
    return statements.filter(status=StatementStatus.APPROVED).aggregate(s=Sum("producer_share"))[
        "s"
    ] or Decimal(0)


def producer_dashboard(*, user, producer_ids: list[int]) -> dict:
    stock = (
        StockBalance.objects.filter(product__business_id__in=producer_ids, on_hand__gt=0)
        .select_related("outlet", "product")
        .order_by("outlet__name", "product__name")
    )
    statements = Statement.objects.filter(producer_id__in=producer_ids).select_related("outlet")
    agreements = Agreement.objects.filter(producer_id__in=producer_ids, status=AgreementStatus.ACTIVE)
    sold = (
        SaleLine.objects.filter(product__business_id__in=producer_ids)
        .values("product__name")
        .annotate(qty=Sum("qty"), amount=Sum("amount"))
        .order_by("-qty")[:20]
    )
    return {
        "stock": stock,
        "sold": list(sold),
        "statements": statements[:20],
        "owed": owed(statements),
        "estimate": current_estimate(agreements),
    }


def outlet_dashboard(*, outlet: Outlet) -> dict:
    statements = Statement.objects.filter(outlet=outlet).select_related("producer")
    return {
        "stock": StockBalance.objects.filter(outlet=outlet)
        .select_related("product", "product__business")
        .order_by("product__name"),
        "slow": slow_movers(outlet),
        "expiring": expiring(outlet),
        "due": owed(statements),
        "statements": statements[:20],
        "agreements": Agreement.objects.filter(outlet=outlet).select_related("producer"),
    }


# --- read by other slices ----------------------------------------------------------------------


def sales_total(*, producer_ids=None, outlet_org_ids=None, start: dt.date, end: dt.date) -> Decimal:
    """Gross Rupiah of the sales between `start` and `end` (inclusive) of goods of those producers
    (UMKM organisation ids) and/or in outlets of those organisations; None leaves a side unfiltered."""
    qs = SaleLine.objects.filter(sale__sold_on__gte=start, sale__sold_on__lte=end)
    if producer_ids is not None:
        qs = qs.filter(agreement__producer_id__in=list(producer_ids))
    if outlet_org_ids is not None:
        qs = qs.filter(sale__outlet__organization_id__in=list(outlet_org_ids))
    return qs.aggregate(s=Sum("amount"))["s"] or Decimal(0)


def products_stocked(*, producer_ids=None, outlet_org_ids=None, on: dt.date) -> int:
    """Distinct products with stock on hand > 0 at the end of day `on` (from the movements), of
    those producers and/or in outlets of those organisations."""
    qs = StockMovement.objects.filter(occurred_on__lte=on)
    if producer_ids is not None:
        qs = qs.filter(agreement__producer_id__in=list(producer_ids))
    if outlet_org_ids is not None:
        qs = qs.filter(outlet__organization_id__in=list(outlet_org_ids))
    held = qs.values("outlet_id", "product_id").annotate(n=Sum("qty")).filter(n__gt=0)
    return len({row["product_id"] for row in held})
