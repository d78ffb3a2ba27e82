"""Import of a supplier's price list from an XLSX (or CSV) sheet: one row per product.

Columns (`template_workbook` writes them with an example and a sheet of accepted values): Kode
Barang, Nama Barang, Kategori, Satuan, Isi per Satuan, Satuan Isi, Komoditas, then up to five
tiers as Min 1 / Harga 1 … Min 5 / Harga 5. A product code the catalogue does not know yet
creates the product from the row; a known code must agree on its packaging (a different pack is a
different product), its name may differ.

Each row sets that product's tiers in the chosen price list through the same service as the
form, so the import is idempotent: the same file again reports every row unchanged. A row is all
or nothing; every rejected row comes back with its line number and the reason in Indonesian and
English. `dry_run` checks everything and keeps nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from sinergi.accounts.models import User
from sinergi.core.money import MoneyError, parse_money
from sinergi.purchasing import services
from sinergi.purchasing.models import PriceList, Product, ProductCategory
from sinergi.purchasing.prices import COMMODITIES
from sinergi.purchasing.selectors import may_supply
from sinergi.registry.columns import compact
from sinergi.registry.importers.sheets import SheetError, read_sheet

MAX_ROWS = 5_000
TIER_COUNT = 5
COLUMNS = [
    ("code", "Kode Barang"),
    ("name", "Nama Barang"),
    ("category", "Kategori"),
    ("unit", "Satuan"),
    ("pack_size", "Isi per Satuan"),
    ("content_unit", "Satuan Isi"),
    ("commodity", "Komoditas"),
    *[
        (f"{kind}_{i}", f"{label} {i}")
        for i in range(1, TIER_COUNT + 1)
        for kind, label in (("min", "Min"), ("price", "Harga"))
    ],
]
REQUIRED = ("code", "min_1", "price_1")
ALIASES = {
    "kode": "code",
    "sku": "code",
    "kodeproduk": "code",
    "nama": "name",
    "namaproduk": "name",
    "isi": "pack_size",
    "ukuran": "pack_size",
    "satuankemasan": "content_unit",
}
UNIT_WORDS = {
    "kg": "kg",
    "kilogram": "kg",
    "g": "g",
    "gr": "g",
    "gram": "g",
    "liter": "liter",
    "l": "liter",
    "ltr": "liter",
    "ml": "ml",
    "pcs": "pcs",
    "buah": "pcs",
    "biji": "pcs",
}


PACKAGING_LABELS = {
    "unit": ("Satuan", "unit"),
    "pack_size": ("Isi per Satuan", "pack size"),
    "content_unit": ("Satuan Isi", "content unit"),
}


class FileRejected(ValueError):
    """The whole file is refused (the message is in Indonesian and English)."""


@dataclass
class Rejected:
    line: int
    reason: str
    reason_en: str
    values: list


@dataclass
class ImportReport:
    products_created: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    dry_run: bool = False

    def to_json(self) -> dict:
        return {
            "products_created": self.products_created,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": [
                {"line": r.line, "reason": r.reason, "reason_en": r.reason_en} for r in self.rejected
            ],
            "dry_run": self.dry_run,
        }


class RowError(Exception):
    def __init__(self, reason: str, reason_en: str):
        super().__init__(reason)
        self.reason = reason
        self.reason_en = reason_en


def header_key(header, columns=COLUMNS, aliases=ALIASES) -> str:
    """The column a sheet's header names: its label or key, whatever the case and punctuation, or
    one of the `aliases` offices use; "" for a column the import does not read."""
    text = compact(header)
    for name, label in columns:
        if text in (compact(label), name.replace("_", "")):
            return name
    return aliases.get(text, "")


def cell_text(value) -> str:
    """A cell as text: numbers a spreadsheet stored as 5.0 read as 5, nothing as ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value == int(value):
        value = int(value)
    return str(value).strip()


