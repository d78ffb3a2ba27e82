"""Networks in the registry API (/api/v1/registry/networks): the same selectors and services as
the pages. A buying network's rounds stay in the joint purchasing API."""

# No `from __future__ import annotations`: django-ninja reads the parameters of a paginated
# operation through its wrapper, whose module cannot resolve names given as strings.

import datetime as dt
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from sinergi.accounts.models import Organization
from sinergi.core.paging import ApiPagination
from sinergi.core.schemas import Id, Line, Lines, errors, max_length, published
from sinergi.regions.codes import code_pattern
from sinergi.registry import selectors_networks as selectors
from sinergi.registry.models import Network, NetworkKind
from sinergi.registry.services import networks as services

router = Router(tags=["registry"])

NetworkName = Annotated[Line, published(minLength=1, maxLength=max_length(Network, "name"))]
Kind = Literal["buying", "consortium", "association", "forum"]


class RegistryNetworkOut(Schema):
    """A network: its kind (`buying`, `consortium`, `association`, `forum`), area and lead, with the
    number of members and of organisations pledged to join."""

    id: int
    name: str
    kind: str
    region_code: str
    lead_id: int
    lead_name: str
    purpose: str
    is_active: bool
    n_members: int
    n_pledged: int

    @staticmethod
    def resolve_region_code(obj):
        return obj.region_id

    @staticmethod
    def resolve_lead_name(obj):
        return obj.lead.name


class NetworkMembershipOut(Schema):
    """One organisation's standing in a network: `pledged` (committed to join), `member` or `left`,
    with the day of each step."""

    organization_id: int
    name: str
    organization_kind: str
    state: str
    pledged_on: dt.date | None
    joined_on: dt.date | None
    left_on: dt.date | None

    @staticmethod
    def resolve_name(obj):
        return obj.organization.name

    @staticmethod
    def resolve_organization_kind(obj):
        return obj.organization.kind


class RegistryNetworkDetailOut(RegistryNetworkOut):
    members: list[NetworkMembershipOut]

    @staticmethod
    def resolve_members(obj):
        return list(selectors.network_members(network=obj))


class NetworkIn(Schema):
    name: NetworkName
    kind: Kind = NetworkKind.BUYING.value
    region: Annotated[Line, published(pattern=code_pattern(3))]
    lead: Id
    purpose: Lines = ""


class NetworkPatch(Schema):
    name: NetworkName | None = None
    lead: Id | None = None
    purpose: Lines | None = None
    is_active: bool | None = None


class NetworkStepIn(Schema):
    """`member` admits the organisation (or turns its pledge into membership) on `on`; `pledged`
    records its commitment to join on `on`. `on` defaults to today."""

    organization: Id
    state: Literal["member", "pledged"] = "member"
    on: dt.date | None = None


class NetworkLeaveIn(Schema):
    on: dt.date | None = None


def _lead(pk) -> Organization:
    """The lead named by id; an unknown one is a refused value (400), not a missing page."""
    lead = Organization.objects.filter(pk=pk).first()
    if lead is None:
        raise ValidationError({"lead": _("Pilih organisasi pemimpin dari daftar.")})
    return lead


def _network(request, network_id):
    return selectors.access_network(user=request.auth, pk=network_id)


@router.get("/", response=list[RegistryNetworkOut])
@paginate(ApiPagination, page_size=50)
def list_networks(request, kind: Kind | None = None):
    return selectors.network_list(user=request.auth, kind=kind or "")


@router.get("/{network_id}", response={200: RegistryNetworkDetailOut, **errors(404)})
def get_network(request, network_id: Id):
    return _network(request, network_id)


@router.get("/{network_id}/members", response={200: list[NetworkMembershipOut], **errors(404)})
@paginate(ApiPagination, page_size=100)
def list_network_members(request, network_id: Id):
    return selectors.network_members(network=_network(request, network_id))


@router.post("/", response={201: RegistryNetworkDetailOut, **errors(400, 403)})
def create_network(request, payload: NetworkIn):
    lead = _lead(payload.lead)
    created = services.network_create(
        actor=request.auth,
        name=payload.name,
        kind=payload.kind,
        region_code=payload.region,
        lead=lead,
        purpose=payload.purpose,
    )
    return Status(201, _network(request, created.pk))


@router.patch("/{network_id}", response={200: RegistryNetworkDetailOut, **errors(400, 403, 404)})
def update_network(request, network_id: Id, payload: NetworkPatch):
    network = _network(request, network_id)
    changes = payload.dict(exclude_unset=True)
    if "lead" in changes:
        changes["lead"] = _lead(changes["lead"])
    services.network_update(actor=request.auth, network=network, **changes)
    return _network(request, network.pk)


@router.post("/{network_id}/members", response={201: NetworkMembershipOut, **errors(400, 403, 404)})
def add_network_member(request, network_id: Id, payload: NetworkStepIn):
    network = _network(request, network_id)
    organization = get_object_or_404(Organization, pk=payload.organization)
    if payload.state == "pledged":
        row = services.network_member_pledge(
            actor=request.auth, network=network, organization=organization, pledged_on=payload.on
        )
    else:
        row = services.network_member_add(
            actor=request.auth, network=network, organization=organization, joined_on=payload.on
        )
    return Status(201, row)


@router.post(
    "/{network_id}/members/{org_id}/leave", response={200: NetworkMembershipOut, **errors(400, 403, 404)}
)
def leave_network(request, network_id: Id, org_id: Id, payload: NetworkLeaveIn):
    network = _network(request, network_id)
    organization = get_object_or_404(Organization, pk=org_id)
    return services.network_member_leave(
        actor=request.auth, network=network, organization=organization, left_on=payload.on
    )
