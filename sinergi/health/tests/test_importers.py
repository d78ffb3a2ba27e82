"""Annual reports from XLSX: tolerant headers, exact amounts, every rejection reason, scope, dry run."""

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook

from sinergi.core.models import AuditEvent
from sinergi.health.importers import COLUMNS, import_reports, read_sheet, template_workbook
from sinergi.health.models import AnnualReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheet(tmp_path):
    def write(rows, name="laporan.xlsx"):
        workbook = Workbook()
        for row in rows:
            workbook.active.append(row)
        path = tmp_path / name
        workbook.save(path)
        return str(path)

    return write


def test_template_has_every_column_and_an_explanation():
    workbook = load_workbook(io.BytesIO(template_workbook()))
    assert [c.value for c in workbook["laporan"][1]] == list(COLUMNS)
    notes = {row[0]: row[1] for row in workbook["petunjuk"].iter_rows(min_row=2, values_only=True)}
    assert set(notes) == set(COLUMNS)
    assert notes["umum-01"].startswith("Ya/Tidak: ")


def test_headers_tolerate_case_spaces_and_indonesian_names(sheet, ksp_bogor, coop_manager):
    path = sheet(
        [
            ["Koperasi_ID", "Tahun Buku", "Tanggal RAT", "Total Aset", "KAS"],
            [ksp_bogor.pk, 2024, "15-03-2025", "Rp 1.250.000.000", 50_000_000.5],
        ]
    )
    result = import_reports(actor=coop_manager, path=path)
    assert (result.created, result.updated, result.rejected) == (1, 0, [])
    report = AnnualReport.objects.get(cooperative=ksp_bogor, year=2024)
    assert (report.total_aset, report.kas) == (Decimal("1250000000.00"), Decimal("50000000.50"))
    assert report.rat_date == dt.date(2025, 3, 15) and report.status == "draft"


def test_questionnaire_answers_read_as_yes_no_or_unanswered(sheet, ksp_bogor, coop_manager):
    path = sheet(
        [["koperasi_id", "year", "umum-01", "umum-02", "umum-03"], [ksp_bogor.pk, 2024, "Ya", "tidak", None]]
    )
    import_reports(actor=coop_manager, path=path)
    answers = AnnualReport.objects.get().manajemen
    assert answers["umum"][:3] == [True, False, None]
    assert len(answers["umum"]) == 12 and answers["likuiditas"] == [None] * 5


def test_every_rejection_reason_and_the_good_rows_are_kept(sheet, ksp_bogor, ksp_bandung, coop_manager):
    path = sheet(
        [
            ["koperasi_id", "year", "rat_date", "kas", "umum-01"],
            [ksp_bogor.pk, 2024, None, 1_000_000, "Ya"],  # line 2: good
            [None, 2024, None, 1, None],  # line 3
            [ksp_bogor.pk, "dua ribu", None, 1, None],  # line 4
            [ksp_bogor.pk, 2023, "kemarin", "sejuta", "mungkin"],  # line 5
            [ksp_bandung.pk, 2024, None, 1, None],  # line 6: outside the manager's reach
            ["abc", 2024, None, 1, None],  # line 7
        ]
    )
    result = import_reports(actor=coop_manager, path=path)
    assert result.created == 1
    assert result.rejected == [
        (3, ["nik_koperasi atau koperasi_id wajib diisi."]),
        (4, ["year: bukan tahun yang sah."]),
        (
            5,
            [
                "rat_date: bukan tanggal yang sah.",
                "kas: bukan jumlah uang yang sah.",
                "umum-01: isi Ya atau Tidak.",
            ],
        ),
        (6, [f"koperasi_id {ksp_bandung.pk}: koperasi tidak ditemukan di wilayah Anda."]),
        (7, ["koperasi_id abc: koperasi tidak ditemukan di wilayah Anda."]),
    ]
    assert list(AnnualReport.objects.values_list("cooperative_id", "year", "kas")) == [
        (ksp_bogor.pk, 2024, Decimal("1000000.00"))
    ]


