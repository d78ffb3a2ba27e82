"""Registry API: the same selectors and services as the pages, for scripts and other systems."""

# No `from __future__ import annotations`: django-ninja reads the parameters of a paginated
# operation through its wrapper, whose module cannot resolve names given as strings.

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status, UploadedFile
from ninja.pagination import paginate

from sinergi.accounts.models import Organization
from sinergi.accounts.privacy import read_scope
from sinergi.accounts.selectors import access_organization
from sinergi.core.audit import AuditedPage, audit_personal_read
from sinergi.core.http import no_store
from sinergi.core.paging import ApiPagination
from sinergi.core.schemas import Id, Line, Lines, errors, max_length, published
from sinergi.regions.codes import code_pattern
from sinergi.registry import rules, selectors, services
from sinergi.registry.filters import BusinessFilters, CooperativeFilters
from sinergi.registry.models import BusinessProfile, CooperativeProfile, CooperativeStatus, Member
from sinergi.registry.privacy import business_fields_shown, business_personal, member_nik, members_visible

router = Router(tags=["registry"])
# Answers carry owners' and members' personal data: no browser or proxy keeps them.
router.add_decorator(no_store, mode="view")

# What the registry's rules (`registry.rules`) and the models' columns accept, published on the
# input schemas; the rules judge the values in the services and refuse them with their own reason.
# Identity numbers and phones are judged on their digits, so people may write them with spaces,
# dots and dashes: no length is published for them.
Name = Annotated[Line, published(minLength=1, maxLength=max_length(Organization, "name"))]
RegionCode = Annotated[Line, published(pattern=code_pattern(3))]
Address = Annotated[Line, published(maxLength=max_length(Organization, "address"))]
Email = Annotated[Line, published(maxLength=max_length(Organization, "email"))]
LegalNumber = Annotated[Line, published(maxLength=max_length(CooperativeProfile, "legal_number"))]
Kbli = Annotated[Line, published(maxLength=max_length(CooperativeProfile, "kbli"))]
OwnerName = Annotated[Line, published(maxLength=max_length(BusinessProfile, "owner_name"))]
Members = Annotated[int, published(minimum=0, maximum=rules.MEMBERS_MAX)]
Employees = Annotated[int, published(minimum=0, maximum=rules.EMPLOYEES_MAX)]
Month = Annotated[int, published(minimum=1, maximum=12)]
Money = Annotated[Decimal, published(minimum=0, exclusiveMaximum=int(rules.MONEY_LIMIT))]


class CooperativeOut(Schema):
    id: int
    name: str
    region_code: str
    region_path: str
    nik_koperasi: str
    legal_number: str
    legal_date: dt.date | None
    cooperative_type: str
    group: str
    form: str
    kbli: str
    members_male: int
    members_female: int
    status: str
    last_rat_date: dt.date | None
    is_flagship: bool

    @staticmethod
    def resolve_id(obj):
        return obj.pk

    @staticmethod
    def resolve_name(obj):
        return obj.organization.name

    @staticmethod
    def resolve_region_path(obj):
        return obj.organization.region.path


class CooperativeIn(Schema):
    """A new cooperative. Values are judged by the registry's rules in the service, as from the page."""

    name: Name
    region: RegionCode
    address: Address = ""
    phone: Line = ""
    email: Email = ""
    nik_koperasi: Line = ""
    legal_number: LegalNumber = ""
    legal_date: dt.date | None = None
    cooperative_type: Line = ""
    group: Line = ""
    form: Line = "primer"
    kbli: Kbli = ""
    members_male: Members = 0
    members_female: Members = 0
    last_rat_date: dt.date | None = None
    # As from the page, a cooperative is registered "aktif"; another status is a decision with a
    # reason and a date, taken afterwards through `/cooperatives/{id}/status`.
    status: Annotated[Line, published(enum=[CooperativeStatus.AKTIF])] = CooperativeStatus.AKTIF


