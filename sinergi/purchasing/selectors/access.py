"""Who may do what in Belanja Bareng: the permission questions pages, API and services ask."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from sinergi.accounts.models import (
    COOPERATIVE_MANAGER_ROLES,
    OFFICE_WRITE_ROLES,
    Organization,
    Role,
)
from sinergi.accounts.scoping import reach_of
from sinergi.registry.access import LEAD_ROLES, may_run_network
from sinergi.registry.models import Network, NetworkKind, NetworkMember, NetworkMemberState
from sinergi.registry.selectors_networks import ordering_cooperatives

# Managers who place orders; the pengawas (supervisory board) only reads.
ORDER_ROLES = frozenset({Role.PENGURUS, Role.COOP_STAFF})
COORDINATOR_ROLES = LEAD_ROLES
SUPPLIER_ROLES = frozenset({Role.SUPPLIER})


def coordinated_ids(reach) -> list[int]:
    """The networks' coordinating organisations the user works for."""
    return reach.organization_ids(COORDINATOR_ROLES)


def supplied_ids(reach) -> list[int]:
    """The suppliers the user works for."""
    return reach.organization_ids(SUPPLIER_ROLES)


def supplier_staff(supplier: Organization) -> QuerySet:
    """The active memberships of a supplier's staff: who hears of its purchase orders."""
    return supplier.memberships.filter(role__in=SUPPLIER_ROLES, is_active=True)


def one_or_404(qs: QuerySet, pk):
    try:
        obj = qs.filter(pk=int(pk)).first()
    except (ValueError, TypeError):
        obj = None
    if obj is None:
        raise Http404
    return obj


def may_coordinate(user, network: Network) -> bool:
    """Run the network: its members and rounds. The coordinator's staff, and office admins and
    staff of the area (the Dinas facilitates JUK and may step in for an absent coordinator)."""
    return may_run_network(user, network)


def may_view_whole_network(user, network: Network) -> bool:
    """Everything of the network, every member's order and bill: coordinators and the office."""
    return may_coordinate(user, network) or reach_of(user).sees_region(network.region_id)


def may_see_technical_data(user, network: Network) -> bool:
    """Download the optimiser's input of a round (to check a plan again with `purchasing_solve`):
    officers of the network's area only; members, suppliers and coordinators see plain results."""
    reach = reach_of(user)
    return reach.is_officer and reach.sees_region(network.region_id)


def may_order(user, network: Network, cooperative_id: int) -> bool:
    """Enter a member's order: its pengurus or staff, or whoever runs the round (phone orders)."""
    if may_coordinate(user, network):
        return True
    return bool(reach_of(user).roles_in(cooperative_id) & ORDER_ROLES)


def may_supply(user, supplier_id: int) -> bool:
    """Keep a supplier's price lists and delivery fees: its own staff."""
    reach = reach_of(user)
    return reach.everything or bool(reach.roles_in(supplier_id) & SUPPLIER_ROLES)


def may_acknowledge(user, supplier_id: int) -> bool:
    """Confirm receipt of a purchase order ("pesanan diterima"): the supplier's own staff only, since
    it promises delivery on the supplier's behalf."""
    return bool(reach_of(user).roles_in(supplier_id) & SUPPLIER_ROLES)


def may_manage_catalogue(user) -> bool:
    """Add products to the shared catalogue: suppliers, coordinators and office writers."""
    reach = reach_of(user)
    return (
        reach.everything
        or bool(reach.office_codes(OFFICE_WRITE_ROLES))
        or bool(reach.organization_ids(SUPPLIER_ROLES | COORDINATOR_ROLES))
    )


def may_correct_products(user) -> bool:
    """Change a shared product: office writers only, since every supplier's offer depends on it."""
    reach = reach_of(user)
    return reach.everything or bool(reach.office_codes(OFFICE_WRITE_ROLES))


def may_see_all_prices(user) -> bool:
    """Every supplier's prices: officers and coordinators (who choose suppliers for rounds)."""
    reach = reach_of(user)
    return reach.is_officer or bool(reach.organization_ids(COORDINATOR_ROLES))


def may_add_network(user) -> bool:
    reach = reach_of(user)
    return reach.everything or bool(reach.office_codes(OFFICE_WRITE_ROLES))


def managed_cooperatives(user, network: Network, roles=COOPERATIVE_MANAGER_ROLES) -> list[Organization]:
    """The network's member cooperatives in which the user holds one of `roles`."""
    own = reach_of(user).organization_ids(roles)
    if not own:
        return []
    return list(ordering_cooperatives(network).filter(pk__in=own).order_by("name"))


def supplier_organizations(user) -> QuerySet[Organization]:
    """Organisations the user may keep prices for."""
    reach = reach_of(user)
    if reach.everything:
        return Organization.objects.filter(
            Q(memberships__role=Role.SUPPLIER) | Q(price_lists__isnull=False)
        ).distinct()
    return Organization.objects.filter(pk__in=reach.organization_ids(SUPPLIER_ROLES))


def reaches_purchasing(user) -> bool:
    """Whether the menu shows Belanja Bareng: offices, coordinators, suppliers, and the managers of
    a cooperative that belongs to a network."""
    reach = reach_of(user)
    if reach.is_officer or reach.organization_ids(COORDINATOR_ROLES | SUPPLIER_ROLES):
        return True
    cooperatives = reach.organization_ids(COOPERATIVE_MANAGER_ROLES)
    return (
        bool(cooperatives)
        and NetworkMember.objects.filter(
            organization_id__in=cooperatives,
            state=NetworkMemberState.MEMBER,
            network__kind=NetworkKind.BUYING,
        ).exists()
    )
