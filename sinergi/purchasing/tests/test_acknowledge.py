"""A supplier confirms a purchase order it received ("Terima pesanan"), from its home page."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sinergi.core.models import AuditEvent
from sinergi.purchasing import services
from sinergi.purchasing.models import PurchaseOrder

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent_po(system, optimised_round, bulog):
    po = PurchaseOrder.objects.get(round=optimised_round, supplier=bulog)
    return services.purchase_order_send(actor=system, purchase_order=po)


def acknowledged(po):
    row = PurchaseOrder.objects.get(pk=po.pk)
    return row.acknowledged_at, row.acknowledged_by_id


def test_supplier_acknowledges_a_sent_order(supplier, sent_po):
    po = services.purchase_order_acknowledge(actor=supplier, purchase_order=sent_po)
    row = PurchaseOrder.objects.get(pk=sent_po.pk)
    assert row.acknowledged_by == supplier and row.acknowledged_at == po.acknowledged_at
    event = AuditEvent.objects.get(action="purchasing.purchase_order.acknowledge")
    assert event.actor == supplier
    assert event.before == {"acknowledged_at": None}
    assert event.after == {"acknowledged_at": row.acknowledged_at.isoformat()}
    with pytest.raises(ValidationError):
        services.purchase_order_acknowledge(actor=supplier, purchase_order=sent_po)
    assert AuditEvent.objects.filter(action="purchasing.purchase_order.acknowledge").count() == 1


def test_only_the_suppliers_staff_acknowledge(
    coordinator, nusantara_staff, officer_bandung, bandung_manager, sent_po
):
    for user in (coordinator, nusantara_staff, officer_bandung, bandung_manager):
        with pytest.raises(PermissionDenied):
            services.purchase_order_acknowledge(actor=user, purchase_order=sent_po)
    assert acknowledged(sent_po) == (None, None)
    assert not AuditEvent.objects.filter(action="purchasing.purchase_order.acknowledge").exists()


def test_a_draft_cannot_be_acknowledged(supplier, optimised_round, bulog):
    po = PurchaseOrder.objects.get(round=optimised_round, supplier=bulog)
    with pytest.raises(ValidationError):
        services.purchase_order_acknowledge(actor=supplier, purchase_order=po)
    assert acknowledged(po) == (None, None)


def test_supplier_home_lists_the_order_and_accepts_it(client, supplier, nusantara_staff, sent_po):
    client.force_login(nusantara_staff)
    assert sent_po.number not in client.get(reverse("home")).text  # another supplier's order
    client.force_login(supplier)
    home = client.get(reverse("home")).text
    action = reverse("purchasing:purchase_order_acknowledge", args=[sent_po.pk])
    assert "Surat pesanan menunggu diterima" in home and sent_po.number in home and action in home
    response = client.post(action, {"next": "home"}, follow=True)
    assert response.redirect_chain == [(reverse("home"), 302)]
    assert f"Surat pesanan {sent_po.number} diterima." in response.text
    assert acknowledged(sent_po)[1] == supplier.pk
    assert "Surat pesanan menunggu diterima" not in client.get(reverse("home")).text


def test_another_supplier_cannot_acknowledge_through_the_page(client, nusantara_staff, sent_po):
    client.force_login(nusantara_staff)
    response = client.post(
        reverse("purchasing:purchase_order_acknowledge", args=[sent_po.pk]), {"next": "home"}
    )
    assert response.status_code == 404
    assert acknowledged(sent_po) == (None, None)


def test_acknowledge_through_the_api(client, supplier, coordinator, sent_po):
    from sinergi.accounts.services import api_token_create

    path = f"/api/v1/purchasing/purchase-orders/{sent_po.pk}/acknowledge"
    _t, raw = api_token_create(actor=coordinator, name="uji")
    assert client.post(path, HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 403
    assert acknowledged(sent_po) == (None, None)
    _t, raw = api_token_create(actor=supplier, name="uji")
    answer = client.post(path, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert answer.status_code == 200
    row = PurchaseOrder.objects.get(pk=sent_po.pk)
    assert row.acknowledged_by == supplier
    assert answer.json()["acknowledged_at"] is not None
    again = client.post(path, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert again.status_code == 400
    assert again.json()["detail"] == "Surat pesanan ini sudah diterima."