class CooperativePatch(Schema):
    name: Name | None = None
    address: Address | None = None
    phone: Line | None = None
    email: Email | None = None
    nik_koperasi: Line | None = None
    legal_number: LegalNumber | None = None
    legal_date: dt.date | None = None
    cooperative_type: Line | None = None
    group: Line | None = None
    kbli: Kbli | None = None
    members_male: Members | None = None
    members_female: Members | None = None
    founded_on: dt.date | None = None
    fiscal_year_end_month: Month | None = None
    last_rat_date: dt.date | None = None


class StatusIn(Schema):
    status: Line
    reason: Lines
    effective_on: dt.date | None = None


class BusinessOut(Schema):
    """A business; the owner's NIK, phone and address are masked unless the caller's role needs them."""

    id: int
    name: str
    region_code: str
    region_path: str
    owner_name: str
    owner_nik: str
    owner_gender: str
    nib: str
    kbli: str
    address: str
    phone: str
    capital: Decimal | None
    annual_sales: Decimal | None
    employees: int | None
    founded_on: dt.date | None
    status: str
    scale: str
    scale_override: str
    masked: bool

    @staticmethod
    def _personal(obj, context):
        return business_personal(context["request"].auth, obj)

    @staticmethod
    def resolve_id(obj):
        return obj.pk

    @staticmethod
    def resolve_name(obj):
        return obj.organization.name

    @staticmethod
    def resolve_region_path(obj):
        return obj.organization.region.path

    @staticmethod
    def resolve_masked(obj, context):
        return BusinessOut._personal(obj, context).masked

    @staticmethod
    def resolve_owner_nik(obj, context):
        return BusinessOut._personal(obj, context).owner_nik

    @staticmethod
    def resolve_address(obj, context):
        return BusinessOut._personal(obj, context).address

    @staticmethod
    def resolve_phone(obj, context):
        return BusinessOut._personal(obj, context).phone


class BusinessIn(Schema):
    """A new business (UMKM). NIK, NIB, phone, money, counts and dates are judged by the registry's
    rules in the service: the API refuses what the page and a sheet refuse, with the same reason."""

    name: Name
    region: RegionCode
    address: Address = ""
    phone: Line = ""
    email: Email = ""
    owner_name: OwnerName = ""
    owner_nik: Line = ""
    owner_gender: Line = ""
    nib: Line = ""
    kbli: Kbli = ""
    capital: Money | None = None
    annual_sales: Money | None = None
    employees: Employees | None = None
    founded_on: dt.date | None = None
    status: Line = "aktif"


class BusinessPatch(Schema):
    name: Name | None = None
    address: Address | None = None
    phone: Line | None = None
    email: Email | None = None
    owner_name: OwnerName | None = None
    owner_nik: Line | None = None
    owner_gender: Line | None = None
    nib: Line | None = None
    kbli: Kbli | None = None
    capital: Money | None = None
    annual_sales: Money | None = None
    employees: Employees | None = None
    founded_on: dt.date | None = None
    status: Line | None = None


class CooperativeMemberOut(Schema):
    """A member (anggota) of a cooperative; the NIK is masked unless the caller's role needs it."""

    id: int
    member_number: str
    name: str
    nik: str
    gender: str
    joined_on: dt.date | None
    status: str
    savings_pokok: Decimal
    savings_wajib: Decimal
    savings_sukarela: Decimal


class CooperativeMemberIn(Schema):
    member_number: Annotated[Line, published(maxLength=max_length(Member, "member_number"))]
    name: Annotated[Line, published(minLength=1, maxLength=max_length(Member, "name"))]
    nik: Line = ""
    gender: Line = ""
    joined_on: dt.date | None = None
    savings_pokok: Money = Decimal(0)
    savings_wajib: Money = Decimal(0)
    savings_sukarela: Money = Decimal(0)


