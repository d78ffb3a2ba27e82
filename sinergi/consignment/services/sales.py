"""Sales at an outlet: never beyond what is on hand, recorded once per device id.

A sale locks the balance rows of its products (in product-id order), checks every line against
what is on hand and either writes everything (sale, lines, movements, balances, tally, audit) or
nothing, refusing with the quantities available. A device that sends the same sale twice (its
offline queue replaying, a retry after a dropped answer) gets the sale already recorded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.consignment import access, rules, tallies
from sinergi.consignment.models import (
    AgreementProduct,
    AgreementStatus,
    MovementKind,
    Outlet,
    PaymentMethod,
    PriceModel,
    Sale,
    SaleLine,
)
from sinergi.consignment.services.common import audit, refuse
from sinergi.consignment.services.stock import InsufficientStock, locked_balances, move


@dataclass(frozen=True)
class LineIn:
    product_id: int
    qty: int
    unit_price: Decimal | None = None


def consigned_terms(outlet_id: int, product_ids) -> dict[int, AgreementProduct]:
    """The terms each product is sold under at the outlet: its item in the outlet's active agreement
    (the most recent, should there be several)."""
    items = (
        AgreementProduct.objects.filter(
            agreement__outlet_id=outlet_id,
            agreement__status=AgreementStatus.ACTIVE,
            product_id__in=list(product_ids),
        )
        .select_related("agreement")
        .order_by("agreement__starts_on", "agreement_id")
    )
    return {item.product_id: item for item in items}


def check_lines(outlet_id: int, lines: list[LineIn]) -> tuple[dict[int, AgreementProduct], dict[int, int]]:
    """The rules of a sale's lines, before any lock: returns the terms and the units per product."""
    if not lines:
        raise refuse("qty_positive", "lines")
    terms = consigned_terms(outlet_id, [line.product_id for line in lines])
    wanted: dict[int, int] = {}
    for line in lines:
        problem = rules.qty_problem(line.qty) or rules.price_problem(line.unit_price)
        if problem:
            raise refuse(problem, "lines")
        item = terms.get(line.product_id)
        if item is None:
            raise refuse("not_consigned", "lines")
        if line.unit_price is not None and line.unit_price != item.retail_price:
            raise refuse("price_mismatch", "lines")
        wanted[line.product_id] = wanted.get(line.product_id, 0) + line.qty
    return terms, wanted


def _existing(outlet_id: int, client_id: str) -> Sale | None:
    return Sale.objects.filter(outlet_id=outlet_id, client_id=client_id).first()


def sale_record(
    *,
    actor,
    outlet: Outlet,
    client_id: str,
    lines: list[LineIn],
    paid_with: str,
    reference: str = "",
    sold_on: dt.date | None = None,
) -> tuple[Sale, bool]:
    """Record a sale; returns (sale, created). A `client_id` already recorded at the outlet returns
    that sale unchanged (created False)."""
    if not access.runs_outlet(actor, outlet):
        raise PermissionDenied(_("Hanya staf gerai ini yang dapat mencatat penjualan."))
    client_id = client_id.strip()
    if not client_id or len(client_id) > 64:
        raise ValidationError(
            {"client_id": _("Id penjualan dari perangkat wajib diisi (paling panjang 64).")}
        )
    if paid_with not in PaymentMethod.values:
        raise ValidationError({"paid_with": _("Pilih cara bayar: tunai, QRIS atau transfer.")})
    problem = rules.payment_problem(paid_with, reference)
    if problem:
        raise refuse(problem, "reference")
    sold_on = sold_on or timezone.localdate()
    if sold_on > timezone.localdate():
        raise refuse("future_date", "sold_on")
    found = _existing(outlet.pk, client_id)
    if found is not None:
        return found, False
    try:
        with transaction.atomic():
            return _write(actor, outlet, client_id, lines, paid_with, reference.strip(), sold_on), True
    except IntegrityError:
        # The same device id arrived twice at once: the other transaction recorded it first.
        found = _existing(outlet.pk, client_id)
        if found is None:
            raise
        return found, False


def _write(actor, outlet, client_id, lines, paid_with, reference, sold_on) -> Sale:
    terms, wanted = check_lines(outlet.pk, lines)
    balances = locked_balances(outlet.pk, wanted)
    short = rules.shortages(wanted, {pid: b.on_hand for pid, b in balances.items()})
    if short:
        raise InsufficientStock(short)
    sale = Sale.objects.create(
        outlet=outlet,
        client_id=client_id,
        sold_on=sold_on,
        paid_with=paid_with,
        reference=reference,
        total=Decimal(0),
        region_code=outlet.region_code,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    total = Decimal(0)
    qty_total = 0
    rows = []
    for line in lines:
        item = terms[line.product_id]
        fixed = item.agreement.price_model == PriceModel.FIXED
        amount = item.retail_price * line.qty
        total += amount
        qty_total += line.qty
        rows.append(
            SaleLine(
                sale=sale,
                product_id=line.product_id,
                agreement_id=item.agreement_id,
                qty=line.qty,
                unit_price=item.retail_price,
                amount=amount,
                commission_pct=None if fixed else item.agreement.commission_pct,
                producer_price=item.consignment_price if fixed else None,
            )
        )
    SaleLine.objects.bulk_create(rows)
    for line in lines:
        move(
            balances=balances,
            outlet=outlet,
            agreement_id=terms[line.product_id].agreement_id,
            product_id=line.product_id,
            kind=MovementKind.SALE,
            qty=-line.qty,
            occurred_on=sold_on,
            actor=actor,
            sale=sale,
        )
    sale.total = total
    sale.save(update_fields=["total"])
    tallies.sale_deltas(outlet.region_code, sold_on, qty_total, total)
    audit(
        actor=actor,
        action="sale_record",
        obj=sale,
        region_code=outlet.region_code,
        organization_id=outlet.organization_id,
        after={
            "client_id": client_id,
            "total": total,
            "paid_with": paid_with,
            "lines": [[r.product_id, r.qty, r.unit_price] for r in rows],
        },
    )
    return sale
