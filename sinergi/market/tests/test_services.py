import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sinergi.core.models import AuditEvent, Notification
from sinergi.market import services
from sinergi.market.models import Legality, Product
from sinergi.market.tests.factories import image_upload, product

pytestmark = pytest.mark.django_db


def test_owner_adds_a_draft_with_the_producers_village(umkm_owner, umkm_bogor):
    item = product(umkm_owner, umkm_bogor, price=15000)
    assert (item.status, item.region_code, item.slug, item.price) == (
        "draft", "32.71.06.1003", "keripik-talas-original", Decimal("15000"),
    )  # fmt: skip
    assert item.legality_state == "none"
    assert AuditEvent.objects.filter(action="market.product.create", object_id=str(item.pk)).count() == 1


def test_only_the_owner_adds_products(officer_bogor, coop_manager, umkm_bogor):
    for actor in (officer_bogor, coop_manager):
        with pytest.raises(PermissionDenied):
            product(actor, umkm_bogor)
    assert Product.objects.count() == 0
    assert AuditEvent.objects.filter(action__startswith="market.").count() == 0


def test_a_cooperative_has_no_products(coop_manager, cooperative_bogor):
    with pytest.raises(ValidationError) as exc:
        product(coop_manager, cooperative_bogor)
    assert exc.value.message_dict == {"business": ["Produk hanya dapat dicatat untuk UMKM."]}


@pytest.mark.parametrize(
    ("price", "message"),
    [
        (-500, "Harga tidak boleh negatif."),
        (0, "Harga harus lebih dari Rp0."),
        (Decimal("1500.5"), "Harga dalam rupiah bulat, tanpa sen."),
    ],
)
def test_bad_price_is_refused_and_nothing_is_written(umkm_owner, umkm_bogor, price, message):
    with pytest.raises(ValidationError) as exc:
        product(umkm_owner, umkm_bogor, price=price)
    assert exc.value.message_dict == {"price": [message]}
    assert Product.objects.count() == 0


def test_submit_publish_path_and_notifications(
    keripik, umkm_owner, officer_bogor, admin_bogor, officer_bandung
):
    services.product_submit(actor=umkm_owner, product=keripik)
    keripik.refresh_from_db()
    assert keripik.status == "submitted"
    assert keripik.submitted_at is not None
    # The office admins and staff of Kota Bogor hear of it; Bandung does not.
    told = set(Notification.objects.values_list("recipient__email", flat=True))
    assert told == {officer_bogor.email, admin_bogor.email}
    services.product_publish(actor=officer_bogor, product=keripik)
    keripik.refresh_from_db()
    assert (keripik.status, keripik.curated_by_id) == ("published", officer_bogor.pk)
    assert keripik.published_at is not None
    assert (
        Notification.objects.filter(
            recipient=umkm_owner, subject="Produk tayang di katalog: Keripik Talas Original"
        ).count()
        == 1
    )
    actions = list(AuditEvent.objects.filter(object_id=str(keripik.pk), object_type="market.product")
                   .order_by("id").values_list("action", flat=True))  # fmt: skip
    assert actions == ["market.product.create", "market.product.submit", "market.product.publish"]


def test_publishing_without_curation_is_refused_through_the_service(keripik, umkm_owner, officer_bogor):
    # The producer asks to publish: refused with the reason.
    with pytest.raises(PermissionDenied) as exc:
        services.product_publish(actor=umkm_owner, product=keripik)
    assert str(exc.value) == (
        "Produk hanya tayang di katalog setelah dikurasi petugas dinas: ajukan produk untuk dikurasi."
    )
    # The officer cannot publish a draft that was never submitted for curation.
    with pytest.raises(ValidationError) as exc:
        services.product_publish(actor=officer_bogor, product=keripik)
    assert exc.value.message_dict["status"] == [
        "Produk hanya tayang di katalog setelah dikurasi petugas dinas: ajukan produk untuk dikurasi."
    ]
    keripik.refresh_from_db()
    assert (keripik.status, keripik.published_at) == ("draft", None)
    assert not AuditEvent.objects.filter(action="market.product.publish").exists()


def test_other_region_and_viewers_cannot_curate(keripik, umkm_owner, officer_bandung, viewer_bogor):
    services.product_submit(actor=umkm_owner, product=keripik)
    for actor in (officer_bandung, viewer_bogor):
        with pytest.raises(PermissionDenied):
            services.product_publish(actor=actor, product=keripik)
        with pytest.raises(PermissionDenied):
            services.product_return(actor=actor, product=keripik, note="Foto buram.")
    keripik.refresh_from_db()
    assert keripik.status == "submitted"


