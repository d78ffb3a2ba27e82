from datetime import datetime
from typing import Annotated

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from sinergi.accounts import selectors, services
from sinergi.accounts.filters import OrganizationFilters
from sinergi.accounts.models import ApiToken, Membership, Organization, OrganizationKind, Role, User
from sinergi.accounts.privacy import (
    contact_fields_shown,
    membership_email,
    membership_fields_shown,
    organization_contact,
    read_scope,
)
from sinergi.accounts.scoping import reach_of
from sinergi.core.audit import AuditedPage, audit_personal_read
from sinergi.core.http import no_store
from sinergi.core.paging import ApiPagination
from sinergi.core.schemas import Id, Line, errors, max_length, published
from sinergi.regions.codes import code_pattern

router = Router(tags=["organizations"])
# Answers carry UMKM owners' contacts and people's e-mail addresses: no browser or proxy keeps them.
router.add_decorator(no_store, mode="view")

# What the services accept, published on the input schemas (`core.schemas.published`); the services
# judge the values and refuse them with their own reason.
Name = Annotated[Line, published(minLength=1, maxLength=max_length(Organization, "name"))]
RegionCode = Annotated[Line, published(pattern=code_pattern(3))]
Address = Annotated[Line, published(maxLength=max_length(Organization, "address"))]
Email = Annotated[Line, published(maxLength=max_length(Organization, "email"))]


class OrganizationOut(Schema):
    """An organisation; an UMKM's address, phone and e-mail (its owner's) are masked unless the
    caller's role needs them (`accounts.privacy`)."""

    id: int
    kind: str
    name: str
    region_id: str
    region_path: str
    address: str
    phone: str
    email: str
    jurisdiction_id: str | None
    is_active: bool
    masked: bool

    @staticmethod
    def resolve_region_path(obj):
        return obj.region.path

    @staticmethod
    def resolve_address(obj, context):
        return organization_contact(context["request"].auth, obj).address

    @staticmethod
    def resolve_phone(obj, context):
        return organization_contact(context["request"].auth, obj).phone

    @staticmethod
    def resolve_email(obj, context):
        return organization_contact(context["request"].auth, obj).email

    @staticmethod
    def resolve_masked(obj, context):
        return organization_contact(context["request"].auth, obj).masked


class OrganizationIn(Schema):
    kind: Annotated[Line, published(enum=OrganizationKind.values)]
    name: Name
    region: RegionCode
    address: Address = ""
    phone: Line = ""
    email: Email = ""
    jurisdiction: Annotated[Line, published(pattern=code_pattern(1))] | None = None


class OrganizationPatch(Schema):
    name: Name | None = None
    region: RegionCode | None = None
    address: Address | None = None
    phone: Line | None = None
    email: Email | None = None
    is_active: bool | None = None


class MembershipOut(Schema):
    id: int
    user_email: str
    user_name: str
    organization_id: int
    role: str
    created_at: datetime

    @staticmethod
    def resolve_user_email(obj, context):
        return membership_email(context["request"].auth, obj)

    @staticmethod
    def resolve_user_name(obj):
        return obj.user.full_name


class MembershipIn(Schema):
    email: Annotated[Line, published(maxLength=max_length(User, "email"))]
    role: Annotated[Line, published(enum=Role.values)]


class MeOut(Schema):
    email: str
    full_name: str
    memberships: list[MembershipOut]


def _user(request) -> User:
    """The authenticated user: both auth classes (token, session) answer with the User."""
    return request.auth


@router.get("/me", response=MeOut, tags=["me"])
def me(request):
    user = _user(request)
    return {
        "email": user.email,
        "full_name": user.full_name,
        "memberships": list(selectors.user_memberships(user=user)),
    }


@router.get("/organizations/", response=list[OrganizationOut])
@paginate(ApiPagination, page_size=50)
def list_organizations(request, kind: Line = "", region: Line = "", q: Line = ""):
    """Organisations the caller reaches, filtered like the list page."""
    filters = OrganizationFilters.from_params({"kind": kind, "region": region, "q": q})
    organizations = selectors.organization_list(user=_user(request), filters=filters)
    params = {"kind": kind, "region": region, "q": q}
    return AuditedPage(organizations, lambda page: _audit_organizations(request, page, filters=params))


@router.get("/organizations/{org_id}", response={200: OrganizationOut, **errors(404)})
def get_organization(request, org_id: Id):
    org = selectors.access_organization(user=_user(request), pk=org_id)
    _audit_organizations(request, [org], filters={}, object_id=str(org.pk))
    return org


