"""Every change to annual reports, their attachments, assessments and the management questionnaire.

The life of an annual report (laporan tahunan):

    draft ──submit──► submitted ──verify──► verified (locked, scored, RAT recorded in the registry)
      ▲                   │
      └─── returned ◄─return (with comments)

Cooperative managers (pengurus, staf koperasi) enter and submit their own cooperative's reports;
Dinas admins and staff of the jurisdiction may also enter them, and alone verify or return them.
Every step leaves an audit event.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.accounts.models import Role
from sinergi.accounts.scoping import reach_of
from sinergi.core.audit import audit_record, changed, snapshot
from sinergi.core.jobs import job_create
from sinergi.core.models import Job
from sinergi.health import checks
from sinergi.health.models import (
    AnnualReport,
    Assessment,
    Question,
    QuestionnaireVersion,
    ReportAttachment,
    ReportStatus,
)
from sinergi.health.scoring import DEFAULT_RULES, RULE_SETS, ScoringError, assess, assess_indicative
from sinergi.health.scoring import questionnaire as default_questionnaire
from sinergi.health.scoring.decimals import display
from sinergi.health.scoring.report import AMOUNT_FIELDS, MANAGEMENT_GROUPS, parse_amount
from sinergi.health.supervision.dates import financial_year_end
from sinergi.registry.models import CooperativeProfile, CooperativeStatus, CooperativeType
from sinergi.registry.services import cooperative_record_rat

ENTRY_ROLES = frozenset({Role.PENGURUS, Role.COOP_STAFF})
REPORT_FIELDS = ["year", "rat_date", "status", "manajemen", *AMOUNT_FIELDS]
GROUP_SIZES = dict(MANAGEMENT_GROUPS)
MAX_ATTACHMENTS = 20
CENT = Decimal("0.01")
# Signatures of the accepted attachment types: the extension alone proves nothing.
_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "xlsx": (b"PK\x03\x04",),
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def current_rules() -> str:
    """The rule set new assessments use: SINERGI_HEALTH_RULES, else Perdep 06/2016 (Decision 1)."""
    return getattr(settings, "SINERGI_HEALTH_RULES", DEFAULT_RULES)


def max_attachment_bytes() -> int:
    return int(getattr(settings, "SINERGI_HEALTH_MAX_ATTACHMENT_BYTES", 10 * 1024 * 1024))


def uses_indicative_score(cooperative: CooperativeProfile) -> bool:
    """Decision 11: Perdep 06/2016 scores savings-and-loan cooperatives; every other one gets the
    unofficial indicative score."""
    return cooperative.cooperative_type != CooperativeType.SIMPAN_PINJAM


# --- permissions --------------------------------------------------------------------------------


def may_enter(user, cooperative: CooperativeProfile) -> bool:
    """The cooperative's pengurus and staff, and Dinas admins and staff of its jurisdiction."""
    reach = reach_of(user)
    return reach.manages_region(cooperative.region_code) or bool(
        reach.roles_in(cooperative.organization_id) & ENTRY_ROLES
    )


def may_review(user, cooperative: CooperativeProfile) -> bool:
    """Verification and return belong to the Dinas: admins and staff of the jurisdiction."""
    return reach_of(user).manages_region(cooperative.region_code)


def may_edit_questionnaire(user) -> bool:
    reach = reach_of(user)
    return reach.everything or bool(reach.office_codes(frozenset({Role.ADMIN})))


def _audit(actor, action: str, obj, cooperative: CooperativeProfile, before=None, after=None) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=obj,
        before=before,
        after=after,
        region_code=cooperative.region_code,
        organization_id=cooperative.organization_id,
    )


# --- questionnaire ------------------------------------------------------------------------------


def questionnaire_current() -> QuestionnaireVersion:
    """The questionnaire new reports answer; the default wording is stored on first use."""
    version = QuestionnaireVersion.objects.filter(is_current=True).first()
    return version if version is not None else questionnaire_seed(actor=None)


