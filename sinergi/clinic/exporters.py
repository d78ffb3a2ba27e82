"""The programme's yearly progress report as a spreadsheet: the tallies against the targets, and one
row per case with its stage and measured outcome. Participant names come from users, so text a
spreadsheet would run as a formula is made inert (`registry.exporters.safe_cell`)."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from sinergi.registry.exporters import safe_cell

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOLD = Font(bold=True)


def progress_workbook(programme, progress, cases) -> bytes:
    workbook = Workbook()
    summary = workbook.active
    summary.title = _("Capaian")
    summary.append([safe_cell(f"{programme.name} {programme.year}")])
    summary["A1"].font = BOLD
    summary.append([safe_cell(programme.office.name)])
    summary.append([])
    for label, value in [
        (_("Target peserta per tahun"), progress.target_participants),
        (_("Target berakhir baik"), progress.target_good),
        (_("Peserta"), progress.participants),
        (_("Selesai"), progress.closed),
        (_("Berakhir baik"), progress.good),
        (_("Membaik"), progress.improved),
        (_("Tetap"), progress.unchanged),
        (_("Memburuk"), progress.worse),
    ]:
        summary.append([label, value])
    sheet = workbook.create_sheet(_("Kasus"))
    sheet.append([_("Peserta"), _("Jenis"), _("Jalur masuk"), _("Tahap"), _("Terdaftar"), _("Hasil"),
                  _("Berakhir baik"), _("Tanggal selesai")])  # fmt: skip
    for cell in sheet[1]:
        cell.font = BOLD
    for case in cases:
        sheet.append(
            [
                safe_cell(case.participant.name),
                str(case.participant.get_kind_display()),
                str(case.get_source_display()),
                str(case.get_stage_display()),
                case.enrolled_on,
                str(case.get_result_display()) if case.result else "",
                ("" if case.good is None else (_("ya") if case.good else _("tidak"))),
                case.closed_on,
            ]
        )
    for column in ("E", "H"):
        for cell in sheet[column][1:]:
            cell.number_format = "DD-MM-YYYY"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
