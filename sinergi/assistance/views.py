"""Pages of warung aid: parse, call the service or selector, render (STYLE.md)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.accounts.scoping import reach_of, region_within_q
from sinergi.accounts.selectors import letterhead_context
from sinergi.assistance import access, forms, outcomes, rules, selectors, services
from sinergi.assistance.models import Criterion, Cycle, Status
from sinergi.assistance.pdf import render_pdf
from sinergi.core.forms import apply_errors
from sinergi.registry.models import BusinessScale


def _attempt(form, call):
    """Run a service for a valid form; its refusal lands on the form. Returns the result or None."""
    try:
        return call()
    except ValidationError as exc:
        apply_errors(form, exc)
        return None


def _post_action(request, call, success: str):
    """A one-button action: its refusal becomes an error message; nothing changes."""
    try:
        call()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return False
    messages.success(request, success)
    return True


@login_required
def index(request):
    user = request.user
    if not access.reaches_assistance(user):
        raise PermissionDenied
    owned = access.owned_business_ids(user)
    businesses = list(Organization.objects.filter(pk__in=owned, kind=OrganizationKind.UMKM))
    context = {
        "programmes": list(selectors.programme_list(user=user)),
        "may_create": access.may_create_any(user),
        "own_applications": list(selectors.application_list(user=user).filter(business_id__in=owned)),
        "open_for_me": [(b, selectors.open_programmes_for(business=b)) for b in businesses],
    }
    return render(request, "assistance/index.html", context)


def _runnable_organizations(user):
    reach = reach_of(user)
    q = Q(kind=OrganizationKind.GOVERNMENT) & reach.writable_region_q("jurisdiction")
    q |= Q(kind=OrganizationKind.COOPERATIVE) & (
        reach.writable_region_q("region") | Q(pk__in=reach.operated_cooperative_ids())
    )
    return Organization.objects.filter(q, is_active=True).order_by("kind", "name")


def _suppliers(user):
    reach = reach_of(user)
    return Organization.objects.filter(
        reach.organization_q(), kind=OrganizationKind.COOPERATIVE, is_active=True
    ).order_by("name")


@login_required
@require_http_methods(["GET", "POST"])
def programme_create(request):
    if not access.may_create_any(request.user):
        raise PermissionDenied
    form = forms.ProgrammeForm(
        request.POST or None,
        organizations=_runnable_organizations(request.user),
        suppliers=_suppliers(request.user),
    )
    if request.method == "POST" and form.is_valid():
        programme = _attempt(form, lambda: services.programme_create(actor=request.user, **form.values()))
        if programme is not None:
            return redirect("assistance:programme_detail", programme.pk)
    return render(request, "assistance/programme_form.html", {"form": form})


@login_required
def programme_detail(request, pk):
    programme = selectors.access_programme(user=request.user, pk=pk)
    user = request.user
    may_run = access.may_run(user, programme)
    if not (access.may_view(user, programme) or may_run):
        # An owner reaches the programme through their own application: send them there.
        own = selectors.application_list(user=user, programme=programme).first()
        if own is None:
            raise Http404
        return redirect("assistance:application_detail", own.pk)
    budget_left, stock_left = services.standing(programme)
    packages = [(p, stock_left[p.pk]) for p in programme.packages.all()]
    context = {
        "programme": programme,
        "may_run": may_run,
        "packages": packages,
        "budget_left": budget_left,
        "applications": list(selectors.application_list(user=user, programme=programme)),
        "counts": outcomes.applications_count(programme),
        "package_form": forms.PackageForm() if may_run and programme.cycle == Cycle.OPEN else None,
        "weights": [(Criterion(k).label, v) for k, v in programme.weights.items()],
        "target_names": selectors.region_names(programme.target_regions),
        "reason_texts": rules.REASONS,
        "skip_texts": rules.SKIP_REASONS,
        "can_select": rules.step_problem("select", programme.cycle) is None,
    }
    return render(request, "assistance/programme_detail.html", context)


@login_required
@require_POST
def package_add(request, pk):
    programme = selectors.access_programme(user=request.user, pk=pk)
    form = forms.PackageForm(request.POST)
    if form.is_valid():
        _post_action(
            request,
            lambda: services.package_add(actor=request.user, programme=programme, **form.cleaned_data),
            _("Paket ditambahkan."),
        )
    else:
        messages.error(request, _("Periksa isian paket."))
    return redirect("assistance:programme_detail", programme.pk)


@login_required
@require_POST
def programme_step(request, pk, step):
    programme = selectors.access_programme(user=request.user, pk=pk)
    calls = {
        "tutup-pendaftaran": (services.applications_close, _("Pendaftaran ditutup.")),
        "seleksi": (services.selection_run, _("Seleksi dijalankan.")),
        "selesai": (services.programme_finish, _("Program ditutup.")),
    }
    if step not in calls:
        raise Http404
    call, done = calls[step]
    _post_action(request, lambda: call(actor=request.user, programme=programme), done)
    return redirect("assistance:programme_detail", programme.pk)


def _applicable_businesses(user, programme):
    if access.may_run(user, programme):
        # The programme's runners record any registered warung of the target regions.
        q = Q(pk__in=[])
        for code in programme.target_regions:
            q |= region_within_q("region", code)
        found = Organization.objects.filter(q)
    else:
        found = Organization.objects.filter(pk__in=access.owned_business_ids(user))
    return found.filter(kind=OrganizationKind.UMKM, is_active=True).order_by("name")


@login_required
@require_http_methods(["GET", "POST"])
def application_create(request, pk):
    programme = selectors.open_or_reachable(user=request.user, pk=pk)
    businesses = _applicable_businesses(request.user, programme)
    if not businesses.exists() and not access.may_run(request.user, programme):
        raise PermissionDenied
    form = forms.ApplicationForm(
        request.POST or None, request.FILES or None, businesses=businesses, packages=programme.packages.all()
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        application = _attempt(
            form,
            lambda: services.application_submit(
                actor=request.user,
                programme=programme,
                business=data["business"],
                package=data["package"],
                baseline_revenue=data["baseline_revenue"],
                criteria=form.criteria(),
                photo=data["photo"],
            ),
        )
        if application is not None:
            return redirect("assistance:application_detail", application.pk)
    context = {"form": form, "programme": programme, "may_register": access.may_run(request.user, programme)}
    return render(request, "assistance/application_form.html", context)


@login_required
def application_detail(request, pk):
    application = selectors.access_application(user=request.user, pk=pk)
    user = request.user
    programme = application.programme
    may_run = access.may_run(user, programme)
    handover = selectors.handover_of(application)
    context = {
        "application": application,
        "programme": programme,
        "may_run": may_run,
        "sees_nik": access.sees_personal_data(user, application),
        "reasons": rules.reason_texts(application.reasons),
        "skip_text": rules.SKIP_REASONS.get(application.skip_reason, ""),
        "criteria": [(Criterion(k).label, v) for k, v in application.criteria.items()],
        "duplicates": selectors.duplicates_of(application)
        if may_run or access.may_view(user, programme)
        else [],
        "handover": handover,
        "visits": list(handover.visits.all()) if handover else [],
        "override_form": forms.OverrideForm() if may_run and programme.cycle == Cycle.SELECTED else None,
        "code_form": forms.CodeForm() if handover and not handover.confirmed_at and may_run else None,
        "repayments": list(application.repayments.all()),
        "repayment_form": forms.RepaymentForm(initial={"paid_on": timezone.localdate()})
        if may_run and programme.revolving_fund and handover
        else None,
        "may_handover": may_run and application.status == Status.SELECTED and handover is None,
        "scale_label": BusinessScale(application.scale).label
        if application.scale in BusinessScale.values
        else "",
    }
    return render(request, "assistance/application_detail.html", context)


@login_required
@require_POST
def application_override(request, pk):
    application = selectors.access_application(user=request.user, pk=pk)
    form = forms.OverrideForm(request.POST)
    select = request.POST.get("select") == "1"
    if form.is_valid():
        _post_action(
            request,
            lambda: services.selection_override(
                actor=request.user, application=application, select=select, note=form.cleaned_data["note"]
            ),
            _("Keputusan panitia dicatat."),
        )
    else:
        messages.error(request, _("Tulis alasan keputusan panitia."))
    return redirect("assistance:application_detail", application.pk)


@login_required
@require_http_methods(["GET", "POST"])
def handover_create(request, pk):
    application = selectors.access_application(user=request.user, pk=pk)
    if not access.may_run(request.user, application.programme):
        raise PermissionDenied
    initial = {
        "handed_on": timezone.localdate(),
        "items": "\n".join(application.package.item_list),
        "address": application.business.address,
        "confirmation": "signature",
    }
    form = forms.HandoverForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _attempt(
            form, lambda: services.handover_record(actor=request.user, application=application, **data)
        )
        if done is not None:
            handover, link = done
            if link:
                messages.info(
                    request, _("Kirim kode ke pemilik lewat WhatsApp, lalu masukkan kode yang dibacakan.")
                )
                request.session["assistance_wa_link"] = link
            else:
                messages.success(request, _("Serah terima dicatat."))
            return redirect("assistance:application_detail", application.pk)
    return render(request, "assistance/handover_form.html", {"form": form, "application": application})


@login_required
@require_POST
def handover_confirm(request, pk):
    application = selectors.access_application(user=request.user, pk=pk)
    handover = selectors.handover_of(application)
    if handover is None:
        raise Http404
    form = forms.CodeForm(request.POST)
    code = form.cleaned_data["code"] if form.is_valid() else ""
    if _post_action(
        request,
        lambda: services.handover_confirm(actor=request.user, handover=handover, code=code),
        _("Serah terima dikonfirmasi penerima."),
    ):
        request.session.pop("assistance_wa_link", None)
    return redirect("assistance:application_detail", application.pk)


@login_required
@require_http_methods(["GET", "POST"])
def visit_record(request, pk, month):
    application = selectors.access_application(user=request.user, pk=pk)
    if not access.may_run(request.user, application.programme):
        raise PermissionDenied
    try:
        visit = services.visit_for(application, month)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("assistance:application_detail", application.pk)
    items = services.handover_items(visit.handover)
    form = forms.VisitForm(
        request.POST or None, request.FILES or None, items=items, initial={"visited_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _attempt(
            form,
            lambda: services.visit_record(
                actor=request.user,
                visit=visit,
                visited_on=data["visited_on"],
                revenue=data["revenue"],
                stock_turnover=data["stock_turnover"],
                operating=data["operating"],
                goods_in_use=form.goods(),
                photo=data["photo"],
                notes=data["notes"],
            ),
        )
        if done is not None:
            messages.success(request, _("Kunjungan dicatat."))
            return redirect("assistance:application_detail", application.pk)
    context = {"form": form, "application": application, "visit": visit}
    return render(request, "assistance/visit_form.html", context)


@login_required
@require_POST
def repayment_add(request, pk):
    application = selectors.access_application(user=request.user, pk=pk)
    form = forms.RepaymentForm(request.POST)
    if form.is_valid():
        _post_action(
            request,
            lambda: services.repayment_record(
                actor=request.user, application=application, **form.cleaned_data
            ),
            _("Angsuran dicatat."),
        )
    else:
        messages.error(request, _("Periksa isian angsuran."))
    return redirect("assistance:application_detail", application.pk)


@login_required
@require_http_methods(["GET", "POST"])
def grievances(request, pk):
    programme = selectors.access_programme(user=request.user, pk=pk)
    user = request.user
    applications = selectors.application_list(user=user, programme=programme)
    form = forms.GrievanceForm(request.POST or None, applications=applications)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _attempt(
            form,
            lambda: services.grievance_file(
                actor=user,
                programme=programme,
                kind=data["kind"],
                text=data["text"],
                application=data["application"],
            ),
        )
        if done is not None:
            messages.success(request, _("Pengaduan dicatat."))
            return redirect("assistance:grievances", programme.pk)
    context = {
        "programme": programme,
        "form": form,
        "grievances": list(selectors.grievance_list(user=user, programme=programme)),
        "may_answer": access.may_run(user, programme),
        "answer_form": forms.AnswerForm(),
        "today": timezone.localdate(),
    }
    return render(request, "assistance/grievances.html", context)


@login_required
@require_POST
def grievance_answer(request, pk, grievance_pk):
    programme = selectors.access_programme(user=request.user, pk=pk)
    grievance = programme.grievances.filter(pk=grievance_pk).first()
    if grievance is None:
        raise Http404
    form = forms.AnswerForm(request.POST)
    answer = form.cleaned_data["answer"] if form.is_valid() else ""
    try:
        _post_action(
            request,
            lambda: services.grievance_answer(actor=request.user, grievance=grievance, answer=answer),
            _("Jawaban dicatat."),
        )
    except PermissionDenied:
        raise
    return redirect("assistance:grievances", programme.pk)


def _outcome_context(request, programme):
    return {
        "programme": programme,
        "outcomes": outcomes.programme_outcomes(programme),
        "counts": outcomes.applications_count(programme),
    }


@login_required
def programme_outcomes(request, pk):
    programme = selectors.access_programme(user=request.user, pk=pk)
    if not access.may_view(request.user, programme):
        raise Http404
    return render(request, "assistance/outcomes.html", _outcome_context(request, programme))


@login_required
def programme_outcomes_pdf(request, pk):
    programme = selectors.access_programme(user=request.user, pk=pk)
    if not access.may_view(request.user, programme):
        raise Http404
    context = {
        **_outcome_context(request, programme),
        **letterhead_context(selectors.office_for(programme)),
        "printed": timezone.localdate(),
    }
    response = HttpResponse(
        render_pdf("assistance/pdf/outcomes.html", context), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="hasil-bantuan-warung-{programme.pk}.pdf"'
    return response


@login_required
def warung_assets(request, org_pk):
    business = selectors.warung_for(user=request.user, pk=org_pk)
    handovers = list(selectors.assets_of(user=request.user, business=business))
    return render(request, "assistance/warung_assets.html", {"business": business, "handovers": handovers})
