"""Annual reports (laporan tahunan): entry by the cooperative or the Dinas, and the Dinas review.

    draft ──submit──► submitted ──verify──► verified (locked, scored, RAT recorded in the registry)
      ▲                   │
      └─── returned ◄─return (with comments)

Cooperative managers (pengurus, staf koperasi) enter and submit their own cooperative's reports;
Dinas admins and staff of the jurisdiction may also enter them, and alone verify or return them.
Every step leaves an audit event.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sinergi.core.audit import changed, snapshot
from sinergi.core.models import AuditEvent
from sinergi.health import checks, notices, tallies
from sinergi.health.access import may_review
from sinergi.health.models import AnnualReport, ReportStatus
from sinergi.health.scoring.report import AMOUNT_FIELDS, MANAGEMENT_GROUPS, parse_amount
from sinergi.health.services.assessments import assessment_score
from sinergi.health.services.common import audit, locked, require_enter
from sinergi.health.services.questionnaire import questionnaire_current
from sinergi.health.supervision.dates import financial_year_end
from sinergi.registry import rules as registry_rules
from sinergi.registry.models import CooperativeProfile, CooperativeStatus
from sinergi.registry.services import cooperative_record_rat

REPORT_FIELDS = ["year", "rat_date", "status", "manajemen", *AMOUNT_FIELDS]
# Autosaves by one person with no longer pause than this are one working session: one line in the
# report's history, not one per pause in typing.
AUTOSAVE_SESSION = dt.timedelta(minutes=30)
# The financial years a report may be for: none before the Republic's first cooperatives law, and
# none so far ahead that its closing date could not be computed (the pages' year field says 2200).
EARLIEST_YEAR = 1945
LATEST_YEAR = 2200
GROUP_SIZES = dict(MANAGEMENT_GROUPS)
CENT = Decimal("0.01")


# --- annual reports: entry ----------------------------------------------------------------------


def _parse_values(data: dict) -> tuple[dict, dict]:
    values, errors = {}, {}
    unknown = set(data) - set(AMOUNT_FIELDS)
    for name in unknown:
        errors[name] = _("Kolom tidak dikenal.")
    for name in AMOUNT_FIELDS:
        if name not in data:
            continue
        try:
            values[name] = parse_amount(data[name])
        except ValueError:
            errors[name] = _("Bukan angka yang sah.")
    return values, errors


def _normalise_answers(manajemen) -> tuple[dict, dict]:
    """Answers as {group: [True/False/None, …]} of the exact group sizes (Permen 14/2009 Tabel 9–13)."""
    if manajemen is None:
        manajemen = {}
    if not isinstance(manajemen, dict):
        return {}, {"manajemen": _("Jawaban kuesioner harus berupa objek per kelompok.")}
    errors = {}
    for key in manajemen:
        if key not in GROUP_SIZES:
            errors[f"manajemen.{key}"] = _("Kelompok tidak dikenal.")
    answers = {}
    for group, size in MANAGEMENT_GROUPS:
        given = manajemen.get(group)
        if given is None:
            answers[group] = [None] * size
            continue
        if not isinstance(given, list | tuple) or len(given) != size:
            errors[f"manajemen.{group}"] = _("Harus berisi %(n)s jawaban.") % {"n": size}
            continue
        if any(answer is not None and not isinstance(answer, bool) for answer in given):
            errors[f"manajemen.{group}"] = _("Jawaban harus ya, tidak, atau kosong.")
            continue
        answers[group] = list(given)
    return answers, errors


def _history(cooperative: CooperativeProfile, year: int, exclude_pk=None) -> list[dict]:
    """The verified figures of the cooperative's earlier years, for the year-on-year checks."""
    qs = AnnualReport.objects.filter(cooperative=cooperative, year__lt=year, status=ReportStatus.VERIFIED)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return list(qs.values("year", *checks.OUTLIER_FIELDS))


def _check_dates(cooperative: CooperativeProfile, year, rat_date, today: dt.date) -> dict:
    errors = {}
    if not isinstance(year, int) or isinstance(year, bool):
        return {"year": _("Tahun buku wajib diisi.")}
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return {"year": _("Tahun buku tidak masuk akal.")}
    year_end = financial_year_end(year, cooperative.fiscal_year_end_month)
    if year_end >= today:
        errors["year"] = _("Tahun buku %(year)s belum ditutup (tutup buku %(end)s).") % {
            "year": year,
            "end": year_end.strftime("%d-%m-%Y"),
        }
    if rat_date is not None:
        if rat_date > today:
            errors["rat_date"] = _("Tanggal RAT tidak boleh di masa depan.")
        elif rat_date <= year_end:
            errors["rat_date"] = _("RAT tahun buku %(year)s diadakan setelah tutup buku %(end)s.") % {
                "year": year,
                "end": year_end.strftime("%d-%m-%Y"),
            }
    return errors


