"""One rule through every door: the same bad value sent through the page (Indonesian interface),
the API, a sheet uploaded on the import page, and the `registry_import` command is refused by each
for the same reason, and nothing changes in the database."""

import csv
import datetime as dt
import html
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.accounts.services import api_token_create
from sinergi.core.models import AuditEvent
from sinergi.registry import services
from sinergi.registry.models import BusinessProfile, CooperativeProfile, CooperativeStatusChange, ImportBatch

TODAY = dt.date.today()
PALEDANG = ["Paledang", "Bogor Tengah", "Kota Bogor"]
UMKM_HEADER = ["Nama Usaha", "Kelurahan/Desa", "Kecamatan", "Kabupaten/Kota"]
COOP_HEADER = ["Nama Koperasi", "NIK Koperasi", "Kelurahan/Desa", "Kecamatan", "Kabupaten/Kota"]


@pytest.fixture
def office(client, officer_bogor, settings, tmp_path):
    """The officer of Kota Bogor signed in to the pages, with an API token; uploads go to tmp_path."""
    settings.MEDIA_ROOT = tmp_path
    client.force_login(officer_bogor)
    token = api_token_create(actor=officer_bogor, name="uji")[1]
    client.api = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    return client


@pytest.fixture
def ksp(officer_bogor):
    return services.cooperative_register(
        actor=officer_bogor, name="KSP Mekar Jaya", region_code="32.71.03.1002", phone="081234567890",
        nik_koperasi="3271030010001", legal_number="1/BH/1998", legal_date=dt.date(1998, 4, 12),
        cooperative_type="simpan_pinjam", members_male=10, members_female=15,
        last_rat_date=TODAY - dt.timedelta(days=200),
    )  # fmt: skip


def _csv(tmp_path, rows, name="lembar.csv"):
    path = tmp_path / name
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def _cooperative_state(pk):
    """Everything a write could change about a cooperative, its history and its audit trail."""
    return (
        CooperativeProfile.objects.filter(pk=pk).values().get(),
        Organization.objects.filter(pk=pk).values().get(),
        list(
            CooperativeStatusChange.objects.filter(cooperative_id=pk)
            .order_by("pk")
            .values_list("to_status", flat=True)
        ),
        AuditEvent.objects.filter(object_type="registry.cooperativeprofile", object_id=str(pk)).count(),
    )


def _business_state():
    return (
        BusinessProfile.objects.count(),
        Organization.objects.filter(kind=OrganizationKind.UMKM).count(),
        AuditEvent.objects.filter(action__startswith="business.").count(),
    )


def _edit_data(profile, **changes):
    """The cooperative edit page's fields as the page fills them in, with `changes`."""
    org = profile.organization
    data = {
        "name": org.name, "region": org.region_id, "address": org.address, "phone": org.phone, "email": org.email,
        "nik_koperasi": profile.nik_koperasi, "legal_number": profile.legal_number,
        "legal_date": profile.legal_date.isoformat(), "amendment_number": "", "amendment_date": "",
        "cooperative_type": profile.cooperative_type, "group": "", "form": profile.form, "kbli": "",
        "founded_on": "", "fiscal_year_end_month": profile.fiscal_year_end_month,
        "members_male": profile.members_male, "members_female": profile.members_female,
        "last_rat_date": profile.last_rat_date.isoformat(),
    }  # fmt: skip
    return data | changes


def _form_errors(client, url, data, field):
    response = client.post(url, data)
    assert response.status_code == 200, "the page must show the form again"
    errors = response.context["form"].errors[field]
    for message in errors:
        assert html.escape(message) in response.content.decode()
    return errors


def _sheet_door(client, officer, kind, path, capture):
    """Upload on the import page, check it, then import it: the report of the import."""
    with capture(execute=True):
        upload = SimpleUploadedFile(path.name, path.read_bytes(), "text/csv")
        response = client.post("/registri/impor/", {"kind": kind, "file": upload})
    assert response.status_code == 302
    batch = ImportBatch.objects.get(uploaded_by=officer, filename=path.name, status="previewed")
    with capture(execute=True):
        assert client.post(f"/registri/impor/{batch.pk}/jalankan/").status_code == 302
    batch.refresh_from_db()
    assert batch.status == "imported"
    return batch.summary