def _audit_organizations(request, page, *, filters: dict, object_id: str = "") -> None:
    """One read event for the organisations answered whose personal contacts (an UMKM owner's)
    were shown unmasked."""
    user = _user(request)
    region_code, organization_id = read_scope(user, page)
    audit_personal_read(
        actor=user,
        object_type="accounts.organization",
        shown=(contact_fields_shown(user, org) for org in page),
        filters=filters,
        object_id=object_id,
        object_repr=page[0].name if organization_id else "",
        region_code=region_code,
        organization_id=organization_id,
    )


@router.post("/organizations/", response={201: OrganizationOut, **errors(400, 403)})
def create_organization(request, payload: OrganizationIn):
    org = services.organization_create(
        actor=_user(request),
        kind=payload.kind,
        name=payload.name,
        region_code=payload.region,
        address=payload.address,
        phone=payload.phone,
        email=payload.email,
        jurisdiction_code=payload.jurisdiction,
    )
    return Status(201, org)


@router.patch("/organizations/{org_id}", response={200: OrganizationOut, **errors(400, 403, 404)})
def update_organization(request, org_id: Id, payload: OrganizationPatch):
    """Change an organisation's name or contacts. `region` may only repeat the current one: an
    organisation moves with `POST /api/v1/registry/moves/` (at once inside the caller's
    jurisdiction, otherwise a request the receiving office approves)."""
    org = selectors.access_organization(user=_user(request), pk=org_id)
    changes = payload.dict(exclude_unset=True)
    if "region" in changes:
        changes["region_code"] = changes.pop("region")
    return services.organization_update(actor=_user(request), organization=org, **changes)


@router.get("/organizations/{org_id}/memberships", response={200: list[MembershipOut], **errors(404)})
@paginate(ApiPagination, page_size=50)
def list_memberships(request, org_id: Id):
    org = selectors.access_organization(user=_user(request), pk=org_id)
    memberships = selectors.membership_list(user=_user(request), organization=org)
    return AuditedPage(memberships, lambda page: _audit_memberships(request, org, page))


def _audit_memberships(request, organization, page) -> None:
    """One read event for a page of memberships that showed other people's e-mail addresses."""
    user = _user(request)
    audit_personal_read(
        actor=user,
        object_type="accounts.membership",
        shown=(membership_fields_shown(user, m) for m in page),
        filters={"organization": organization.pk},
        object_repr=organization.name,
        region_code=organization.region_id or "",
        organization_id=organization.pk,
    )


@router.post(
    "/organizations/{org_id}/memberships", response={201: MembershipOut, **errors(400, 403, 404)}
)
def add_membership(request, org_id: Id, payload: MembershipIn):
    actor = _user(request)
    org = selectors.access_organization(user=actor, pk=org_id)
    membership = services.membership_add_by_email(
        actor=actor, organization=org, email=payload.email, role=payload.role
    )
    return Status(201, membership)


@router.delete("/memberships/{membership_id}", response={204: None, **errors(400, 403, 404)})
def remove_membership(request, membership_id: Id):
    actor = _user(request)
    membership = get_object_or_404(
        Membership.objects.select_related("organization", "user"), pk=membership_id
    )
    if not reach_of(actor).can_view_organization(membership.organization):
        from django.http import Http404

        raise Http404
    services.membership_remove(actor=actor, membership=membership)
    return Status(204, None)


# --- personal API tokens --------------------------------------------------------------------------


class TokenOut(Schema):
    """A personal API token as listed: never its value, which is shown once on creation."""

    id: int
    name: str
    prefix: str
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreatedOut(TokenOut):
    token: str


class TokenIn(Schema):
    name: Annotated[Line, published(minLength=1, maxLength=max_length(ApiToken, "name"))]
    # Optional; without it the token works until revoked or until the password changes.
    expires_at: datetime | None = None


@router.get("/me/tokens", response=list[TokenOut], tags=["me"])
@paginate(ApiPagination, page_size=50)
def list_tokens(request):
    return _user(request).api_tokens.order_by("-created_at", "-pk")


@router.post("/me/tokens", response={201: TokenCreatedOut, **errors(400, 403)}, tags=["me"])
def create_token(request, payload: TokenIn):
    """A new token for the caller; its value is in this answer only. A token asking through the
    API may not make one that outlives it."""
    token, raw = services.api_token_create(
        actor=_user(request),
        name=payload.name,
        expires_at=payload.expires_at,
        made_with=getattr(request, "api_token", None),
    )
    token.token = raw
    return Status(201, token)


@router.delete("/me/tokens/{token_id}", response={204: None, **errors(403, 404)}, tags=["me"])
def revoke_token(request, token_id: Id):
    token = get_object_or_404(_user(request).api_tokens, pk=token_id)
    services.api_token_revoke(actor=_user(request), token=token)
    return Status(204, None)
