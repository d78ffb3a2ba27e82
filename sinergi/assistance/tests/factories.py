"""Builders of the assistance tests: warung registered with a business profile, and photos."""

import datetime as dt
import io

from sinergi.accounts.tests.factories import OrganizationFactory
from sinergi.registry.models import BusinessProfile

__all__ = ["OrganizationFactory", "png_bytes", "signature_url", "warung"]


def warung(
    name: str,
    *,
    region: str = "32.71.06.1003",
    address: str = "",
    nik: str = "3271064107850003",
    gender: str = "P",
    scale: str = "mikro",
    founded_on: dt.date | None = dt.date(2015, 6, 1),
    phone: str = "081234567890",
):
    """A UMKM (a warung) of Kota Bogor with its owner, scale and founding date."""
    org = OrganizationFactory(
        kind="umkm", name=name, region_id=region, address=address or f"Jl. {name} No. 1", phone=phone
    )
    parts = region.split(".")
    BusinessProfile.objects.create(
        organization=org,
        region_code=region,
        district_code=".".join(parts[:3]),
        regency_code=".".join(parts[:2]),
        name_key=name.lower(),
        owner_name=f"Pemilik {name}",
        owner_nik=nik,
        owner_gender=gender,
        scale=scale,
        founded_on=founded_on,
        kbli="47111",
    )
    return org


def png_bytes(size=(40, 30), color=(200, 30, 30, 255), mode="RGBA") -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new(mode, size, color).save(out, format="PNG")
    return out.getvalue()


def jpeg_upload(name="warung.jpg", size=(64, 48)):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 60)).save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def signature_url() -> str:
    import base64

    return "data:image/png;base64," + base64.b64encode(png_bytes()).decode()
