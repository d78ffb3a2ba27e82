"""The assistance API at /api/v1/assistance/: programmes, applications, the selection rule,
handover, monitoring visits, grievances and outcomes — scoped like the pages, writing through the
same services.

Errors follow the project's shape: `{"detail": …, "errors": {field: [messages]}}`.
"""

# No `from __future__ import annotations`: django-ninja reads the parameters of a paginated
# operation through its wrapper, whose module cannot resolve names given as strings.

import datetime as dt
from decimal import Decimal

from django.http import Http404
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from sinergi.accounts.models import Organization
from sinergi.accounts.scoping import reach_of
from sinergi.assistance import access, outcomes, selection, selectors, services
from sinergi.assistance.models import Status as AppStatus
from sinergi.core.paging import ApiPagination
from sinergi.core.schemas import Id, Line, Lines, errors

router = Router(tags=["assistance"])


class PackageOut(Schema):
    id: int
    name: str
    unit_cost: Decimal
    stock: int
    items: str


class AidProgrammeOut(Schema):
    id: int
    name: str
    organization_id: int
    budget: Decimal
    opens_on: dt.date
    closes_on: dt.date
    target_regions: list[str]
    max_scale: str
    min_months_operating: int
    aided_within_months: int
    check_nik: bool
    weights: dict[str, str]
    cycle: str
    revolving_fund: bool
    amount_due: Decimal
    supplier_id: int | None
    grievance_days: int


class AidProgrammeDetailOut(AidProgrammeOut):
    packages: list[PackageOut]

    @staticmethod
    def resolve_packages(obj):
        return list(obj.packages.all())


class AidProgrammeIn(Schema):
    organization_id: Id
    name: Line
    budget: Decimal
    opens_on: dt.date
    closes_on: dt.date
    target_regions: list[Line]
    weights: dict[Line, Decimal]
    max_scale: Line = "mikro"
    min_months_operating: int = 12
    aided_within_months: int = 24
    check_nik: bool = True
    revolving_fund: bool = False
    amount_due: Decimal = Decimal(0)
    supplier_id: Id | None = None
    grievance_days: int = 14


class PackageIn(Schema):
    name: Line
    unit_cost: Decimal
    stock: int
    items: Lines = ""


class ApplicationOut(Schema):
    id: int
    programme_id: int
    business_id: int
    business_name: str
    package_id: int
    applied_at: dt.datetime
    status: str
    reasons: list[str]
    score: Decimal | None
    rank: int | None
    skip_reason: str
    override_note: str
    criteria: dict[str, str]
    baseline_revenue: Decimal

    @staticmethod
    def resolve_business_name(obj):
        return obj.business.name


class ApplicationIn(Schema):
    business_id: Id
    package_id: Id
    baseline_revenue: Decimal
    criteria: dict[Line, Decimal] = {}


class SelectedOut(Schema):
    application: int
    package: int
    score: str


class SkippedOut(Schema):
    application: int
    reason: str


class IneligibleOut(Schema):
    application: int
    reasons: list[str]


class SelectionOut(Schema):
    selected: list[SelectedOut]
    skipped: list[SkippedOut]
    ineligible: list[IneligibleOut]
    budget_left: str
    stock_left: dict[str, int]


class OverrideIn(Schema):
    select: bool
    note: Lines


class HandoverIn(Schema):
    handed_on: dt.date
    items: Lines
    address: Line
    confirmation: Line
    serial_numbers: Lines = ""
    signature: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None


class MonitoringVisitOut(Schema):
    id: int
    month: int
    due_on: dt.date
    visited_on: dt.date | None
    revenue: Decimal | None
    stock_turnover: Decimal | None
    operating: bool | None
    goods_in_use: dict[str, bool]


class HandoverOut(Schema):
    id: int
    application_id: int
    package_id: int
    handed_on: dt.date
    items: str
    serial_numbers: str
    address: str
    latitude: Decimal | None
    longitude: Decimal | None
    confirmation: str
    confirmed: bool
    whatsapp_link: str | None = None
    visits: list[MonitoringVisitOut]

    @staticmethod
    def resolve_confirmed(obj):
        return obj.confirmed_at is not None

    @staticmethod
    def resolve_visits(obj):
        return list(obj.visits.all())


