"""A case from intake to an agreed diagnosis: request, enrolment, intake questionnaire, the team,
the independent ratings and the agreement."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.clinic import access, measures, rules, tallies
from sinergi.clinic.models import Area, Case, Expert, PreDiagnosis, Problem, Programme, Rating, Source, Stage
from sinergi.clinic.services.common import audit, refuse


def _step(case: Case, step: str) -> None:
    problem = rules.transition_problem(step, case.stage)
    if problem:
        raise refuse(problem, "stage")


def programme_for(organization, year: int) -> Programme | None:
    """The programme of `year` whose jurisdiction holds the organisation (the nearest office)."""
    code = organization.region_id or ""
    candidates = [
        p
        for p in Programme.objects.filter(year=year)
        if code == p.region_code or code.startswith(p.region_code + ".")
    ]
    return max(candidates, key=lambda p: len(p.region_code), default=None)


def _check_participant(programme: Programme, organization) -> None:
    if not access.takes_part(organization):
        raise refuse("not_participant", "participant")
    code = organization.region_id or ""
    if not (code == programme.region_code or code.startswith(programme.region_code + ".")):
        raise ValidationError({"participant": _("Peserta berada di luar wilayah program ini.")})
    if Case.objects.filter(programme=programme, participant=organization).exists():
        raise refuse("already_in_programme", "participant")


def _fill_prediagnosis(case: Case, today: dt.date) -> int:
    case.prediagnosis.all().delete()
    items = measures.prediagnosis(case.participant, today)
    PreDiagnosis.objects.bulk_create([PreDiagnosis(case=case, **item) for item in items])
    return len(items)


def _start(case: Case, *, actor, enrolled_on: dt.date, evidence: list[dict]) -> None:
    case.stage = Stage.ENROLLED
    case.enrolled_on = enrolled_on
    case.enrolled_by = actor if getattr(actor, "pk", None) else None
    case.evidence = evidence
    case.baseline = measures.snapshot(case.participant, enrolled_on)
    case.save()
    _fill_prediagnosis(case, enrolled_on)


@transaction.atomic
def case_enrol(
    *,
    actor,
    programme: Programme,
    participant,
    source: str,
    enrolled_on: dt.date | None = None,
) -> Case:
    """Enrol a cooperative or UMKM in the programme, from the early-warning list (its signals kept
    as evidence) or from a registry search. Its baseline and pre-diagnosis come from the data."""
    if not access.may_enrol(actor, participant.region_id or "") or not access.manages(
        actor, programme.region_code
    ):
        raise PermissionDenied(_("Hanya admin dan staf dinas di wilayah kerjanya yang mendaftarkan peserta."))
    if source not in (Source.EARLY_WARNING, Source.REGISTRY):
        raise ValidationError({"source": _("Jalur masuk tidak dikenal.")})
    _check_participant(programme, participant)
    enrolled_on = enrolled_on or timezone.localdate()
    evidence = (
        measures.early_warning_signals(actor=actor, organization=participant)
        if source == Source.EARLY_WARNING
        else []
    )
    case = Case(
        programme=programme, participant=participant, region_code=participant.region_id, source=source
    )
    _start(case, actor=actor, enrolled_on=enrolled_on, evidence=evidence)
    tallies.TallyChange().created(cases=[case.pk]).apply()
    audit(
        actor=actor,
        action="case.enrol",
        obj=case,
        after={
            "stage": case.stage,
            "source": source,
            "enrolled_on": enrolled_on,
            "evidence": [e["code"] for e in evidence],
        },
        organization_id=participant.pk,
    )
    return case


@transaction.atomic
def case_request(*, actor, participant, note: str = "", year: int | None = None) -> Case:
    """A participant asks to join its office's clinic programme of the year (from its home page)."""
    if not access.may_request(actor, participant):
        raise PermissionDenied(_("Hanya pengurus koperasi atau pemilik usaha yang dapat meminta klinik."))
    year = year or timezone.localdate().year
    programme = programme_for(participant, year)
    if programme is None:
        raise ValidationError(
            {"__all__": _("Belum ada program klinik untuk wilayah Anda tahun %(y)s.") % {"y": year}}
        )
    _check_participant(programme, participant)
    case = Case.objects.create(
        programme=programme,
        participant=participant,
        region_code=participant.region_id,
        stage=Stage.REQUESTED,
        source=Source.REQUEST,
        requested_at=timezone.now(),
        request_note=note.strip(),
    )
    tallies.TallyChange().created(cases=[case.pk]).apply()
    audit(
        actor=actor,
        action="case.request",
        obj=case,
        after={"stage": case.stage},
        organization_id=participant.pk,
    )
    return case