@transaction.atomic
def questionnaire_seed(*, actor) -> QuestionnaireVersion:
    """Store the default wording (`scoring.questionnaire`, VERSION) as the current version when no
    version is current. Idempotent."""
    current = QuestionnaireVersion.objects.select_for_update().filter(is_current=True).first()
    if current is not None:
        return current
    version, created = QuestionnaireVersion.objects.get_or_create(
        code=default_questionnaire.VERSION,
        defaults={"note": _("Rumusan bawaan Sinergi"), "is_current": True, "created_by": actor},
    )
    if created:
        _store_questions(
            version,
            {(q.group, q.number): (q.text, q.text_en) for q in default_questionnaire.questions()},
        )
    elif not version.is_current:
        version.is_current = True
        version.save(update_fields=["is_current"])
    return version


def _store_questions(version: QuestionnaireVersion, texts: dict) -> None:
    rows, position = [], 0
    for group, size in MANAGEMENT_GROUPS:
        for number in range(1, size + 1):
            position += 1
            text, text_en = texts[(group, number)]
            rows.append(
                Question(
                    version=version, group=group, number=number, position=position, text=text, text_en=text_en
                )
            )
    Question.objects.bulk_create(rows)


def _next_version_code(today: dt.date) -> str:
    taken = set(
        QuestionnaireVersion.objects.filter(code__startswith=f"{today.year}.").values_list("code", flat=True)
    )
    number = 1
    while f"{today.year}.{number}" in taken:
        number += 1
    return f"{today.year}.{number}"


@transaction.atomic
def questionnaire_version_create(*, actor, texts: dict, note: str) -> QuestionnaireVersion:
    """Publish a new wording of the 38 questions; the previous version is kept for the reports that
    answered it. `texts` maps (group, number) to (text, text in English)."""
    if not may_edit_questionnaire(actor):
        raise PermissionDenied(_("Hanya admin yang dapat mengubah kuesioner manajemen."))
    errors = {}
    for group, size in MANAGEMENT_GROUPS:
        for number in range(1, size + 1):
            text = (texts.get((group, number)) or ("", ""))[0].strip()
            if not text:
                errors[f"{group}_{number}"] = _("Pertanyaan wajib diisi.")
    note = (note or "").strip()
    if not note:
        errors["note"] = _("Tuliskan apa yang berubah.")
    if errors:
        raise ValidationError(errors)
    previous = questionnaire_current()
    QuestionnaireVersion.objects.filter(pk=previous.pk).update(is_current=False)
    version = QuestionnaireVersion.objects.create(
        code=_next_version_code(timezone.localdate()), note=note, is_current=True, created_by=actor
    )
    _store_questions(
        version, {key: (value[0].strip(), (value[1] or "").strip()) for key, value in texts.items()}
    )
    audit_record(
        actor=actor,
        action="questionnaire.version",
        obj=version,
        before={"version": previous.code},
        after={"version": version.code, "note": note},
    )
    return version


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
    if year < 1945:
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
    report.checks = [finding.to_dict() for finding in findings]


def _require_enter(actor, cooperative: CooperativeProfile) -> None:
    if not may_enter(actor, cooperative):
        raise PermissionDenied(_("Anda tidak berhak mengisi laporan koperasi ini."))


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
    _require_enter(actor, cooperative)
    if cooperative.status == CooperativeStatus.DIBUBARKAN:
        raise ValidationError({"cooperative": _("Koperasi ini sudah dibubarkan.")})
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
    _audit(actor, "annual_report.create", report, cooperative, after=snapshot(report, REPORT_FIELDS))
    return report


def _locked(report: AnnualReport) -> AnnualReport:
    return AnnualReport.objects.select_for_update().select_related("cooperative").get(pk=report.pk)


@transaction.atomic
def annual_report_update(*, actor, report: AnnualReport, **changes) -> AnnualReport:
    """Change a draft or returned report: `year`, `rat_date`, `values` (amounts), `manajemen`."""
    _require_enter(actor, report.cooperative)
    report = _locked(report)
    if not report.editable:
        raise ValidationError(
            {"status": _("Laporan berstatus %(s)s tidak dapat diubah.") % {"s": report.get_status_display()}}
        )
    unknown = set(changes) - {"year", "rat_date", "values", "manajemen"}
    if unknown:
        raise ValidationError({name: _("Kolom ini tidak dapat diubah.") for name in unknown})
    before = snapshot(report, REPORT_FIELDS)
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
    old, new = changed(before, snapshot(report, REPORT_FIELDS))
    if new:
        _audit(actor, "annual_report.update", report, report.cooperative, before=old, after=new)
    return report