class CodeIn(Schema):
    code: Line


class MonitoringVisitIn(Schema):
    month: int
    visited_on: dt.date
    revenue: Decimal
    operating: bool
    goods_in_use: dict[Line, bool] = {}
    stock_turnover: Decimal | None = None
    notes: Lines = ""


class GrievanceOut(Schema):
    id: int
    programme_id: int
    application_id: int | None
    kind: str
    text: str
    filed_on: dt.date
    due_on: dt.date
    status: str
    answer: str


class GrievanceIn(Schema):
    kind: Line
    text: Lines
    application_id: Id | None = None


class GrievanceAnswerIn(Schema):
    answer: Lines


class OutcomesOut(Schema):
    recipients: int
    cost: Decimal
    revenue_count: int
    revenue_before: Decimal
    revenue_after: Decimal
    revenue_change_pct: Decimal | None
    items_checked: int
    items_in_use: int
    in_use_pct: Decimal | None
    amount_due: Decimal
    repaid: Decimal
    repayment_pct: Decimal | None
    visited_12: int
    operating_12: int
    cost_per_operating: Decimal | None


def _user(request):
    return request.auth


def _programme(request, pk: int):
    return selectors.access_programme(user=_user(request), pk=pk)


def _application(request, pk: int):
    return selectors.access_application(user=_user(request), pk=pk)


@router.get("/programmes/", response=list[AidProgrammeOut])
@paginate(ApiPagination, page_size=50)
def list_programmes(request):
    """The programmes the caller runs, oversees or applied to."""
    return selectors.programme_list(user=_user(request))


@router.get("/programmes/{programme_id}", response={200: AidProgrammeDetailOut, **errors(404)})
def get_programme(request, programme_id: Id):
    return _programme(request, programme_id)


@router.post("/programmes/", response={201: AidProgrammeDetailOut, **errors(400, 403, 404)})
def create_programme(request, payload: AidProgrammeIn):
    reach = reach_of(_user(request))
    data = payload.dict()
    organization = Organization.objects.filter(pk=data.pop("organization_id")).first()
    if organization is None or not (reach.can_view_organization(organization)):
        raise Http404
    supplier_id = data.pop("supplier_id")
    supplier = None
    if supplier_id is not None:
        supplier = Organization.objects.filter(reach.organization_q(), pk=supplier_id).first()
        if supplier is None:
            raise Http404
    programme = services.programme_create(
        actor=_user(request), organization=organization, supplier=supplier, **data
    )
    return Status(201, programme)


@router.post("/programmes/{programme_id}/packages", response={201: PackageOut, **errors(400, 403, 404)})
def add_package(request, programme_id: Id, payload: PackageIn):
    package = services.package_add(
        actor=_user(request), programme=_programme(request, programme_id), **payload.dict()
    )
    return Status(201, package)


@router.post(
    "/programmes/{programme_id}/close", response={200: AidProgrammeDetailOut, **errors(400, 403, 404)}
)
def close_applications(request, programme_id: Id):
    return services.applications_close(actor=_user(request), programme=_programme(request, programme_id))


@router.post("/programmes/{programme_id}/select", response={200: SelectionOut, **errors(400, 403, 404)})
def run_selection(request, programme_id: Id):
    """Run the selection rule on the stored applications and store its answer. Before the first
    handover it may run again and gives the same answer."""
    result = services.selection_run(actor=_user(request), programme=_programme(request, programme_id))
    return selection.to_dict(result)


@router.get("/programmes/{programme_id}/applications", response={200: list[ApplicationOut], **errors(404)})
@paginate(ApiPagination, page_size=50)
def list_applications(request, programme_id: Id, status: Line = ""):
    programme = _programme(request, programme_id)
    return selectors.application_list(
        user=_user(request), programme=programme, status=status if status in AppStatus.values else ""
    )


