"""Stock movements: deliveries into an outlet, returns to the producer and expiry write-offs.

Stock on hand is the sum of the movements. Each movement also updates the (outlet, product) balance
row in the same transaction; writers lock the balance rows they touch with `select_for_update` in
product-id order, so two writers never deadlock and never lose each other's update. On SQLite the
project opens every transaction with BEGIN IMMEDIATE (settings), which serialises writers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from sinergi.consignment import access, rules
from sinergi.consignment.models import (
    Agreement,
    AgreementStatus,
    MovementKind,
    StockBalance,
    StockMovement,
)
from sinergi.consignment.services.common import audit, refuse


class InsufficientStock(ValidationError):
    """A sale, return or write-off asks more than is on hand; `available` gives what is, per product."""

    def __init__(self, available: dict[int, int]):
        from sinergi.market.models import Product

        self.available = available
        names = dict(Product.objects.filter(pk__in=list(available)).values_list("pk", "name"))
        parts = ", ".join(
            _("{product}: tersedia {qty}").format(product=names.get(p, p), qty=q)
            for p, q in available.items()
        )
        super().__init__(
            {"lines": ValidationError(_("Stok tidak cukup ({parts}).").format(parts=parts), code="stock")}
        )


def locked_balances(outlet_id: int, product_ids) -> dict[int, StockBalance]:
    """The balance rows of the products in the outlet, created if missing, locked in product order."""
    ids = sorted(set(product_ids))
    existing = set(
        StockBalance.objects.filter(outlet_id=outlet_id, product_id__in=ids).values_list(
            "product_id", flat=True
        )
    )
    for pid in ids:
        if pid not in existing:
            StockBalance.objects.get_or_create(outlet_id=outlet_id, product_id=pid)
    rows = (
        StockBalance.objects.select_for_update()
        .filter(outlet_id=outlet_id, product_id__in=ids)
        .order_by("product_id")
    )
    return {row.product_id: row for row in rows}


def move(
    *,
    balances: dict[int, StockBalance],
    outlet,
    agreement_id: int,
    product_id: int,
    kind: str,
    qty: int,
    occurred_on: dt.date,
    actor=None,
    sale=None,
    best_before=None,
    note: str = "",
) -> StockMovement:
    """Write one movement and its balance (the balance row must be locked by the caller)."""
    balance = balances[product_id]
    balance.on_hand += qty
    balance.save(update_fields=["on_hand"])
    return StockMovement.objects.create(
        outlet=outlet,
        product_id=product_id,
        agreement_id=agreement_id,
        kind=kind,
        qty=qty,
        occurred_on=occurred_on,
        best_before=best_before,
        sale=sale,
        note=note,
        created_by=actor if getattr(actor, "pk", None) else None,
    )


@dataclass(frozen=True)
class DeliveryLine:
    product_id: int
    qty: int
    best_before: dt.date | None = None


def _staff(actor, outlet) -> None:
    if not access.runs_outlet(actor, outlet):
        raise PermissionDenied(_("Hanya staf gerai ini yang dapat mencatat stok."))


def _active(agreement: Agreement) -> None:
    if agreement.status != AgreementStatus.ACTIVE:
        raise refuse("agreement_not_active", "agreement")


@transaction.atomic
def delivery_receive(
    *, actor, agreement: Agreement, lines: list[DeliveryLine], received_on: dt.date, note: str = ""
) -> list[StockMovement]:
    """The outlet receives goods from the producer: they stay the producer's until sold."""
    outlet = agreement.outlet
    _staff(actor, outlet)
    _active(agreement)
    allowed = set(agreement.items.values_list("product_id", flat=True))
    for line in lines:
        if line.product_id not in allowed:
            raise refuse("not_consigned", "lines")
        problem = rules.qty_problem(line.qty)
        if problem:
            raise refuse(problem, "lines")
    if not lines:
        raise refuse("qty_positive", "lines")
    balances = locked_balances(outlet.pk, [line.product_id for line in lines])
    moved = [
        move(
            balances=balances,
            outlet=outlet,
            agreement_id=agreement.pk,
            product_id=line.product_id,
            kind=MovementKind.DELIVERY,
            qty=line.qty,
            occurred_on=received_on,
            actor=actor,
            best_before=line.best_before,
            note=note,
        )
        for line in lines
    ]
    audit(
        actor=actor,
        action="delivery_receive",
        obj=agreement,
        region_code=outlet.region_code,
        organization_id=agreement.producer_id,
        after={"received_on": received_on, "lines": [[m.product_id, m.qty] for m in moved]},
    )
    return moved


@transaction.atomic
def stock_remove(
    *, actor, agreement: Agreement, kind: str, lines: list[DeliveryLine], occurred_on: dt.date, note: str = ""
) -> list[StockMovement]:
    """Goods leave the outlet without a sale: returned to the producer or written off as expired.
    Never more than is on hand."""
    if kind not in (MovementKind.RETURN, MovementKind.WRITEOFF):
        raise ValueError(kind)
    outlet = agreement.outlet
    _staff(actor, outlet)
    allowed = set(agreement.items.values_list("product_id", flat=True))
    wanted: dict[int, int] = {}
    for line in lines:
        if line.product_id not in allowed:
            raise refuse("not_consigned", "lines")
        problem = rules.qty_problem(line.qty)
        if problem:
            raise refuse(problem, "lines")
        wanted[line.product_id] = wanted.get(line.product_id, 0) + line.qty
    balances = locked_balances(outlet.pk, wanted)
    short = rules.shortages(wanted, {pid: b.on_hand for pid, b in balances.items()})
    if short:
        raise InsufficientStock(short)
    moved = [
        move(
            balances=balances,
            outlet=outlet,
            agreement_id=agreement.pk,
            product_id=pid,
            kind=kind,
            qty=-qty,
            occurred_on=occurred_on,
            actor=actor,
            note=note,
        )
        for pid, qty in sorted(wanted.items())
    ]
    audit(
        actor=actor,
        action=f"stock_{kind}",
        obj=agreement,
        region_code=outlet.region_code,
        organization_id=agreement.producer_id,
        after={"occurred_on": occurred_on, "lines": [[m.product_id, m.qty] for m in moved]},
    )
    return moved


def stock_differences(outlet_id: int | None = None) -> list[tuple[int, int, int, int]]:
    """(outlet, product, balance, Σ movements) for every balance row that differs from its movements."""
    movements = StockMovement.objects.all()
    balances = StockBalance.objects.all()
    if outlet_id is not None:
        movements = movements.filter(outlet_id=outlet_id)
        balances = balances.filter(outlet_id=outlet_id)
    summed = {
        (r["outlet_id"], r["product_id"]): r["n"]
        for r in movements.values("outlet_id", "product_id").annotate(n=Sum("qty")).order_by()
    }
    kept = {(b.outlet_id, b.product_id): b.on_hand for b in balances}
    return [
        (o, p, kept.get((o, p), 0), summed.get((o, p), 0))
        for o, p in sorted(set(summed) | set(kept))
        if kept.get((o, p), 0) != summed.get((o, p), 0)
    ]


@transaction.atomic
def stock_recount(outlet_id: int | None = None) -> list[tuple[int, int, int, int]]:
    """Rewrite every balance row that differs from the sum of its movements; returns what it fixed."""
    found = stock_differences(outlet_id)
    for o, p, _kept, counted in found:
        StockBalance.objects.update_or_create(outlet_id=o, product_id=p, defaults={"on_hand": counted})
    return found
