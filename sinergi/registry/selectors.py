"""Registry reads, always scoped by the asking user's reach."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower
from django.http import Http404
from django.utils import timezone

from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.accounts.scoping import reach_of, region_within_q
from sinergi.accounts.search import first_matches
from sinergi.registry.activity import (
    ACTIVE,
    DECLARED_INACTIVE,
    DISSOLVED,
    INACTIVE,
    NEW,
    WARNING,
    activity_window,
    cooperative_activity,
)
from sinergi.registry.filters import BusinessFilters, CooperativeFilters
from sinergi.registry.models import (
    BusinessProfile,
    Cluster,
    CooperativeProfile,
    CooperativeStatus,
    ImportBatch,
    Member,
    OrganizationMove,
)
from sinergi.registry.search import search_organizations


def _scope(qs: QuerySet, user) -> QuerySet:
    """Profiles of organisations the user reaches: inside a jurisdiction, or their own."""
    reach = reach_of(user)
    if reach.everything:
        return qs
    q = reach.region_q("region_code")
    own = reach.organization_ids()
    if own:
        q |= Q(organization_id__in=own)
    return qs.filter(q)


def _kbli_q(code: str) -> Q:
    return Q(kbli__startswith=code) | Q(kbli__contains="," + code)


def _cooperative_rows(
    user, filters: CooperativeFilters, match_limit: int | None = None
) -> QuerySet[CooperativeProfile]:
    """The cooperatives the user reaches that pass the filters, unsorted and uncapped."""
    qs = _scope(CooperativeProfile.objects.filter(organization__merged_into__isnull=True), user)
    if filters.region:
        qs = qs.filter(_code_q(filters.region))
    if filters.cooperative_type:
        qs = qs.filter(cooperative_type=filters.cooperative_type)
    if filters.group:
        qs = qs.filter(group=filters.group)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.cluster:
        qs = qs.filter(organization__cooperative_clusters=filters.cluster)
    if filters.kbli:
        qs = qs.filter(_kbli_q(filters.kbli))
    if filters.q:
        matches = search_organizations(filters.q, kind=OrganizationKind.COOPERATIVE, match_limit=match_limit)
        qs = qs.filter(organization_id__in=matches)
    return qs


def cooperative_search(*, user, filters: CooperativeFilters) -> tuple[QuerySet[CooperativeProfile], bool]:
    """The list's rows and whether a name search matched more than it shows (SEARCH_LIMIT)."""
    # A search keeps SEARCH_LIMIT of the matches the user may see.
    qs, capped = first_matches(
        lambda m: _cooperative_rows(user, filters, m), q=filters.q, kind=OrganizationKind.COOPERATIVE
    )
    # The region comes in a second query for the page: joined here, it leads SQLite's planner to
    # walk every region and sort the whole result instead of reading the name index in order.
    qs = (
        qs.select_related("organization")
        .prefetch_related("organization__region")
        .order_by(Lower("organization__name"), "pk")
    )
    return qs, capped


def cooperative_list(*, user, filters: CooperativeFilters | None = None) -> QuerySet[CooperativeProfile]:
    return cooperative_search(user=user, filters=filters or CooperativeFilters())[0]


def _code_q(code: str) -> Q:
    return region_within_q("region_code", code)


def _business_rows(
    user, filters: BusinessFilters, match_limit: int | None = None
) -> QuerySet[BusinessProfile]:
    """The businesses the user reaches that pass the filters, unsorted and uncapped."""
    qs = _scope(BusinessProfile.objects.filter(organization__merged_into__isnull=True), user)
    if filters.region:
        qs = qs.filter(_code_q(filters.region))
    if filters.scale:
        qs = qs.filter(Q(scale_override=filters.scale) | Q(scale_override="", scale=filters.scale))
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.cluster:
        qs = qs.filter(organization__business_clusters=filters.cluster)
    if filters.kbli:
        qs = qs.filter(_kbli_q(filters.kbli))
    if filters.q:
        matches = search_organizations(filters.q, kind=OrganizationKind.UMKM, match_limit=match_limit)
        qs = qs.filter(organization_id__in=matches)
    return qs


