"""Supervision reads for Dinas officers, scoped to their jurisdiction (a cooperative manager gets
nothing here: supervision is the office's work).

Every list is built from one set of facts per cooperative (`cooperative_facts`) so that the RAT
list, the inactivity list, the pillars and the early-warning list can never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db.models import Max, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from sinergi.accounts.scoping import reach_of, region_within_q
from sinergi.health.access import office_writer_q
from sinergi.health.models import (
    AnnualReport,
    Assessment,
    DissolutionCase,
    ProposalState,
    ReportStatus,
    StatusProposal,
)
from sinergi.health.supervision import rules
from sinergi.regions.models import Region
from sinergi.registry.activity import decided_by_evidence, rat_evidence
from sinergi.registry.models import CooperativeProfile, CooperativeStatus


def _office_q(user, field: str = "region_code") -> Q:
    return reach_of(user).region_q(field)


def _region_q(field: str, code: str) -> Q:
    return region_within_q(field, code)


def supervised_cooperatives(*, user, region: str = "", q: str = "") -> QuerySet[CooperativeProfile]:
    """Cooperatives under supervision (every status but dissolved, merged duplicates left out) in the
    officer's jurisdiction: the cooperatives the registry's activity page counts."""
    qs = CooperativeProfile.objects.filter(_office_q(user), organization__merged_into__isnull=True).exclude(
        status=CooperativeStatus.DIBUBARKAN
    )
    if region:
        qs = qs.filter(_region_q("region_code", region))
    if q:
        qs = qs.filter(organization__name__icontains=q)
    return qs


def last_rat_date(cooperative: CooperativeProfile) -> tuple[dt.date | None, str]:
    """The cooperative's last RAT and where it is known from ("report" or "registry"): the
    registry's date, where verifying an annual report records its RAT (`registry.activity`)."""
    reported = AnnualReport.objects.filter(cooperative=cooperative, status=ReportStatus.VERIFIED).aggregate(
        last=Max("rat_date")
    )["last"]
    return rat_evidence(cooperative.last_rat_date, reported)


def cooperative_facts(
    *, user, region: str = "", q: str = "", today: dt.date | None = None
) -> list[rules.CooperativeFacts]:
    """One `CooperativeFacts` per supervised cooperative, with its RAT state, activity, last two
    verified assessments, pillar and early-warning signals."""
    today = today or timezone.localdate()
    due_months = settings.SINERGI_RAT_DUE_MONTHS
    years = settings.SINERGI_INACTIVE_AFTER_YEARS
    cooperatives = supervised_cooperatives(user=user, region=region, q=q)
    ids = cooperatives.values("pk")
    reported = dict(
        AnnualReport.objects.filter(status=ReportStatus.VERIFIED, cooperative__in=ids)
        .values("cooperative_id")
        .annotate(last=Max("rat_date"))
        .values_list("cooperative_id", "last")
    )
    scored: dict[int, list[dict]] = defaultdict(list)
    rows = (
        Assessment.objects.filter(cooperative__in=ids, report__status=ReportStatus.VERIFIED)
        .order_by("cooperative_id", "-year")
        .values(
            "cooperative_id",
            "year",
            "total",
            "predicate",
            "rules",
            "official",
            "complete",
            "report__pinjaman_diberikan",
            "report__pinjaman_kurang_lancar",
            "report__pinjaman_diragukan",
            "report__pinjaman_macet",
        )
    )
    for row in rows:
        history = scored[row["cooperative_id"]]
        if len(history) < 2:
            history.append(
                {
                    "year": row["year"],
                    "total": row["total"],
                    "predicate": row["predicate"],
                    "rules": row["rules"],
                    "official": row["official"],
                    "complete": row["complete"],
                    "npl": rules.npl_ratio(
                        row["report__pinjaman_diberikan"],
                        row["report__pinjaman_kurang_lancar"],
                        row["report__pinjaman_diragukan"],
                        row["report__pinjaman_macet"],
                    ),
                }
            )
    facts = []
    profiles = cooperatives.order_by("organization__name", "pk").values(
        "pk",
        "organization__name",
        "region_code",
        "district_code",
        "status",
        "cooperative_type",
        "last_rat_date",
        "founded_on",
        "fiscal_year_end_month",
    )
    for profile in profiles:
        last_rat, source = rat_evidence(profile["last_rat_date"], reported.get(profile["pk"]))
        history = scored.get(profile["pk"], [])
        item = rules.CooperativeFacts(
            pk=profile["pk"],
            name=profile["organization__name"],
            region_code=profile["region_code"],
            district_code=profile["district_code"],
            status=profile["status"],
            cooperative_type=profile["cooperative_type"],
            last_rat=last_rat,
            last_rat_source=source,
            rat=rules.rat_status(last_rat, profile["fiscal_year_end_month"], today, due_months),
            activity=rules.activity(profile["status"], last_rat, profile["founded_on"], today, years),
            latest=history[0] if history else None,
            previous=history[1] if len(history) > 1 else None,
        )
        item.pillar = rules.pillar(item)
        item.signals = rules.signals(item)
        facts.append(item)
    return facts


