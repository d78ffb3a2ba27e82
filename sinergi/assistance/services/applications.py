"""Applications judged by the eligibility rules, and the selection rule run on them (with the
committee's overrides)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.assistance import access, eligibility, rules, selection
from sinergi.assistance.models import (
    COMPUTED_CRITERIA,
    Application,
    Criterion,
    Cycle,
    Handover,
    Package,
    Programme,
    Status,
)
from sinergi.assistance.photos import checked_photo
from sinergi.assistance.services.common import (
    _add_months,
    _locked,
    _require_run,
    _step,
    audit,
    refuse,
)
from sinergi.assistance.tallies import TallyChange
from sinergi.core.audit import snapshot
from sinergi.registry.models import BusinessProfile, Gender
from sinergi.registry.rules import digits_of, nik_problem

# --- applications -----------------------------------------------------------------------------


def address_key(address: str) -> str:
    """An address reduced for comparison: lower case, punctuation to spaces, one space between."""
    import re

    return " ".join(re.sub(r"[^\w]+", " ", (address or "").lower()).split())[:300]


def _months_operating(profile: BusinessProfile | None, on: dt.date) -> int:
    return eligibility.months_between(profile.founded_on if profile else None, on)


def _aided_recently(programme: Programme, business: Organization, nik: str, on: dt.date) -> bool:
    if not programme.aided_within_months:
        return False
    since = _add_months(on, -programme.aided_within_months)
    same = Q(application__business=business)
    if nik:
        same |= Q(application__owner_nik=nik)
    return (
        Handover.objects.filter(same, handed_on__gte=since).exclude(application__programme=programme).exists()
    )


def _nik_valid(programme: Programme, nik: str, exclude_pk=None) -> bool:
    if not programme.check_nik:
        return True
    if nik_problem(nik) is not None:
        return False
    return not Application.objects.filter(programme=programme, owner_nik=nik).exclude(pk=exclude_pk).exists()


def computed_criteria(profile: BusinessProfile | None, months: int) -> dict[str, str]:
    """The criteria read from the registry: a woman owner scores 1; the years of operating reach 1
    at five years (60 months), linearly."""
    woman = profile is not None and profile.owner_gender == Gender.FEMALE
    years = min(Decimal(months) / Decimal(60), Decimal(1)).quantize(selection.SIX_PLACES)
    return {Criterion.WOMAN_OWNER: "1" if woman else "0", Criterion.YEARS_OPERATING: str(years.normalize())}


def _criteria(entered: dict) -> dict[str, str]:
    clean = {}
    for name, raw in (entered or {}).items():
        if name not in Criterion.values or name in COMPUTED_CRITERIA:
            raise ValidationError({"criteria": _("Kriteria tidak dikenal.")})
        try:
            value = Decimal(str(raw))
        except Exception:
            raise ValidationError({name: _("Nilai harus angka antara 0 dan 1.")}) from None
        if not value.is_finite() or not Decimal(0) <= value <= Decimal(1):
            raise ValidationError({name: _("Nilai harus angka antara 0 dan 1.")})
        clean[name] = str(value.quantize(selection.SIX_PLACES).normalize())
    return clean


@transaction.atomic
def application_submit(
    *,
    actor,
    programme: Programme,
    business: Organization,
    package: Package,
    baseline_revenue: Decimal,
    criteria: dict | None = None,
    photo=None,
    applied_at: dt.datetime | None = None,
) -> Application:
    """A warung applies for one package. Outside the period or the target regions it is refused
    and nothing is stored; otherwise it is stored eligible or ineligible with its reasons."""
    if business.kind != OrganizationKind.UMKM:
        raise ValidationError({"business": _("Hanya UMKM yang terdaftar dapat mengajukan bantuan.")})
    if not access.may_apply_for(actor, programme, business):
        raise PermissionDenied(_("Anda tidak dapat mengajukan permohonan untuk warung ini."))
    programme = _locked(programme)
    if package.programme_id != programme.pk:
        raise ValidationError({"package": _("Paket ini bukan milik program ini.")})
    applied_at = applied_at or timezone.now()
    applied_on = timezone.localdate(applied_at)
    _step("apply", programme)
    problem = rules.period_problem(applied_on, programme.opens_on, programme.closes_on)
    if problem:
        raise refuse(problem, "applied_at")
    if eligibility.region_problem(business.region_id, programme.target_regions):
        raise refuse(eligibility.REGION, "business")
    if Application.objects.filter(programme=programme, business=business).exists():
        raise ValidationError({"business": _("Warung ini sudah mengajukan permohonan di program ini.")})
    if baseline_revenue is None or baseline_revenue < 0 or baseline_revenue != baseline_revenue.to_integral():
        raise ValidationError({"baseline_revenue": _("Omzet harus rupiah utuh, tidak negatif.")})
    values = _criteria(criteria or {})
    profile = BusinessProfile.objects.filter(organization=business).first()
    nik = digits_of(profile.owner_nik) if profile else ""
    months = _months_operating(profile, applied_on)
    values.update(computed_criteria(profile, months))
    application = Application(
        programme=programme,
        business=business,
        package=package,
        region_code=business.region_id,
        owner_nik=nik,
        address_key=address_key(business.address),
        applied_at=applied_at,
        applied_by=actor if getattr(actor, "pk", None) else None,
        by_owner=access.owns(actor, business.pk) and not access.may_run(actor, programme),
        criteria={name: values[name] for name in Criterion.values if name in values},
        baseline_revenue=baseline_revenue,
        scale=(profile.effective_scale if profile else "") or "",
        months_operating=months,
        aided_recently=_aided_recently(programme, business, nik, applied_on),
        nik_valid=_nik_valid(programme, nik),
    )
    if photo is not None:
        application.photo = checked_photo(photo, name="warung")
    found = _reasons(programme, application)
    application.reasons = found
    application.status = Status.INELIGIBLE if found else Status.ELIGIBLE
    application.save()
    TallyChange().created(applications=[application.pk]).apply()
    audit(
        actor=actor,
        action="application.submit",
        obj=application,
        after=snapshot(
            application, ["business", "package", "status", "reasons", "criteria", "baseline_revenue"]
        ),
        organization_id=business.pk,
    )
    return application


def _applicant(application: Application) -> selection.Applicant:
    return selection.Applicant(
        id=application.pk,
        package=application.package_id,
        region=application.region_code,
        scale=application.scale,
        months_operating=application.months_operating,
        aided_recently=application.aided_recently,
        nik_valid=application.nik_valid,
        applied_at=application.applied_at,
        criteria={k: Decimal(v) for k, v in application.criteria.items()},
    )


def _settings(programme: Programme) -> selection.Settings:
    return selection.Settings(
        budget=programme.budget,
        target_regions=tuple(programme.target_regions),
        max_scale=programme.max_scale,
        min_months_operating=programme.min_months_operating,
        weights={k: Decimal(v) for k, v in programme.weights.items()},
    )


def _reasons(programme: Programme, application: Application) -> list[str]:
    return selection.reasons_of(_settings(programme), _applicant(application))


def selection_compute(programme: Programme) -> selection.Result:
    """The rule run on the programme's stored applications (reads only)."""
    packages = [selection.Package(p.pk, p.unit_cost, p.stock) for p in programme.packages.all()]
    applicants = [_applicant(a) for a in programme.applications.all()]
    return selection.select(_settings(programme), packages, applicants)