def _whole(value, what: str, what_en: str) -> int:
    if isinstance(value, float) and value == int(value):
        value = int(value)
    text = cell_text(value).replace(".", "") if isinstance(value, str) else cell_text(value)
    if not text.isdigit() or int(text) < 1:
        raise RowError(
            f"{what} harus bilangan bulat 1 atau lebih: {cell_text(value)}",
            f"{what_en} must be a whole number of 1 or more: {cell_text(value)}",
        )
    return int(text)


def _price(value, i: int) -> Decimal:
    try:
        amount = parse_money(value)
    except MoneyError:
        amount = None
    if amount is None or amount <= 0 or amount != amount.to_integral_value():
        raise RowError(
            f"Harga {i} harus rupiah bulat lebih dari nol: {cell_text(value)}",
            f"Price {i} must be whole Rupiah above zero: {cell_text(value)}",
        )
    return amount.quantize(Decimal(1))


def _choice(value: str, choices, what: str, what_en: str) -> str:
    wanted = value.strip().lower()
    for key, label in choices:
        if wanted in (str(key).lower(), str(label).lower()):
            return key
    raise RowError(f"{what} tidak dikenal: {value}", f"Unknown {what_en}: {value}")


def _tiers(row: dict) -> list[tuple[int, Decimal]]:
    tiers = []
    for i in range(1, TIER_COUNT + 1):
        low, price = row.get(f"min_{i}"), row.get(f"price_{i}")
        if cell_text(low) == "" and cell_text(price) == "":
            continue
        if cell_text(low) == "" or cell_text(price) == "":
            raise RowError(
                f"Jenjang {i} tidak lengkap: isi Min {i} dan Harga {i}",
                f"Tier {i} is incomplete: fill in both Min {i} and Harga {i}",
            )
        tiers.append((_whole(low, f"Min {i}", f"Min {i}"), _price(price, i)))
    if not tiers:
        raise RowError("Tidak ada jenjang harga", "No price tier")
    # The rules of services.tier_problems, worded for both languages of a rejected-rows report.
    if tiers[0][0] != 1:
        raise RowError(
            f"Jenjang pertama harus mulai dari jumlah 1, bukan {tiers[0][0]}",
            f"The first tier must start at quantity 1, not {tiers[0][0]}",
        )
    for i in range(1, len(tiers)):
        (low, price), (prev_low, prev_price) = tiers[i], tiers[i - 1]
        if low <= prev_low:
            raise RowError(
                f"Min {i + 1} ({low}) harus lebih besar dari Min {i} ({prev_low})",
                f"Min {i + 1} ({low}) must be greater than Min {i} ({prev_low})",
            )
        if price > prev_price:
            raise RowError(
                f"Harga {i + 1} ({price}) naik dari Harga {i} ({prev_price}); harga tidak boleh naik",
                f"Price {i + 1} ({price}) rises above price {i} ({prev_price}); prices may not rise",
            )
    return tiers


