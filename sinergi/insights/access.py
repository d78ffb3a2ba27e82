"""Who may do what with an office's insights: recaps and its letterhead (the named predicates every
door calls; role names are written here and in accounts only)."""

from __future__ import annotations

from sinergi.accounts.models import (
    OFFICE_ADMIN_ROLES,
    OFFICE_ROLES,
    OFFICE_WRITE_ROLES,
    Organization,
    OrganizationKind,
)
from sinergi.accounts.scoping import reach_of


def offices_of(user, *, admin_only: bool = False) -> list[Organization]:
    """The offices where the user holds an office role (only the admin role with `admin_only`);
    every office with a jurisdiction for superusers and the system, by name."""
    roles = OFFICE_ADMIN_ROLES if admin_only else OFFICE_ROLES
    reach = reach_of(user)
    offices = Organization.objects.filter(kind=OrganizationKind.GOVERNMENT, jurisdiction__isnull=False)
    if not reach.everything:
        ids = [scope.organization_id for scope in reach.offices if scope.role in roles]
        offices = offices.filter(pk__in=ids)
    return list(offices.order_by("name"))


def may_edit_letterhead(user, office: Organization) -> bool:
    """Only the office's own admins (and superusers) set its letterhead."""
    reach = reach_of(user)
    return reach.everything or bool(reach.roles_in(office.pk) & OFFICE_ADMIN_ROLES)


def may_view_recaps(user, office: Organization) -> bool:
    reach = reach_of(user)
    return reach.everything or bool(reach.roles_in(office.pk) & OFFICE_ROLES)


def may_generate_recap(user, office: Organization) -> bool:
    """Office admins and staff generate recaps; viewers only download them."""
    reach = reach_of(user)
    return reach.everything or bool(reach.roles_in(office.pk) & OFFICE_WRITE_ROLES)
