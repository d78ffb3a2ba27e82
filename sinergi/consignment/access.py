"""Who may do what with outlets and consignment: named predicates, the one place that reads roles.

- An outlet's staff run it: members of the outlet's organisation with the outlet role and, for a
  cooperative's outlet, its pengurus and staff. They receive, sell, return, write off, make and
  approve statements and record payments.
- A producer's owner sees their goods in every outlet, their sales and their statements, and may
  agree to a consignment.
- Office admins and staff of the outlet's region set outlets up; every officer of the region reads.
"""

from __future__ import annotations

from django.db.models import Q

from sinergi.accounts.models import COOPERATIVE_OPERATOR_ROLES, Role
from sinergi.accounts.scoping import reach_of

OUTLET_STAFF_ROLES = frozenset({Role.OUTLET}) | COOPERATIVE_OPERATOR_ROLES
PRODUCER_ROLES = frozenset({Role.OWNER})


def outlet_org_ids(user) -> list[int]:
    """The organisations whose outlets the user staffs."""
    return reach_of(user).organization_ids(OUTLET_STAFF_ROLES)


def producer_ids(user) -> list[int]:
    """The UMKM the user owns."""
    return reach_of(user).organization_ids(PRODUCER_ROLES)


def runs_outlet(user, outlet) -> bool:
    """Outlet staff of this outlet (and the system)."""
    reach = reach_of(user)
    return reach.everything or bool(reach.roles_in(outlet.organization_id) & OUTLET_STAFF_ROLES)


def may_set_up_outlet(user, organization, region_code: str) -> bool:
    """Office admins and staff of the region, or the organisation's own outlet staff."""
    reach = reach_of(user)
    return reach.manages_region(region_code) or bool(reach.roles_in(organization.pk) & OUTLET_STAFF_ROLES)


def may_view_outlet(user, outlet) -> bool:
    return reach_of(user).sees_region(outlet.region_code) or runs_outlet(user, outlet)


def is_producer(user, organization_id: int) -> bool:
    return bool(reach_of(user).roles_in(organization_id) & PRODUCER_ROLES)


def may_view_agreement(user, agreement) -> bool:
    return may_view_outlet(user, agreement.outlet) or is_producer(user, agreement.producer_id)


def outlet_q(user, prefix: str = "") -> Q:
    """Outlets the user reaches: in the officer's jurisdiction, or staffed by the user."""
    reach = reach_of(user)
    if reach.everything:
        return Q()
    q = reach.region_q(f"{prefix}region_code")
    own = outlet_org_ids(user)
    if own:
        q |= Q(**{f"{prefix}organization_id__in": own})
    return q


def consignment_q(user, outlet_prefix: str, producer_field: str) -> Q:
    """Rows of an outlet the user reaches, or of goods the user's UMKM produced."""
    q = outlet_q(user, outlet_prefix)
    mine = producer_ids(user)
    if mine:
        q |= Q(**{f"{producer_field}__in": mine})
    return q


def reaches_consignment(user) -> bool:
    """Whether outlets belong in the user's menu."""
    reach = reach_of(user)
    return reach.is_officer or bool(outlet_org_ids(user)) or bool(producer_ids(user))
