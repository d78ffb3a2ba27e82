"""Clinic reads, every one scoped to the asking user (`access.programme_q`, `access.case_q`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.accounts.scoping import reach_of
from sinergi.clinic import access, rules
from sinergi.clinic.models import Case, Expert, Problem, Programme, Rating, Recommendation, Stage


def programme_list(*, user, year: int | None = None) -> QuerySet[Programme]:
    qs = Programme.objects.filter(access.programme_q(user)).distinct().select_related("office")
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "name")


def access_programme(*, user, pk) -> Programme:
    programme = programme_list(user=user).filter(pk=pk).first()
    if programme is None:
        raise Http404
    return programme


@dataclass(frozen=True)
class Progress:
    """A programme's tallies against its targets."""

    target_participants: int
    target_good: int
    participants: int
    requested: int
    closed: int
    good: int
    improved: int
    unchanged: int
    worse: int

    @property
    def participants_pct(self) -> int:
        return (
            min(100, round(100 * self.participants / self.target_participants))
            if self.target_participants
            else 0
        )

    @property
    def good_pct(self) -> int:
        return min(100, round(100 * self.good / self.target_good)) if self.target_good else 0

    def as_dict(self) -> dict:
        return {
            "target_participants": self.target_participants,
            "target_good": self.target_good,
            "participants": self.participants,
            "closed": self.closed,
            "good": self.good,
            "improved": self.improved,
            "unchanged": self.unchanged,
            "worse": self.worse,
        }


def progress_of(programmes) -> dict[int, Progress]:
    """The tallies of each programme, counted in one query."""
    programmes = list(programmes)
    rows = (
        Case.objects.filter(programme__in=[p.pk for p in programmes])
        .values("programme_id")
        .annotate(
            requested=Count("pk", filter=Q(stage=Stage.REQUESTED)),
            participants=Count("pk", filter=~Q(stage=Stage.REQUESTED)),
            closed=Count("pk", filter=Q(stage=Stage.CLOSED)),
            good=Count("pk", filter=Q(stage=Stage.CLOSED, good=True)),
            improved=Count("pk", filter=Q(stage=Stage.CLOSED, result=rules.IMPROVED)),
            unchanged=Count("pk", filter=Q(stage=Stage.CLOSED, result=rules.UNCHANGED)),
            worse=Count("pk", filter=Q(stage=Stage.CLOSED, result=rules.WORSE)),
        )
    )
    counted = {row.pop("programme_id"): row for row in rows}
    empty = dict.fromkeys(
        ("requested", "participants", "closed", "good", "improved", "unchanged", "worse"), 0
    )
    return {
        p.pk: Progress(
            target_participants=p.target_participants, target_good=p.target_good, **counted.get(p.pk, empty)
        )
        for p in programmes
    }


def stage_counts(*, programme: Programme) -> list[tuple[str, str, int]]:
    """(stage, label, count) for every stage, in the order a case passes them."""
    counts = dict(programme.cases.values_list("stage").annotate(n=Count("pk")).values_list("stage", "n"))
    return [(code, str(label), counts.get(code, 0)) for code, label in Stage.choices]


def case_list(*, user, programme: Programme | None = None, stage: str = "") -> QuerySet[Case]:
    qs = Case.objects.filter(access.case_q(user)).distinct()
    if programme is not None:
        qs = qs.filter(programme=programme)
    if stage:
        qs = qs.filter(stage=stage)
    return qs.select_related("programme", "participant").order_by("participant__name", "pk")


def access_case(*, user, pk) -> Case:
    case = case_list(user=user).filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


def expert_cases(*, user) -> QuerySet[Case]:
    """The cases whose team the user is on (the expert's home list), open ones first."""
    expert = access.expert_of(user)
    if expert is None:
        return Case.objects.none()
    return (
        Case.objects.filter(team=expert)
        .select_related("programme", "participant")
        .order_by("-updated_at", "pk")
    )


