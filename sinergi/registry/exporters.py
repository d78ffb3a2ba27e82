"""Exports, import templates and rejected-row workbooks — all with the importer's own columns.

An unmasked export re-imports as "unchanged": values are written in the forms the parsers read
back exactly (ISO dates, plain numbers, region codes). Cells that a spreadsheet would run as a
formula (starting with = + - @, a tab or a carriage return) are prefixed with an apostrophe.
Personal columns are masked unless the viewer's role needs them; a masked export says so in its
file name and, for XLSX, on an information sheet — and the importer ignores masked values.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from sinergi.core.privacy import mask_address, mask_nik, mask_phone
from sinergi.registry.columns import COLUMNS, Column

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_MAX_ROWS = 200_000
MASKERS = {"owner_nik": mask_nik, "nik": mask_nik, "phone": mask_phone, "address": mask_address}


def safe_cell(value):
    """Text that a spreadsheet would evaluate is made inert; numbers and dates pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    return value


def business_rows(qs, *, masked: bool) -> Iterator[list]:
    """Rows of UMKM in the import columns' order (the queryset comes from a scoped selector)."""
    fields = (
        "organization__name", "owner_name", "owner_nik", "owner_gender", "nib", "kbli", "organization__address",
        "organization__region__name", "district_code", "regency_code", "organization__phone", "capital",
        "annual_sales", "employees", "founded_on", "status", "region_code",
    )  # fmt: skip
    yield from _rows(qs, fields, COLUMNS["umkm"], masked)


def cooperative_rows(qs, *, masked: bool) -> Iterator[list]:
    fields = (
        "organization__name", "nik_koperasi", "legal_number", "legal_date", "cooperative_type", "group", "form",
        "organization__address", "organization__region__name", "district_code", "regency_code", "members_male",
        "members_female", "last_rat_date", "status", "region_code",
    )  # fmt: skip
    yield from _rows(qs, fields, COLUMNS["cooperative"], masked)


def member_rows(qs, *, masked: bool, nik_koperasi: str) -> Iterator[list]:
    columns = COLUMNS["member"]
    for item in qs.values_list(
        "member_number",
        "name",
        "nik",
        "gender",
        "joined_on",
        "savings_pokok",
        "savings_wajib",
        "savings_sukarela",
    ).iterator(chunk_size=5000):
        row = [nik_koperasi, *item]
        yield _finish(row, columns, masked)


def _rows(qs, fields, columns: tuple[Column, ...], masked: bool) -> Iterator[list]:
    from sinergi.regions.models import Region

    names: dict[str, str] = {}
    village = fields.index("organization__region__name")
    for item in qs.values_list(*fields).iterator(chunk_size=5000):
        row = list(item)
        if row[-1].count(".") < 3:  # registered at kecamatan level: there is no village to name
            row[village] = ""
        # District and regency are stored as codes on the profile: export their names.
        for index in (fields.index("district_code"), fields.index("regency_code")):
            code = row[index]
            if code not in names:
                names[code] = Region.objects.filter(pk=code).values_list("name", flat=True).first() or code
            row[index] = names[code]
        yield _finish(row, columns, masked)


def _finish(row: list, columns: tuple[Column, ...], masked: bool) -> list:
    out = []
    for column, value in zip(columns, row, strict=True):
        value = _plain(value)
        if masked and column.personal and value:
            value = MASKERS.get(column.key, mask_nik)(str(value))
        out.append(safe_cell(value))
    return out


def headers(kind: str) -> list[str]:
    return [c.header for c in COLUMNS[kind]]


def csv_stream(kind: str, rows: Iterable[list]) -> Iterator[str]:
    """CSV text in pieces, for a streaming response: UTF-8 with BOM so Excel reads the accents."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(headers(kind))
    for i, row in enumerate(rows, 1):
        writer.writerow(row)
        if i % 2000 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def xlsx_bytes(kind: str, rows: Iterable[list], *, masked: bool, title: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append(headers(kind))
    count = 0
    for row in rows:
        count += 1
        if count > XLSX_MAX_ROWS:
            break
        sheet.append(row)
    info = workbook.create_sheet("Keterangan")
    info.append(["Ekspor", title])
    info.append(["Tanggal", dt.date.today().isoformat()])
    info.append(["Baris", min(count, XLSX_MAX_ROWS)])
    if masked:
        info.append(
            ["Data pribadi", "TERSAMAR / MASKED — NIK, nomor telepon dan alamat orang disamarkan (UU PDP)."]
        )
    if count > XLSX_MAX_ROWS:
        info.append(["Catatan", f"Dipotong pada {XLSX_MAX_ROWS} baris; gunakan CSV untuk data lengkap."])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def template_bytes(kind: str) -> bytes:
    """The downloadable import template: headers, an example row and the allowed values."""
    columns = COLUMNS[kind]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Data"
    sheet.append([c.header for c in columns])
    sheet.append([c.example for c in columns])
    bold = Font(bold=True)
    required_fill = PatternFill("solid", fgColor="FFF4DC")
    for index, column in enumerate(columns, 1):
        cell = sheet.cell(row=1, column=index)
        cell.font = bold
        if column.required:
            cell.fill = required_fill
        sheet.column_dimensions[get_column_letter(index)].width = max(14, len(column.header) + 4)
        # Identity numbers must stay text, or Excel drops their last digits.
        if column.key in ("owner_nik", "nik", "nib", "nik_koperasi", "phone"):
            for row in range(2, 2002):
                sheet.cell(row=row, column=index).number_format = "@"
    sheet.cell(row=2, column=1).font = Font(italic=True)
    guide = workbook.create_sheet("Petunjuk")
    guide.append(["Kolom", "Wajib", "Nilai yang diterima / catatan", "Contoh"])
    for column in columns:
        guide.append(
            [column.header, "ya" if column.required else "", column.allowed or _note(column), column.example]
        )
    guide.append([])
    guide.append(
        ["Baris 2 adalah contoh: hapus sebelum mengimpor. Sel kosong tidak menghapus data yang sudah ada."]
    )
    guide.append(["Wilayah: isi Kelurahan/Desa, Kecamatan, Kabupaten/Kota, atau Kode Wilayah Kemendagri."])
    for cell in guide[1]:
        cell.font = bold
    guide.column_dimensions["A"].width = 26
    guide.column_dimensions["C"].width = 70
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _note(column: Column) -> str:
    notes = {
        "owner_nik": "16 digit, format sel sebagai teks",
        "nik": "16 digit, format sel sebagai teks",
        "nib": "13 digit",
        "nik_koperasi": "angka dari ODS Kemenkop",
        "kbli": "kode KBLI 2020, pisahkan dengan koma",
        "phone": "nomor HP/WhatsApp Indonesia",
        "capital": "Rupiah, mis. Rp 25.000.000",
        "annual_sales": "Rupiah, mis. Rp 180.000.000",
        "founded_on": "tanggal (31/03/2015) atau tahun (2015)",
        "legal_date": "tanggal",
        "last_rat_date": "tanggal",
        "joined_on": "tanggal",
        "region_code": "kode Kemendagri, mis. 32.71.06.1001 (opsional)",
    }
    return notes.get(column.key, "")


def rejected_workbook(kind: str, original_headers: list, rejected) -> bytes:
    """The rejected rows with their line numbers and reasons, and the original cells to fix."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Ditolak")
    sheet.append(["Baris", "Alasan", "Reason", *[str(h) for h in original_headers]])
    for item in rejected:
        sheet.append([item.line, item.reason, item.reason_en, *[safe_cell(_plain(v)) for v in item.values]])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
