"""Cancelling an event, and telling organisations they are invited: through the service, the page
and the API, each refusal changing nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from sinergi.core.models import AuditEvent, Notification
from sinergi.events import services
from sinergi.events.models import Event, Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited_and_registered(officer_bogor, upcoming, cooperative_bogor, coop_staff, other_cooperative_bogor):
    services.invitation_add(actor=officer_bogor, event=upcoming, organization=cooperative_bogor)
    services.registration_add(
        actor=officer_bogor, event=upcoming, organization=other_cooperative_bogor, attendee_name="Tati"
    )
    return upcoming


def test_invitation_tells_the_organisations_people(officer_bogor, upcoming, cooperative_bogor, coop_staff):
    coop_staff.language = "id"
    coop_staff.save()
    services.invitation_add(actor=officer_bogor, event=upcoming, organization=cooperative_bogor)
    note = Notification.objects.get(recipient=coop_staff)
    assert note.event == "event_invited"
    assert note.subject == "Undangan kegiatan: Temu Koperasi Kota Bogor"
    assert note.body.startswith(f"{cooperative_bogor.name} diundang ke Temu Koperasi Kota Bogor pada ")
    assert note.body.endswith("di Balai Kota Bogor. Daftarkan orang yang akan hadir dari halaman kegiatan.")
    assert note.url == reverse("events:event_detail", args=[upcoming.pk])
    # The officer who invited is not told about their own act.
    assert not Notification.objects.filter(recipient=officer_bogor).exists()


def test_cancel_keeps_the_event_and_tells_every_participant(officer_bogor, invited_and_registered, coop_staff):
    event = invited_and_registered
    Notification.objects.all().delete()
    services.event_cancel(actor=officer_bogor, event=event, reason="  Narasumber berhalangan.\r\n ")
    event.refresh_from_db()
    assert event.is_cancelled
    assert event.cancel_reason == "Narasumber berhalangan."
    assert Registration.objects.filter(event=event).count() == 1
    entry = AuditEvent.objects.get(action="event.cancel")
    assert entry.after == {"cancel_reason": "Narasumber berhalangan."}
    assert entry.region_code == "32.71"
    note = Notification.objects.get(recipient=coop_staff)
    assert note.event == "event_cancelled"
    assert note.subject == "Kegiatan dibatalkan: Temu Koperasi Kota Bogor"
    assert note.body.endswith("di Balai Kota Bogor dibatalkan. Alasan: Narasumber berhalangan.")


def _refused(officer, event, reason, code):
    before = (AuditEvent.objects.count(), Notification.objects.count())
    with pytest.raises(ValidationError) as caught:
        services.event_cancel(actor=officer, event=event, reason=reason)
    assert caught.value.error_dict if code == "cancel_reason_missing" else caught.value.code == code
    assert (AuditEvent.objects.count(), Notification.objects.count()) == before
    return caught.value


def test_cancel_needs_a_reason(officer_bogor, upcoming):
    error = _refused(officer_bogor, upcoming, "  \n ", "cancel_reason_missing")
    assert error.message_dict["reason"] == ["Tulis alasan pembatalan: peserta menerimanya dalam pemberitahuan."]
    assert Event.objects.get(pk=upcoming.pk).cancelled_at is None


def test_cancel_twice_is_refused(officer_bogor, upcoming):
    services.event_cancel(actor=officer_bogor, event=upcoming, reason="Banjir.")
    first = Event.objects.get(pk=upcoming.pk).cancelled_at
    _refused(officer_bogor, upcoming, "Lagi.", "event_cancelled")
    again = Event.objects.get(pk=upcoming.pk)
    assert (again.cancelled_at, again.cancel_reason) == (first, "Banjir.")


def test_an_attended_event_cannot_be_cancelled(officer_bogor, today_event, cooperative_bogor):
    registration = services.registration_add(
        actor=officer_bogor, event=today_event, organization=cooperative_bogor, attendee_name="Ujang"
    )
    services.attendance_mark(actor=officer_bogor, registration=registration)
    error = _refused(officer_bogor, today_event, "Batal.", "cancel_event_attended")
    assert error.messages == ["Kegiatan yang kehadirannya sudah dicatat tidak dapat dibatalkan."]
    assert Event.objects.get(pk=today_event.pk).cancelled_at is None


def test_a_past_event_cannot_be_cancelled(officer_bogor, make_event):
    past = make_event(-2)
    _refused(officer_bogor, past, "Batal.", "cancel_event_past")


def test_another_office_cannot_cancel(officer_bandung, upcoming):
    with pytest.raises(PermissionDenied):
        services.event_cancel(actor=officer_bandung, event=upcoming, reason="Bukan urusan saya.")
    assert Event.objects.get(pk=upcoming.pk).cancelled_at is None
    assert not AuditEvent.objects.filter(action="event.cancel").exists()


def test_nothing_changes_on_a_cancelled_event(officer_bogor, upcoming, cooperative_bogor, make_event):
    services.event_cancel(actor=officer_bogor, event=upcoming, reason="Ditunda.")
    with pytest.raises(ValidationError) as caught:
        services.registration_add(
            actor=officer_bogor, event=upcoming, organization=cooperative_bogor, attendee_name="Ani"
        )
    assert caught.value.code == "event_cancelled"
    with pytest.raises(ValidationError):
        services.invitation_add(actor=officer_bogor, event=upcoming, organization=cooperative_bogor)
    with pytest.raises(ValidationError):
        services.event_update(actor=officer_bogor, event=upcoming, title="Judul baru")
    assert Event.objects.get(pk=upcoming.pk).title == "Temu Koperasi Kota Bogor"
    assert not Registration.objects.filter(event=upcoming).exists()


def test_cancel_page_shows_the_reason_and_hides_actions(client, officer_bogor, upcoming):
    client.force_login(officer_bogor)
    url = reverse("events:event_detail", args=[upcoming.pk])
    page = client.get(url).content.decode()
    assert 'action="{}"'.format(reverse("events:event_cancel", args=[upcoming.pk])) in page
    refused = client.post(reverse("events:event_cancel", args=[upcoming.pk]), {"reason": ""})
    assert refused.status_code == 200
    assert "Bidang ini tidak boleh kosong." in refused.content.decode()
    assert Event.objects.get(pk=upcoming.pk).cancelled_at is None
    done = client.post(reverse("events:event_cancel", args=[upcoming.pk]), {"reason": "Hujan badai."})
    assert done.status_code == 302
    page = client.get(url).content.decode()
    assert "Kegiatan ini dibatalkan pada" in page
    assert "Hujan badai." in page
    assert reverse("events:event_edit", args=[upcoming.pk]) not in page
    assert reverse("events:event_cancel", args=[upcoming.pk]) not in page
    listing = client.get(reverse("events:event_list")).content.decode()
    assert "Dibatalkan" in listing


def test_cancel_page_in_english(client, officer_bogor, upcoming):
    client.cookies["sinergi_lang"] = "en"
    client.force_login(officer_bogor)
    client.post(reverse("events:event_cancel", args=[upcoming.pk]), {"reason": "Storm."})
    with translation.override("en"):
        page = client.get(reverse("events:event_detail", args=[upcoming.pk])).content.decode()
    assert "This event was cancelled on" in page


def test_viewer_cannot_cancel_through_the_page(client, viewer_bogor, upcoming):
    client.force_login(viewer_bogor)
    response = client.post(reverse("events:event_cancel", args=[upcoming.pk]), {"reason": "x"})
    assert response.status_code == 403
    assert Event.objects.get(pk=upcoming.pk).cancelled_at is None


def test_cancel_through_the_api(api, officer_bogor, viewer_bogor, upcoming):
    url = f"/api/v1/events/{upcoming.pk}/cancel"
    denied = api(viewer_bogor).post(url, {"reason": "x"}, content_type="application/json")
    assert denied.status_code == 403
    assert Event.objects.get(pk=upcoming.pk).cancelled_at is None
    empty = api(officer_bogor).post(url, {"reason": " "}, content_type="application/json")
    assert empty.status_code == 400
    assert empty.json()["errors"]["reason"] == [
        "Tulis alasan pembatalan: peserta menerimanya dalam pemberitahuan."
    ]
    done = api(officer_bogor).post(url, {"reason": "Ditunda ke bulan depan."}, content_type="application/json")
    assert done.status_code == 200
    body = done.json()
    assert body["cancel_reason"] == "Ditunda ke bulan depan."
    assert body["cancelled_at"] is not None
    again = api(officer_bogor).post(url, {"reason": "Lagi."}, content_type="application/json")
    assert again.status_code == 400
    assert again.json()["detail"] == "Kegiatan ini sudah dibatalkan."
