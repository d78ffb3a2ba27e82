"""Round, bill and purchase-order events reach the network's cooperatives or the supplier's staff."""

import datetime as dt

import pytest
from django.utils import timezone

from sinergi.core.models import Notification
from sinergi.purchasing import services
from sinergi.purchasing.models import PurchaseOrder, Round

pytestmark = pytest.mark.django_db


def received(event):
    return sorted(Notification.objects.filter(event=event).values_list("recipient__email", flat=True))


MEMBERS = ["pengurus.bandung@sinergi.test", "pengurus.cahaya@sinergi.test"]


@pytest.fixture
def people(bandung_manager, cahaya_manager, coop_manager, coordinator, supplier):
    """Managers of both member cooperatives, a manager outside the network, the coordinator, a supplier."""


def test_round_opened(people, draft_round, coordinator):
    services.round_open(actor=coordinator, round=draft_round)
    assert received("round_opened") == MEMBERS
    assert Notification.objects.count() == 2
    notification = Notification.objects.first()
    assert notification.subject == "Putaran Belanja Bareng Belanja Bareng Desember dibuka"
    assert notification.url == f"/belanja-bareng/putaran/{draft_round.pk}/"


def test_round_closing_within_a_day_reminded_once(people, open_round, system):
    Round.objects.filter(pk=open_round.pk).update(closes_at=timezone.now() + dt.timedelta(hours=5))
    Notification.objects.all().delete()
    services.rounds_close_due(actor=system)
    services.rounds_close_due(actor=system)
    assert received("round_closing") == MEMBERS
    assert Notification.objects.count() == 2


def test_round_closing_in_three_days_not_yet(people, open_round, system):
    Notification.objects.all().delete()
    services.rounds_close_due(actor=system)
    assert Notification.objects.count() == 0


def test_round_optimised(people, closed_round, coordinator):
    Notification.objects.all().delete()
    services.round_solve(actor=coordinator, round=closed_round)
    assert received("round_optimised") == MEMBERS
    assert Notification.objects.count() == 2


def test_purchase_orders_and_bills(people, optimised_round, coordinator, bulog, nusantara_staff):
    Notification.objects.all().delete()
    po = PurchaseOrder.objects.get(round=optimised_round, supplier=bulog)
    services.purchase_order_send(actor=coordinator, purchase_order=po)
    assert received("purchase_order_sent") == ["pemasok@sinergi.test"]
    assert received("bill_ready") == []  # one order still to send: bills are not final
    services.purchase_orders_send_all(actor=coordinator, round=optimised_round)
    assert received("purchase_order_sent") == ["pemasok.nusantara@sinergi.test", "pemasok@sinergi.test"]
    assert received("bill_ready") == MEMBERS
    bill = Notification.objects.get(event="bill_ready", recipient__email="pengurus.cahaya@sinergi.test")
    assert (
        bill.url
        == f"/belanja-bareng/putaran/{optimised_round.pk}/tagihan/{bill.recipient.memberships.get().organization_id}/"
    )
    assert bill.body.startswith("Koperasi Cahaya membayar Rp")
    assert Notification.objects.count() == 4
