"""Reads of the events slice, always scoped to the asking user (`access.visible_q`)."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.accounts.scoping import reach_of
from sinergi.events.access import represented_ids, visible_q
from sinergi.events.filters import EventFilters
from sinergi.events.models import Attendance, Event, EventInvitation, Material, Registration


def event_list(*, user, filters: EventFilters | None = None) -> QuerySet[Event]:
    """The events the user sees, newest day first, with their registration and attendance counts."""
    filters = filters or EventFilters()
    visible = Event.objects.filter(visible_q(user)).values("pk")
    qs = Event.objects.filter(pk__in=visible).select_related("region", "office")
    if filters.q:
        qs = qs.filter(Q(title__icontains=filters.q) | Q(place__icontains=filters.q))
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    today = timezone.localdate()
    if filters.when == "upcoming":
        qs = qs.filter(date__gte=today)
    elif filters.when == "past":
        qs = qs.filter(date__lt=today)
    return qs.annotate(
        registered=Count("registrations", distinct=True),
        attended=Count("registrations__attendance", distinct=True),
    ).order_by("-date", "-id")


def access_event(*, user, pk) -> Event:
    """One event the user sees, or 404."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    event = Event.objects.filter(visible_q(user), pk=pk).select_related("region", "office").distinct().first()
    if event is None:
        raise Http404
    return event


def registration_list(*, user, event: Event) -> list[Registration]:
    """The participants of an event with their attendance. Offices that manage the event see all;
    an organisation's people see only their own registrations."""
    qs = Registration.objects.filter(event=event).select_related("organization", "attendance")
    if not reach_of(user).sees_region(event.region_id):
        qs = qs.filter(organization_id__in=represented_ids(user))
    return list(qs.order_by("attendee_name", "id"))


def invitation_list(*, user, event: Event) -> list[EventInvitation]:
    """The organisations invited, each marked whether it registered."""
    qs = EventInvitation.objects.filter(event=event).select_related("organization")
    if not reach_of(user).sees_region(event.region_id):
        qs = qs.filter(organization_id__in=represented_ids(user))
    registered = Registration.objects.filter(event=event, organization_id=OuterRef("organization_id"))
    return list(qs.annotate(is_registered=Exists(registered)))


def access_registration(*, user, event: Event, pk) -> Registration:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    for registration in registration_list(user=user, event=event):
        if registration.pk == pk:
            return registration
    raise Http404


def access_material(*, user, event: Event, pk) -> Material:
    material = Material.objects.filter(event=event, pk=pk).first()
    if material is None:
        raise Http404
    return material


def registrable_organizations(
    *, user, event: Event, manages: bool, q: str = "", pks: list | None = None
) -> list[Organization]:
    """The organisations the user may register now, not registered yet: an organisation's people
    their own invited ones; the organiser the invited ones, and — for someone who comes without an
    invitation — any organisation it reaches whose name matches `q`, or among `pks` (the one
    chosen on the form)."""
    registered = Registration.objects.filter(event=event).values("organization_id")
    invited = EventInvitation.objects.filter(event=event).values("organization_id")
    qs = Organization.objects.filter(pk__in=invited).exclude(pk__in=registered)
    if not manages:
        return list(qs.filter(pk__in=represented_ids(user)).order_by("name"))
    found = list(qs.order_by("name"))
    if q or pks:
        taken = set(registered.values_list("organization_id", flat=True))
        others = invitable_organizations(user=user, event=event, q=q, pks=pks)
        found += [o for o in others if o.pk not in taken]
    return found


def invitable_organizations(
    *, user, event: Event, q: str, limit: int | None = 30, pks: list | None = None
) -> list[Organization]:
    """Organisations the organiser reaches and has not invited, matching `q` (name) for the
    invitation page's search, or among `pks` (the ones ticked on it)."""
    reach = reach_of(user)
    invited = EventInvitation.objects.filter(event=event).values("organization_id")
    qs = (
        Organization.objects.filter(reach.region_q("region"), is_active=True, merged_into__isnull=True)
        .exclude(kind=OrganizationKind.GOVERNMENT)
        .exclude(pk__in=invited)
    )
    if q:
        qs = qs.filter(name__icontains=q)
    if pks is not None:
        qs = qs.filter(pk__in=[int(pk) for pk in pks if str(pk).isdigit()])
    qs = qs.select_related("region").order_by("name")
    return list(qs if limit is None else qs[:limit])


def event_history(*, user, organization: Organization) -> list[dict]:
    """A participant's events — invited, registered, attended — newest first, for its registry
    page. The caller has already been allowed to see the organisation; an event links only where
    the user may open it."""
    registrations = {
        r.event_id: r
        for r in Registration.objects.filter(organization=organization).select_related("attendance")
    }
    invited_ids = set(
        EventInvitation.objects.filter(organization=organization).values_list("event_id", flat=True)
    )
    ids = set(registrations) | invited_ids
    events = list(Event.objects.filter(pk__in=ids).order_by("-date", "-id"))
    openable = set(Event.objects.filter(visible_q(user), pk__in=ids).values_list("pk", flat=True))
    rows = []
    for event in events:
        registration = registrations.get(event.pk)
        attended = registration is not None and hasattr(registration, "attendance")
        rows.append(
            {
                "event": event,
                "registration": registration,
                "attended": attended,
                "openable": event.pk in openable,
            }
        )
    return rows


def attendance_count(*, event: Event) -> tuple[int, int]:
    """(attended, registered) of an event."""
    registered = Registration.objects.filter(event=event).count()
    attended = Attendance.objects.filter(registration__event=event).count()
    return attended, registered


def reaches_events(user) -> bool:
    """Whether the menu offers the event list: to offices, and to the people of an organisation
    with an event to see (an invitation or a registration)."""
    if reach_of(user).is_officer:
        return True
    if not represented_ids(user):
        return False
    return Event.objects.filter(visible_q(user)).exists()