def business_search(*, user, filters: BusinessFilters) -> tuple[QuerySet[BusinessProfile], bool]:
    """The list's rows and whether a name search matched more than it shows (SEARCH_LIMIT)."""
    # A search keeps SEARCH_LIMIT of the matches the user may see.
    qs, capped = first_matches(
        lambda m: _business_rows(user, filters, m), q=filters.q, kind=OrganizationKind.UMKM
    )
    # name_key is the lower-cased name, indexed: the list walks it instead of sorting a million rows.
    # The region comes in a second query for the page (see cooperative_search).
    qs = qs.select_related("organization").prefetch_related("organization__region").order_by("name_key", "pk")
    return qs, capped


def business_list(*, user, filters: BusinessFilters | None = None) -> QuerySet[BusinessProfile]:
    return business_search(user=user, filters=filters or BusinessFilters())[0]


def access_cooperative(*, user, pk) -> CooperativeProfile:
    try:
        profile = CooperativeProfile.objects.select_related(
            "organization", "organization__region", "secondary"
        ).get(pk=int(pk))
    except (CooperativeProfile.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not reach_of(user).can_view_organization(profile.organization):
        raise Http404
    return profile


def access_business(*, user, pk) -> BusinessProfile:
    try:
        profile = BusinessProfile.objects.select_related("organization", "organization__region").get(
            pk=int(pk)
        )
    except (BusinessProfile.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not reach_of(user).can_view_organization(profile.organization):
        raise Http404
    return profile


def member_list(*, user, cooperative: Organization) -> QuerySet[Member]:
    if not reach_of(user).can_view_organization(cooperative):
        raise Http404
    return cooperative.members.order_by("member_number")


def cluster_list(*, user) -> QuerySet[Cluster]:
    reach = reach_of(user)
    if reach.everything:
        qs = Cluster.objects.all()
    elif reach.is_officer:
        qs = Cluster.objects.filter(reach.region_q("district"))
    else:
        own = reach.organization_ids()
        qs = Cluster.objects.filter(
            Q(cooperatives__in=own) | Q(businesses__in=own) | Q(flagship__in=own)
        ).distinct()
    return qs.select_related("district", "flagship").annotate(
        n_cooperatives=Count("cooperatives", distinct=True), n_businesses=Count("businesses", distinct=True)
    )


def access_cluster(*, user, pk) -> Cluster:
    cluster = cluster_list(user=user).filter(pk=pk).first()
    if cluster is None:
        raise Http404
    return cluster


def activity_summary(*, user, region: str = "", today: dt.date | None = None) -> dict:
    """Registered, active, about-to-turn-inactive, new and inactive cooperatives per area, by the one
    activity rule that health supervision applies too (`registry.activity.cooperative_activity`).

    Rows are the children of `region` (or of each jurisdiction when empty): regencies under a
    province, kecamatan under a regency.
    """
    today = today or timezone.localdate()
    window = activity_window(today, settings.SINERGI_INACTIVE_AFTER_YEARS)
    qs = cooperative_list(user=user, filters=CooperativeFilters(region=region)).exclude(
        status=CooperativeStatus.DIBUBARKAN
    )
    level = region.count(".") + 1 if region else None
    group_field = "district_code" if level in (2, 3, 4) else "regency_code"
    # Cooperatives of one area with the same status and dates have the same activity: the database
    # groups them, the rule decides each group once.
    groups = (
        qs.order_by()
        .values(group_field, "status", "last_rat_date", "founded_on")
        .annotate(n=Count("pk"))
        .values_list(group_field, "status", "last_rat_date", "founded_on", "n")
    )
    counts: dict[str, dict[str, int]] = {}
    for code, status, last_rat, founded_on, n in groups:
        state = cooperative_activity(status, last_rat, founded_on, window)
        row = counts.setdefault(code, {"registered": 0, ACTIVE: 0, WARNING: 0, NEW: 0, INACTIVE: 0})
        row["registered"] += n
        row[state] += n
    from sinergi.regions.models import Region

    names = dict(Region.objects.filter(code__in=list(counts)).values_list("code", "name"))
    result = [
        {
            "code": code,
            "name": names.get(code, code),
            "registered": row["registered"],
            # "active" counts the ones about to turn inactive too: they still held a RAT in time.
            "active": row[ACTIVE] + row[WARNING],
            "warning": row[WARNING],
            "new": row[NEW],
            "inactive": row[INACTIVE],
        }
        for code, row in sorted(counts.items())
    ]
    keys = ("registered", "active", "warning", "new", "inactive")
    return {
        "window": window,
        "rows": result,
        "total": {key: sum(r[key] for r in result) for key in keys},
    }


def cooperatives_about_to_turn_inactive(*, user, region: str = "", today: dt.date | None = None):
    """Cooperatives whose last RAT falls in the final year before they count as inactive: the
    WARNING state of `registry.activity.cooperative_activity`, as a query for the list."""
    today = today or timezone.localdate()
    window = activity_window(today, settings.SINERGI_INACTIVE_AFTER_YEARS)
    return (
        cooperative_list(user=user, filters=CooperativeFilters(region=region))
        .exclude(status__in=[DISSOLVED, *DECLARED_INACTIVE])
        .filter(last_rat_date__gte=window.inactive_before, last_rat_date__lt=window.warning_before)
        .order_by("last_rat_date", "organization__name")
    )


def import_batch_list(*, user) -> QuerySet[ImportBatch]:
    """A person's own uploads (superusers see every upload)."""
    qs = ImportBatch.objects.select_related("job")
    if not reach_of(user).everything:
        qs = qs.filter(uploaded_by=user)
    return qs.order_by("-created_at")


def access_import_batch(*, user, pk) -> ImportBatch:
    batch = import_batch_list(user=user).filter(pk=pk).first()
    if batch is None:
        raise Http404
    return batch


# --- duplicates and merges ----------------------------------------------------------------------


def _duplicate_scope(user) -> QuerySet:
    """Pairs with either record inside the user's jurisdiction (officers only)."""
    from sinergi.registry.models import DuplicateCandidate

    reach = reach_of(user)
    qs = DuplicateCandidate.objects.select_related(
        "left", "right", "left__region", "right__region", "decided_by"
    )
    if reach.everything:
        return qs
    if not reach.is_officer:
        return qs.none()
    return qs.filter(reach.region_q("region_code") | reach.region_q("right__region"))


def duplicate_list(*, user, kind: str = "", status: str = "open", region: str = "") -> QuerySet:
    """The review queue (calon duplikat), best match first. Unknown filter values are ignored.

    An open pair with a record already merged into another one is superseded and left out.
    """
    from sinergi.registry.models import DuplicateCandidate

    qs = _duplicate_scope(user)
    if kind in (OrganizationKind.UMKM, OrganizationKind.COOPERATIVE):
        qs = qs.filter(kind=kind)
    if status in DuplicateCandidate.Status.values:
        qs = qs.filter(status=status)
    region = CooperativeFilters.from_params({"region": region}).region  # a valid code or ""
    if region:
        qs = qs.filter(_code_q(region))
    open_ = DuplicateCandidate.Status.OPEN
    qs = qs.exclude(status=open_, left__merged_into__isnull=False).exclude(
        status=open_, right__merged_into__isnull=False
    )
    return qs.order_by("-score", "pk")


def access_duplicate(*, user, pk):
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    candidate = _duplicate_scope(user).filter(pk=pk).first()
    if candidate is None:
        raise Http404
    return candidate


def duplicate_compare(*, user, candidate) -> dict:
    """Both records of a pair side by side, with what hangs off each (what a merge would move)."""
    from sinergi.accounts.models import BusinessClaim
    from sinergi.registry.models import MergeRecord

    reach = reach_of(user)
    model = BusinessProfile if candidate.kind == OrganizationKind.UMKM else CooperativeProfile
    profiles = {
        p.pk: p
        for p in model.objects.select_related("organization", "organization__region").filter(
            pk__in=[candidate.left_id, candidate.right_id]
        )
    }
    sides = []
    for org in (candidate.left, candidate.right):
        sides.append(
            {
                "org": org,
                "profile": profiles.get(org.pk),
                "unmasked": reach.sees_personal_data_of(org),
                "people": org.memberships.count(),
                "claims": BusinessClaim.objects.filter(organization=org).count(),
                "members": org.members.count(),
                "clusters": org.business_clusters.count() + org.cooperative_clusters.count(),
                "cooperatives": BusinessProfile.cooperatives.through.objects.filter(
                    businessprofile_id=org.pk
                ).count()
                + BusinessProfile.cooperatives.through.objects.filter(organization_id=org.pk).count(),
            }
        )
    merge = MergeRecord.objects.filter(moved__candidate=candidate.pk).order_by("-merged_at").first()
    return {"left": sides[0], "right": sides[1], "merge": merge}


def merge_list(*, user) -> QuerySet:
    """Merges (penggabungan) in the jurisdictions the user administers, newest first."""
    from sinergi.registry.models import MergeRecord

    reach = reach_of(user)
    qs = MergeRecord.objects.select_related("kept", "merged", "kept__region", "merged_by", "reverted_by")
    if reach.everything:
        return qs.order_by("-merged_at", "-pk")
    if not reach.admin_codes():
        return qs.none()
    return qs.filter(reach.administered_region_q("kept__region")).order_by("-merged_at", "-pk")


def access_merge(*, user, pk):
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    merge = merge_list(user=user).filter(pk=pk).first()
    if merge is None:
        raise Http404
    return merge


def cluster_members(*, user, cluster: Cluster) -> dict:
    """A cluster's member cooperatives and businesses the user reaches (merged records left out)."""
    coops = cooperative_list(user=user).filter(organization__cooperative_clusters=cluster)
    businesses = business_list(user=user).filter(organization__business_clusters=cluster)
    return {"cooperatives": list(coops), "businesses": list(businesses)}


# --- moves (pindah wilayah) ---------------------------------------------------------------------


def _moves() -> QuerySet[OrganizationMove]:
    return OrganizationMove.objects.select_related(
        "organization", "from_region", "to_region", "requested_by", "decided_by"
    )


def organization_move_queue(*, user) -> QuerySet[OrganizationMove]:
    """Pending requests to move into the user's jurisdictions: what their office decides, oldest first."""
    reach = reach_of(user)
    if not reach.is_officer:
        return OrganizationMove.objects.none()
    return (
        _moves()
        .filter(reach.region_q("to_region"), status=OrganizationMove.Status.PENDING)
        .order_by("created_at", "pk")
    )


def organization_move_list(*, user, organization: Organization | None = None) -> QuerySet[OrganizationMove]:
    """Moves the user reaches: into or out of their jurisdictions, and those of their own
    organisations; newest first."""
    reach = reach_of(user)
    qs = _moves()
    if not reach.everything:
        q = reach.region_q("to_region") | reach.region_q("from_region")
        own = reach.organization_ids()
        if own:
            q |= Q(organization_id__in=own)
        qs = qs.filter(q)
    if organization is not None:
        qs = qs.filter(organization=organization)
    return qs.order_by("-created_at", "-pk")


def access_organization_move(*, user, pk) -> OrganizationMove:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    move = organization_move_list(user=user).filter(pk=pk).first()
    if move is None:
        raise Http404
    return move
