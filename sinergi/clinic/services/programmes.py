"""Programmes, experts and the catalogue of problems: the office's set-up of its clinic."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sinergi.accounts.models import OrganizationKind
from sinergi.clinic import access, rules
from sinergi.clinic.models import Area, Expert, ExpertKind, Problem, Programme, Severity
from sinergi.clinic.services.common import audit, refuse
from sinergi.core.audit import changed, snapshot

PROGRAMME_FIELDS = [
    "name",
    "start_year",
    "horizon_years",
    "target_participants",
    "target_good",
    "good_predicate_steps",
    "good_requires_rat",
    "good_sales_growth_pct",
]


def _office_check(actor, office) -> str:
    if office.kind != OrganizationKind.GOVERNMENT or not office.jurisdiction_id:
        raise ValidationError({"office": _("Program klinik dimiliki dinas dengan wilayah kerja.")})
    if not access.manages(actor, office.jurisdiction_id):
        raise PermissionDenied(_("Hanya admin dan staf dinas di wilayah kerjanya yang mengatur klinik."))
    return office.jurisdiction_id


def _check_targets(target_participants: int, target_good: int, horizon_years: int) -> None:
    problem = rules.programme_problem(target_participants=target_participants, target_good=target_good)
    if problem:
        raise refuse(problem, "target_good")
    if horizon_years < 1:
        raise ValidationError({"horizon_years": _("Jangka waktu paling sedikit satu tahun.")})


@transaction.atomic
def programme_create(
    *,
    actor,
    office,
    year: int,
    name: str,
    start_year: int | None = None,
    horizon_years: int = 5,
    target_participants: int = 30,
    target_good: int = 10,
    good_predicate_steps: int = 1,
    good_requires_rat: bool = True,
    good_sales_growth_pct: Decimal = Decimal("10"),
) -> Programme:
    """Open the office's clinic programme for a year, with its targets and its meaning of "good"."""
    region = _office_check(actor, office)
    _check_targets(target_participants, target_good, horizon_years)
    if Programme.objects.filter(office=office, year=year).exists():
        raise ValidationError(
            {"year": _("Dinas ini sudah punya program klinik untuk tahun %(y)s.") % {"y": year}}
        )
    programme = Programme.objects.create(
        office=office,
        region_code=region,
        year=year,
        name=name.strip(),
        start_year=start_year or year,
        horizon_years=horizon_years,
        target_participants=target_participants,
        target_good=target_good,
        good_predicate_steps=good_predicate_steps,
        good_requires_rat=good_requires_rat,
        good_sales_growth_pct=good_sales_growth_pct,
    )
    audit(
        actor=actor,
        action="programme.create",
        obj=programme,
        after=snapshot(programme),
        organization_id=office.pk,
    )
    return programme


@transaction.atomic
def programme_update(*, actor, programme: Programme, **values) -> Programme:
    """Change a programme's name, targets or "good" setting; the year and office stay."""
    _office_check(actor, programme.office)
    unknown = set(values) - set(PROGRAMME_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    before = snapshot(programme, PROGRAMME_FIELDS)
    for field, value in values.items():
        setattr(programme, field, value)
    _check_targets(programme.target_participants, programme.target_good, programme.horizon_years)
    old, new = changed(before, snapshot(programme, PROGRAMME_FIELDS))
    if not new:
        return programme
    programme.save()
    audit(actor=actor, action="programme.update", obj=programme, before=old, after=new)
    return programme


@transaction.atomic
def expert_register(*, actor, office, user, kind: str, areas: list[str], affiliation: str = "") -> Expert:
    """Register (or update) a person as one of the office's clinic experts."""
    region = _office_check(actor, office)
    if kind not in ExpertKind.values:
        raise ValidationError({"kind": _("Jenis pakar tidak dikenal.")})
    bad = [a for a in areas if a not in Area.values]
    if bad or not areas:
        raise ValidationError({"areas": _("Pilih paling sedikit satu bidang keahlian yang dikenal.")})
    areas = [a for a in Area.values if a in areas]
    expert = Expert.objects.filter(user=user).first()
    before = snapshot(expert, ["kind", "areas", "affiliation", "is_active"]) if expert else None
    if expert is not None and expert.office_id != office.pk:
        raise ValidationError({"user": _("Orang ini sudah terdaftar sebagai pakar dinas lain.")})
    if expert is None:
        expert = Expert(user=user, office=office, region_code=region)
    expert.kind, expert.areas, expert.affiliation, expert.is_active = kind, areas, affiliation.strip(), True
    expert.save()
    after = snapshot(expert, ["kind", "areas", "affiliation", "is_active"])
    audit(
        actor=actor,
        action="expert.register" if before is None else "expert.update",
        obj=expert,
        before=before,
        after=after,
        organization_id=office.pk,
    )
    return expert


@transaction.atomic
def problem_save(
    *,
    actor,
    office,
    code: str,
    name: str,
    area: str,
    severity: int,
    description: str = "",
    is_active: bool = True,
    problem: Problem | None = None,
) -> Problem:
    """Add a problem ("penyakit") to the office's catalogue, or change one."""
    region = _office_check(actor, office)
    code = code.strip().upper()
    if not code or not name.strip():
        raise ValidationError({"code": _("Kode dan nama penyakit wajib diisi.")})
    if area not in Area.values:
        raise ValidationError({"area": _("Bidang tidak dikenal.")})
    if severity not in Severity.values:
        raise ValidationError({"severity": _("Tingkat keparahan tidak dikenal.")})
    clash = Problem.objects.filter(office=office, code=code).exclude(pk=getattr(problem, "pk", None))
    if clash.exists():
        raise ValidationError({"code": _("Kode %(code)s sudah dipakai di katalog.") % {"code": code}})
    fields = ["code", "name", "area", "severity", "description", "is_active"]
    before = snapshot(problem, fields) if problem else None
    if problem is None:
        problem = Problem(office=office, region_code=region)
    elif problem.office_id != office.pk:
        raise PermissionDenied(_("Penyakit ini milik katalog dinas lain."))
    problem.code, problem.name, problem.area, problem.severity = code, name.strip(), area, severity
    problem.description, problem.is_active = description.strip(), is_active
    after = snapshot(problem, fields)
    if before is not None:
        before, after = changed(before, after)
        if not after:
            return problem
    problem.save()
    audit(
        actor=actor,
        action="problem.create" if before is None else "problem.update",
        obj=problem,
        before=before,
        after=after,
        organization_id=office.pk,
    )
    return problem
