"""The outlet's path in a browser at phone width (360 px): agree a consignment, receive the goods,
sell once online and once offline (sent exactly once when back online), settle last month, approve
the statement and record the payment."""

import datetime as dt

import pytest

from conftest import csp_violations, login
from sinergi.consignment import services
from sinergi.consignment.models import Sale, StockBalance

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def test_outlet_receives_sells_offline_settles_and_pays(page, cashier, outlet, talas, umkm_bogor, today):
    violations = csp_violations(page)
    login(page, cashier.email)
    page.wait_for_url(page.base_url + "/")

    # An agreement for the published product, then the delivery.
    page.goto(page.base_url + f"/gerai/{outlet.pk}/perjanjian/baru/")
    page.select_option("#id_product", str(talas.pk))
    page.fill("#id_retail_price", "15000")
    page.fill("#id_commission_pct", "20")
    page.fill("#id_starts_on", (today - dt.timedelta(days=60)).isoformat())
    page.click("button:has-text('Simpan perjanjian')")
    page.wait_for_selector("h1:has-text('Terima barang titipan')")
    page.fill("#id_qty", "10")
    page.click("button:has-text('Terima barang')")
    page.wait_for_selector(f"[data-stock='{talas.pk}']:has-text('10')")
    assert fits_phone(page)

    # A sale from last month (as the day's sheet would bring it), to settle below.
    agreement = outlet.agreements.get()
    last = today.replace(day=1) - dt.timedelta(days=1)
    services.sale_record(
        actor=cashier,
        outlet=outlet,
        client_id="sheet-1",
        paid_with="cash",
        sold_on=last,
        lines=[services.LineIn(talas.pk, 2)],
    )

    # Sell online, then offline: the sale waits on the device and is sent once when back online.
    page.goto(page.base_url + f"/gerai/{outlet.pk}/jual/")
    assert fits_phone(page)
    page.fill("#sell-search", "talas")
    page.fill(f"#qty-{talas.pk}", "1")
    page.click("#sell-submit")
    page.wait_for_selector("#sell-message:has-text('Penjualan terkirim.')")
    page.context.set_offline(True)
    page.fill(f"#qty-{talas.pk}", "3")
    page.wait_for_selector("#sell-total:has-text('45.000')")
    page.click("#sell-submit")
    page.wait_for_selector("#sell-queue:has-text('1 penjualan menunggu dikirim')")
    assert Sale.objects.count() == 2
    page.context.set_offline(False)
    page.wait_for_selector("#sell-queue:empty", state="attached")
    assert Sale.objects.count() == 3
    assert StockBalance.objects.get(outlet=outlet, product=talas).on_hand == 4
    page.reload()
    page.wait_for_timeout(300)
    assert Sale.objects.count() == 3

    # Settle last month, approve, pay.
    page.goto(page.base_url + f"/gerai/{outlet.pk}/")
    page.fill("#id_month", last.strftime("%Y-%m"))
    page.click("button:has-text('Buat laporan bulan ini')")
    page.click(f"a:has-text('{umkm_bogor.name}')")
    page.wait_for_selector("text=Rp24.000")
    assert fits_phone(page)
    page.click("button:has-text('Setujui laporan')")
    page.click("#confirm-dialog [data-confirm-go]")
    page.wait_for_selector("#statement-status:has-text('Disetujui gerai')")
    page.select_option("#id_paid_with", "transfer")
    page.fill("#id_reference", "BJB-2026-001")
    page.click("button:has-text('Catat pembayaran')")
    page.wait_for_selector("#statement-status:has-text('Dibayar')")
    statement = agreement.statements.get()
    assert (statement.status, statement.paid_reference, statement.producer_share) == (
        "paid",
        "BJB-2026-001",
        24000,
    )
    assert violations == []
