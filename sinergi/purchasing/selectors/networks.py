"""Networks (Jaringan Usaha Koperasi) a user reaches, their members and candidates."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from sinergi.accounts.models import (
    Organization,
    OrganizationKind,
)
from sinergi.accounts.scoping import reach_of, region_within_q
from sinergi.purchasing.models import (
    Network,
    NetworkMember,
)
from sinergi.purchasing.selectors.access import (
    coordinated_ids,
    one_or_404,
)


def _network_q(user) -> Q | None:
    """Networks the user reaches; None for everything."""
    reach = reach_of(user)
    if reach.everything:
        return None
    q = reach.region_q("region")
    coordinated = coordinated_ids(reach)
    if coordinated:
        q |= Q(coordinator_id__in=coordinated)
    cooperatives = reach.managed_cooperative_ids()
    if cooperatives:
        q |= Q(memberships__cooperative_id__in=cooperatives)
    return q


def network_list(*, user) -> QuerySet[Network]:
    qs = Network.objects.all()
    q = _network_q(user)
    if q is not None:
        qs = qs.filter(pk__in=Network.objects.filter(q).values("pk"))
    return (
        qs.select_related("region", "coordinator").annotate(n_members=Count("memberships")).order_by("name")
    )


def access_network(*, user, pk) -> Network:
    return one_or_404(network_list(user=user), pk)


def network_members(*, network: Network) -> QuerySet[NetworkMember]:
    """The members of a network the caller reached through `access_network`."""
    return network.memberships.select_related("cooperative", "cooperative__region").order_by(
        "cooperative__name"
    )


def cooperatives_to_add(*, network: Network) -> QuerySet[Organization]:
    """Active cooperatives inside the network's area that are not members yet."""
    code = network.region_id
    return (
        Organization.objects.filter(
            kind=OrganizationKind.COOPERATIVE, is_active=True, merged_into__isnull=True
        )
        .filter(region_within_q("region", code))
        .exclude(network_memberships__network=network)
        .order_by("name")
    )


def coordinator_candidates(*, region_code: str) -> QuerySet[Organization]:
    """Organisations that may coordinate a network in an area: cooperatives (a secondary
    cooperative, usually), associations and companies inside it."""
    return Organization.objects.filter(
        region_within_q("region", region_code),
        kind__in=[OrganizationKind.COOPERATIVE, OrganizationKind.ASSOCIATION, OrganizationKind.COMPANY],
        is_active=True,
        merged_into__isnull=True,
    ).order_by("name")
