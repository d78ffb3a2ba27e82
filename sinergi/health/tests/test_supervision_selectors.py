"""Supervision reads: one set of facts per cooperative behind every list; every list scoped to the
office; another region and a cooperative manager see nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.http import Http404

from sinergi.health.models import DissolutionCase, StatusProposal
from sinergi.health.supervision import rules, selectors
from sinergi.health.tests.factories import AnnualReportFactory, AssessmentFactory, CooperativeProfileFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def world(ksp_bandung):
    """Kota Bogor cooperatives, one per situation, and one in Bandung."""

    def coop(name, region="32.71.06.1001", **fields):
        profile = CooperativeProfileFactory(region=region, **fields)
        profile.organization.name = name
        profile.organization.save()
        return profile

    sound = coop("KSP Sehat", last_rat_date=dt.date(2026, 3, 1))
    AssessmentFactory(report=AnnualReportFactory(cooperative=sound, year=2025, rat_date=dt.date(2026, 3, 1)), total=Decimal("85.00"), predicate="sehat")
    falling = coop("KSP Merosot", region="32.71.03.1002", last_rat_date=dt.date(2026, 4, 1))
    AssessmentFactory(
        report=AnnualReportFactory(cooperative=falling, year=2024, rat_date=dt.date(2025, 4, 1), pinjaman_macet=Decimal("10000000")),
        total=Decimal("64.00"),
        predicate="dalam_pengawasan",
    )
    AssessmentFactory(
        report=AnnualReportFactory(cooperative=falling, year=2025, rat_date=dt.date(2026, 4, 1), pinjaman_macet=Decimal("60000000")),
        total=Decimal("48.50"),
        predicate="dalam_pengawasan_khusus",
    )
    late = coop("KSP Telat", last_rat_date=dt.date(2025, 5, 1))
    sleeping = coop("KSP Tidur", last_rat_date=dt.date(2021, 6, 1))
    warned = coop("KSP Waspada", region="32.71.03.1002", last_rat_date=dt.date(2024, 6, 1))
    frozen = coop("KSP Beku", status="dibekukan", last_rat_date=dt.date(2026, 2, 1))
    unscored = coop("KSP Baru Dinilai", last_rat_date=dt.date(2026, 2, 1))
    coop("KSP Bubar", status="dibubarkan")
    return {
        "sound": sound,
        "falling": falling,
        "late": late,
        "sleeping": sleeping,
        "warned": warned,
        "frozen": frozen,
        "unscored": unscored,
        "bandung": ksp_bandung,
    }


def names(items):
    return [item.name for item in items]


def test_facts(world, officer_bogor):
    facts = {f.name: f for f in selectors.cooperative_facts(user=officer_bogor, today=TODAY)}
    assert set(facts) == {"KSP Sehat", "KSP Merosot", "KSP Telat", "KSP Tidur", "KSP Waspada", "KSP Beku", "KSP Baru Dinilai"}
    falling = facts["KSP Merosot"]
    assert (falling.latest["year"], falling.previous["year"]) == (2025, 2024)
    assert falling.latest["npl"] == Decimal(12)  # (40 + 20 + 60) juta / 1 miliar × 100
    assert falling.previous["npl"] == Decimal(7)
    assert falling.last_rat_source == "report"
    assert facts["KSP Telat"].last_rat_source == "registry"
    assert facts["KSP Telat"].rat.state == rules.OVERDUE
    assert facts["KSP Sehat"].rat.state == rules.RECORDED
    assert facts["KSP Tidur"].activity == rules.INACTIVE
    assert facts["KSP Waspada"].activity == rules.WARNING


def test_rat_compliance(world, officer_bogor):
    data = selectors.rat_compliance(user=officer_bogor, today=TODAY)
    assert names(data["overdue"]) == ["KSP Tidur", "KSP Waspada", "KSP Telat"]
    assert data["recorded"] == 3
    assert data["total"] == 6  # active ones only


def test_inactivity(world, officer_bogor):
    StatusProposal.objects.create(cooperative=world["sleeping"], reason="x")
    data = selectors.inactivity(user=officer_bogor, today=TODAY)
    assert names(data["candidates"]) == ["KSP Tidur"]
    assert data["open_for"] == {world["sleeping"].pk}
    assert names(data["warnings"]) == ["KSP Waspada"]


def test_pillars(world, officer_bogor):
    data = selectors.pillars(user=officer_bogor, today=TODAY)
    lists = {p["code"]: names(p["items"]) for p in data["pillars"]}
    assert lists == {
        rules.REORIENTATION: ["KSP Beku", "KSP Telat", "KSP Tidur", "KSP Waspada"],
        rules.REHABILITATION: ["KSP Merosot"],
        rules.DEVELOPMENT: ["KSP Sehat"],
        rules.UNASSESSED: ["KSP Baru Dinilai"],
    }
    assert data["districts"] == [
        {"code": "32.71.03", "name": "Bogor Tengah", "counts": [1, 1, 0, 0]},
        {"code": "32.71.06", "name": "Tanah Sareal", "counts": [3, 0, 1, 1]},
    ]


def test_early_warning_ranks_by_weighted_signals(world, officer_bogor):
    items = selectors.early_warning_list(user=officer_bogor, today=TODAY)
    assert [(f.name, f.risk) for f in items] == [
        ("KSP Merosot", 40 + 20 + 15),
        ("KSP Telat", 20),
        ("KSP Tidur", 20),
        ("KSP Waspada", 20),
    ]
    assert [s.code for s in items[0].signals] == ["predicate_worst", "score_falling", "bad_loans_rising"]


def test_early_warning_by_region(world, officer_bogor):
    items = selectors.early_warning_list(user=officer_bogor, region="32.71.03", today=TODAY)
    assert names(items) == ["KSP Merosot", "KSP Waspada"]


def test_other_region_sees_only_its_own(world, officer_bandung):
    facts = selectors.cooperative_facts(user=officer_bandung, today=TODAY)
    assert names(facts) == ["Koperasi Mekar Sari"]
    assert names(selectors.early_warning_list(user=officer_bandung, today=TODAY)) == ["Koperasi Mekar Sari"]
    assert names(selectors.rat_compliance(user=officer_bandung, today=TODAY)["overdue"]) == ["Koperasi Mekar Sari"]
    assert selectors.inactivity(user=officer_bandung, today=TODAY)["candidates"] == []
    assert selectors.supervision_summary(user=officer_bandung, today=TODAY)["cooperatives"] == 1


@pytest.mark.parametrize("who", ["coop_manager", "umkm_owner"])
def test_cooperatives_see_no_supervision(request, world, who):
    user = request.getfixturevalue(who)
    assert selectors.cooperative_facts(user=user, today=TODAY) == []
    assert selectors.early_warning_list(user=user, today=TODAY) == []
    assert selectors.pillars(user=user, today=TODAY)["total"] == 0
    assert list(selectors.status_proposal_list(user=user)) == []
    assert list(selectors.dissolution_case_list(user=user)) == []
    assert selectors.supervision_summary(user=user, today=TODAY)["cooperatives"] == 0


def test_summary(world, officer_bogor):
    summary = selectors.supervision_summary(user=officer_bogor, today=TODAY)
    assert summary["cooperatives"] == 7
    assert summary["rat_overdue"] == 3
    # KSP Tidur by its RAT, KSP Beku by the status the office set; only KSP Tidur awaits a proposal.
    assert summary["inactive"] == 2
    assert summary["candidates"] == 1
    assert summary["warning"] == 1
    assert summary["at_risk"] == 4
    assert summary["pillars"] == {"reorientasi": 4, "rehabilitasi": 1, "pengembangan": 1, "belum_dinilai": 1}


def test_proposals_and_cases_are_scoped(world, officer_bogor, officer_bandung):
    proposal = StatusProposal.objects.create(cooperative=world["sleeping"], reason="x")
    case = DissolutionCase.objects.create(cooperative=world["sleeping"], ground="bankrupt", facts="x")
    assert list(selectors.status_proposal_list(user=officer_bogor)) == [proposal]
    assert list(selectors.status_proposal_list(user=officer_bandung)) == []
    assert list(selectors.dissolution_case_list(user=officer_bogor)) == [case]
    assert list(selectors.dissolution_case_list(user=officer_bandung)) == []
    assert selectors.access_dissolution_case(user=officer_bogor, pk=case.pk) == case
    for getter in (selectors.access_dissolution_case, selectors.access_status_proposal):
        with pytest.raises(Http404):
            getter(user=officer_bandung, pk=case.pk if getter is selectors.access_dissolution_case else proposal.pk)
    assert world["sleeping"] not in selectors.cooperatives_for_dissolution(user=officer_bogor)
    assert world["late"] in selectors.cooperatives_for_dissolution(user=officer_bogor)
    assert list(selectors.cooperatives_for_dissolution(user=officer_bandung)) == [world["bandung"]]
