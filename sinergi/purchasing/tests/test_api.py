"""The Belanja Bareng API: status, permission, the project's error shape, one path through each endpoint."""

import pytest

from sinergi.core.models import Job
from sinergi.purchasing.models import OrderLine, PurchaseOrder, RoundStatus

pytestmark = pytest.mark.django_db

BASE = "/api/v1/purchasing"


def test_needs_authentication(client):
    assert client.get(f"{BASE}/rounds/").status_code == 401


def test_networks_are_scoped(api, network, officer_bandung, officer_bogor):
    data = api(officer_bandung).get(f"{BASE}/networks/").json()
    assert data["count"] == 1 and data["items"][0]["name"] == "JUK Kota Bandung"
    detail = api(officer_bandung).get(f"{BASE}/networks/{network.pk}").json()
    assert [m["district"] for m in detail["members"]] == ["32.73.05", "32.73.02"]
    assert api(officer_bogor).get(f"{BASE}/networks/{network.pk}").json() == {"detail": "Tidak ditemukan."}


def test_rounds_offers_and_board(api, bandung_manager, ordered_round):
    client = api(bandung_manager)
    rounds = client.get(f"{BASE}/rounds/?status=open").json()
    assert [(r["name"], r["accepts_orders"]) for r in rounds["items"]] == [("Belanja Bareng Desember", True)]
    offers = client.get(f"{BASE}/rounds/{ordered_round.pk}/offers").json()
    assert [(o["supplier_name"], o["product"]) for o in offers] == [
        ("PT Pangan Nusantara", "beras-medium-5kg"),
        ("Perum Bulog Kanwil Jabar", "beras-medium-5kg"),
        ("Perum Bulog Kanwil Jabar", "gula-pasir-1kg"),
        ("PT Pangan Nusantara", "minyak-goreng-2l"),
    ]
    assert offers[1]["tiers"] == [
        {"min_qty": 1, "unit_price": "68000"},
        {"min_qty": 100, "unit_price": "65000"},
    ]
    board = {p["product"]: p for p in client.get(f"{BASE}/rounds/{ordered_round.pk}/board").json()}
    assert (board["gula-pasir-1kg"]["qty"], board["gula-pasir-1kg"]["missing"]) == (10, 190)


def test_order_crud_while_open(api, bandung_manager, open_round, cooperative_bandung):
    client = api(bandung_manager)
    path = f"{BASE}/rounds/{open_round.pk}/orders/{cooperative_bandung.pk}"
    assert client.get(path).json() == {
        "round_id": open_round.pk,
        "cooperative_id": cooperative_bandung.pk,
        "version": 0,
        "lines": [],
    }
    saved = client.put(
        path,
        {
            "version": 0,
            "lines": [{"product": "beras-medium-5kg", "qty": 40}, {"product": "gula-pasir-1kg", "qty": 10}],
        },
        content_type="application/json",
    ).json()
    assert saved["version"] == 1 and [(line["product"], line["qty"]) for line in saved["lines"]] == [
        ("beras-medium-5kg", 40),
        ("gula-pasir-1kg", 10),
    ]
    changed = client.put(
        f"{path}/lines/gula-pasir-1kg", {"qty": 25, "version": 1}, content_type="application/json"
    ).json()
    assert changed["version"] == 2
    removed = client.delete(f"{path}/lines/beras-medium-5kg?version=2").json()
    assert [(line["product"], line["qty"]) for line in removed["lines"]] == [("gula-pasir-1kg", 25)]


def test_a_stale_version_is_a_conflict(api, bandung_manager, open_round, cooperative_bandung):
    client = api(bandung_manager)
    path = f"{BASE}/rounds/{open_round.pk}/orders/{cooperative_bandung.pk}"
    client.put(path, {"lines": [{"product": "gula-pasir-1kg", "qty": 10}]}, content_type="application/json")
    response = client.put(path, {"version": 0, "lines": []}, content_type="application/json")
    assert response.status_code == 409
    assert "baru saja diubah orang lain" in response.json()["detail"]
    assert OrderLine.objects.get().qty == 10


