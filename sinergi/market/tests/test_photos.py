"""Photos are judged by their content: a name or a declared type proves nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sinergi.core.models import AuditEvent
from sinergi.market import photos, services
from sinergi.market.tests.factories import image_bytes, image_upload

pytestmark = pytest.mark.django_db

NOT_IMAGE = "Berkas bukan foto: unggah gambar JPEG, PNG, atau WebP."


def _files(settings):
    root = settings.MEDIA_ROOT
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_text_named_jpg_is_refused_and_nothing_is_stored(keripik, umkm_owner, settings):
    fake = SimpleUploadedFile("foto.jpg", b"<?php echo 'bukan foto'; ?>" * 10, content_type="image/jpeg")
    with pytest.raises(ValidationError) as exc:
        services.product_photo_set(actor=umkm_owner, product=keripik, upload=fake)
    assert exc.value.message_dict == {"photo": [NOT_IMAGE]}
    keripik.refresh_from_db()
    assert (keripik.photo, keripik.thumbnail) == ("", "")
    assert _files(settings) == []
    assert not AuditEvent.objects.filter(action="market.product.photo").exists()


def test_a_pdf_or_gif_is_not_a_product_photo():
    with pytest.raises(ValidationError):
        photos.prepare(b"%PDF-1.4\n" + b"0" * 100)
    with pytest.raises(ValidationError) as exc:
        photos.prepare(image_bytes("GIF", (50, 50)))
    assert exc.value.message_dict == {"photo": [NOT_IMAGE]}


@pytest.mark.parametrize("lenient", [False, True])
def test_truncated_jpeg_is_refused(monkeypatch, lenient):
    """Refused even after a library set Pillow to accept truncated pictures for the whole process
    (WeasyPrint does when it is imported, so any PDF made before would let it through)."""
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", lenient)
    data = image_bytes("JPEG", (800, 600))
    with pytest.raises(ValidationError) as exc:
        photos.prepare(data[: len(data) // 3])
    assert exc.value.message_dict == {"photo": [NOT_IMAGE]}
    assert ImageFile.LOAD_TRUNCATED_IMAGES is lenient


def test_oversize_is_refused_before_decoding(keripik, umkm_owner, settings):
    big = SimpleUploadedFile(
        "besar.jpg", b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024), content_type="image/jpeg"
    )
    with pytest.raises(ValidationError) as exc:
        services.product_photo_set(actor=umkm_owner, product=keripik, upload=big)
    assert exc.value.message_dict == {"photo": ["Foto terlalu besar: paling besar 5 MB."]}
    assert _files(settings) == []


def test_png_and_webp_become_jpeg_and_small_ones_are_not_enlarged(
    keripik, umkm_owner, settings, django_capture_on_commit_callbacks
):
    services.product_photo_set(
        actor=umkm_owner, product=keripik, upload=image_upload("a.png", "PNG", (300, 200))
    )
    keripik.refresh_from_db()
    assert (keripik.photo_width, keripik.photo_height, keripik.thumbnail_width) == (300, 200, 300)
    old = keripik.photo
    with django_capture_on_commit_callbacks(execute=True):
        services.product_photo_set(
            actor=umkm_owner, product=keripik, upload=image_upload("b.webp", "WEBP", (500, 1000))
        )
    keripik.refresh_from_db()
    assert (keripik.photo_width, keripik.photo_height, keripik.thumbnail_width, keripik.thumbnail_height) == (
        500, 1000, 200, 400,
    )  # fmt: skip
    # The old photo and thumbnail are removed once the new ones are saved.
    assert not (settings.MEDIA_ROOT / old).exists()
    assert len(_files(settings)) == 2
