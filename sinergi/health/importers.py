"""Import of annual reports from an XLSX sheet: one row per report.

Headers are the field names of the scoring input schema (`total_aset`, `kas`, …), plus `year`
(tahun buku), `rat_date` (tanggal RAT), the questionnaire answers under the question codes
(`umum-01` … `likuiditas-05`, "Ya"/"Tidak") and the cooperative's `nik_koperasi` or `koperasi_id`.
An unknown header refuses the whole file, so a misspelt column never turns into missing data.

Each row creates the cooperative's report of that year as a draft, or updates its draft or returned
report (upsert on cooperative and year), through the same services as the entry form, optionally
submitting it. A row is all or nothing; every rejected row is reported with its line number and
reasons. `dry_run` checks everything and keeps nothing. The uploaded file is deleted once read.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from sinergi.core.money import MoneyError, parse_money
from sinergi.health import notices, services
from sinergi.health.fields import HELP, label
from sinergi.health.models import AnnualReport
from sinergi.health.scoring import questionnaire
from sinergi.health.scoring.report import AMOUNT_FIELDS
from sinergi.health.selectors import cooperatives_for_entry

JOB_KIND = "health.import"
IDENTITY_COLUMNS = ("nik_koperasi", "koperasi_id")
QUESTION_COLUMNS = tuple(q.code for q in questionnaire.questions())
COLUMNS = (*IDENTITY_COLUMNS, "year", "rat_date", *AMOUNT_FIELDS, *QUESTION_COLUMNS)
ALIASES = {"tahun": "year", "tahun_buku": "year", "tanggal_rat": "rat_date", "nik": "nik_koperasi"}
YES = {"ya", "y", "1", "true", "benar"}
NO = {"tidak", "t", "0", "false", "salah"}
MAX_ROWS = 20_000
# Zip-bomb guard: an annual-report sheet of MAX_ROWS rows is far below this once unpacked.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ENTRIES = 2000


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    submitted: int = 0
    rejected: list[tuple[int, list[str]]] = field(default_factory=list)
    dry_run: bool = False

    def to_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "submitted": self.submitted,
            "rejected": [{"line": line, "reasons": reasons} for line, reasons in self.rejected],
            "dry_run": self.dry_run,
        }


def template_columns() -> list[tuple[str, str]]:
    descriptions = {
        "nik_koperasi": _("NIK Koperasi (atau isi koperasi_id)"),
        "koperasi_id": _("Nomor koperasi di Sinergi (atau isi nik_koperasi)"),
        "year": _("Tahun buku, misalnya 2025"),
        "rat_date": _("Tanggal RAT, format 2026-03-15 atau 15-03-2026"),
    }
    for name in AMOUNT_FIELDS:
        descriptions[name] = f"{label(name).capitalize()}: {HELP.get(name, '')}"
    for question in questionnaire.questions():
        descriptions[question.code] = _("Ya/Tidak: %(q)s") % {"q": question.text}
    return [(column, str(descriptions[column])) for column in COLUMNS]


def template_workbook() -> bytes:
    """An empty sheet with every column, and a second sheet explaining them."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "laporan"
    sheet.append(list(COLUMNS))
    notes = workbook.create_sheet("petunjuk")
    notes.append([_("kolom"), _("isi")])
    for column, description in template_columns():
        notes.append([column, description])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _check_zip(source) -> None:
    try:
        with zipfile.ZipFile(source) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile:
        raise ValidationError({"file": _("Berkas bukan XLSX yang sah.")}) from None
    if len(entries) > MAX_ENTRIES or sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
        raise ValidationError({"file": _("Isi berkas XLSX terlalu besar.")})
    if not any(entry.filename.startswith("xl/") for entry in entries):
        raise ValidationError({"file": _("Berkas bukan XLSX yang sah.")})