def rat_compliance(*, user, region: str = "", q: str = "", today: dt.date | None = None) -> dict:
    """Cooperatives whose RAT is overdue (longest overdue first) and those still within the deadline,
    among those whose activity the RAT decides ("aktif", "belum diketahui")."""
    facts = [
        f
        for f in cooperative_facts(user=user, region=region, q=q, today=today)
        if decided_by_evidence(f.status)
    ]
    # Longest without a RAT first: the oldest deadline, then the oldest RAT.
    overdue = sorted(
        (f for f in facts if f.rat.state == rules.OVERDUE),
        key=lambda f: (f.rat.due_date, f.last_rat or dt.date.min, f.name),
    )
    pending = sorted(
        (f for f in facts if f.rat.state == rules.PENDING), key=lambda f: (f.rat.due_date, f.name)
    )
    return {
        "overdue": overdue,
        "pending": pending,
        "recorded": sum(1 for f in facts if f.rat.state == rules.RECORDED),
        "total": len(facts),
        "due_months": settings.SINERGI_RAT_DUE_MONTHS,
    }


def inactivity(*, user, region: str = "", q: str = "", today: dt.date | None = None) -> dict:
    """Cooperatives the rule counts as inactive while their status still says otherwise ("aktif",
    "belum diketahui": candidates for a proposal) and those in their last year before it (warnings)."""
    today = today or timezone.localdate()
    facts = [
        f
        for f in cooperative_facts(user=user, region=region, q=q, today=today)
        if rules.may_be_proposed(f.status)
    ]
    open_for = set(
        StatusProposal.objects.filter(
            state=ProposalState.OPEN,
            cooperative__in=supervised_cooperatives(user=user, region=region, q=q).values("pk"),
        ).values_list("cooperative_id", flat=True)
    )
    by_rat = lambda f: (f.last_rat or dt.date.min, f.name)  # noqa: E731
    candidates = sorted((f for f in facts if f.activity == rules.INACTIVE), key=by_rat)
    return {
        "candidates": candidates,
        "open_for": open_for,
        "warnings": sorted((f for f in facts if f.activity == rules.WARNING), key=by_rat),
        "window": rules.activity_window(today, settings.SINERGI_INACTIVE_AFTER_YEARS),
        "years": settings.SINERGI_INACTIVE_AFTER_YEARS,
    }


def status_proposal_list(*, user, state: str = ProposalState.OPEN) -> QuerySet[StatusProposal]:
    qs = StatusProposal.objects.filter(_office_q(user, "cooperative__region_code"))
    if state:
        qs = qs.filter(state=state)
    return qs.select_related("cooperative", "cooperative__organization", "created_by", "decided_by")


def access_status_proposal(*, user, pk) -> StatusProposal:
    proposal = status_proposal_list(user=user, state="").filter(pk=pk).first()
    if proposal is None:
        raise Http404
    return proposal


