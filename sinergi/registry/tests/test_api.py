import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sinergi.accounts.services import api_token_create
from sinergi.registry.models import BusinessProfile, CooperativeProfile
from sinergi.registry.services import business_register, cooperative_register


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=user, name='t')[1]}"}


@pytest.fixture
def data(officer_bogor, officer_bandung):
    ksp = cooperative_register(
        actor=officer_bogor, name="KSP Mekar", region_code="32.71.03.1002", nik_koperasi="3271030010001"
    )
    talas = business_register(actor=officer_bogor, name="Keripik Talas", region_code="32.71.06.1003",
                              owner_nik="3271064107850003", phone="081234567890")  # fmt: skip
    cooperative_register(actor=officer_bandung, name="KSP Bandung", region_code="32.73.02.1004")
    return ksp, talas


@pytest.mark.django_db
def test_lists_scoped_and_paginated(client, data, officer_bandung):
    body = client.get("/api/v1/registry/cooperatives/", **bearer(officer_bandung)).json()
    assert body["count"] == 1 and body["items"][0]["name"] == "KSP Bandung"
    ksp, talas = data
    assert client.get(f"/api/v1/registry/cooperatives/{ksp.pk}", **bearer(officer_bandung)).status_code == 404
    assert client.get(f"/api/v1/registry/businesses/{talas.pk}", **bearer(officer_bandung)).status_code == 404


@pytest.mark.django_db
def test_business_personal_data_masked_for_viewer(client, data, viewer_bogor, officer_bogor):
    _ksp, talas = data
    masked = client.get(f"/api/v1/registry/businesses/{talas.pk}", **bearer(viewer_bogor)).json()
    assert (masked["owner_nik"], masked["phone"], masked["masked"]) == (
        "3271********0003",
        "6281******890",
        True,
    )
    full = client.get(f"/api/v1/registry/businesses/{talas.pk}", **bearer(officer_bogor)).json()
    assert (full["owner_nik"], full["masked"]) == ("3271064107850003", False)


