"""Clinic pages of a case: enrolment, the case page and every step from intake to the outcome."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sinergi.accounts.middleware import active_membership
from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.accounts.scoping import reach_of
from sinergi.accounts.selectors import letterhead_context
from sinergi.clinic import access, forms, measures, rules, selectors, services
from sinergi.clinic.models import Area, Recommendation, Result, Source, Stage, Visit
from sinergi.clinic.pdf import render_pdf
from sinergi.clinic.views.common import attempt as _attempt

# --- enrolment --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def enrol(request, pk):
    """Enrol from a registry search."""
    programme = selectors.access_programme(user=request.user, pk=pk)
    if not access.manages(request.user, programme.region_code):
        raise PermissionDenied
    if request.method == "POST":
        participant = get_object_or_404(
            Organization, pk=request.POST.get("participant"), kind__in=list(access.PARTICIPANT_KINDS)
        )
        try:
            case = services.case_enrol(
                actor=request.user, programme=programme, participant=participant, source=Source.REGISTRY
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("clinic:enrol", programme.pk)
        messages.success(request, _("%(name)s terdaftar di klinik.") % {"name": participant.name})
        return redirect("clinic:case_detail", case.pk)
    q = request.GET.get("q", "")
    found = selectors.enrol_candidates(user=request.user, programme=programme, q=q)
    return render(request, "clinic/enrol.html", {"programme": programme, "q": q, "found": found})


@login_required
@require_http_methods(["GET", "POST"])
def enrol_warning(request, org_pk):
    """Enrol a cooperative from the early-warning list, its signals carried over as evidence."""
    participant = get_object_or_404(Organization, pk=org_pk, kind=OrganizationKind.COOPERATIVE)
    if not access.may_enrol(request.user, participant.region_id or ""):
        raise Http404
    year = timezone.localdate().year
    programme = services.programme_for(participant, year)
    signals = measures.early_warning_signals(actor=request.user, organization=participant)
    error = ""
    if request.method == "POST" and programme is not None:
        try:
            case = services.case_enrol(
                actor=request.user, programme=programme, participant=participant, source=Source.EARLY_WARNING
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("%(name)s terdaftar di klinik.") % {"name": participant.name})
            return redirect("clinic:case_detail", case.pk)
    existing = programme.cases.filter(participant=participant).first() if programme else None
    context = {
        "participant": participant,
        "programme": programme,
        "signals": signals,
        "existing": existing,
        "error": error,
        "year": year,
    }
    return render(request, "clinic/enrol_warning.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def request_clinic(request):
    """A participant asks for the clinic from its home page."""
    membership = active_membership(request)
    organization = membership.organization if membership is not None else None
    if organization is None or not access.may_request(request.user, organization):
        raise PermissionDenied
    form = forms.RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case = _attempt(
            form,
            lambda: services.case_request(
                actor=request.user, participant=organization, note=form.cleaned_data["note"]
            ),
        )
        if case is not None:
            messages.success(request, _("Permintaan klinik terkirim ke dinas."))
            return redirect("clinic:case_detail", case.pk)
    return render(request, "clinic/request.html", {"form": form, "organization": organization})


# --- a case -----------------------------------------------------------------------------------


@login_required
def case_detail(request, pk):
    case = selectors.access_case(user=request.user, pk=pk)
    user = request.user
    manage = access.may_manage_case(user, case)
    team = list(case.team.select_related("user"))
    expert = access.expert_of(user)
    context = {
        "case": case,
        "stages": [(code, label, i) for i, (code, label) in enumerate(Stage.choices)],
        "stage_index": Stage.values.index(case.stage),
        "manage": manage,
        "in_team": expert is not None and any(e.pk == expert.pk for e in team),
        "participant_view": access.is_participant_of(user, case) and not manage,
        "sees_office": access.sees_region(user, case.region_code),
        "may_intake": access.may_fill_intake(user, case) and case.stage in (Stage.ENROLLED, Stage.DIAGNOSIS),
        "may_visit": access.may_add_visit(user, case)
        and not case.is_closed
        and case.stage != Stage.REQUESTED,
        "may_see_ratings": access.may_see_ratings(user, case),
        "ratings": selectors.ratings_for(user=user, case=case),
        "team": team,
        "prediagnosis": list(case.prediagnosis.all()),
        "intake": [(label, case.intake.get(code) or {}) for code, label in Area.choices]
        if case.intake
        else [],
        "agreed_problems": list(case.agreed_problems.all()),
        "recommendations": list(
            case.recommendations.select_related(
                "responsible_user", "responsible_org", "target_org", "target_event"
            )
        ),
        "visits": list(case.visits.prefetch_related("attachments")),
        "status_form": forms.StatusForm(),
        "baseline_label": measures.predicate_label(
            case.baseline.get("rules") or "", case.baseline.get("predicate")
        ),
        "outcome_label": measures.predicate_label(
            case.outcome.get("rules") or "", case.outcome.get("predicate")
        ),
    }
    return render(request, "clinic/case_detail.html", context)


def _managed_case(request, pk):
    case = selectors.access_case(user=request.user, pk=pk)
    if not access.may_manage_case(request.user, case):
        raise PermissionDenied
    return case


@login_required
def case_pdf(request, pk):
    """The agreed diagnosis and the action plan, for the participant, the team and the office."""
    case = selectors.access_case(user=request.user, pk=pk)
    if case.agreed_at is None:
        raise Http404
    context = {
        "case": case,
        **letterhead_context(case.programme.office),
        "office": case.programme.office,
        "team": list(case.team.select_related("user")),
        "problems": list(case.agreed_problems.all()),
        "recommendations": list(
            case.recommendations.select_related(
                "responsible_user", "responsible_org", "target_org", "target_event"
            )
        ),
        "printed": timezone.localdate(),
    }
    response = HttpResponse(render_pdf("clinic/pdf/plan.html", context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="rencana-aksi-klinik-{case.pk}.pdf"'
    return response


@login_required
@require_POST
def case_accept(request, pk):
    case = _managed_case(request, pk)
    try:
        services.case_accept(actor=request.user, case=case)
        messages.success(request, _("Permintaan diterima: peserta terdaftar."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("clinic:case_detail", case.pk)


@login_required
@require_http_methods(["GET", "POST"])
def case_intake(request, pk):
    case = selectors.access_case(user=request.user, pk=pk)
    if not access.may_fill_intake(request.user, case):
        raise PermissionDenied
    form = forms.IntakeForm(request.POST or None, answers=case.intake)
    if request.method == "POST" and form.is_valid():
        done = _attempt(
            form, lambda: services.case_intake_save(actor=request.user, case=case, answers=form.answers())
        )
        if done is not None:
            messages.success(request, _("Kuesioner tersimpan."))
            return redirect("clinic:case_detail", case.pk)
    rows = [(form[f"{code}_felt"], form[f"{code}_note"], label) for code, label in Area.choices]
    return render(request, "clinic/intake.html", {"case": case, "form": form, "rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def case_team(request, pk):
    case = _managed_case(request, pk)
    experts = selectors.expert_list(user=request.user, office=case.programme.office).filter(is_active=True)
    form = forms.TeamForm(request.POST or None, experts=experts, initial={"experts": list(case.team.all())})
    if request.method == "POST" and form.is_valid():
        done = _attempt(
            form,
            lambda: services.case_team_assign(
                actor=request.user, case=case, experts=list(form.cleaned_data["experts"])
            ),
        )
        if done is not None:
            messages.success(request, _("Tim diagnosis disimpan."))
            return redirect("clinic:case_detail", case.pk)
    return render(
        request,
        "clinic/step_form.html",
        {"case": case, "form": form, "title": _("Tim diagnosis"), "submit": _("Simpan tim")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_rate(request, pk):
    case = selectors.access_case(user=request.user, pk=pk)
    if not access.in_team(request.user, case):
        raise PermissionDenied
    own = selectors.ratings_for(user=request.user, case=case).own
    problems = selectors.problem_list(user=request.user, office=case.programme.office, active_only=True)
    initial = (
        {"problems": list(own.problems.all()), "severity": own.severity, "comment": own.comment}
        if own
        else {}
    )
    form = forms.RatingForm(request.POST or None, problems=problems, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _attempt(
            form,
            lambda: services.rating_submit(
                actor=request.user, case=case, problems=list(data["problems"]), severity=data["severity"],
                comment=data["comment"],
            ),
        )  # fmt: skip
        if done is not None:
            messages.success(request, _("Penilaian Anda tersimpan."))
            return redirect("clinic:case_detail", case.pk)
    context = {
        "case": case,
        "form": form,
        "title": _("Penilaian Anda"),
        "submit": _("Simpan penilaian"),
        "intro": _("Nilai sendiri: penilaian anggota tim lain tidak terlihat sampai diagnosis disepakati."),
        "prediagnosis": list(case.prediagnosis.all()),
    }
    return render(request, "clinic/step_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def case_agree(request, pk):
    case = _managed_case(request, pk)
    problems = selectors.problem_list(user=request.user, office=case.programme.office, active_only=True)
    umkm = case.participant.kind == OrganizationKind.UMKM
    form = forms.AgreeForm(request.POST or None, problems=problems, umkm=umkm)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _attempt(
            form,
            lambda: services.diagnosis_agree(
                actor=request.user, case=case, problems=list(data["problems"]), note=data["note"],
                goal_kind=data.get("goal_kind", ""), goal_sales_pct=data.get("goal_sales_pct"),
            ),
        )  # fmt: skip
        if done is not None:
            messages.success(request, _("Diagnosis disepakati."))
            return redirect("clinic:case_detail", case.pk)
    context = {
        "case": case,
        "form": form,
        "title": _("Sepakati diagnosis"),
        "submit": _("Sepakati diagnosis"),
        "ratings": selectors.ratings_for(user=request.user, case=case),
        "confirm": _("Setelah disepakati, anggota tim tidak dapat mengubah penilaiannya lagi."),
    }
    return render(request, "clinic/step_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_add(request, pk):
    case = _managed_case(request, pk)
    team_users = [e.user_id for e in case.team.all()]
    people = (
        get_user_model()
        .objects.filter(
            Q(pk__in=team_users)
            | Q(memberships__organization=case.programme.office, memberships__is_active=True)
        )
        .distinct()
        .order_by("full_name")
    )
    organizations = Organization.objects.filter(
        reach_of(request.user).region_q("region") | Q(kind=OrganizationKind.BANK),
        kind__in=[OrganizationKind.BANK, OrganizationKind.COMPANY, OrganizationKind.UNIVERSITY,
                  OrganizationKind.ASSOCIATION, OrganizationKind.COOPERATIVE, OrganizationKind.OTHER],
        is_active=True,
    ).exclude(pk=case.participant_id).order_by("name")  # fmt: skip
    form = forms.RecommendationForm(
        request.POST or None, people=people, organizations=organizations, events=_events(request.user)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _attempt(form, lambda: services.recommendation_add(actor=request.user, case=case, **data))
        if done is not None:
            messages.success(request, _("Rekomendasi ditambahkan."))
            return redirect("clinic:case_detail", case.pk)
    return render(
        request,
        "clinic/step_form.html",
        {"case": case, "form": form, "title": _("Tambah rekomendasi"), "submit": _("Tambahkan")},
    )


def _events(user):
    """Training events of the user's jurisdictions a recommendation may point to."""
    from sinergi.events.models import Event

    return Event.objects.filter(reach_of(user).region_q("region")).order_by("-date")[:200]


