"""Networks (jaringan) a user reaches, their members by state, and who may run them.

Who reaches a network: the office of its area (and every office above it); the staff of its lead
organisation; the managers of an organisation that is, was or pledged to be a member. Who runs it
(members joining, pledging and leaving; for a buying network, its rounds): the lead's coordinators
and the office admins and staff of its area, who facilitate networks and may step in for an
absent lead. Who sets it up or changes it: the office of its area.
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.accounts.scoping import reach_of, region_within_q
from sinergi.registry.access import (  # noqa: F401  (the network pages read them here)
    led_ids,
    may_add_network,
    may_edit_network,
    may_run_network,
)
from sinergi.registry.models import (
    CURRENT_NETWORK_STATES,
    Network,
    NetworkKind,
    NetworkMember,
    NetworkMemberState,
)

# Who may lead a network of each kind: a buying network is run by a cooperative (a secondary one,
# usually), an association or a company; a consortium, association or forum by any organisation.
LEAD_KINDS = {
    NetworkKind.BUYING: [
        OrganizationKind.COOPERATIVE,
        OrganizationKind.ASSOCIATION,
        OrganizationKind.COMPANY,
    ],
}

# Who may belong to a network of each kind: a buying network pools cooperatives' orders.
MEMBER_KINDS = {
    NetworkKind.BUYING: [OrganizationKind.COOPERATIVE],
}


def member_area(network: Network) -> str:
    """Where a network's members may lie: a buying network's members inside its area (they share
    delivery); a consortium, association or forum may bring in partners from the whole province
    (a university or a bank of the next regency)."""
    if network.kind == NetworkKind.BUYING:
        return network.region_id
    return network.region_id[:2]


def _network_q(user) -> Q | None:
    """Networks the user reaches; None for everything."""
    reach = reach_of(user)
    if reach.everything:
        return None
    q = reach.region_q("region")
    led = led_ids(reach)
    if led:
        q |= Q(lead_id__in=led)
    own = reach.organization_ids()
    if own:
        q |= Q(memberships__organization_id__in=own)
    return q


def network_list(*, user, kind: str = "") -> QuerySet[Network]:
    """The networks the user reaches (of one kind if given), with their current member counts."""
    qs = Network.objects.all()
    q = _network_q(user)
    if q is not None:
        qs = qs.filter(pk__in=Network.objects.filter(q).values("pk"))
    if kind:
        qs = qs.filter(kind=kind)
    return (
        qs.select_related("region", "lead")
        .annotate(
            n_members=Count("memberships", filter=Q(memberships__state=NetworkMemberState.MEMBER)),
            n_pledged=Count("memberships", filter=Q(memberships__state=NetworkMemberState.PLEDGED)),
        )
        .order_by("name")
    )


def access_network(*, user, pk, kind: str = "") -> Network:
    """One network the user reaches, else 404 (also for a malformed id)."""
    try:
        network = network_list(user=user, kind=kind).filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        network = None
    if network is None:
        raise Http404
    return network


def network_members(*, network: Network, states=None) -> QuerySet[NetworkMember]:
    """The rows of a network the caller reached through `access_network`, by organisation name;
    `states` narrows them (e.g. CURRENT_NETWORK_STATES)."""
    qs = network.memberships.select_related("organization", "organization__region")
    if states is not None:
        qs = qs.filter(state__in=list(states))
    return qs.order_by("organization__name", "-id")


def members_by_state(*, network: Network) -> dict[str, list[NetworkMember]]:
    """Members, pledged and left, each list by name: what the network page shows."""
    grouped: dict[str, list[NetworkMember]] = {state: [] for state in NetworkMemberState.values}
    for row in network_members(network=network):
        grouped[row.state].append(row)
    return grouped


def current_membership(*, network: Network, organization_id: int) -> NetworkMember | None:
    """The organisation's pledged or member row in the network, if any."""
    return network.memberships.filter(
        organization_id=organization_id, state__in=list(CURRENT_NETWORK_STATES)
    ).first()


def ordering_cooperatives(network: Network) -> QuerySet[Organization]:
    """The cooperatives that order in a buying network's rounds: its current members that are
    cooperatives (a pledged cooperative has not joined yet; one that left orders no more)."""
    if network.kind != NetworkKind.BUYING:
        return Organization.objects.none()
    return Organization.objects.filter(
        kind=OrganizationKind.COOPERATIVE,
        network_memberships__network=network,
        network_memberships__state=NetworkMemberState.MEMBER,
    )


def organizations_to_add(*, network: Network) -> QuerySet[Organization]:
    """Active organisations inside the network's area that may join it and hold no current row."""
    qs = Organization.objects.filter(is_active=True, merged_into__isnull=True).filter(
        region_within_q("region", member_area(network))
    )
    kinds = MEMBER_KINDS.get(network.kind)
    if kinds:
        qs = qs.filter(kind__in=kinds)
    current = network.memberships.filter(state__in=list(CURRENT_NETWORK_STATES)).values("organization_id")
    return qs.exclude(pk__in=current).order_by("name")


def lead_candidates(*, region_code: str, kind: str = NetworkKind.BUYING) -> QuerySet[Organization]:
    """Organisations that may lead a network of `kind` in an area."""
    qs = Organization.objects.filter(
        region_within_q("region", region_code), is_active=True, merged_into__isnull=True
    )
    kinds = LEAD_KINDS.get(kind)
    if kinds:
        qs = qs.filter(kind__in=kinds)
    return qs.order_by("name")


def reaches_networks(user) -> bool:
    """Whether the menu shows the networks: officers, and the staff of an organisation that leads
    a network or belongs (or pledged) to one."""
    reach = reach_of(user)
    if reach.is_officer:
        return True
    own = reach.organization_ids()
    if not own:
        return False
    return (
        Network.objects.filter(lead_id__in=own).exists()
        or NetworkMember.objects.filter(
            organization_id__in=own, state__in=list(CURRENT_NETWORK_STATES)
        ).exists()
    )