@transaction.atomic
def case_accept(*, actor, case: Case, enrolled_on: dt.date | None = None) -> Case:
    """The office accepts a participant's request: the case is enrolled."""
    if not access.may_manage_case(actor, case):
        raise PermissionDenied(_("Hanya admin dan staf dinas di wilayah kerjanya yang mendaftarkan peserta."))
    _step(case, "enrol")
    before = {"stage": case.stage}
    change = tallies.TallyChange().watch(cases=[case.pk])
    _start(case, actor=actor, enrolled_on=enrolled_on or timezone.localdate(), evidence=[])
    change.apply()
    audit(
        actor=actor,
        action="case.enrol",
        obj=case,
        before=before,
        after={"stage": case.stage, "enrolled_on": case.enrolled_on},
        organization_id=case.participant_id,
    )
    return case


@transaction.atomic
def case_prediagnosis_refresh(*, actor, case: Case) -> int:
    """Compute the pre-diagnosis again from today's data (before the team agrees)."""
    if not access.may_manage_case(actor, case):
        raise PermissionDenied(_("Hanya admin dan staf dinas di wilayah kerjanya yang dapat melakukannya."))
    if case.stage not in (Stage.ENROLLED, Stage.DIAGNOSIS):
        raise refuse("stage", "stage")
    before = case.prediagnosis.count()
    found = _fill_prediagnosis(case, timezone.localdate())
    audit(actor=actor, action="case.prediagnosis", obj=case, before={"items": before}, after={"items": found})
    return found


@transaction.atomic
def case_intake_save(*, actor, case: Case, answers: dict[str, dict]) -> Case:
    """The intake questionnaire of problems felt, per area: {"felt": bool, "note": str}."""
    if not access.may_fill_intake(actor, case):
        raise PermissionDenied(_("Kuesioner diisi oleh peserta sendiri atau petugas dinas."))
    if case.stage not in (Stage.ENROLLED, Stage.DIAGNOSIS):
        raise refuse("closed" if case.is_closed else "stage", "stage")
    cleaned = {}
    for area in Area.values:
        given = answers.get(area) or {}
        cleaned[area] = {"felt": bool(given.get("felt")), "note": str(given.get("note") or "").strip()[:500]}
    before = case.intake
    if cleaned == before:
        return case
    case.intake = cleaned
    case.intake_at = timezone.now()
    case.save(update_fields=["intake", "intake_at", "updated_at"])
    audit(actor=actor, action="case.intake", obj=case, before={"intake": before}, after={"intake": cleaned})
    return case


@transaction.atomic
def case_team_assign(*, actor, case: Case, experts: list[Expert]) -> Case:
    """Name the diagnosis team: experts of the programme's office. Once the team diagnoses, a
    member who already rated stays on it."""
    if not access.may_manage_case(actor, case):
        raise PermissionDenied(_("Hanya admin dan staf dinas di wilayah kerjanya yang menyusun tim."))
    _step(case, "assign_team")
    experts = list({e.pk: e for e in experts}.values())
    if not experts:
        raise refuse("empty_team", "experts")
    if any(e.office_id != case.programme.office_id or not e.is_active for e in experts):
        raise ValidationError({"experts": _("Pilih pakar aktif dari dinas penyelenggara program.")})
    rated = set(case.ratings.values_list("expert_id", flat=True))
    if rated - {e.pk for e in experts}:
        raise ValidationError({"experts": _("Pakar yang sudah menilai tidak dapat dikeluarkan dari tim.")})
    before = {"team": sorted(case.team.values_list("pk", flat=True)), "stage": case.stage}
    change = tallies.TallyChange().watch(cases=[case.pk])
    case.team.set(experts)
    case.stage = rules.next_stage("assign_team")
    case.save(update_fields=["stage", "updated_at"])
    change.apply()
    audit(
        actor=actor,
        action="case.team",
        obj=case,
        before=before,
        after={"team": sorted(e.pk for e in experts), "stage": case.stage},
    )
    return case


