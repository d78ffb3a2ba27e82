from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from sinergi.accounts import selectors, services
from sinergi.accounts.filters import OrganizationFilters
from sinergi.accounts.models import Membership, User
from sinergi.accounts.privacy import membership_email, organization_contact
from sinergi.accounts.scoping import reach_of

router = Router(tags=["organizations"])


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
    kind: str
    name: str
    region: str
    address: str = ""
    phone: str = ""
    email: str = ""
    jurisdiction: str | None = None


class OrganizationPatch(Schema):
    name: str | None = None
    region: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None
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
    email: str
    role: str


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
@paginate(PageNumberPagination, page_size=50)
def list_organizations(request, kind: str = "", region: str = "", q: str = ""):
    """Organisations the caller reaches, filtered like the list page."""
    filters = OrganizationFilters.from_params({"kind": kind, "region": region, "q": q})
    return selectors.organization_list(user=_user(request), filters=filters)


@router.get("/organizations/{org_id}", response=OrganizationOut)
def get_organization(request, org_id: int):
    return selectors.access_organization(user=_user(request), pk=org_id)


@router.post("/organizations/", response={201: OrganizationOut})
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


@router.patch("/organizations/{org_id}", response=OrganizationOut)
def update_organization(request, org_id: int, payload: OrganizationPatch):
    org = selectors.access_organization(user=_user(request), pk=org_id)
    changes = payload.dict(exclude_unset=True)
    if "region" in changes:
        changes["region_code"] = changes.pop("region")
    return services.organization_update(actor=_user(request), organization=org, **changes)


@router.get("/organizations/{org_id}/memberships", response=list[MembershipOut])
@paginate(PageNumberPagination, page_size=50)
def list_memberships(request, org_id: int):
    org = selectors.access_organization(user=_user(request), pk=org_id)
    return selectors.membership_list(user=_user(request), organization=org)


@router.post("/organizations/{org_id}/memberships", response={201: MembershipOut})
def add_membership(request, org_id: int, payload: MembershipIn):
    actor = _user(request)
    org = selectors.access_organization(user=actor, pk=org_id)
    membership = services.membership_add_by_email(
        actor=actor, organization=org, email=payload.email, role=payload.role
    )
    return Status(201, membership)


@router.delete("/memberships/{membership_id}", response={204: None})
def remove_membership(request, membership_id: int):
    actor = _user(request)
    membership = get_object_or_404(
        Membership.objects.select_related("organization", "user"), pk=membership_id
    )
    if not reach_of(actor).can_view_organization(membership.organization):
        from django.http import Http404

        raise Http404
    services.membership_remove(actor=actor, membership=membership)
    return Status(204, None)
