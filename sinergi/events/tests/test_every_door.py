"""One rule, every door: registering after the event is refused with the same reason and no change
through the service, the page and the API."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sinergi.accounts.services import api_token_create
from sinergi.core.models import AuditEvent
from sinergi.events import services
from sinergi.events.models import Registration

pytestmark = pytest.mark.django_db

REASON = "Pendaftaran sudah ditutup karena kegiatan telah lewat."


@pytest.fixture
def past(make_event, officer_bogor, cooperative_bogor):
    event = make_event(-1)
    services.invitation_add(actor=officer_bogor, event=event, organization=cooperative_bogor)
    return event


def test_service(officer_bogor, past, cooperative_bogor):
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.registration_add(
            actor=officer_bogor, event=past, organization=cooperative_bogor, attendee_name="A"
        )
    assert exc.value.messages == [REASON]
    assert (Registration.objects.count(), AuditEvent.objects.count()) == (0, before)


def test_page(as_user, officer_bogor, past, cooperative_bogor):
    before = AuditEvent.objects.count()
    response = as_user(officer_bogor).post(
        reverse("events:event_register", args=[past.pk]),
        {"organization": cooperative_bogor.pk, "attendee_name": "A"},
    )
    assert response.status_code == 200
    assert REASON in response.content.decode()
    assert (Registration.objects.count(), AuditEvent.objects.count()) == (0, before)


def test_api(client, officer_bogor, past, cooperative_bogor):
    _token, raw = api_token_create(actor=officer_bogor, name="uji")
    before = AuditEvent.objects.count()
    response = client.post(
        f"/api/v1/events/{past.pk}/registrations",
        {"organization_id": cooperative_bogor.pk, "attendee_name": "A"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 400
    assert response.json()["detail"] == REASON
    assert (Registration.objects.count(), AuditEvent.objects.count()) == (0, before)
