"""The events API: status, scoping, the project's error shape, and the same rules as the pages."""

import pytest

from sinergi.core.models import AuditEvent
from sinergi.events import services
from sinergi.events.models import Attendance, Registration

pytestmark = pytest.mark.django_db

BASE = "/api/v1/events"


def test_needs_authentication(client):
    assert client.get(f"{BASE}/").status_code == 401


def test_list_is_scoped(api, officer_bogor, officer_bandung, upcoming, cooperative_bogor):
    services.registration_add(
        actor=officer_bogor, event=upcoming, organization=cooperative_bogor, attendee_name="Dedi"
    )
    data = api(officer_bogor).get(f"{BASE}/").json()
    assert data["count"] == 1
    item = data["items"][0]
    assert (
        item["id"],
        item["kind"],
        item["kind_label"],
        item["region_code"],
        item["registered"],
        item["attended"],
    ) == (upcoming.pk, "temu_koperasi", "Temu Koperasi", "32.71", 1, 0)
    assert item["speakers"] == ["Dr. Rina Kusuma", "H. Ahmad Fauzi"]
    assert (item["start_time"], item["end_time"]) == ("09:00", "12:00")
    assert api(officer_bandung).get(f"{BASE}/").json()["count"] == 0


def test_other_region_gets_404(api, officer_bandung, upcoming):
    assert api(officer_bandung).get(f"{BASE}/{upcoming.pk}").json() == {"detail": "Tidak ditemukan."}


def test_detail_shows_a_participant_only_its_own(
    api, officer_bogor, coop_manager, cooperative_bogor, other_cooperative_bogor, upcoming
):
    services.invitation_add(actor=officer_bogor, event=upcoming, organization=cooperative_bogor)
    services.registration_add(
        actor=officer_bogor, event=upcoming, organization=cooperative_bogor, attendee_name="Dedi"
    )
    services.registration_add(
        actor=officer_bogor, event=upcoming, organization=other_cooperative_bogor, attendee_name="Rudi"
    )
    office_view = api(officer_bogor).get(f"{BASE}/{upcoming.pk}").json()
    assert sorted(r["attendee_name"] for r in office_view["registrations"]) == ["Dedi", "Rudi"]
    own_view = api(coop_manager).get(f"{BASE}/{upcoming.pk}").json()
    assert [r["attendee_name"] for r in own_view["registrations"]] == ["Dedi"]
    assert own_view["invitations"] == [
        {
            "organization_id": cooperative_bogor.pk,
            "organization_name": "Koperasi Sejahtera Bersama",
            "registered": True,
        }
    ]


def test_register_and_mark_attendance(api, officer_bogor, cooperative_bogor, today_event):
    client = api(officer_bogor)
    response = client.post(
        f"{BASE}/{today_event.pk}/registrations",
        {"organization_id": cooperative_bogor.pk, "attendee_name": "Dedi Suryana"},
        content_type="application/json",
    )
    assert response.status_code == 201
    rid = response.json()["id"]
    marked = client.post(f"{BASE}/{today_event.pk}/registrations/{rid}/attendance")
    assert marked.status_code == 200 and marked.json()["attended"] is True
    assert (
        client.delete(f"{BASE}/{today_event.pk}/registrations/{rid}/attendance").json()["attended"] is False
    )


def test_same_rules_as_the_pages(api, officer_bogor, cooperative_bogor, upcoming):
    client = api(officer_bogor)
    registration = services.registration_add(
        actor=officer_bogor, event=upcoming, organization=cooperative_bogor, attendee_name="Dedi"
    )
    before = AuditEvent.objects.count()
    twice = client.post(
        f"{BASE}/{upcoming.pk}/registrations",
        {"organization_id": cooperative_bogor.pk, "attendee_name": "Lagi"},
        content_type="application/json",
    )
    assert twice.status_code == 400
    assert twice.json()["detail"] == "Organisasi ini sudah terdaftar pada kegiatan ini."
    early = client.post(f"{BASE}/{upcoming.pk}/registrations/{registration.pk}/attendance")
    assert early.status_code == 400
    assert early.json()["detail"] == "Kehadiran baru dapat dicatat pada hari kegiatan."
    assert Registration.objects.count() == 1
    assert Attendance.objects.count() == 0
    assert AuditEvent.objects.count() == before


def test_uninvited_participant_is_refused(api, coop_manager, cooperative_bogor, officer_bogor, make_event):
    event = make_event(4)
    other = make_event(5)
    services.invitation_add(actor=officer_bogor, event=other, organization=cooperative_bogor)
    # The cooperative is not invited to `event`: it does not even see it.
    response = api(coop_manager).post(
        f"{BASE}/{event.pk}/registrations",
        {"organization_id": cooperative_bogor.pk, "attendee_name": "Dedi"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert Registration.objects.count() == 0
