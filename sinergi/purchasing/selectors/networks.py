"""Buying networks (Jaringan Usaha Koperasi) a user reaches in Belanja Bareng, and their members.

Networks belong to the registry (`registry.Network`); joint purchasing reads the buying ones.
A cooperative orders in a network's rounds while it is a current member (`registry` state
"anggota"): one that only pledged has not joined yet, one that left orders no more.
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from sinergi.accounts.models import Organization
from sinergi.accounts.scoping import reach_of
from sinergi.purchasing.selectors.access import coordinated_ids, one_or_404
from sinergi.registry.models import Network, NetworkKind, NetworkMember, NetworkMemberState
from sinergi.registry.selectors_networks import lead_candidates, ordering_cooperatives, organizations_to_add


def _network_q(user) -> Q | None:
    """Buying networks the user reaches; None for everything."""
    reach = reach_of(user)
    if reach.everything:
        return None
    q = reach.region_q("region")
    coordinated = coordinated_ids(reach)
    if coordinated:
        q |= Q(lead_id__in=coordinated)
    cooperatives = reach.managed_cooperative_ids()
    if cooperatives:
        q |= Q(memberships__organization_id__in=cooperatives, memberships__state=NetworkMemberState.MEMBER)
    return q


def network_list(*, user) -> QuerySet[Network]:
    qs = Network.objects.filter(kind=NetworkKind.BUYING)
    q = _network_q(user)
    if q is not None:
        qs = qs.filter(pk__in=Network.objects.filter(q).values("pk"))
    return (
        qs.select_related("region", "lead")
        .annotate(n_members=Count("memberships", filter=Q(memberships__state=NetworkMemberState.MEMBER)))
        .order_by("name")
    )


def access_network(*, user, pk) -> Network:
    return one_or_404(network_list(user=user), pk)


def network_members(*, network: Network) -> QuerySet[NetworkMember]:
    """The ordering members of a network the caller reached through `access_network`."""
    return (
        network.memberships.filter(
            state=NetworkMemberState.MEMBER, organization__in=ordering_cooperatives(network)
        )
        .select_related("organization", "organization__region")
        .order_by("organization__name")
    )


def member_cooperatives(network: Network) -> QuerySet[Organization]:
    """The cooperatives that order in the network's rounds."""
    return ordering_cooperatives(network)


def cooperatives_to_add(*, network: Network) -> QuerySet[Organization]:
    """Active cooperatives inside the network's area that are not members yet."""
    return organizations_to_add(network=network)


def coordinator_candidates(*, region_code: str) -> QuerySet[Organization]:
    """Organisations that may coordinate a buying network in an area: cooperatives (a secondary
    cooperative, usually), associations and companies inside it."""
    return lead_candidates(region_code=region_code, kind=NetworkKind.BUYING)
