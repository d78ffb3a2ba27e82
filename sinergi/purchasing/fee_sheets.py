"""Import of a supplier's delivery fees from an XLSX (or CSV) sheet: one row per kecamatan.

Columns: Kode Kecamatan, Kecamatan, Kabupaten/Kota, Ongkos Kirim. A row names its kecamatan by the
Kemendagri code or by the kecamatan and kabupaten/kota names (resolved like every other sheet of
the platform, so "Kec. Cibeunying Kidul" + "Kota Bandung" is enough); an empty fee means the
supplier no longer delivers there, 0 means free delivery. Kecamatan the sheet does not name keep
their fee. The rows that pass go through `services.delivery_fees_set`, the service of the fee page,
in one transaction: importing the same sheet again changes nothing. Every rejected row comes back
with its line and the reason in Indonesian and English; `dry_run` checks everything, keeps nothing.

`exporters.delivery_fee_workbook` writes the current fees in the same columns, to edit and upload again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from sinergi.accounts.models import Organization, User
from sinergi.core.money import MoneyError, parse_money
from sinergi.purchasing import services
from sinergi.purchasing.importers import FileRejected, Rejected, RowError, cell_text, header_key
from sinergi.purchasing.selectors import may_supply
from sinergi.regions.models import Region
from sinergi.regions.resolve import resolve_parts
from sinergi.registry.importers.sheets import SheetError, read_sheet

MAX_ROWS = 10_000
COLUMNS = [
    ("code", "Kode Kecamatan"),
    ("district", "Kecamatan"),
    ("regency", "Kabupaten/Kota"),
    ("fee", "Ongkos Kirim"),
]
ALIASES = {
    "kodewilayah": "code",
    "kode": "code",
    "kec": "district",
    "namakecamatan": "district",
    "kabkota": "regency",
    "kabupaten": "regency",
    "kota": "regency",
    "ongkir": "fee",
    "ongkoskirimrp": "fee",
    "ongkirrp": "fee",
    "biayakirim": "fee",
}


@dataclass
class FeeImportReport:
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    dry_run: bool = False


def _district(row: dict) -> str:
    code, name, regency = (
        cell_text(row.get("code")),
        cell_text(row.get("district")),
        cell_text(row.get("regency")),
    )
    if code:
        region = Region.objects.filter(pk=code).only("level").first()
        if region is None or region.level != 3:
            raise RowError(f"Kode kecamatan tidak dikenal: {code}", f"Unknown kecamatan code: {code}")
        return code
    if not name:
        raise RowError(
            "Isi Kode Kecamatan, atau Kecamatan dan Kabupaten/Kota",
            "Fill in the kecamatan code, or the kecamatan and its kabupaten/kota",
        )
    place = f"{name} / {regency}" if regency else name
    result = resolve_parts(district=name, regency=regency or None)
    if result.ok and result.level == 3:
        return result.code
    candidates = result.describe_candidates(5)
    if result.problem == "ambiguous" or (result.ok and result.level != 3):
        hint = f"; kemungkinan: {candidates}" if candidates else "; isi juga Kabupaten/Kota"
        hint_en = f"; candidates: {candidates}" if candidates else "; fill in the kabupaten/kota too"
        raise RowError(f"Kecamatan ambigu: {place}{hint}", f"Ambiguous kecamatan: {place}{hint_en}")
    hint = f"; mungkin maksud Anda: {candidates}" if candidates else ""
    hint_en = f"; did you mean: {candidates}" if candidates else ""
    raise RowError(f"Kecamatan tidak ditemukan: {place}{hint}", f"Kecamatan not found: {place}{hint_en}")


def _fee(value) -> Decimal | None:
    if cell_text(value) == "":
        return None  # no delivery there
    try:
        amount = parse_money(value)
    except MoneyError:
        amount = None
    if amount is None or amount < 0 or amount != amount.to_integral_value():
        raise RowError(
            f"Ongkos Kirim harus rupiah bulat 0 atau lebih: {cell_text(value)}",
            f"The delivery fee must be whole Rupiah, 0 or more: {cell_text(value)}",
        )
    return amount.quantize(Decimal(1))


def import_delivery_fees(
    *, actor: User, supplier: Organization, path: str | Path, dry_run: bool = False
) -> FeeImportReport:
    """Read the sheet at `path` into `supplier`'s delivery fees; see the module docstring."""
    if not may_supply(actor, supplier.pk):
        raise PermissionDenied("Anda tidak berhak mengubah ongkos kirim pemasok ini.")
    try:
        sheet = read_sheet(path)
    except SheetError as exc:
        raise FileRejected(str(exc)) from exc
    keys = [header_key(h, COLUMNS, ALIASES) for h in sheet.headers]
    if "fee" not in keys or not ({"code", "district"} & set(keys)):
        raise FileRejected(
            "Kolom wajib: Ongkos Kirim, dan Kode Kecamatan atau Kecamatan / "
            "Required columns: Ongkos Kirim, and Kode Kecamatan or Kecamatan"
        )
    report = FeeImportReport(dry_run=dry_run)
    fees: dict[str, Decimal | None] = {}
    first_line: dict[str, int] = {}
    count = 0
    for number, cells in enumerate(sheet.rows, start=sheet.first_line):
        if all(cell_text(c) == "" for c in cells):
            continue
        count += 1
        if count > MAX_ROWS:
            raise FileRejected(f"Lebih dari {MAX_ROWS} baris / More than {MAX_ROWS} rows")
        row = {key: cells[i] if i < len(cells) else None for i, key in enumerate(keys) if key}
        try:
            code = _district(row)
            if code in first_line:
                raise RowError(
                    f"Kecamatan {code} sudah ada di baris {first_line[code]}",
                    f"Kecamatan {code} is already on line {first_line[code]}",
                )
            fee = _fee(row.get("fee"))
        except RowError as exc:
            report.rejected.append(Rejected(number, exc.reason, exc.reason_en, list(cells)))
            continue
        first_line[code] = number
        fees[code] = fee
    if fees:
        with transaction.atomic():
            try:
                counts = services.delivery_fees_set(actor=actor, supplier=supplier, fees=fees)
            except ValidationError as exc:  # checked row by row above; kept as a last guard
                raise FileRejected("; ".join(exc.messages)) from exc
            if dry_run:
                transaction.set_rollback(True)
        report.added, report.changed, report.removed = counts["added"], counts["changed"], counts["removed"]
        report.unchanged = len(fees) - report.added - report.changed - report.removed
    return report
