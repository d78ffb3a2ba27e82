import re
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.test import Client

from sinergi.market import services
from sinergi.market.models import Product
from sinergi.market.tests.factories import image_upload, product, published

pytestmark = pytest.mark.django_db


def anonymous():
    return Client()


def test_catalogue_without_login_shows_cards_with_price_and_badges(listed, umkm_owner):
    services.legality_save(actor=umkm_owner, product=listed, kind="halal", number="ID32110000123450124")
    listed.refresh_from_db()
    services.product_publish(actor=listed.curated_by, product=listed)
    response = anonymous().get("/katalog/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Keripik Talas Original" in html
    assert "Rp15.000" in html
    assert "Keripik Talas Bu Euis" in html
    assert "Tanah Sareal, Kota Bogor" in html
    assert '<li class="mk-badge mk-badge-halal">Halal</li>' in html
    assert '<link rel="canonical" href="http://127.0.0.1:8000/katalog/">' in html
    assert '<meta property="og:title" content="Katalog produk UMKM">' in html


def test_drafts_and_inactive_businesses_are_not_listed(keripik, listed, umkm_bogor):
    html = anonymous().get("/katalog/").content.decode()
    assert html.count('class="mk-card"') == 1
    umkm_bogor.is_active = False
    umkm_bogor.save()
    html = anonymous().get("/katalog/").content.decode()
    assert 'class="mk-card"' not in html
    assert anonymous().get(f"/katalog/produk/{listed.pk}-{listed.slug}/").status_code == 404


def test_page_two_and_links_without_double_question_marks(umkm_owner, officer_bogor, umkm_bogor):
    for n in range(26):
        published(umkm_owner, officer_bogor, umkm_bogor, name=f"Produk {n:02d}", price=1000 + n)
    first = anonymous().get("/katalog/?category=makanan").content.decode()
    assert first.count('class="mk-card"') == 24
    assert "??" not in first
    assert 'href="?category=makanan&amp;page=2"' in first
    second = anonymous().get("/katalog/?category=makanan&page=2").content.decode()
    assert second.count('class="mk-card"') == 2
    assert "Produk 00" in second and "Produk 01" in second  # oldest last
    assert 'href="?category=makanan&amp;page=1"' in second
    assert "<title>Katalog produk UMKM · Halaman 2 · Sinergi</title>" in second


def test_filters_search_category_region_legality(
    umkm_owner, officer_bogor, umkm_bogor, owner_bandung, umkm_bandung
):
    published(umkm_owner, officer_bogor, umkm_bogor, name="Keripik Talas")
    kopi = product(umkm_owner, umkm_bogor, name="Kopi Robusta", category="minuman", description="Kopi bubuk")
    services.legality_save(actor=umkm_owner, product=kopi, kind="pirt", number="2063271010123-29",
                           expires_on=kopi.created_at.date().replace(year=kopi.created_at.year + 3))  # fmt: skip
    services.product_submit(actor=umkm_owner, product=kopi)
    services.product_publish(actor=officer_bogor, product=kopi)
    from sinergi.accounts.tests.factories import MembershipFactory, OfficeFactory, UserFactory

    office = OfficeFactory(region_id="32.73.19.1003", jurisdiction_id="32.73")
    officer = MembershipFactory(user=UserFactory(), organization=office, role="staff").user
    published(owner_bandung, officer, umkm_bandung, name="Batik Tulis", category="fesyen")

    def names(query):
        html = anonymous().get("/katalog/" + query).content.decode()
        return sorted(re.findall(r'class="mk-card-title"><a href="[^"]+">([^<]+)</a>', html))

    assert names("") == ["Batik Tulis", "Keripik Talas", "Kopi Robusta"]
    assert names("?q=bubuk") == ["Kopi Robusta"]
    assert names("?q=cigondewah") == ["Batik Tulis"]  # the producer's name
    assert names("?category=fesyen") == ["Batik Tulis"]
    assert names("?region=32.71") == ["Keripik Talas", "Kopi Robusta"]
    assert names("?region=32.71&kecamatan=32.71.06") == ["Keripik Talas", "Kopi Robusta"]
    assert names("?region=32.73&kecamatan=32.73.02") == ["Batik Tulis"]
    assert names("?legality=pirt") == ["Kopi Robusta"]
    assert names("?category=bukan-kategori") == ["Batik Tulis", "Keripik Talas", "Kopi Robusta"]
    html = anonymous().get("/katalog/?region=32.71").content.decode()
    assert '<option value="32.71.06">Tanah Sareal</option>' in html


def test_product_page_has_whatsapp_share_and_open_graph(listed, umkm_owner):
    services.product_photo_set(actor=umkm_owner, product=listed, upload=image_upload())
    services.product_publish(actor=listed.curated_by, product=listed)
    listed.refresh_from_db()
    response = anonymous().get(f"/katalog/produk/{listed.pk}-keripik-talas-original/")
    html = response.content.decode()
    url = f"http://127.0.0.1:8000/katalog/produk/{listed.pk}-keripik-talas-original/"
    assert "<title>Keripik Talas Original — Keripik Talas Bu Euis · Sinergi</title>" in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert (
        f'<meta property="og:image" content="http://127.0.0.1:8000/katalog/foto/{listed.pk}/besar.jpg">'
        in html
    )
    assert '<meta name="description" content="Keripik talas Bogor, renyah dan gurih.">' in html
    text = "Halo%2C%20saya%20tertarik%20dengan%20Keripik%20Talas%20Original%20di%20katalog%20Sinergi%3A%20"
    assert f'href="https://wa.me/6281234567890?text={text}http%3A//127.0.0.1%3A8000/katalog/produk/' in html
    assert (
        "https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2F127.0.0.1%3A8000%2Fkatalog%2Fproduk%2F"
        in html
    )
    photo = anonymous().get(f"/katalog/foto/{listed.pk}/kecil.jpg")
    assert photo.status_code == 200
    assert photo["Content-Type"] == "image/jpeg"


def test_old_slug_redirects_to_the_canonical_url(listed):
    response = anonymous().get(f"/katalog/produk/{listed.pk}-nama-lama/")
    assert response.status_code == 301
    assert response["Location"] == f"/katalog/produk/{listed.pk}-keripik-talas-original/"


def test_producer_page(listed, umkm_bogor):
    response = anonymous().get(f"/katalog/usaha/{umkm_bogor.pk}-keripik-talas-bu-euis/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Keripik Talas Bu Euis</h1>" in html
    assert (
        'href="https://wa.me/6281234567890?text=Halo%2C%20saya%20tertarik%20dengan%20produk%20Keripik' in html
    )
    assert "Keripik Talas Original" in html


def test_sitemap_lists_producers_and_products(listed, umkm_bogor, keripik):
    response = anonymous().get("/katalog/sitemap.xml")
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    root = ElementTree.fromstring(response.content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text for e in root.findall("s:url/s:loc", ns)]
    assert locs == [
        "http://127.0.0.1:8000/katalog/",
        f"http://127.0.0.1:8000/katalog/usaha/{umkm_bogor.pk}-keripik-talas-bu-euis/",
        f"http://127.0.0.1:8000/katalog/produk/{listed.pk}-keripik-talas-original/",
    ]


def test_owner_adds_a_product_through_the_form(umkm_owner, as_user):
    client = as_user(umkm_owner)
    response = client.post("/produk/baru/", {
        "name": "Sambal Roa", "category": "makanan", "unit": "botol 150 g", "price": "Rp 35.000",
        "description": "Pedas", "stock_note": "",
    })  # fmt: skip
    item = Product.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/produk/{item.pk}/"
    assert (item.name, item.price, item.status) == ("Sambal Roa", Decimal("35000"), "draft")


def test_negative_price_through_the_form_is_refused(umkm_owner, as_user):
    response = as_user(umkm_owner).post("/produk/baru/", {
        "name": "Sambal Roa", "category": "makanan", "unit": "botol", "price": "-5000",
    })  # fmt: skip
    assert response.status_code == 200
    assert "Harga tidak boleh negatif." in response.content.decode()
    assert Product.objects.count() == 0


def test_photo_form_refuses_text_named_jpg(keripik, umkm_owner, as_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("foto.jpg", b"bukan gambar" * 50, content_type="image/jpeg")
    response = as_user(umkm_owner).post(f"/produk/{keripik.pk}/foto/", {"photo": fake})
    assert response.status_code == 200
    assert "Berkas bukan foto: unggah gambar JPEG, PNG, atau WebP." in response.content.decode()
    keripik.refresh_from_db()
    assert keripik.photo == ""


def test_producer_publishing_by_post_is_refused_with_the_reason(keripik, umkm_owner, as_user):
    services.product_submit(actor=umkm_owner, product=keripik)
    response = as_user(umkm_owner).post(f"/produk/{keripik.pk}/tayangkan/", follow=True)
    assert "Produk hanya tayang di katalog setelah dikurasi petugas dinas" in response.content.decode()
    keripik.refresh_from_db()
    assert keripik.status == "submitted"


def test_officer_curates_from_the_queue(keripik, umkm_owner, officer_bogor, as_user):
    services.product_submit(actor=umkm_owner, product=keripik)
    client = as_user(officer_bogor)
    assert "1 produk menunggu kurasi" in client.get("/produk/").content.decode()
    assert "Keripik Talas Original" in client.get("/produk/kurasi/").content.decode()
    client.post(f"/produk/{keripik.pk}/tayangkan/")
    keripik.refresh_from_db()
    assert keripik.status == "published"


def test_other_region_sees_nothing(keripik, officer_bandung, owner_bandung, as_user):
    for user in (officer_bandung, owner_bandung):
        client = as_user(user)
        assert client.get(f"/produk/{keripik.pk}/").status_code == 404
        assert client.get(f"/produk/{keripik.pk}/foto/besar.jpg").status_code == 404
    assert "Keripik Talas Original" not in as_user(officer_bandung).get("/produk/").content.decode()


def test_product_pages_need_login(keripik):
    response = anonymous().get("/produk/")
    assert response.status_code == 302
    assert response["Location"].startswith("/masuk/")