def pillars(*, user, region: str = "", today: dt.date | None = None) -> dict:
    """The Kampung Koperasi pillars: the rule, the count per pillar, the count per kecamatan and the
    cooperatives of each pillar."""
    facts = cooperative_facts(user=user, region=region, today=today)
    lists = {code: [] for code, _label in rules.PILLARS}
    districts: dict[str, dict] = {}
    for item in facts:
        lists[item.pillar].append(item)
        row = districts.setdefault(item.district_code, {code: 0 for code, _label in rules.PILLARS})
        row[item.pillar] += 1
    names = dict(Region.objects.filter(code__in=list(districts)).values_list("code", "name"))
    rows = [
        {"code": code, "name": names.get(code, code), "counts": [counts[c] for c, _l in rules.PILLARS]}
        for code, counts in sorted(districts.items(), key=lambda kv: names.get(kv[0], kv[0]))
    ]
    return {
        "pillars": [
            {"code": code, "label": label, "rule": dict(rules.PILLAR_RULES)[code], "items": lists[code]}
            for code, label in rules.PILLARS
        ],
        "districts": rows,
        "total": len(facts),
    }


def pillar_counts(*, today: dt.date | None = None) -> dict[str, dict[str, int]]:
    """Cooperatives per pillar in each kecamatan, everywhere (for the nightly snapshot: the pillars
    depend on the date, so no write can keep them; the dashboard shows the last count and its date)."""
    from sinergi.core.actors import system_user

    counts: dict[str, dict[str, int]] = {}
    for item in cooperative_facts(user=system_user(), today=today):
        row = counts.setdefault(item.district_code, {code: 0 for code, _label in rules.PILLARS})
        row[item.pillar] += 1
    return counts


def early_warning_list(
    *, user, region: str = "", today: dt.date | None = None
) -> list[rules.CooperativeFacts]:
    """Operating cooperatives ("aktif", "belum diketahui") with at least one risk signal, highest
    risk first — the intake list of the coaching clinic. Each item's `signals` carry their weight
    and explanation; `risk` is the sum."""
    facts = [
        f
        for f in cooperative_facts(user=user, region=region, today=today)
        if decided_by_evidence(f.status) and f.signals
    ]
    return sorted(facts, key=lambda f: (-f.risk, f.name))


def supervision_summary(*, user, region: str = "", today: dt.date | None = None) -> dict:
    """The overview's counts. `inactive` counts every cooperative the shared rule calls inactive,
    as the registry's activity page does; `candidates` those of them whose status still says
    otherwise (the inactivity list)."""
    facts = cooperative_facts(user=user, region=region, today=today)
    active = [f for f in facts if decided_by_evidence(f.status)]
    return {
        "cooperatives": len(facts),
        "rat_overdue": sum(1 for f in active if f.rat.state == rules.OVERDUE),
        "inactive": sum(1 for f in facts if f.activity == rules.INACTIVE),
        "candidates": sum(1 for f in active if f.activity == rules.INACTIVE),
        "warning": sum(1 for f in active if f.activity == rules.WARNING),
        "at_risk": sum(1 for f in active if f.signals),
        "pillars": {code: sum(1 for f in facts if f.pillar == code) for code, _label in rules.PILLARS},
        "open_proposals": status_proposal_list(user=user).count(),
        "open_cases": dissolution_case_list(user=user, open_only=True).count(),
        "review_queue": AnnualReport.objects.filter(
            _office_q(user, "cooperative__region_code"), status=ReportStatus.SUBMITTED
        ).count(),
    }


# --- dissolution --------------------------------------------------------------------------------


def dissolution_case_list(*, user, open_only: bool = False, region: str = "") -> QuerySet[DissolutionCase]:
    qs = DissolutionCase.objects.filter(_office_q(user, "cooperative__region_code"))
    if open_only:
        qs = qs.exclude(state__in=["dissolved", "cancelled"])
    if region:
        qs = qs.filter(_region_q("cooperative__region_code", region))
    return qs.select_related("cooperative", "cooperative__organization")


def access_dissolution_case(*, user, pk) -> DissolutionCase:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    case = (
        dissolution_case_list(user=user)
        .select_related("cooperative__organization__region", "opened_by")
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404
    return case


def cooperatives_for_dissolution(*, user) -> QuerySet[CooperativeProfile]:
    """Cooperatives an officer (admin, staff) may open a case for: in the jurisdiction, not
    dissolved, without an open case."""
    return (
        CooperativeProfile.objects.filter(office_writer_q(user, "region_code"))
        .exclude(status=CooperativeStatus.DIBUBARKAN)
        .exclude(dissolution_cases__state__in=["draft", "notified", "objected", "objection_rejected"])
        .select_related("organization")
        .order_by("organization__name", "pk")
    )