def _apply(report: AnnualReport, *, values: dict, today: dt.date) -> None:
    """Check the report's figures and dates; raise every error at once, keep the warnings."""
    errors = _check_dates(report.cooperative, report.year, report.rat_date, today)
    amounts = {name: getattr(report, name) for name in AMOUNT_FIELDS}
    amounts.update(values)
    history = _history(report.cooperative, report.year, report.pk) if "year" not in errors else []
    findings = checks.report_findings(None if "year" in errors else report.year, amounts, history)
    for finding in findings:
        if finding.level == checks.ERROR:
            errors.setdefault(finding.field, finding.message)
    if errors:
        raise ValidationError(errors)
    for name, value in values.items():
        # Stored as the column keeps it (2 places), so the audit compares like with like.
        setattr(report, name, None if value is None else value.quantize(CENT))
    # The stored warnings are read by everyone, in any language, and must not change each time a
    # report is saved in another one: they are kept in the default language.
    with translation.override(settings.LANGUAGE_CODE):
        stored = checks.report_findings(None if "year" in errors else report.year, amounts, history)
    report.checks = [finding.to_dict() for finding in stored]


@transaction.atomic
def annual_report_create(
    *,
    actor,
    cooperative: CooperativeProfile,
    year: int,
    rat_date: dt.date | None = None,
    values: dict | None = None,
    manajemen: dict | None = None,
) -> AnnualReport:
    """Start the annual report of one financial year as a draft (one report per cooperative and year)."""
    require_enter(actor, cooperative)
    # A report is evidence that the cooperative is at work. Whether it may be shown at work again is
    # the registry's status rule, asked as every door asks it: a dissolved cooperative may not, for
    # the reason the registry's pages, API and sheets give. (That an active one already is concerns
    # no report.)
    problem = registry_rules.status_transition_problem(cooperative.status, CooperativeStatus.AKTIF)
    if problem == registry_rules.STATUS_DISSOLVED:
        raise ValidationError(
            {"cooperative": registry_rules.problem_message(problem, value=CooperativeStatus.AKTIF)}
        )
    parsed, errors = _parse_values(values or {})
    answers, answer_errors = _normalise_answers(manajemen)
    errors.update(answer_errors)
    if errors:
        raise ValidationError(errors)
    if AnnualReport.objects.filter(cooperative=cooperative, year=year).exists():
        raise ValidationError({"year": _("Laporan tahun buku ini sudah ada.")})
    report = AnnualReport(
        cooperative=cooperative,
        year=year,
        rat_date=rat_date,
        questionnaire=questionnaire_current(),
        manajemen=answers,
        created_by=actor,
    )
    _apply(report, values=parsed, today=timezone.localdate())
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as exc:  # a concurrent request created the same year first
        raise ValidationError({"year": _("Laporan tahun buku ini sudah ada.")}) from exc
    tallies.TallyChange().created(reports=[report.pk]).apply()
    audit(actor, "annual_report.create", report, cooperative, after=snapshot(report, REPORT_FIELDS))
    return report


def _continues_session(actor, report: AnnualReport) -> bool:
    """Whether an autosave continues the actor's working session on the report: the report's last
    event is a change by the same person and its last save is at most AUTOSAVE_SESSION ago."""
    if timezone.now() - report.updated_at > AUTOSAVE_SESSION:
        return False
    latest = (
        AuditEvent.objects.filter(object_type=report._meta.label_lower, object_id=str(report.pk))
        .order_by("-created_at", "-id")
        .values_list("action", "actor_id")
        .first()
    )
    return latest == ("annual_report.update", actor.pk)


@transaction.atomic
def annual_report_update(*, actor, report: AnnualReport, autosave: bool = False, **changes) -> AnnualReport:
    """Change a draft or returned report: `year`, `rat_date`, `values` (amounts), `manajemen`.

    Every save leaves an audit event, except an `autosave` that continues the person's working
    session (`_continues_session`): the session's first event stands for it."""
    require_enter(actor, report.cooperative)
    report = locked(report)
    quiet = autosave and _continues_session(actor, report)
    if not report.editable:
        raise ValidationError(
            {"status": _("Laporan berstatus %(s)s tidak dapat diubah.") % {"s": report.get_status_display()}}
        )
    unknown = set(changes) - {"year", "rat_date", "values", "manajemen"}
    if unknown:
        raise ValidationError({name: _("Kolom ini tidak dapat diubah.") for name in unknown})
    before = snapshot(report, REPORT_FIELDS)
    change = tallies.TallyChange().watch(reports=[report.pk])
    parsed, errors = _parse_values(changes.get("values") or {})
    if "manajemen" in changes:
        answers, answer_errors = _normalise_answers(changes["manajemen"])
        errors.update(answer_errors)
        report.manajemen = answers
    if errors:
        raise ValidationError(errors)
    if "year" in changes and changes["year"] != report.year:
        if AnnualReport.objects.filter(cooperative=report.cooperative, year=changes["year"]).exists():
            raise ValidationError({"year": _("Laporan tahun buku ini sudah ada.")})
        report.year = changes["year"]
    if "rat_date" in changes:
        report.rat_date = changes["rat_date"]
    _apply(report, values=parsed, today=timezone.localdate())
    report.save()
    change.apply()
    old, new = changed(before, snapshot(report, REPORT_FIELDS))
    if new and not quiet:
        audit(actor, "annual_report.update", report, report.cooperative, before=old, after=new)
    return report


