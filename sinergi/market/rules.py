"""The market's rules as plain functions (no database): each returns a problem code, or None.

Every door (page, API, command, demo) reaches them through the services; the doors word the codes
in the user's language with `PROBLEMS`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

DRAFT, SUBMITTED, PUBLISHED, RETURNED = "draft", "submitted", "published", "returned"

# Which status a step may start from, and where it leads. Publishing starts only from
# "submitted": a draft or a returned product has not been through curation.
TRANSITIONS = {
    "submit": ({DRAFT, RETURNED}, SUBMITTED),
    "publish": ({SUBMITTED}, PUBLISHED),
    "return": ({SUBMITTED, PUBLISHED}, RETURNED),
}

# Fields a buyer trusts the office to have looked at: changing one of them on a published product
# sends it back to curation. Price, unit and stock note are the producer's day-to-day business and
# change without a new curation.
CURATED_FIELDS = ("name", "category", "description", "photo")

# A legality ending within this many days is flagged to the producer and the curating officer.
EXPIRING_DAYS = 30
MAX_PRICE = Decimal("1000000000")

PROBLEMS = {
    "status": _("Langkah ini tidak dapat dilakukan pada status produk sekarang."),
    "not_curated": _(
        "Produk hanya tayang di katalog setelah dikurasi petugas dinas: ajukan produk untuk dikurasi."
    ),
    "price_negative": _("Harga tidak boleh negatif."),
    "price_zero": _("Harga harus lebih dari Rp0."),
    "price_too_high": _("Harga terlalu besar (paling besar Rp1.000.000.000)."),
    "price_fraction": _("Harga dalam rupiah bulat, tanpa sen."),
    "name_missing": _("Nama produk wajib diisi."),
    "unit_missing": _("Satuan wajib diisi (mis. bungkus, botol, buah)."),
    "category_unknown": _("Pilih kategori dari daftar."),
    "not_umkm": _("Produk hanya dapat dicatat untuk UMKM."),
    "return_note_missing": _("Tuliskan catatan untuk pemilik usaha: apa yang perlu diperbaiki."),
    "legality_kind_unknown": _("Pilih jenis izin dari daftar."),
    "legality_number_missing": _("Nomor izin wajib diisi."),
    "legality_dates": _("Tanggal berlaku sampai harus sesudah tanggal terbit."),
    "legality_issued_future": _("Tanggal terbit tidak boleh di masa depan."),
    "legality_expiry_required": _("Izin PIRT, BPOM, dan SNI punya masa berlaku: isi tanggal berlaku sampai."),
    "legality_duplicate": _("Produk ini sudah punya izin jenis itu: ubah yang sudah ada."),
}

# Halal certificates issued under UU 6/2023 hold while the product and its process are unchanged;
# PIRT (5 years), BPOM izin edar (5 years) and SNI certificates (SPPT, 4 years) expire.
EXPIRY_REQUIRED = frozenset({"pirt", "bpom", "sni"})


def transition_problem(step: str, status: str) -> str | None:
    allowed, _target = TRANSITIONS[step]
    if status in allowed:
        return None
    return "not_curated" if step == "publish" else "status"


def price_problem(price) -> str | None:
    if price is None:
        return "price_zero"
    price = Decimal(price)
    if price < 0:
        return "price_negative"
    if price == 0:
        return "price_zero"
    if price != price.to_integral_value():
        return "price_fraction"
    if price > MAX_PRICE:
        return "price_too_high"
    return None


def product_problems(*, name: str, unit: str, category: str, price, categories) -> dict[str, str]:
    """Every field problem of a product's values, by field."""
    found = {}
    if not (name or "").strip():
        found["name"] = "name_missing"
    if not (unit or "").strip():
        found["unit"] = "unit_missing"
    if category not in categories:
        found["category"] = "category_unknown"
    problem = price_problem(price)
    if problem:
        found["price"] = problem
    return found


def legality_problems(
    *, kind: str, number: str, issued_on: dt.date | None, expires_on: dt.date | None, kinds, today: dt.date
) -> dict[str, str]:
    found = {}
    if kind not in kinds:
        found["kind"] = "legality_kind_unknown"
    if not (number or "").strip():
        found["number"] = "legality_number_missing"
    if issued_on and issued_on > today:
        found["issued_on"] = "legality_issued_future"
    if issued_on and expires_on and expires_on <= issued_on:
        found["expires_on"] = "legality_dates"
    elif kind in EXPIRY_REQUIRED and expires_on is None:
        found["expires_on"] = "legality_expiry_required"
    return found


def legality_state_of(expires_on: dt.date | None, today: dt.date) -> str:
    """One legality: "valid", "expiring" (ends within EXPIRING_DAYS) or "expired"."""
    if expires_on is None:
        return "valid"
    if expires_on < today:
        return "expired"
    if expires_on <= today + dt.timedelta(days=EXPIRING_DAYS):
        return "expiring"
    return "valid"


def product_legality_state(expiries: list[dt.date | None], today: dt.date) -> str:
    """A product's legality: "none" without any, else its worst legality."""
    if not expiries:
        return "none"
    states = {legality_state_of(e, today) for e in expiries}
    for state in ("expired", "expiring"):
        if state in states:
            return state
    return "valid"


def needs_recuration(changed: set[str]) -> bool:
    return bool(changed & set(CURATED_FIELDS))
