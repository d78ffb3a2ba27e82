"""Partnership pages: agreements and their obligations, scorecards, referrals and matchmaking."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.accounts.scoping import reach_of
from sinergi.accounts.selectors import letterhead_context
from sinergi.core.forms import apply_errors
from sinergi.partnerships import access, forms, selectors, services
from sinergi.partnerships.measures import is_computed
from sinergi.partnerships.models import AgreementDocument, AgreementStatus, LendingCriteria, Party, Scope
from sinergi.partnerships.pdf import render_pdf


def _attempt(form, call):
    """Run a service for a valid form; its refusal lands on the form. Returns the result or None."""
    try:
        return call()
    except ValidationError as exc:
        apply_errors(form, exc)
        return None


def _networks(user):
    from sinergi.registry.models import Network

    reach = reach_of(user)
    return Network.objects.filter(reach.region_q("region"), is_active=True).order_by("name")


# --- agreements -------------------------------------------------------------------------------


@login_required
def index(request):
    """The agreements the user reaches, newest first, with filters by status and scope."""
    status = request.GET.get("status", "")
    scope = request.GET.get("lingkup", "")
    status = status if status in AgreementStatus.values else ""
    scope = scope if scope in Scope.values else ""
    agreements = selectors.agreement_list(user=request.user, status=status, scope=scope)
    context = {
        "page_obj": Paginator(agreements, 25).get_page(request.GET.get("page")),
        "statuses": AgreementStatus.choices,
        "scopes": Scope.choices,
        "status": status,
        "scope": scope,
        "may_record": access.may_record(request.user),
        "is_officer": access.is_officer(request.user),
        "partner_ids": access.partner_organization_ids(request.user),
        "own": list(
            Organization.objects.filter(pk__in=access.own_organization_ids(request.user)).order_by("name")
        ),
    }
    return render(request, "partnerships/index.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create(request):
    if not access.may_record(request.user):
        raise PermissionDenied
    initial = {"kind": "mou", "start_on": timezone.localdate()}
    for name in forms.PARTY_FIELDS[:2]:
        if request.GET.get(name, "").isdigit():
            initial[name] = int(request.GET[name])
    form = forms.AgreementForm(
        request.POST or None,
        initial=initial,
        offices=selectors.offices_run(user=request.user),
        organizations=selectors.party_choices(user=request.user),
        networks=_networks(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        agreement = _attempt(
            form,
            lambda: services.agreement_create(
                actor=request.user,
                office=data["office"],
                kind=data["kind"],
                title=data["title"],
                number=data["number"],
                purpose=data["purpose"],
                start_on=data["start_on"],
                end_on=data["end_on"],
                scopes=data["scopes"],
                parties=form.parties(),
                network=data["network"],
            ),
        )
        if agreement is not None:
            messages.success(request, _("Perjanjian dicatat sebagai konsep."))
            return redirect("partnerships:agreement_detail", agreement.pk)
    return render(request, "partnerships/agreement_form.html", {"form": form})


@login_required
def agreement_detail(request, pk):
    agreement = selectors.access_agreement(user=request.user, pk=pk)
    user = request.user
    manages = access.manages_agreement(user, agreement)
    parties = list(agreement.parties.all())
    obligations = selectors.obligations_of(agreement)
    context = {
        "agreement": agreement,
        "parties": [(p, access.may_sign(user, p) and agreement.status == "draft") for p in parties],
        "obligations": [(o, selectors.explanation_text(o), is_computed(o.measure)) for o in obligations],
        "documents": list(agreement.documents.all()),
        "manages": manages,
        "is_draft": agreement.status == "draft",
        "may_end": manages and agreement.status in ("signed", "active"),
        "party_form": forms.PartyForm(organizations=selectors.party_choices(user=user)) if manages else None,
        "document_form": forms.DocumentForm(),
        "may_document": manages or any(access.acts_for(user, p.organization_id) for p in parties),
    }
    return render(request, "partnerships/agreement_detail.html", context)


@login_required
@require_POST
def party_add(request, pk):
    agreement = selectors.access_agreement(user=request.user, pk=pk)
    form = forms.PartyForm(request.POST, organizations=selectors.party_choices(user=request.user))
    if form.is_valid():
        try:
            services.party_add(
                actor=request.user, agreement=agreement, organization=form.cleaned_data["organization"]
            )
            messages.success(request, _("Pihak ditambahkan."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Pilih organisasi yang akan ditambahkan."))
    return redirect("partnerships:agreement_detail", agreement.pk)


@login_required
@require_http_methods(["GET", "POST"])
def party_sign(request, pk, party_pk):
    agreement = selectors.access_agreement(user=request.user, pk=pk)
    party = get_object_or_404(Party.objects.select_related("organization"), pk=party_pk, agreement=agreement)
    if not access.may_sign(request.user, party):
        raise PermissionDenied
    form = forms.SignForm(
        request.POST or None,
        initial={"signatory_name": party.signatory_name, "signatory_title": party.signatory_title,
                 "signed_on": party.signed_on or timezone.localdate()},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        done = _attempt(
            form, lambda: services.party_sign(actor=request.user, party=party, **form.cleaned_data)
        )
        if done is not None:
            messages.success(request, _("Tanda tangan %(name)s dicatat.") % {"name": party.organization.name})
            return redirect("partnerships:agreement_detail", agreement.pk)
    return render(
        request,
        "partnerships/step_form.html",
        {"form": form, "agreement": agreement, "heading": _("Tanda tangan %(name)s") % {"name": party.organization.name},
         "submit": _("Catat tanda tangan")},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def agreement_terminate(request, pk):
    agreement = selectors.access_agreement(user=request.user, pk=pk)
    if not access.manages_agreement(request.user, agreement):
        raise PermissionDenied
    form = forms.TerminateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _attempt(
            form,
            lambda: services.agreement_terminate(
                actor=request.user, agreement=agreement, **form.cleaned_data
            ),
        )
        if done is not None:
            messages.success(request, _("Perjanjian diakhiri."))
            return redirect("partnerships:agreement_detail", agreement.pk)
    return render(
        request,
        "partnerships/step_form.html",
        {"form": form, "agreement": agreement, "heading": _("Akhiri perjanjian"), "submit": _("Akhiri perjanjian"),
         "confirm": _("Perjanjian akan diakhiri sekarang. Kewajiban yang belum tercapai dihitung tidak tercapai.")},
    )  # fmt: skip


@login_required
@require_POST
def document_add(request, pk):
    agreement = selectors.access_agreement(user=request.user, pk=pk)
    form = forms.DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_add(
                actor=request.user,
                agreement=agreement,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
            messages.success(request, _("Dokumen dilampirkan."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Pilih berkas PDF."))
    return redirect("partnerships:agreement_detail", agreement.pk)


@login_required
def document_download(request, pk, document_pk):
    agreement = selectors.access_agreement(user=request.user, pk=pk)
    document = get_object_or_404(AgreementDocument, pk=document_pk, agreement=agreement)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=f"{document.title[:80]}.pdf",
                        content_type="application/pdf")  # fmt: skip


@login_required
def agreement_pdf(request, pk):
    """The agreement's summary on the recording office's letterhead."""
    agreement = selectors.access_agreement(user=request.user, pk=pk)
    context = {
        "agreement": agreement,
        "parties": list(agreement.parties.all()),
        "obligations": selectors.obligations_of(agreement),
        **letterhead_context(agreement.office),
        "office": agreement.office,
        "printed": timezone.localdate(),
    }
    response = HttpResponse(
        render_pdf("partnerships/pdf/summary.html", context), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="ringkasan-perjanjian-{agreement.pk}.pdf"'
    return response


# --- obligations ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def obligation_add(request, pk):
    agreement = selectors.access_agreement(user=request.user, pk=pk)
    if not access.manages_agreement(request.user, agreement):
        raise PermissionDenied
    form = forms.ObligationForm(
        request.POST or None,
        parties=agreement.parties.select_related("organization"),
        initial={"due_on": agreement.end_on},
    )
    if request.method == "POST" and form.is_valid():
        done = _attempt(
            form,
            lambda: services.obligation_add(actor=request.user, agreement=agreement, **form.cleaned_data),
        )
        if done is not None:
            messages.success(request, _("Kewajiban ditambahkan."))
            return redirect("partnerships:agreement_detail", agreement.pk)
    return render(
        request,
        "partnerships/step_form.html",
        {
            "form": form,
            "agreement": agreement,
            "heading": _("Kewajiban baru"),
            "submit": _("Simpan kewajiban"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def obligation_detail(request, pk):
    obligation = selectors.access_obligation(user=request.user, pk=pk)
    computed = is_computed(obligation.measure)
    may_report = access.may_report(request.user, obligation) and not computed
    form = forms.ProgressForm(
        request.POST or None, request.FILES or None, initial={"recorded_on": timezone.localdate()}
    )
    if request.method == "POST":
        if not may_report:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            done = _attempt(
                form,
                lambda: services.progress_add(
                    actor=request.user, obligation=obligation, recorded_on=data["recorded_on"],
                    amount=data["amount"], note=data["note"], upload=data["file"],
                ),
            )  # fmt: skip
            if done is not None:
                messages.success(request, _("Capaian dicatat."))
                return redirect("partnerships:obligation_detail", obligation.pk)
    context = {
        "obligation": obligation,
        "agreement": obligation.agreement,
        "explanation": selectors.explanation_text(obligation),
        "computed": computed,
        "entries": list(obligation.entries.all()),
        "form": form if may_report else None,
    }
    return render(request, "partnerships/obligation_detail.html", context)


@login_required
def evidence_download(request, pk, entry_pk):
    obligation = selectors.access_obligation(user=request.user, pk=pk)
    entry = get_object_or_404(obligation.entries, pk=entry_pk)
    if not entry.file:
        raise Http404
    return FileResponse(entry.file.open("rb"), as_attachment=True)


# --- scorecards -------------------------------------------------------------------------------


@login_required
def scorecard_list(request):
    orgs = selectors.scorecard_organizations(user=request.user)
    return render(
        request,
        "partnerships/scorecard_list.html",
        {"page_obj": Paginator(orgs, 50).get_page(request.GET.get("page"))},
    )


@login_required
def scorecard(request, org_pk):
    organization = selectors.access_organization(user=request.user, pk=org_pk)
    card = selectors.scorecard(user=request.user, organization=organization)
    may_set_criteria = organization.kind == OrganizationKind.BANK and (
        access.acts_for(request.user, organization.pk)
        or access.manages_organization(request.user, organization)
    )
    return render(
        request, "partnerships/scorecard.html", {"card": card, "may_set_criteria": may_set_criteria}
    )


@login_required
@require_http_methods(["GET", "POST"])
def lending_criteria_edit(request, bank_pk):
    """What the bank lends to, which its matchmaking reads: set by its staff or its region's office."""
    bank = get_object_or_404(Organization, pk=bank_pk, kind=OrganizationKind.BANK)
    if not (access.acts_for(request.user, bank.pk) or access.manages_organization(request.user, bank)):
        raise Http404
    stored = LendingCriteria.objects.filter(bank=bank).first()
    initial = {
        "scales": stored.scales if stored else [],
        "kbli_prefixes": ", ".join(stored.kbli_prefixes) if stored else "",
        "predicates": stored.predicates if stored else [],
    }
    form = forms.LendingCriteriaForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = _attempt(
            form, lambda: services.lending_criteria_set(actor=request.user, bank=bank, **form.cleaned_data)
        )
        if done is not None:
            messages.success(request, _("Kriteria pembiayaan disimpan."))
            return redirect("partnerships:scorecard", bank.pk)
    return render(
        request,
        "partnerships/step_form.html",
        {
            "form": form,
            "heading": _("Kriteria pembiayaan %(name)s") % {"name": bank.name},
            "submit": _("Simpan"),
        },
    )