@pytest.mark.django_db
def test_create_and_status(client, officer_bogor):
    headers = bearer(officer_bogor)
    created = client.post(
        "/api/v1/registry/cooperatives/",
        {
            "name": "Kopwan Mawar",
            "region": "32.71.03.1005",
            "nik_koperasi": "3271030010099",
            "members_female": 30,
        },
        content_type="application/json",
        **headers,
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    bad = client.post(f"/api/v1/registry/cooperatives/{pk}/status", {"status": "dibekukan", "reason": ""},
                      content_type="application/json", **headers)  # fmt: skip
    assert bad.status_code == 400 and "reason" in bad.json()["errors"]
    ok = client.post(f"/api/v1/registry/cooperatives/{pk}/status", {"status": "dibekukan", "reason": "Sanksi"},
                     content_type="application/json", **headers)  # fmt: skip
    assert ok.json()["status"] == "dibekukan"
    assert CooperativeProfile.objects.get(pk=pk).status == "dibekukan"


@pytest.mark.django_db
def test_create_business_outside_jurisdiction_is_403(client, officer_bandung):
    response = client.post("/api/v1/registry/businesses/", {"name": "X", "region": "32.71.03.1002"},
                           content_type="application/json", **bearer(officer_bandung))  # fmt: skip
    assert response.status_code == 403
    assert not BusinessProfile.objects.exists()


@pytest.mark.django_db
def test_import_through_api(client, officer_bogor, django_capture_on_commit_callbacks):
    headers = bearer(officer_bogor)
    sheet = SimpleUploadedFile(
        "u.csv", b"Nama Usaha,Kecamatan,Kabupaten/Kota\nToko API,Bogor Tengah,Kota Bogor\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post("/api/v1/registry/imports", {"kind": "umkm", "file": sheet}, **headers)
    assert created.status_code == 201 and created.json()["status"] == "uploaded"
    body = client.get(f"/api/v1/registry/imports/{created.json()['id']}", **headers).json()
    assert body["status"] == "previewed" and body["summary"]["created"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/api/v1/registry/imports/{body['id']}/execute", **headers)
    assert client.get(f"/api/v1/registry/imports/{body['id']}", **headers).json()["status"] == "imported"
    assert BusinessProfile.objects.get().organization.name == "Toko API"


@pytest.mark.django_db
def test_activity_endpoint(client, data, officer_bogor):
    body = client.get("/api/v1/registry/activity?region=32.71", **bearer(officer_bogor)).json()
    assert body["total"]["registered"] == 1


@pytest.mark.django_db
def test_activity_endpoint_counts_new_cooperatives_apart(client, officer_bogor, officer_bandung, settings):
    from django.utils import timezone

    from sinergi.registry.activity import years_before
    from sinergi.registry.models import CooperativeStatus

    settings.SINERGI_INACTIVE_AFTER_YEARS = 3
    today = timezone.localdate()
    days = dt.timedelta(days=1)
    cooperatives = {
        # name: (village, status, last RAT, founded)
        "KSP Aktif": ("32.71.03.1002", "aktif", today - 200 * days, None),
        "KSP Hampir Tidak Aktif": ("32.71.03.1002", "aktif", today - 900 * days, None),
        "KSP Baru": ("32.71.06.1003", CooperativeStatus.BELUM_DIKETAHUI, None, today - 100 * days),
        "KSP Lama": ("32.71.06.1003", "aktif", today - 1500 * days, None),
        "KSP Bubar": ("32.71.06.1003", "dibubarkan", today - 100 * days, None),
    }
    for name, (village, status, last_rat, founded) in cooperatives.items():
        profile = cooperative_register(actor=officer_bogor, name=name, region_code=village)
        CooperativeProfile.objects.filter(pk=profile.pk).update(
            status=status, last_rat_date=last_rat, founded_on=founded
        )
    cooperative_register(actor=officer_bandung, name="KSP Bandung", region_code="32.73.02.1004")

    body = client.get("/api/v1/registry/activity?region=32.71", **bearer(officer_bogor)).json()
    assert body == {
        "region": "32.71",
        "inactive_before": years_before(today, 3).isoformat(),
        "rows": [
            {"code": "32.71.03", "name": "Bogor Tengah", "registered": 2, "active": 2, "warning": 1, "new": 0,
             "inactive": 0},
            {"code": "32.71.06", "name": "Tanah Sareal", "registered": 2, "active": 0, "warning": 0, "new": 1,
             "inactive": 1},
        ],
        "total": {"registered": 4, "active": 2, "warning": 1, "new": 1, "inactive": 1},
    }  # fmt: skip


@pytest.mark.django_db
def test_create_business_refuses_what_the_form_refuses(client, officer_bogor):
    response = client.post(
        "/api/v1/registry/businesses/",
        {"name": "Toko", "region": "32.71.03.1002", "owner_nik": "12345", "nib": "912000"},
        content_type="application/json",
        **bearer(officer_bogor),
    )
    assert (response.status_code, response.json()) == (
        400,
        {
            "detail": "NIK harus 16 digit angka: 12345",
            "errors": {
                "owner_nik": ["NIK harus 16 digit angka: 12345"],
                "nib": ["NIB harus 13 digit angka: 912000"],
            },
        },
    )
    assert not BusinessProfile.objects.exists()


@pytest.mark.django_db
def test_patch_business(client, data, officer_bogor, viewer_bogor, officer_bandung):
    _ksp, talas = data
    url = f"/api/v1/registry/businesses/{talas.pk}"
    ok = client.patch(url, {"employees": 5, "nib": "9120001234567"}, content_type="application/json",
                      **bearer(officer_bogor))  # fmt: skip
    assert (ok.status_code, ok.json()["employees"], ok.json()["nib"]) == (200, 5, "9120001234567")
    bad = client.patch(url, {"employees": 100_001}, content_type="application/json", **bearer(officer_bogor))
    assert (bad.status_code, bad.json()["errors"]) == (
        400, {"employees": ["Jumlah tenaga kerja harus antara 0 dan 100.000: 100001"]},
    )  # fmt: skip
    assert (
        client.patch(
            url, {"employees": 9}, content_type="application/json", **bearer(viewer_bogor)
        ).status_code
        == 403
    )
    assert (
        client.patch(
            url, {"employees": 9}, content_type="application/json", **bearer(officer_bandung)
        ).status_code
        == 404
    )
    talas.refresh_from_db()
    assert (talas.employees, talas.nib) == (5, "9120001234567")


@pytest.mark.django_db
def test_patch_cooperative_refuses_absurd_values(client, data, officer_bogor):
    ksp, _talas = data
    future = dt.date(dt.date.today().year + 4, 3, 28)
    response = client.patch(
        f"/api/v1/registry/cooperatives/{ksp.pk}",
        {"members_male": 99_999_999_999, "last_rat_date": future.isoformat()},
        content_type="application/json",
        **bearer(officer_bogor),
    )
    assert (response.status_code, response.json()["errors"]) == (
        400,
        {
            "members_male": ["Jumlah anggota harus antara 0 dan 10.000.000: 99999999999"],
            "last_rat_date": [f"Tanggal tidak boleh di masa depan: {future.isoformat()}"],
        },
    )
    ksp.refresh_from_db()
    assert (ksp.members_male, ksp.last_rat_date) == (0, None)
