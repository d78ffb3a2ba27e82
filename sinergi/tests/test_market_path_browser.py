"""Market access end to end, in a browser at phone width (360 px), as the people who do it: a UMKM
owner adds a product, an officer publishes it, anyone finds it in the public catalogue, the PKPRI
minimarket takes it on consignment and receives it, sells it once online and once offline (sent
exactly once when back online), makes last month's settlement statement and records the payment.
The stock and the money add up at the end."""

import datetime as dt

import pytest
from django.utils import timezone

from conftest import csp_violations, login
from sinergi.accounts.tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from sinergi.consignment import services as consignment
from sinergi.consignment.models import Outlet, Sale, StockBalance, StockMovement
from sinergi.market.models import Product
from sinergi.market.tests.factories import image_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def switch_user(page, email):
    page.context.clear_cookies()
    login(page, email)
    page.wait_for_url(page.base_url + "/")


def test_from_a_new_product_to_the_producers_payment(
    page, umkm_owner, umkm_bogor, officer_bogor, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    umkm_bogor.phone = "081234567890"
    umkm_bogor.save()
    pkpri = OrganizationFactory(kind="cooperative", name="PKPRI Kota Bogor", region_id="32.71.03.1002")
    outlet = Outlet.objects.create(
        organization=pkpri, name="Minimarket PKPRI Kota Bogor", kind="minimarket",
        region_code="32.71.03.1002", address="Jl. Pajajaran No. 10",
    )  # fmt: skip
    cashier = MembershipFactory(
        user=UserFactory(email="kasir@sinergi.test", full_name="Yuni Kartika"),
        organization=pkpri,
        role="outlet",
    ).user
    today = timezone.localdate()
    violations = csp_violations(page)
    photo = tmp_path / "dodol.jpg"
    photo.write_bytes(image_bytes("JPEG", (1600, 1200)))

    # 1. The owner adds the product with a photo and submits it for curation.
    switch_user(page, umkm_owner.email)
    page.goto(page.base_url + "/produk/baru/")
    page.fill("#id_name", "Dodol Talas Bogor")
    page.select_option("#id_category", "makanan")
    page.fill("#id_description", "Dodol talas legit, tanpa pengawet.")
    page.fill("#id_unit", "kotak 250 g")
    page.fill("#id_price", "27.500")
    page.click("button:has-text('Simpan')")
    page.wait_for_selector("[data-testid=status]:has-text('Draf')")
    page.click("a:has-text('Tambah foto')")
    page.set_input_files("#id_photo", str(photo))
    page.click("button:has-text('Unggah foto')")
    page.wait_for_selector(".mk-product-photo img")
    page.click("button:has-text('Ajukan kurasi')")
    page.wait_for_selector("[data-testid=status]:has-text('Diajukan')")
    assert fits_phone(page)
    product = Product.objects.get()

    # 2. The officer publishes it from the curation queue.
    switch_user(page, officer_bogor.email)
    page.goto(page.base_url + "/produk/")
    page.click("[data-testid=queue]")
    page.click("a:has-text('Dodol Talas Bogor')")
    page.click("button:has-text('Tayangkan')")
    page.click("#confirm-dialog [data-confirm-go]")
    page.wait_for_selector("[data-testid=status]:has-text('Tayang')")

    # 3. Anyone finds it in the public catalogue.
    page.context.clear_cookies()
    page.goto(page.base_url + "/katalog/?q=dodol")
    page.wait_for_selector(".mk-card-title:has-text('Dodol Talas Bogor')")
    assert "Rp27.500" in page.inner_text(".mk-card")
    assert fits_phone(page)

    # 4. The minimarket agrees a 20 % commission and receives ten boxes.
    switch_user(page, cashier.email)
    page.goto(page.base_url + f"/gerai/{outlet.pk}/perjanjian/baru/")
    page.select_option("#id_product", str(product.pk))
    page.fill("#id_retail_price", "27500")
    page.fill("#id_commission_pct", "20")
    page.fill("#id_starts_on", (today - dt.timedelta(days=60)).isoformat())
    page.click("button:has-text('Simpan perjanjian')")
    page.wait_for_selector("h1:has-text('Terima barang titipan')")
    page.fill("#id_qty", "10")
    page.click("button:has-text('Terima barang')")
    page.wait_for_selector(f"[data-stock='{product.pk}']:has-text('10')")
    assert fits_phone(page)
    # Last month's two boxes come from the day's sheet, to be settled below.
    last = today.replace(day=1) - dt.timedelta(days=1)
    consignment.sale_record(
        actor=cashier, outlet=outlet, client_id="lembar-1", paid_with="cash", sold_on=last,
        lines=[consignment.LineIn(product.pk, 2)],
    )  # fmt: skip

    # 5. A sale online, then one offline: it waits on the phone and is sent once.
    page.goto(page.base_url + f"/gerai/{outlet.pk}/jual/")
    page.fill("#sell-search", "dodol")
    page.fill(f"#qty-{product.pk}", "1")
    page.click("#sell-submit")
    page.wait_for_selector("#sell-message:has-text('Penjualan terkirim.')")
    page.context.set_offline(True)
    page.fill(f"#qty-{product.pk}", "3")
    page.click("#sell-submit")
    page.wait_for_selector("#sell-queue:has-text('1 penjualan menunggu dikirim')")
    assert Sale.objects.count() == 2
    page.context.set_offline(False)
    page.wait_for_selector("#sell-queue:empty", state="attached")
    page.reload()
    page.wait_for_timeout(300)
    assert Sale.objects.count() == 3
    assert fits_phone(page)

    # 6. Last month's statement: 2 × Rp27.500 = Rp55.000, 20 % commission Rp11.000, Rp44.000 owed.
    page.goto(page.base_url + f"/gerai/{outlet.pk}/")
    page.fill("#id_month", last.strftime("%Y-%m"))
    page.click("button:has-text('Buat laporan bulan ini')")
    page.click(f"a:has-text('{umkm_bogor.name}')")
    page.wait_for_selector("text=Rp44.000")
    page.click("button:has-text('Setujui laporan')")
    page.click("#confirm-dialog [data-confirm-go]")
    page.wait_for_selector("#statement-status:has-text('Disetujui gerai')")

    # 7. The payment to the producer is recorded.
    page.select_option("#id_paid_with", "transfer")
    page.fill("#id_reference", "BJB-2026-017")
    page.click("button:has-text('Catat pembayaran')")
    page.wait_for_selector("#statement-status:has-text('Dibayar')")
    assert fits_phone(page)

    # Stock: 10 in, 2 + 1 + 3 sold, 4 on hand, and the balance is the sum of the movements.
    balance = StockBalance.objects.get(outlet=outlet, product=product)
    moved = sum(StockMovement.objects.filter(outlet=outlet, product=product).values_list("qty", flat=True))
    assert (balance.on_hand, moved) == (4, 4)
    # Money: what the buyer paid is the producer's share plus the outlet's margin.
    statement = outlet.agreements.get().statements.get()
    assert (statement.gross, statement.outlet_margin, statement.producer_share) == (55000, 11000, 44000)
    assert (statement.status, statement.paid_reference) == ("paid", "BJB-2026-017")
    assert violations == []
