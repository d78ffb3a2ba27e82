"""Health assessments: scoring one verified report, and rescoring a whole year as a background job.

An assessment row keeps what decides it — the report's figures as scored, the rule set and the
edition of its tables, every component's skor, the total and the predicate — and not the explained
result, which the pure engine gives again whenever it is shown (`scoring/stored.py`).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from sinergi.core.jobs import job_create, job_fail, job_finish, job_progress
from sinergi.core.models import Job
from sinergi.health import notices, tallies
from sinergi.health.access import is_office_writer, may_review
from sinergi.health.batch import assessments_score_year
from sinergi.health.inputs import report_input
from sinergi.health.models import AnnualReport, Assessment, ReportStatus
from sinergi.health.scoring import DEFAULT_RULES, RULE_SETS, ScoringError
from sinergi.health.scoring.decimals import display
from sinergi.health.scoring.stored import compact_inputs, component_scores, rules_version, score
from sinergi.health.services.common import audit
from sinergi.registry.models import CooperativeProfile, CooperativeType

SCORE_YEAR_JOB = "health.score_year"


def current_rules() -> str:
    """The rule set new assessments use: SINERGI_HEALTH_RULES, else Perdep 06/2016 (Decision 1)."""
    return getattr(settings, "SINERGI_HEALTH_RULES", DEFAULT_RULES)


def uses_indicative_score(cooperative: CooperativeProfile) -> bool:
    """Decision 11: Perdep 06/2016 scores savings-and-loan cooperatives; every other one gets the
    unofficial indicative score."""
    return cooperative.cooperative_type != CooperativeType.SIMPAN_PINJAM


def _check_rules(rules: str) -> None:
    if rules not in RULE_SETS:
        raise ValidationError({"rules": _("Aturan penilaian tidak dikenal: %(r)s") % {"r": rules}})


@transaction.atomic
def assessment_score(*, actor, report: AnnualReport, rules: str | None = None) -> Assessment:
    """Score a verified report and store what decides the assessment, replacing an earlier one."""
    if not may_review(actor, report.cooperative):
        raise PermissionDenied(_("Hanya petugas dinas di wilayah kerjanya yang dapat menilai laporan."))
    if report.status != ReportStatus.VERIFIED:
        raise ValidationError({"status": _("Hanya laporan terverifikasi yang dinilai.")})
    rules = rules or current_rules()
    _check_rules(rules)
    inputs = compact_inputs(report_input(report))
    try:
        result = score(inputs, rules, official=not uses_indicative_score(report.cooperative))
    except ScoringError as exc:
        raise ValidationError({"__all__": str(exc)}) from exc
    change = tallies.TallyChange().watch(reports=[report.pk])
    previous = Assessment.objects.filter(report=report).first()
    before = None
    if previous is not None:
        before = {"rules": previous.rules, "total": previous.total, "predicate": previous.predicate}
    assessment, _created = Assessment.objects.update_or_create(
        report=report,
        defaults={
            "cooperative": report.cooperative,
            "year": report.year,
            "rules": result.rules,
            "rules_version": rules_version(result.rules),
            "official": result.official,
            "total": Decimal(display(result.total)),
            "predicate": result.predicate,
            "complete": result.complete,
            "inputs": inputs,
            "scores": component_scores(result),
            "scored_by": actor,
        },
    )
    change.apply()
    audit(
        actor,
        "assessment.score",
        assessment,
        report.cooperative,
        before=before,
        after={
            "rules": assessment.rules,
            "total": assessment.total,
            "predicate": assessment.predicate,
            "complete": assessment.complete,
            "official": assessment.official,
        },
    )
    # The first score arrives with the verification's notice; a later one (new rules) is news.
    if previous is not None:
        notices.report_scored(actor=actor, assessment=assessment)
    return assessment


def assessment_batch_start(*, actor, year: int, rules: str) -> Job:
    """Queue the rescoring of every verified report of `year` in the actor's jurisdiction; the job
    page shows its progress."""
    if not is_office_writer(actor):
        raise PermissionDenied(_("Hanya petugas dinas yang dapat menilai ulang laporan."))
    _check_rules(rules)
    from sinergi.health.tasks import score_year_task

    job = job_create(
        actor=actor,
        kind=SCORE_YEAR_JOB,
        label=_("Penilaian ulang tahun buku %(year)s (%(rules)s)") % {"year": year, "rules": RULE_SETS[rules].name},
        params={"year": year, "rules": rules},
    )
    transaction.on_commit(
        lambda: score_year_task.enqueue(job_id=job.pk, actor_id=actor.pk, year=year, rules=rules)
    )
    return job


def assessment_batch_run(*, job_id: int, actor_id: int, year: int, rules: str) -> dict:
    """Run a queued rescoring (`assessments_score_year`), keeping its job up to date: progress as it
    goes, the summary when done, the error when it fails. Returns the summary without the list of
    refused reports."""
    actor = get_user_model().objects.get(pk=actor_id)

    def progress(done: int, total: int) -> None:
        job_progress(job_id, done, total, str(year))

    try:
        result = assessments_score_year(actor=actor, year=year, rules=rules, progress=progress, job_id=job_id)
    except Exception as exc:
        job_fail(job_id, str(exc))
        raise
    summary = result.to_dict()
    summary["next_url"] = reverse("health:report_list") + f"?year={year}&status=verified"
    job_finish(job_id, summary)
    return {k: v for k, v in summary.items() if k != "failures"}
