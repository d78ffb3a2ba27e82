"""Settlement statements (laporan penyelesaian): made per agreement period, approved by the outlet,
paid to the producer. The arithmetic is `consignment.settlement` (pure); this module reads the
period's sale lines, returns and write-offs and stores the statement.

A period is settled once (a unique constraint and the `already_settled` rule); what changes later
is a correction: a new statement linked to the original carrying only the difference.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.consignment import access, rules, settlement
from sinergi.consignment.models import (
    Agreement,
    AgreementStatus,
    MovementKind,
    PaymentMethod,
    SaleLine,
    Statement,
    StatementLine,
    StatementLineKind,
    StatementStatus,
    StockMovement,
)
from sinergi.consignment.services.common import audit, refuse


def _staff(actor, agreement: Agreement) -> None:
    if not access.runs_outlet(actor, agreement.outlet):
        raise PermissionDenied(_("Hanya staf gerai ini yang dapat mengurus laporan penyelesaian."))


def period_figures(
    agreement: Agreement, start: dt.date, end: dt.date
) -> tuple[settlement.Settlement, dict, dict]:
    """The settlement of the period's sales, and the units returned and written off per product."""
    sold = SaleLine.objects.filter(agreement=agreement, sale__sold_on__gte=start, sale__sold_on__lte=end)
    lines = [
        settlement.SoldLine(
            product_id=row["product_id"],
            qty=row["n"],
            unit_price=row["unit_price"],
            commission_pct=row["commission_pct"],
            producer_price=row["producer_price"],
        )
        for row in sold.values("product_id", "unit_price", "commission_pct", "producer_price")
        .annotate(n=Sum("qty"))
        .order_by()
    ]
    moved = StockMovement.objects.filter(
        agreement=agreement,
        occurred_on__gte=start,
        occurred_on__lte=end,
        kind__in=[MovementKind.RETURN, MovementKind.WRITEOFF],
    )
    out: dict[str, dict[int, int]] = {MovementKind.RETURN: {}, MovementKind.WRITEOFF: {}}
    for row in moved.values("kind", "product_id").annotate(n=Sum("qty")).order_by():
        out[row["kind"]][row["product_id"]] = -row["n"]
    return settlement.settle(lines), out[MovementKind.RETURN], out[MovementKind.WRITEOFF]


def _store(
    agreement, start, end, figures: settlement.Settlement, returned: dict, written_off: dict, corrects=None
) -> Statement:
    statement = Statement.objects.create(
        agreement=agreement,
        outlet=agreement.outlet,
        producer=agreement.producer,
        period_start=start,
        period_end=end,
        corrects=corrects,
        sold_qty=figures.sold_qty,
        gross=figures.gross,
        outlet_margin=figures.outlet_margin,
        producer_share=figures.producer_share,
        returned_qty=sum(returned.values()),
        written_off_qty=sum(written_off.values()),
    )
    rows = [
        StatementLine(
            statement=statement,
            product_id=r.product_id,
            kind=StatementLineKind.SALE,
            qty=r.qty,
            unit_price=r.unit_price,
            gross=r.gross,
            outlet_margin=r.outlet_margin,
            producer_share=r.producer_share,
        )
        for r in figures.lines
    ]
    for kind, found in ((StatementLineKind.RETURN, returned), (StatementLineKind.WRITEOFF, written_off)):
        rows += [
            StatementLine(statement=statement, product_id=p, kind=kind, qty=q)
            for p, q in sorted(found.items())
            if q
        ]
    StatementLine.objects.bulk_create(rows)
    return statement


def _figures_out(statement: Statement) -> dict:
    return {
        "period": [statement.period_start, statement.period_end],
        "sold_qty": statement.sold_qty,
        "gross": statement.gross,
        "outlet_margin": statement.outlet_margin,
        "producer_share": statement.producer_share,
    }


def statement_make(*, actor, agreement: Agreement, period_start: dt.date, period_end: dt.date) -> Statement:
    """Settle one ended period of an agreement. A period already settled is refused."""
    _staff(actor, agreement)
    if agreement.status == AgreementStatus.DRAFT:
        raise refuse("agreement_not_active", "agreement")
    if period_end >= timezone.localdate():
        raise refuse("period_open", "period_end")
    if Statement.objects.filter(
        agreement=agreement, period_start=period_start, period_end=period_end, corrects__isnull=True
    ).exists():
        raise refuse("already_settled", "period_start")
    figures, returned, written_off = period_figures(agreement, period_start, period_end)
    try:
        with transaction.atomic():
            statement = _store(agreement, period_start, period_end, figures, returned, written_off)
            audit(
                actor=actor,
                action="statement_make",
                obj=statement,
                region_code=agreement.outlet.region_code,
                organization_id=agreement.producer_id,
                after=_figures_out(statement),
            )
    except IntegrityError:
        # Two settlements of one period at once: the unique constraint let one through.
        raise refuse("already_settled", "period_start") from None
    return statement