def test_a_second_import_updates_the_draft(sheet, ksp_bogor, coop_manager):
    import_reports(
        actor=coop_manager, path=sheet([["koperasi_id", "year", "kas"], [ksp_bogor.pk, 2024, 1_000]])
    )
    result = import_reports(
        actor=coop_manager,
        path=sheet([["koperasi_id", "year", "kas"], [ksp_bogor.pk, 2024, 2_000]], "b.xlsx"),
    )
    assert (result.created, result.updated) == (0, 1)
    assert AnnualReport.objects.get().kas == Decimal("2000.00")


def test_a_submitted_report_is_not_overwritten(sheet, submitted, coop_manager):
    before = AnnualReport.objects.get(pk=submitted.pk).kas
    result = import_reports(
        actor=coop_manager, path=sheet([["koperasi_id", "year", "kas"], [submitted.cooperative_id, 2024, 1]])
    )
    assert result.rejected == [(2, ["Laporan 2024 sudah diajukan dan tidak dapat diubah."])]
    assert AnnualReport.objects.get(pk=submitted.pk).kas == before


def test_submit_option_submits_complete_rows_and_refuses_the_rest(sheet, ksp_bogor, coop_manager, values):
    header = ["koperasi_id", "year", "rat_date", *values]
    complete = [ksp_bogor.pk, 2024, "2025-03-15", *(str(v) for v in values.values())]
    result = import_reports(
        actor=coop_manager,
        path=sheet([header, complete, [ksp_bogor.pk, 2023, None, *([None] * len(values))]]),
        submit=True,
    )
    assert (result.created, result.submitted) == (1, 1)
    assert result.rejected == [
        (
            3,
            [
                "rat_date: Isi tanggal RAT sebelum mengajukan.",
                "total_aset: Isi total aset sebelum mengajukan.",
            ],
        )
    ]
    assert list(AnnualReport.objects.values_list("year", "status")) == [(2024, "submitted")]


def test_dry_run_keeps_nothing(sheet, ksp_bogor, coop_manager):
    events = AuditEvent.objects.count()
    result = import_reports(
        actor=coop_manager,
        path=sheet([["koperasi_id", "year", "kas"], [ksp_bogor.pk, 2024, 1]]),
        dry_run=True,
    )
    assert (result.created, result.dry_run) == (1, True)
    assert AnnualReport.objects.count() == 0 and AuditEvent.objects.count() == events


def test_an_officer_of_another_region_imports_nothing(sheet, ksp_bogor, officer_bandung):
    result = import_reports(
        actor=officer_bandung, path=sheet([["koperasi_id", "year", "kas"], [ksp_bogor.pk, 2024, 1]])
    )
    assert result.created == 0 and len(result.rejected) == 1
    assert AnnualReport.objects.count() == 0


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([["koperasi_id", "year", "kas_besar"], [1, 2024, 1]], "Kolom tidak dikenal: kas_besar"),
        ([["kas", "year"], [1, 2024]], "Kolom nik_koperasi atau koperasi_id, dan year, wajib ada."),
        ([], "Lembar pertama kosong."),
    ],
)
def test_unreadable_sheets_are_refused_whole(sheet, rows, message):
    with pytest.raises(ValidationError) as caught:
        read_sheet(sheet(rows))
    assert caught.value.messages == [message]


def test_not_an_xlsx_and_a_zip_bomb_are_refused(tmp_path):
    text = tmp_path / "laporan.xlsx"
    text.write_text("koperasi_id;year\n1;2024\n")
    with pytest.raises(ValidationError) as caught:
        read_sheet(str(text))
    assert caught.value.messages == ["Berkas bukan XLSX yang sah."]
    bomb = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (201 * 1024 * 1024))
    with pytest.raises(ValidationError) as caught:
        read_sheet(str(bomb))
    assert caught.value.messages == ["Isi berkas XLSX terlalu besar."]