@login_required
@require_POST
def recommendation_status(request, pk):
    reco = get_object_or_404(Recommendation, pk=pk)
    case = _managed_case(request, reco.case_id)
    form = forms.StatusForm(request.POST)
    if form.is_valid():
        try:
            services.recommendation_status_set(
                actor=request.user, recommendation=reco, status=form.cleaned_data["status"]
            )
            messages.success(request, _("Status rekomendasi disimpan."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("clinic:case_detail", case.pk)


@login_required
@require_http_methods(["GET", "POST"])
def visit_add(request, pk):
    case = selectors.access_case(user=request.user, pk=pk)
    if not access.may_add_visit(request.user, case):
        raise PermissionDenied
    form = forms.VisitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _attempt(
            form, lambda: services.visit_schedule(actor=request.user, case=case, **form.cleaned_data)
        )
        if done is not None:
            messages.success(request, _("Kunjungan dijadwalkan."))
            return redirect("clinic:case_detail", case.pk)
    return render(
        request,
        "clinic/step_form.html",
        {"case": case, "form": form, "title": _("Jadwalkan kunjungan"), "submit": _("Jadwalkan")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def visit_record(request, pk):
    visit = get_object_or_404(Visit, pk=pk)
    case = selectors.access_case(user=request.user, pk=visit.case_id)
    if not access.may_add_visit(request.user, case):
        raise PermissionDenied
    initial = {"visited_on": visit.visited_on or timezone.localdate(), "notes": visit.notes}
    form = forms.VisitRecordForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def record():
            services.visit_record(
                actor=request.user, visit=visit, visited_on=data["visited_on"], notes=data["notes"]
            )
            if data.get("file"):
                services.visit_attachment_add(actor=request.user, visit=visit, upload=data["file"])
            return visit

        if _attempt(form, record) is not None:
            messages.success(request, _("Kunjungan dicatat."))
            return redirect("clinic:case_detail", case.pk)
    context = {
        "case": case,
        "form": form,
        "title": _("Catat kunjungan"),
        "submit": _("Simpan catatan"),
        "multipart": True,
        "visit": visit,
    }
    return render(request, "clinic/step_form.html", context)


@login_required
def visit_attachment(request, pk, attachment_pk):
    visit = get_object_or_404(Visit, pk=pk)
    selectors.access_case(user=request.user, pk=visit.case_id)
    attachment = get_object_or_404(visit.attachments, pk=attachment_pk)
    return FileResponse(
        attachment.file.open("rb"), filename=attachment.name, content_type=attachment.content_type
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_close(request, pk):
    case = _managed_case(request, pk)
    form = forms.CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _attempt(
            form, lambda: services.case_close(actor=request.user, case=case, note=form.cleaned_data["note"])
        )
        if done is not None:
            messages.success(request, _("Kasus ditutup dengan hasil terukur."))
            return redirect("clinic:case_detail", case.pk)
    programme = case.programme
    preview = measures.verdict(
        baseline=case.baseline,
        after=measures.snapshot(case.participant),
        setting=measures.good_setting(programme),
        goal_kind=case.goal_kind,
        goal_sales_pct=case.goal_sales_pct,
    )
    context = {
        "case": case,
        "form": form,
        "title": _("Tutup kasus"),
        "submit": _("Tutup kasus"),
        "closing": True,
        "preview": {"label": Result(preview.result).label, "good": preview.good} if preview else None,
        "no_outcome": rules.PROBLEMS["no_outcome"],
        "confirm": _(
            "Kasus akan ditutup dengan hasil yang diukur dari data; kasus yang ditutup tidak dapat diubah lagi."
        ),
    }
    return render(request, "clinic/step_form.html", context)
