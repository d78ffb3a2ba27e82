"""The partnerships API at /api/v1/partnerships/: agreements, their parties and obligations,
progress, scorecards, matchmaking and referrals, scoped like the pages.

Errors follow the project's shape: `{"detail": …, "errors": {field: [messages]}}`.
"""

# No `from __future__ import annotations`: django-ninja reads the parameters of a paginated
# operation through its wrapper, whose module cannot resolve names given as strings.

import datetime as dt
from decimal import Decimal

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from sinergi.accounts.models import Organization
from sinergi.accounts.scoping import reach_of
from sinergi.core.paging import ApiPagination
from sinergi.core.schemas import Id, Line, Lines, errors
from sinergi.partnerships import access, selectors, services
from sinergi.partnerships.models import AgreementStatus, LendingCriteria, Party, Scope

router = Router(tags=["partnerships"])


def _user(request):
    return request.auth


class PartyOut(Schema):
    id: int
    organization_id: int
    organization_name: str
    signatory_name: str
    signatory_title: str
    signed_on: dt.date | None

    @staticmethod
    def resolve_organization_name(obj):
        return obj.organization.name


class AgreementOut(Schema):
    id: int
    kind: str
    number: str
    title: str
    status: str
    scopes: list[str]
    start_on: dt.date
    end_on: dt.date
    office_id: int | None
    network_id: int | None
    region_code: str


class ObligationOut(Schema):
    id: int
    party_id: int
    organization_id: int
    measure: str
    description: str
    target: Decimal
    achieved: Decimal
    start_on: dt.date | None
    due_on: dt.date
    met_on: dt.date | None
    state: str
    explanation: str

    @staticmethod
    def resolve_organization_id(obj):
        return obj.party.organization_id

    @staticmethod
    def resolve_explanation(obj):
        return selectors.explanation_text(obj)


class AgreementDetailOut(AgreementOut):
    purpose: str
    signed_on: dt.date | None
    terminated_on: dt.date | None
    termination_reason: str
    parties: list[PartyOut]
    obligations: list[ObligationOut]

    @staticmethod
    def resolve_parties(obj):
        return list(obj.parties.all())

    @staticmethod
    def resolve_obligations(obj):
        return selectors.obligations_of(obj)


class AgreementIn(Schema):
    office_id: Id
    kind: Line
    title: Line
    number: Line = ""
    purpose: Lines = ""
    start_on: dt.date
    end_on: dt.date
    scopes: list[Line]
    party_ids: list[Id]
    network_id: Id | None = None


class SignIn(Schema):
    signatory_name: Line
    signatory_title: Line = ""
    signed_on: dt.date


class TerminateIn(Schema):
    reason: Lines


class ObligationIn(Schema):
    party_id: Id
    measure: Line
    description: Line
    target: Decimal
    due_on: dt.date
    start_on: dt.date | None = None


class ProgressIn(Schema):
    recorded_on: dt.date
    amount: Decimal
    note: Lines


class ObligationProgressOut(Schema):
    id: int
    recorded_on: dt.date
    amount: Decimal
    note: str


class CountsOut(Schema):
    met_on_time: int
    met_late: int
    missed: int
    overdue: int
    on_track: int


class TrendOut(Schema):
    year: int
    on_time: int
    late: int
    missed: int


class ScorecardOut(Schema):
    organization_id: int
    organization_name: str
    agreements: list[int]
    counts: CountsOut
    on_time_rate: int | None
    trend: list[TrendOut]


class ReasonOut(Schema):
    points: int
    code: str
    text: str


class MatchOut(Schema):
    id: int
    name: str
    kind: str
    score: int
    reasons: list[ReasonOut]


class ReferralOut(Schema):
    id: int
    office_id: int
    partner_id: int
    organization_id: int
    scope: str
    note: str
    status: str
    answer: str


class ReferralIn(Schema):
    office_id: Id
    partner_id: Id
    organization_id: Id
    scope: Line
    note: Lines = ""


class ReferralAnswerIn(Schema):
    status: Line
    answer: Lines = ""


def _organization(pk: int) -> Organization:
    found = Organization.objects.filter(pk=pk, is_active=True).first()
    if found is None:
        raise Http404
    return found


@router.get("/agreements/", response=list[AgreementOut])
@paginate(ApiPagination, page_size=50)
def list_agreements(request, status: Line = "", scope: Line = ""):
    """The agreements the caller reaches: an office's jurisdiction, a party's own."""
    return selectors.agreement_list(
        user=_user(request),
        status=status if status in AgreementStatus.values else "",
        scope=scope if scope in Scope.values else "",
    )


@router.get("/agreements/{agreement_id}", response={200: AgreementDetailOut, **errors(404)})
def get_agreement(request, agreement_id: Id):
    return selectors.access_agreement(user=_user(request), pk=agreement_id)


@router.post("/agreements/", response={201: AgreementDetailOut, **errors(400, 403, 404)})
def create_agreement(request, payload: AgreementIn):
    user = _user(request)
    office = selectors.offices_run(user=user).filter(pk=payload.office_id).first()
    if office is None:
        raise Http404
    parties = [_organization(pk) for pk in payload.party_ids]
    network = None
    if payload.network_id is not None:
        from sinergi.registry.models import Network

        network = Network.objects.filter(reach_of(user).region_q("region"), pk=payload.network_id).first()
        if network is None:
            raise Http404
    agreement = services.agreement_create(
        actor=user, office=office, kind=payload.kind, title=payload.title, number=payload.number,
        purpose=payload.purpose, start_on=payload.start_on, end_on=payload.end_on, scopes=payload.scopes,
        parties=parties, network=network,
    )  # fmt: skip
    return Status(201, selectors.access_agreement(user=user, pk=agreement.pk))


