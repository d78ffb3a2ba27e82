"""The clinic API at /api/v1/clinic/: programmes with their progress, and cases through their
loop (enrol, team, ratings, agreement, recommendations, visits, close), scoped like the pages.

Errors follow the project's shape: `{"detail": …, "errors": {field: [messages]}}`.
"""

# No `from __future__ import annotations`: django-ninja reads the parameters of a paginated
# operation through its wrapper, whose module cannot resolve names given as strings.

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from sinergi.accounts.models import Organization
from sinergi.accounts.scoping import reach_of
from sinergi.clinic import selectors, services
from sinergi.clinic.models import Expert, Problem, Recommendation, Stage, Visit
from sinergi.core.paging import ApiPagination
from sinergi.core.schemas import Id, Line, Lines, errors

# A programme year as a filter: out-of-range numbers are refused, never passed to the database.
Year = Annotated[int, Field(ge=2000, le=2100)]

router = Router(tags=["clinic"])


class ProgressOut(Schema):
    target_participants: int
    target_good: int
    participants: int
    closed: int
    good: int
    improved: int
    unchanged: int
    worse: int


class ProgrammeOut(Schema):
    id: int
    name: str
    office_id: int
    year: int
    start_year: int
    horizon_years: int
    target_participants: int
    target_good: int


class ProgrammeDetailOut(ProgrammeOut):
    progress: ProgressOut


class RecommendationOut(Schema):
    id: int
    kind: str
    description: str
    responsible: str
    responsible_user_id: int | None
    responsible_org_id: int | None
    target_org_id: int | None
    target_event_id: int | None
    due_on: dt.date
    status: str
    done_on: dt.date | None


class VisitOut(Schema):
    id: int
    planned_on: dt.date
    visited_on: dt.date | None
    purpose: str
    notes: str


class CaseOut(Schema):
    id: int
    programme_id: int
    participant_id: int
    participant_name: str
    stage: str
    source: str
    enrolled_on: dt.date | None
    result: str
    good: bool | None

    @staticmethod
    def resolve_participant_name(obj):
        return obj.participant.name


class CaseDetailOut(CaseOut):
    team: list[int]
    evidence: list[dict]
    prediagnosis: list[dict]
    intake: dict
    agreed_problems: list[str]
    diagnosis_note: str
    recommendations: list[RecommendationOut]
    visits: list[VisitOut]
    baseline: dict
    outcome: dict

    @staticmethod
    def resolve_team(obj):
        return sorted(obj.team.values_list("pk", flat=True))

    @staticmethod
    def resolve_prediagnosis(obj):
        return [
            {"kind": item.kind, "area": item.area, "label": item.label, "detail": item.detail,
             "evidence_url": item.evidence_url}
            for item in obj.prediagnosis.all()
        ]  # fmt: skip

    @staticmethod
    def resolve_agreed_problems(obj):
        return [p.code for p in obj.agreed_problems.all()]

    @staticmethod
    def resolve_recommendations(obj):
        return list(obj.recommendations.all())

    @staticmethod
    def resolve_visits(obj):
        return list(obj.visits.all())


class EnrolIn(Schema):
    programme_id: Id
    participant_id: Id
    source: Line = "registry"
    enrolled_on: dt.date | None = None


class TeamIn(Schema):
    expert_ids: list[Id]


class RatingIn(Schema):
    problem_ids: list[Id] = []
    severity: int
    comment: Lines = ""


class AgreeIn(Schema):
    problem_ids: list[Id]
    note: Lines = ""
    goal_kind: Line = ""
    goal_sales_pct: Decimal | None = None


class RecommendationIn(Schema):
    kind: Line
    description: Lines
    responsible: Line
    due_on: dt.date
    responsible_user_id: Id | None = None
    responsible_org_id: Id | None = None
    target_org_id: Id | None = None


class VisitIn(Schema):
    planned_on: dt.date
    purpose: Line


class CloseIn(Schema):
    note: Lines = ""


class IntakeAnswer(Schema):
    felt: bool = False
    note: Lines = ""


