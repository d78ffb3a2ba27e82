"""The API contract: 201 with the sale, 409 with what is available and nothing written, one sale per
client id with the same body, stock scoped to the caller."""

import json

import pytest

from sinergi.consignment.models import Sale, StockBalance, StockMovement

pytestmark = pytest.mark.django_db
URL = "/api/v1/market/sales"


def post(client, body):
    return client.post(URL, data=json.dumps(body), content_type="application/json")


def test_sale_201_then_replay_same_body(api, cashier, stocked, outlet, talas):
    client = api(cashier)
    body = {
        "outlet": outlet.pk,
        "client_id": "c-1",
        "paid_with": "cash",
        "lines": [{"product": talas.pk, "qty": 2, "unit_price": "15000"}],
    }
    first = post(client, body)
    assert first.status_code == 201
    data = first.json()
    assert data["total"] == "30000"
    assert data["lines"] == [{"product": talas.pk, "qty": 2, "unit_price": "15000", "amount": "30000"}]
    again = post(client, body)
    assert again.status_code == 201
    assert again.json() == data
    assert Sale.objects.count() == 1
    assert StockBalance.objects.get(outlet=outlet, product=talas).on_hand == 8


def test_sale_409_with_available_nothing_written(api, cashier, stocked, outlet, talas, sambal):
    moves = StockMovement.objects.count()
    response = post(
        api(cashier),
        {
            "outlet": outlet.pk,
            "client_id": "c-2",
            "paid_with": "qris",
            "lines": [
                {"product": talas.pk, "qty": 1, "unit_price": "15000"},
                {"product": sambal.pk, "qty": 9, "unit_price": "27500"},
            ],
        },
    )
    assert response.status_code == 409
    assert response.json() == {
        "detail": "Stok tidak cukup (Sambal Roa 150 ml: tersedia 4).",
        "available": {str(sambal.pk): 4},
    }
    assert Sale.objects.count() == 0
    assert StockMovement.objects.count() == moves


def test_sale_negative_price_400(api, cashier, stocked, outlet, talas):
    response = post(
        api(cashier),
        {
            "outlet": outlet.pk,
            "client_id": "c-3",
            "paid_with": "cash",
            "lines": [{"product": talas.pk, "qty": 1, "unit_price": "-1"}],
        },
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Harga tidak boleh negatif."
    assert Sale.objects.count() == 0


def test_sale_by_producer_403_other_region_404(api, umkm_owner, officer_bandung, stocked, outlet, talas):
    body = {
        "outlet": outlet.pk,
        "client_id": "c-4",
        "paid_with": "cash",
        "lines": [{"product": talas.pk, "qty": 1}],
    }
    assert post(api(umkm_owner), body).status_code == 404
    assert post(api(officer_bandung), body).status_code == 404
    assert Sale.objects.count() == 0


def test_stock_scoped(api, cashier, umkm_owner, officer_bandung, stocked, outlet, talas, sambal):
    expected = [
        {"outlet": outlet.pk, "product": talas.pk, "on_hand": 10},
        {"outlet": outlet.pk, "product": sambal.pk, "on_hand": 4},
    ]
    assert api(cashier).get(f"/api/v1/market/stock?outlet={outlet.pk}").json() == sorted(
        expected, key=lambda r: r["product"]
    )
    assert api(umkm_owner).get(f"/api/v1/market/stock?product={talas.pk}").json() == [expected[0]]
    assert api(officer_bandung).get("/api/v1/market/stock").json() == []


def test_session_post_needs_csrf(client, cashier, stocked, outlet, talas):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(cashier)
    response = browser.post(
        URL,
        data=json.dumps(
            {
                "outlet": outlet.pk,
                "client_id": "s",
                "paid_with": "cash",
                "lines": [{"product": talas.pk, "qty": 1}],
            }
        ),
        content_type="application/json",
    )
    assert response.status_code in (401, 403)
    assert Sale.objects.count() == 0


def test_settlement_approve_pay_api_and_scoping(
    api, cashier, umkm_owner, officer_bandung, stocked, outlet, talas, today
):
    import datetime as dt

    from sinergi.consignment import services

    end = today.replace(day=1) - dt.timedelta(days=1)
    services.sale_record(
        actor=cashier,
        outlet=outlet,
        client_id="x1",
        paid_with="cash",
        sold_on=end,
        lines=[services.LineIn(talas.pk, 1)],
    )
    statement = services.statement_make(
        actor=cashier, agreement=stocked, period_start=end.replace(day=1), period_end=end
    )
    assert api(officer_bandung).get("/api/v1/market/settlements").json()["items"] == []
    owner = api(umkm_owner)
    listed = owner.get("/api/v1/market/settlements").json()["items"]
    assert [(s["id"], s["gross"], s["outlet_margin"], s["producer_share"]) for s in listed] == [
        (statement.pk, "15000", "3000", "12000")
    ]
    assert owner.post(f"/api/v1/market/settlements/{statement.pk}/approve").status_code == 403
    staff = api(cashier)
    assert staff.post(f"/api/v1/market/settlements/{statement.pk}/approve").json()["status"] == "approved"
    paid = staff.post(
        f"/api/v1/market/settlements/{statement.pk}/payment",
        content_type="application/json",
        data=json.dumps({"paid_on": today.isoformat(), "paid_with": "qris", "reference": "QR-1"}),
    )
    assert (paid.status_code, paid.json()["status"], paid.json()["paid_reference"]) == (200, "paid", "QR-1")
