"""Who may set up, change and run networks (jaringan): the permission predicates of the registry's
network pages, API and services, in one place."""

from __future__ import annotations

from sinergi.accounts.models import OFFICE_WRITE_ROLES, Role
from sinergi.accounts.scoping import reach_of

# The lead organisation's staff who run a network.
LEAD_ROLES = frozenset({Role.COORDINATOR})


def led_ids(reach) -> list[int]:
    """The lead organisations in which the user runs networks."""
    return reach.organization_ids(LEAD_ROLES)


def may_add_network(user) -> bool:
    reach = reach_of(user)
    return reach.everything or bool(reach.office_codes(OFFICE_WRITE_ROLES))


def may_edit_network(user, network) -> bool:
    """Rename, re-purpose, hand over or deactivate: the office of the network's area."""
    return reach_of(user).manages_region(network.region_id)


def may_run_network(user, network) -> bool:
    """Admit, record pledges and departures (and, for a buying network, run its rounds): the lead's
    coordinators and the office admins and staff of the area."""
    reach = reach_of(user)
    return reach.manages_region(network.region_id) or bool(reach.roles_in(network.lead_id) & LEAD_ROLES)
