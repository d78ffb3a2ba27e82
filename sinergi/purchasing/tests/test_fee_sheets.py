"""Delivery fees from a sheet: places by code or name, every rejection with its line, idempotency."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from sinergi.core.models import AuditEvent
from sinergi.purchasing import exporters, fee_sheets
from sinergi.purchasing.models import DeliveryFee

pytestmark = pytest.mark.django_db

HEADER = ["Kode Kecamatan", "Kecamatan", "Kabupaten/Kota", "Ongkos Kirim"]


@pytest.fixture
def sheet(write_xlsx):
    def write(rows, header=HEADER, name="ongkir.xlsx"):
        return write_xlsx(header, rows, name)

    return write


def fees(supplier_org):
    return dict(DeliveryFee.objects.filter(supplier=supplier_org).values_list("district_id", "fee"))


def test_places_by_code_or_name_and_a_second_import_changes_nothing(supplier, bulog, sheet):
    path = sheet(
        [
            ["32.73.01", "", "", 150000],
            ["", "Kec. Cibeunying Kidul", "Kota Bandung", "Rp 125.000"],
            ["", "Andir", "Kota Bandung", 0],
        ]
    )
    report = fee_sheets.import_delivery_fees(actor=supplier, supplier=bulog, path=path)
    assert (report.added, report.changed, report.removed, report.unchanged, report.rejected) == (
        3,
        0,
        0,
        0,
        [],
    )
    assert fees(bulog) == {"32.73.01": Decimal(150000), "32.73.14": Decimal(125000), "32.73.05": Decimal(0)}
    again = fee_sheets.import_delivery_fees(actor=supplier, supplier=bulog, path=path)
    assert (again.added, again.changed, again.removed, again.unchanged) == (0, 0, 0, 3)
    assert AuditEvent.objects.filter(action="purchasing.delivery_fees.set").count() == 1


def test_changes_removals_and_untouched_kecamatan(supplier, bulog, sheet, system):
    from sinergi.purchasing import services

    services.delivery_fees_set(actor=system, supplier=bulog, fees={"32.73.02": 100000, "32.73.05": 100000})
    path = sheet([["32.73.02", "Coblong", "Kota Bandung", 90000], ["32.73.01", "", "", ""]])
    report = fee_sheets.import_delivery_fees(actor=supplier, supplier=bulog, path=path)
    # Sukasari had no fee, so "no delivery there" changes nothing; Andir is not in the sheet and stays.
    assert (report.added, report.changed, report.removed, report.unchanged) == (0, 1, 0, 1)
    assert fees(bulog) == {"32.73.02": Decimal(90000), "32.73.05": Decimal(100000)}
    report = fee_sheets.import_delivery_fees(
        actor=supplier, supplier=bulog, path=sheet([["32.73.05", "", "", None]], name="hapus.xlsx")
    )
    assert (report.removed, fees(bulog)) == (1, {"32.73.02": Decimal(90000)})


def test_every_rejection_names_its_line_and_keeps_the_good_rows(supplier, bulog, sheet):
    path = sheet(
        [
            ["32.73.01", "", "", 150000],  # line 2: fine
            ["32.73", "", "", 1000],  # a regency, not a kecamatan
            ["99.99.99", "", "", 1000],
            ["", "Sukasari", "", 1000],  # four Sukasari in Jawa Barat
            ["", "Kecamatan Antah Berantah", "Kota Bandung", 1000],
            ["", "", "", 5000],
            ["", "Coblong", "Kota Bandung", -5000],
            ["", "Coblong", "Kota Bandung", "12.500,50"],
            ["", "Coblong", "Kota Bandung", "gratis"],
            ["32.73.01", "Sukasari", "Kota Bandung", 140000],  # line 11: Sukasari again
        ]
    )
    report = fee_sheets.import_delivery_fees(actor=supplier, supplier=bulog, path=path)
    reasons = {r.line: r.reason for r in report.rejected}
    assert sorted(reasons) == [3, 4, 5, 6, 7, 8, 9, 10, 11]
    assert reasons[3] == "Kode kecamatan tidak dikenal: 32.73"
    assert reasons[4] == "Kode kecamatan tidak dikenal: 99.99.99"
    assert reasons[5].startswith("Kecamatan ambigu: Sukasari; kemungkinan: 32.")
    assert reasons[6].startswith("Kecamatan tidak ditemukan: Kecamatan Antah Berantah / Kota Bandung")
    assert reasons[7] == "Isi Kode Kecamatan, atau Kecamatan dan Kabupaten/Kota"
    assert reasons[8] == "Ongkos Kirim harus rupiah bulat 0 atau lebih: -5000"
    assert reasons[9] == "Ongkos Kirim harus rupiah bulat 0 atau lebih: 12.500,50"
    assert reasons[10] == "Ongkos Kirim harus rupiah bulat 0 atau lebih: gratis"
    assert reasons[11] == "Kecamatan 32.73.01 sudah ada di baris 2"
    english = {r.line: r.reason_en for r in report.rejected}
    assert english[11] == "Kecamatan 32.73.01 is already on line 2"
    assert (report.added, fees(bulog)) == (1, {"32.73.01": Decimal(150000)})


def test_dry_run_keeps_nothing(supplier, bulog, sheet):
    report = fee_sheets.import_delivery_fees(
        actor=supplier, supplier=bulog, path=sheet([["32.73.01", "", "", 150000]]), dry_run=True
    )
    assert (report.added, report.dry_run) == (1, True)
    assert fees(bulog) == {} and not AuditEvent.objects.filter(action="purchasing.delivery_fees.set").exists()


def test_someone_else_cannot_import_a_suppliers_fees(coop_manager, bulog, sheet):
    with pytest.raises(PermissionDenied):
        fee_sheets.import_delivery_fees(
            actor=coop_manager, supplier=bulog, path=sheet([["32.73.01", "", "", 1]])
        )
    assert fees(bulog) == {}


def test_files_without_the_columns_are_refused(supplier, bulog, sheet):
    with pytest.raises(fee_sheets.FileRejected, match="Kolom wajib: Ongkos Kirim"):
        fee_sheets.import_delivery_fees(
            actor=supplier, supplier=bulog, path=sheet([["Coblong", 1]], header=["Kecamatan", "Harga"])
        )
    # Synonyms offices use are understood.
    path = sheet(
        [["Coblong", "Kota Bandung", "75000"]], header=["Kec", "Kab/Kota", "Ongkir (Rp)"], name="b.csv.xlsx"
    )
    report = fee_sheets.import_delivery_fees(actor=supplier, supplier=bulog, path=path)
    assert fees(bulog) == {"32.73.02": Decimal(75000)} and report.added == 1


def test_the_fee_workbook_reimports_as_unchanged(supplier, bulog, sheet, system, tmp_path):
    from sinergi.purchasing import services

    services.delivery_fees_set(actor=system, supplier=bulog, fees={"32.73.02": 100000, "32.73.14": 0})
    data = exporters.delivery_fee_workbook(bulog)
    rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    assert rows == [
        tuple(HEADER),
        ("32.73.02", "Coblong", "Kota Bandung", 100000),
        ("32.73.14", "Cibeunying Kidul", "Kota Bandung", 0),
    ]
    path = tmp_path / "lembar.xlsx"
    path.write_bytes(data)
    report = fee_sheets.import_delivery_fees(actor=supplier, supplier=bulog, path=path)
    assert (report.added, report.changed, report.removed, report.unchanged) == (0, 0, 0, 2)


def test_the_fee_page_uploads_a_sheet_and_shows_the_result(client, supplier, bulog, sheet):
    client.force_login(supplier)
    page = client.get(f"/belanja-bareng/ongkir/?supplier={bulog.pk}").content.decode()
    assert "/belanja-bareng/ongkir/impor/" in page and "/belanja-bareng/ongkir/lembar.xlsx" in page
    path = sheet([["32.73.01", "", "", 150000], ["", "Sukasari", "", 1]])
    with path.open("rb") as handle:
        response = client.post(
            "/belanja-bareng/ongkir/impor/", {"supplier": bulog.pk, "file": handle, "dry_run": "on"}
        )
    html = response.content.decode()
    assert response.status_code == 200 and "Pemeriksaan: belum ada yang disimpan" in html
    assert "Kecamatan ambigu: Sukasari" in html and "Ambiguous kecamatan: Sukasari" in html
    assert fees(bulog) == {}
    with path.open("rb") as handle:
        client.post("/belanja-bareng/ongkir/impor/", {"supplier": bulog.pk, "file": handle})
    assert fees(bulog) == {"32.73.01": Decimal(150000)}
    download = client.get(f"/belanja-bareng/ongkir/lembar.xlsx?supplier={bulog.pk}")
    rows = list(load_workbook(io.BytesIO(download.content)).active.iter_rows(values_only=True))
    assert rows[1:] == [("32.73.01", "Sukasari", "Kota Bandung", 150000)]


def test_other_people_cannot_upload_or_download_a_suppliers_fees(
    client, coop_manager, supplier, bulog, sheet
):
    path = sheet([["32.73.01", "", "", 150000]])
    client.force_login(coop_manager)
    with path.open("rb") as handle:
        response = client.post("/belanja-bareng/ongkir/impor/", {"supplier": bulog.pk, "file": handle})
    assert response.status_code == 403
    assert client.get(f"/belanja-bareng/ongkir/lembar.xlsx?supplier={bulog.pk}").status_code == 403
    assert fees(bulog) == {}