@transaction.atomic
def rating_submit(*, actor, case: Case, problems: list[Problem], severity: int, comment: str = "") -> Rating:
    """A team member's own diagnosis, written without seeing the others'; changeable until the
    team agrees, refused after."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    expert = access.expert_of(actor)
    in_team = expert is not None and case.team.filter(pk=expert.pk).exists()
    if not in_team and not access.may_view_case(actor, case):
        raise PermissionDenied(_("Kasus ini tidak ditugaskan kepada Anda."))
    problem = rules.rating_problem(stage=case.stage, agreed=case.agreed_at is not None, in_team=in_team)
    if problem:
        raise refuse(problem, "__all__")
    if severity not in (1, 2, 3):
        raise ValidationError({"severity": _("Tingkat masalah tidak dikenal.")})
    if any(p.office_id != case.programme.office_id for p in problems):
        raise ValidationError({"problems": _("Pilih penyakit dari katalog dinas penyelenggara.")})
    rating = Rating.objects.filter(case=case, expert=expert).first()
    before = None
    if rating is not None:
        before = {
            "severity": rating.severity,
            "problems": sorted(rating.problems.values_list("pk", flat=True)),
            "comment": rating.comment,
        }
    else:
        rating = Rating(case=case, expert=expert)
    rating.severity, rating.comment = severity, comment.strip()
    rating.save()
    rating.problems.set(problems)
    audit(
        actor=actor,
        action="rating.submit",
        obj=rating,
        before=before,
        after={"severity": severity, "problems": sorted(p.pk for p in problems), "comment": rating.comment},
        region_code=case.region_code,
    )
    return rating


@transaction.atomic
def diagnosis_agree(
    *,
    actor,
    case: Case,
    problems: list[Problem],
    note: str,
    goal_kind: str = "",
    goal_sales_pct=None,
) -> Case:
    """The team's agreed diagnosis, recorded by the office: the ratings are closed from now on.
    For a UMKM it also fixes the plan's measurable goal."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not access.may_manage_case(actor, case):
        raise PermissionDenied(_("Diagnosis disepakati dan dicatat oleh admin atau staf dinas."))
    problem = rules.agree_problem(stage=case.stage, ratings=case.ratings.count(), problems=len(problems))
    if problem:
        raise refuse(problem, "problems" if problem == "no_problems" else "__all__")
    if any(p.office_id != case.programme.office_id for p in problems):
        raise ValidationError({"problems": _("Pilih penyakit dari katalog dinas penyelenggara.")})
    if case.participant.kind == "umkm" and goal_kind not in ("sales", "legality"):
        raise ValidationError({"goal_kind": _("Tentukan sasaran terukur rencana aksi usaha.")})
    change = tallies.TallyChange().watch(cases=[case.pk])
    case.agreed_problems.set(problems)
    case.diagnosis_note = note.strip()
    case.agreed_at = timezone.now()
    case.goal_kind = goal_kind or ""
    case.goal_sales_pct = goal_sales_pct if goal_kind == "sales" else None
    before = {"stage": case.stage}
    case.stage = rules.next_stage("agree")
    case.save()
    change.apply()
    audit(
        actor=actor,
        action="diagnosis.agree",
        obj=case,
        before=before,
        after={
            "stage": case.stage,
            "problems": sorted(p.pk for p in problems),
            "goal_kind": case.goal_kind,
            "goal_sales_pct": case.goal_sales_pct,
        },
    )
    return case
