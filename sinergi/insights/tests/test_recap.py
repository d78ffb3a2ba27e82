"""The monthly recap: its figures from the tallies, the PDF and XLSX, the task with progress, the
pages and who may see and make them."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from sinergi.core.models import AuditEvent, Job
from sinergi.insights import recap as recaps
from sinergi.insights.letterhead import letterhead_save
from sinergi.insights.models import RecapReport
from sinergi.registry import services

LIST_URL = reverse("insights:recap_list")
MAY = dt.date(2026, 5, 1)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def world(officer_bogor, officer_bandung):
    """Kota Bogor: Bogor Tengah has two active cooperatives (one with a RAT) and one unknown;
    Tanah Sareal one inactive and one dissolved; two businesses in Bogor Tengah, one in Tanah
    Sareal. Kota Bandung: one cooperative, one business."""
    reg = services.cooperative_register
    reg(
        actor=officer_bogor,
        name="KSP Paledang",
        region_code="32.71.03.1002",
        cooperative_type="simpan_pinjam",
        members_male=30,
        members_female=20,
        last_rat_date=dt.date(2026, 3, 14),
    )
    reg(
        actor=officer_bogor,
        name="Koperasi Tegallega",
        region_code="32.71.03.1005",
        cooperative_type="konsumen",
        members_female=15,
    )
    reg(actor=officer_bogor, name="Koperasi Babakan", region_code="32.71.03.1005", status="belum_tahu")
    reg(
        actor=officer_bogor,
        name="Koperasi Sukaresmi",
        region_code="32.71.06.1001",
        status="tidak_aktif",
        members_male=12,
        members_female=3,
    )
    gone = reg(actor=officer_bogor, name="Koperasi Kebon Pedes", region_code="32.71.06.1001", members_male=40)
    services.cooperative_set_status(actor=officer_bogor, cooperative=gone, status="dibubarkan", reason="RAT")
    reg(actor=officer_bandung, name="Koperasi Mekar Sari", region_code="32.73.02.1004", members_male=99)
    services.business_register(
        actor=officer_bogor,
        name="Keripik Talas Bu Euis",
        region_code="32.71.03.1002",
        employees=3,
        annual_sales=Decimal("120000000"),
        kbli="10792",
        owner_gender="P",
    )
    services.business_register(
        actor=officer_bogor,
        name="Bengkel Pak Ujang",
        region_code="32.71.03.1005",
        employees=2,
        annual_sales=Decimal("80000000"),
        kbli="45201",
        owner_gender="L",
        status="tidak_aktif",
    )
    services.business_register(
        actor=officer_bogor,
        name="Warung Sukaresmi",
        region_code="32.71.06.1001",
        employees=1,
        annual_sales=Decimal("15500000.50"),
    )
    services.business_register(
        actor=officer_bandung,
        name="Batik Bandung",
        region_code="32.73.02.1004",
        employees=50,
        annual_sales=Decimal("900000000"),
    )
    # fmt: skip


@pytest.fixture
def letterhead(admin_bogor, office_bogor):
    return letterhead_save(
        admin_bogor,
        office_bogor,
        government="Pemerintah Kota Bogor",
        office_name="Dinas Koperasi, UMKM, Perdagangan dan Perindustrian",
        address="Jl. Dadali No. 4, Bogor",
        city="Bogor",
        signer_title="Kepala Dinas",
        signer_name="Drs. Bambang Sutrisno, M.Si.",
        signer_nip="196805121990031004",
    )


def test_month_names_and_dates_are_indonesian():
    assert recaps.month_name(dt.date(2026, 5, 1)) == "Mei 2026"
    assert recaps.long_date(dt.date(2026, 8, 7)) == "07 Agustus 2026"
    assert recaps.last_month(dt.date(2026, 1, 15)) == dt.date(2025, 12, 1)
    assert recaps.last_month(dt.date(2026, 3, 31)) == dt.date(2026, 2, 1)


def test_formula_like_text_is_kept_as_text():
    assert recaps.safe_cell("=SUM(A1)") == "'=SUM(A1)"
    assert recaps.safe_cell("-1") == "'-1"
    assert recaps.safe_cell("Bogor") == "Bogor"
    assert recaps.safe_cell(5) == 5


@pytest.mark.django_db
def test_content_comes_from_the_tallies(world, office_bogor):
    content = recaps.recap_content(office_bogor, "32.71", MAY, today=dt.date(2026, 6, 3))
    assert content["title"] == "Rekapitulasi Koperasi dan UMKM — Kota Bogor — Mei 2026"
    assert content["dated"] == "03 Juni 2026"
    rows = [(r["name"], r["registered"], r["active"], r["inactive"], r["unknown"], r["male"], r["female"],
             r["unspecified"], r["members"], r["with_rat"]) for r in content["cooperative_rows"]]  # fmt: skip
    assert rows == [
        ("Bogor Tengah", 3, 2, 0, 1, 30, 35, 0, 65, 1),
        ("Tanah Sareal", 1, 0, 1, 0, 12, 3, 0, 15, 0),
    ]
    assert content["cooperative_total"] == {
        "registered": 4, "active": 2, "inactive": 1, "unknown": 1, "male": 42, "female": 38,
        "unspecified": 0, "members": 80, "with_rat": 1,
    }  # fmt: skip
    assert content["cooperatives"]["registered"] == 4
    assert content["businesses"]["registered"] == 3
    assert content["places_total"]["omzet"] == Decimal("215500000.50")


@pytest.mark.django_db
def test_xlsx_holds_the_report_columns_and_exact_values(world, office_bogor, letterhead):
    content = recaps.recap_content(office_bogor, "32.71", MAY, today=dt.date(2026, 6, 3))
    book = load_workbook(io.BytesIO(recaps.recap_xlsx(content)))
    assert book.sheetnames == ["Koperasi", "UMKM", "Info"]
    sheet = book["Koperasi"]
    assert sheet["A1"].value == "Rekapitulasi Koperasi dan UMKM — Kota Bogor — Mei 2026"
    assert sheet["A2"].value.startswith("Susunan kolom mengikuti laporan data koperasi")
    assert [c.value for c in sheet[4]] == [
        "No", "Kecamatan", "Jumlah Koperasi", "Aktif", "Tidak Aktif", "Belum Diketahui", "Jumlah Anggota",
        None, None, None, "Koperasi yang RAT",
    ]  # fmt: skip
    assert [c.value for c in sheet[5]][6:10] == ["L", "P", "Tanpa Rincian", "Jumlah"]
    assert [c.value for c in sheet[6]] == [1, "Bogor Tengah", 3, 2, 0, 1, 30, 35, 0, 65, 1]
    assert [c.value for c in sheet[7]] == [2, "Tanah Sareal", 1, 0, 1, 0, 12, 3, 0, 15, 0]
    assert [c.value for c in sheet[8]] == [None, "Jumlah", 4, 2, 1, 1, 42, 38, 0, 80, 1]
    assert sheet.max_row == 8
    umkm = book["UMKM"]
    assert [c.value for c in umkm[3]] == [
        "No",
        "Kecamatan",
        "UMKM Terdaftar",
        "UMKM Aktif",
        "Tenaga Kerja",
        "Omzet Setahun (Rp)",
    ]
    assert [c.value for c in umkm[4]] == [1, "Bogor Tengah", 2, 1, 5, 200000000]
    assert [c.value for c in umkm[5]] == [2, "Tanah Sareal", 1, 1, 1, 15500000.5]
    assert [c.value for c in umkm[6]] == [None, "Jumlah", 3, 2, 6, 215500000.5]
    info = {row[0].value: row[1].value for row in book["Info"].iter_rows()}
    assert info["Wilayah"] == "Kota Bogor"
    assert info["Bulan"] == "Mei 2026"
    assert info["Tanggal dibuat"] == "03-06-2026"
    assert info["Dibuat oleh"] == "Dinas Koperasi, UMKM, Perdagangan dan Perindustrian"


@pytest.mark.django_db
def test_pdf_carries_the_letterhead_and_signature(world, office_bogor, letterhead):
    content = recaps.recap_content(office_bogor, "32.71", MAY, today=dt.date(2026, 6, 3))
    html = recaps.recap_html(content)
    assert "Rekapitulasi Koperasi dan UMKM — Kota Bogor — Mei 2026" in html
    assert "Pemerintah Kota Bogor" in html
    assert "Jl. Dadali No. 4, Bogor" in html
    assert "Bogor, 03 Juni 2026" in html
    assert "Kepala Dinas" in html
    assert "Drs. Bambang Sutrisno, M.Si." in html
    assert "NIP 196805121990031004" in html
    assert "Bogor Tengah" in html
    assert "Rp215.500.001" in html  # rounded to the rupiah
    assert recaps.recap_pdf(content).startswith(b"%PDF")


@pytest.mark.django_db
def test_request_runs_the_task_to_done_with_both_files(world, officer_bogor, office_bogor, letterhead,
                                                       django_capture_on_commit_callbacks):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        recap = recaps.recap_request(officer_bogor, office_bogor, "", dt.date(2026, 5, 20))
    recap.refresh_from_db()
    assert (recap.region_code, recap.month, recap.created_by) == ("32.71", MAY, officer_bogor)
    job = Job.objects.get(pk=recap.job_id)
    assert (job.status, job.done, job.total) == (Job.Status.DONE, 3, 3)
    assert job.result == {"recap": recap.pk, "next_url": LIST_URL}
    assert recap.pdf.read().startswith(b"%PDF")
    book = load_workbook(io.BytesIO(recap.xlsx.read()))
    assert book["Koperasi"]["C8"].value == 4
    event = AuditEvent.objects.get(action="recap.request")
    assert (event.object_id, event.organization_id) == (str(recap.pk), office_bogor.pk)


@pytest.mark.django_db
def test_a_viewer_and_another_office_may_not_request(world, viewer_bogor, officer_bandung, office_bogor):
    with pytest.raises(PermissionDenied):
        recaps.recap_request(viewer_bogor, office_bogor, "", MAY)
    with pytest.raises(PermissionDenied):
        recaps.recap_request(officer_bandung, office_bogor, "", MAY)
    assert RecapReport.objects.count() == 0
    assert Job.objects.count() == 0


@pytest.mark.django_db
def test_a_place_outside_the_jurisdiction_or_a_future_month_is_refused(world, officer_bogor, office_bogor):
    with pytest.raises(ValidationError) as error:
        recaps.recap_request(officer_bogor, office_bogor, "32.73", MAY)
    assert error.value.message_dict == {"region_code": ["Wilayah itu di luar wilayah kerja dinas."]}
    with pytest.raises(ValidationError) as error:
        recaps.recap_request(officer_bogor, office_bogor, "32.71", dt.date(2999, 1, 1))
    assert error.value.message_dict == {"month": ["Bulan rekap belum tiba."]}
    assert RecapReport.objects.count() == 0


@pytest.mark.django_db
def test_recap_for_a_kecamatan(world, officer_bogor, office_bogor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        recap = recaps.recap_request(officer_bogor, office_bogor, "32.71.03", MAY)
    recap.refresh_from_db()
    sheet = load_workbook(io.BytesIO(recap.xlsx.read()))["Koperasi"]
    assert sheet["B4"].value == "Kelurahan/desa"
    assert [c.value for c in sheet[sheet.max_row]] == [None, "Jumlah", 3, 2, 0, 1, 30, 35, 0, 65, 1]


# --- pages ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_page_generates_and_lists_and_downloads(world, as_user, officer_bogor, office_bogor,
                                                django_capture_on_commit_callbacks):  # fmt: skip
    client = as_user(officer_bogor)
    page = client.get(LIST_URL)
    assert page.status_code == 200
    last = f"{recaps.last_month():%Y-%m}"
    assert f'<option value="{last}" selected>' in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(LIST_URL, {"month": "2026-05", "region_code": "32.71"})
    recap = RecapReport.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("job_detail", args=[recap.job_id])
    text = client.get(LIST_URL).content.decode()
    assert "Mei 2026" in text
    pdf_url = reverse("insights:recap_download", args=[recap.pk, "pdf"])
    xlsx_url = reverse("insights:recap_download", args=[recap.pk, "xlsx"])
    assert pdf_url in text and xlsx_url in text
    pdf = client.get(pdf_url)
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert client.get(xlsx_url)["Content-Disposition"] == 'attachment; filename="rekap-3271-2026-05.xlsx"'


@pytest.mark.django_db
def test_a_viewer_downloads_but_may_not_generate(world, as_user, officer_bogor, viewer_bogor, office_bogor,
                                                 django_capture_on_commit_callbacks):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        recap = recaps.recap_request(officer_bogor, office_bogor, "", MAY)
    client = as_user(viewer_bogor)
    page = client.get(LIST_URL)
    assert page.status_code == 200
    assert "Buat rekap" not in page.content.decode()
    assert client.get(reverse("insights:recap_download", args=[recap.pk, "pdf"])).status_code == 200
    assert client.post(LIST_URL, {"month": "2026-05", "region_code": "32.71"}).status_code == 403
    assert RecapReport.objects.count() == 1


@pytest.mark.django_db
def test_another_office_sees_none_of_the_recaps(world, as_user, officer_bogor, officer_bandung, office_bogor,
                                                umkm_owner, django_capture_on_commit_callbacks):  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        recap = recaps.recap_request(officer_bogor, office_bogor, "", MAY)
    client = as_user(officer_bandung)
    page = client.get(LIST_URL)
    assert page.status_code == 200
    assert "Belum ada rekap." in page.content.decode()
    assert client.get(reverse("insights:recap_download", args=[recap.pk, "pdf"])).status_code == 404
    assert client.get(f"{LIST_URL}?kantor={office_bogor.pk}").status_code == 404
    assert as_user(umkm_owner).get(LIST_URL).status_code == 403


@pytest.mark.django_db
def test_pdf_prints_the_logo(world, admin_bogor, office_bogor):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (60, 60), (11, 107, 69)).save(out, "PNG")
    logo = SimpleUploadedFile("logo.png", out.getvalue(), content_type="image/png")
    letterhead_save(admin_bogor, office_bogor, logo=logo, office_name="Dinas KUMKM")
    content = recaps.recap_content(office_bogor, "32.71", MAY)
    assert content["logo_uri"].startswith("file://")
    assert f'<img src="{content["logo_uri"]}"' in recaps.recap_html(content)
    assert b"/Subtype /Image" in recaps.recap_pdf(content)
