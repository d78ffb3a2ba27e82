"""Reads of partnerships, scoped by who asks (`access`): agreements, obligations, scorecards,
referrals and matchmaking suggestions."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.accounts.scoping import reach_of, region_within_q
from sinergi.core.money import format_rupiah
from sinergi.core.templatetags.sinergi import number
from sinergi.partnerships import access, matching
from sinergi.partnerships.models import (
    Agreement,
    LendingCriteria,
    Measure,
    Obligation,
    ObligationState,
    Referral,
)

# --- agreements ---------------------------------------------------------------------------------


def agreement_list(*, user, status: str = "", scope: str = "", q: str = "") -> QuerySet[Agreement]:
    agreements = Agreement.objects.filter(access.agreement_q(user))
    if status:
        agreements = agreements.filter(status=status)
    if scope:
        # JSON containment is not portable across SQLite and PostgreSQL: match the quoted code.
        agreements = agreements.filter(scopes__icontains=f'"{scope}"')
    if q:
        agreements = agreements.filter(Q(title__icontains=q) | Q(number__icontains=q))
    return (
        agreements.select_related("office")
        .prefetch_related("parties__organization")
        .order_by("-start_on", "-pk")
    )


def access_agreement(*, user, pk) -> Agreement:
    found = (
        Agreement.objects.filter(access.agreement_q(user), pk=pk)
        .select_related("office", "network")
        .prefetch_related("parties__organization")
        .first()
    )
    if found is None:
        raise Http404
    return found


def obligations_of(agreement) -> list[Obligation]:
    return list(
        agreement.obligations.select_related("party__organization")
        .prefetch_related("entries")
        .order_by("due_on", "pk")
    )


def access_obligation(*, user, pk) -> Obligation:
    found = Obligation.objects.select_related("agreement", "party__organization").filter(pk=pk).first()
    if (
        found is None
        or not Agreement.objects.filter(access.agreement_q(user), pk=found.agreement_id).exists()
    ):
        raise Http404
    return found


def offices_run(*, user) -> QuerySet[Organization]:
    """The offices on whose behalf the user records agreements and referrals."""
    reach = reach_of(user)
    offices = Organization.objects.filter(
        kind=OrganizationKind.GOVERNMENT, is_active=True, jurisdiction__isnull=False
    )
    if reach.everything:
        return offices.order_by("name")
    ids = [o.organization_id for o in reach.offices if reach.manages_region(o.region_code)]
    return offices.filter(pk__in=ids).order_by("name")


# Kinds of organisation few enough to offer from anywhere (a bank branch, a supplier, a university).
PARTNER_KINDS = (
    OrganizationKind.BANK,
    OrganizationKind.COMPANY,
    OrganizationKind.UNIVERSITY,
    OrganizationKind.GOVERNMENT,
    OrganizationKind.ASSOCIATION,
    OrganizationKind.OTHER,
)


def party_choices(*, user) -> QuerySet[Organization]:
    """Organisations an officer may name as parties: everything in the jurisdiction, and partner
    organisations (banks, companies, universities, offices, associations) anywhere. The rule that
    one party lies inside the jurisdiction is the service's."""
    reach = reach_of(user)
    orgs = Organization.objects.filter(is_active=True, merged_into__isnull=True)
    if not reach.everything:
        orgs = orgs.filter(reach.region_q("region") | Q(kind__in=PARTNER_KINDS))
    return orgs.order_by("name")


# --- how an obligation's number was obtained ----------------------------------------------------

SOURCES = {
    "purchase_rounds": gettext_lazy("putaran Belanja Bareng"),
    "training_events": gettext_lazy("pelatihan"),
    "clinic_recommendations": gettext_lazy("rekomendasi klinik"),
}


def explanation_text(obligation: Obligation) -> str:
    """How the obligation's number was obtained, in the reader's language."""
    info = obligation.explanation or {}
    source = info.get("source", "")
    if source == "evidence":
        count = info.get("count", 0)
        return _("dijumlah dari %(n)s catatan capaian dengan bukti") % {"n": number(count)}
    if source == "unavailable":
        return _("data gerai belum tersedia di Sinergi")
    if source == "not_started":
        return _("belum mulai dihitung")
    if source == "consignment_sales":
        return _("dihitung dari penjualan titipan di gerai para pihak")
    if source == "products_stocked":
        return _("dihitung dari produk para pihak yang ada di gerai")
    if source in SOURCES:
        items = info.get("items") or []
        if not items:
            return _("dihitung dari data Sinergi: belum ada %(what)s") % {"what": SOURCES[source]}
        shown = format_rupiah if source == "purchase_rounds" else (lambda v: number(int(v)))
        listed = "; ".join(f"{i['name']} ({shown(Decimal(i['amount']))})" for i in items[:10])
        more = "" if len(items) <= 10 else " …"
        return _("dihitung dari %(n)s %(what)s: %(items)s") % {
            "n": number(len(items)),
            "what": SOURCES[source],
            "items": listed + more,
        }
    return ""


