"""The demo world's Belanja Bareng part (idempotent, realistic, fair) and `sinergi purchasing_close_due`."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from sinergi.accounts.models import Membership
from sinergi.purchasing import demo
from sinergi.purchasing.models import (
    CooperativeBill,
    Order,
    PriceTier,
    Product,
    PurchaseOrder,
    Round,
    RoundStatus,
)
from sinergi.purchasing.tests.factories import bandung_cooperatives
from sinergi.registry.models import Network

pytestmark = pytest.mark.django_db


def counts():
    return [
        m.objects.count() for m in (Network, Round, Order, Product, PriceTier, PurchaseOrder, CooperativeBill)
    ]


def test_demo_needs_the_registry(system):
    assert demo.seed(actor=system) == []
    assert counts() == [0] * 7


def test_demo_world(system):
    members = bandung_cooperatives(24)
    logins = demo.seed(actor=system)
    assert [email for email, _ in logins] == ["koordinator@sinergi.test", "pengurus.bandung@sinergi.test"]
    network = Network.objects.get()
    assert network.members.count() == 24 and network.lead == members[0]
    assert network.kind == "buying" and not network.memberships.exclude(state="member").exists()
    assert set(network.memberships.values_list("joined_on", flat=True)) == {demo.LAUNCHED}
    assert Membership.objects.get(user__email="koordinator@sinergi.test").role == "coordinator"
    closed, current = Round.objects.order_by("opens_at")
    assert closed.status == RoundStatus.OPTIMISED and closed.closes_at < timezone.now()
    assert closed.plan.status == "optimal" and closed.plan.savings > 0
    assert all(b.pays <= b.alone_cost for b in closed.plan.bills.all())
    assert PurchaseOrder.objects.filter(round=closed, status="sent").get().supplier.name == demo.BULOG
    assert current.status == RoundStatus.OPEN and current.closes_at > timezone.now()
    # The demo member's cooperative (the second member) has not ordered yet in the open round.
    assert current.orders.count() == 11
    assert not current.orders.filter(cooperative=members[1]).exists()
    # Staples are priced from the Badan Pangan file: rice around the Bandung shelf price of 13,111/kg.
    rice = PriceTier.objects.filter(item__product__code="beras-medium-5kg", min_qty=1)
    assert all(55_000 <= tier.unit_price <= 66_000 for tier in rice)
    before = counts()
    demo.seed(actor=system)
    assert counts() == before


def test_close_due_command(system, open_round):
    Round.objects.filter(pk=open_round.pk).update(closes_at=timezone.now() - dt.timedelta(minutes=5))
    out = io.StringIO()
    call_command("purchasing_close_due", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {
        "closed": [{"id": open_round.pk, "name": "Belanja Bareng Desember"}]
    }
    assert Round.objects.get(pk=open_round.pk).status == RoundStatus.CLOSED
    out = io.StringIO()
    call_command("purchasing_close_due", stdout=out)
    assert out.getvalue().strip() == "0 putaran ditutup / rounds closed"