class ActivityCounts(Schema):
    """Cooperatives by the activity rule (`registry.activity`): `active` includes those about to turn
    inactive (`warning`); `new` ones, founded recently and still without a RAT, are neither active
    nor inactive."""

    registered: int
    active: int
    warning: int
    new: int
    inactive: int


class ActivityRow(Schema):
    """One area's counts (`ActivityCounts`), a kabupaten/kota or a kecamatan."""

    code: str
    name: str
    registered: int
    active: int
    warning: int
    new: int
    inactive: int


class ActivityOut(Schema):
    region: str
    inactive_before: dt.date
    rows: list[ActivityRow]
    total: ActivityCounts


class ImportOut(Schema):
    id: int
    kind: str
    filename: str
    status: str
    job_id: int | None
    summary: dict


@router.get("/cooperatives/", response=list[CooperativeOut])
@paginate(ApiPagination, page_size=50)
def list_cooperatives(
    request,
    q: Line = "",
    region: Line = "",
    cooperative_type: Line = "",
    group: Line = "",
    status: Line = "",
    kbli: Line = "",
):
    filters = CooperativeFilters.from_params(
        {
            "q": q,
            "region": region,
            "cooperative_type": cooperative_type,
            "group": group,
            "status": status,
            "kbli": kbli,
        }
    )
    return selectors.cooperative_list(user=request.auth, filters=filters)


@router.get("/cooperatives/{cooperative_id}", response={200: CooperativeOut, **errors(404)})
def get_cooperative(request, cooperative_id: Id):
    return selectors.access_cooperative(user=request.auth, pk=cooperative_id)


@router.post("/cooperatives/", response={201: CooperativeOut, **errors(400, 403)})
def create_cooperative(request, payload: CooperativeIn):
    data = payload.dict()
    if data.pop("status") != CooperativeStatus.AKTIF:
        # Refused, not ignored: a client asking for "dibubarkan" must not get an active cooperative.
        raise ValidationError({"status": _("Ubah status melalui perubahan status dengan alasan.")})
    created = services.cooperative_register(actor=request.auth, region_code=data.pop("region"), **data)
    return Status(201, created)


@router.patch("/cooperatives/{cooperative_id}", response={200: CooperativeOut, **errors(400, 403, 404)})
def update_cooperative(request, cooperative_id: Id, payload: CooperativePatch):
    profile = selectors.access_cooperative(user=request.auth, pk=cooperative_id)
    return services.cooperative_update(
        actor=request.auth, cooperative=profile, **payload.dict(exclude_unset=True)
    )


@router.post(
    "/cooperatives/{cooperative_id}/status", response={200: CooperativeOut, **errors(400, 403, 404)}
)
def set_cooperative_status(request, cooperative_id: Id, payload: StatusIn):
    profile = selectors.access_cooperative(user=request.auth, pk=cooperative_id)
    return services.cooperative_set_status(actor=request.auth, cooperative=profile, **payload.dict())


@router.get("/cooperatives/{cooperative_id}/members", response={200: list[CooperativeMemberOut], **errors(404)})
@paginate(ApiPagination, page_size=100)
def list_members(request, cooperative_id: Id):
    profile = selectors.access_cooperative(user=request.auth, pk=cooperative_id)
    org = profile.organization
    visible = members_visible(request.auth, org)
    members = selectors.member_list(user=request.auth, cooperative=org)
    if visible:
        return AuditedPage(members, lambda page: _audit_members(request, org, page))
    return [_masked_member(m) for m in members]


def _audit_members(request, cooperative, page) -> None:
    """One read event for a page of members whose NIKs were shown (a masked page writes none)."""
    audit_personal_read(
        actor=request.auth,
        object_type="registry.member",
        shown=(["nik"] if member.nik else [] for member in page),
        filters={"cooperative": cooperative.pk},
        object_repr=cooperative.name,
        region_code=cooperative.region_id,
        organization_id=cooperative.pk,
    )