# --- scorecards -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scorecard:
    organization: Organization
    agreements: list
    counts: dict
    trend: list
    on_time_rate: int | None
    obligations: list


DELIVERY_STATES = ("met_on_time", "met_late", "missed", "overdue", "on_track")


def scorecard(*, user, organization: Organization) -> Scorecard:
    """How an organisation delivers on its obligations: agreements it is party to, obligations met
    on time, late, missed, overdue and running, and the same per year of the due date."""
    if not access.sees_scorecard(user, organization):
        raise PermissionDenied
    reached = Agreement.objects.filter(access.agreement_q(user))
    agreements = list(
        reached.filter(parties__organization=organization)
        .select_related("office")
        .order_by("-start_on", "-pk")
    )
    obligations = list(
        Obligation.objects.filter(party__organization=organization, agreement__in=reached)
        .select_related("agreement")
        .order_by("due_on", "pk")
    )
    counts = Counter(o.state for o in obligations)
    years: dict[int, Counter] = {}
    for o in obligations:
        if o.state != ObligationState.ON_TRACK:
            years.setdefault(o.due_on.year, Counter())[o.state] += 1
    trend = [
        {
            "year": year,
            "on_time": c["met_on_time"],
            "late": c["met_late"],
            "missed": c["missed"] + c["overdue"],
        }
        for year, c in sorted(years.items())
    ]
    decided = counts["met_on_time"] + counts["met_late"] + counts["missed"] + counts["overdue"]
    rate = round(counts["met_on_time"] * 100 / decided) if decided else None
    return Scorecard(
        organization=organization,
        agreements=agreements,
        counts={state: counts[state] for state in DELIVERY_STATES},
        trend=trend,
        on_time_rate=rate,
        obligations=obligations,
    )


def scorecard_organizations(*, user) -> QuerySet[Organization]:
    """Organisations with agreements the user may open a scorecard of."""
    reach = reach_of(user)
    orgs = Organization.objects.filter(agreement_parties__isnull=False).distinct()
    if reach.everything:
        return orgs.order_by("name")
    q = reach.region_q("region")
    own = access.own_organization_ids(user)
    if own:
        q |= Q(pk__in=own)
    return orgs.filter(q).order_by("name")


def access_organization(*, user, pk) -> Organization:
    found = Organization.objects.filter(pk=pk).first()
    if found is None or not access.sees_scorecard(user, found):
        raise Http404
    return found


# --- referrals ----------------------------------------------------------------------------------


def referral_list(*, user, status: str = "") -> QuerySet[Referral]:
    referrals = Referral.objects.filter(access.referral_q(user))
    if status:
        referrals = referrals.filter(status=status)
    return referrals.select_related("office", "partner", "organization").order_by("-created_at", "-pk")


