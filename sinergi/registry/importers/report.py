"""The downloadable import report: the rejected rows to fix, and the rows imported with a warning."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from sinergi.registry.exporters import safe_cell
from sinergi.registry.importers.pipeline import ImportReport


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        # A worksheet cannot hold control characters (a NUL makes the whole report fail): a
        # rejected cell shows each as its visible symbol (U+2400 "␀" …) where it stood.
        value = ILLEGAL_CHARACTERS_RE.sub(lambda found: chr(0x2400 + ord(found.group())), value)
    return safe_cell(value)


def report_workbook(report: ImportReport) -> bytes:
    """An XLSX with two sheets.

    "Ditolak": each rejected row with its line, reasons and original cells, to fix and import again
    (rows already imported are not duplicated). "Peringatan": each imported row with a cell left
    empty or a place corrected, and why.
    """
    workbook = Workbook(write_only=True)
    rejected = workbook.create_sheet("Ditolak")
    rejected.append(["Baris", "Alasan", "Reason", *[str(h) for h in report.headers]])
    for item in report.rejected:
        rejected.append(
            [item.line, _cell(item.reason), _cell(item.reason_en), *[_cell(v) for v in item.values]]
        )
    warned = workbook.create_sheet("Peringatan")
    warned.append(["Baris", "Peringatan", "Warning"])
    for item in report.warnings:
        warned.append([item.line, _cell(item.reason), _cell(item.reason_en)])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