def _masked_member(member):
    member.nik = member_nik(member, visible=False)
    return member


@router.post(
    "/cooperatives/{cooperative_id}/members", response={201: CooperativeMemberOut, **errors(400, 403, 404)}
)
def add_member(request, cooperative_id: Id, payload: CooperativeMemberIn):
    profile = selectors.access_cooperative(user=request.auth, pk=cooperative_id)
    member = services.member_save(actor=request.auth, cooperative=profile.organization, **payload.dict())
    return Status(201, member)


@router.get("/businesses/", response=list[BusinessOut])
@paginate(ApiPagination, page_size=50)
def list_businesses(
    request, q: Line = "", region: Line = "", scale: Line = "", status: Line = "", kbli: Line = ""
):
    filters = BusinessFilters.from_params(
        {"q": q, "region": region, "scale": scale, "status": status, "kbli": kbli}
    )
    businesses = selectors.business_list(user=request.auth, filters=filters)
    return AuditedPage(businesses, lambda page: _audit_businesses(request, page, filters=filters.as_params()))


@router.get("/businesses/{business_id}", response={200: BusinessOut, **errors(404)})
def get_business(request, business_id: Id):
    profile = selectors.access_business(user=request.auth, pk=business_id)
    _audit_businesses(request, [profile], filters={}, object_id=str(profile.pk))
    return profile


# The personal fields `BusinessOut` carries.
BUSINESS_PERSONAL_FIELDS = ("owner_nik", "address", "phone")


def _audit_businesses(request, page, *, filters: dict, object_id: str = "") -> None:
    """One read event for the businesses answered whose owners' data was shown unmasked."""
    user = request.auth
    region_code, organization_id = read_scope(user, [p.organization for p in page])
    audit_personal_read(
        actor=user,
        object_type="registry.businessprofile",
        shown=(business_fields_shown(user, p, BUSINESS_PERSONAL_FIELDS) for p in page),
        filters=filters,
        object_id=object_id,
        object_repr=page[0].organization.name if organization_id else "",
        region_code=region_code,
        organization_id=organization_id,
    )


@router.post("/businesses/", response={201: BusinessOut, **errors(400, 403)})
def create_business(request, payload: BusinessIn):
    data = payload.dict()
    created = services.business_register(actor=request.auth, region_code=data.pop("region"), **data)
    return Status(201, created)


@router.patch("/businesses/{business_id}", response={200: BusinessOut, **errors(400, 403, 404)})
def update_business(request, business_id: Id, payload: BusinessPatch):
    profile = selectors.access_business(user=request.auth, pk=business_id)
    return services.business_update(actor=request.auth, business=profile, **payload.dict(exclude_unset=True))


@router.get("/activity", response=ActivityOut)
def activity(request, region: Line = ""):
    summary = selectors.activity_summary(
        user=request.auth, region=CooperativeFilters.from_params({"region": region}).region
    )
    return {
        "region": region,
        "inactive_before": summary["window"].inactive_before,
        "rows": summary["rows"],
        "total": summary["total"],
    }


@router.post("/imports", response={201: ImportOut, **errors(400, 403)})
def upload_import(request, kind: Form[Line], file: File[UploadedFile]):
    """Upload a sheet; its dry run starts at once. Follow `/imports/{id}` until the summary arrives."""
    batch = services.import_batch_upload(actor=request.auth, kind=kind, uploaded_file=file)
    batch = services.import_batch_preview(actor=request.auth, batch=batch)
    return Status(201, _import_out(batch))


@router.get("/imports/{batch_id}", response={200: ImportOut, **errors(404)})
def get_import(request, batch_id: Id):
    return _import_out(selectors.access_import_batch(user=request.auth, pk=batch_id))


@router.post("/imports/{batch_id}/execute", response={200: ImportOut, **errors(400, 403, 404)})
def execute_import(request, batch_id: Id):
    batch = selectors.access_import_batch(user=request.auth, pk=batch_id)
    return _import_out(services.import_batch_execute(actor=request.auth, batch=batch))