def access_referral(*, user, pk) -> Referral:
    found = referral_list(user=user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


# --- matchmaking --------------------------------------------------------------------------------

REASONS = {
    "same_district": gettext_lazy("di kecamatan yang sama"),
    "same_regency": gettext_lazy("di kabupaten/kota yang sama"),
    "same_cluster": gettext_lazy("dalam klaster komoditas yang sama"),
    "sector": gettext_lazy("bidang usaha (KBLI) sejenis"),
    "scope_capital": gettext_lazy("bank untuk akses permodalan"),
    "scope_market": gettext_lazy("punya gerai untuk pemasaran dan distribusi"),
    "scope_capacity": gettext_lazy("perguruan tinggi untuk peningkatan kapasitas"),
    "has_products": gettext_lazy("sudah punya produk yang dapat dititipkan"),
    "not_member": gettext_lazy("belum menjadi anggota koperasi"),
    "scale_fit": gettext_lazy("skala usaha sesuai kriteria pembiayaan"),
    "lending_sector": gettext_lazy("bidang usaha sesuai kriteria pembiayaan"),
    "health_fit": gettext_lazy("predikat kesehatan sesuai kriteria pembiayaan"),
}
MAX_CANDIDATES = 500


def reason_text(code: str) -> str:
    return str(REASONS.get(code, _("alasan lain")))


def _kbli(text: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in (text or "").split(",") if c.strip())


def _profiles(orgs: list[Organization]) -> list[matching.Profile]:
    from sinergi.health.models import Assessment
    from sinergi.registry.models import BusinessProfile, Cluster, CooperativeProfile

    ids = [o.pk for o in orgs]
    business = {b.pk: b for b in BusinessProfile.objects.filter(pk__in=ids).prefetch_related("cooperatives")}
    coops = {c.pk: c for c in CooperativeProfile.objects.filter(pk__in=ids)}
    clusters: dict[int, set[int]] = {}
    for through, field in (
        (Cluster.cooperatives.through, "organization_id"),
        (Cluster.businesses.through, "organization_id"),
    ):
        for org_id, cluster_id in through.objects.filter(**{f"{field}__in": ids}).values_list(
            field, "cluster_id"
        ):
            clusters.setdefault(org_id, set()).add(cluster_id)
    predicates: dict[int, str] = {}
    for coop_id, predicate in (
        Assessment.objects.filter(cooperative_id__in=list(coops)).order_by("cooperative_id", "-year")
        .values_list("cooperative_id", "predicate")
    ):  # fmt: skip
        predicates.setdefault(coop_id, predicate or "")
    try:
        from sinergi.consignment.models import Outlet

        outlets = set(
            Outlet.objects.filter(organization_id__in=ids, is_active=True).values_list(
                "organization_id", flat=True
            )
        )
    except ImportError:  # pragma: no cover — the consignment slice is part of the project
        outlets = set()
    try:
        from sinergi.market.models import Product

        producers = set(Product.objects.filter(business_id__in=ids).values_list("business_id", flat=True))
    except ImportError:  # pragma: no cover
        producers = set()
    profiles = []
    for o in orgs:
        b, c = business.get(o.pk), coops.get(o.pk)
        profiles.append(
            matching.Profile(
                id=o.pk,
                name=o.name,
                kind=o.kind,
                region_code=o.region_id,
                clusters=frozenset(clusters.get(o.pk, ())),
                kbli=_kbli(b.kbli if b else c.kbli if c else ""),
                scale=b.effective_scale if b else "",
                predicate=predicates.get(o.pk, ""),
                has_outlet=o.pk in outlets,
                has_products=o.pk in producers,
                is_member=bool(b and b.cooperatives.all()),
            )
        )
    return profiles


def _candidates(seeker: Organization, kinds) -> list[Organization]:
    regency = ".".join(seeker.region_id.split(".")[:2])
    province = seeker.region_id.split(".")[0]
    near = Q(kind__in=[OrganizationKind.UMKM, OrganizationKind.COOPERATIVE]) & region_within_q(
        "region", regency
    )
    far = Q(kind__in=[k for k in kinds if k not in (OrganizationKind.UMKM, OrganizationKind.COOPERATIVE)]) & (
        region_within_q("region", province)
    )
    return list(
        Organization.objects.filter(near | far, kind__in=kinds, is_active=True, merged_into__isnull=True)
        .exclude(pk=seeker.pk)
        .order_by("name")[:MAX_CANDIDATES]
    )


def matches_for(*, user, seeker: Organization, needs: frozenset[str] = frozenset()) -> list[dict]:
    """Suggestions for `seeker` (a UMKM, a cooperative or a bank), best first, with the reasons
    worded. Officers of the seeker's region, and the seeker's own people, may ask."""
    if not access.may_match(user, seeker):
        raise PermissionDenied
    if seeker.kind == OrganizationKind.UMKM:
        kinds = [
            OrganizationKind.COOPERATIVE,
            OrganizationKind.BANK,
            OrganizationKind.COMPANY,
            OrganizationKind.UNIVERSITY,
        ]
        orgs = _candidates(seeker, kinds)
        profiles = _profiles([seeker, *orgs])
        found = matching.for_umkm(profiles[0], profiles[1:], needs)
    elif seeker.kind == OrganizationKind.COOPERATIVE:
        orgs = _candidates(seeker, [OrganizationKind.UMKM])
        profiles = _profiles([seeker, *orgs])
        found = matching.for_cooperative(profiles[0], profiles[1:])
    elif seeker.kind == OrganizationKind.BANK:
        orgs = _candidates(seeker, [OrganizationKind.UMKM, OrganizationKind.COOPERATIVE])
        profiles = _profiles([seeker, *orgs])
        stored = LendingCriteria.objects.filter(bank=seeker).first()
        criteria = matching.Criteria(
            scales=frozenset(stored.scales) if stored else frozenset(),
            kbli_prefixes=tuple(stored.kbli_prefixes) if stored else (),
            predicates=frozenset(stored.predicates) if stored else frozenset(),
        )
        found = matching.for_bank(profiles[0], profiles[1:], criteria)
    else:
        return []
    kinds_label = dict(OrganizationKind.choices)
    return [
        {
            "id": m.candidate.id,
            "name": m.candidate.name,
            "kind": str(kinds_label.get(m.candidate.kind, "")),
            "score": m.score,
            "reasons": [{"points": p, "code": code, "text": reason_text(code)} for p, code in m.reasons],
        }
        for m in found[:50]
    ]


def measure_label(code: str) -> str:
    return str(Measure(code).label) if code in Measure.values else ""