# --- referrals --------------------------------------------------------------------------------


@login_required
def referral_list(request):
    user = request.user
    referrals = selectors.referral_list(user=user)
    rows = [
        (r, access.may_answer_referral(user, r) and r.status in ("sent", "accepted")) for r in referrals[:200]
    ]
    return render(
        request,
        "partnerships/referral_list.html",
        {"rows": rows, "may_record": access.may_record(user), "answer_form": forms.AnswerForm()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def referral_create(request):
    if not access.may_record(request.user):
        raise PermissionDenied
    reach = reach_of(request.user)
    organizations = Organization.objects.filter(
        reach.writable_region_q("region"), kind__in=[OrganizationKind.UMKM, OrganizationKind.COOPERATIVE],
        is_active=True,
    ).order_by("name")  # fmt: skip
    partners = selectors.party_choices(user=request.user).exclude(kind=OrganizationKind.GOVERNMENT)
    initial = {
        key: int(request.GET[key])
        for key in ("organization", "partner")
        if request.GET.get(key, "").isdigit()
    }
    if request.GET.get("scope") in Scope.values:
        initial["scope"] = request.GET["scope"]
    form = forms.ReferralForm(
        request.POST or None, initial=initial, offices=selectors.offices_run(user=request.user),
        organizations=organizations, partners=partners,
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        done = _attempt(form, lambda: services.referral_send(actor=request.user, **form.cleaned_data))
        if done is not None:
            messages.success(request, _("Rujukan dikirim."))
            return redirect("partnerships:referral_list")
    return render(
        request,
        "partnerships/step_form.html",
        {"form": form, "heading": _("Rujukan baru"), "submit": _("Kirim rujukan")},
    )


@login_required
@require_POST
def referral_answer(request, pk):
    referral = selectors.access_referral(user=request.user, pk=pk)
    form = forms.AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih jawaban."))
        return redirect("partnerships:referral_list")
    try:
        services.referral_answer(actor=request.user, referral=referral, **form.cleaned_data)
        messages.success(request, _("Jawaban rujukan dicatat."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("partnerships:referral_list")


# --- matchmaking ------------------------------------------------------------------------------


def _seekers(user):
    reach = reach_of(user)
    kinds = [OrganizationKind.UMKM, OrganizationKind.COOPERATIVE, OrganizationKind.BANK]
    q = reach.region_q("region")
    own = access.own_organization_ids(user)
    if own:
        from django.db.models import Q

        q |= Q(pk__in=own)
    return Organization.objects.filter(q, kind__in=kinds, is_active=True, merged_into__isnull=True).order_by(
        "name"
    )


@login_required
def matches(request):
    """Suggested partners for a UMKM, a cooperative or a bank, with the reasons of each score."""
    form = forms.MatchSearchForm(request.GET or None, seekers=_seekers(request.user))
    found, seeker, needs = [], None, frozenset()
    if form.is_valid():
        seeker = form.cleaned_data["seeker"]
        needs = frozenset(form.cleaned_data["needs"])
        found = selectors.matches_for(user=request.user, seeker=seeker, needs=needs)
    context = {
        "form": form,
        "seeker": seeker,
        "found": found,
        "needs": sorted(needs),
        "may_decide": seeker is not None and access.manages_organization(request.user, seeker),
    }
    return render(request, "partnerships/matches.html", context)


@login_required
@require_POST
def match_decide(request, seeker_pk):
    """Accept a match (then draft an agreement or a referral from it) or refuse it."""
    seeker = selectors.access_organization(user=request.user, pk=seeker_pk)
    needs = frozenset(n for n in request.POST.getlist("needs") if n in Scope.values)
    found = {m["id"]: m for m in selectors.matches_for(user=request.user, seeker=seeker, needs=needs)}
    match = found.get(int(request.POST.get("candidate", "0") or 0))
    then = request.POST.get("then", "")
    if match is None:
        raise Http404
    decision = "refused" if then == "refuse" else "accepted"
    candidate = Organization.objects.get(pk=match["id"])
    services.match_decide(
        actor=request.user, seeker=seeker, candidate=candidate, score=match["score"],
        reasons=[(r["points"], r["code"]) for r in match["reasons"]], decision=decision,
    )  # fmt: skip
    if then == "agreement":
        return redirect(f"{_url('partnerships:agreement_create')}?party_1={seeker.pk}&party_2={candidate.pk}")
    if then == "referral":
        scope = "capital" if candidate.kind == OrganizationKind.BANK else "marketing"
        org, partner = (seeker, candidate) if seeker.kind != OrganizationKind.BANK else (candidate, seeker)
        return redirect(
            f"{_url('partnerships:referral_create')}?organization={org.pk}&partner={partner.pk}&scope={scope}"
        )
    messages.success(request, _("Pasangan ini ditolak dan dicatat."))
    query = "&".join([f"seeker={seeker.pk}", *[f"needs={n}" for n in sorted(needs)]])
    return redirect(f"{_url('partnerships:matches')}?{query}")


def _url(name: str) -> str:
    from django.urls import reverse

    return reverse(name)