def _import_out(batch) -> dict:
    batch.refresh_from_db()
    return {
        "id": batch.pk,
        "kind": batch.kind,
        "filename": batch.filename,
        "status": batch.status,
        "job_id": batch.job_id,
        "summary": batch.summary,
    }


# --- duplicates and merges ----------------------------------------------------------------------


class DuplicateSide(Schema):
    id: int
    name: str
    region_code: str
    merged_into: int | None


class DuplicateOut(Schema):
    """A pair in the review queue (calon duplikat) with the parts of its match score."""

    id: int
    kind: str
    score: float
    reasons: dict
    region_code: str
    status: str
    decided_at: dt.datetime | None
    left: DuplicateSide
    right: DuplicateSide

    @staticmethod
    def _side(org) -> dict:
        return {
            "id": org.pk,
            "name": org.name,
            "region_code": org.region_id,
            "merged_into": org.merged_into_id,
        }

    @staticmethod
    def resolve_score(obj):
        return float(obj.score)

    @staticmethod
    def resolve_left(obj):
        return DuplicateOut._side(obj.left)

    @staticmethod
    def resolve_right(obj):
        return DuplicateOut._side(obj.right)


class MergeIn(Schema):
    keep: Id


class DistinctIn(Schema):
    note: Lines = ""


class MergeOut(Schema):
    id: int
    kept: int
    merged: int
    merged_at: dt.datetime
    reverted_at: dt.datetime | None
    moved: dict

    @staticmethod
    def resolve_kept(obj):
        return obj.kept_id

    @staticmethod
    def resolve_merged(obj):
        return obj.merged_id


@router.get("/duplicates/", response=list[DuplicateOut])
@paginate(ApiPagination, page_size=50)
def list_duplicates(request, kind: Line = "", status: Line = "open", region: Line = ""):
    """The review queue of the caller's jurisdiction, best match first (status: open, merged, distinct)."""
    return selectors.duplicate_list(user=request.auth, kind=kind, status=status, region=region)


@router.get("/duplicates/{duplicate_id}", response={200: DuplicateOut, **errors(404)})
def get_duplicate(request, duplicate_id: Id):
    return selectors.access_duplicate(user=request.auth, pk=duplicate_id)