class IntakeIn(Schema):
    answers: dict[Line, IntakeAnswer]


class StatusIn(Schema):
    status: Line


class VisitRecordIn(Schema):
    visited_on: dt.date
    notes: Lines


class ProgrammeIn(Schema):
    office_id: Id
    year: int
    name: Line
    start_year: int | None = None
    horizon_years: int = 5
    target_participants: int = 30
    target_good: int = 10


def _user(request):
    return request.auth


def _case(request, pk: int):
    return selectors.access_case(user=_user(request), pk=pk)


def _organization(request, pk: int | None):
    if pk is None:
        return None
    found = Organization.objects.filter(reach_of(_user(request)).organization_q(), pk=pk).first()
    if found is None:
        raise Http404
    return found


def _detail(request, pk: int):
    return Status(200, _case(request, pk))


@router.get("/programmes/", response=list[ProgrammeOut])
@paginate(ApiPagination, page_size=50)
def list_programmes(request, year: Year | None = None):
    """The clinic programmes the caller reaches."""
    return selectors.programme_list(user=_user(request), year=year)


@router.get("/programmes/{programme_id}", response={200: ProgrammeDetailOut, **errors(404)})
def get_programme(request, programme_id: Id):
    programme = selectors.access_programme(user=_user(request), pk=programme_id)
    progress = selectors.progress_of([programme])[programme.pk].as_dict()
    return {**ProgrammeOut.from_orm(programme).dict(), "progress": progress}


@router.post("/programmes/", response={201: ProgrammeDetailOut, **errors(400, 403, 404)})
def create_programme(request, payload: ProgrammeIn):
    office = selectors.offices_run(user=_user(request)).filter(pk=payload.office_id).first()
    if office is None:
        raise Http404
    data = payload.dict()
    data.pop("office_id")
    programme = services.programme_create(actor=_user(request), office=office, **data)
    return Status(201, get_programme(request, programme.pk))


@router.get("/cases/", response=list[CaseOut])
@paginate(ApiPagination, page_size=50)
def list_cases(request, programme_id: Id | None = None, stage: Line = ""):
    """The cases the caller may open: the office's, an expert's assigned ones, a participant's own.
    A programme the caller does not reach filters everything out, as any filter does."""
    user = _user(request)
    cases = selectors.case_list(user=user, stage=stage if stage in Stage.values else "")
    if programme_id is not None:
        cases = cases.filter(programme__in=selectors.programme_list(user=user).filter(pk=programme_id))
    return cases


@router.get("/cases/{case_id}", response={200: CaseDetailOut, **errors(404)})
def get_case(request, case_id: Id):
    return _case(request, case_id)


@router.post("/cases/", response={201: CaseDetailOut, **errors(400, 403, 404)})
def enrol(request, payload: EnrolIn):
    programme = selectors.access_programme(user=_user(request), pk=payload.programme_id)
    participant = _organization(request, payload.participant_id)
    case = services.case_enrol(
        actor=_user(request),
        programme=programme,
        participant=participant,
        source=payload.source,
        enrolled_on=payload.enrolled_on,
    )
    return Status(201, _case(request, case.pk))


@router.post("/cases/{case_id}/team", response={200: CaseDetailOut, **errors(400, 403, 404)})
def assign_team(request, case_id: Id, payload: TeamIn):
    case = _case(request, case_id)
    experts = list(selectors.expert_list(user=_user(request)).filter(pk__in=payload.expert_ids))
    if len(experts) != len(set(payload.expert_ids)):
        raise Http404
    services.case_team_assign(actor=_user(request), case=case, experts=experts)
    return _detail(request, case_id)


@router.post("/cases/{case_id}/ratings", response={200: CaseDetailOut, **errors(400, 403, 404)})
def rate(request, case_id: Id, payload: RatingIn):
    """The caller's own rating as a member of the case's team (refused once the team agreed)."""
    case = _case(request, case_id)
    problems = list(Problem.objects.filter(office=case.programme.office, pk__in=payload.problem_ids))
    services.rating_submit(
        actor=_user(request), case=case, problems=problems, severity=payload.severity, comment=payload.comment
    )
    return _detail(request, case_id)


