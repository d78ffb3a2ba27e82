"""Belanja Bareng pages: status, permission and the main path of each."""

import datetime as dt
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from sinergi.core.models import Job
from sinergi.purchasing import services
from sinergi.purchasing.models import (
    DeliveryFee,
    Order,
    OrderLine,
    PurchaseOrder,
    Round,
    RoundStatus,
)
from sinergi.purchasing.tests.conftest import order

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"purchasing:{name}", args=args)


def test_login_required(client):
    response = client.get(url("index"))
    assert response.status_code == 302 and "/masuk/" in response["Location"]


def test_home_is_for_the_roles_that_take_part(as_user, umkm_owner, coop_manager, network, coordinator):
    assert as_user(umkm_owner).get(url("index")).status_code == 403
    assert as_user(coop_manager).get(url("index")).status_code == 403  # its cooperative is in no network
    response = as_user(coordinator).get(url("index"))
    assert response.status_code == 200 and "JUK Kota Bandung" in response.text


def test_menu_item(as_user, coordinator, coop_manager, network):
    assert 'href="/belanja-bareng/"' in as_user(coordinator).get("/").text
    assert 'href="/belanja-bareng/"' not in as_user(coop_manager).get("/").text


# --- networks --------------------------------------------------------------------------------


def test_old_network_addresses_lead_to_the_registry(as_user, officer_bandung, network):
    client = as_user(officer_bandung)
    for old, new in (
        (url("network_list"), "/registri/jaringan/?jenis=buying"),
        (url("network_create"), "/registri/jaringan/baru/?jenis=buying"),
        (url("network_detail", network.pk), f"/registri/jaringan/{network.pk}/"),
        (url("network_edit_moved", network.pk), f"/registri/jaringan/{network.pk}/ubah/"),
    ):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new), old
    page = client.get(url("index")).text
    assert f'href="/registri/jaringan/{network.pk}/"' in page


# --- a round, start to finish ----------------------------------------------------------------


