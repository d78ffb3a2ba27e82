"""Who may do what in the health slice: named predicates, the one place that reads roles.

Services check them before a write, selectors scope reads with the same role sets, views use them to
show or hide an action, so a page never offers what the service would refuse.
"""

from __future__ import annotations

from django.db.models import Q

from sinergi.accounts.models import OFFICE_WRITE_ROLES, Role
from sinergi.accounts.scoping import reach_of

# Who enters a cooperative's own annual reports: its pengurus and its staff (the pengawas reads them).
ENTRY_ROLES = frozenset({Role.PENGURUS, Role.COOP_STAFF})


def may_enter(user, cooperative) -> bool:
    """The cooperative's pengurus and staff, and Dinas admins and staff of its jurisdiction."""
    reach = reach_of(user)
    return reach.manages_region(cooperative.region_code) or bool(
        reach.roles_in(cooperative.organization_id) & ENTRY_ROLES
    )


def may_review(user, cooperative) -> bool:
    """Verification and return belong to the Dinas: admins and staff of the jurisdiction."""
    return reach_of(user).manages_region(cooperative.region_code)


def may_edit_questionnaire(user) -> bool:
    """Only office admins (or the system) publish a new wording of the management questionnaire."""
    reach = reach_of(user)
    return reach.everything or bool(reach.office_codes(frozenset({Role.ADMIN})))


def is_office_writer(user) -> bool:
    """Dinas admins and staff of any jurisdiction (rescoring, supervision actions)."""
    reach = reach_of(user)
    return reach.everything or bool(reach.office_codes(OFFICE_WRITE_ROLES))


def office_writer_q(user, field: str) -> Q:
    """Rows whose region code `field` lies in a jurisdiction where the user is admin or staff."""
    return reach_of(user).region_q(field, roles=OFFICE_WRITE_ROLES)


def entry_q(user, field_prefix: str = "") -> Q:
    """Cooperatives the user may enter a report for: those of the jurisdictions where the user is
    admin or staff, and their own (pengurus, staf koperasi). Everything for the system."""
    reach = reach_of(user)
    if reach.everything:
        return Q()
    q = reach.region_q(f"{field_prefix}region_code", roles=OFFICE_WRITE_ROLES)
    own = reach.organization_ids(ENTRY_ROLES)
    if own:
        q |= Q(**{f"{field_prefix}organization_id__in": own})
    return q
