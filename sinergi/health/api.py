"""The health API at /api/v1/health/: annual reports, their review, and their assessments.

Amounts are decimal strings or numbers in, decimal strings out, in the fields of the scoring input
schema. Errors follow the project's shape: `{"detail": …, "errors": {field: [messages]}}`.
"""

# No `from __future__ import annotations`: django-ninja reads the parameters of a paginated
# operation through its wrapper, whose module cannot resolve names given as strings.

import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import create_model

from sinergi.core.paging import ApiPagination
from sinergi.core.schemas import Id, Line, Lines, errors, published
from sinergi.health import selectors, services
from sinergi.health.filters import ReportFilters
from sinergi.health.scoring.report import AMOUNT_FIELDS
from sinergi.health.services.reports import EARLIEST_YEAR, LATEST_YEAR
from sinergi.registry.selectors import access_cooperative

router = Router(tags=["health"])

# The financial years the report rules accept; others are refused with the rules' reason (400).
Year = Annotated[int, published(minimum=EARLIEST_YEAR, maximum=LATEST_YEAR)]

# Every amount of the scoring input schema, each optional (missing is not zero, Decision 6).
ReportValues = create_model(
    "ReportValues", __base__=Schema, **{name: (Decimal | None, None) for name in AMOUNT_FIELDS}
)


class ReportOut(Schema):
    id: int
    cooperative_id: int
    cooperative_name: str
    year: int
    rat_date: dt.date | None
    status: str
    total: Decimal | None
    predicate: str | None
    official: bool | None

    @staticmethod
    def resolve_cooperative_name(obj):
        return obj.cooperative.organization.name

    @staticmethod
    def resolve_total(obj):
        return obj.assessment.total if hasattr(obj, "assessment") else None

    @staticmethod
    def resolve_predicate(obj):
        return obj.assessment.predicate if hasattr(obj, "assessment") else None

    @staticmethod
    def resolve_official(obj):
        return obj.assessment.official if hasattr(obj, "assessment") else None


class ReportDetailOut(ReportOut):
    values: ReportValues
    manajemen: dict[str, list[bool | None]]
    questionnaire_version: str
    checks: list[dict]
    review_comment: str
    submitted_at: dt.datetime | None
    reviewed_at: dt.datetime | None

    @staticmethod
    def resolve_values(obj):
        return {name: getattr(obj, name) for name in AMOUNT_FIELDS}

    @staticmethod
    def resolve_questionnaire_version(obj):
        return obj.questionnaire.code


class ReportIn(Schema):
    cooperative_id: Id
    year: Year
    rat_date: dt.date | None = None
    values: ReportValues | None = None
    manajemen: dict[Line, list[bool | None]] | None = None


class ReportPatch(Schema):
    year: Year | None = None
    rat_date: dt.date | None = None
    values: ReportValues | None = None
    manajemen: dict[Line, list[bool | None]] | None = None


class ReviewIn(Schema):
    comment: Lines = ""


class PearlsOut(Schema):
    code: str
    name: str
    name_id: str
    ratio: Decimal | None
    goal: str
    passed: bool | None
    formula: str
    approximation: str
    missing: list[str]


class AssessmentOut(Schema):
    report_id: int
    cooperative_id: int
    year: int
    rules: str
    official: bool
    total: Decimal
    predicate: str | None
    complete: bool
    result: dict
    pearls: list[PearlsOut]


def _user(request):
    return request.auth


def _detail(request, pk: int):
    return selectors.access_annual_report(user=_user(request), pk=pk)


@router.get("/reports/", response=list[ReportOut])
@paginate(ApiPagination, page_size=50)
def list_reports(
    request, q: Line = "", region: Line = "", year: Line = "", status: Line = "", predicate: Line = ""
):
    """Annual reports the caller reaches, filtered like the list page."""
    filters = ReportFilters.from_params(
        {"q": q, "region": region, "year": year, "status": status, "predicate": predicate}
    )
    return selectors.annual_report_list(user=_user(request), filters=filters)


@router.get("/reports/{report_id}", response={200: ReportDetailOut, **errors(404)})
def get_report(request, report_id: Id):
    return _detail(request, report_id)


@router.post("/reports/", response={201: ReportDetailOut, **errors(400, 403, 404)})
def create_report(request, payload: ReportIn):
    cooperative = access_cooperative(user=_user(request), pk=payload.cooperative_id)
    report = services.annual_report_create(
        actor=_user(request),
        cooperative=cooperative,
        year=payload.year,
        rat_date=payload.rat_date,
        values=payload.values.dict(exclude_unset=True) if payload.values else {},
        manajemen=payload.manajemen,
    )
    return Status(201, _detail(request, report.pk))


@router.patch("/reports/{report_id}", response={200: ReportDetailOut, **errors(400, 403, 404)})
def update_report(request, report_id: Id, payload: ReportPatch):
    report = _detail(request, report_id)
    changes = payload.dict(exclude_unset=True)
    if "values" in changes:
        changes["values"] = payload.values.dict(exclude_unset=True) if payload.values else {}
    services.annual_report_update(actor=_user(request), report=report, **changes)
    return _detail(request, report_id)


@router.post("/reports/{report_id}/submit", response={200: ReportDetailOut, **errors(400, 403, 404)})
def submit_report(request, report_id: Id):
    services.annual_report_submit(actor=_user(request), report=_detail(request, report_id))
    return _detail(request, report_id)


@router.post("/reports/{report_id}/verify", response={200: ReportDetailOut, **errors(400, 403, 404)})
def verify_report(request, report_id: Id, payload: ReviewIn):
    services.annual_report_verify(
        actor=_user(request), report=_detail(request, report_id), comment=payload.comment
    )
    return _detail(request, report_id)


@router.post("/reports/{report_id}/return", response={200: ReportDetailOut, **errors(400, 403, 404)})
def return_report(request, report_id: Id, payload: ReviewIn):
    services.annual_report_return(
        actor=_user(request), report=_detail(request, report_id), comment=payload.comment
    )
    return _detail(request, report_id)


@router.get("/reports/{report_id}/assessment", response={200: AssessmentOut, **errors(404)})
def get_assessment(request, report_id: Id):
    """The assessment of a verified report: the engine's explained result (every component's inputs,
    ratio, band, nilai, bobot and skor, computed again from what the assessment keeps) and the
    PEARLS ratios of the same figures."""
    assessment = selectors.access_assessment(user=_user(request), report_pk=report_id)
    report = get_object_or_404(selectors.annual_report_list(user=_user(request)), pk=report_id)
    return {
        "report_id": assessment.report_id,
        "cooperative_id": assessment.cooperative_id,
        "year": assessment.year,
        "rules": assessment.rules,
        "official": assessment.official,
        "total": assessment.total,
        "predicate": assessment.predicate,
        "complete": assessment.complete,
        "result": selectors.assessment_explanation(assessment),
        "pearls": [p.to_dict() for p in selectors.report_pearls(report)],
    }