def test_return_with_note_then_resubmit(keripik, umkm_owner, officer_bogor):
    services.product_submit(actor=umkm_owner, product=keripik)
    with pytest.raises(ValidationError) as exc:
        services.product_return(actor=officer_bogor, product=keripik, note="  ")
    assert exc.value.message_dict == {
        "note": ["Tuliskan catatan untuk pemilik usaha: apa yang perlu diperbaiki."]
    }
    services.product_return(actor=officer_bogor, product=keripik, note="Foto kurang jelas.")
    keripik.refresh_from_db()
    assert (keripik.status, keripik.return_note) == ("returned", "Foto kurang jelas.")
    assert Notification.objects.get(recipient=umkm_owner).body == "Catatan petugas: Foto kurang jelas."
    services.product_submit(actor=umkm_owner, product=keripik)
    keripik.refresh_from_db()
    assert keripik.status == "submitted"


def test_price_change_stays_published_name_change_needs_curation(listed, umkm_owner):
    values = {
        "name": listed.name,
        "category": "makanan",
        "unit": listed.unit,
        "description": listed.description,
    }
    services.product_update(actor=umkm_owner, product=listed, price=Decimal("17000"), **values)
    listed.refresh_from_db()
    assert (listed.status, listed.price) == ("published", Decimal("17000"))
    values["name"] = "Keripik Talas Balado"
    services.product_update(actor=umkm_owner, product=listed, price=Decimal("17000"), **values)
    listed.refresh_from_db()
    assert (listed.status, listed.name, listed.slug, listed.published_at) == (
        "submitted", "Keripik Talas Balado", "keripik-talas-balado", None,
    )  # fmt: skip


def test_untouched_edit_writes_nothing(keripik, umkm_owner):
    before = AuditEvent.objects.count()
    services.product_update(
        actor=umkm_owner, product=keripik, name=keripik.name, category=keripik.category, unit=keripik.unit,
        price=keripik.price, description=keripik.description, stock_note="",
    )  # fmt: skip
    assert AuditEvent.objects.count() == before


def test_other_people_cannot_edit(keripik, owner_bandung, officer_bogor):
    for actor in (owner_bandung, officer_bogor):
        with pytest.raises(PermissionDenied):
            services.product_update(actor=actor, product=keripik, name="X", category="makanan", unit="u",
                                    price=Decimal(1))  # fmt: skip
    keripik.refresh_from_db()
    assert keripik.name == "Keripik Talas Original"


def test_photo_is_resized_and_a_published_product_goes_back_to_curation(listed, umkm_owner, settings):
    services.product_photo_set(actor=umkm_owner, product=listed, upload=image_upload(size=(2400, 1600)))
    listed.refresh_from_db()
    assert (listed.photo_width, listed.photo_height) == (1200, 800)
    assert (listed.thumbnail_width, listed.thumbnail_height) == (400, 267)
    assert listed.photo.startswith(f"market/products/{listed.pk}/") and listed.photo.endswith(".jpg")
    assert (settings.MEDIA_ROOT / listed.photo).read_bytes()[:3] == b"\xff\xd8\xff"
    assert listed.status == "submitted"


def test_legality_add_sets_the_state_and_duplicates_are_refused(keripik, umkm_owner):
    today = timezone.localdate()
    services.legality_save(actor=umkm_owner, product=keripik, kind="pirt", number="2063271010123-29",
                           issued_on=today - dt.timedelta(days=400), expires_on=today + dt.timedelta(days=10))  # fmt: skip
    keripik.refresh_from_db()
    assert keripik.legality_state == "expiring"
    with pytest.raises(ValidationError) as exc:
        services.legality_save(actor=umkm_owner, product=keripik, kind="pirt", number="X-1",
                               expires_on=today + dt.timedelta(days=100))  # fmt: skip
    assert exc.value.message_dict == {"kind": ["Produk ini sudah punya izin jenis itu: ubah yang sudah ada."]}
    assert Legality.objects.count() == 1


def test_daily_check_flags_expired_legality_once(keripik, umkm_owner, officer_bogor, system):
    today = timezone.localdate()
    services.legality_save(actor=umkm_owner, product=keripik, kind="bpom", number="MD 224510012345",
                           expires_on=today + dt.timedelta(days=60))  # fmt: skip
    assert services.legality_check(actor=system, today=today) == {
        "checked": 0, "changed": 0, "expiring": 0, "expired": 0, "notifications": 0,
    }  # fmt: skip
    later = today + dt.timedelta(days=61)
    result = services.legality_check(actor=system, today=later)
    assert result == {"checked": 1, "changed": 1, "expiring": 0, "expired": 1, "notifications": 2}
    keripik.refresh_from_db()
    assert keripik.legality_state == "expired"
    subjects = set(Notification.objects.values_list("recipient__email", "subject"))
    assert subjects == {
        (umkm_owner.email, "Izin BPOM produk Keripik Talas Original sudah kedaluwarsa"),
        (officer_bogor.email, "Izin BPOM produk Keripik Talas Original sudah kedaluwarsa"),
    }
    assert services.legality_check(actor=system, today=later)["notifications"] == 0