@router.post("/duplicates/{duplicate_id}/merge", response={201: MergeOut, **errors(400, 403, 404)})
def merge_duplicate(request, duplicate_id: Id, payload: MergeIn):
    """Keep the organisation `keep` (the pair's left or right id) and merge the other into it."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    candidate = selectors.access_duplicate(user=request.auth, pk=duplicate_id)
    keep = {candidate.left_id: candidate.left, candidate.right_id: candidate.right}.get(payload.keep)
    if keep is None:
        raise ValidationError({"keep": _("Pilih salah satu dari kedua data.")})
    return Status(201, services.duplicate_merge(actor=request.auth, candidate=candidate, keep=keep))


@router.post("/duplicates/{duplicate_id}/distinct", response={200: DuplicateOut, **errors(400, 403, 404)})
def mark_duplicate_distinct(request, duplicate_id: Id, payload: DistinctIn):
    candidate = selectors.access_duplicate(user=request.auth, pk=duplicate_id)
    return services.duplicate_mark_distinct(actor=request.auth, candidate=candidate, note=payload.note)


@router.post("/merges/{merge_id}/revert", response={200: MergeOut, **errors(400, 403, 404)})
def revert_merge(request, merge_id: Id):
    """Undo a merge (office admins of the region and superusers)."""
    merge = selectors.access_merge(user=request.auth, pk=merge_id)
    return services.merge_revert(actor=request.auth, merge=merge)


# --- Kampung Koperasi clusters --------------------------------------------------------------------


class ClusterOut(Schema):
    id: int
    name: str
    commodity: str
    district_code: str
    district_name: str
    flagship_id: int | None
    flagship_name: str
    n_cooperatives: int
    n_businesses: int

    @staticmethod
    def resolve_district_code(obj):
        return obj.district_id

    @staticmethod
    def resolve_district_name(obj):
        return obj.district.name

    @staticmethod
    def resolve_flagship_name(obj):
        return obj.flagship.name if obj.flagship else ""


class ClusterDetailOut(ClusterOut):
    """A cluster with the ids of the member cooperatives and businesses the caller reaches."""

    cooperative_ids: list[int]
    business_ids: list[int]


@router.get("/clusters/", response=list[ClusterOut])
@paginate(ApiPagination, page_size=50)
def list_clusters(request):
    return selectors.cluster_list(user=request.auth).order_by("name", "pk")


@router.get("/clusters/{cluster_id}", response={200: ClusterDetailOut, **errors(404)})
def get_cluster(request, cluster_id: Id):
    cluster = selectors.access_cluster(user=request.auth, pk=cluster_id)
    members = selectors.cluster_members(user=request.auth, cluster=cluster)
    cluster.cooperative_ids = [p.pk for p in members["cooperatives"]]
    cluster.business_ids = [p.pk for p in members["businesses"]]
    return cluster


# --- moves (pindah wilayah) ---------------------------------------------------------------------


class MoveOut(Schema):
    """A move of an organisation to another region: done (`approved`), or a request the office of
    the receiving region decides (`pending`, then `approved` or `refused`), or withdrawn."""

    id: int
    organization_id: int
    organization_name: str
    from_region: str
    to_region: str
    status: str
    reason: str
    created_at: dt.datetime
    decided_at: dt.datetime | None
    decision_note: str

    @staticmethod
    def resolve_organization_name(obj):
        return obj.organization.name

    @staticmethod
    def resolve_from_region(obj):
        return obj.from_region_id

    @staticmethod
    def resolve_to_region(obj):
        return obj.to_region_id


class MoveIn(Schema):
    organization: int
    region: RegionCode
    reason: Annotated[Lines, published(maxLength=500)] = ""


class MoveDecisionIn(Schema):
    approve: bool
    note: Annotated[Lines, published(maxLength=500)] = ""


@router.get("/moves/", response=list[MoveOut])
@paginate(ApiPagination, page_size=50)
def list_moves(request, pending_for_me: bool = False):
    """Moves the caller reaches, newest first; `pending_for_me` gives the requests into the
    caller's jurisdictions that wait for their office, oldest first."""
    if pending_for_me:
        return selectors.organization_move_queue(user=request.auth)
    return selectors.organization_move_list(user=request.auth)


@router.post("/moves/", response={201: MoveOut, **errors(400, 403, 404)})
def create_move(request, payload: MoveIn):
    """Move an organisation: at once for an office writer of both regions, otherwise a request."""
    org = access_organization(user=request.auth, pk=payload.organization)
    move = services.organization_move_request(
        actor=request.auth, organization=org, region_code=payload.region, reason=payload.reason
    )
    return Status(201, move)


@router.post("/moves/{move_id}/decision", response={200: MoveOut, **errors(400, 403, 404)})
def decide_move(request, move_id: Id, payload: MoveDecisionIn):
    move = selectors.access_organization_move(user=request.auth, pk=move_id)
    return services.organization_move_decide(
        actor=request.auth, move=move, approve=payload.approve, note=payload.note
    )


@router.post("/moves/{move_id}/cancel", response={200: MoveOut, **errors(400, 403, 404)})
def cancel_move(request, move_id: Id):
    move = selectors.access_organization_move(user=request.auth, pk=move_id)
    return services.organization_move_cancel(actor=request.auth, move=move)


# --- networks (jaringan): `registry.api_networks` ------------------------------------------------

from sinergi.registry.api_networks import router as networks_router  # noqa: E402

router.add_router("/networks", networks_router)