@router.post(
    "/programmes/{programme_id}/applications", response={201: ApplicationOut, **errors(400, 403, 404)}
)
def apply(request, programme_id: Id, payload: ApplicationIn):
    user = _user(request)
    programme = selectors.open_or_reachable(user=user, pk=programme_id)
    reach = reach_of(user)
    business = Organization.objects.filter(pk=payload.business_id).first()
    seen = reach.can_view_organization(business) or access.owns(user, business.pk) if business else False
    if business is None or not (seen or access.may_run(user, programme)):
        raise Http404
    package = programme.packages.filter(pk=payload.package_id).first()
    if package is None:
        raise Http404
    application = services.application_submit(
        actor=user,
        programme=programme,
        business=business,
        package=package,
        baseline_revenue=payload.baseline_revenue,
        criteria=payload.criteria,
    )
    return Status(201, application)


@router.get("/applications/{application_id}", response={200: ApplicationOut, **errors(404)})
def get_application(request, application_id: Id):
    return _application(request, application_id)


@router.post(
    "/applications/{application_id}/override", response={200: ApplicationOut, **errors(400, 403, 404)}
)
def override(request, application_id: Id, payload: OverrideIn):
    return services.selection_override(
        actor=_user(request),
        application=_application(request, application_id),
        select=payload.select,
        note=payload.note,
    )


@router.post("/applications/{application_id}/handover", response={201: HandoverOut, **errors(400, 403, 404)})
def handover(request, application_id: Id, payload: HandoverIn):
    """Record the handover; with `confirmation: "code"` the answer carries the WhatsApp link that
    sends the code to the owner."""
    record, link = services.handover_record(
        actor=_user(request), application=_application(request, application_id), **payload.dict()
    )
    record.whatsapp_link = link
    return Status(201, record)


@router.post(
    "/applications/{application_id}/handover/confirm", response={200: HandoverOut, **errors(400, 403, 404)}
)
def confirm_handover(request, application_id: Id, payload: CodeIn):
    record = selectors.handover_of(_application(request, application_id))
    if record is None:
        raise Http404
    return services.handover_confirm(actor=_user(request), handover=record, code=payload.code)


@router.post(
    "/applications/{application_id}/visits", response={200: MonitoringVisitOut, **errors(400, 403, 404)}
)
def record_visit(request, application_id: Id, payload: MonitoringVisitIn):
    application = _application(request, application_id)
    if not access.may_run(_user(request), application.programme):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    data = payload.dict()
    visit = services.visit_for(application, data.pop("month"))
    return services.visit_record(actor=_user(request), visit=visit, **data)


@router.get("/programmes/{programme_id}/grievances", response={200: list[GrievanceOut], **errors(404)})
@paginate(ApiPagination, page_size=50)
def list_grievances(request, programme_id: Id):
    return selectors.grievance_list(user=_user(request), programme=_programme(request, programme_id))


@router.post("/programmes/{programme_id}/grievances", response={201: GrievanceOut, **errors(400, 403, 404)})
def file_grievance(request, programme_id: Id, payload: GrievanceIn):
    programme = _programme(request, programme_id)
    application = None
    if payload.application_id is not None:
        application = (
            selectors.application_list(user=_user(request), programme=programme)
            .filter(pk=payload.application_id)
            .first()
        )
        if application is None:
            raise Http404
    grievance = services.grievance_file(
        actor=_user(request),
        programme=programme,
        kind=payload.kind,
        text=payload.text,
        application=application,
    )
    return Status(201, grievance)


@router.post("/grievances/{grievance_id}/answer", response={200: GrievanceOut, **errors(400, 403, 404)})
def answer_grievance(request, grievance_id: Id, payload: GrievanceAnswerIn):
    from sinergi.assistance.models import Grievance

    user = _user(request)
    grievance = Grievance.objects.filter(
        pk=grievance_id, programme__in=selectors.programme_list(user=user)
    ).first()
    if grievance is None:
        raise Http404
    return services.grievance_answer(actor=user, grievance=grievance, answer=payload.answer)


@router.get("/programmes/{programme_id}/outcomes", response={200: OutcomesOut, **errors(404)})
def get_outcomes(request, programme_id: Id):
    programme = _programme(request, programme_id)
    if not access.may_view(_user(request), programme):
        raise Http404
    return outcomes.programme_outcomes(programme)