def test_coordinator_sets_up_and_opens_a_round(as_user, coordinator, network, price_lists, bulog, nusantara):
    client = as_user(coordinator)
    now = timezone.localtime()
    response = client.post(
        url("round_create", network.pk),
        {
            "name": "Putaran Januari",
            "opens_at": (now - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (now + dt.timedelta(days=60)).strftime("%Y-%m-%dT%H:%M"),
            "allocation": "proportional",
            "notes": "",
        },
    )
    round = Round.objects.get()
    assert response["Location"] == url("round_suppliers", round.pk)
    client.post(url("round_suppliers", round.pk), {"suppliers": [bulog.pk, nusantara.pk]})
    client.post(url("round_open", round.pk))
    round.refresh_from_db()
    assert round.status == RoundStatus.OPEN
    page = client.get(url("round_detail", round.pk))
    assert "Pesanan gabungan" in page.text and "every 15s" in page.text


def test_refusals_come_back_as_messages(as_user, coordinator, draft_round):
    client = as_user(coordinator)
    response = client.post(url("round_close", draft_round.pk), follow=True)
    assert "Hanya putaran yang sedang dibuka yang dapat ditutup." in response.text
    assert Round.objects.get(pk=draft_round.pk).status == RoundStatus.DRAFT


def test_member_cannot_run_the_round(as_user, bandung_manager, open_round):
    client = as_user(bandung_manager)
    response = client.post(url("round_close", open_round.pk), follow=True)
    assert "Hanya koordinator jaringan" in response.text
    assert Round.objects.get(pk=open_round.pk).status == RoundStatus.OPEN
    assert client.get(url("round_suppliers", open_round.pk)).status_code == 403


def test_board_fragment_for_htmx(as_user, bandung_manager, ordered_round):
    response = as_user(bandung_manager).get(
        url("round_detail", ordered_round.pk) + "?part=board", headers={"HX-Request": "true"}
    )
    assert response.status_code == 200 and "<html" not in response.text
    assert "110 karung dari 2 koperasi" in response.text


def test_member_orders(as_user, bandung_manager, open_round, cooperative_bandung, products):
    client = as_user(bandung_manager)
    page = client.get(url("order_edit", open_round.pk, cooperative_bandung.pk))
    assert page.status_code == 200 and f'name="qty_{products["beras"].pk}"' in page.text
    response = client.post(
        url("order_edit", open_round.pk, cooperative_bandung.pk),
        {
            "version": 0,
            f"qty_{products['beras'].pk}": 12,
            f"qty_{products['gula'].pk}": "",
            f"qty_{products['minyak'].pk}": 4,
        },
    )
    assert response.status_code == 302
    assert sorted(OrderLine.objects.values_list("product__code", "qty")) == [
        ("beras-medium-5kg", 12),
        ("minyak-goreng-2l", 4),
    ]


def test_a_stale_form_shows_both_orders(
    as_user, bandung_manager, coordinator, open_round, cooperative_bandung, products
):
    order(coordinator, open_round, cooperative_bandung, **{"gula-pasir-1kg": 7})
    response = as_user(bandung_manager).post(
        url("order_edit", open_round.pk, cooperative_bandung.pk),
        {
            "version": 0,
            f"qty_{products['beras'].pk}": 3,
        },
    )
    assert response.status_code == 200
    assert "baru saja diubah orang lain" in response.text
    assert 'name="version" value="1"' in response.text
    assert list(OrderLine.objects.values_list("product__code", "qty")) == [("gula-pasir-1kg", 7)]


def test_other_members_order_is_not_found(as_user, cahaya_manager, open_round, cooperative_bandung):
    assert (
        as_user(cahaya_manager).get(url("order_edit", open_round.pk, cooperative_bandung.pk)).status_code
        == 404
    )


def test_after_close_the_form_is_read_only(
    as_user, bandung_manager, closed_round, cooperative_bandung, products
):
    client = as_user(bandung_manager)
    page = client.get(url("order_edit", closed_round.pk, cooperative_bandung.pk))
    assert 'name="qty_' not in page.text
    response = client.post(
        url("order_edit", closed_round.pk, cooperative_bandung.pk),
        {"version": 1, f"qty_{products['beras'].pk}": 999},
        follow=True,
    )
    assert "Putaran sudah ditutup" in response.text
    assert (
        OrderLine.objects.get(order__cooperative=cooperative_bandung, product__code="beras-medium-5kg").qty
        == 60
    )


def test_optimise_goes_to_the_job_page(
    as_user, coordinator, closed_round, django_capture_on_commit_callbacks
):
    client = as_user(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("round_optimise", closed_round.pk))
    job = Job.objects.get()
    assert response["Location"] == reverse("job_detail", args=[job.pk])
    assert client.get(response["Location"]).status_code == 200
    page = client.get(url("round_detail", closed_round.pk))
    assert "Rp8.650.000" in page.text and "Rp290.000" in page.text


def test_problems_are_listed_with_a_drop_button(
    as_user, coordinator, system, open_round, cooperative_cahaya, django_capture_on_commit_callbacks
):
    order(system, open_round, cooperative_cahaya, **{"minyak-goreng-2l": 20})
    services.round_close(actor=system, round=open_round)
    client = as_user(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("round_optimise", open_round.pk))
    page = client.get(url("round_detail", open_round.pk))
    assert "tidak ada pemasok barang ini yang mengirim ke Kecamatan Andir" in page.text
    line = OrderLine.objects.get()
    client.post(url("line_drop", open_round.pk, line.pk), {"reason": "Tidak terkirim"})
    line.refresh_from_db()
    assert line.dropped_reason == "Tidak terkirim"


# --- results ---------------------------------------------------------------------------------


def test_member_sees_its_bill_only(
    as_user, bandung_manager, optimised_round, cooperative_bandung, cooperative_cahaya
):
    client = as_user(bandung_manager)
    page = client.get(url("bill_detail", optimised_round.pk, cooperative_bandung.pk))
    assert page.status_code == 200
    assert "Rp5.099.049" in page.text and "Rp170.951" in page.text and "Rp69.000" in page.text
    assert client.get(url("bill_detail", optimised_round.pk, cooperative_cahaya.pk)).status_code == 404
    pdf = client.get(url("bill_pdf", optimised_round.pk, cooperative_bandung.pk))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert client.get(url("round_report", optimised_round.pk)).status_code == 403


def test_delivery_list_for_a_member(as_user, cahaya_manager, optimised_round):
    response = as_user(cahaya_manager).get(url("delivery_xlsx", optimised_round.pk))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert [(r[0], r[3], r[5], r[7]) for r in rows] == [
        ("Koperasi Cahaya", "Perum Bulog Kanwil Jabar", "Beras medium 5 kg", 50),
        ("Koperasi Cahaya", "Perum Bulog Kanwil Jabar", "Gula pasir 1 kg", 10),
    ]


def test_office_report(as_user, officer_bandung, officer_bogor, optimised_round):
    assert as_user(officer_bogor).get(url("round_report", optimised_round.pk)).status_code == 404
    client = as_user(officer_bandung)
    page = client.get(url("round_report", optimised_round.pk))
    assert "Rp8.940.000" in page.text and "3,24%" in page.text
    pdf = client.get(url("round_report_pdf", optimised_round.pk))
    assert pdf.content.startswith(b"%PDF")
    instance = json.loads(client.get(url("round_instance", optimised_round.pk)).content)
    assert len(instance["orders"]) == 4 and instance["allocation"] == "proportional"


def test_purchase_orders_send_and_supplier_view(
    as_user, coordinator, supplier, optimised_round, bulog, mailoutbox, django_capture_on_commit_callbacks
):
    po = PurchaseOrder.objects.get(supplier=bulog)
    assert as_user(supplier).get(url("purchase_order_detail", po.pk)).status_code == 404  # still a draft
    client = as_user(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("purchase_order_send", po.pk))
    assert PurchaseOrder.objects.get(pk=po.pk).status == "sent" and len(mailoutbox) == 1
    client = as_user(supplier)
    page = client.get(url("purchase_order_detail", po.pk))
    assert page.status_code == 200 and "Koperasi Cahaya" in page.text and "Rp7.520.000" in page.text
    assert "Tandai terkirim" not in page.text
    assert po.number in client.get(url("purchase_order_list")).text
    sheet = load_workbook(io.BytesIO(client.get(url("purchase_order_xlsx", po.pk)).content))
    assert sheet.sheetnames == ["Surat Pesanan", "Pengiriman"]
    assert client.get(url("purchase_order_pdf", po.pk)).content.startswith(b"%PDF")
    assert client.post(url("purchase_order_send", po.pk), follow=True).status_code == 200


def test_whatsapp_links_for_the_coordinator(as_user, coordinator, optimised_round, nusantara):
    po = PurchaseOrder.objects.get(supplier=nusantara)
    page = as_user(coordinator).get(url("purchase_order_detail", po.pk))
    assert "https://wa.me/6281322223333?text=" in page.text


def test_send_all(as_user, coordinator, optimised_round):
    as_user(coordinator).post(url("purchase_orders_send_all", optimised_round.pk))
    assert Round.objects.get(pk=optimised_round.pk).status == RoundStatus.ORDERED


# --- catalogue and prices --------------------------------------------------------------------


def test_catalogue_warns_above_the_ceiling(as_user, coordinator, umkm_owner, price_lists):
    assert as_user(umkm_owner).get(url("catalogue")).status_code == 403
    page = as_user(coordinator).get(url("catalogue"))
    assert "Rp13.600/kg di atas HET Rp13.500" in page.text


def test_supplier_prices_an_item_and_imports(as_user, supplier, nusantara_staff, price_lists, products):
    price_list = price_lists["bulog"]
    assert as_user(nusantara_staff).get(url("price_list_detail", price_list.pk)).status_code == 404
    client = as_user(supplier)
    page = client.get(url("price_list_detail", price_list.pk))
    assert "Rp13.600/kg di atas HET Rp13.500" in page.text
    client.post(
        url("price_list_detail", price_list.pk),
        {"product": products["minyak"].pk, "min_1": 1, "price_1": "36.000", "min_2": 100, "price_2": "35000"},
    )
    assert price_list.items.filter(product=products["minyak"]).exists()
    workbook = Workbook()
    workbook.active.append(["Kode Barang", "Min 1", "Harga 1"])
    workbook.active.append(["gula-pasir-1kg", 1, 17900])
    workbook.active.append(["tidak-ada", 1, 100])
    content = io.BytesIO()
    workbook.save(content)
    upload = SimpleUploadedFile("harga.xlsx", content.getvalue())
    result = client.post(url("price_list_import", price_list.pk), {"file": upload})
    assert result.status_code == 200
    assert "Barang baru tidak-ada: isi juga" in result.text and "New product tidak-ada" in result.text
    template = client.get(url("price_list_template"))
    assert template["Content-Disposition"] == 'attachment; filename="templat-daftar-harga.xlsx"'


def test_supplier_sets_delivery_fees(as_user, supplier, bulog):
    client = as_user(supplier)
    page = client.get(url("delivery_fees"))
    assert "Coblong" in page.text  # the supplier's own city is offered first
    client.post(
        url("delivery_fees"),
        {"supplier": bulog.pk, "region": "32.73", "fee_32.73.01": "75.000", "fee_32.73.02": ""},
    )
    assert dict(DeliveryFee.objects.values_list("district_id", "fee")) == {"32.73.01": 75000}


def test_non_suppliers_have_no_fee_page(as_user, coordinator):
    assert as_user(coordinator).get(url("delivery_fees")).status_code == 403


def test_round_list(as_user, bandung_manager, open_round, draft_round):
    page = as_user(bandung_manager).get(url("round_list"), headers={"HX-Request": "true"})
    assert page.status_code == 200 and "<html" not in page.text and open_round.name in page.text
    assert Order.objects.count() == 0


def test_office_corrects_a_product(as_user, officer_bandung, supplier, products):
    product = products["gula"]
    assert as_user(supplier).get(url("product_edit", product.pk)).status_code == 403
    client = as_user(officer_bandung)
    assert "Ubah barang" in client.get(url("catalogue")).text
    client.post(
        url("product_edit", product.pk),
        {
            "name": "Gula kristal putih 1 kg",
            "category": "gula",
            "unit": "bungkus",
            "pack_size": "1",
            "content_unit": "kg",
            "commodity": "gula",
            "is_active": "",
        },
    )
    product.refresh_from_db()
    assert (product.name, product.code, product.is_active) == (
        "Gula kristal putih 1 kg",
        "gula-pasir-1kg",
        False,
    )
    assert "tidak aktif" in client.get(url("catalogue")).text


def test_new_product_returns_only_to_this_site(as_user, supplier):
    data = {
        "code": "kopi-bubuk-200g",
        "name": "Kopi bubuk 200 g",
        "category": "minuman",
        "unit": "bungkus",
        "pack_size": "200",
        "content_unit": "g",
        "commodity": "",
    }
    response = as_user(supplier).post(url("product_create") + "?next=https://jahat.example/", data)
    assert response["Location"] == url("catalogue")


def test_coordinator_sees_who_has_not_ordered(as_user, coordinator, system, open_round, cooperative_bandung):
    order(system, open_round, cooperative_bandung, **{"gula-pasir-1kg": 5})
    page = as_user(coordinator).get(url("round_detail", open_round.pk))
    assert "1 anggota belum memesan" in page.text
    assert (
        url("order_edit", open_round.pk, open_round.network.members.get(name="Koperasi Cahaya").pk)
        in page.text
    )
