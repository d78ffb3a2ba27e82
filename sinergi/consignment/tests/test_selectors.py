"""Scoped reads and the figures other slices read (`sales_total`, `products_stocked`)."""

import datetime as dt
from decimal import Decimal

import pytest

from sinergi.consignment import selectors, services

pytestmark = pytest.mark.django_db


def test_sales_total_and_products_stocked(
    stocked, cashier, outlet, pkpri, umkm_bogor, cooperative_bogor, talas, sambal, today
):
    services.sale_record(
        actor=cashier,
        outlet=outlet,
        client_id="t1",
        paid_with="cash",
        sold_on=today,
        lines=[services.LineIn(talas.pk, 2)],
    )
    services.sale_record(
        actor=cashier,
        outlet=outlet,
        client_id="t2",
        paid_with="cash",
        sold_on=today - dt.timedelta(days=40),
        lines=[services.LineIn(sambal.pk, 4)],
    )
    assert selectors.sales_total(producer_ids=[umkm_bogor.pk], start=today, end=today) == Decimal(30000)
    assert selectors.sales_total(
        outlet_org_ids=[pkpri.pk], start=today - dt.timedelta(days=40), end=today
    ) == Decimal(140000)
    assert selectors.sales_total(outlet_org_ids=[cooperative_bogor.pk], start=today, end=today) == Decimal(0)
    # Both products were on hand 41 days ago; sambal sold out 40 days ago.
    assert selectors.products_stocked(producer_ids=[umkm_bogor.pk], on=today - dt.timedelta(days=41)) == 2
    assert selectors.products_stocked(producer_ids=[umkm_bogor.pk], on=today) == 1
    assert selectors.products_stocked(outlet_org_ids=[cooperative_bogor.pk], on=today) == 0
    assert selectors.products_stocked(on=today - dt.timedelta(days=61)) == 0


def test_lists_scoped(
    stocked, cashier, umkm_owner, officer_bogor, officer_bandung, other_outlet_staff, outlet
):
    assert list(selectors.outlet_list(user=cashier)) == [outlet]
    assert list(selectors.outlet_list(user=officer_bogor)) == [outlet]
    assert list(selectors.outlet_list(user=officer_bandung)) == []
    assert list(selectors.outlet_list(user=other_outlet_staff)) == []
    assert list(selectors.agreement_list(user=umkm_owner)) == [stocked]
    assert list(selectors.agreement_list(user=officer_bandung)) == []


def test_outlet_dashboard_slow_and_expiring(stocked, cashier, outlet, talas, sambal, today):
    services.sale_record(
        actor=cashier,
        outlet=outlet,
        client_id="d1",
        paid_with="cash",
        sold_on=today,
        lines=[services.LineIn(talas.pk, 1)],
    )
    board = selectors.outlet_dashboard(outlet=outlet)
    assert [row.product_id for row in board["slow"]] == [sambal.pk]
    assert [(row["product"].pk, row["on_hand"]) for row in selectors.expiring(outlet, within_days=30)] == [
        (talas.pk, 9)
    ]
    assert selectors.expiring(outlet, within_days=10) == []
