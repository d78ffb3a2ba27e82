"""The Belanja Bareng journey in Debian's Chromium at phone width (360 px).

The issue is done when: the coordinator opens a round, a member orders, the coordinator closes and
optimises it (the task runs at once in tests), sends the purchase orders, and the member sees its
bill with its savings.
"""

import pytest

from conftest import login
from sinergi.purchasing import services
from sinergi.purchasing.models import PurchaseOrder, RoundStatus
from sinergi.purchasing.tests.conftest import order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def menu(page, name):
    """Follow a main-menu link; at phone width the menu may sit behind its toggle button."""
    toggle = page.locator("[data-nav-toggle]")
    if toggle.count() and toggle.first.is_visible() and toggle.first.get_attribute("aria-expanded") != "true":
        toggle.first.click()
    page.locator("#mainnav, nav.mainnav").first.get_by_role("link", name=name).first.click()


def switch_to(page, email):
    page.context.clear_cookies()
    login(page, email)
    page.wait_for_url(page.base_url + "/")


def test_round_from_opening_to_the_members_bill(
    page,
    coordinator,
    bandung_manager,
    system,
    draft_round,
    cooperative_bandung,
    cooperative_cahaya,
    mailoutbox,
):
    round_url = f"{page.base_url}/belanja-bareng/putaran/{draft_round.pk}/"

    # The coordinator opens the round.
    switch_to(page, coordinator.email)
    menu(page, "Belanja Bareng")
    page.get_by_role("link", name=draft_round.name).first.click()
    page.click("button:has-text('Buka putaran')")
    page.wait_for_selector("text=Putaran dibuka. Anggota dapat memesan.")
    assert fits_phone(page)

    # Another member has already ordered rice; together they will cross Bulog's 100-sack tier.
    order(system, draft_round, cooperative_cahaya, **{"beras-medium-5kg": 50, "gula-pasir-1kg": 10})

    # The member orders from its home in Belanja Bareng.
    switch_to(page, bandung_manager.email)
    menu(page, "Belanja Bareng")
    page.click("a:has-text('Pesan untuk Koperasi Mekar Sari')")
    page.wait_for_selector("h1:has-text('Pesanan Koperasi Mekar Sari')")
    page.get_by_label("Beras medium 5 kg").fill("60")
    page.get_by_label("Minyak goreng 2 liter").fill("30")
    assert fits_phone(page)
    page.click("button:has-text('Simpan pesanan')")
    page.wait_for_selector("text=Pesanan disimpan.")
    page.goto(round_url)
    assert "110 karung dari 2 koperasi" in page.locator("#board").inner_text()

    # The coordinator closes, optimises, and sends the purchase orders.
    switch_to(page, coordinator.email)
    page.goto(round_url)
    page.click("button:has-text('Tutup putaran sekarang')")
    page.click("#confirm-dialog [data-confirm-go]")
    page.wait_for_selector("text=Putaran ditutup.")
    page.click("button:has-text('Optimalkan')")
    page.wait_for_selector("#progress .badge:has-text('selesai')")
    page.click("a:has-text('Lihat hasil')")
    page.wait_for_selector("h2:has-text('Hasil optimasi')")
    assert "Rp290.000" in page.content()
    assert fits_phone(page)
    page.click("button:has-text('Kirim semua surat pesanan')")
    page.click("#confirm-dialog [data-confirm-go]")
    page.wait_for_selector("text=Semua surat pesanan ditandai terkirim")
    draft_round.refresh_from_db()
    assert draft_round.status == RoundStatus.ORDERED
    assert set(PurchaseOrder.objects.values_list("status", flat=True)) == {"sent"}
    # Two purchase orders to the suppliers; the member heard of the opening, the plan and its bill.
    assert len(mailoutbox) == 5
    assert [m.subject for m in mailoutbox if m.to == [bandung_manager.email]] == [
        "Putaran Belanja Bareng Belanja Bareng Desember dibuka",
        "Rencana belanja putaran Belanja Bareng Desember sudah dihitung",
        "Tagihan putaran Belanja Bareng Desember siap",
    ]

    # The member sees its bill: what it pays, what it saves, pooled beside stand-alone prices.
    switch_to(page, bandung_manager.email)
    page.goto(round_url)
    page.click("a:has-text('tagihan dan penghematan')")
    page.wait_for_selector("h1:has-text('Tagihan Koperasi Mekar Sari')")
    assert page.locator("#bill-pays .value").inner_text() == "Rp5.099.049"
    assert page.locator("#bill-saves .value").inner_text() == "Rp170.951"
    table = page.locator("table").first.inner_text()
    assert "Rp65.000" in table and "Rp69.000" in table
    assert fits_phone(page)


def test_supplier_and_office_pages_fit_a_phone(
    page, supplier, officer_bandung, optimised_round, price_lists, system
):
    purchase_order = PurchaseOrder.objects.get(
        round=optimised_round, supplier__name="Perum Bulog Kanwil Jabar"
    )
    services.purchase_order_send(actor=system, purchase_order=purchase_order)
    switch_to(page, supplier.email)
    for path in (
        "/belanja-bareng/",
        f"/belanja-bareng/po/{purchase_order.pk}/",
        "/belanja-bareng/katalog/",
        "/belanja-bareng/ongkir/",
        f"/belanja-bareng/harga/{price_lists['bulog'].pk}/",
    ):
        page.goto(page.base_url + path)
        assert fits_phone(page), path
    # The price list warns where a tier is above the government ceiling (HET beras medium).
    assert "Rp13.600/kg di atas HET Rp13.500" in page.locator("main").inner_text()
    switch_to(page, officer_bandung.email)
    for path in (
        f"/registri/jaringan/{optimised_round.network_id}/",
        f"/belanja-bareng/putaran/{optimised_round.pk}/laporan/",
        "/belanja-bareng/putaran/",
    ):
        page.goto(page.base_url + path)
        assert fits_phone(page), path