@router.post(
    "/agreements/{agreement_id}/parties/{party_id}/sign",
    response={200: AgreementDetailOut, **errors(400, 403, 404)},
)
def sign(request, agreement_id: Id, party_id: Id, payload: SignIn):
    user = _user(request)
    agreement = selectors.access_agreement(user=user, pk=agreement_id)
    party = get_object_or_404(Party, pk=party_id, agreement=agreement)
    services.party_sign(actor=user, party=party, **payload.dict())
    return selectors.access_agreement(user=user, pk=agreement_id)


@router.post(
    "/agreements/{agreement_id}/terminate", response={200: AgreementDetailOut, **errors(400, 403, 404)}
)
def terminate(request, agreement_id: Id, payload: TerminateIn):
    user = _user(request)
    agreement = selectors.access_agreement(user=user, pk=agreement_id)
    services.agreement_terminate(actor=user, agreement=agreement, reason=payload.reason)
    return selectors.access_agreement(user=user, pk=agreement_id)


@router.post("/agreements/{agreement_id}/obligations", response={201: ObligationOut, **errors(400, 403, 404)})
def add_obligation(request, agreement_id: Id, payload: ObligationIn):
    user = _user(request)
    agreement = selectors.access_agreement(user=user, pk=agreement_id)
    party = get_object_or_404(Party, pk=payload.party_id, agreement=agreement)
    data = payload.dict()
    data.pop("party_id")
    obligation = services.obligation_add(actor=user, agreement=agreement, party=party, **data)
    return Status(201, selectors.access_obligation(user=user, pk=obligation.pk))


@router.get("/obligations/{obligation_id}", response={200: ObligationOut, **errors(404)})
def get_obligation(request, obligation_id: Id):
    return selectors.access_obligation(user=_user(request), pk=obligation_id)


@router.get(
    "/obligations/{obligation_id}/progress", response={200: list[ObligationProgressOut], **errors(404)}
)
def list_progress(request, obligation_id: Id):
    return list(selectors.access_obligation(user=_user(request), pk=obligation_id).entries.all())


@router.post("/obligations/{obligation_id}/progress", response={201: ObligationOut, **errors(400, 403, 404)})
def add_progress(request, obligation_id: Id, payload: ProgressIn):
    user = _user(request)
    obligation = selectors.access_obligation(user=user, pk=obligation_id)
    services.progress_add(actor=user, obligation=obligation, **payload.dict())
    return Status(201, selectors.access_obligation(user=user, pk=obligation_id))


@router.get("/scorecards/{organization_id}", response={200: ScorecardOut, **errors(404)})
def get_scorecard(request, organization_id: Id):
    user = _user(request)
    organization = selectors.access_organization(user=user, pk=organization_id)
    card = selectors.scorecard(user=user, organization=organization)
    return {
        "organization_id": organization.pk,
        "organization_name": organization.name,
        "agreements": [a.pk for a in card.agreements],
        "counts": card.counts,
        "on_time_rate": card.on_time_rate,
        "trend": card.trend,
    }


@router.get("/matches/{organization_id}", response={200: list[MatchOut], **errors(403, 404)})
def get_matches(request, organization_id: Id, needs: Line = ""):
    """Suggested partners for a UMKM (`needs`: comma-separated scopes), a cooperative or a bank."""
    user = _user(request)
    seeker = selectors.access_organization(user=user, pk=organization_id)
    wanted = frozenset(n for n in needs.split(",") if n in Scope.values)
    return selectors.matches_for(user=user, seeker=seeker, needs=wanted)


class CriteriaIO(Schema):
    scales: list[Line] = []
    kbli_prefixes: list[Line] = []
    predicates: list[Line] = []


def _bank(request, bank_id: int):
    bank = Organization.objects.filter(pk=bank_id, kind="bank").first()
    user = _user(request)
    if bank is None or not (access.acts_for(user, bank.pk) or access.manages_organization(user, bank)):
        raise Http404
    return bank


@router.get("/lending-criteria/{bank_id}", response={200: CriteriaIO, **errors(404)})
def get_lending_criteria(request, bank_id: Id):
    """What the bank lends to (its staff and its region's office)."""
    stored = LendingCriteria.objects.filter(bank=_bank(request, bank_id)).first()
    return stored or {"scales": [], "kbli_prefixes": [], "predicates": []}


@router.put("/lending-criteria/{bank_id}", response={200: CriteriaIO, **errors(400, 403, 404)})
def set_lending_criteria(request, bank_id: Id, payload: CriteriaIO):
    return services.lending_criteria_set(actor=_user(request), bank=_bank(request, bank_id), **payload.dict())


@router.get("/referrals/", response=list[ReferralOut])
@paginate(ApiPagination, page_size=50)
def list_referrals(request, status: Line = ""):
    return selectors.referral_list(user=_user(request), status=status)


@router.post("/referrals/", response={201: ReferralOut, **errors(400, 403, 404)})
def send_referral(request, payload: ReferralIn):
    user = _user(request)
    office = selectors.offices_run(user=user).filter(pk=payload.office_id).first()
    if office is None:
        raise Http404
    referral = services.referral_send(
        actor=user, office=office, partner=_organization(payload.partner_id),
        organization=_organization(payload.organization_id), scope=payload.scope, note=payload.note,
    )  # fmt: skip
    return Status(201, referral)


@router.post("/referrals/{referral_id}/answer", response={200: ReferralOut, **errors(400, 403, 404)})
def answer_referral(request, referral_id: Id, payload: ReferralAnswerIn):
    user = _user(request)
    referral = selectors.access_referral(user=user, pk=referral_id)
    return services.referral_answer(
        actor=user, referral=referral, status=payload.status, answer=payload.answer
    )