@transaction.atomic
def annual_report_delete(*, actor, report: AnnualReport) -> None:
    """Delete a draft that was never submitted (a wrong year, a duplicate)."""
    require_enter(actor, report.cooperative)
    report = locked(report)
    if report.status != ReportStatus.DRAFT:
        raise ValidationError({"status": _("Hanya konsep yang belum pernah diajukan yang dapat dihapus.")})
    audit(actor, "annual_report.delete", report, report.cooperative, before=snapshot(report, REPORT_FIELDS))
    stored = [(attachment.file.storage, attachment.file.name) for attachment in report.attachments.all()]
    change = tallies.TallyChange().watch(reports=[report.pk])
    report.delete()
    change.apply()
    # Files go only once the rows are gone for good.
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in stored])


# --- annual reports: review ---------------------------------------------------------------------


@transaction.atomic
def annual_report_submit(*, actor, report: AnnualReport) -> AnnualReport:
    """Submit a draft or returned report to the Dinas. It needs the RAT date and the total assets;
    every other missing figure only leaves its components not assessable (Decision 6)."""
    require_enter(actor, report.cooperative)
    report = locked(report)
    if not report.editable:
        raise ValidationError({"status": _("Laporan ini sudah diajukan atau diverifikasi.")})
    errors = {}
    if report.rat_date is None:
        errors["rat_date"] = _("Isi tanggal RAT sebelum mengajukan.")
    if report.total_aset is None:
        errors["total_aset"] = _("Isi total aset sebelum mengajukan.")
    if errors:
        raise ValidationError(errors)
    # The checks run again: earlier years may have been verified since the last save.
    _apply(report, values={}, today=timezone.localdate())
    before = report.status
    change = tallies.TallyChange().watch(reports=[report.pk])
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = actor
    report.save()
    change.apply()
    audit(
        actor,
        "annual_report.submit",
        report,
        report.cooperative,
        before={"status": before},
        after={"status": report.status, "warnings": len(report.checks)},
    )
    return report


@transaction.atomic
def annual_report_return(*, actor, report: AnnualReport, comment: str) -> AnnualReport:
    """Send a submitted report back to the cooperative with the reviewer's comments."""
    if not may_review(actor, report.cooperative):
        raise PermissionDenied(_("Hanya petugas dinas di wilayah kerjanya yang dapat memeriksa laporan."))
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Tuliskan apa yang perlu diperbaiki.")})
    report = locked(report)
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError({"status": _("Hanya laporan yang diajukan yang dapat dikembalikan.")})
    change = tallies.TallyChange().watch(reports=[report.pk])
    report.status = ReportStatus.RETURNED
    report.review_comment = comment
    report.reviewed_at = timezone.now()
    report.reviewed_by = actor
    report.save()
    change.apply()
    audit(
        actor,
        "annual_report.return",
        report,
        report.cooperative,
        before={"status": ReportStatus.SUBMITTED},
        after={"status": report.status, "comment": comment},
    )
    notices.report_returned(actor=actor, report=report)
    return report


@transaction.atomic
def annual_report_verify(*, actor, report: AnnualReport, comment: str = "") -> AnnualReport:
    """Verify a submitted report: record its RAT date in the registry, score it with the current
    rule set (indicative for a cooperative without a savings-and-loan business, Decision 11) and
    lock it."""
    if not may_review(actor, report.cooperative):
        raise PermissionDenied(_("Hanya petugas dinas di wilayah kerjanya yang dapat memeriksa laporan."))
    report = locked(report)
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError({"status": _("Hanya laporan yang diajukan yang dapat diverifikasi.")})
    cooperative_record_rat(actor=actor, cooperative=report.cooperative, rat_date=report.rat_date)
    change = tallies.TallyChange().watch(reports=[report.pk])
    report.status = ReportStatus.VERIFIED
    report.review_comment = (comment or "").strip()
    report.reviewed_at = timezone.now()
    report.reviewed_by = actor
    report.save()
    # Applied before scoring, which keeps the assessment tally with its own change.
    change.apply()
    assessment = assessment_score(actor=actor, report=report)
    audit(
        actor,
        "annual_report.verify",
        report,
        report.cooperative,
        before={"status": ReportStatus.SUBMITTED},
        after={
            "status": report.status,
            "rat_date": report.rat_date,
            "total": assessment.total,
            "predicate": assessment.predicate,
            "rules": assessment.rules,
        },
    )
    notices.report_verified(actor=actor, report=report, assessment=assessment)
    return report
