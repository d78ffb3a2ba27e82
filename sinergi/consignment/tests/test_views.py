"""Pages: status per role, the happy paths of approving and paying, scoping."""

import datetime as dt
from decimal import Decimal

import pytest

from sinergi.consignment import services
from sinergi.consignment.models import Agreement, Statement, StockBalance

pytestmark = pytest.mark.django_db


def test_outlet_pages_for_staff(as_user, cashier, stocked, outlet):
    client = as_user(cashier)
    assert client.get("/gerai/").status_code == 302
    page = client.get(f"/gerai/{outlet.pk}/")
    assert page.status_code == 200
    assert "Minimarket PKPRI Kota Bogor" in page.content.decode()
    sell = client.get(f"/gerai/{outlet.pk}/jual/")
    assert sell.status_code == 200
    assert "Keripik Talas 200 g" in sell.content.decode()
    assert client.get(f"/gerai/{outlet.pk}/impor/").status_code == 200
    assert client.get(f"/gerai/perjanjian/{stocked.pk}/terima/").status_code == 200


def test_other_region_and_producer(as_user, officer_bandung, umkm_owner, stocked, outlet):
    assert as_user(officer_bandung).get(f"/gerai/{outlet.pk}/").status_code == 404
    client = as_user(umkm_owner)
    assert client.get(f"/gerai/{outlet.pk}/jual/").status_code == 404
    mine = client.get("/gerai/saya/")
    assert mine.status_code == 200
    assert "Minimarket PKPRI Kota Bogor" in mine.content.decode()


def test_agreement_form_and_delivery(as_user, cashier, outlet, talas, today):
    client = as_user(cashier)
    response = client.post(
        f"/gerai/{outlet.pk}/perjanjian/baru/",
        {
            "product": talas.pk,
            "price_model": "commission",
            "retail_price": "15000",
            "commission_pct": "150",
            "period": "monthly",
            "return_max_days": "14",
            "starts_on": today.isoformat(),
        },
    )
    assert response.status_code == 200
    assert "Komisi harus antara 0 dan 100 %." in response.content.decode()
    assert Agreement.objects.count() == 0
    response = client.post(
        f"/gerai/{outlet.pk}/perjanjian/baru/",
        {
            "product": talas.pk,
            "price_model": "commission",
            "retail_price": "15000",
            "commission_pct": "15",
            "period": "monthly",
            "return_max_days": "14",
            "starts_on": today.isoformat(),
        },
    )
    agreement = Agreement.objects.get()
    assert response.status_code == 302
    client.post(
        f"/gerai/perjanjian/{agreement.pk}/terima/",
        {"product": talas.pk, "qty": "12", "received_on": today.isoformat()},
    )
    assert StockBalance.objects.get(outlet=outlet, product=talas).on_hand == 12


def test_statement_approve_pay_pdf(as_user, cashier, umkm_owner, stocked, outlet, talas, today):
    end = today.replace(day=1) - dt.timedelta(days=1)
    services.sale_record(
        actor=cashier,
        outlet=outlet,
        client_id="v1",
        paid_with="cash",
        sold_on=end,
        lines=[services.LineIn(talas.pk, 2)],
    )
    client = as_user(cashier)
    client.post(f"/gerai/{outlet.pk}/selesaikan/", {"month": end.strftime("%Y-%m")})
    statement = Statement.objects.get()
    assert statement.producer_share == Decimal(24000)
    page = client.get(f"/gerai/laporan/{statement.pk}/")
    assert page.status_code == 200
    client.post(f"/gerai/laporan/{statement.pk}/setujui/")
    client.post(
        f"/gerai/laporan/{statement.pk}/bayar/",
        {"paid_on": today.isoformat(), "paid_with": "transfer", "reference": "BJB-77"},
    )
    statement.refresh_from_db()
    assert (statement.status, statement.paid_reference) == ("paid", "BJB-77")
    pdf = client.get(f"/gerai/laporan/{statement.pk}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # The producer sees the statement but cannot approve or pay.
    assert as_user(umkm_owner).get(f"/gerai/laporan/{statement.pk}/").status_code == 200
    assert as_user(umkm_owner).post(f"/gerai/laporan/{statement.pk}/koreksi/").status_code == 403


def test_spaces_page_allocate_overlap_refused(
    as_user, cashier, officer_bogor, outlet, talas, umkm_bogor, today
):
    client = as_user(cashier)
    client.post(f"/gerai/{outlet.pk}/tempat/", {"action": "space", "space-label": "Stan A1"})
    space = outlet.spaces.get()
    data = {
        "action": "allocate",
        "alloc-space": space.pk,
        "alloc-business": umkm_bogor.pk,
        "alloc-starts_on": today.isoformat(),
        "alloc-ends_on": (today + dt.timedelta(days=30)).isoformat(),
    }
    assert client.post(f"/gerai/{outlet.pk}/tempat/", data).status_code == 302
    again = client.post(f"/gerai/{outlet.pk}/tempat/", data)
    assert "Tempat ini sudah dialokasikan pada sebagian periode itu." in again.content.decode()
    assert space.allocations.count() == 1
    page = as_user(officer_bogor).get(f"/gerai/{outlet.pk}/tempat/")
    assert page.status_code == 200 and "Keripik Talas Bu Euis" in page.content.decode()
    assert (
        as_user(officer_bogor)
        .post(f"/gerai/{outlet.pk}/tempat/", {"action": "space", "space-label": "X"})
        .status_code
        == 403
    )
