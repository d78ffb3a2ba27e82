"""Product photos: checked by their content (Pillow decodes them), never by name or declared type;
limited in size; stored as a JPEG of at most PHOTO_SIDE px and a thumbnail of THUMB_SIDE px.

Re-encoding also drops whatever else the upload carried (EXIF location, appended bytes).
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from sinergi.core.images import strict_decoding

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel photo; more is a decompression bomb, not a product photo
PHOTO_SIDE = 1200
THUMB_SIDE = 400
ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})
FOLDER = "market/products"


@dataclass(frozen=True)
class StoredPhoto:
    photo: str
    width: int
    height: int
    thumbnail: str
    thumbnail_width: int
    thumbnail_height: int


def _refuse(message: str) -> ValidationError:
    return ValidationError({"photo": ValidationError(message, code="photo")})


def read_upload(upload) -> bytes:
    """The upload's bytes, refused past MAX_BYTES without reading further."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise _refuse(_("Foto terlalu besar: paling besar 5 MB."))
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise _refuse(_("Foto terlalu besar: paling besar 5 MB."))
    return data


def _encode(image: Image.Image, side: int) -> tuple[bytes, int, int]:
    copy = image.copy()
    copy.thumbnail((side, side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    copy.save(out, "JPEG", quality=82, optimize=True, progressive=True)
    return out.getvalue(), copy.width, copy.height


def prepare(data: bytes) -> tuple[tuple[bytes, int, int], tuple[bytes, int, int]]:
    """The resized photo and thumbnail (JPEG bytes, width, height); refuses what is not a JPEG,
    PNG or WebP image."""
    not_image = _("Berkas bukan foto: unggah gambar JPEG, PNG, atau WebP.")
    with strict_decoding():
        try:
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in ACCEPTED_FORMATS:
                    raise _refuse(not_image)
                if probe.width * probe.height > MAX_PIXELS:
                    raise _refuse(_("Foto terlalu besar: paling banyak 40 megapiksel."))
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                image = ImageOps.exif_transpose(image)
                if image.mode not in ("RGB", "L"):
                    background = Image.new("RGB", image.size, "white")
                    rgba = image.convert("RGBA")
                    background.paste(rgba, mask=rgba.split()[-1])
                    image = background
                image = image.convert("RGB")
                return _encode(image, PHOTO_SIDE), _encode(image, THUMB_SIDE)
        except ValidationError:
            raise
        except (
            UnidentifiedImageError,
            OSError,
            ValueError,
            SyntaxError,
            Image.DecompressionBombError,
        ) as exc:
            raise _refuse(not_image) from exc


def store(product_id: int, prepared) -> StoredPhoto:
    """Store a photo `prepare` accepted (its JPEG and thumbnail) under the product's folder."""
    (big, width, height), (small, t_width, t_height) = prepared
    stem = f"{FOLDER}/{product_id}/{uuid.uuid4().hex}"
    photo = default_storage.save(f"{stem}.jpg", ContentFile(big))
    thumbnail = default_storage.save(f"{stem}-kecil.jpg", ContentFile(small))
    return StoredPhoto(photo, width, height, thumbnail, t_width, t_height)


def delete(*names: str) -> None:
    for name in names:
        if name:
            default_storage.delete(name)
