"""Pages of annual reports, assessments, the questionnaire, the import and the rescoring."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sinergi.accounts.scoping import reach_of
from sinergi.accounts.selectors import object_timeline
from sinergi.core.forms import apply_errors
from sinergi.core.htmx import render_page
from sinergi.core.jobs import access_job
from sinergi.health import importers, selectors, services
from sinergi.health.access import is_office_writer
from sinergi.health.filters import PREDICATES, ReportFilters
from sinergi.health.forms import (
    AnnualReportForm,
    AttachmentForm,
    ImportForm,
    QuestionnaireForm,
    RescoreForm,
    ReviewForm,
    running_totals,
)
from sinergi.health.inputs import report_input
from sinergi.health.models import ReportStatus
from sinergi.health.pdf import render_pdf


def _reach_reports(request) -> None:
    """Report pages are for offices and for the managers of a cooperative."""
    reach = reach_of(request.user)
    if not (reach.is_officer or reach.managed_cooperative_ids()):
        raise PermissionDenied


@login_required
def report_list(request):
    _reach_reports(request)
    filters = ReportFilters.from_params(request.GET)
    qs = selectors.annual_report_list(user=request.user, filters=filters)
    # Sort and cut the page on the ids alone, then load those 25 rows: sorting whole report rows
    # costs several times more once an office has tens of thousands of reports.
    page = Paginator(qs.values_list("pk", flat=True), 25).get_page(request.GET.get("page"))
    rows = qs.in_bulk(list(page.object_list))
    page.object_list = [rows[pk] for pk in page.object_list]
    context = {
        "page_obj": page,
        "filters": filters,
        "statuses": ReportStatus.choices,
        "predicates": PREDICATES,
        "can_create": selectors.cooperatives_for_entry(user=request.user).exists(),
        "is_officer": reach_of(request.user).is_officer,
    }
    return render_page(request, "health/report_list.html", context, partial="rows")


def _report_form_context(form, report=None, title="") -> dict:
    return {"form": form, "report": report, "title": title, "totals": running_totals()}


@login_required
@require_http_methods(["GET", "POST"])
def report_create(request):
    cooperatives = list(selectors.cooperatives_for_entry(user=request.user))
    if not cooperatives:
        raise PermissionDenied
    version = services.questionnaire_current()
    initial = {"cooperative": request.GET.get("koperasi")}
    form = AnnualReportForm(request.POST or None, version=version, cooperatives=cooperatives, initial=initial)
    if request.method == "POST" and form.is_valid():
        chosen = {c.pk: c for c in cooperatives}[form.cleaned_data["cooperative"]]
        try:
            report = services.annual_report_create(
                actor=request.user,
                cooperative=chosen,
                year=form.cleaned_data["year"],
                rat_date=form.cleaned_data["rat_date"],
                values=form.values(),
                manajemen=form.manajemen(),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Laporan disimpan sebagai konsep."))
            return redirect("health:report_detail", pk=report.pk)
    return render(
        request, "health/report_form.html", _report_form_context(form, title=_("Laporan tahunan baru"))
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request, pk: int):
    report = selectors.access_annual_report(user=request.user, pk=pk)
    if not services.may_enter(request.user, report.cooperative) or not report.editable:
        raise PermissionDenied
    form = AnnualReportForm(
        request.POST or None, version=report.questionnaire, initial=AnnualReportForm.initial_for(report)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.annual_report_update(
                actor=request.user,
                report=report,
                year=form.cleaned_data["year"],
                rat_date=form.cleaned_data["rat_date"],
                values=form.values(),
                manajemen=form.manajemen(),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Perubahan disimpan."))
            return redirect("health:report_detail", pk=report.pk)
    return render(request, "health/report_form.html", _report_form_context(form, report, str(report)))


def _draft_fields(form) -> dict:
    """What a draft save passes on: the fields the user has typed correctly so far. A figure that is
    not yet a valid amount waits for the next save; nothing is checked as for a submission."""
    form.is_valid()
    data = form.cleaned_data
    changes: dict = {
        "values": {name: data[name] for name in form.values() if name in data},
        "manajemen": form.manajemen(),
    }
    if "year" in data and data["year"] is not None:
        changes["year"] = data["year"]
    if "rat_date" in data:
        changes["rat_date"] = data["rat_date"]
    return changes


def _draft_refused(form, exc: ValidationError) -> JsonResponse:
    errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
    if hasattr(exc, "error_dict"):
        for name, messages_ in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages_)
    else:
        errors.setdefault("__all__", []).extend(exc.messages)
    return JsonResponse({"saved": False, "errors": errors}, status=422)


def _draft_saved(report, form, **extra) -> JsonResponse:
    return JsonResponse(
        {
            "saved": True,
            "stamp": report.updated_at.isoformat(),
            "time": timezone.localtime(report.updated_at).strftime("%H.%M"),
            "errors": {name: [str(e) for e in errs] for name, errs in form.errors.items()},
            **extra,
        }
    )


@login_required
@require_POST
def report_draft_save(request, pk: int):
    """Autosave of the report form: the draft as typed so far, through the same update service."""
    report = selectors.access_annual_report(user=request.user, pk=pk)
    if not services.may_enter(request.user, report.cooperative) or not report.editable:
        raise PermissionDenied
    form = AnnualReportForm(request.POST, version=report.questionnaire)
    try:
        report = services.annual_report_update(
            actor=request.user, report=report, autosave=True, **_draft_fields(form)
        )
    except ValidationError as exc:
        return _draft_refused(form, exc)
    return _draft_saved(report, form)


@login_required
@require_POST
def report_draft_create(request):
    """The first autosave of a new report: once the cooperative and the year are chosen, the draft
    exists and later saves go to it."""
    cooperatives = list(selectors.cooperatives_for_entry(user=request.user))
    if not cooperatives:
        raise PermissionDenied
    form = AnnualReportForm(request.POST, version=services.questionnaire_current(), cooperatives=cooperatives)
    changes = _draft_fields(form)
    chosen = {c.pk: c for c in cooperatives}.get(form.cleaned_data.get("cooperative"))
    if chosen is None or "year" not in changes:
        return JsonResponse({"saved": False, "waiting": True, "errors": {}}, status=202)
    try:
        report = services.annual_report_create(
            actor=request.user,
            cooperative=chosen,
            year=changes["year"],
            rat_date=changes.get("rat_date"),
            values=changes["values"],
            manajemen=changes["manajemen"],
        )
    except ValidationError as exc:
        return _draft_refused(form, exc)
    return _draft_saved(
        report,
        form,
        edit_url=reverse("health:report_edit", args=[report.pk]),
        draft_url=reverse("health:report_draft_save", args=[report.pk]),
        key=str(report.pk),
    )


@login_required
def report_detail(request, pk: int):
    report = selectors.access_annual_report(user=request.user, pk=pk)
    may_enter = services.may_enter(request.user, report.cooperative)
    context = {
        "report": report,
        "sections": selectors.report_sections(report),
        "groups": selectors.questionnaire_groups(report.questionnaire, report.manajemen),
        "attachments": report.attachments.all(),
        "assessment": getattr(report, "assessment", None),
        "may_enter": may_enter and report.editable,
        "may_review": services.may_review(request.user, report.cooperative)
        and report.status == ReportStatus.SUBMITTED,
        "attachment_form": AttachmentForm(),
        "review_form": ReviewForm(),
        "timeline": object_timeline(user=request.user, obj=report)[:30],
        "is_officer": reach_of(request.user).is_officer,
    }
    return render(request, "health/report_detail.html", context)


def _run(request, report, action, success: str, **kwargs) -> bool:
    """Call one transition; its refusal becomes a message on the report page."""
    try:
        action(actor=request.user, report=report, **kwargs)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return False
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("Akses ditolak."))
        return False
    messages.success(request, success)
    return True


@login_required
@require_POST
def report_submit(request, pk: int):
    report = selectors.access_annual_report(user=request.user, pk=pk)
    _run(request, report, services.annual_report_submit, _("Laporan diajukan ke dinas."))
    return redirect("health:report_detail", pk=report.pk)


@login_required
@require_POST
def report_verify(request, pk: int):
    report = selectors.access_annual_report(user=request.user, pk=pk)
    form = ReviewForm(request.POST)
    form.is_valid()
    comment = form.cleaned_data.get("comment", "")
    if _run(
        request,
        report,
        services.annual_report_verify,
        _("Laporan diverifikasi dan dinilai."),
        comment=comment,
    ):
        return redirect("health:assessment_detail", pk=report.pk)
    return redirect("health:report_detail", pk=report.pk)


@login_required
@require_POST
def report_return(request, pk: int):
    report = selectors.access_annual_report(user=request.user, pk=pk)
    form = ReviewForm(request.POST)
    form.is_valid()
    comment = form.cleaned_data.get("comment", "")
    _run(
        request,
        report,
        services.annual_report_return,
        _("Laporan dikembalikan kepada koperasi."),
        comment=comment,
    )
    return redirect("health:report_detail", pk=report.pk)


@login_required
@require_POST
def report_delete(request, pk: int):
    report = selectors.access_annual_report(user=request.user, pk=pk)
    try:
        services.annual_report_delete(actor=request.user, report=report)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("health:report_detail", pk=report.pk)
    messages.success(request, _("Konsep laporan dihapus."))
    return redirect("health:report_list")


@login_required
@require_POST
def attachment_add(request, pk: int):
    report = selectors.access_annual_report(user=request.user, pk=pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Pilih berkas yang akan diunggah."))
    else:
        try:
            services.report_attachment_add(
                actor=request.user, report=report, upload=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Lampiran diunggah."))
    return redirect("health:report_detail", pk=report.pk)


@login_required
def attachment_download(request, pk: int, attachment_pk: int):
    attachment = selectors.access_attachment(user=request.user, report_pk=pk, pk=attachment_pk)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )


@login_required
@require_POST
def attachment_remove(request, pk: int, attachment_pk: int):
    attachment = selectors.access_attachment(user=request.user, report_pk=pk, pk=attachment_pk)
    try:
        services.report_attachment_remove(actor=request.user, attachment=attachment)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Lampiran dihapus."))
    return redirect("health:report_detail", pk=pk)


@login_required
def report_json(request, pk: int):
    """The report in the scoring input schema: `sinergi health_assess` on this file gives the numbers
    of the assessment page."""
    report = selectors.access_annual_report(user=request.user, pk=pk)
    response = HttpResponse(
        json.dumps(report_input(report), indent=2, ensure_ascii=False),
        content_type="application/json",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="laporan-{report.cooperative_id}-{report.year}.json"'
    )
    return response


def _assessment_context(request, pk: int) -> dict:
    assessment = selectors.access_assessment(user=request.user, report_pk=pk)
    report = assessment.report
    history = selectors.assessment_history(user=request.user, cooperative=assessment.cooperative)
    return {
        "assessment": assessment,
        "report": report,
        "cooperative": assessment.cooperative,
        "detail": selectors.assessment_detail(assessment),
        "pearls": selectors.report_pearls(report),
        "history": history,
        "chart": selectors.trend_chart_data(history),
        "is_officer": reach_of(request.user).is_officer,
    }


@login_required
def assessment_detail(request, pk: int):
    return render(request, "health/assessment_detail.html", _assessment_context(request, pk))


@login_required
def assessment_pdf(request, pk: int):
    context = _assessment_context(request, pk)
    pdf = render_pdf("health/pdf/assessment.html", context)
    report = context["report"]
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="penilaian-{report.cooperative_id}-{report.year}.pdf"'
    )
    return response


@login_required
def cooperative_health(request, pk: int):
    cooperative = selectors.access_health_cooperative(user=request.user, pk=pk)
    history = selectors.assessment_history(user=request.user, cooperative=cooperative)
    reports = selectors.annual_report_list(user=request.user).filter(cooperative=cooperative)
    context = {
        "cooperative": cooperative,
        "reports": reports,
        "history": history,
        "chart": selectors.trend_chart_data(history),
        "may_enter": services.may_enter(request.user, cooperative),
    }
    return render(request, "health/cooperative_health.html", context)


# --- questionnaire ------------------------------------------------------------------------------


@login_required
def questionnaire(request, pk: int | None = None):
    version = selectors.access_questionnaire_version(pk=pk) if pk else services.questionnaire_current()
    context = {
        "version": version,
        "groups": selectors.questionnaire_groups(version),
        "versions": selectors.questionnaire_versions(),
        "may_edit": services.may_edit_questionnaire(request.user),
    }
    return render(request, "health/questionnaire.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def questionnaire_edit(request):
    if not services.may_edit_questionnaire(request.user):
        raise PermissionDenied
    current = services.questionnaire_current()
    form = QuestionnaireForm(request.POST or None, version=current)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.questionnaire_version_create(
                actor=request.user, texts=form.texts(), note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Versi kuesioner %(v)s berlaku.") % {"v": version.code})
            return redirect("health:questionnaire")
    return render(request, "health/questionnaire_form.html", {"form": form, "current": current})


# --- import and rescoring ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def report_import(request):
    if not selectors.cooperatives_for_entry(user=request.user).exists():
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.annual_report_import_start(
                actor=request.user,
                upload=form.cleaned_data["file"],
                submit=form.cleaned_data["submit"],
                dry_run=form.cleaned_data["dry_run"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect("job_detail", pk=job.pk)
    return render(request, "health/import.html", {"form": form, "columns": importers.template_columns()})


@login_required
def import_template(request):
    response = HttpResponse(
        importers.template_workbook(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="templat-laporan-tahunan.xlsx"'
    return response


@login_required
def import_result(request, job_pk: int):
    job = access_job(user=request.user, pk=job_pk)
    if job.kind != importers.JOB_KIND:
        raise PermissionDenied
    return render(request, "health/import_result.html", {"job": job, "result": job.result})


@login_required
@require_http_methods(["GET", "POST"])
def rescore(request):
    if not is_office_writer(request.user):
        raise PermissionDenied
    form = RescoreForm(request.POST or None, initial={"rules": services.current_rules()})
    if request.method == "POST" and form.is_valid():
        job = services.assessment_batch_start(
            actor=request.user, year=form.cleaned_data["year"], rules=form.cleaned_data["rules"]
        )
        return redirect("job_detail", pk=job.pk)
    return render(request, "health/rescore.html", {"form": form, "next": reverse("health:report_list")})
