"""Reads of annual reports, assessments and the questionnaire, always scoped by the asking user.

An office (admin, staff, viewer) reaches the reports of the cooperatives in its jurisdiction; a
cooperative's pengurus, pengawas and staff reach their own cooperative's; anyone else nothing.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from sinergi.accounts.scoping import reach_of, region_within_q
from sinergi.health.access import entry_q
from sinergi.health.fields import SECTIONS, label
from sinergi.health.filters import ReportFilters
from sinergi.health.inputs import report_input
from sinergi.health.models import (
    AnnualReport,
    Assessment,
    QuestionGroup,
    QuestionnaireVersion,
    ReportAttachment,
)
from sinergi.health.scoring import RULE_SETS, pearls
from sinergi.health.scoring.report import MANAGEMENT_GROUPS
from sinergi.health.scoring.stored import differs, explain
from sinergi.registry.models import CooperativeProfile, CooperativeStatus


def cooperative_scope_q(user, prefix: str = "") -> Q:
    """Rows of cooperatives the user reaches, through `prefix` ("cooperative__" from a report)."""
    reach = reach_of(user)
    if reach.everything:
        return Q()
    q = reach.region_q(f"{prefix}region_code")
    own = reach.managed_cooperative_ids()
    if own:
        q |= Q(**{f"{prefix}organization_id__in": own})
    return q


def _region_q(field: str, code: str) -> Q:
    return region_within_q(field, code)


def annual_report_list(*, user, filters: ReportFilters | None = None) -> QuerySet[AnnualReport]:
    filters = filters or ReportFilters()
    qs = AnnualReport.objects.filter(cooperative_scope_q(user, "cooperative__"))
    if filters.region:
        qs = qs.filter(_region_q("cooperative__region_code", filters.region))
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.predicate:
        qs = qs.filter(assessment__predicate=filters.predicate)
    if filters.q:
        qs = qs.filter(cooperative__organization__name__icontains=filters.q)
    # The list sorts whole rows: the assessment's scored inputs and scores and the report's answers
    # stay out of it and load only where a page shows one report.
    return (
        qs.select_related("cooperative", "cooperative__organization", "assessment")
        .defer("assessment__inputs", "assessment__scores", "manajemen", "checks")
        .order_by("-year", "cooperative__organization__name", "pk")
    )


def access_annual_report(*, user, pk) -> AnnualReport:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    report = (
        AnnualReport.objects.filter(cooperative_scope_q(user, "cooperative__"), pk=pk)
        .select_related(
            "cooperative", "cooperative__organization", "cooperative__organization__region", "questionnaire"
        )
        .first()
    )
    if report is None:
        raise Http404
    return report


def access_attachment(*, user, report_pk, pk) -> ReportAttachment:
    report = access_annual_report(user=user, pk=report_pk)
    attachment = report.attachments.filter(pk=pk).first()
    if attachment is None:
        raise Http404
    return attachment


def access_assessment(*, user, report_pk) -> Assessment:
    report = access_annual_report(user=user, pk=report_pk)
    assessment = (
        Assessment.objects.filter(report=report)
        .select_related(
            "report", "cooperative", "cooperative__organization", "cooperative__organization__region"
        )
        .first()
    )
    if assessment is None:
        raise Http404
    return assessment


def access_health_cooperative(*, user, pk) -> CooperativeProfile:
    """A cooperative whose health history the user may see (its office, its own managers)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    profile = (
        CooperativeProfile.objects.filter(cooperative_scope_q(user), pk=pk)
        .select_related("organization", "organization__region")
        .first()
    )
    if profile is None:
        raise Http404
    return profile


def cooperatives_for_entry(*, user) -> QuerySet[CooperativeProfile]:
    """Cooperatives the user may enter a report for: their own (pengurus, staf koperasi), or those
    of the jurisdiction (admin, staff)."""
    qs = CooperativeProfile.objects.exclude(status=CooperativeStatus.DIBUBARKAN).filter(entry_q(user))
    return qs.select_related("organization").order_by("organization__name", "pk")


def assessment_history(*, user, cooperative: CooperativeProfile) -> list[dict]:
    """The cooperative's scored years, oldest first (the trend chart and the history table)."""
    rows = (
        Assessment.objects.filter(cooperative_scope_q(user, "cooperative__"), cooperative=cooperative)
        .order_by("year")
        .values("year", "total", "predicate", "rules", "official", "complete", "report_id")
    )
    history = []
    previous = None
    for row in rows:
        row["change"] = None if previous is None else row["total"] - previous
        previous = row["total"]
        history.append(row)
    return history


def trend_chart_data(history: list[dict]) -> dict:
    """Plain data for the trend chart (drawn by static/js/health-chart.js)."""
    return {
        "labels": [str(row["year"]) for row in history],
        "totals": [float(row["total"]) for row in history],
        "predicates": [row["predicate"] or "" for row in history],
        "official": [row["official"] for row in history],
    }


def questionnaire_groups(version: QuestionnaireVersion, answers: dict | None = None) -> list[dict]:
    """The questions of a version by group, each with the report's answer when given."""
    answers = answers or {}
    groups = {code: {"code": code, "title": title, "questions": []} for code, title in QuestionGroup.choices}
    for question in version.questions.order_by("position"):
        given = answers.get(question.group) or []
        answer = given[question.number - 1] if len(given) >= question.number else None
        groups[question.group]["questions"].append({"question": question, "answer": answer})
    return [groups[code] for code, _size in MANAGEMENT_GROUPS]


def questionnaire_versions() -> QuerySet[QuestionnaireVersion]:
    return QuestionnaireVersion.objects.select_related("created_by").order_by("-created_at", "-id")


