"""Reading the sheets offices upload: CSV in any common encoding and delimiter, XLSX/XLS/ODS.

Spreadsheets (the ministry's ODS export included) are read through calamine.

Spreadsheets are ZIP files that can unpack to gigabytes from a few kilobytes (a "zip bomb"); the
archive's declared sizes and compression ratio are checked before any cell is read.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_UNPACKED_BYTES = 1_500_000_000
MAX_COMPRESSION_RATIO = 150
CSV_ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")
SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}


class SheetError(ValueError):
    """The file cannot be read as a sheet (the message is in Indonesian and English)."""


@dataclass
class Sheet:
    headers: list
    rows: Iterator[list]
    # Data lines start at line 2 of the file (the header is line 1).
    first_line: int = 2


def _check_archive(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile:
        raise SheetError(
            "Berkas lembar kerja rusak atau bukan XLSX/ODS / The spreadsheet is damaged or not XLSX/ODS"
        ) from None
    unpacked = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if unpacked > MAX_UNPACKED_BYTES or unpacked / packed > MAX_COMPRESSION_RATIO:
        raise SheetError(
            "Berkas Excel tidak wajar (terlalu besar setelah dibuka) / The Excel file unpacks to an unsafe size"
        )


def _read_csv(path: Path) -> Sheet:
    raw = path.read_bytes()
    for encoding in CSV_ENCODINGS:
        try:
            content = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # latin-1 decodes anything; kept for clarity
        raise SheetError("Pengodean berkas CSV tidak dikenal / Unknown CSV encoding")
    sample = content[:20000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    try:
        headers = next(reader)
    except StopIteration:
        raise SheetError("Berkas kosong / The file is empty") from None
    return Sheet(headers=headers, rows=reader)


def _read_spreadsheet(path: Path) -> Sheet:
    from python_calamine import CalamineWorkbook

    if path.suffix.lower() in {".xlsx", ".xlsm", ".ods"}:
        _check_archive(path)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheet = workbook.get_sheet_by_index(0)
        rows = iter(sheet.iter_rows())
        headers = next(rows)
    except StopIteration:
        raise SheetError("Lembar pertama kosong / The first sheet is empty") from None
    except Exception as exc:  # calamine raises its own error types for damaged files
        raise SheetError(f"Berkas tidak dapat dibaca / The file cannot be read: {exc}") from None
    return Sheet(headers=list(headers), rows=(list(r) for r in rows))


def read_sheet(path: str | Path) -> Sheet:
    """Open a CSV or spreadsheet; rows are read lazily so a million-row file fits in memory."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        return _read_spreadsheet(path)
    if suffix in {".csv", ".txt"}:
        return _read_csv(path)
    raise SheetError(
        f"Jenis berkas {suffix or '(tanpa ekstensi)'} tidak didukung; gunakan CSV, XLSX atau ODS / "
        f"Unsupported file type {suffix or '(none)'}; use CSV, XLSX or ODS"
    )


def count_rows(path: str | Path) -> int | None:
    """Data rows in the file, for a progress bar (None when counting would cost a full read)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in {".csv", ".txt"}:
        with path.open("rb") as handle:
            return max(0, sum(1 for _ in handle) - 1)
    if suffix in SPREADSHEET_SUFFIXES:
        try:
            from python_calamine import CalamineWorkbook

            if suffix != ".xls":
                _check_archive(path)
            return max(0, CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).height - 1)
        except Exception:  # the import itself reports an unreadable file properly
            return None
    return None