@transaction.atomic
def statement_correct(*, actor, original: Statement) -> Statement:
    """A correction of a settled period: the period recounted, minus what the original and its
    earlier corrections already stated."""
    agreement = original.agreement
    _staff(actor, agreement)
    if original.corrects_id:
        original = original.corrects
    figures, returned, written_off = period_figures(agreement, original.period_start, original.period_end)
    stated_lines = StatementLine.objects.filter(
        statement__agreement=agreement,
        statement__period_start=original.period_start,
        statement__period_end=original.period_end,
    )
    stated: dict[tuple, list] = {}
    for row in stated_lines.filter(kind=StatementLineKind.SALE):
        acc = stated.setdefault((row.product_id, row.unit_price), [0, Decimal(0), Decimal(0), Decimal(0)])
        acc[0] += row.qty
        acc[1] += row.gross
        acc[2] += row.outlet_margin
        acc[3] += row.producer_share
    before = settlement.Settlement(
        lines=tuple(
            settlement.LineResult(k[0], v[0], k[1], v[1], v[2], v[3]) for k, v in sorted(stated.items())
        ),
        sold_qty=0,
        gross=Decimal(0),
        outlet_margin=Decimal(0),
        producer_share=Decimal(0),
    )
    change = settlement.difference(figures, before)
    moved_before: dict[str, dict[int, int]] = {StatementLineKind.RETURN: {}, StatementLineKind.WRITEOFF: {}}
    for row in stated_lines.exclude(kind=StatementLineKind.SALE):
        moved_before[row.kind][row.product_id] = moved_before[row.kind].get(row.product_id, 0) + row.qty
    returned_diff = {
        p: returned.get(p, 0) - moved_before["return"].get(p, 0)
        for p in set(returned) | set(moved_before["return"])
    }
    written_diff = {
        p: written_off.get(p, 0) - moved_before["writeoff"].get(p, 0)
        for p in set(written_off) | set(moved_before["writeoff"])
    }
    if not change.lines and not any(returned_diff.values()) and not any(written_diff.values()):
        raise refuse("no_change")
    correction = _store(
        agreement,
        original.period_start,
        original.period_end,
        change,
        {p: q for p, q in returned_diff.items() if q},
        {p: q for p, q in written_diff.items() if q},
        corrects=original,
    )
    audit(
        actor=actor,
        action="statement_correct",
        obj=correction,
        region_code=agreement.outlet.region_code,
        organization_id=agreement.producer_id,
        after={**_figures_out(correction), "corrects": original.pk},
    )
    return correction


@transaction.atomic
def statement_approve(*, actor, statement: Statement) -> Statement:
    """The outlet confirms the statement: the producer's share is now owed."""
    statement = Statement.objects.select_for_update().select_related("agreement__outlet").get(pk=statement.pk)
    _staff(actor, statement.agreement)
    if statement.status != StatementStatus.DRAFT:
        raise refuse("statement_status", "status")
    statement.status = StatementStatus.APPROVED
    statement.approved_by = actor if getattr(actor, "pk", None) else None
    statement.approved_at = timezone.now()
    statement.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    audit(
        actor=actor,
        action="statement_approve",
        obj=statement,
        region_code=statement.outlet.region_code,
        organization_id=statement.producer_id,
        before={"status": "draft"},
        after={"status": "approved"},
    )
    return statement


@transaction.atomic
def statement_pay(
    *, actor, statement: Statement, paid_on: dt.date, paid_with: str, reference: str = ""
) -> Statement:
    """Record the payment of an approved statement to the producer."""
    statement = Statement.objects.select_for_update().select_related("agreement__outlet").get(pk=statement.pk)
    _staff(actor, statement.agreement)
    if statement.status != StatementStatus.APPROVED:
        raise refuse("statement_status", "status")
    if paid_with not in PaymentMethod.values:
        raise ValidationError({"paid_with": _("Pilih cara bayar: tunai, QRIS atau transfer.")})
    problem = rules.payment_problem(paid_with, reference)
    if problem:
        raise refuse(problem, "reference")
    if paid_on > timezone.localdate():
        raise refuse("future_date", "paid_on")
    statement.status = StatementStatus.PAID
    statement.paid_on = paid_on
    statement.paid_with = paid_with
    statement.paid_reference = reference.strip()
    statement.save(update_fields=["status", "paid_on", "paid_with", "paid_reference", "updated_at"])
    audit(
        actor=actor,
        action="statement_pay",
        obj=statement,
        region_code=statement.outlet.region_code,
        organization_id=statement.producer_id,
        before={"status": "approved"},
        after={
            "status": "paid",
            "paid_on": paid_on,
            "paid_with": paid_with,
            "amount": statement.producer_share,
        },
    )
    return statement


def month_settle(*, actor, year: int, month: int, outlet_id: int | None = None) -> list[Statement]:
    """Settle every agreement period that ends in the month (and has ended): the statements of the
    month, those made now and those made before. Running it again makes nothing new."""
    agreements = (
        Agreement.objects.exclude(status=AgreementStatus.DRAFT)
        .select_related("outlet", "producer")
        .order_by("outlet_id", "producer_id", "id")
    )
    if outlet_id is not None:
        agreements = agreements.filter(outlet_id=outlet_id)
    today = timezone.localdate()
    found = []
    for agreement in agreements:
        for start, end in settlement.periods_ending_in(agreement.period, year, month):
            if end >= today or end < agreement.starts_on:
                continue
            existing = Statement.objects.filter(
                agreement=agreement, period_start=start, period_end=end, corrects__isnull=True
            ).first()
            if existing is None:
                existing = statement_make(
                    actor=actor, agreement=agreement, period_start=start, period_end=end
                )
            found.append(existing)
    return found
