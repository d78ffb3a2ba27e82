import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sinergi.core.models import AuditEvent
from sinergi.registry.models import BusinessProfile, CooperativeProfile, ImportBatch
from sinergi.registry.services import business_register, cooperative_register, member_save


@pytest.fixture
def bogor_world(officer_bogor, officer_bandung):
    ksp = cooperative_register(actor=officer_bogor, name="KSP Mekar Jaya", region_code="32.71.03.1002",
                               nik_koperasi="3271030010001")  # fmt: skip
    member_save(actor=officer_bogor, cooperative=ksp.organization, member_number="A-1", name="Asep",
                nik="3271060101800001")  # fmt: skip
    talas = business_register(actor=officer_bogor, name="Keripik Talas Bu Euis", region_code="32.71.06.1003",
                              owner_nik="3271064107850003", phone="081234567890")  # fmt: skip
    bandung = cooperative_register(actor=officer_bandung, name="KSP Bandung", region_code="32.73.02.1004")
    return ksp, talas, bandung


@pytest.mark.django_db
def test_lists_are_scoped(client, officer_bandung, bogor_world):
    ksp, talas, bandung = bogor_world
    client.force_login(officer_bandung)
    html = client.get("/registri/koperasi/").content.decode()
    assert "KSP Bandung" in html and "KSP Mekar Jaya" not in html
    assert "Keripik Talas" not in client.get("/registri/umkm/").content.decode()
    assert client.get(f"/registri/koperasi/{ksp.pk}/").status_code == 404
    assert client.get(f"/registri/umkm/{talas.pk}/").status_code == 404
    assert client.get(f"/registri/koperasi/{ksp.pk}/anggota/").status_code == 404


