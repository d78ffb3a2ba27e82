"""Bills, delivery lists, purchase orders and the round's optimiser input are the cooperatives'
own business: no page, download or API answer of them is kept by a browser or a proxy."""

import pytest
from django.urls import reverse

from sinergi.accounts.services import api_token_create
from sinergi.purchasing.models import PurchaseOrder

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"purchasing:{name}", args=args)


def not_kept(response) -> bool:
    return {d.strip() for d in response["Cache-Control"].split(",")} >= {"private", "no-store"}


def test_bills_delivery_lists_and_purchase_orders_are_not_kept(
    client, coordinator, officer_bandung, optimised_round, cooperative_bandung, bulog
):
    po = PurchaseOrder.objects.get(supplier=bulog)
    client.force_login(coordinator)
    for name, args in (
        ("bill_detail", (optimised_round.pk, cooperative_bandung.pk)),
        ("bill_pdf", (optimised_round.pk, cooperative_bandung.pk)),
        ("delivery_xlsx", (optimised_round.pk,)),
        ("purchase_order_list", ()),
        ("purchase_order_detail", (po.pk,)),
        ("purchase_order_pdf", (po.pk,)),
        ("purchase_order_xlsx", (po.pk,)),
    ):
        response = client.get(url(name, *args))
        assert response.status_code == 200 and not_kept(response), name
    client.force_login(officer_bandung)
    response = client.get(url("round_instance", optimised_round.pk))
    assert response.status_code == 200 and not_kept(response)


def test_purchasing_api_answers_are_not_kept(client, coordinator, optimised_round, cooperative_bandung, bulog):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=coordinator, name='t')[1]}"}
    po = PurchaseOrder.objects.get(supplier=bulog)
    for path in (
        f"/api/v1/purchasing/rounds/{optimised_round.pk}/bills",
        f"/api/v1/purchasing/rounds/{optimised_round.pk}/bills/{cooperative_bandung.pk}",
        "/api/v1/purchasing/purchase-orders/",
        f"/api/v1/purchasing/purchase-orders/{po.pk}",
    ):
        response = client.get(path, **headers)
        assert response.status_code == 200 and response["Cache-Control"] == "private, no-store", path
