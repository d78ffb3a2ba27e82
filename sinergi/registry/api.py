"""Registry API: the same selectors and services as the pages, for scripts and other systems."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import File, Form, Router, Schema, Status, UploadedFile
from ninja.pagination import PageNumberPagination, paginate

from sinergi.registry import selectors, services
from sinergi.registry.filters import BusinessFilters, CooperativeFilters
from sinergi.registry.privacy import business_personal, member_nik, members_visible

router = Router(tags=["registry"])


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

    name: str
    region: str
    address: str = ""
    phone: str = ""
    email: str = ""
    nik_koperasi: str = ""
    legal_number: str = ""
    legal_date: dt.date | None = None
    cooperative_type: str = ""
    group: str = ""
    form: str = "primer"
    kbli: str = ""
    members_male: int = 0
    members_female: int = 0
    last_rat_date: dt.date | None = None


class CooperativePatch(Schema):
    name: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    nik_koperasi: str | None = None
    legal_number: str | None = None
    legal_date: dt.date | None = None
    cooperative_type: str | None = None
    group: str | None = None
    kbli: str | None = None
    members_male: int | None = None
    members_female: int | None = None
    founded_on: dt.date | None = None
    fiscal_year_end_month: int | None = None
    last_rat_date: dt.date | None = None


class StatusIn(Schema):
    status: str
    reason: str
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

    name: str
    region: str
    address: str = ""
    phone: str = ""
    email: str = ""
    owner_name: str = ""
    owner_nik: str = ""
    owner_gender: str = ""
    nib: str = ""
    kbli: str = ""
    capital: Decimal | None = None
    annual_sales: Decimal | None = None
    employees: int | None = None
    founded_on: dt.date | None = None
    status: str = "aktif"


class BusinessPatch(Schema):
    name: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    owner_name: str | None = None
    owner_nik: str | None = None
    owner_gender: str | None = None
    nib: str | None = None
    kbli: str | None = None
    capital: Decimal | None = None
    annual_sales: Decimal | None = None
    employees: int | None = None
    founded_on: dt.date | None = None
    status: str | None = None


class MemberOut(Schema):
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


class MemberIn(Schema):
    member_number: str
    name: str
    nik: str = ""
    gender: str = ""
    joined_on: dt.date | None = None
    savings_pokok: Decimal = Decimal(0)
    savings_wajib: Decimal = Decimal(0)
    savings_sukarela: Decimal = Decimal(0)


class ActivityRow(Schema):
    code: str
    name: str
    registered: int
    active: int
    warning: int
    inactive: int


class ActivityOut(Schema):
    region: str
    inactive_before: dt.date
    rows: list[ActivityRow]
    total: dict


class ImportOut(Schema):
    id: int
    kind: str
    filename: str
    status: str
    job_id: int | None
    summary: dict


@router.get("/cooperatives/", response=list[CooperativeOut])
@paginate(PageNumberPagination, page_size=50)
def list_cooperatives(
    request,
    q: str = "",
    region: str = "",
    cooperative_type: str = "",
    group: str = "",
    status: str = "",
    kbli: str = "",
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


@router.get("/cooperatives/{cooperative_id}", response=CooperativeOut)
def get_cooperative(request, cooperative_id: int):
    return selectors.access_cooperative(user=request.auth, pk=cooperative_id)


@router.post("/cooperatives/", response={201: CooperativeOut})
def create_cooperative(request, payload: CooperativeIn):
    data = payload.dict()
    created = services.cooperative_register(actor=request.auth, region_code=data.pop("region"), **data)
    return Status(201, created)


@router.patch("/cooperatives/{cooperative_id}", response=CooperativeOut)
def update_cooperative(request, cooperative_id: int, payload: CooperativePatch):
    profile = selectors.access_cooperative(user=request.auth, pk=cooperative_id)
    return services.cooperative_update(
        actor=request.auth, cooperative=profile, **payload.dict(exclude_unset=True)
    )


@router.post("/cooperatives/{cooperative_id}/status", response=CooperativeOut)
def set_cooperative_status(request, cooperative_id: int, payload: StatusIn):
    profile = selectors.access_cooperative(user=request.auth, pk=cooperative_id)
    return services.cooperative_set_status(actor=request.auth, cooperative=profile, **payload.dict())


@router.get("/cooperatives/{cooperative_id}/members", response=list[MemberOut])
@paginate(PageNumberPagination, page_size=100)
def list_members(request, cooperative_id: int):
    profile = selectors.access_cooperative(user=request.auth, pk=cooperative_id)
    org = profile.organization
    visible = members_visible(request.auth, org)
    members = selectors.member_list(user=request.auth, cooperative=org)
    if visible:
        return members
    return [_masked_member(m) for m in members]


def _masked_member(member):
    member.nik = member_nik(member, visible=False)
    return member


@router.post("/cooperatives/{cooperative_id}/members", response={201: MemberOut})
def add_member(request, cooperative_id: int, payload: MemberIn):
    profile = selectors.access_cooperative(user=request.auth, pk=cooperative_id)
    member = services.member_save(actor=request.auth, cooperative=profile.organization, **payload.dict())
    return Status(201, member)


@router.get("/businesses/", response=list[BusinessOut])
@paginate(PageNumberPagination, page_size=50)
def list_businesses(
    request, q: str = "", region: str = "", scale: str = "", status: str = "", kbli: str = ""
):
    filters = BusinessFilters.from_params(
        {"q": q, "region": region, "scale": scale, "status": status, "kbli": kbli}
    )
    return selectors.business_list(user=request.auth, filters=filters)


@router.get("/businesses/{business_id}", response=BusinessOut)
def get_business(request, business_id: int):
    return selectors.access_business(user=request.auth, pk=business_id)


@router.post("/businesses/", response={201: BusinessOut})
def create_business(request, payload: BusinessIn):
    data = payload.dict()
    created = services.business_register(actor=request.auth, region_code=data.pop("region"), **data)
    return Status(201, created)


@router.patch("/businesses/{business_id}", response=BusinessOut)
def update_business(request, business_id: int, payload: BusinessPatch):
    profile = selectors.access_business(user=request.auth, pk=business_id)
    return services.business_update(actor=request.auth, business=profile, **payload.dict(exclude_unset=True))


@router.get("/activity", response=ActivityOut)
def activity(request, region: str = ""):
    summary = selectors.activity_summary(
        user=request.auth, region=CooperativeFilters.from_params({"region": region}).region
    )
    return {
        "region": region,
        "inactive_before": summary["window"].inactive_before,
        "rows": summary["rows"],
        "total": summary["total"],
    }


@router.post("/imports", response={201: ImportOut})
def upload_import(request, kind: Form[str], file: File[UploadedFile]):
    """Upload a sheet; its dry run starts at once. Follow `/imports/{id}` until the summary arrives."""
    batch = services.import_batch_upload(actor=request.auth, kind=kind, uploaded_file=file)
    batch = services.import_batch_preview(actor=request.auth, batch=batch)
    return Status(201, _import_out(batch))


@router.get("/imports/{batch_id}", response=ImportOut)
def get_import(request, batch_id: int):
    return _import_out(selectors.access_import_batch(user=request.auth, pk=batch_id))


@router.post("/imports/{batch_id}/execute", response=ImportOut)
def execute_import(request, batch_id: int):
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
    keep: int


class DistinctIn(Schema):
    note: str = ""


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
@paginate(PageNumberPagination, page_size=50)
def list_duplicates(request, kind: str = "", status: str = "open", region: str = ""):
    """The review queue of the caller's jurisdiction, best match first (status: open, merged, distinct)."""
    return selectors.duplicate_list(user=request.auth, kind=kind, status=status, region=region)