def _cli_door(officer, kind, path):
    out, err = io.StringIO(), io.StringIO()
    call_command("registry_import", str(path), kind=kind, as_user=officer.email, stdout=out, stderr=err)
    return out.getvalue().splitlines()


# --- NIK and NIB of a new UMKM: the row is refused ----------------------------------------------


@pytest.mark.parametrize(
    ("field", "header", "value", "reason"),
    [
        ("owner_nik", "NIK Pemilik", "12345", "NIK harus 16 digit angka: 12345"),
        ("owner_nik", "NIK Pemilik", "3271069913850003", "NIK tidak valid: 3271069913850003"),
        ("nib", "NIB", "912000", "NIB harus 13 digit angka: 912000"),
    ],
)
@pytest.mark.django_db
def test_identity_number_of_a_business_through_every_door(
    office, officer_bogor, tmp_path, django_capture_on_commit_callbacks, field, header, value, reason
):
    before = _business_state()
    # The page.
    errors = _form_errors(
        office,
        "/registri/umkm/baru/",
        {"name": "Toko Baru", "region": "32.71.03.1002", "status": "aktif", field: value},
        field,
    )
    assert errors == [reason]
    # The API.
    response = office.post(
        "/api/v1/registry/businesses/",
        {"name": "Toko Baru", "region": "32.71.03.1002", field: value},
        content_type="application/json",
        **office.api,
    )
    assert (response.status_code, response.json()) == (400, {"detail": reason, "errors": {field: [reason]}})
    # A sheet, uploaded on the import page and imported.
    path = _csv(tmp_path, [[*UMKM_HEADER, header], ["Toko Baru", *PALEDANG, value]])
    summary = _sheet_door(office, officer_bogor, "umkm", path, django_capture_on_commit_callbacks)
    assert (summary["created"], summary["rejected_sample"][0]["line"], summary["rejected_sample"][0]["reason"]) == (
        0, 2, f"{header}: {reason}",
    )  # fmt: skip
    # The command.
    lines = _cli_door(officer_bogor, "umkm", path)
    assert lines[0] == f"  baris 2: {header}: {reason}"
    assert lines[1].startswith("0 baru, 0 diperbarui, 0 tetap, 1 ditolak")
    assert _business_state() == before == (0, 0, 0)


# --- a cooperative's phone, member count and last RAT: the value is refused ---------------------


@pytest.mark.parametrize(
    ("field", "header", "value", "reason"),
    [
        ("phone", "No. HP/WhatsApp", "12345", "Nomor telepon tidak valid: 12345"),
        (
            "members_male",
            "Jumlah Anggota Laki-laki",
            99_999_999_999,
            "Jumlah anggota harus antara 0 dan 10.000.000: 99999999999",
        ),
        (
            "last_rat_date",
            "Tanggal RAT Terakhir",
            dt.date(TODAY.year + 4, 3, 28),
            f"Tanggal tidak boleh di masa depan: {TODAY.year + 4}-03-28",
        ),
    ],
)
@pytest.mark.django_db
def test_cooperative_value_through_every_door(
    office, officer_bogor, ksp, tmp_path, django_capture_on_commit_callbacks, field, header, value, reason
):
    before = _cooperative_state(ksp.pk)
    sent = value.isoformat() if isinstance(value, dt.date) else value
    # The page: the edit form, saved with only this value changed.
    url = f"/registri/koperasi/{ksp.pk}/ubah/"
    assert _form_errors(office, url, _edit_data(ksp, **{field: sent}), field) == [reason]
    # The API.
    response = office.patch(
        f"/api/v1/registry/cooperatives/{ksp.pk}",
        {field: sent},
        content_type="application/json",
        **office.api,
    )
    assert (response.status_code, response.json()) == (400, {"detail": reason, "errors": {field: [reason]}})
    # A sheet: the cooperative's row with this value imports unchanged, the value refused.
    path = _csv(tmp_path, [[*COOP_HEADER, header], ["KSP Mekar Jaya", "3271030010001", *PALEDANG, sent]])
    summary = _sheet_door(office, officer_bogor, "cooperative", path, django_capture_on_commit_callbacks)
    assert (summary["unchanged"], summary["rejected_count"], summary["warnings_sample"]) == (
        1, 0, [{"line": 2, "reason": f"{header}: {reason} (nilai lama dipertahankan)", "reason_en": summary["warnings_sample"][0]["reason_en"]}],
    )  # fmt: skip
    # The command.
    lines = _cli_door(officer_bogor, "cooperative", path)
    assert lines[0] == f"  baris 2 (peringatan): {header}: {reason} (nilai lama dipertahankan)"
    assert lines[1].startswith("0 baru, 0 diperbarui, 1 tetap, 0 ditolak, 1 dengan peringatan")
    assert _cooperative_state(ksp.pk) == before


