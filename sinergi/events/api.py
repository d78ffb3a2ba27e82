"""The events API at /api/v1/events/: events the caller sees, their participants, registration and
attendance. Errors follow the project's shape: `{"detail": …, "errors": {field: [messages]}}`."""

# No `from __future__ import annotations`: django-ninja reads the parameters of a paginated
# operation through its wrapper, whose module cannot resolve names given as strings.

import datetime as dt

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from sinergi.accounts.models import Organization
from sinergi.core.paging import ApiPagination
from sinergi.core.schemas import Id, Line, Lines, errors
from sinergi.events import access, selectors, services
from sinergi.events.filters import EventFilters

router = Router(tags=["events"])


class EventOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    date: dt.date
    # "09:00", local time of the event's place: a JSON-schema `time` demands a UTC offset, and an
    # event's hours are wall-clock hours of its day, not moments.
    start_time: str | None
    end_time: str | None
    place: str
    region_code: str
    region_name: str
    office_id: int
    office_name: str
    organizers: list[str]
    speakers: list[str]
    # Set when the organiser cancelled the event, with the reason its participants were told.
    cancelled_at: dt.datetime | None
    cancel_reason: str

    @staticmethod
    def resolve_start_time(obj):
        return obj.start_time.strftime("%H:%M") if obj.start_time else None

    @staticmethod
    def resolve_end_time(obj):
        return obj.end_time.strftime("%H:%M") if obj.end_time else None

    @staticmethod
    def resolve_kind_label(obj):
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_region_code(obj):
        return obj.region_id

    @staticmethod
    def resolve_region_name(obj):
        return obj.region.name

    @staticmethod
    def resolve_office_name(obj):
        return obj.office.name

    @staticmethod
    def resolve_organizers(obj):
        return obj.organizer_list()

    @staticmethod
    def resolve_speakers(obj):
        return obj.speaker_list()


class EventListOut(EventOut):
    registered: int
    attended: int


class RegistrationOut(Schema):
    id: int
    organization_id: int
    organization_name: str
    attendee_name: str
    attendee_position: str
    attended: bool

    @staticmethod
    def resolve_organization_name(obj):
        return obj.organization.name

    @staticmethod
    def resolve_attended(obj):
        return hasattr(obj, "attendance")


class InvitationOut(Schema):
    organization_id: int
    organization_name: str
    registered: bool

    @staticmethod
    def resolve_organization_name(obj):
        return obj.organization.name

    @staticmethod
    def resolve_registered(obj):
        return obj.is_registered


class MaterialOut(Schema):
    id: int
    title: str
    name: str
    size: int


class EventDetailOut(EventOut):
    description: str
    invitations: list[InvitationOut]
    registrations: list[RegistrationOut]
    materials: list[MaterialOut]

    # The participants a caller sees depend on who asks: `_detail` lists them for the caller.
    @staticmethod
    def resolve_invitations(obj):
        return obj.caller_invitations

    @staticmethod
    def resolve_registrations(obj):
        return obj.caller_registrations

    @staticmethod
    def resolve_materials(obj):
        return list(obj.materials.all())


class RegistrationIn(Schema):
    organization_id: Id
    attendee_name: Line
    attendee_position: Line = ""


def _user(request):
    return request.auth


def _detail(request, pk: int):
    user = _user(request)
    event = selectors.access_event(user=user, pk=pk)
    event.caller_invitations = selectors.invitation_list(user=user, event=event)
    event.caller_registrations = selectors.registration_list(user=user, event=event)
    return event


@router.get("/", response=list[EventListOut])
@paginate(ApiPagination, page_size=50)
def list_events(request, q: Line = "", kind: Line = "", when: Line = ""):
    """Events the caller sees: an office those held in its jurisdiction, an organisation those it is
    invited to or registered at. `when` is `upcoming` or `past`."""
    filters = EventFilters.from_params({"q": q, "kind": kind, "when": when})
    return selectors.event_list(user=_user(request), filters=filters)


@router.get("/{event_id}", response={200: EventDetailOut, **errors(404)})
def get_event(request, event_id: Id):
    return _detail(request, event_id)


class CancelIn(Schema):
    reason: Lines


@router.post("/{event_id}/cancel", response={200: EventDetailOut, **errors(400, 403, 404)})
def cancel_event(request, event_id: Id, payload: CancelIn):
    """Cancel an event before it is over (the organiser), with the reason every invited or
    registered organisation is told. Refused once attendance is taken or when already cancelled."""
    user = _user(request)
    event = selectors.access_event(user=user, pk=event_id)
    services.event_cancel(actor=user, event=event, reason=payload.reason)
    return _detail(request, event_id)


@router.post("/{event_id}/registrations", response={201: RegistrationOut, **errors(400, 403, 404)})
def register(request, event_id: Id, payload: RegistrationIn):
    """Register an organisation: the organiser any it reaches, an organisation's people their own
    invited organisation."""
    user = _user(request)
    event = selectors.access_event(user=user, pk=event_id)
    organization = get_object_or_404(Organization, pk=payload.organization_id)
    if not access.may_view_participant(user, organization):
        raise Http404
    registration = services.registration_add(
        actor=user,
        event=event,
        organization=organization,
        attendee_name=payload.attendee_name,
        attendee_position=payload.attendee_position,
    )
    return Status(201, selectors.access_registration(user=user, event=event, pk=registration.pk))


@router.post(
    "/{event_id}/registrations/{registration_id}/attendance",
    response={200: RegistrationOut, **errors(400, 403, 404)},
)
def mark_attendance(request, event_id: Id, registration_id: Id):
    """Mark a registered participant present (on the event's day or later)."""
    user = _user(request)
    event = selectors.access_event(user=user, pk=event_id)
    registration = selectors.access_registration(user=user, event=event, pk=registration_id)
    services.attendance_mark(actor=user, registration=registration)
    return selectors.access_registration(user=user, event=event, pk=registration_id)


@router.delete(
    "/{event_id}/registrations/{registration_id}/attendance",
    response={200: RegistrationOut, **errors(403, 404)},
)
def unmark_attendance(request, event_id: Id, registration_id: Id):
    user = _user(request)
    event = selectors.access_event(user=user, pk=event_id)
    registration = selectors.access_registration(user=user, event=event, pk=registration_id)
    services.attendance_unmark(actor=user, registration=registration)
    return selectors.access_registration(user=user, event=event, pk=registration_id)
