"""Reads of users, organisations and memberships, always scoped by the asking user's reach."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from sinergi.accounts.filters import OrganizationFilters
from sinergi.accounts.models import (
    BusinessClaim,
    CorrectionRequest,
    Invitation,
    Membership,
    Organization,
    OrganizationKind,
    User,
)
from sinergi.accounts.scoping import reach_of, region_within_q
from sinergi.accounts.search import first_matches, name_matches
from sinergi.core.audit import PERSONAL_DATA_READ, jsonable
from sinergi.core.audit_text import action_label, model_for, object_type_label
from sinergi.core.models import AuditEvent
from sinergi.regions.models import Region


def _organization_rows(
    user: User, filters: OrganizationFilters | None, match_limit: int | None = None
) -> QuerySet[Organization]:
    """The organisations the user reaches that pass the filters, unsorted and uncapped."""
    reach = reach_of(user)
    if not reach.everything and not reach.offices and not reach.org_roles:
        return Organization.objects.none()
    qs = Organization.objects.filter(reach.organization_q(), merged_into__isnull=True)
    return filters.apply(qs, match_limit) if filters else qs


def organization_search(*, user: User, filters: OrganizationFilters) -> tuple[QuerySet[Organization], bool]:
    """The list's rows and whether a name search matched more than it shows (SEARCH_LIMIT)."""
    # A search keeps SEARCH_LIMIT of the matches the user may see.
    qs, capped = first_matches(
        lambda m: _organization_rows(user, filters, m), q=filters.q, kind=filters.kind or None
    )
    # Regions come in one more query for the page: a join would steer SQLite away from the name index.
    return qs.prefetch_related("region").order_by("name", "pk"), capped


def organization_list(*, user: User, filters: OrganizationFilters | None = None) -> QuerySet[Organization]:
    return organization_search(user=user, filters=filters or OrganizationFilters())[0]


def access_organization(*, user: User, pk) -> Organization:
    """The organisation if the user reaches it; 404 otherwise (never reveal that it exists)."""
    try:
        org = Organization.objects.select_related("region", "jurisdiction").get(pk=int(pk))
    except (Organization.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not reach_of(user).can_view_organization(org):
        raise Http404
    return org


def membership_list(*, user: User, organization: Organization) -> QuerySet[Membership]:
    access_organization(user=user, pk=organization.pk)
    return organization.memberships.select_related("user").order_by("user__full_name")


def user_memberships(*, user: User) -> QuerySet[Membership]:
    return (
        user.memberships.filter(is_active=True, organization__is_active=True)
        .select_related("organization", "organization__region", "organization__jurisdiction")
        .order_by("organization__name")
    )


def invitation_list(*, user: User, organization: Organization) -> QuerySet[Invitation]:
    access_organization(user=user, pk=organization.pk)
    return organization.invitations.select_related("created_by").order_by("-created_at")


def claim_list(*, user: User, status: str = BusinessClaim.Status.PENDING) -> QuerySet[BusinessClaim]:
    """Claims an officer can decide: those on businesses inside their jurisdiction, registered or
    (a new business, not in the registry until approved) named there."""
    reach = reach_of(user)
    if not reach.is_officer:
        return BusinessClaim.objects.none()
    return (
        BusinessClaim.objects.filter(
            reach.region_q("organization__region") | reach.region_q("new_region"), status=status
        )
        .select_related("user", "organization", "organization__region", "new_region")
        .order_by("created_at")
    )


def my_claims(*, user: User) -> QuerySet[BusinessClaim]:
    return user.claims.select_related("organization", "organization__region", "new_region").order_by(
        "-created_at"
    )


def access_claim(*, user: User, pk) -> BusinessClaim:
    claim = claim_list(user=user).filter(pk=pk).first()
    if claim is None:
        raise Http404
    return claim


def correction_list(*, user: User) -> QuerySet[CorrectionRequest]:
    """Open correction requests from people who act for organisations in the admin's jurisdiction."""
    reach = reach_of(user)
    if reach.everything:
        return CorrectionRequest.objects.filter(status="open").select_related("user")
    if not reach.admin_codes():
        return CorrectionRequest.objects.none()
    org_ids = Organization.objects.filter(reach.administered_region_q("region")).values("pk")
    return (
        CorrectionRequest.objects.filter(status="open", user__memberships__organization__in=org_ids)
        .select_related("user")
        .distinct()
    )


def audit_event_list(*, user: User, filters: dict | None = None) -> QuerySet[AuditEvent]:
    """Audit events for office admins: those recorded inside their jurisdiction."""
    reach = reach_of(user)
    if reach.everything:
        qs = AuditEvent.objects.all()
    elif reach.admin_codes():
        qs = AuditEvent.objects.filter(reach.administered_region_q("region_code"))
    else:
        return AuditEvent.objects.none()
    filters = filters or {}
    if filters.get("action"):
        qs = qs.filter(action=filters["action"])
    if filters.get("actor"):
        qs = qs.filter(
            Q(actor__full_name__icontains=filters["actor"]) | Q(actor_label__icontains=filters["actor"])
        )
    if filters.get("object_type"):
        qs = qs.filter(object_type=filters["object_type"])
    if filters.get("object_id"):
        qs = qs.filter(object_id=str(filters["object_id"]))
    return qs.select_related("actor").order_by("-created_at", "-id")


def audit_filter_choices(*, user: User) -> dict[str, list[tuple[str, str]]]:
    """The audit list's filters as choices in words: the actions and object types on the trail,
    each by its name (`core.audit_text`), never by its stored code."""
    cached = cache.get("audit-filter-codes")
    if cached is None:
        events = AuditEvent.objects.order_by()
        cached = sorted(set(events.values_list("action", "object_type").distinct()))
        cache.set("audit-filter-codes", cached, 300)
    actions = {action: action_label(action, object_type) for action, object_type in cached if action}
    types = {t: object_type_label(t) for _action, t in cached if model_for(t) is not None}
    return {
        "actions": sorted(actions.items(), key=lambda c: c[1].lower()),
        "object_types": sorted(types.items(), key=lambda c: c[1].lower()),
    }


def object_timeline(*, user: User, obj) -> QuerySet[AuditEvent]:
    """The changes recorded on one object, for its detail page (the caller has access to it)."""
    return AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).order_by(
        "-created_at", "-id"
    )


