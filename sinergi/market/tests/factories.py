"""Builders of the market tests: images made with Pillow, and products at each status built by
the services (so the tallies and the audit trail are those of real writes)."""

from __future__ import annotations

import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from sinergi.market import services


def image_bytes(fmt: str = "JPEG", size=(1600, 1000), colour=(200, 120, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, fmt)
    return out.getvalue()


def image_upload(name: str = "keripik.jpg", fmt: str = "JPEG", size=(1600, 1000)) -> SimpleUploadedFile:
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}[fmt]
    return SimpleUploadedFile(name, image_bytes(fmt, size), content_type=content_type)


def product(owner, business, *, name="Keripik Talas Original", price=15000, category="makanan", **values):
    return services.product_create(
        actor=owner,
        business=business,
        name=name,
        category=category,
        unit=values.pop("unit", "bungkus 250 g"),
        price=Decimal(price),
        description=values.pop("description", "Keripik talas Bogor, renyah dan gurih."),
        **values,
    )


def published(owner, officer, business, **values):
    item = product(owner, business, **values)
    services.product_submit(actor=owner, product=item)
    return services.product_publish(actor=officer, product=item)
