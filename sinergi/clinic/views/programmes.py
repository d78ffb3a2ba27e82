"""Clinic pages: the overview, programmes and their reports, the catalogue of problems and the experts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sinergi.accounts.middleware import active_membership
from sinergi.accounts.selectors import letterhead_context
from sinergi.clinic import access, exporters, forms, selectors, services
from sinergi.clinic.models import Stage
from sinergi.clinic.pdf import render_pdf
from sinergi.clinic.views.common import attempt as _attempt

# --- overview ---------------------------------------------------------------------------------


@login_required
def index(request):
    """The clinic for whoever opens it: an office's programmes, an expert's assigned cases, a
    participant's own case (and the way to ask for one)."""
    user = request.user
    programmes = list(selectors.programme_list(user=user)) if access.is_officer(user) else []
    progress = selectors.progress_of(programmes)
    membership = active_membership(request)
    own_org = membership.organization if membership is not None else None
    if own_org is not None and not access.takes_part(own_org):
        own_org = None
    context = {
        "programmes": [(p, progress[p.pk]) for p in programmes],
        "may_create": access.may_run_clinic(user),
        "expert_cases": list(selectors.expert_cases(user=user)),
        "partner_recommendations": list(selectors.recommendations_for_partner(user=user)[:50]),
        "own_cases": list(selectors.participant_cases(user=user, organization_id=own_org.pk))
        if own_org
        else [],
        "may_request": own_org is not None and access.may_request(user, own_org),
        "own_org": own_org,
    }
    return render(request, "clinic/index.html", context)


# --- programmes -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def programme_create(request):
    if not access.may_run_clinic(request.user):
        raise PermissionDenied
    offices = selectors.offices_run(user=request.user)
    year = timezone.localdate().year
    form = forms.ProgrammeForm(
        request.POST or None, offices=offices, initial={"year": year, "start_year": year}
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        office = data.pop("office")
        programme = _attempt(
            form, lambda: services.programme_create(actor=request.user, office=office, **data)
        )
        if programme is not None:
            messages.success(request, _("Program klinik dibuat."))
            return redirect("clinic:programme_detail", programme.pk)
    return render(request, "clinic/programme_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def programme_edit(request, pk):
    programme = selectors.access_programme(user=request.user, pk=pk)
    if not access.manages(request.user, programme.region_code):
        raise PermissionDenied
    fields = ["name", "horizon_years", "target_participants", "target_good", "good_predicate_steps",
              "good_requires_rat", "good_sales_growth_pct"]  # fmt: skip
    initial = {name: getattr(programme, name) for name in fields}
    form = forms.ProgrammeForm(request.POST or None, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = _attempt(
            form,
            lambda: services.programme_update(actor=request.user, programme=programme, **form.cleaned_data),
        )
        if done is not None:
            messages.success(request, _("Program klinik disimpan."))
            return redirect("clinic:programme_detail", programme.pk)
    return render(request, "clinic/programme_form.html", {"form": form, "programme": programme})


@login_required
def programme_detail(request, pk):
    programme = selectors.access_programme(user=request.user, pk=pk)
    stage = request.GET.get("tahap", "")
    if stage not in Stage.values:
        stage = ""
    cases = selectors.case_list(user=request.user, programme=programme, stage=stage)
    context = {
        "programme": programme,
        "progress": selectors.progress_of([programme])[programme.pk],
        "stages": selectors.stage_counts(programme=programme),
        "stage": stage,
        "page_obj": Paginator(cases, 50).get_page(request.GET.get("page")),
        "may_manage": access.manages(request.user, programme.region_code),
    }
    return render(request, "clinic/programme_detail.html", context)


@login_required
def programme_report(request, pk, fmt):
    """The programme's yearly progress report, as PDF or spreadsheet."""
    programme = selectors.access_programme(user=request.user, pk=pk)
    if fmt not in ("pdf", "xlsx") or not access.sees_region(request.user, programme.region_code):
        raise Http404
    progress = selectors.progress_of([programme])[programme.pk]
    cases = list(selectors.case_list(user=request.user, programme=programme))
    name = f"capaian-klinik-{programme.year}-{programme.pk}"
    if fmt == "xlsx":
        response = HttpResponse(
            exporters.progress_workbook(programme, progress, cases), content_type=exporters.XLSX
        )
    else:
        context = {
            "programme": programme,
            "progress": progress,
            "cases": cases,
            **letterhead_context(programme.office),
            "printed": timezone.localdate(),
        }
        response = HttpResponse(
            render_pdf("clinic/pdf/progress.html", context), content_type="application/pdf"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


# --- catalogue and experts --------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def problem_list(request):
    if not access.is_officer(request.user):
        raise PermissionDenied
    offices = selectors.offices_run(user=request.user)
    office = offices.first()
    form = forms.ProblemForm(request.POST or None) if office else None
    if request.method == "POST" and form is not None and form.is_valid():
        done = _attempt(
            form, lambda: services.problem_save(actor=request.user, office=office, **form.cleaned_data)
        )
        if done is not None:
            messages.success(request, _("Penyakit ditambahkan ke katalog."))
            return redirect("clinic:problem_list")
    problems = selectors.problem_list(user=request.user)
    return render(request, "clinic/problem_list.html", {"problems": problems, "form": form, "office": office})


@login_required
@require_http_methods(["GET", "POST"])
def problem_edit(request, pk):
    problem = get_object_or_404(selectors.problem_list(user=request.user), pk=pk)
    if not access.manages(request.user, problem.region_code):
        raise PermissionDenied
    fields = ["code", "name", "area", "severity", "description", "is_active"]
    form = forms.ProblemForm(request.POST or None, initial={f: getattr(problem, f) for f in fields})
    if request.method == "POST" and form.is_valid():
        done = _attempt(
            form,
            lambda: services.problem_save(
                actor=request.user, office=problem.office, problem=problem, **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, _("Penyakit disimpan."))
            return redirect("clinic:problem_list")
    return render(request, "clinic/problem_form.html", {"form": form, "problem": problem})


@login_required
@require_http_methods(["GET", "POST"])
def expert_list(request):
    if not access.is_officer(request.user):
        raise PermissionDenied
    office = selectors.offices_run(user=request.user).first()
    form = forms.ExpertForm(request.POST or None) if office else None
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        person = get_user_model().objects.filter(email__iexact=data["email"], is_active=True).first()
        if person is None:
            form.add_error("email", _("Belum ada akun dengan email ini; undang orangnya lebih dahulu."))
        else:
            done = _attempt(
                form,
                lambda: services.expert_register(
                    actor=request.user, office=office, user=person, kind=data["kind"], areas=data["areas"],
                    affiliation=data["affiliation"],
                ),
            )  # fmt: skip
            if done is not None:
                messages.success(request, _("Pakar terdaftar."))
                return redirect("clinic:expert_list")
    experts = selectors.expert_list(user=request.user)
    return render(request, "clinic/expert_list.html", {"experts": experts, "form": form, "office": office})