# Reads, not changes: the audit trail keeps them, an organisation's history does not.
_READ_ACTIONS = (PERSONAL_DATA_READ, "registry.export")


def organization_timeline(*, user: User, organization: Organization) -> QuerySet[AuditEvent]:
    """Every change to an organisation, for its history panel (the caller has access to it): to the
    organisation row itself and to everything filed under it (its cooperative or business profile,
    members, status changes, moves, merges, memberships, claims)."""
    return (
        AuditEvent.objects.filter(
            Q(organization_id=organization.pk)
            | Q(object_type=Organization._meta.label_lower, object_id=str(organization.pk))
        )
        .exclude(action__in=_READ_ACTIONS)
        .select_related("actor")
        .order_by("-created_at", "-id")
    )


def offices_over(*, region_code: str) -> QuerySet[Organization]:
    """Government offices whose jurisdiction covers a region (nearest first)."""
    parts = region_code.split(".")
    codes = [".".join(parts[: i + 1]) for i in range(len(parts))]
    return Organization.objects.filter(kind=OrganizationKind.GOVERNMENT, jurisdiction_id__in=codes).order_by(
        "-jurisdiction_id"
    )


def office_people_over(*, region_code: str, roles) -> QuerySet[User]:
    """The active people holding one of `roles` in an active office whose jurisdiction covers a
    region: who hears about work waiting there (curation, escalated complaints)."""
    offices = offices_over(region_code=region_code or "").filter(is_active=True)
    memberships = Membership.objects.filter(is_active=True, role__in=list(roles), organization__in=offices)
    return User.objects.filter(is_active=True, pk__in=memberships.values("user_id")).order_by("pk")