def access_questionnaire_version(*, pk) -> QuestionnaireVersion:
    version = QuestionnaireVersion.objects.filter(pk=pk).first()
    if version is None:
        raise Http404
    return version


def report_sections(report: AnnualReport) -> list[dict]:
    """The report's figures by section, with labels, for its page."""
    return [
        {
            "code": code,
            "title": title,
            "rows": [{"name": name, "label": label(name), "value": getattr(report, name)} for name in names],
        }
        for code, title, names in SECTIONS
    ]


def report_pearls(report: AnnualReport) -> list:
    """The WOCCU PEARLS ratios the report allows, with goals and pass/fail (an approximation,
    reference.md §3)."""
    return pearls(report_input(report))


def _amount(text):
    return None if text is None else Decimal(text)


def assessment_explanation(assessment: Assessment) -> dict:
    """The explained result of a stored assessment (`Assessment.to_dict(detail=True)` of the engine),
    computed again from the inputs, rule set and indicative flag the row keeps."""
    return explain(assessment.inputs, assessment.rules, official=assessment.official)


# The engine writes its formulas and notes for the command line and the API: field names, decimal
# points, both languages, and pointers to the decision they follow. The page says the same in words.
_IDENTIFIER = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b|\b(?:rpm|atmr|hibah|cadangan|kas|bank|pendapatan|pea)\b")
_DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")
_POINTER = re.compile(r"\s*\((?:reference\.md|Decision)[^)]*\)")


def _term(name: str) -> str:
    if name == "rpm":
        return _("risiko pinjaman bermasalah")
    if name == "atmr":
        return _("ATMR")
    # A label's own gloss in parentheses ("(bila dinyatakan langsung)") does not belong in a formula.
    return re.sub(r"\s*\([^)]*\)", "", _missing_label(name))


def formula_text(text: str) -> str:
    """A formula in words: "modal sendiri / total aset × 100", decimals with a comma, without the
    English gloss the command line adds in parentheses."""
    text = _POINTER.sub("", text or "")
    text = re.sub(r"\s*\([^()]*[A-Za-z]{3,} [A-Za-z]{2,}[^()]*\)\s*$", "", text)
    text = _IDENTIFIER.sub(lambda m: _term(m.group(0)), text)
    return _DECIMAL_POINT.sub(",", text)


def note_text(text: str) -> str:
    """A note in Indonesian alone: each part "id / en" keeps its first half."""
    parts = []
    for part in _POINTER.sub("", text or "").split("; "):
        part = part.replace("dan/and", "dan")
        if " / " in part:
            part = part.rsplit(" / ", 1)[0]
        parts.append(part)
    return formula_text("; ".join(p for p in parts if p))


def assessment_detail(assessment: Assessment) -> dict:
    """The explained result, shaped for the assessment page and its PDF: every component with its
    inputs (labelled), derived values, formula, ratio, band, nilai, bobot and skor, in words. The
    explanation is computed with the rule set and method the assessment recorded, never the current
    default. `stale` is true when the tables changed since the assessment was scored."""
    result = assessment_explanation(assessment)
    rule_set = RULE_SETS.get(assessment.rules)
    aspects = []
    for aspect in result["aspects"]:
        components = []
        for component in aspect["components"]:
            inputs, points = [], None
            for name, value in component.get("inputs", {}).items():
                if isinstance(value, list):
                    inputs.append({"name": name, "label": name, "answers": value, "yes": sum(value)})
                    # Each "Ya" earns bobot / number of questions (Permen 14/2009 Tabel 9–13).
                    points = Decimal(component["bobot"]) / len(value)
                else:
                    inputs.append({"name": name, "label": label(name), "value": _amount(value)})
            components.append(
                {
                    **component,
                    "inputs": inputs,
                    "derived": [
                        {"name": k, "label": _term(k), "value": _amount(v)}
                        for k, v in component.get("derived", {}).items()
                    ],
                    "ratio": _amount(component["ratio"]),
                    "skor": _amount(component["skor"]),
                    "bobot_value": _amount(component["bobot"]),
                    "bobot_places": 0 if Decimal(component["bobot"]) == int(Decimal(component["bobot"])) else 2,
                    "missing_labels": [_missing_label(name) for name in component.get("missing", [])],
                    "points": points,
                    "formula_text": formula_text(component.get("formula", "")),
                    "definition_texts": [formula_text(d) for d in component.get("definitions", [])],
                    "note_text": note_text(component.get("note") or ""),
                    "source_text": _POINTER.sub("", component.get("source") or ""),
                }
            )
        aspects.append(
            {**aspect, "components": components, "score": _amount(aspect["score"]), "max": _amount(aspect["max"])}
        )
    scaling = result.get("scaling")
    if scaling:
        scaling = {key: _amount(value) for key, value in scaling.items() if key != "explanation"}
    return {
        "rules": assessment.rules,
        "rules_name": rule_set.name if rule_set else "",
        "regulation": rule_set.regulation if rule_set else "",
        # The recorded decision; the explanation below it is computed again (see `stale`).
        "total": assessment.total,
        "predicate": assessment.predicate,
        "predicate_label": (result.get("predicate_label") or {}).get("id"),
        "complete": result["complete"],
        "official": assessment.official,
        "scaling": scaling,
        "missing": [_missing_label(name) for name in result["missing"]],
        "aspects": aspects,
        "stale": differs(
            result,
            scores=assessment.scores,
            total=assessment.total,
            predicate=assessment.predicate,
            version=assessment.rules_version,
            rules=assessment.rules,
        ),
    }


def _missing_label(name: str) -> str:
    if name.startswith("manajemen."):
        return dict(QuestionGroup.choices).get(name.split(".", 1)[1], name)
    try:
        return label(name)
    except FieldDoesNotExist:  # a derived quantity named by the engine (rpm), not a report field
        return name