def participant_cases(*, user, organization_id: int) -> QuerySet[Case]:
    """The cases of the organisation the user acts for (its managers or owner only)."""
    if not reach_of(user).roles_in(organization_id) & access.PARTICIPANT_VIEW_ROLES:
        return Case.objects.none()
    return (
        Case.objects.filter(participant_id=organization_id)
        .select_related("programme")
        .order_by("-created_at")
    )


def recommendations_for_partner(*, user) -> QuerySet[Recommendation]:
    """Open recommendations addressed to (or leading to) the banks and partners the user acts for."""
    ids = access.partner_organization_ids(user)
    if not ids:
        return Recommendation.objects.none()
    return (
        Recommendation.objects.filter(Q(responsible_org_id__in=ids) | Q(target_org_id__in=ids))
        .exclude(case__stage=Stage.CLOSED)
        .select_related("case__participant", "case__programme")
        .order_by("due_on", "pk")
    )


@dataclass
class RatingsView:
    """What one viewer sees of a case's ratings: their own, and the others' only once the team
    agreed (or always for the office, which does not rate)."""

    own: Rating | None
    others: list[Rating]
    hidden: int
    disagreement: rules.Disagreement | None


def ratings_for(*, user, case: Case) -> RatingsView:
    ratings = list(case.ratings.select_related("expert__user").prefetch_related("problems"))
    expert = access.expert_of(user)
    own = next((r for r in ratings if expert is not None and r.expert_id == expert.pk), None)
    rest = [r for r in ratings if r is not own]
    agreed = case.agreed_at is not None
    office = access.sees_region(user, case.region_code)
    visible = rest if (agreed or office) else []
    disagreement = None
    if agreed or office:
        disagreement = rules.disagreement(
            [(r.severity, frozenset(p.pk for p in r.problems.all())) for r in ratings]
        )
    return RatingsView(own=own, others=visible, hidden=len(rest) - len(visible), disagreement=disagreement)


def problem_list(*, user, office: Organization | None = None, active_only: bool = False) -> QuerySet[Problem]:
    reach = reach_of(user)
    qs = Problem.objects.filter(reach.region_q("region_code"))
    expert = access.expert_of(user)
    if expert is not None:
        qs = Problem.objects.filter(reach.region_q("region_code") | Q(office_id=expert.office_id))
    if office is not None:
        qs = qs.filter(office=office)
    if active_only:
        qs = qs.filter(is_active=True)
    return qs.order_by("code")


def expert_list(*, user, office: Organization | None = None) -> QuerySet[Expert]:
    qs = Expert.objects.filter(reach_of(user).region_q("region_code")).select_related("user", "office")
    if office is not None:
        qs = qs.filter(office=office)
    return qs.order_by("user__full_name")


def offices_run(*, user) -> QuerySet[Organization]:
    """The government offices whose clinic the user runs (admin or staff there)."""
    reach = reach_of(user)
    ids = [o.organization_id for o in reach.offices if reach.manages_region(o.region_code)]
    qs = Organization.objects.filter(kind=OrganizationKind.GOVERNMENT, jurisdiction__isnull=False)
    if not reach.everything:
        qs = qs.filter(pk__in=ids)
    return qs.order_by("name")


def enrol_candidates(*, user, programme: Programme, q: str) -> QuerySet[Organization]:
    """Cooperatives and UMKM of the programme's region, inside the user's writable jurisdiction,
    by name, that are not in the programme yet (the registry search of the enrolment page)."""
    if len(q.strip()) < 2:
        return Organization.objects.none()
    reach = reach_of(user)
    qs = (
        Organization.objects.filter(
            kind__in=[OrganizationKind.COOPERATIVE, OrganizationKind.UMKM],
            is_active=True,
            merged_into__isnull=True,
            name__icontains=q.strip(),
        )
        .filter(reach.writable_region_q("region"))
        .filter(
            Q(region__code=programme.region_code) | Q(region__code__startswith=programme.region_code + ".")
        )
        .exclude(clinic_cases__programme=programme)
    )
    return qs.select_related("region").order_by("name")[:30]
