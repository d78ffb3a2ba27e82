"""The product path in a browser at phone width (360 px): a UMKM owner adds a product with a photo
and submits it, an officer publishes it, and anyone finds it in the public catalogue."""

import pytest

from conftest import csp_violations, login
from sinergi.market.models import Product
from sinergi.market.tests.factories import image_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def switch_user(page, email):
    page.context.clear_cookies()
    login(page, email)
    page.wait_for_url(page.base_url + "/")


def confirm(page):
    page.click("#confirm-dialog [data-confirm-go]")


def test_owner_adds_officer_publishes_public_finds_it(
    page, umkm_owner, umkm_bogor, officer_bogor, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    umkm_bogor.phone = "081234567890"
    umkm_bogor.save()
    violations = csp_violations(page)
    photo = tmp_path / "dodol.jpg"
    photo.write_bytes(image_bytes("JPEG", (1800, 1200)))

    # 1. The owner adds the product, its photo, and submits it.
    switch_user(page, umkm_owner.email)
    page.goto(page.base_url + "/produk/baru/")
    page.fill("#id_name", "Dodol Talas Bogor")
    page.select_option("#id_category", "makanan")
    page.fill("#id_description", "Dodol talas legit, tanpa pengawet.")
    page.fill("#id_unit", "kotak 250 g")
    page.fill("#id_price", "27.500")
    assert fits_phone(page)
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
    assert (product.price, product.photo_width, product.status) == (27500, 1200, "submitted")

    # 2. The officer finds it in the curation queue and publishes it.
    switch_user(page, officer_bogor.email)
    page.goto(page.base_url + "/produk/")
    page.click("[data-testid=queue]")
    page.click("a:has-text('Dodol Talas Bogor')")
    page.click("button:has-text('Tayangkan')")
    confirm(page)
    page.wait_for_selector("[data-testid=status]:has-text('Tayang')")

    # 3. Anyone finds it in the catalogue, without logging in.
    page.context.clear_cookies()
    page.goto(page.base_url + "/katalog/")
    page.fill("#mk-q", "dodol")
    page.click("button:has-text('Cari')")
    page.wait_for_selector(".mk-card-title:has-text('Dodol Talas Bogor')")
    assert "Rp27.500" in page.inner_text(".mk-card")
    assert fits_phone(page)
    page.click(".mk-card-title a")
    page.wait_for_selector("h1:has-text('Dodol Talas Bogor')")
    assert page.get_attribute("[data-testid=whatsapp]", "href").startswith(
        "https://wa.me/6281234567890?text=Halo"
    )
    page.wait_for_function("() => document.querySelector('.mk-product-photo img').naturalWidth > 0")
    assert page.evaluate("document.querySelector('.mk-product-photo img').naturalWidth") == 1200
    assert fits_phone(page)
    assert violations == []
