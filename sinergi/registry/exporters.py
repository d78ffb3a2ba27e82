"""Exports, import templates and rejected-row workbooks — all with the importer's own columns.

An unmasked export re-imports as "unchanged": values are written in the forms the parsers read
back exactly (ISO dates, plain numbers, region codes). Cells that a spreadsheet would run as a
formula (starting with = + - @, a tab or a carriage return) are guarded with a leading apostrophe,
and the importer takes off exactly that guard (`unguard`), so "+62 812 …" comes back as it left.

Whether a row's personal columns are masked is decided by the registry's presenter
(`registry.privacy`), row by row. A masked export says so in its file name, on the headers of its
personal columns ("NIK Pemilik (tersamar)") and, for XLSX, on an information sheet; the importer
counts a cell as masked only in such a column and only in the masker's own form.

`registry_export` is the one way an export is made, by the pages and the `registry_export`
command alike: it scopes, masks and records one audit event, and returns the rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from sinergi.accounts.models import OrganizationKind
from sinergi.accounts.scoping import reach_of
from sinergi.core.audit import audit_record
from sinergi.core.privacy import mark_masked_header, mask
from sinergi.registry import privacy, selectors
from sinergi.registry.columns import COLUMNS, Column

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"
XLSX_MAX_ROWS = 200_000
KINDS = ("umkm", "cooperative", "member")


def safe_cell(value):
    """Text that a spreadsheet would evaluate is made inert; numbers and dates pass unchanged.

    For cells shown as they were read (a rejected row's original cells): a cell already guarded
    with an apostrophe is left as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return GUARD + value
    return value


def guard(value):
    """A value as an export writes it: formula-like text behind an apostrophe.

    Exactly undone by `unguard`: text that starts with apostrophes before a formula character
    ("'=x" typed into the registry) gets one more, so it too comes back unchanged."""
    if isinstance(value, str) and value.lstrip(GUARD).startswith(FORMULA_START):
        return GUARD + value
    return value


def unguard(value):
    """A cell as the importer reads it: the export's guard taken off, and nothing else."""
    if type(value) is str and value[:1] == GUARD and value.lstrip(GUARD).startswith(FORMULA_START):
        return value[1:]
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


def business_rows(qs, *, visible: Callable[[privacy.OrganizationRef], bool]) -> Iterator[list]:
    """Rows of UMKM in the import columns' order (the queryset comes from a scoped selector).

    `visible(organization)` says whether that row's personal columns are written unmasked."""
    fields = (
        "organization__name", "owner_name", "owner_nik", "owner_gender", "nib", "kbli", "organization__address",
        "organization__region__name", "district_code", "regency_code", "organization__phone",
        "organization__email", "capital", "annual_sales", "employees", "founded_on", "status", "region_code",
    )  # fmt: skip
    yield from _rows(qs, fields, COLUMNS["umkm"], visible)


def cooperative_rows(qs) -> Iterator[list]:
    """Rows of cooperatives: a cooperative's own data, none of it a person's.

    "Jumlah Anggota" is every member, those without a recorded sex included: the importer reads the
    difference from the men and women back as members without a sex split."""
    fields = (
        "organization__name", "nik_koperasi", "legal_number", "legal_date", "cooperative_type", "group", "form",
        "organization__address", "organization__region__name", "district_code", "regency_code",
        "organization__phone", "organization__email", "members_male", "members_female", "export_members_total",
        "last_rat_date", "status", "region_code",
    )  # fmt: skip
    qs = qs.annotate(export_members_total=F("members_male") + F("members_female") + F("members_unspecified"))
    yield from _rows(qs, fields, COLUMNS["cooperative"], lambda org: True)


def member_rows(qs, *, visible: bool, nik_koperasi: str) -> Iterator[list]:
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
        yield _finish(row, columns, visible)


def _rows(qs, fields, columns: tuple[Column, ...], visible) -> Iterator[list]:
    from sinergi.regions.models import Region

    names: dict[str, str] = {}
    village = fields.index("organization__region__name")
    width = len(fields)
    kind = OrganizationKind.UMKM if columns is COLUMNS["umkm"] else OrganizationKind.COOPERATIVE
    for item in qs.values_list(*fields, "organization_id", "organization__region_id").iterator(
        chunk_size=5000
    ):
        row = list(item[:width])
        if row[-1].count(".") < 3:  # registered at kecamatan level: there is no village to name
            row[village] = ""
        # District and regency are stored as codes on the profile: export their names.
        for index in (fields.index("district_code"), fields.index("regency_code")):
            code = row[index]
            if code not in names:
                names[code] = Region.objects.filter(pk=code).values_list("name", flat=True).first() or code
            row[index] = names[code]
        yield _finish(row, columns, visible(privacy.OrganizationRef(item[width], item[width + 1], kind)))


def _finish(row: list, columns: tuple[Column, ...], visible: bool) -> list:
    out = []
    for column, value in zip(columns, row, strict=True):
        value = _plain(value)
        if column.personal and value and not visible:
            value = mask(column.key, value)
        out.append(guard(value))
    return out


def headers(kind: str, *, masked: bool = False) -> list[str]:
    """The header row; a masked export marks its personal columns ("NIK Pemilik (tersamar)")."""
    return [mark_masked_header(c.header) if masked and c.personal else c.header for c in COLUMNS[kind]]


def csv_stream(kind: str, rows: Iterable[list], *, masked: bool = False) -> Iterator[str]:
    """CSV text in pieces, for a streaming response: UTF-8 with BOM so Excel reads the accents."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(headers(kind, masked=masked))
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
    sheet.append(headers(kind, masked=masked))
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
            [
                "Data pribadi",
                "TERSAMAR / MASKED — NIK, nomor telepon, alamat dan e-mail orang disamarkan (UU PDP).",
            ]
        )
    if count > XLSX_MAX_ROWS:
        info.append(["Catatan", f"Dipotong pada {XLSX_MAX_ROWS} baris; gunakan CSV untuk data lengkap."])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --- the export service ---------------------------------------------------------------------------


@dataclass
class Export:
    """One export: its rows (read lazily, so a CSV of any size streams) and how to write them."""

    kind: str
    label: str
    masked: bool
    rows: Iterator[list] = field(repr=False)
    day: dt.date = field(default_factory=dt.date.today)

    def filename(self, fmt: str) -> str:
        return f"{self.label}{'-tersamar' if self.masked else ''}-{self.day:%Y%m%d}.{fmt}"

    def csv(self) -> Iterator[str]:
        return csv_stream(self.kind, self.rows, masked=self.masked)

    def xlsx(self) -> bytes:
        return xlsx_bytes(self.kind, self.rows, masked=self.masked, title=self.label)


def registry_export(
    *, actor, kind: str, filters, masked: bool = False, fmt: str = "csv", via: str = "web"
) -> Export:
    """Export the cooperatives, UMKM or one cooperative's members that `actor` reaches.

    `filters` is a `CooperativeFilters` / `BusinessFilters` for a list, `{"cooperative": id}` for
    members. Personal data is masked where the presenter says so, and everywhere when `masked`
    is asked for. One audit event records who exported what, with which filters and whether
    masked — never the exported values.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown export kind: {kind}")
    region_code, organization_id = "", None
    codes = reach_of(actor).office_codes()
    if len(codes) == 1:
        region_code = codes[0]
    if kind == "umkm":
        rows = business_rows(
            selectors.business_list(user=actor, filters=filters),
            visible=privacy.row_visibility(actor, masked=masked),
        )
        masked = privacy.export_masked(actor, requested=masked)
        label, recorded = "umkm", filters.as_params()
    elif kind == "cooperative":
        masked = False  # a cooperative's own data: nothing of a person's
        rows = cooperative_rows(selectors.cooperative_list(user=actor, filters=filters))
        label, recorded = "koperasi", filters.as_params()
    else:
        profile = selectors.access_cooperative(user=actor, pk=filters["cooperative"])
        org = profile.organization
        visible = not masked and privacy.members_visible(actor, org)
        masked = not visible
        rows = member_rows(
            selectors.member_list(user=actor, cooperative=org),
            visible=visible,
            nik_koperasi=profile.nik_koperasi,
        )
        label, recorded = f"anggota-{profile.nik_koperasi or org.pk}", {"cooperative": org.pk}
        region_code, organization_id = org.region_id, org.pk
    export = Export(kind=kind, label=label, masked=masked, rows=rows)
    audit_record(
        actor=actor,
        action=f"registry.export.{kind}",
        object_type="registry.export",
        object_repr=export.filename(fmt),
        after={"format": fmt, "masked": masked, "filters": recorded, "via": via},
        region_code=region_code,
        organization_id=organization_id,
    )
    return export


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
        "email": "alamat e-mail",
        "members_total": "semua anggota, termasuk yang jenis kelaminnya tidak tercatat",
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
        sheet.append(
            [item.line, item.reason, item.reason_en, *[guard(unguard(_plain(v))) for v in item.values]]
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
