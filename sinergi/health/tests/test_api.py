"""The health API: status, permission, the project's error shape and one path through every endpoint."""

import pytest

from sinergi.health.models import AnnualReport
from sinergi.health.tests.factories import AnnualReportFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1/health"


def test_needs_authentication(client):
    assert client.get(f"{BASE}/reports/").status_code == 401


def test_list_is_scoped_and_paginated(api, officer_bandung, ksp_bogor, ksp_bandung):
    AnnualReportFactory(cooperative=ksp_bogor)
    mine = AnnualReportFactory(cooperative=ksp_bandung)
    data = api(officer_bandung).get(f"{BASE}/reports/").json()
    assert data["count"] == 1
    assert [item["id"] for item in data["items"]] == [mine.pk]
    assert data["items"][0]["cooperative_name"] == "Koperasi Mekar Sari"


def test_other_region_gets_404(api, officer_bandung, draft):
    client = api(officer_bandung)
    assert client.get(f"{BASE}/reports/{draft.pk}").json() == {"detail": "Tidak ditemukan."}
    assert client.post(f"{BASE}/reports/{draft.pk}/submit").status_code == 404


def test_full_path(api, coop_manager, officer_bogor, ksp_bogor):
    client = api(coop_manager)
    payload = {
        "cooperative_id": ksp_bogor.pk,
        "year": 2024,
        "rat_date": "2025-03-15",
        "values": {"total_aset": "1250000000", "kas": 60000000, "bank": "90000000.50"},
        "manajemen": {"umum": [True] * 12},
    }
    response = client.post(f"{BASE}/reports/", payload, content_type="application/json")
    assert response.status_code == 201
    report = response.json()
    assert report["status"] == "draft"
    assert report["values"]["total_aset"] == "1250000000.00"
    assert report["values"]["bank"] == "90000000.50"
    assert report["values"]["pea"] is None
    assert report["manajemen"]["kelembagaan"] == [None] * 6
    pk = report["id"]
    response = client.patch(f"{BASE}/reports/{pk}", {"values": {"kas": "65000000"}}, content_type="application/json")
    assert response.json()["values"]["kas"] == "65000000.00"
    assert response.json()["values"]["bank"] == "90000000.50"
    assert client.post(f"{BASE}/reports/{pk}/submit").json()["status"] == "submitted"
    # The cooperative cannot verify its own report.
    response = client.post(f"{BASE}/reports/{pk}/verify", {}, content_type="application/json")
    assert response.status_code == 403
    assert AnnualReport.objects.get(pk=pk).status == "submitted"
    office = api(officer_bogor)
    response = office.post(f"{BASE}/reports/{pk}/return", {"comment": ""}, content_type="application/json")
    assert response.status_code == 400
    assert set(response.json()) == {"detail", "errors"}
    assert "comment" in response.json()["errors"]
    assert office.post(f"{BASE}/reports/{pk}/verify", {"comment": "ok"}, content_type="application/json").json()[
        "status"
    ] == "verified"
    assessment = office.get(f"{BASE}/reports/{pk}/assessment").json()
    assert assessment["rules"] == "perdep-06-2016"
    assert assessment["complete"] is False
    assert assessment["result"]["total"] == assessment["total"]
    assert [p["code"] for p in assessment["pearls"]][:2] == ["P1", "P2"]
    listed = office.get(f"{BASE}/reports/?status=verified&year=2024").json()["items"]
    assert listed[0]["total"] == assessment["total"]


def test_validation_errors_have_fields(api, coop_manager, ksp_bogor):
    client = api(coop_manager)
    payload = {"cooperative_id": ksp_bogor.pk, "year": 2024, "values": {"kas": "-5"}}
    response = client.post(f"{BASE}/reports/", payload, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"kas": ["Tidak boleh negatif."]}
    response = client.post(f"{BASE}/reports/", {"cooperative_id": ksp_bogor.pk, "year": "x"}, content_type="application/json")
    assert response.status_code == 422
    assert AnnualReport.objects.count() == 0


def test_create_for_another_cooperative(api, coop_manager, ksp_bandung, coop_supervisor, ksp_bogor):
    response = api(coop_manager).post(
        f"{BASE}/reports/", {"cooperative_id": ksp_bandung.pk, "year": 2024}, content_type="application/json"
    )
    assert response.status_code == 404
    response = api(coop_supervisor).post(
        f"{BASE}/reports/", {"cooperative_id": ksp_bogor.pk, "year": 2024}, content_type="application/json"
    )
    assert response.status_code == 403
    assert AnnualReport.objects.count() == 0


def test_assessment_of_an_unscored_report_is_404(api, officer_bogor, submitted):
    assert api(officer_bogor).get(f"{BASE}/reports/{submitted.pk}/assessment").status_code == 404