@transaction.atomic
def selection_run(*, actor, programme: Programme) -> selection.Result:
    """Run the selection rule and store its answer (status, score, rank, reason). Allowed after the
    applications close and until the first handover; running it again replaces the stored answer
    with the rule's, committee overrides included."""
    _require_run(actor, programme)
    programme = _locked(programme)
    _step("select", programme)
    applications = {a.pk: a for a in programme.applications.select_for_update()}
    change = TallyChange().watch(applications=list(applications))
    result = selection_compute(programme)
    rank = 0
    for item in result.selected:
        rank += 1
        _store(applications[item.application], Status.SELECTED, item.score, rank, "")
    for item in result.skipped:
        rank += 1
        _store(applications[item.application], Status.SKIPPED, item.score, rank, item.reason)
    for item in result.ineligible:
        application = applications[item.application]
        application.reasons = list(item.reasons)
        _store(application, Status.INELIGIBLE, None, None, "")
    before = programme.cycle
    programme.cycle = Cycle.SELECTED
    programme.selected_at = timezone.now()
    programme.save(update_fields=["cycle", "selected_at", "updated_at"])
    change.apply()
    audit(
        actor=actor,
        action="selection.run",
        obj=programme,
        before={"cycle": before},
        after=selection.to_dict(result),
    )
    return result


def _store(application: Application, status: str, score, rank, reason: str) -> None:
    application.status, application.score, application.rank = status, score, rank
    application.skip_reason, application.override_note = reason, ""
    application.save(
        update_fields=["status", "score", "rank", "skip_reason", "override_note", "reasons", "updated_at"]
    )


def standing(programme: Programme) -> tuple[Decimal, dict[int, int]]:
    """The budget and the stock of each package left after the applications selected so far."""
    budget = programme.budget
    stock = {p.pk: p.stock for p in programme.packages.all()}
    taken = Application.objects.filter(programme=programme, status__in=(Status.SELECTED, Status.HANDED_OVER))
    for application in taken.select_related("package"):
        budget -= application.package.unit_cost
        stock[application.package_id] -= 1
    return budget, stock


@transaction.atomic
def selection_override(*, actor, application: Application, select: bool, note: str) -> Application:
    """The committee selects a skipped application or drops a selected one, with a recorded note.
    Selecting beyond the remaining budget or the package's stock is refused."""
    programme = application.programme
    _require_run(actor, programme)
    programme = _locked(programme)
    _step("override", programme)
    application = Application.objects.select_for_update().select_related("package").get(pk=application.pk)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Tulis alasan keputusan panitia.")})
    change = TallyChange().watch(applications=[application.pk])
    before = snapshot(application, ["status", "skip_reason", "override_note"])
    if select:
        if application.status == Status.INELIGIBLE:
            raise refuse("ineligible", "status")
        if application.status != Status.SKIPPED:
            raise ValidationError({"status": _("Permohonan ini sudah terpilih.")})
        budget, stock = standing(programme)
        if stock[application.package_id] <= 0:
            raise refuse("over_stock", "package")
        if application.package.unit_cost > budget:
            raise refuse("over_budget", "package")
        application.status, application.skip_reason = Status.SELECTED, ""
    else:
        if application.status != Status.SELECTED:
            raise ValidationError({"status": _("Hanya permohonan terpilih yang dapat dibatalkan.")})
        application.status, application.skip_reason = Status.SKIPPED, "override"
    application.override_note = note
    application.save(update_fields=["status", "skip_reason", "override_note", "updated_at"])
    change.apply()
    audit(actor=actor, action="selection.override", obj=application, before=before,
          after=snapshot(application, ["status", "skip_reason", "override_note"]))  # fmt: skip
    return application
