"""The clinic API: authentication, scoping, refusals in the project's shape, and the loop."""

import datetime as dt

import pytest
from django.utils import timezone

from sinergi.clinic import services
from sinergi.clinic.models import Case, Rating
from sinergi.clinic.tests.factories import assessed
from sinergi.core.models import AuditEvent

pytestmark = pytest.mark.django_db

BASE = "/api/v1/clinic"


def test_needs_authentication(client):
    assert client.get(f"{BASE}/programmes/").status_code == 401


def test_programmes_scoped_with_progress(
    api, officer_bandung, officer_bogor, programme, programme_bandung, enrolled
):
    data = api(officer_bandung).get(f"{BASE}/programmes/").json()
    assert [p["id"] for p in data["items"]] == [programme_bandung.pk]
    assert api(officer_bandung).get(f"{BASE}/programmes/{programme.pk}").status_code == 404
    detail = api(officer_bogor).get(f"{BASE}/programmes/{programme.pk}").json()
    assert detail["progress"] == {
        "target_participants": 30, "target_good": 10, "participants": 1, "closed": 0, "good": 0,
        "improved": 0, "unchanged": 0, "worse": 0,
    }  # fmt: skip


def test_cases_scoped(api, officer_bandung, clinic_expert, expert, coop_manager, enrolled):
    assert api(officer_bandung).get(f"{BASE}/cases/").json()["count"] == 0
    assert api(officer_bandung).get(f"{BASE}/cases/{enrolled.pk}").status_code == 404
    assert api(clinic_expert).get(f"{BASE}/cases/{enrolled.pk}").status_code == 404
    assert [c["id"] for c in api(coop_manager).get(f"{BASE}/cases/").json()["items"]] == [enrolled.pk]


def test_rating_after_agreement_refused(api, clinic_expert, agreed, problems):
    client = api(clinic_expert)
    before = AuditEvent.objects.count()
    response = client.post(
        f"{BASE}/cases/{agreed.pk}/ratings",
        {"problem_ids": [problems["M01"].pk], "severity": 1},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "Diagnosis sudah disepakati" in response.json()["detail"]
    assert (Rating.objects.get().severity, AuditEvent.objects.count()) == (3, before)


def test_visit_before_enrolment_refused(api, officer_bogor, following):
    day = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    response = api(officer_bogor).post(
        f"{BASE}/cases/{following.pk}/visits",
        {"planned_on": day, "purpose": "x"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"]["planned_on"] == [
        "Tanggal kunjungan tidak boleh sebelum tanggal kasus terdaftar."
    ]


def test_loop_through_api(
    api, officer_bogor, clinic_expert, expert, programme, coop_profile, cooperative_bogor, problems, this_year
):
    office = api(officer_bogor)
    created = office.post(
        f"{BASE}/cases/",
        {"programme_id": programme.pk, "participant_id": cooperative_bogor.pk},
        content_type="application/json",
    )
    assert created.status_code == 201
    case_id = created.json()["id"]
    assert created.json()["stage"] == "enrolled"
    assert office.post(
        f"{BASE}/cases/{case_id}/team", {"expert_ids": [expert.pk]}, content_type="application/json"
    ).json()["team"] == [expert.pk]
    rated = api(clinic_expert).post(
        f"{BASE}/cases/{case_id}/ratings",
        {"problem_ids": [problems["K01"].pk], "severity": 2},
        content_type="application/json",
    )
    assert rated.status_code == 200
    office = api(officer_bogor)
    agreed = office.post(
        f"{BASE}/cases/{case_id}/agree",
        {"problem_ids": [problems["K01"].pk], "note": "ok"},
        content_type="application/json",
    )
    assert agreed.json()["agreed_problems"] == ["K01"]
    due = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    reco = office.post(
        f"{BASE}/cases/{case_id}/recommendations",
        {
            "kind": "mentoring",
            "description": "Pendampingan",
            "responsible": "expert",
            "responsible_user_id": clinic_expert.pk,
            "due_on": due,
        },
        content_type="application/json",
    )
    assert reco.status_code == 201 and reco.json()["stage"] == "follow_up"
    refused = office.post(f"{BASE}/cases/{case_id}/close", {}, content_type="application/json")
    assert refused.status_code == 400
    assessed(coop_profile, year=this_year - 1, predicate="sehat", total="82.00")
    closed = office.post(
        f"{BASE}/cases/{case_id}/close", {"note": "naik"}, content_type="application/json"
    ).json()
    assert (closed["stage"], closed["result"], closed["good"]) == ("closed", "improved", True)
    assert Case.objects.get().good is True


def test_participant_cannot_enrol_through_api(api, coop_manager, programme, coop_profile, cooperative_bogor):
    response = api(coop_manager).post(
        f"{BASE}/cases/",
        {"programme_id": programme.pk, "participant_id": cooperative_bogor.pk},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert Case.objects.count() == 0


def test_request_accept_intake_status_and_visit_record(
    api, officer_bogor, coop_manager, umkm_owner, umkm_bogor, business, following, programme
):
    case = services.case_request(actor=umkm_owner, participant=umkm_bogor)
    office = api(officer_bogor)
    assert office.post(f"{BASE}/cases/{case.pk}/accept").json()["stage"] == "enrolled"
    owner = api(umkm_owner)
    answered = owner.post(
        f"{BASE}/cases/{case.pk}/intake", {"answers": {"marketing": {"felt": True, "note": "Pasar sempit"}}},
        content_type="application/json",
    )  # fmt: skip
    assert answered.json()["intake"]["marketing"] == {"felt": True, "note": "Pasar sempit"}
    office = api(officer_bogor)
    reco = following.recommendations.get()
    done = office.post(
        f"{BASE}/recommendations/{reco.pk}/status", {"status": "done"}, content_type="application/json"
    )
    assert done.json()["status"] == "done"
    visit = services.visit_schedule(
        actor=officer_bogor, case=following, planned_on=following.enrolled_on, purpose="Cek"
    )
    recorded = office.post(
        f"{BASE}/visits/{visit.pk}/record", {"visited_on": following.enrolled_on.isoformat(), "notes": "Rapi"},
        content_type="application/json",
    )  # fmt: skip
    assert recorded.json()["notes"] == "Rapi"
    assert (
        api(umkm_owner)
        .post(
            f"{BASE}/visits/{visit.pk}/record",
            {"visited_on": following.enrolled_on.isoformat(), "notes": "x"},
            content_type="application/json",
        )
        .status_code
        == 404
    )


def test_create_programme_through_api(api, officer_bogor, officer_bandung, office_bogor, this_year):
    created = api(officer_bogor).post(
        f"{BASE}/programmes/", {"office_id": office_bogor.pk, "year": this_year + 1, "name": "Klinik"},
        content_type="application/json",
    )  # fmt: skip
    assert created.status_code == 201 and created.json()["progress"]["participants"] == 0
    refused = api(officer_bandung).post(
        f"{BASE}/programmes/", {"office_id": office_bogor.pk, "year": this_year + 2, "name": "X"},
        content_type="application/json",
    )  # fmt: skip
    assert refused.status_code == 404
