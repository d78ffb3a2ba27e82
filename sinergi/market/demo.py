"""The market part of the demo world: a few dozen products of real UMKM of Kota Bogor (the
registry demo's), with real legality kinds and number formats, most published, some waiting for
curation or returned, one with an expired PIRT; photos drawn with Pillow (small coloured cards).

Idempotent: a product already there (same business, same name) is left alone.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.market import services
from sinergi.market.models import Category, Product

CITY = "32.71"
TALAS_NIB = "9120001234567"

# (name, category, unit, price, description, [(kind, number, years valid or None)], outcome)
# outcome: "published", "submitted", "returned", "draft", "expired" (published, PIRT lapsed).
TALAS_PRODUCTS = [
    (
        "Keripik Talas Original",
        "makanan",
        "bungkus 250 g",
        15000,
        "Keripik talas Bogor diiris tipis, digoreng renyah dengan minyak baru. Tanpa pengawet.",
        [("pirt", "P-IRT 2063271010123-29", 5), ("halal", "ID32110000123450124", None)],
        "published",
    ),
    (
        "Keripik Talas Balado",
        "makanan",
        "bungkus 250 g",
        17000,
        "Keripik talas dengan bumbu balado pedas manis.",
        [("pirt", "P-IRT 2063271010124-29", 5), ("halal", "ID32110000123450125", None)],
        "published",
    ),
    (
        "Bolu Talas Kukus",
        "makanan",
        "kotak",
        45000,
        "Bolu talas lembut, tahan 4 hari di suhu ruang.",
        [("pirt", "P-IRT 2063271010125-29", 5)],
        "submitted",
    ),
    (
        "Stik Talas Keju",
        "makanan",
        "toples 200 g",
        25000,
        "Stik talas renyah bertabur keju.",
        [("pirt", "P-IRT 2063271010126-25", None)],
        "expired",
    ),
]
OTHER_PRODUCTS = [
    (
        "Kopi Robusta Bubuk",
        "minuman",
        "bungkus 200 g",
        38000,
        "Kopi robusta petani Bogor, sangrai sedang.",
        [("pirt", "P-IRT 2063271020201-29", 5), ("halal", "ID32110000223450001", None)],
    ),
    (
        "Sirup Pala",
        "minuman",
        "botol 600 ml",
        42000,
        "Sirup buah pala khas Bogor.",
        [("pirt", "P-IRT 2063271020202-29", 5)],
    ),
    ("Tas Anyaman Pandan", "kerajinan", "buah", 125000, "Tas anyaman pandan buatan tangan.", []),
    (
        "Batik Tulis Kujang",
        "fesyen",
        "lembar 2 m",
        350000,
        "Batik tulis motif kujang, pewarna alam.",
        [("sni", "SPPT SNI 8184:2015-0123", 4)],
    ),
    (
        "Beras Organik Pandan Wangi",
        "pertanian",
        "karung 5 kg",
        95000,
        "Beras organik dari sawah Bogor Barat.",
        [("sni", "SPPT SNI 6128:2020-0456", 4)],
    ),
    (
        "Sabun Sereh Wangi",
        "kosmetik",
        "batang 100 g",
        18000,
        "Sabun batang minyak sereh wangi.",
        [("bpom", "NA18231200123", 5), ("halal", "ID32110000323450002", None)],
    ),
    (
        "Asinan Bogor",
        "makanan",
        "cup 500 ml",
        22000,
        "Asinan sayur dan buah khas Bogor.",
        [("pirt", "P-IRT 2063271020203-29", 5), ("halal", "ID32110000423450003", None)],
    ),
    (
        "Roti Unyil",
        "makanan",
        "kotak isi 20",
        30000,
        "Roti mini aneka rasa.",
        [("pirt", "P-IRT 2063271020204-29", 5)],
    ),
    ("Dompet Kulit", "fesyen", "buah", 85000, "Dompet kulit sapi jahitan tangan.", []),
    (
        "Madu Hutan",
        "minuman",
        "botol 250 ml",
        75000,
        "Madu hutan murni dari Bogor Selatan.",
        [("bpom", "MD 253110012345", 5), ("halal", "ID32110000523450004", None)],
    ),
    ("Jasa Jahit Seragam", "jasa", "stel", 150000, "Jahit seragam sekolah dan kantor, ukur di tempat.", []),
    (
        "Lapis Talas",
        "makanan",
        "kotak",
        55000,
        "Lapis talas ungu berlapis keju.",
        [("pirt", "P-IRT 2063271020205-29", 5)],
    ),
]
COLOURS = {
    "makanan": (214, 134, 52), "minuman": (120, 72, 40), "kerajinan": (160, 130, 70),
    "fesyen": (90, 60, 130), "pertanian": (80, 140, 60), "kosmetik": (200, 110, 150),
    "jasa": (60, 110, 160), "lainnya": (120, 120, 120),
}  # fmt: skip


def photo_of(name: str, category: str) -> SimpleUploadedFile:
    """A small coloured card with the product's name: enough to show the catalogue's layout."""
    image = Image.new("RGB", (600, 600), COLOURS.get(category, (120, 120, 120)))
    draw = ImageDraw.Draw(image)
    draw.rectangle((30, 30, 570, 570), outline=(255, 255, 255), width=6)
    y = 250
    for word_line in _lines(name, 18):
        draw.text((60, y), word_line, fill=(255, 255, 255), font_size=44)
        y += 56
    out = io.BytesIO()
    image.save(out, "JPEG", quality=70)
    return SimpleUploadedFile("foto.jpg", out.getvalue(), content_type="image/jpeg")


def _lines(text: str, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + len(word) + 1 > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*lines, current] if current else lines


def _make(actor, business, spec, outcome: str, today: dt.date) -> None:
    name, category, unit, price, description, legalities = spec[:6]
    if Product.objects.filter(business=business, name=name).exists():
        return
    product = services.product_create(
        actor=actor, business=business, name=name, category=category, unit=unit, price=Decimal(price),
        description=description,
    )  # fmt: skip
    services.product_photo_set(actor=actor, product=product, upload=photo_of(name, category))
    for kind, number, years in legalities:
        issued = today - dt.timedelta(days=400)
        if outcome == "expired" and kind == "pirt":
            issued, expires = today - dt.timedelta(days=5 * 365 + 20), today - dt.timedelta(days=20)
        else:
            expires = issued + dt.timedelta(days=365 * years) if years else None
        services.legality_save(
            actor=actor, product=product, kind=kind, number=number, issued_on=issued, expires_on=expires,
            today=today,
        )  # fmt: skip
    if outcome == "draft":
        return
    services.product_submit(actor=actor, product=product)
    if outcome == "submitted":
        return
    if outcome == "returned":
        services.product_return(
            actor=actor, product=product, note="Foto kurang jelas dan nomor PIRT perlu dicek ulang."
        )
        return
    services.product_publish(actor=actor, product=product)


# The KBLI codes (prefixes) of the businesses that make each product.
MAKERS = {
    "Kopi Robusta Bubuk": ("10761",),
    "Sirup Pala": ("1107", "10792", "10799"),
    "Tas Anyaman Pandan": ("16292",),
    "Batik Tulis Kujang": ("13134",),
    "Beras Organik Pandan Wangi": ("011", "013", "47111"),
    "Sabun Sereh Wangi": ("2023", "21022"),
    "Asinan Bogor": ("10392",),
    "Roti Unyil": ("10710",),
    "Dompet Kulit": ("151", "14111"),
    "Madu Hutan": ("0149", "01301", "47111"),
    "Jasa Jahit Seragam": ("14111",),
    "Lapis Talas": ("10710", "10792"),
}


def _makers(name: str, businesses: list, used: set[int], count: int = 2) -> list:
    """Up to `count` businesses not yet given products whose KBLI starts with one of the product's
    codes, in the order of the codes."""
    found = []
    for code in MAKERS.get(name, ()):
        for business in businesses:
            kbli = business.businessprofile.kbli or ""
            if business.pk not in used and kbli.startswith(code) and len(found) < count:
                found.append(business)
                used.add(business.pk)
    return found


def seed(*, actor, today: dt.date | None = None) -> list[tuple[str, str]]:
    """Products for the registry demo's UMKM of Kota Bogor. Needs the registry demo first (the
    businesses); adds no logins of its own (the owner is pemilik@, the curator staf.kotabogor@)."""
    today = today or timezone.localdate()
    talas = Organization.objects.filter(kind=OrganizationKind.UMKM, businessprofile__nib=TALAS_NIB).first()
    if talas is not None:
        for spec in TALAS_PRODUCTS:
            _make(actor, talas, spec, spec[6], today)
    others = list(
        Organization.objects.filter(
            kind=OrganizationKind.UMKM, is_active=True, region__code__startswith=CITY + ".",
            businessprofile__status="aktif",
        ).exclude(businessprofile__nib=TALAS_NIB).select_related("businessprofile").order_by("pk")
    )  # fmt: skip
    used: set[int] = set()
    outcomes = ["published"] * 9 + ["submitted", "returned", "submitted"]
    for index, spec in enumerate(OTHER_PRODUCTS):
        # Two makers per product, whose line of business (KBLI) fits it: a producer page with
        # several products, and no tailor selling coffee.
        for offset, business in enumerate(_makers(spec[0], others, used)):
            variant = spec if offset == 0 else (f"{spec[0]} Premium", *spec[1:3], spec[3] * 2, *spec[4:])
            _make(
                actor,
                business,
                variant,
                outcomes[index % len(outcomes)] if offset == 0 else "published",
                today,
            )
    assert set(Category.values) >= {spec[1] for spec in OTHER_PRODUCTS}
    return []
