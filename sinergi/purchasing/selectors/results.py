"""What a round produced, as each role may see it: bills, purchase orders, delivery lists, the report."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from sinergi.accounts.scoping import reach_of
from sinergi.purchasing.filters import PurchaseOrderFilters
from sinergi.purchasing.models import (
    CooperativeBill,
    Delivery,
    OrderLine,
    PlanLine,
    PurchaseOrder,
    Round,
)
from sinergi.purchasing.selectors.access import (
    coordinated_ids,
    may_view_whole_network,
    one_or_404,
    supplied_ids,
)
from sinergi.registry.selectors_networks import ordering_cooperatives


@dataclass(frozen=True)
class BillReconciliation:
    """How a bill adds up: goods + delivery − the share of the pooled savings = paid.

    `adjustment` is goods + delivery − paid: what the allocation rule takes off this member's own
    pooled-price cost (negative when the member adds to the others' savings instead). `exact_share`
    is the rule's unrounded share of the pooled total, to two decimals; payments are whole Rupiah.
    """

    goods: Decimal
    delivery: Decimal
    own_cost: Decimal
    adjustment: Decimal
    pays: Decimal
    alone_cost: Decimal
    saves: Decimal
    rule: str
    pooled_total: Decimal
    alone_total: Decimal
    exact_share: Decimal

    @property
    def adjustment_size(self) -> Decimal:
        return abs(self.adjustment)


def bill_reconciliation(*, bill: CooperativeBill) -> BillReconciliation:
    plan = bill.plan
    own = bill.goods_cost + bill.delivery_cost
    exact = (
        (plan.total_cost * bill.alone_cost / plan.alone_cost).quantize(Decimal("0.01"))
        if plan.alone_cost
        else Decimal(0)
    )
    return BillReconciliation(
        goods=bill.goods_cost,
        delivery=bill.delivery_cost,
        own_cost=own,
        adjustment=own - bill.pays,
        pays=bill.pays,
        alone_cost=bill.alone_cost,
        saves=bill.saves,
        rule=plan.allocation,
        pooled_total=plan.total_cost,
        alone_total=plan.alone_cost,
        exact_share=exact,
    )


def bill_list(*, user, round: Round) -> QuerySet[CooperativeBill]:
    """Bills of a round: all for coordinators and the office, else the user's own cooperatives'."""
    if not hasattr(round, "plan"):
        return CooperativeBill.objects.none()
    qs = round.plan.bills.select_related("cooperative", "cooperative__region")
    if may_view_whole_network(user, round.network):
        return qs.order_by("cooperative__name")
    return qs.filter(cooperative_id__in=reach_of(user).managed_cooperative_ids())


def access_bill(*, user, round: Round, cooperative_pk) -> CooperativeBill:
    try:
        pk = int(cooperative_pk)
    except (TypeError, ValueError):
        raise Http404 from None
    bill = bill_list(user=user, round=round).filter(cooperative_id=pk).first()
    if bill is None:
        raise Http404
    return bill


def bill_lines(*, bill: CooperativeBill) -> QuerySet[PlanLine]:
    return (
        PlanLine.objects.filter(plan_id=bill.plan_id, cooperative_id=bill.cooperative_id)
        .select_related("product", "supplier", "alone_supplier")
        .order_by("supplier__name", "product__category", "product__name")
    )


def bill_deliveries(*, bill: CooperativeBill) -> QuerySet[Delivery]:
    return (
        Delivery.objects.filter(purchase_order__plan_id=bill.plan_id, cooperative_id=bill.cooperative_id)
        .select_related("purchase_order__supplier")
        .order_by("purchase_order__supplier__name")
    )


def purchase_order_list(*, user, filters: PurchaseOrderFilters | None = None) -> QuerySet[PurchaseOrder]:
    """Purchase orders: a supplier sees its own once sent; coordinators and offices their networks'."""
    filters = filters or PurchaseOrderFilters()
    reach = reach_of(user)
    qs = PurchaseOrder.objects.all()
    if not reach.everything:
        q = reach.region_q("round__network__region")
        coordinated = coordinated_ids(reach)
        if coordinated:
            q |= Q(round__network__lead_id__in=coordinated)
        supplying = supplied_ids(reach)
        if supplying:
            # Until sent, a purchase order is a draft the coordinator may still recompute.
            q |= Q(supplier_id__in=supplying, status=PurchaseOrder.Status.SENT)
        qs = qs.filter(q)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.round:
        qs = qs.filter(round_id=filters.round)
    return qs.select_related("supplier", "round", "round__network").order_by(
        "-round__opens_at", "supplier__name"
    )


def purchase_orders_to_acknowledge(*, user) -> QuerySet[PurchaseOrder]:
    """Sent purchase orders the user's supplier has not yet confirmed receiving (its home page)."""
    return purchase_order_list(user=user).filter(
        supplier_id__in=supplied_ids(reach_of(user)),
        status=PurchaseOrder.Status.SENT,
        acknowledged_at__isnull=True,
    )


def access_purchase_order(*, user, pk) -> PurchaseOrder:
    return one_or_404(purchase_order_list(user=user), pk)


def purchase_order_lines(*, purchase_order: PurchaseOrder):
    return purchase_order.lines.select_related("product").order_by("product__category", "product__name")


def purchase_order_drops(*, purchase_order: PurchaseOrder) -> list[dict]:
    """The supplier's delivery list: per cooperative, its address, fee and the goods it receives."""
    deliveries = {
        d.cooperative_id: d
        for d in purchase_order.deliveries.select_related("cooperative", "cooperative__region").order_by(
            "cooperative__name"
        )
    }
    lines: dict[int, list[PlanLine]] = {}
    for line in (
        PlanLine.objects.filter(plan_id=purchase_order.plan_id, supplier_id=purchase_order.supplier_id)
        .select_related("product")
        .order_by("product__category", "product__name")
    ):
        lines.setdefault(line.cooperative_id, []).append(line)
    return [
        {"delivery": delivery, "cooperative": delivery.cooperative, "lines": lines.get(coop_id, [])}
        for coop_id, delivery in deliveries.items()
    ]


def delivery_lists(*, user, round: Round) -> list[dict]:
    """Per cooperative (all of them, or the user's own): what arrives from which supplier."""
    bills = list(bill_list(user=user, round=round))
    if not bills:
        return []
    wanted = {b.cooperative_id for b in bills}
    lines: dict[int, list[PlanLine]] = {}
    for line in (
        PlanLine.objects.filter(plan=round.plan, cooperative_id__in=wanted)
        .select_related("product", "supplier")
        .order_by("supplier__name", "product__category", "product__name")
    ):
        lines.setdefault(line.cooperative_id, []).append(line)
    return [
        {"bill": bill, "cooperative": bill.cooperative, "lines": lines.get(bill.cooperative_id, [])}
        for bill in bills
    ]


def round_report(*, user, round: Round) -> dict:
    """The office's view of a round: totals, savings, the certified gap, suppliers and members."""
    plan = getattr(round, "plan", None)
    orders = OrderLine.objects.filter(order__round=round).aggregate(
        cooperatives=Count("order__cooperative", distinct=True),
        lines=Count("pk", filter=Q(dropped_at__isnull=True)),
        dropped=Count("pk", filter=Q(dropped_at__isnull=False)),
    )
    report = {
        "round": round,
        "plan": plan,
        "members": ordering_cooperatives(round.network).count(),
        "ordering_cooperatives": orders["cooperatives"],
        "lines": orders["lines"],
        "dropped": orders["dropped"],
        "purchase_orders": [],
        "bills": [],
    }
    if plan is not None:
        report["purchase_orders"] = list(
            plan.purchase_orders.select_related("supplier").order_by("supplier__name")
        )
        report["bills"] = list(bill_list(user=user, round=round))
    return report
