"""Every destructive or irreversible Belanja Bareng action asks first, in a real browser:
"Batal" changes nothing, the go-ahead does it. Also the supplier's "Terima pesanan" from home and
the order form's running total."""

import datetime as dt

import pytest
from django.utils import timezone

from conftest import login
from sinergi.core.models import AuditEvent
from sinergi.purchasing import services
from sinergi.purchasing.models import PriceListItem, PurchaseOrder, Round, RoundStatus
from sinergi.registry.models import NetworkMember

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, email):
    page.context.clear_cookies()
    login(page, email)
    page.wait_for_url(page.base_url + "/")


def ask_and_cancel(page, button, expected_text):
    page.click(button)
    dialog = page.locator("#confirm-dialog")
    dialog.wait_for(state="visible")
    assert expected_text in dialog.inner_text()
    dialog.locator("[data-confirm-cancel]").click()
    dialog.wait_for(state="hidden")


def ask_and_go(page, button):
    page.click(button)
    page.locator("#confirm-dialog").wait_for(state="visible")
    page.click("#confirm-dialog [data-confirm-go]")


def status(round):
    return Round.objects.get(pk=round.pk).status


def test_close_early_then_reopen(page, coordinator, ordered_round):
    sign_in(page, coordinator.email)
    page.goto(f"{page.base_url}/belanja-bareng/putaran/{ordered_round.pk}/")
    ask_and_cancel(page, "button:has-text('Tutup putaran sekarang')", "Putaran akan ditutup sekarang.")
    assert status(ordered_round) == RoundStatus.OPEN
    ask_and_go(page, "button:has-text('Tutup putaran sekarang')")
    page.wait_for_selector("text=Putaran ditutup.")
    assert status(ordered_round) == RoundStatus.CLOSED

    page.click("summary:has-text('Buka kembali')")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path="/tmp/purchasing-reopen.png", full_page=True)
    when = timezone.localtime(timezone.now() + dt.timedelta(days=2)).replace(second=0, microsecond=0)
    page.get_by_label("Tutup kembali pada").fill(when.strftime("%Y-%m-%dT%H:%M"))
    ask_and_cancel(page, "button:has-text('Buka kembali putaran')", "Putaran akan dibuka kembali")
    assert status(ordered_round) == RoundStatus.CLOSED
    ask_and_go(page, "button:has-text('Buka kembali putaran')")
    page.wait_for_selector("text=Putaran dibuka kembali.")
    row = Round.objects.get(pk=ordered_round.pk)
    assert (row.status, row.closes_at, row.closed_at) == (RoundStatus.OPEN, when, None)


def test_send_all_purchase_orders(page, coordinator, optimised_round, mailoutbox):
    sign_in(page, coordinator.email)
    page.goto(f"{page.base_url}/belanja-bareng/putaran/{optimised_round.pk}/")
    ask_and_cancel(page, "button:has-text('Kirim semua surat pesanan')", "2 surat pesanan akan dikirim")
    assert set(PurchaseOrder.objects.values_list("status", flat=True)) == {"draft"}
    ask_and_go(page, "button:has-text('Kirim semua surat pesanan')")
    page.wait_for_selector("text=Semua surat pesanan ditandai terkirim")
    assert set(PurchaseOrder.objects.values_list("status", flat=True)) == {"sent"}
    assert status(optimised_round) == RoundStatus.ORDERED


def test_send_one_purchase_order(page, coordinator, optimised_round, bulog, mailoutbox):
    po = PurchaseOrder.objects.get(round=optimised_round, supplier=bulog)
    events = AuditEvent.objects.count()
    sign_in(page, coordinator.email)
    page.goto(f"{page.base_url}/belanja-bareng/po/{po.pk}/")
    send = "button:has-text('Tandai terkirim dan email pemasok')"
    ask_and_cancel(
        page, send, "Surat pesanan senilai Rp7.520.000 akan dikirim ke Perum Bulog Kanwil Jabar lewat e-mail."
    )
    po.refresh_from_db()
    assert (po.status, po.sent_at) == ("draft", None)
    assert AuditEvent.objects.count() == events
    assert mailoutbox == []
    ask_and_go(page, send)
    page.wait_for_selector(f"text=Surat pesanan {po.number} ditandai terkirim")
    po.refresh_from_db()
    assert po.status == "sent"
    assert (
        AuditEvent.objects.filter(action="purchasing.purchase_order.send", object_id=str(po.pk)).count() == 1
    )
    assert PurchaseOrder.objects.exclude(pk=po.pk).get().status == "draft"


