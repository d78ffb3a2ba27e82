from decimal import Decimal

import pytest
from django.test import Client

from sinergi.market.models import Product
from sinergi.market.tests.factories import image_bytes, published

pytestmark = pytest.mark.django_db


def test_open_feed_needs_no_login_and_pages(umkm_owner, officer_bogor, umkm_bogor):
    for n in range(3):
        published(umkm_owner, officer_bogor, umkm_bogor, name=f"Produk {n}", price=1000 * (n + 1))
    client = Client()
    body = client.get("/api/v1/market/catalogue?page_size=2").json()
    assert (body["page"], body["page_size"], body["has_next"]) == (1, 2, True)
    assert [i["name"] for i in body["items"]] == ["Produk 2", "Produk 1"]
    item = body["items"][0]
    assert (item["price"], item["producer"], item["place"], item["category_label"]) == (
        "3000", "Keripik Talas Bu Euis", "Tanah Sareal, Kota Bogor", "Makanan",
    )  # fmt: skip
    assert item["url"].startswith("http://127.0.0.1:8000/katalog/produk/")
    second = client.get("/api/v1/market/catalogue?page_size=2&page=2").json()
    assert ([i["name"] for i in second["items"]], second["has_next"]) == (["Produk 0"], False)
    assert client.get("/api/v1/market/catalogue?page=0").status_code == 422
    assert client.get("/api/v1/market/catalogue?category=fesyen").json()["items"] == []
    assert [i["name"] for i in client.get("/api/v1/market/catalogue?q=produk%201").json()["items"]] == [
        "Produk 1"
    ]
    assert len(client.get("/api/v1/market/catalogue?region=32.71.06").json()["items"]) == 3
    assert client.get("/api/v1/market/catalogue?region=32.73").json()["items"] == []


def test_owner_creates_submits_and_cannot_publish(api, umkm_owner, umkm_bogor):
    client = api(umkm_owner)
    response = client.post("/api/v1/market/products", {
        "business_id": umkm_bogor.pk, "name": "Dodol Talas", "category": "makanan", "unit": "kotak",
        "price": "25000",
    }, content_type="application/json")  # fmt: skip
    assert response.status_code == 201
    pk = response.json()["id"]
    assert response.json()["status"] == "draft"
    assert client.post(f"/api/v1/market/products/{pk}/submit").json()["status"] == "submitted"
    refused = client.post(f"/api/v1/market/products/{pk}/publish")
    assert refused.status_code == 403
    assert refused.json()["detail"] == (
        "Produk hanya tayang di katalog setelah dikurasi petugas dinas: ajukan produk untuk dikurasi."
    )
    assert Product.objects.get(pk=pk).status == "submitted"


def test_negative_price_is_refused_with_the_rules_reason(api, umkm_owner, umkm_bogor):
    response = api(umkm_owner).post("/api/v1/market/products", {
        "business_id": umkm_bogor.pk, "name": "Dodol", "category": "makanan", "unit": "kotak", "price": "-1",
    }, content_type="application/json")  # fmt: skip
    assert response.status_code == 400
    assert response.json()["errors"] == {"price": ["Harga tidak boleh negatif."]}
    assert Product.objects.count() == 0


def test_officer_publishes_and_returns(api, keripik, umkm_owner, officer_bogor, officer_bandung):
    api(umkm_owner).post(f"/api/v1/market/products/{keripik.pk}/submit")
    assert api(officer_bandung).post(f"/api/v1/market/products/{keripik.pk}/publish").status_code == 404
    queue = api(officer_bogor).get("/api/v1/market/products/curation").json()
    assert [i["id"] for i in queue["items"]] == [keripik.pk]
    client = api(officer_bogor)
    assert client.post(f"/api/v1/market/products/{keripik.pk}/publish").json()["status"] == "published"
    response = client.post(
        f"/api/v1/market/products/{keripik.pk}/return",
        {"note": "Foto buram"},
        content_type="application/json",
    )
    assert (response.json()["status"], response.json()["return_note"]) == ("returned", "Foto buram")


def test_photo_upload_by_content(api, keripik, umkm_owner):
    client = api(umkm_owner)
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("x.jpg", b"GIF89a not really", content_type="image/jpeg")
    response = client.post(f"/api/v1/market/products/{keripik.pk}/photo", {"photo": bad})
    assert response.status_code == 400
    assert response.json()["errors"] == {"photo": ["Berkas bukan foto: unggah gambar JPEG, PNG, atau WebP."]}
    good = SimpleUploadedFile("x.png", image_bytes("PNG", (600, 600)), content_type="image/png")
    assert (
        client.post(f"/api/v1/market/products/{keripik.pk}/photo", {"photo": good}).json()["has_photo"]
        is True
    )


def test_price_update_through_api(api, listed, umkm_owner):
    response = api(umkm_owner).put(f"/api/v1/market/products/{listed.pk}", {
        "name": listed.name, "category": "makanan", "unit": listed.unit, "price": "16000",
        "description": listed.description,
    }, content_type="application/json")  # fmt: skip
    assert (response.json()["status"], response.json()["price"]) == ("published", "16000")
    assert Product.objects.get().price == Decimal("16000")


def test_list_is_scoped(api, keripik, officer_bogor, officer_bandung, owner_bandung):
    assert api(officer_bogor).get("/api/v1/market/products").json()["count"] == 1
    assert api(officer_bandung).get("/api/v1/market/products").json()["count"] == 0
    assert api(owner_bandung).get("/api/v1/market/products").json()["count"] == 0
    assert api(owner_bandung).get(f"/api/v1/market/products/{keripik.pk}").status_code == 404
