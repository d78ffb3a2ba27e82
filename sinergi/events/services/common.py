"""What every event service shares: the refusal in the user's words, the audit event filed under
the event's region, and the row lock of an event."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from sinergi.core.audit import audit_record
from sinergi.events.models import Event
from sinergi.events.rules import PROBLEMS


def refuse(field: str | None, code: str) -> ValidationError:
    """The ValidationError a service raises for a rule's problem code."""
    message = PROBLEMS[code]
    if field is None:
        return ValidationError(message, code=code)
    return ValidationError({field: ValidationError(message, code=code)})


def audit(actor, action: str, obj, event: Event, *, organization_id=None, before=None, after=None) -> None:
    """An audit event filed under the event's region; `organization_id` the participant acted on
    (the organising office when none)."""
    audit_record(
        actor=actor,
        action=action,
        obj=obj,
        before=before,
        after=after,
        region_code=event.region_id,
        organization_id=organization_id or event.office_id,
    )


def locked(event: Event) -> Event:
    """The event again, locked for this transaction (its date and registrations hold)."""
    return Event.objects.select_for_update().get(pk=event.pk)
