"""Who may do what with events: named predicates, the one place of this slice that reads roles.

Services check them before a write, selectors scope reads with them, views use them to show or hide
an action, so a page never offers what the service would refuse.
"""

from __future__ import annotations

from django.db.models import Q

from sinergi.accounts.models import OFFICE_ROLES, OFFICE_WRITE_ROLES, OrganizationKind
from sinergi.accounts.scoping import reach_of


def organizing_offices(user):
    """The offices the user may organise events for: those where the user is office admin or staff
    (every office for the system and superusers)."""
    from sinergi.accounts.models import Organization

    reach = reach_of(user)
    offices = Organization.objects.filter(kind=OrganizationKind.GOVERNMENT, is_active=True)
    if reach.everything:
        return offices.exclude(jurisdiction__isnull=True)
    writer_ids = {o.organization_id for o in reach.offices if o.role in OFFICE_WRITE_ROLES}
    return offices.filter(pk__in=writer_ids)


def may_organize_for(user, office) -> bool:
    """Office admins and staff of `office` (and the system) create its events."""
    reach = reach_of(user)
    if reach.everything:
        return office.kind == OrganizationKind.GOVERNMENT and bool(office.jurisdiction_id)
    return any(o.organization_id == office.pk and o.role in OFFICE_WRITE_ROLES for o in reach.offices)


def may_manage(user, event) -> bool:
    """Changing an event, inviting, registering anyone, taking attendance and sharing materials:
    office admins and staff of the jurisdiction the event is held in."""
    return reach_of(user).manages_region(event.region_id)


def represented_ids(user) -> list[int]:
    """The organisations the user acts for outside an office (a cooperative's pengurus and staff,
    a business owner, a partner's staff): they see the events those are invited to."""
    reach = reach_of(user)
    return sorted(oid for oid, roles in reach.org_roles.items() if roles - OFFICE_ROLES)


def may_register_for(user, organization_id: int) -> bool:
    """A person registers an organisation they act for (the invitation is a rule, not a right)."""
    return organization_id in represented_ids(user)


def may_view_participant(user, organization) -> bool:
    """An organisation's own people, and offices that reach it."""
    reach = reach_of(user)
    return reach.can_view_organization(organization)


def visible_q(user, prefix: str = "") -> Q:
    """Events the user sees: those held in a jurisdiction of any of the user's office roles, and
    those an organisation the user acts for is invited to or registered at."""
    reach = reach_of(user)
    if reach.everything:
        return Q()
    q = reach.region_q(f"{prefix}region")
    own = represented_ids(user)
    if own:
        q |= Q(**{f"{prefix}invitations__organization_id__in": own})
        q |= Q(**{f"{prefix}registrations__organization_id__in": own})
    return q


def sees_event(user, event) -> bool:
    reach = reach_of(user)
    if reach.sees_region(event.region_id):
        return True
    own = represented_ids(user)
    if not own:
        return False
    return (
        event.invitations.filter(organization_id__in=own).exists()
        or event.registrations.filter(organization_id__in=own).exists()
    )


def may_read_certificate(user, registration) -> bool:
    """The participant's own people and the offices that see the event."""
    return reach_of(user).sees_region(registration.event.region_id) or (
        registration.organization_id in represented_ids(user)
    )


def is_organizer(user) -> bool:
    """Whether the user may organise events somewhere (office admin or staff, or the system)."""
    return reach_of(user).is_office_writer