@router.post("/cases/{case_id}/agree", response={200: CaseDetailOut, **errors(400, 403, 404)})
def agree(request, case_id: Id, payload: AgreeIn):
    case = _case(request, case_id)
    problems = list(Problem.objects.filter(office=case.programme.office, pk__in=payload.problem_ids))
    services.diagnosis_agree(
        actor=_user(request),
        case=case,
        problems=problems,
        note=payload.note,
        goal_kind=payload.goal_kind,
        goal_sales_pct=payload.goal_sales_pct,
    )
    return _detail(request, case_id)


@router.post("/cases/{case_id}/recommendations", response={201: CaseDetailOut, **errors(400, 403, 404)})
def recommend(request, case_id: Id, payload: RecommendationIn):
    case = _case(request, case_id)
    responsible_user = None
    if payload.responsible_user_id is not None:
        expert = Expert.objects.filter(
            user_id=payload.responsible_user_id, office=case.programme.office
        ).first()
        member = case.programme.office.memberships.filter(
            user_id=payload.responsible_user_id, is_active=True
        ).first()
        if expert is None and member is None:
            raise Http404
        responsible_user = expert.user if expert else member.user
    services.recommendation_add(
        actor=_user(request),
        case=case,
        kind=payload.kind,
        description=payload.description,
        responsible=payload.responsible,
        due_on=payload.due_on,
        responsible_user=responsible_user,
        responsible_org=_organization(request, payload.responsible_org_id),
        target_org=_organization(request, payload.target_org_id),
    )
    return Status(201, _case(request, case_id))


@router.post("/cases/{case_id}/visits", response={201: CaseDetailOut, **errors(400, 403, 404)})
def schedule_visit(request, case_id: Id, payload: VisitIn):
    case = _case(request, case_id)
    services.visit_schedule(
        actor=_user(request), case=case, planned_on=payload.planned_on, purpose=payload.purpose
    )
    return Status(201, _case(request, case_id))


@router.post("/cases/{case_id}/close", response={200: CaseDetailOut, **errors(400, 403, 404)})
def close(request, case_id: Id, payload: CloseIn):
    """Close with the outcome measured from the data; refused (400) while nothing was measured."""
    case = _case(request, case_id)
    services.case_close(actor=_user(request), case=case, note=payload.note)
    return _detail(request, case_id)


@router.post("/cases/{case_id}/accept", response={200: CaseDetailOut, **errors(400, 403, 404)})
def accept(request, case_id: Id):
    """Accept a participant's request: the case is enrolled."""
    services.case_accept(actor=_user(request), case=_case(request, case_id))
    return _detail(request, case_id)


@router.post("/cases/{case_id}/intake", response={200: CaseDetailOut, **errors(400, 403, 404)})
def intake(request, case_id: Id, payload: IntakeIn):
    """The intake questionnaire of problems felt, per area (finance, management, marketing,
    production, legal, hr, technology)."""
    answers = {area: answer.dict() for area, answer in payload.answers.items()}
    services.case_intake_save(actor=_user(request), case=_case(request, case_id), answers=answers)
    return _detail(request, case_id)


@router.post(
    "/recommendations/{recommendation_id}/status", response={200: RecommendationOut, **errors(400, 403, 404)}
)
def recommendation_status(request, recommendation_id: Id, payload: StatusIn):
    recommendation = get_object_or_404(
        Recommendation.objects.filter(case__in=selectors.case_list(user=_user(request))), pk=recommendation_id
    )
    return services.recommendation_status_set(
        actor=_user(request), recommendation=recommendation, status=payload.status
    )


@router.post("/visits/{visit_id}/record", response={200: VisitOut, **errors(400, 403, 404)})
def record_visit(request, visit_id: Id, payload: VisitRecordIn):
    visit = get_object_or_404(
        Visit.objects.filter(case__in=selectors.case_list(user=_user(request))), pk=visit_id
    )
    return services.visit_record(
        actor=_user(request), visit=visit, visited_on=payload.visited_on, notes=payload.notes
    )