def personal_data_export(*, user: User) -> dict:
    """Everything the platform holds about the person themself ("unduh data saya", UU PDP)."""
    return jsonable(
        {
            "akun": {
                "email": user.email,
                "nama": user.full_name,
                "nomor_whatsapp": user.phone,
                "bahasa": user.language,
                "bergabung": user.date_joined,
                "login_terakhir": user.last_login,
            },
            "keanggotaan": [
                {"organisasi": m.organization.name, "peran": m.role, "sejak": m.created_at}
                for m in user.memberships.select_related("organization")
            ],
            "persetujuan_privasi": [
                {
                    "versi": c.notice_version,
                    "tujuan": c.purpose,
                    "tanggal": c.given_at,
                    "dicabut": c.withdrawn_at,
                }
                for c in user.consents.all()
            ],
            "klaim_usaha": [
                {"usaha": c.business_name, "status": c.status, "tanggal": c.created_at}
                for c in user.claims.select_related("organization")
            ],
            "permintaan_koreksi": [
                {"isi": r.text, "status": r.status, "tanggapan": r.response, "tanggal": r.created_at}
                for r in user.correction_requests.all()
            ],
            "token_api": [
                {"nama": t.name, "awalan": t.prefix, "dibuat": t.created_at, "dicabut": t.revoked_at}
                for t in user.api_tokens.all()
            ],
        }
    )


def business_search_for_claim(*, q: str, region: str = "", pk: int | None = None) -> QuerySet[Organization]:
    """Registered businesses an owner may claim: names and villages only, nothing personal."""
    qs = Organization.objects.filter(kind=OrganizationKind.UMKM, merged_into__isnull=True, is_active=True)
    if pk is not None:
        return qs.filter(pk=pk)

    # The name through the trigram index (a million businesses); 20 of the matches in the region.
    def rows(match_limit):
        found = qs.filter(pk__in=name_matches(q, kind=OrganizationKind.UMKM, limit=match_limit))
        return found.filter(region_within_q("region", region)) if region else found

    return (
        first_matches(rows, q=q, kind=OrganizationKind.UMKM)[0].select_related("region").order_by("name")[:20]
    )


def organization_counts(*, user: User, counted: dict[str, int] | None = None) -> dict[str, int]:
    """Organisations per kind in the user's reach.

    `counted` gives the kinds whose counts the caller already has from the registry's tallies
    (cooperatives and UMKM, the kinds that run to a million rows); only the other kinds, a few
    offices, companies, banks and campuses, are counted here, so the cost stays flat.
    """
    counted = counted or {}
    orgs = organization_list(user=user).exclude(kind__in=list(counted))
    counts = {row["kind"]: row["n"] for row in orgs.values("kind").annotate(n=Count("pk")).order_by()}
    counts.update(counted)
    return counts


def office_overview(*, user: User, counted: dict[str, int] | None = None) -> dict:
    """What an office's home page shows: its jurisdictions and what is waiting for it. `counted`:
    see `organization_counts`."""
    reach = reach_of(user)
    counts = organization_counts(user=user, counted=counted)
    kinds = [
        {"kind": value, "label": label, "count": counts.get(value, 0)}
        for value, label in OrganizationKind.choices
        if counts.get(value)
    ]
    is_admin = reach.is_office_admin
    return {
        "jurisdictions": Region.objects.filter(code__in=reach.office_codes()).order_by("code")
        if not reach.everything
        else [],
        "kind_counts": kinds,
        "organization_total": sum(counts.values()),
        "pending_claims": claim_list(user=user).count(),
        "open_corrections": correction_list(user=user).count() if is_admin else 0,
        "recent_events": audit_event_list(user=user)[:8] if is_admin else [],
        "is_admin": is_admin,
    }


def letterhead_of(office):
    """The office's letterhead (kop surat), or an unsaved empty one: a document then heads itself
    with the office's name. Every letter an office prints reads it here."""
    from sinergi.accounts.models import Letterhead

    return Letterhead.objects.filter(office=office).first() or Letterhead(office=office)


def letterhead_context(office) -> dict:
    """What the shared letterhead templates (`letterhead/_kop.html`, `_sign.html`) read."""
    from pathlib import Path

    letterhead = letterhead_of(office)
    return {
        "letterhead": letterhead,
        "logo_uri": Path(letterhead.logo.path).as_uri() if letterhead.logo else "",
    }