def test_order_errors(api, bandung_manager, cahaya_manager, open_round, cooperative_bandung):
    path = f"{BASE}/rounds/{open_round.pk}/orders/{cooperative_bandung.pk}"
    response = api(bandung_manager).put(
        path, {"lines": [{"product": "emas-1g", "qty": 1}]}, content_type="application/json"
    )
    assert response.status_code == 400 and "emas-1g" in response.json()["detail"]
    assert api(cahaya_manager).get(path).status_code == 404
    assert api(cahaya_manager).put(path, {"lines": []}, content_type="application/json").status_code == 404


def test_closed_round_refuses_order_changes(api, bandung_manager, closed_round, cooperative_bandung):
    path = f"{BASE}/rounds/{closed_round.pk}/orders/{cooperative_bandung.pk}"
    response = api(bandung_manager).put(path, {"lines": []}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "Putaran sudah ditutup; pesanan tidak dapat diubah lagi."
    assert OrderLine.objects.filter(order__cooperative=cooperative_bandung).count() == 2


def test_lifecycle_through_the_api(
    api, coordinator, bandung_manager, draft_round, cooperative_bandung, django_capture_on_commit_callbacks
):
    client = api(coordinator)
    assert client.post(f"{BASE}/rounds/{draft_round.pk}/open").json()["status"] == RoundStatus.OPEN
    client.put(
        f"{BASE}/rounds/{draft_round.pk}/orders/{cooperative_bandung.pk}",
        {"lines": [{"product": "beras-medium-5kg", "qty": 120}]},
        content_type="application/json",
    )
    assert client.post(f"{BASE}/rounds/{draft_round.pk}/close").json()["status"] == RoundStatus.CLOSED
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{BASE}/rounds/{draft_round.pk}/optimise")
    assert response.status_code == 202 and response.json()["job_id"] == Job.objects.get().pk
    plan = client.get(f"{BASE}/rounds/{draft_round.pk}/plan").json()
    # 120 sacks alone reach Bulog's 100+ tier already: 7,800,000 + 100,000 delivery, nothing to share.
    assert (plan["status"], plan["total_cost"], plan["savings"]) == ("optimal", "7900000", "0")
    bills = client.get(f"{BASE}/rounds/{draft_round.pk}/bills").json()
    assert [(b["cooperative_id"], b["pays"]) for b in bills] == [(cooperative_bandung.pk, "7900000")]
    assert api(bandung_manager).get(f"{BASE}/rounds/{draft_round.pk}/plan").status_code == 403


def test_bills_and_purchase_orders(
    api,
    coordinator,
    bandung_manager,
    supplier,
    optimised_round,
    bulog,
    cooperative_bandung,
    cooperative_cahaya,
):
    own = api(bandung_manager).get(f"{BASE}/rounds/{optimised_round.pk}/bills").json()
    assert [(b["cooperative_name"], b["pays"], b["saves"]) for b in own] == [
        ("Koperasi Mekar Sari", "5099049", "170951")
    ]
    assert (
        api(bandung_manager)
        .get(f"{BASE}/rounds/{optimised_round.pk}/bills/{cooperative_cahaya.pk}")
        .status_code
        == 404
    )
    bill = (
        api(bandung_manager).get(f"{BASE}/rounds/{optimised_round.pk}/bills/{cooperative_bandung.pk}").json()
    )
    assert {(line["product"], line["unit_price"], line["alone_unit_price"]) for line in bill["lines"]} == {
        ("beras-medium-5kg", "65000", "69000"),
        ("minyak-goreng-2l", "36000", "36000"),
    }
    po = PurchaseOrder.objects.get(supplier=bulog)
    assert api(supplier).get(f"{BASE}/purchase-orders/").json()["count"] == 0
    assert api(supplier).post(f"{BASE}/purchase-orders/{po.pk}/send").status_code == 404
    sent = api(coordinator).post(f"{BASE}/purchase-orders/{po.pk}/send").json()
    assert sent["status"] == "sent" and [line["qty"] for line in sent["lines"]] == [110, 10]
    listed = api(supplier).get(f"{BASE}/purchase-orders/").json()
    assert [item["number"] for item in listed["items"]] == [po.number]
    again = api(coordinator).post(f"{BASE}/purchase-orders/{po.pk}/send")
    assert again.status_code == 400 and again.json()["detail"] == "Surat pesanan ini sudah dikirim."