@pytest.mark.django_db
def test_search_returns_rows_partial_for_htmx(client, officer_bogor, bogor_world):
    client.force_login(officer_bogor)
    response = client.get("/registri/umkm/?q=talas", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Keripik Talas Bu Euis" in html and "<html" not in html


@pytest.mark.django_db
def test_viewer_sees_masked_owner_data(client, viewer_bogor, officer_bogor, bogor_world):
    _ksp, talas, _b = bogor_world
    client.force_login(viewer_bogor)
    html = client.get(f"/registri/umkm/{talas.pk}/").content.decode()
    assert "3271********0003" in html and "3271064107850003" not in html
    client.force_login(officer_bogor)
    assert "3271064107850003" in client.get(f"/registri/umkm/{talas.pk}/").content.decode()


@pytest.mark.django_db
def test_member_page_masks_for_viewer(client, viewer_bogor, bogor_world):
    ksp, _t, _b = bogor_world
    client.force_login(viewer_bogor)
    html = client.get(f"/registri/koperasi/{ksp.pk}/anggota/").content.decode()
    assert "3271********0001" in html and "3271060101800001" not in html
    assert (
        client.post(f"/registri/koperasi/{ksp.pk}/anggota/", {"member_number": "X", "name": "X"}).status_code
        == 403
    )


@pytest.mark.django_db
def test_create_cooperative_through_form(client, officer_bogor):
    client.force_login(officer_bogor)
    response = client.post(
        "/registri/koperasi/baru/",
        {"name": "Koperasi Wanita Mawar", "region_3": "32.71.03", "form": "primer", "fiscal_year_end_month": "12",
         "members_male": "0", "members_female": "40", "nik_koperasi": "3271030010077", "kbli": "64141"},
    )  # fmt: skip
    profile = CooperativeProfile.objects.get(nik_koperasi="3271030010077")
    assert response.status_code == 302 and response.url == f"/registri/koperasi/{profile.pk}/"
    assert (profile.region_code, profile.members_female, profile.kbli) == ("32.71.03", 40, "64141")


@pytest.mark.django_db
def test_form_errors_keep_nothing(client, officer_bogor):
    client.force_login(officer_bogor)
    response = client.post(
        "/registri/umkm/baru/",
        {"name": "Toko", "region_3": "32.71.03", "owner_nik": "123", "status": "aktif"},
    )
    assert response.status_code == 200
    assert "NIK harus 16 digit angka" in response.content.decode()
    assert not BusinessProfile.objects.exists()


@pytest.mark.django_db
def test_status_change_by_viewer_is_refused(client, viewer_bogor, bogor_world):
    ksp, _t, _b = bogor_world
    client.force_login(viewer_bogor)
    client.post(
        f"/registri/koperasi/{ksp.pk}/status/",
        {"status": "dibekukan", "effective_on": "2026-11-01", "reason": "x"},
    )
    ksp.refresh_from_db()
    assert ksp.status == "aktif"


@pytest.mark.django_db
def test_upload_preview_import_flow(client, officer_bogor, django_capture_on_commit_callbacks):
    client.force_login(officer_bogor)
    content = (
        b"Nama Usaha,Kelurahan/Desa,Kecamatan,Kabupaten/Kota,NIK Pemilik\n"
        b"Toko Baru,Paledang,Bogor Tengah,Kota Bogor,\n"
        b"Toko Rusak,Paledang,Bogor Tengah,Kota Bogor,123\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/registri/impor/", {"kind": "umkm", "file": SimpleUploadedFile("data.csv", content, "text/csv")}
        )
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response.url == f"/registri/impor/{batch.pk}/"
    assert (batch.status, batch.summary["created"], batch.summary["rejected_count"]) == ("previewed", 1, 1)
    assert not BusinessProfile.objects.exists()
    page = client.get(f"/registri/impor/{batch.pk}/").content.decode()
    assert "Pratinjau" in page and "NIK harus 16 digit angka" in page
    rejected = client.get(f"/registri/impor/{batch.pk}/ditolak/")
    assert rejected.status_code == 200
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(b"".join(rejected.streaming_content)))["Ditolak"]
    assert [c.value for c in sheet[2]][:2] == [3, "NIK Pemilik: NIK harus 16 digit angka: 123"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/registri/impor/{batch.pk}/jalankan/")
    batch.refresh_from_db()
    assert batch.status == "imported"
    assert BusinessProfile.objects.get().organization.name == "Toko Baru"


@pytest.mark.django_db
def test_other_user_cannot_see_an_upload(client, officer_bogor, admin_bogor):
    from sinergi.registry.services import import_batch_upload

    batch = import_batch_upload(
        actor=officer_bogor, kind="umkm", uploaded_file=SimpleUploadedFile("a.csv", b"Nama Usaha\nX\n")
    )
    client.force_login(admin_bogor)
    assert client.get(f"/registri/impor/{batch.pk}/").status_code == 404


@pytest.mark.django_db
def test_upload_rejects_wrong_file_type(client, officer_bogor):
    client.force_login(officer_bogor)
    response = client.post("/registri/impor/", {"kind": "umkm", "file": SimpleUploadedFile("x.exe", b"MZ")})
    assert response.status_code == 200 and "CSV, XLSX atau ODS" in response.content.decode()
    assert not ImportBatch.objects.exists()


@pytest.mark.django_db
def test_export_masked_for_viewer_and_audited(client, viewer_bogor, officer_bogor, bogor_world):
    client.force_login(viewer_bogor)
    response = client.get("/registri/umkm/ekspor/")
    assert "tersamar" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode()
    assert "3271********0003" in body and "3271064107850003" not in body
    client.force_login(officer_bogor)
    response = client.get("/registri/umkm/ekspor/?format=xlsx")
    assert "tersamar" not in response["Content-Disposition"]
    events = AuditEvent.objects.filter(action="registry.export.umkm").order_by("id")
    assert [e.after["masked"] for e in events] == [True, False]


@pytest.mark.django_db
def test_template_download(client, officer_bogor):
    client.force_login(officer_bogor)
    response = client.get("/registri/impor/templat/cooperative/")
    assert response.status_code == 200 and "templat-impor-cooperative.xlsx" in response["Content-Disposition"]
    assert client.get("/registri/impor/templat/alien/").status_code == 404


@pytest.mark.django_db
def test_activity_page_for_officers_only(client, officer_bogor, coop_manager, bogor_world):
    client.force_login(officer_bogor)
    assert "Koperasi terdaftar dan aktif" in client.get("/registri/aktivitas/").content.decode()
    client.force_login(coop_manager)
    assert client.get("/registri/aktivitas/").status_code == 403


@pytest.mark.django_db
def test_officers_formset_and_flagship(client, officer_bogor, viewer_bogor, bogor_world):
    ksp, _t, _b = bogor_world
    client.force_login(officer_bogor)
    data = {
        "form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0",
        "form-0-body": "pengurus", "form-0-position": "Ketua", "form-0-name": "Dedi Suryana",
        "form-0-term_start": "2024-01-01", "form-0-term_end": "2028-12-31",
        "form-1-body": "pengawas", "form-1-position": "Ketua Pengawas", "form-1-name": "Siti",
    }  # fmt: skip
    assert client.post(f"/registri/koperasi/{ksp.pk}/pengurus/", data).status_code == 302
    assert [(o.body, o.position, o.name) for o in ksp.officers.order_by("body")] == [
        ("pengawas", "Ketua Pengawas", "Siti"), ("pengurus", "Ketua", "Dedi Suryana"),
    ]  # fmt: skip
    client.post(f"/registri/koperasi/{ksp.pk}/unggulan/", {"flagship": "1"})
    ksp.refresh_from_db()
    assert ksp.is_flagship
    client.force_login(viewer_bogor)
    assert client.post(f"/registri/koperasi/{ksp.pk}/pengurus/", data).status_code == 403
    client.post(f"/registri/koperasi/{ksp.pk}/unggulan/", {"flagship": "0"})
    ksp.refresh_from_db()
    assert ksp.is_flagship and ksp.officers.count() == 2
