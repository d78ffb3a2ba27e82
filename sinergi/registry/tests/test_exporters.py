import csv
import io

import pytest
from openpyxl import load_workbook

from sinergi.registry import exporters
from sinergi.registry.importers import BusinessImporter, CooperativeImporter
from sinergi.registry.models import BusinessProfile, CooperativeProfile
from sinergi.registry.synthetic import Generator


def _write(tmp_path, kind, rows, name):
    path = tmp_path / name
    text = "".join(exporters.csv_stream(kind, rows))
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_unmasked_export_reimports_unchanged(tmp_path, superuser, write_csv):
    gen = Generator(seed=7, prefixes=("32.71",))
    rows = list(gen.businesses(40))
    header = list(rows[0])
    BusinessImporter(actor=superuser).run(write_csv([header, *[[r[h] for h in header] for r in rows]]))
    created = BusinessProfile.objects.count()
    assert created >= 38  # a couple of generated names may coincide in one village
    exported = _write(
        tmp_path, "umkm", exporters.business_rows(BusinessProfile.objects.all(), masked=False), "e.csv"
    )
    report = BusinessImporter(actor=superuser).run(exported)
    assert (report.created, report.updated, report.unchanged, report.rejected) == (0, 0, created, [])


@pytest.mark.django_db
def test_cooperative_export_reimports_unchanged(tmp_path, superuser, write_csv):
    import datetime as dt

    gen = Generator(seed=8, prefixes=("32.73",))
    rows = [gen.cooperative(i, dt.date(2026, 11, 1)) for i in range(30)]
    header = list(rows[0])
    CooperativeImporter(actor=superuser).run(write_csv([header, *[[r[h] for h in header] for r in rows]]))
    count = CooperativeProfile.objects.count()
    exported = _write(
        tmp_path,
        "cooperative",
        exporters.cooperative_rows(CooperativeProfile.objects.all(), masked=False),
        "k.csv",
    )
    report = CooperativeImporter(actor=superuser).run(exported)
    assert (report.created, report.updated, report.unchanged, len(report.rejected)) == (0, 0, count, 0)


@pytest.mark.django_db
def test_masked_export_hides_personal_data_and_never_overwrites(tmp_path, superuser, write_csv):
    gen = Generator(seed=9, prefixes=("32.71",))
    rows = [r for r in gen.businesses(10) if r["NIK Pemilik"] and r["No. HP/WhatsApp"]][:3]
    header = list(rows[0])
    BusinessImporter(actor=superuser).run(write_csv([header, *[[r[h] for h in header] for r in rows]]))
    masked_rows = list(exporters.business_rows(BusinessProfile.objects.all(), masked=True))
    nik_col = exporters.headers("umkm").index("NIK Pemilik")
    assert all("*" in row[nik_col] for row in masked_rows)
    before = dict(BusinessProfile.objects.values_list("pk", "owner_nik"))
    report = BusinessImporter(actor=superuser).run(_write(tmp_path, "umkm", masked_rows, "m.csv"))
    assert report.unchanged == 3 and report.masked_ignored >= 6
    assert dict(BusinessProfile.objects.values_list("pk", "owner_nik")) == before


def test_formula_injection_is_neutralised():
    assert exporters.safe_cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert exporters.safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert exporters.safe_cell("+62812") == "'+62812"
    assert exporters.safe_cell(125) == 125


@pytest.mark.django_db
def test_exported_names_cannot_run_as_formulas(officer_bogor):
    from sinergi.registry.services import business_register

    business_register(actor=officer_bogor, name="=cmd|' /C calc'!A0", region_code="32.71.06.1003")
    text = "".join(
        exporters.csv_stream("umkm", exporters.business_rows(BusinessProfile.objects.all(), masked=False))
    )
    row = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))[1]
    assert row[0] == "'=cmd|' /C calc'!A0"


def test_template_has_headers_example_and_guide():
    book = load_workbook(io.BytesIO(exporters.template_bytes("umkm")))
    data = book["Data"]
    assert [c.value for c in data[1]][:3] == ["Nama Usaha", "Nama Pemilik", "NIK Pemilik"]
    assert data.cell(row=2, column=1).value == "Keripik Talas Bu Euis"
    guide = [row[0].value for row in book["Petunjuk"].iter_rows(min_row=2, max_row=4)]
    assert guide == ["Nama Usaha", "Nama Pemilik", "NIK Pemilik"]
    assert book["Data"].cell(row=3, column=3).number_format == "@"


def test_rejected_workbook_lists_line_and_both_languages():
    from sinergi.registry.importers.pipeline import Rejection

    content = exporters.rejected_workbook(
        "umkm", ["Nama Usaha"], [Rejection(4, "alasan", "reason", ["Toko"])]
    )
    sheet = load_workbook(io.BytesIO(content))["Ditolak"]
    assert [c.value for c in sheet[2]] == [4, "alasan", "reason", "Toko"]


@pytest.mark.django_db
def test_export_command_round_trip(tmp_path, superuser, officer_bogor, write_csv):
    from django.core.management import call_command

    from sinergi.registry.services import business_register

    business_register(
        actor=officer_bogor, name="Toko Satu", region_code="32.71.06.1003", owner_nik="3271064107850003"
    )
    out = tmp_path / "umkm.csv"
    call_command("registry_export", str(out), "--kind", "umkm")
    assert out.read_text(encoding="utf-8-sig").splitlines()[1].startswith("Toko Satu,,3271064107850003")
    report = BusinessImporter(actor=superuser).run(out)
    assert (report.created, report.unchanged) == (0, 1)
    masked = tmp_path / "umkm-masked.xlsx"
    call_command("registry_export", str(masked), "--kind", "umkm", "--masked")
    sheet = load_workbook(masked)["umkm"]
    assert sheet.cell(row=2, column=3).value == "3271********0003"