def store_upload(upload) -> str:
    """Check an uploaded sheet (type, size, zip bomb) and keep it until the import job reads it."""
    name = getattr(upload, "name", "") or ""
    if not name.lower().endswith(".xlsx"):
        raise ValidationError({"file": _("Unggah berkas .xlsx.")})
    if upload.size > settings.SINERGI_MAX_UPLOAD_BYTES:
        raise ValidationError({"file": _("Berkas terlalu besar.")})
    upload.seek(0)
    _check_zip(upload)
    upload.seek(0)
    folder = Path(settings.MEDIA_ROOT) / "health" / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4().hex}.xlsx"
    path.touch(mode=0o600, exist_ok=False)  # personal data: owner-only before the first byte
    with open(path, "wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return str(path)


def _header(value) -> str:
    text = str(value or "").strip().lower().replace(" ", "_")
    return ALIASES.get(text, text)


def read_sheet(path: str) -> tuple[list[str], list[tuple[int, list]]]:
    """The header and the non-empty rows with their line numbers (1 = the first line of the sheet)."""
    _check_zip(path)
    sheet = CalamineWorkbook.from_path(path).get_sheet_by_index(0)
    rows = sheet.to_python()
    lines = [
        (number, row) for number, row in enumerate(rows, start=1) if any(_blank(c) is not None for c in row)
    ]
    if not lines:
        raise ValidationError({"file": _("Lembar pertama kosong.")})
    header_line, header_row = lines[0]
    header = [_header(cell) for cell in header_row]
    unknown = sorted({h for h in header if h and h not in COLUMNS})
    if unknown:
        raise ValidationError({"file": _("Kolom tidak dikenal: %(cols)s") % {"cols": ", ".join(unknown)}})
    if not set(header) & set(IDENTITY_COLUMNS) or "year" not in header:
        raise ValidationError({"file": _("Kolom nik_koperasi atau koperasi_id, dan year, wajib ada.")})
    if len(lines) - 1 > MAX_ROWS:
        raise ValidationError({"file": _("Paling banyak %(n)s baris per berkas.") % {"n": MAX_ROWS}})
    return header, lines[1:]


def _blank(value):
    if value is None:
        return None
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def _answer(value) -> bool | None:
    value = _blank(value)
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValueError(text)


@dataclass
class _Parsed:
    identity: tuple[str, str]
    year: int | None = None
    rat_date: dt.date | None = None
    has_rat_date: bool = False
    values: dict = field(default_factory=dict)
    answers: dict | None = None
    errors: list[str] = field(default_factory=list)


def _parse(header: list[str], row: list) -> _Parsed:
    cells = {name: _blank(row[i]) if i < len(row) else None for i, name in enumerate(header) if name}
    identity = next(
        ((name, _text(cells[name])) for name in IDENTITY_COLUMNS if cells.get(name) is not None), None
    )
    parsed = _Parsed(identity=identity or ("", ""))
    if identity is None:
        parsed.errors.append(_("nik_koperasi atau koperasi_id wajib diisi."))
    year = cells.get("year")
    try:
        parsed.year = int(_text(year)) if year is not None else None
    except ValueError:
        parsed.errors.append(_("year: bukan tahun yang sah."))
    if parsed.year is None and year is None:
        parsed.errors.append(_("year: wajib diisi."))
    if "rat_date" in cells:
        parsed.has_rat_date = True
        if cells["rat_date"] is not None:
            try:
                parsed.rat_date = _date(cells["rat_date"])
            except ValueError:
                parsed.errors.append(_("rat_date: bukan tanggal yang sah."))
    for name in AMOUNT_FIELDS:
        if name in cells:
            try:
                parsed.values[name] = parse_money(cells[name])
            except MoneyError:
                parsed.errors.append(_("%(field)s: bukan jumlah uang yang sah.") % {"field": name})
    if any(code in cells for code in QUESTION_COLUMNS):
        answers: dict[str, list] = {}
        for question in questionnaire.questions():
            try:
                answer = _answer(cells.get(question.code))
            except ValueError:
                parsed.errors.append(_("%(field)s: isi Ya atau Tidak.") % {"field": question.code})
                answer = None
            answers.setdefault(question.group, []).append(answer)
        parsed.answers = answers
    return parsed


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [
            f"{name}: {message}"
            for name, errors in exc.error_dict.items()
            for e in errors
            for message in e.messages
        ]
    return list(exc.messages)


def import_reports(
    *,
    actor,
    path: str,
    submit: bool = False,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
    name: str = "",
    result_url: str = "",
) -> ImportResult:
    """Import the sheet at `path` (see the module docstring). Raises ValidationError for a file that
    cannot be read at all; row problems are reported in the result. Once the rows are kept, the
    uploader is told the counts (`name` is the file as they uploaded it, `result_url` the page of the
    result)."""
    header, lines = read_sheet(path)
    reachable = cooperatives_for_entry(user=actor)
    result = ImportResult(dry_run=dry_run)
    with transaction.atomic():
        for index, (line, row) in enumerate(lines, start=1):
            reasons = _import_row(actor, header, row, reachable, submit, result)
            if reasons:
                result.rejected.append((line, reasons))
            if progress and (index % 100 == 0 or index == len(lines)):
                progress(index, len(lines))
        if dry_run:
            transaction.set_rollback(True)
    if not dry_run:
        notices.import_finished(user=actor, result=result, filename=name or Path(path).name, url=result_url)
    return result


def _import_row(actor, header, row, reachable, submit: bool, result: ImportResult) -> list[str]:
    parsed = _parse(header, row)
    if parsed.errors:
        return parsed.errors
    column, value = parsed.identity
    lookup = {"nik_koperasi": value} if column == "nik_koperasi" else {"pk": value}
    try:
        cooperative = reachable.filter(**lookup).first()
    except (ValueError, ValidationError):
        cooperative = None
    if cooperative is None:
        return [
            _("%(column)s %(value)s: koperasi tidak ditemukan di wilayah Anda.")
            % {"column": column, "value": value}
        ]
    try:
        with transaction.atomic():
            report = AnnualReport.objects.filter(cooperative=cooperative, year=parsed.year).first()
            if report is None:
                report = services.annual_report_create(
                    actor=actor,
                    cooperative=cooperative,
                    year=parsed.year,
                    rat_date=parsed.rat_date,
                    values=parsed.values,
                    manajemen=parsed.answers,
                )
                created = True
            else:
                if not report.editable:
                    return [
                        _("Laporan %(year)s sudah %(status)s dan tidak dapat diubah.")
                        % {"year": parsed.year, "status": report.get_status_display().lower()}
                    ]
                changes = {"values": parsed.values}
                if parsed.has_rat_date:
                    changes["rat_date"] = parsed.rat_date
                if parsed.answers is not None:
                    changes["manajemen"] = parsed.answers
                report = services.annual_report_update(actor=actor, report=report, **changes)
                created = False
            if submit:
                services.annual_report_submit(actor=actor, report=report)
    except ValidationError as exc:
        return _messages(exc)
    except PermissionDenied as exc:
        return [str(exc)]
    if created:
        result.created += 1
    else:
        result.updated += 1
    if submit:
        result.submitted += 1
    return []
