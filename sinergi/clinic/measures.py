"""What Sinergi's data says about a participant: the snapshot a case keeps at enrolment (its
baseline), the same snapshot at closing (its outcome), and the automatic pre-diagnosis.

Reads only, from the registry, health and purchasing slices, and the health slice's own rules for
the RAT (`health.supervision.rules.rat_status`) and the early-warning signals — never rewritten here.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from sinergi.accounts.models import OrganizationKind
from sinergi.clinic import rules
from sinergi.clinic.models import Area
from sinergi.health.models import Assessment, ReportStatus
from sinergi.health.scoring.rule_sets import RULE_SETS
from sinergi.health.supervision import rules as supervision_rules
from sinergi.health.supervision.selectors import cooperative_facts, last_rat_date
from sinergi.purchasing.models import OrderLine
from sinergi.registry.models import BusinessProfile, CooperativeProfile

NETWORK_WINDOW_DAYS = 365


def predicate_rank(rules_code: str, predicate: str | None) -> int | None:
    """0 for the best predicate of the rule set (Sehat), 1 for the next …; None when unscored."""
    rule_set = RULE_SETS.get(rules_code)
    if rule_set is None or not predicate:
        return None
    codes = [grade.code for grade in rule_set.predicates]
    return codes.index(predicate) if predicate in codes else None


def predicate_label(rules_code: str, predicate: str | None) -> str:
    rule_set = RULE_SETS.get(rules_code)
    if rule_set is None or not predicate:
        return ""
    try:
        return rule_set.grade(predicate).label
    except KeyError:
        return ""


def _latest_assessment(profile: CooperativeProfile):
    return (
        Assessment.objects.filter(cooperative=profile, report__status=ReportStatus.VERIFIED, complete=True)
        .select_related("report")
        .order_by("-year")
        .first()
    )


def rat_state(profile: CooperativeProfile, today: dt.date) -> supervision_rules.RatStatus:
    last, _source = last_rat_date(profile)
    return supervision_rules.rat_status(
        last, profile.fiscal_year_end_month, today, settings.SINERGI_RAT_DUE_MONTHS
    )


def snapshot(organization, today: dt.date | None = None) -> dict:
    """The measurable facts of a participant today, JSON-safe (kept as a case's baseline/outcome)."""
    today = today or timezone.localdate()
    if organization.kind == OrganizationKind.COOPERATIVE:
        profile = CooperativeProfile.objects.filter(pk=organization.pk).first()
        if profile is None:
            return {"kind": "cooperative"}
        latest = _latest_assessment(profile)
        rat = rat_state(profile, today)
        return {
            "kind": "cooperative",
            "year": latest.year if latest else None,
            "total": str(latest.total) if latest else None,
            "rules": latest.rules if latest else None,
            "predicate": latest.predicate if latest else None,
            "rat_state": rat.state,
            "rat_year": rat.year,
            "members": profile.members_total,
        }
    profile = BusinessProfile.objects.filter(pk=organization.pk).first()
    if profile is None:
        return {"kind": "umkm"}
    return {
        "kind": "umkm",
        "annual_sales": None if profile.annual_sales is None else str(profile.annual_sales),
        "nib": bool(profile.nib),
    }


def good_setting(programme) -> rules.GoodSetting:
    return rules.GoodSetting(
        programme.good_predicate_steps, programme.good_requires_rat, programme.good_sales_growth_pct
    )


def _decimal(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(value)


def verdict(*, baseline: dict, after: dict, setting: rules.GoodSetting, goal_kind: str, goal_sales_pct):
    """The outcome of a case from its baseline and today's facts (None: nothing measured after)."""
    if after.get("kind") == "cooperative":
        # Only an assessment of a later tahun buku than the baseline's measures a change.
        if after.get("year") is None or (
            baseline.get("year") is not None and after["year"] <= baseline["year"]
        ):
            return None
        rules_code = after.get("rules") or ""
        after_rank = predicate_rank(rules_code, after.get("predicate"))
        before_rank = predicate_rank(baseline.get("rules") or rules_code, baseline.get("predicate"))
        return rules.cooperative_verdict(
            rules.CooperativeOutcome(
                before_rank=before_rank,
                after_rank=after_rank,
                after_sound=after.get("predicate") in supervision_rules.SOUND_PREDICATES,
                rat_up_to_date=after.get("rat_state") != supervision_rules.OVERDUE,
            ),
            setting,
        )
    if after.get("kind") == "umkm":
        sales_before, sales_after = (
            _decimal(baseline.get("annual_sales")),
            _decimal(after.get("annual_sales")),
        )
        if sales_after == sales_before and bool(after.get("nib")) == bool(baseline.get("nib")):
            # Nothing was updated since enrolment: no measurement yet.
            return None
        return rules.business_verdict(
            rules.BusinessOutcome(
                sales_before=sales_before,
                sales_after=sales_after,
                nib_before=bool(baseline.get("nib")),
                nib_after=bool(after.get("nib")),
                goal_kind=goal_kind or "sales",
                goal_sales_pct=goal_sales_pct,
            ),
            setting,
        )
    return None


# --- pre-diagnosis ------------------------------------------------------------------------------


def early_warning_signals(*, actor, organization) -> list[dict]:
    """The early-warning signals of one cooperative, as the supervision list shows them."""
    if organization.kind != OrganizationKind.COOPERATIVE:
        return []
    facts = [f for f in cooperative_facts(user=actor, q=organization.name) if f.pk == organization.pk]
    if not facts:
        return []
    # The label is named again from the code when shown (`clinic_signal` filter), in the reader's language.
    return [{"code": s.code, "label": str(s.label), "weight": s.weight} for s in facts[0].signals]


def prediagnosis(organization, today: dt.date | None = None) -> list[dict]:
    """Problems visible in the data, each with its kind, the values that show it (`params`, put into
    words by `findings.describe` when shown) and a link to the evidence."""
    today = today or timezone.localdate()
    items: list[dict] = []
    if organization.kind == OrganizationKind.COOPERATIVE:
        profile = CooperativeProfile.objects.filter(pk=organization.pk).first()
        if profile is None:
            return items
        health_url = reverse("health:cooperative_health", args=[profile.pk])
        latest = _latest_assessment(profile)
        if latest is not None:
            rule_set = RULE_SETS.get(latest.rules)
            if rule_set is not None:
                weights = {c.code: c.bobot for c in rule_set.components()}
                url = reverse("health:assessment_detail", args=[latest.report_id])
                for code in rules.low_components(latest.scores or {}, weights):
                    component = rule_set.component(code)
                    items.append(
                        {
                            "kind": "health_low",
                            "area": Area.MANAGEMENT if code.startswith("3") else Area.FINANCE,
                            "params": {
                                "name": str(component.name),
                                "score": str(latest.scores[code]),
                                "weight": str(component.bobot),
                                "year": latest.year,
                            },
                            "evidence_url": url,
                        }
                    )
        rat = rat_state(profile, today)
        if rat.state == supervision_rules.OVERDUE:
            items.append(
                {
                    "kind": "rat_overdue",
                    "area": Area.MANAGEMENT,
                    "params": {"year": rat.year, "due": rat.due_date.isoformat()},
                    "evidence_url": health_url,
                }
            )
        history = list(
            Assessment.objects.filter(cooperative=profile, report__status=ReportStatus.VERIFIED)
            .select_related("report")
            .order_by("-year")[:2]
        )
        if len(history) == 2:
            now, before = (
                supervision_rules.npl_ratio(
                    a.report.pinjaman_diberikan,
                    a.report.pinjaman_kurang_lancar,
                    a.report.pinjaman_diragukan,
                    a.report.pinjaman_macet,
                )
                for a in history
            )
            if now is not None and before is not None and now - before >= supervision_rules.NPL_RISE:
                items.append(
                    {
                        "kind": "bad_loans_rising",
                        "area": Area.FINANCE,
                        "params": {
                            "before": f"{before:.2f}",
                            "now": f"{now:.2f}",
                            "y1": history[1].year,
                            "y2": history[0].year,
                        },
                        "evidence_url": reverse("health:assessment_detail", args=[history[0].report_id]),
                    }
                )
        since = timezone.now() - dt.timedelta(days=NETWORK_WINDOW_DAYS)
        traded = OrderLine.objects.filter(
            order__cooperative=organization,
            qty__gt=0,
            dropped_at__isnull=True,
            order__round__created_at__gte=since,
        ).exists()
        if not traded:
            items.append(
                {
                    "kind": "no_network_sales",
                    "area": Area.MARKETING,
                    "params": {},
                    "evidence_url": reverse("purchasing:index"),
                }
            )
    elif organization.kind == OrganizationKind.UMKM:
        profile = BusinessProfile.objects.filter(pk=organization.pk).first()
        if profile is not None and not profile.nib:
            items.append(
                {
                    "kind": "no_legality",
                    "area": Area.LEGAL,
                    "params": {},
                    "evidence_url": reverse("registry:business_detail", args=[profile.pk]),
                }
            )
    return items
