"""Registration of participants and attendance on the day.

`ATTENDANCE_WATCHERS` lets another slice act on attendance without this one knowing it: the clinic
appends a function that marks a "training attended" recommendation done. Each watcher is called with
the new `Attendance` inside the transaction that records it, so a watcher's failure undoes the
attendance too and the two never disagree.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.accounts.models import Organization
from sinergi.accounts.scoping import reach_of
from sinergi.events.access import may_manage, may_register_for
from sinergi.events.models import Attendance, Event, EventInvitation, Registration
from sinergi.events.rules import attendance_problem, cancel_problem, cancelled_problem, registration_problem
from sinergi.events.services.common import audit, locked, refuse

ATTENDANCE_WATCHERS: list[Callable[[Attendance], None]] = []


def _user_or_none(actor):
    return actor if getattr(actor, "pk", None) else None


@transaction.atomic
def registration_add(
    *, actor, event: Event, organization: Organization, attendee_name: str, attendee_position: str = ""
) -> Registration:
    """Register an organisation at an event, with the name of the person it sends.

    The organiser registers any organisation it reaches; an organisation's own people register it
    when it is invited. Once per organisation, and not after the event's day."""
    by_organizer = may_manage(actor, event) and reach_of(actor).can_view_organization(organization)
    if not by_organizer and not may_register_for(actor, organization.pk):
        raise PermissionDenied(_("Anda tidak berhak mendaftarkan organisasi ini."))
    event = locked(event)
    if code := cancelled_problem(cancelled=event.is_cancelled):
        raise refuse(None, code)
    code = registration_problem(
        event_date=event.date,
        today=timezone.localdate(),
        already_registered=Registration.objects.filter(event=event, organization=organization).exists(),
        invited=EventInvitation.objects.filter(event=event, organization=organization).exists(),
        by_organizer=by_organizer,
        attendee_name=attendee_name,
    )
    if code:
        raise refuse("attendee_name" if code == "attendee_missing" else None, code)
    registration = Registration.objects.create(
        event=event,
        organization=organization,
        attendee_name=attendee_name.strip(),
        attendee_position=(attendee_position or "").strip(),
        registered_by=_user_or_none(actor),
    )
    audit(
        actor,
        "event.register",
        event,
        event,
        organization_id=organization.pk,
        after={
            "organization": organization.pk,
            "organization_name": organization.name,
            "attendee_name": registration.attendee_name,
        },
    )
    return registration


@transaction.atomic
def registration_cancel(*, actor, registration: Registration) -> None:
    """Withdraw a registration before the event is over, unless the participant already attended."""
    event = registration.event
    if not (may_manage(actor, event) or may_register_for(actor, registration.organization_id)):
        raise PermissionDenied(_("Anda tidak berhak membatalkan pendaftaran ini."))
    event = locked(event)
    attended = Attendance.objects.filter(registration=registration).exists()
    if code := cancel_problem(event_date=event.date, today=timezone.localdate(), attended=attended):
        raise refuse(None, code)
    audit(
        actor,
        "event.unregister",
        event,
        event,
        organization_id=registration.organization_id,
        before={
            "organization": registration.organization_id,
            "organization_name": registration.organization.name,
            "attendee_name": registration.attendee_name,
        },
    )
    registration.delete()


@transaction.atomic
def attendance_mark(*, actor, registration: Registration) -> Attendance:
    """Mark a registered participant present: on the event's day or later, once."""
    event = registration.event
    if not may_manage(actor, event):
        raise PermissionDenied(_("Anda tidak berhak mencatat kehadiran kegiatan ini."))
    event = locked(event)
    if code := cancelled_problem(cancelled=event.is_cancelled) or attendance_problem(
        event_date=event.date, today=timezone.localdate()
    ):
        raise refuse(None, code)
    existing = Attendance.objects.filter(registration=registration).first()
    if existing is not None:
        return existing
    attendance = Attendance.objects.create(registration=registration, marked_by=_user_or_none(actor))
    audit(
        actor,
        "event.attend",
        event,
        event,
        organization_id=registration.organization_id,
        after={
            "organization_name": registration.organization.name,
            "attendee_name": registration.attendee_name,
        },
    )
    for watcher in ATTENDANCE_WATCHERS:
        watcher(attendance)
    return attendance


@transaction.atomic
def attendance_unmark(*, actor, registration: Registration) -> None:
    """Undo a mistaken tap on the attendance list."""
    event = registration.event
    if not may_manage(actor, event):
        raise PermissionDenied(_("Anda tidak berhak mencatat kehadiran kegiatan ini."))
    event = locked(event)
    attendance = Attendance.objects.filter(registration=registration).first()
    if attendance is None:
        return
    audit(
        actor,
        "event.unattend",
        event,
        event,
        organization_id=registration.organization_id,
        before={
            "organization_name": registration.organization.name,
            "attendee_name": registration.attendee_name,
        },
    )
    attendance.delete()
