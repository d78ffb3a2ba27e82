"""Consignment agreements (perjanjian titip jual) between an outlet and a UMKM."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.consignment import access, rules
from sinergi.consignment.models import Agreement, AgreementProduct, AgreementStatus, Outlet, PriceModel
from sinergi.consignment.services.common import audit, refuse
from sinergi.market.models import Product, ProductStatus


@dataclass(frozen=True)
class ItemTerms:
    """A product under an agreement: its retail price and, for the fixed model, the producer's
    price per unit."""

    product_id: int
    retail_price: Decimal
    consignment_price: Decimal | None = None


def _check_items(producer: Organization, price_model: str, items: list[ItemTerms]) -> dict[int, Product]:
    if not items:
        raise refuse("no_products", "items")
    products = Product.objects.in_bulk([i.product_id for i in items])
    for item in items:
        product = products.get(item.product_id)
        if product is None or product.business_id != producer.pk:
            raise refuse("product_not_producers", "items")
        if product.status != ProductStatus.PUBLISHED:
            raise refuse("product_not_published", "items")
        consignment_price = item.consignment_price if price_model == PriceModel.FIXED else None
        problem = rules.item_problem(
            price_model=price_model, retail_price=item.retail_price, consignment_price=consignment_price
        )
        if problem:
            raise refuse(
                problem,
                "consignment_price" if problem in ("fixed_above_retail", "fixed_missing") else "retail_price",
            )
    return products


@transaction.atomic
def agreement_create(
    *,
    actor,
    outlet: Outlet,
    producer: Organization,
    price_model: str,
    items: list[ItemTerms],
    commission_pct: Decimal = Decimal(0),
    period: str = "monthly",
    return_rules: str = "",
    return_max_days: int = 30,
    starts_on: dt.date,
    activate: bool = False,
) -> Agreement:
    """Agree a consignment: the outlet's staff record the terms agreed with the producer."""
    if not access.runs_outlet(actor, outlet):
        raise PermissionDenied(_("Hanya staf gerai ini yang dapat membuat perjanjian titip jual."))
    if producer.kind != OrganizationKind.UMKM:
        raise refuse("not_umkm", "producer")
    if price_model == PriceModel.COMMISSION:
        problem = rules.commission_problem(commission_pct)
        if problem:
            raise refuse(problem, "commission_pct")
    else:
        commission_pct = Decimal(0)
    _check_items(producer, price_model, items)
    agreement = Agreement.objects.create(
        outlet=outlet,
        producer=producer,
        price_model=price_model,
        commission_pct=commission_pct,
        period=period,
        return_rules=return_rules.strip(),
        return_max_days=return_max_days,
        starts_on=starts_on,
        status=AgreementStatus.ACTIVE if activate else AgreementStatus.DRAFT,
    )
    AgreementProduct.objects.bulk_create(
        AgreementProduct(
            agreement=agreement,
            product_id=i.product_id,
            retail_price=i.retail_price,
            consignment_price=i.consignment_price if price_model == PriceModel.FIXED else None,
        )
        for i in items
    )
    audit(
        actor=actor,
        action="agreement_create",
        obj=agreement,
        region_code=outlet.region_code,
        organization_id=producer.pk,
        after={
            "price_model": price_model,
            "commission_pct": commission_pct,
            "period": period,
            "status": agreement.status,
            "items": [[i.product_id, i.retail_price, i.consignment_price] for i in items],
        },
    )
    return agreement


@transaction.atomic
def agreement_set_status(*, actor, agreement: Agreement, status: str) -> Agreement:
    """Start (draft → active) or end (active → ended) an agreement."""
    agreement = Agreement.objects.select_for_update().select_related("outlet").get(pk=agreement.pk)
    if not access.runs_outlet(actor, agreement.outlet):
        raise PermissionDenied(_("Hanya staf gerai ini yang dapat mengubah perjanjian."))
    allowed = {
        AgreementStatus.ACTIVE: {AgreementStatus.DRAFT},
        AgreementStatus.ENDED: {AgreementStatus.ACTIVE},
    }
    if agreement.status not in allowed.get(status, set()):
        raise refuse("agreement_status", "status")
    before = agreement.status
    agreement.status = status
    agreement.save(update_fields=["status", "updated_at"])
    audit(
        actor=actor,
        action="agreement_status",
        obj=agreement,
        region_code=agreement.outlet.region_code,
        before={"status": before},
        after={"status": status},
        organization_id=agreement.producer_id,
    )
    return agreement