@pytest.mark.django_db
def test_the_same_doors_accept_a_good_value(
    office, officer_bogor, ksp, tmp_path, django_capture_on_commit_callbacks
):
    """The control: the values the doors refuse above are the only reason they refuse."""
    url = f"/registri/koperasi/{ksp.pk}/ubah/"
    assert office.post(url, _edit_data(ksp, members_male=11)).status_code == 302
    response = office.patch(
        f"/api/v1/registry/cooperatives/{ksp.pk}",
        {"members_male": 12},
        content_type="application/json",
        **office.api,
    )
    assert (response.status_code, response.json()["members_male"]) == (200, 12)
    path = _csv(
        tmp_path,
        [[*COOP_HEADER, "Jumlah Anggota Laki-laki"], ["KSP Mekar Jaya", "3271030010001", *PALEDANG, "13"]],
    )
    summary = _sheet_door(office, officer_bogor, "cooperative", path, django_capture_on_commit_callbacks)
    assert (summary["updated"], summary["warnings_count"]) == (1, 0)
    ksp.refresh_from_db()
    assert ksp.members_male == 13


# --- a dissolved cooperative is not revived ------------------------------------------------------


@pytest.mark.django_db
def test_dissolved_cooperative_stays_dissolved_through_every_door(
    office, officer_bogor, ksp, tmp_path, django_capture_on_commit_callbacks
):
    services.cooperative_set_status(
        actor=officer_bogor, cooperative=ksp, status="dibubarkan", reason="Keputusan pembubaran"
    )
    before = _cooperative_state(ksp.pk)
    assert before[2] == ["aktif", "dibubarkan"]
    reason = "Koperasi yang sudah dibubarkan tidak dapat diubah statusnya"
    # The page: the status form of the cooperative's page.
    response = office.post(
        f"/registri/koperasi/{ksp.pk}/status/",
        {"status": "aktif", "effective_on": TODAY.isoformat(), "reason": "Aktif kembali"},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [reason]
    # The API.
    response = office.post(
        f"/api/v1/registry/cooperatives/{ksp.pk}/status",
        {"status": "aktif", "reason": "Aktif kembali"},
        content_type="application/json",
        **office.api,
    )
    assert (response.status_code, response.json()) == (
        400,
        {"detail": reason, "errors": {"status": [reason]}},
    )
    # A sheet that still says "aktif": the row is refused.
    path = _csv(tmp_path, [[*COOP_HEADER, "Status"], ["KSP Mekar Jaya", "3271030010001", *PALEDANG, "aktif"]])
    summary = _sheet_door(office, officer_bogor, "cooperative", path, django_capture_on_commit_callbacks)
    assert (summary["updated"], summary["rejected_sample"][0]["line"], summary["rejected_sample"][0]["reason"]) == (
        0, 2, f"Status: {reason}",
    )  # fmt: skip
    # The command.
    lines = _cli_door(officer_bogor, "cooperative", path)
    assert lines[0] == f"  baris 2: Status: {reason}"
    assert lines[1].startswith("0 baru, 0 diperbarui, 0 tetap, 1 ditolak")
    assert _cooperative_state(ksp.pk) == before
