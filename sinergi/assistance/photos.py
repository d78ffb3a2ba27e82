"""Photos of shops, handovers and visits, and the recipient's drawn signature: checked by their
content (Pillow opens and verifies them; the name and the browser's content type are not trusted),
limited in size, and stored re-encoded as a JPEG (a PNG for a signature) no wider than
`MAX_SIDE`, so a phone's 12-megapixel picture becomes a few hundred kilobytes and any payload
hidden in the file is dropped.
"""

from __future__ import annotations

import base64
import binascii
import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sinergi.core.images import strict_decoding

MAX_BYTES = 10 * 1024 * 1024
MAX_SIDE = 1600
# Pillow refuses images with more pixels than this (decompression bombs).
MAX_PIXELS = 40_000_000
SIGNATURE_MAX_BYTES = 300 * 1024
SIGNATURE_PREFIX = "data:image/png;base64,"


def photo_problem(upload) -> str | None:
    """None when `upload` is a JPEG or PNG image within the size limit, else the problem code."""
    if upload.size > MAX_BYTES:
        return "too_big"
    from PIL import Image

    try:
        upload.seek(0)
        with Image.open(upload) as image:
            if image.format not in ("JPEG", "PNG") or image.width * image.height > MAX_PIXELS:
                return "not_image"
            image.verify()
        # `verify` reads no pixels: a truncated photo is found only by decoding it.
        upload.seek(0)
        with strict_decoding(), Image.open(upload) as image:
            image.load()
    except Exception:  # Pillow raises many kinds of errors for a file that is not an image
        return "not_image"
    finally:
        upload.seek(0)
    return None


PHOTO_PROBLEMS = {
    "too_big": gettext_lazy("Foto paling besar 10 MB."),
    "not_image": gettext_lazy("Berkas harus foto JPEG atau PNG."),
}


def photo_message(code: str) -> str:
    return str(PHOTO_PROBLEMS[code])


def checked_photo(upload, *, field: str = "photo", name: str = "foto") -> ContentFile:
    """The photo resized and re-encoded as JPEG, or a ValidationError on `field`."""
    problem = photo_problem(upload)
    if problem:
        raise ValidationError({field: photo_message(problem)})
    from PIL import Image, ImageOps

    with strict_decoding(), Image.open(upload) as image:
        image = ImageOps.exif_transpose(image).convert("RGB")
        image.thumbnail((MAX_SIDE, MAX_SIDE))
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=82, optimize=True)
    upload.seek(0)
    return ContentFile(out.getvalue(), name=f"{name}.jpg")


def checked_signature(data_url: str) -> ContentFile:
    """A signature drawn on screen, sent as a PNG data URL by the canvas, as a PNG file."""
    message = {"signature": _("Tanda tangan penerima belum dibuat atau tidak terbaca.")}
    if not data_url.startswith(SIGNATURE_PREFIX) or len(data_url) > SIGNATURE_MAX_BYTES * 4 // 3 + 64:
        raise ValidationError(message)
    try:
        raw = base64.b64decode(data_url[len(SIGNATURE_PREFIX) :], validate=True)
    except (binascii.Error, ValueError):
        raise ValidationError(message) from None
    from PIL import Image

    try:
        with Image.open(io.BytesIO(raw)) as image:
            if image.format != "PNG" or image.width * image.height > MAX_PIXELS:
                raise ValidationError(message)
            image = image.convert("RGBA")
            # A blank canvas is not a signature: some pixel must be drawn.
            if image.getchannel("A").getbbox() is None:
                raise ValidationError(message)
            out = io.BytesIO()
            image.save(out, format="PNG", optimize=True)
    except ValidationError:
        raise
    except Exception:
        raise ValidationError(message) from None
    return ContentFile(out.getvalue(), name="tanda-tangan.png")