@router.get("/duplicates/{duplicate_id}", response=DuplicateOut)
def get_duplicate(request, duplicate_id: int):
    return selectors.access_duplicate(user=request.auth, pk=duplicate_id)


@router.post("/duplicates/{duplicate_id}/merge", response={201: MergeOut})
def merge_duplicate(request, duplicate_id: int, payload: MergeIn):
    """Keep the organisation `keep` (the pair's left or right id) and merge the other into it."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    candidate = selectors.access_duplicate(user=request.auth, pk=duplicate_id)
    keep = {candidate.left_id: candidate.left, candidate.right_id: candidate.right}.get(payload.keep)
    if keep is None:
        raise ValidationError({"keep": _("Pilih salah satu dari kedua data.")})
    return Status(201, services.duplicate_merge(actor=request.auth, candidate=candidate, keep=keep))


@router.post("/duplicates/{duplicate_id}/distinct", response=DuplicateOut)
def mark_duplicate_distinct(request, duplicate_id: int, payload: DistinctIn):
    candidate = selectors.access_duplicate(user=request.auth, pk=duplicate_id)
    return services.duplicate_mark_distinct(actor=request.auth, candidate=candidate, note=payload.note)


@router.post("/merges/{merge_id}/revert", response=MergeOut)
def revert_merge(request, merge_id: int):
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
@paginate(PageNumberPagination, page_size=50)
def list_clusters(request):
    return selectors.cluster_list(user=request.auth).order_by("name", "pk")


@router.get("/clusters/{cluster_id}", response=ClusterDetailOut)
def get_cluster(request, cluster_id: int):
    cluster = selectors.access_cluster(user=request.auth, pk=cluster_id)
    members = selectors.cluster_members(user=request.auth, cluster=cluster)
    cluster.cooperative_ids = [p.pk for p in members["cooperatives"]]
    cluster.business_ids = [p.pk for p in members["businesses"]]
    return cluster
