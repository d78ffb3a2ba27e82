"""The outcomes of a programme, each figure with what it is computed from, so the page and the
printed report can say how it was reached (reference.md decision 5: explain every number).

- Revenue change: for each recipient with a recorded visit, the latest visit's monthly revenue
  against the monthly revenue given at application; the figure is the change of the sum over
  those recipients (so a big shop does not vanish in an average of percentages).
- Goods still in use: of the items checked at each recipient's latest visit, the share in use.
- Repayment rate (revolving fund only): repaid so far over what the recipients owe.
- Cost per warung still operating after 12 months: the cost of every package handed over over the
  number of recipients whose 12-month visit found the shop open.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum

from sinergi.assistance.models import Application, Handover, Programme, Repayment, Status, Visit


@dataclass(frozen=True)
class Outcomes:
    recipients: int
    cost: Decimal
    revenue_count: int
    revenue_before: Decimal
    revenue_after: Decimal
    revenue_change_pct: Decimal | None
    items_checked: int
    items_in_use: int
    in_use_pct: Decimal | None
    amount_due: Decimal
    repaid: Decimal
    repayment_pct: Decimal | None
    visited_12: int
    operating_12: int
    cost_per_operating: Decimal | None


def _pct(part: Decimal, whole: Decimal) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def programme_outcomes(programme: Programme) -> Outcomes:
    handovers = list(
        Handover.objects.filter(application__programme=programme).select_related("application", "package")
    )
    cost = sum((h.package.unit_cost for h in handovers), Decimal(0))
    latest: dict[int, Visit] = {}
    visited_12 = operating_12 = 0
    for visit in Visit.objects.filter(handover__in=handovers, visited_on__isnull=False).order_by("month"):
        latest[visit.handover_id] = visit
        if visit.month == 12:
            visited_12 += 1
            operating_12 += 1 if visit.operating else 0
    before = after = Decimal(0)
    counted = checked = in_use = 0
    for handover in handovers:
        visit = latest.get(handover.pk)
        if visit is None:
            continue
        if visit.revenue is not None:
            counted += 1
            before += handover.application.baseline_revenue
            after += visit.revenue
        checked += len(visit.goods_in_use)
        in_use += sum(1 for used in visit.goods_in_use.values() if used)
    recipients = len(handovers)
    due = programme.amount_due * recipients if programme.revolving_fund else Decimal(0)
    repaid = Decimal(0)
    if programme.revolving_fund:
        repaid = Repayment.objects.filter(
            application__programme=programme, application__status=Status.HANDED_OVER
        ).aggregate(total=Sum("amount"))["total"] or Decimal(0)
    change = None
    if counted and before:
        change = ((after - before) * 100 / before).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return Outcomes(
        recipients=recipients,
        cost=cost,
        revenue_count=counted,
        revenue_before=before,
        revenue_after=after,
        revenue_change_pct=change,
        items_checked=checked,
        items_in_use=in_use,
        in_use_pct=_pct(in_use, checked),
        amount_due=due,
        repaid=repaid,
        repayment_pct=_pct(repaid, due),
        visited_12=visited_12,
        operating_12=operating_12,
        cost_per_operating=(cost / operating_12).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        if operating_12
        else None,
    )


def applications_count(programme: Programme) -> dict[str, int]:
    counts = dict.fromkeys(Status.values, 0)
    for status in Application.objects.filter(programme=programme).values_list("status", flat=True):
        counts[status] += 1
    counts["total"] = sum(counts.values())
    return counts