def test_remove_a_price_item(page, supplier, price_lists):
    bulog_list = price_lists["bulog"]
    sign_in(page, supplier.email)
    page.goto(f"{page.base_url}/belanja-bareng/harga/{bulog_list.pk}/")
    remove = "button:has-text('Hapus') >> nth=0"
    ask_and_cancel(page, remove, "akan dihapus dari Harga November")
    assert PriceListItem.objects.filter(price_list=bulog_list).count() == 2
    ask_and_go(page, remove)
    page.wait_for_load_state("networkidle")
    page.wait_for_function("document.querySelectorAll('form[action*=\"/hapus/\"]').length === 1")
    assert PriceListItem.objects.filter(price_list=bulog_list).count() == 1


def test_remove_a_network_member(page, coordinator, network, cooperative_cahaya):
    sign_in(page, coordinator.email)
    page.goto(f"{page.base_url}/registri/jaringan/{network.pk}/")
    remove = f"form[action$='/anggota/{cooperative_cahaya.pk}/keluar/'] button"
    ask_and_cancel(page, remove, "Koperasi Cahaya akan dikeluarkan dari JUK Kota Bandung")
    assert NetworkMember.objects.filter(network=network, state="member").count() == 2
    ask_and_go(page, remove)
    page.wait_for_function(
        f"!document.querySelector(\"form[action$='/anggota/{cooperative_cahaya.pk}/keluar/']\")"
    )
    assert list(
        NetworkMember.objects.filter(network=network, state="member").values_list(
            "organization__name", flat=True
        )
    ) == ["Koperasi Mekar Sari"]
    assert NetworkMember.objects.get(network=network, state="left").organization == cooperative_cahaya


def test_supplier_accepts_an_order_from_home(page, supplier, system, optimised_round, bulog):
    po = PurchaseOrder.objects.get(round=optimised_round, supplier=bulog)
    services.purchase_order_send(actor=system, purchase_order=po)
    sign_in(page, supplier.email)
    section = page.locator("#orders-to-acknowledge")
    assert po.number in section.inner_text()
    section.locator("button:has-text('Terima pesanan')").click()
    page.wait_for_selector(f"text=Surat pesanan {po.number} diterima.")
    assert PurchaseOrder.objects.get(pk=po.pk).acknowledged_by_id == supplier.pk
    assert page.locator("#orders-to-acknowledge").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.goto(f"{page.base_url}/belanja-bareng/po/{po.pk}/")
    page.screenshot(path="/tmp/purchasing-po.png", full_page=True)


def test_order_total_follows_the_quantities(page, bandung_manager, ordered_round, cooperative_bandung):
    sign_in(page, bandung_manager.email)
    page.goto(f"{page.base_url}/belanja-bareng/putaran/{ordered_round.pk}/pesanan/{cooperative_bandung.pk}/")
    total = page.locator("[data-order-total]")
    assert total.inner_text() == "Rp4.980.000"
    page.get_by_label("Minyak goreng 2 liter").fill("40")
    assert total.inner_text() == "Rp5.340.000"
    assert total.is_visible()
    assert page.locator("#order-total").evaluate("el => getComputedStyle(el).position") == "sticky"
    page.screenshot(path="/tmp/purchasing-order.png")


def test_bill_reckoning_reads_on_a_phone(page, bandung_manager, optimised_round, cooperative_bandung):
    sign_in(page, bandung_manager.email)
    page.goto(
        f"{page.base_url}/belanja-bareng/putaran/{optimised_round.pk}/tagihan/{cooperative_bandung.pk}/"
    )
    page.click("a:has-text('Rincian perhitungan')")
    page.wait_for_selector("h1:has-text('Rincian tagihan Koperasi Mekar Sari')")
    assert page.locator("#rec-own td").inner_text() == "Rp5.130.000"
    assert page.locator("#rec-adjustment td").inner_text() == "Rp30.951"
    assert page.locator("#rec-pays td").inner_text() == "Rp5.099.049"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path="/tmp/purchasing-reckoning.png", full_page=True)


def test_drop_an_unserved_line(page, coordinator, system, open_round, cooperative_cahaya):
    from django.core.exceptions import ValidationError

    from sinergi.purchasing.models import OrderLine
    from sinergi.purchasing.tests.conftest import order

    order(system, open_round, cooperative_cahaya, **{"minyak-goreng-2l": 20})
    services.round_close(actor=system, round=open_round)
    with pytest.raises(ValidationError):
        services.round_solve(actor=system, round=open_round)
    sign_in(page, coordinator.email)
    page.goto(f"{page.base_url}/belanja-bareng/putaran/{open_round.pk}/")
    drop = "#masalah button:has-text('Keluarkan')"
    ask_and_cancel(page, drop, "Minyak goreng 2 liter pesanan Koperasi Cahaya akan dikeluarkan dari putaran.")
    assert OrderLine.objects.get().dropped_at is None
    ask_and_go(page, drop)
    page.wait_for_selector("text=Baris dikeluarkan dari putaran.")
    assert OrderLine.objects.get().dropped_reason == "Tidak ada pemasok yang mengirim ke kecamatan ini"