@transaction.atomic
def annual_report_delete(*, actor, report: AnnualReport) -> None:
    """Delete a draft that was never submitted (a wrong year, a duplicate)."""
    _require_enter(actor, report.cooperative)
    report = _locked(report)
    if report.status != ReportStatus.DRAFT:
        raise ValidationError({"status": _("Hanya konsep yang belum pernah diajukan yang dapat dihapus.")})
    _audit(actor, "annual_report.delete", report, report.cooperative, before=snapshot(report, REPORT_FIELDS))
    stored = [(attachment.file.storage, attachment.file.name) for attachment in report.attachments.all()]
    report.delete()
    # Files go only once the rows are gone for good.
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in stored])


# --- annual reports: review ---------------------------------------------------------------------


@transaction.atomic
def annual_report_submit(*, actor, report: AnnualReport) -> AnnualReport:
    """Submit a draft or returned report to the Dinas. It needs the RAT date and the total assets;
    every other missing figure only leaves its components not assessable (Decision 6)."""
    _require_enter(actor, report.cooperative)
    report = _locked(report)
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
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = actor
    report.save()
    _audit(
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
    report = _locked(report)
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError({"status": _("Hanya laporan yang diajukan yang dapat dikembalikan.")})
    report.status = ReportStatus.RETURNED
    report.review_comment = comment
    report.reviewed_at = timezone.now()
    report.reviewed_by = actor
    report.save()
    _audit(
        actor,
        "annual_report.return",
        report,
        report.cooperative,
        before={"status": ReportStatus.SUBMITTED},
        after={"status": report.status, "comment": comment},
    )
    return report


@transaction.atomic
def annual_report_verify(*, actor, report: AnnualReport, comment: str = "") -> AnnualReport:
    """Verify a submitted report: record its RAT date in the registry, score it with the current
    rule set (indicative for a cooperative without a savings-and-loan business, Decision 11) and
    lock it."""
    if not may_review(actor, report.cooperative):
        raise PermissionDenied(_("Hanya petugas dinas di wilayah kerjanya yang dapat memeriksa laporan."))
    report = _locked(report)
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError({"status": _("Hanya laporan yang diajukan yang dapat diverifikasi.")})
    cooperative_record_rat(actor=actor, cooperative=report.cooperative, rat_date=report.rat_date)
    report.status = ReportStatus.VERIFIED
    report.review_comment = (comment or "").strip()
    report.reviewed_at = timezone.now()
    report.reviewed_by = actor
    report.save()
    assessment = assessment_score(actor=actor, report=report)
    _audit(
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
    return report


# --- assessments --------------------------------------------------------------------------------


def report_input(report: AnnualReport) -> dict:
    """The report in the scoring input schema (what `sinergi health_assess` reads)."""
    data: dict = {"year": report.year}
    for name in AMOUNT_FIELDS:
        value = getattr(report, name)
        data[name] = None if value is None else f"{value:f}"
    answers = report.manajemen or {}
    data["manajemen"] = {group: answers.get(group) for group, _size in MANAGEMENT_GROUPS}
    return data


def _score(report: AnnualReport, rules: str):
    score = assess_indicative if uses_indicative_score(report.cooperative) else assess
    try:
        return score(report_input(report), rules)
    except ScoringError as exc:
        raise ValidationError({"__all__": str(exc)}) from exc


@transaction.atomic
def assessment_score(*, actor, report: AnnualReport, rules: str | None = None) -> Assessment:
    """Score a verified report and store the explained result, replacing an earlier one."""
    if not may_review(actor, report.cooperative):
        raise PermissionDenied(_("Hanya petugas dinas di wilayah kerjanya yang dapat menilai laporan."))
    if report.status != ReportStatus.VERIFIED:
        raise ValidationError({"status": _("Hanya laporan terverifikasi yang dinilai.")})
    rules = rules or current_rules()
    if rules not in RULE_SETS:
        raise ValidationError({"rules": _("Aturan penilaian tidak dikenal: %(r)s") % {"r": rules}})
    result = _score(report, rules)
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
            "official": result.official,
            "total": Decimal(display(result.total)),
            "predicate": result.predicate,
            "complete": result.complete,
            "result": result.to_dict(detail=True),
            "scored_by": actor,
        },
    )
    _audit(
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
    return assessment


# --- attachments --------------------------------------------------------------------------------


def _check_upload(upload) -> tuple[str, str]:
    name = (getattr(upload, "name", "") or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in _SIGNATURES:
        raise ValidationError({"file": _("Jenis berkas tidak diterima. Unggah PDF, JPG, PNG, atau XLSX.")})
    limit = max_attachment_bytes()
    if upload.size > limit:
        raise ValidationError(
            {"file": _("Berkas terlalu besar (maksimal %(mb)s MB).") % {"mb": limit // (1024 * 1024)}}
        )
    if upload.size == 0:
        raise ValidationError({"file": _("Berkas kosong.")})
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in _SIGNATURES[extension]):
        raise ValidationError(
            {"file": _("Isi berkas tidak sesuai dengan jenisnya (.%(ext)s).") % {"ext": extension}}
        )
    if extension == "xlsx":
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            names = set()
        upload.seek(0)
        if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
            raise ValidationError({"file": _("Berkas XLSX tidak sah.")})
    return name[:200], CONTENT_TYPES[extension]


@transaction.atomic
def report_attachment_add(*, actor, report: AnnualReport, upload) -> ReportAttachment:
    """Attach a document to a report that can still change."""
    _require_enter(actor, report.cooperative)
    report = _locked(report)
    if not report.editable:
        raise ValidationError({"file": _("Lampiran hanya dapat ditambah saat laporan masih dapat diubah.")})
    if report.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(
            {"file": _("Paling banyak %(n)s lampiran per laporan.") % {"n": MAX_ATTACHMENTS}}
        )
    name, content_type = _check_upload(upload)
    attachment = ReportAttachment(
        report=report, name=name, content_type=content_type, size=upload.size, uploaded_by=actor
    )
    attachment.file.save(name, upload, save=False)
    attachment.save()
    _audit(
        actor,
        "annual_report.attachment_add",
        report,
        report.cooperative,
        after={"attachment": name, "size": attachment.size},
    )
    return attachment


@transaction.atomic
def report_attachment_remove(*, actor, attachment: ReportAttachment) -> None:
    report = attachment.report
    _require_enter(actor, report.cooperative)
    report = _locked(report)
    if not report.editable:
        raise ValidationError({"file": _("Lampiran hanya dapat dihapus saat laporan masih dapat diubah.")})
    _audit(
        actor,
        "annual_report.attachment_remove",
        report,
        report.cooperative,
        before={"attachment": attachment.name},
    )
    stored = attachment.file.name
    attachment.delete()
    # The file goes only once the row is gone for good.
    transaction.on_commit(lambda: attachment.file.storage.delete(stored))


# --- background work ----------------------------------------------------------------------------


def assessment_batch_start(*, actor, year: int, rules: str) -> Job:
    """Queue the rescoring of every verified report of `year` in the actor's jurisdiction; the job
    page shows its progress."""
    reach = reach_of(actor)
    if not (reach.everything or reach.office_codes(frozenset({Role.ADMIN, Role.STAFF}))):
        raise PermissionDenied(_("Hanya petugas dinas yang dapat menilai ulang laporan."))
    if rules not in RULE_SETS:
        raise ValidationError({"rules": _("Aturan penilaian tidak dikenal: %(r)s") % {"r": rules}})
    from sinergi.health.tasks import score_year_task

    job = job_create(
        actor=actor,
        kind="health.score_year",
        label=_("Penilaian ulang tahun buku %(year)s (%(rules)s)") % {"year": year, "rules": rules},
        params={"year": year, "rules": rules},
    )
    transaction.on_commit(
        lambda: score_year_task.enqueue(job_id=job.pk, actor_id=actor.pk, year=year, rules=rules)
    )
    return job


def annual_report_import_start(*, actor, upload, submit: bool = False, dry_run: bool = False) -> Job:
    """Check and keep an uploaded XLSX of annual reports, and queue its import as a job."""
    from sinergi.health import importers
    from sinergi.health.tasks import import_reports_task

    path = importers.store_upload(upload)
    job = job_create(
        actor=actor,
        kind=importers.JOB_KIND,
        label=_("Impor laporan tahunan: %(name)s") % {"name": getattr(upload, "name", "")[:100]},
        params={"submit": submit, "dry_run": dry_run},
    )
    transaction.on_commit(
        lambda: import_reports_task.enqueue(
            job_id=job.pk, actor_id=actor.pk, path=path, submit=submit, dry_run=dry_run
        )
    )
    return job