def _product(actor: User, row: dict) -> tuple[Product, bool]:
    code = cell_text(row.get("code")).lower()
    if not code:
        raise RowError("Kode Barang kosong", "Product code is empty")
    if not re.fullmatch(r"[a-z0-9_-]{1,60}", code):
        raise RowError(
            f"Kode Barang hanya huruf kecil, angka dan tanda hubung: {code}",
            f"Product code may hold only lower-case letters, digits and hyphens: {code}",
        )
    given = {}
    if cell_text(row.get("unit")):
        given["unit"] = cell_text(row.get("unit")).lower()
    if cell_text(row.get("pack_size")):
        try:
            given["pack_size"] = Decimal(cell_text(row.get("pack_size")).replace(",", "."))
        except InvalidOperation:
            raise RowError(
                f"Isi per Satuan bukan angka: {cell_text(row.get('pack_size'))}",
                f"Pack size is not a number: {cell_text(row.get('pack_size'))}",
            ) from None
    if cell_text(row.get("content_unit")):
        unit = UNIT_WORDS.get(cell_text(row.get("content_unit")).lower())
        if unit is None:
            raise RowError(
                f"Satuan Isi tidak dikenal: {cell_text(row.get('content_unit'))}",
                f"Unknown content unit: {cell_text(row.get('content_unit'))}",
            )
        given["content_unit"] = unit
    product = Product.objects.filter(code=code).first()
    if product is not None:
        for name, value in given.items():
            current = getattr(product, name)
            if current != value:
                shown = f"{current.normalize():f}" if isinstance(current, Decimal) else current
                label, label_en = PACKAGING_LABELS[name]
                raise RowError(
                    f"Barang {code} sudah ada dengan {label} {shown}, bukan {value}; "
                    "kemasan lain = kode lain",
                    f"Product {code} exists with {label_en} {shown}, not {value}; "
                    "another pack needs another code",
                )
        return product, False
    missing = [label for key, label in COLUMNS[1:6] if not cell_text(row.get(key))]
    if missing:
        raise RowError(
            f"Barang baru {code}: isi juga {', '.join(missing)}",
            f"New product {code}: also fill in {', '.join(missing)}",
        )
    category = _choice(cell_text(row.get("category")), ProductCategory.choices, "Kategori", "category")
    commodity = ""
    if cell_text(row.get("commodity")):
        commodity = _choice(
            cell_text(row.get("commodity")), [(c.key, c.label) for c in COMMODITIES], "Komoditas", "commodity"
        )
    try:
        product = services.product_create(
            actor=actor,
            code=code,
            name=cell_text(row.get("name")),
            category=category,
            unit=given["unit"],
            pack_size=given["pack_size"],
            content_unit=given["content_unit"],
            commodity=commodity,
        )
    except ValidationError as exc:
        text = "; ".join(exc.messages)
        raise RowError(text, f"Invalid product: {text}") from exc
    return product, True


def import_price_list(
    *,
    actor: User,
    price_list: PriceList,
    path: str | Path,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Read the sheet at `path` into `price_list`; see the module docstring."""
    if not may_supply(actor, price_list.supplier_id):
        raise PermissionDenied("Anda tidak berhak mengubah harga pemasok ini.")
    try:
        sheet = read_sheet(path)
    except SheetError as exc:
        raise FileRejected(str(exc)) from exc
    keys = [header_key(h) for h in sheet.headers]
    missing = [label for name, label in COLUMNS if name in REQUIRED and name not in keys]
    if missing:
        names = ", ".join(missing)
        raise FileRejected(f"Kolom wajib tidak ada: {names} / Required columns missing: {names}")
    rows = []
    for number, cells in enumerate(sheet.rows, start=sheet.first_line):
        if all(cell_text(c) == "" for c in cells):
            continue
        rows.append((number, cells))
        if len(rows) > MAX_ROWS:
            raise FileRejected(f"Lebih dari {MAX_ROWS} baris / More than {MAX_ROWS} rows")
    report = ImportReport(dry_run=dry_run)
    seen: dict[str, int] = {}
    with transaction.atomic():
        for done, (number, cells) in enumerate(rows, start=1):
            row = {key: cells[i] if i < len(cells) else None for i, key in enumerate(keys) if key}
            code = cell_text(row.get("code")).lower()
            try:
                if code and code in seen:
                    raise RowError(
                        f"Kode Barang sama dengan baris {seen[code]}",
                        f"Same product code as line {seen[code]}",
                    )
                with transaction.atomic():
                    tiers = _tiers(row)
                    product, created = _product(actor, row)
                    _item, outcome = services.price_list_item_save(
                        actor=actor, price_list=price_list, product=product, tiers=tiers
                    )
            except RowError as exc:
                report.rejected.append(Rejected(number, exc.reason, exc.reason_en, list(cells)))
            except ValidationError as exc:
                text = "; ".join(exc.messages)
                report.rejected.append(Rejected(number, text, f"Invalid row: {text}", list(cells)))
            else:
                report.products_created += created
                setattr(report, outcome, getattr(report, outcome) + 1)
            if code:
                seen.setdefault(code, number)
            if progress is not None:
                progress(done, len(rows))
        if dry_run:
            transaction.set_rollback(True)
    return report
