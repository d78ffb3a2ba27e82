"""Supervision pages for Dinas officers: overview, RAT compliance, inactivity and proposals, pillars,
early warning, and dissolution cases with their letters."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sinergi.accounts.scoping import reach_of
from sinergi.accounts.selectors import object_timeline, offices_over
from sinergi.core.forms import apply_errors
from sinergi.core.htmx import render_page
from sinergi.health.filters import SupervisionFilters
from sinergi.health.models import CaseState
from sinergi.health.pdf import render_pdf
from sinergi.health.supervision import rules, selectors, services
from sinergi.health.supervision.forms import (
    CaseOpenForm,
    DecisionForm,
    NoticeForm,
    ObjectionDecisionForm,
    ObjectionForm,
    ProposalDecisionForm,
    WithdrawForm,
)
from sinergi.registry.models import CooperativeProfile


def _require_officer(request) -> None:
    if not reach_of(request.user).is_officer:
        raise PermissionDenied


def _may_act(request) -> bool:
    reach = reach_of(request.user)
    return reach.is_office_writer


@login_required
def overview(request):
    _require_officer(request)
    filters = SupervisionFilters.from_params(request.GET)
    summary = selectors.supervision_summary(user=request.user, region=filters.region)
    context = {"filters": filters, "summary": summary, "pillars": rules.PILLARS}
    return render(request, "health/supervision/overview.html", context)


@login_required
def rat_list(request):
    _require_officer(request)
    filters = SupervisionFilters.from_params(request.GET)
    compliance = selectors.rat_compliance(user=request.user, region=filters.region, q=filters.q)
    context = {
        "filters": filters,
        "compliance": compliance,
        "page_obj": Paginator(compliance["overdue"], 50).get_page(request.GET.get("page")),
        "may_remind": _may_act(request),
    }
    return render_page(request, "health/supervision/rat_list.html", context, partial="rows")


@login_required
def inactivity_list(request):
    _require_officer(request)
    filters = SupervisionFilters.from_params(request.GET)
    context = {
        "filters": filters,
        "data": selectors.inactivity(user=request.user, region=filters.region, q=filters.q),
        "proposals": selectors.status_proposal_list(user=request.user),
        "decided": selectors.status_proposal_list(user=request.user, state="").exclude(state="open")[:20],
        "may_act": _may_act(request),
        "decision_form": ProposalDecisionForm(),
    }
    return render(request, "health/supervision/inactivity.html", context)


def _scoped_cooperative(request, pk: int) -> CooperativeProfile:
    cooperative = selectors.supervised_cooperatives(user=request.user).filter(pk=pk).first()
    if cooperative is None:
        raise Http404
    return cooperative


def _message_errors(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


@login_required
@require_POST
def proposal_create(request, cooperative_pk: int):
    _require_officer(request)
    cooperative = _scoped_cooperative(request, cooperative_pk)
    try:
        services.status_proposal_create(actor=request.user, cooperative=cooperative)
    except ValidationError as exc:
        _message_errors(request, exc)
    else:
        messages.success(request, _("Usulan status tidak aktif dibuat untuk %(c)s.") % {"c": cooperative})
    return redirect("health:inactivity_list")


@login_required
@require_POST
def proposals_generate(request):
    _require_officer(request)
    filters = SupervisionFilters.from_params(request.POST)
    count = services.status_proposals_generate(actor=request.user, region=filters.region)
    messages.success(request, _("%(n)s usulan baru dibuat.") % {"n": count})
    return redirect("health:inactivity_list")


@login_required
@require_POST
def proposal_decide(request, pk: int, decision: str):
    _require_officer(request)
    proposal = selectors.access_status_proposal(user=request.user, pk=pk)
    form = ProposalDecisionForm(request.POST)
    form.is_valid()
    note = form.cleaned_data.get("note", "")
    try:
        if decision == "confirm":
            services.status_proposal_confirm(actor=request.user, proposal=proposal, note=note)
            messages.success(request, _("Status %(c)s menjadi tidak aktif.") % {"c": proposal.cooperative})
        else:
            services.status_proposal_dismiss(actor=request.user, proposal=proposal, reason=note)
            messages.success(request, _("Usulan untuk %(c)s ditolak.") % {"c": proposal.cooperative})
    except ValidationError as exc:
        _message_errors(request, exc)
    return redirect("health:inactivity_list")


@login_required
def pillar_list(request):
    _require_officer(request)
    filters = SupervisionFilters.from_params(request.GET)
    data = selectors.pillars(user=request.user, region=filters.region)
    chosen = request.GET.get("pilar", "")
    chosen = chosen if chosen in dict(rules.PILLARS) else rules.REORIENTATION
    pillar = next(p for p in data["pillars"] if p["code"] == chosen)
    context = {
        "filters": filters,
        "data": data,
        "pillar": pillar,
        "page_obj": Paginator(pillar["items"], 50).get_page(request.GET.get("page")),
        "labels": rules.PILLARS,
    }
    return render(request, "health/supervision/pillars.html", context)


@login_required
def early_warning(request):
    _require_officer(request)
    filters = SupervisionFilters.from_params(request.GET)
    items = selectors.early_warning_list(user=request.user, region=filters.region)
    context = {
        "filters": filters,
        "signals": rules.SIGNALS.values(),
        "page_obj": Paginator(items, 50).get_page(request.GET.get("page")),
        "count": len(items),
    }
    return render(request, "health/supervision/early_warning.html", context)


# --- dissolution ----------------------------------------------------------------------------------


@login_required
def case_list(request):
    _require_officer(request)
    filters = SupervisionFilters.from_params(request.GET)
    cases = selectors.dissolution_case_list(user=request.user, region=filters.region)
    today = timezone.localdate()
    rows = [{"case": case, "deadlines": rules.case_deadlines(case, today)} for case in cases[:200]]
    for row in rows:
        row["overdue"] = any(d.overdue for d in row["deadlines"])
    return render(
        request,
        "health/supervision/case_list.html",
        {"filters": filters, "rows": rows, "may_act": _may_act(request)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request):
    _require_officer(request)
    cooperatives = list(selectors.cooperatives_for_dissolution(user=request.user))
    if not _may_act(request):
        raise PermissionDenied
    form = CaseOpenForm(
        request.POST or None, cooperatives=cooperatives, initial={"cooperative": request.GET.get("koperasi")}
    )
    if request.method == "POST" and form.is_valid():
        chosen = {c.pk: c for c in cooperatives}[form.cleaned_data["cooperative"]]
        try:
            case = services.dissolution_case_open(
                actor=request.user,
                cooperative=chosen,
                ground=form.cleaned_data["ground"],
                facts=form.cleaned_data["facts"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Rencana pembubaran dicatat."))
            return redirect("health:case_detail", pk=case.pk)
    return render(request, "health/supervision/case_form.html", {"form": form})


STEP_FORMS = {
    "notice": NoticeForm,
    "objection": ObjectionForm,
    "objection-decision": ObjectionDecisionForm,
    "decision": DecisionForm,
    "withdraw": WithdrawForm,
}


def _case_context(request, case, forms=None) -> dict:
    today = timezone.localdate()
    forms = forms or {}
    step_forms = {
        step: forms.get(step) or form_class(prefix=step.replace("-", "_"))
        for step, form_class in STEP_FORMS.items()
    }
    return {
        "case": case,
        "deadlines": rules.case_deadlines(case, today),
        "objection_deadline": rules.objection_deadline(case),
        "forms": {step.replace("-", "_"): form for step, form in step_forms.items()},
        "may_act": _may_act(request) and reach_of(request.user).manages_region(case.cooperative.region_code),
        "timeline": object_timeline(user=request.user, obj=case)[:50],
        "states": CaseState,
    }


@login_required
def case_detail(request, pk: int):
    _require_officer(request)
    case = selectors.access_dissolution_case(user=request.user, pk=pk)
    return render(request, "health/supervision/case_detail.html", _case_context(request, case))


def _run_step(request, case, step: str, form):
    data = form.cleaned_data
    if step == "notice":
        services.dissolution_notice_issue(
            actor=request.user,
            case=case,
            notice_number=data["notice_number"],
            notice_date=data["notice_date"],
            received_on=data["received_on"],
            signatory=data["signatory"],
        )
    elif step == "objection":
        services.dissolution_objection_record(
            actor=request.user, case=case, received_on=data["received_on"], summary=data["summary"]
        )
    elif step == "objection-decision":
        services.dissolution_objection_decide(
            actor=request.user,
            case=case,
            accepted=data["accepted"],
            decided_on=data["decided_on"],
            number=data["number"],
            reason=data["reason"],
        )
    elif step == "decision":
        services.dissolution_decide(
            actor=request.user,
            case=case,
            dissolve=data["dissolve"],
            decided_on=data["decided_on"],
            number=data["number"],
            reason=data["reason"],
            signatory=data["signatory"],
        )
    else:
        services.dissolution_case_withdraw(actor=request.user, case=case, reason=data["reason"])


@login_required
@require_POST
def case_step(request, pk: int, step: str):
    _require_officer(request)
    case = selectors.access_dissolution_case(user=request.user, pk=pk)
    if step not in STEP_FORMS:
        raise Http404
    form = STEP_FORMS[step](request.POST, prefix=step.replace("-", "_"))
    if form.is_valid():
        try:
            _run_step(request, case, step, form)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Langkah dicatat."))
            return redirect("health:case_detail", pk=case.pk)
    case.refresh_from_db()
    return render(
        request, "health/supervision/case_detail.html", _case_context(request, case, {step: form}), status=400
    )


LETTERS = {"pemberitahuan": "health/pdf/letter_notice.html", "keputusan": "health/pdf/letter_decision.html"}


@login_required
def case_letter(request, pk: int, kind: str):
    _require_officer(request)
    case = selectors.access_dissolution_case(user=request.user, pk=pk)
    if kind not in LETTERS:
        raise Http404
    if (kind == "pemberitahuan" and case.notice_received_on is None) or (
        kind == "keputusan" and case.decided_on is None
    ):
        raise Http404
    context = {
        "case": case,
        "cooperative": case.cooperative,
        "office": offices_over(region_code=case.cooperative.region_code).first(),
        "objection_deadline": rules.objection_deadline(case),
        "decision_deadline": next(
            (d.due for d in rules.case_deadlines(case, timezone.localdate()) if d.code == "decision"), None
        ),
    }
    response = HttpResponse(render_pdf(LETTERS[kind], context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="surat-{kind}-{case.pk}.pdf"'
    return response


@login_required
@require_POST
def rat_reminders(request):
    """Remind every cooperative on the filtered RAT-overdue list; show the WhatsApp links to open."""
    from sinergi.health.supervision.reminders import rat_reminder_send

    _require_officer(request)
    filters = SupervisionFilters.from_params(request.POST)
    reminded = rat_reminder_send(actor=request.user, region=filters.region, q=filters.q)
    return render(request, "health/supervision/rat_reminders.html", {"reminded": reminded, "filters": filters})
