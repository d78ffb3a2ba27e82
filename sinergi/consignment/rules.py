"""The consignment rules as plain functions (no database): each returns a problem code, or None.

Every door (page, API, sheet import, command) reaches them through the services; the doors word
the codes with `PROBLEMS`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

PROBLEMS = {
    "negative_price": _("Harga tidak boleh negatif."),
    "price_not_whole": _("Harga ditulis dalam Rupiah bulat."),
    "commission_range": _("Komisi harus antara 0 dan 100 %."),
    "fixed_above_retail": _("Harga titip tidak boleh lebih tinggi dari harga jual."),
    "fixed_missing": _("Isi harga titip per satuan untuk model harga titip tetap."),
    "product_not_producers": _("Produk ini bukan milik produsen dalam perjanjian."),
    "product_not_published": _("Hanya produk yang sudah dikurasi dan tayang yang dapat dititipkan."),
    "not_umkm": _("Produsen harus UMKM."),
    "agreement_not_active": _("Perjanjian titip jual ini tidak berlaku."),
    "agreement_status": _("Langkah ini tidak dapat dilakukan pada status perjanjian sekarang."),
    "no_products": _("Perjanjian harus memuat paling sedikit satu produk."),
    "qty_positive": _("Jumlah harus lebih dari nol."),
    "not_consigned": _("Produk ini tidak dititipkan di gerai ini."),
    "price_mismatch": _("Harga jual harus sama dengan harga yang disepakati dalam perjanjian."),
    "reference_needed": _("Transfer wajib disertai nomor referensi."),
    "allocation_overlap": _("Tempat ini sudah dialokasikan pada sebagian periode itu."),
    "allocation_dates": _("Tanggal selesai tidak boleh sebelum tanggal mulai."),
    "already_settled": _("Periode ini sudah diselesaikan. Buat koreksi atas laporan yang ada."),
    "period_open": _("Periode belum berakhir: laporan dibuat setelah hari terakhirnya."),
    "statement_status": _("Langkah ini tidak dapat dilakukan pada status laporan sekarang."),
    "future_date": _("Tanggal tidak boleh di masa depan."),
    "no_change": _("Tidak ada selisih: koreksi tidak diperlukan."),
    "waiting_twice": _("UMKM ini sudah ada di daftar tunggu gerai ini."),
}


def price_problem(price: Decimal | None) -> str | None:
    if price is None:
        return None
    if price < 0:
        return "negative_price"
    if price != price.to_integral_value():
        return "price_not_whole"
    return None


def commission_problem(pct: Decimal | None) -> str | None:
    if pct is None or pct < 0 or pct > 100:
        return "commission_range"
    return None


def item_problem(*, price_model: str, retail_price: Decimal, consignment_price: Decimal | None) -> str | None:
    """One product's prices under the agreement's price model."""
    problem = price_problem(retail_price) or price_problem(consignment_price)
    if problem:
        return problem
    if price_model == "fixed":
        if consignment_price is None:
            return "fixed_missing"
        if consignment_price > retail_price:
            return "fixed_above_retail"
    return None


def qty_problem(qty: int) -> str | None:
    return None if qty > 0 else "qty_positive"


def payment_problem(paid_with: str, reference: str) -> str | None:
    if paid_with == "transfer" and not reference.strip():
        return "reference_needed"
    return None


def overlaps(a_start: dt.date, a_end: dt.date, b_start: dt.date, b_end: dt.date) -> bool:
    """Two inclusive date ranges share a day."""
    return a_start <= b_end and b_start <= a_end


def allocation_problem(
    starts_on: dt.date, ends_on: dt.date, taken: list[tuple[dt.date, dt.date]]
) -> str | None:
    if ends_on < starts_on:
        return "allocation_dates"
    if any(overlaps(starts_on, ends_on, s, e) for s, e in taken):
        return "allocation_overlap"
    return None


def shortages(wanted: dict[int, int], on_hand: dict[int, int]) -> dict[int, int]:
    """The products asked beyond what is on hand, with what is available: {product: on hand}."""
    return {pid: on_hand.get(pid, 0) for pid, qty in sorted(wanted.items()) if qty > on_hand.get(pid, 0)}
