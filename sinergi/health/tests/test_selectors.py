"""Health reads: every list and detail scoped; another region and another cooperative see nothing."""

from decimal import Decimal

import pytest
from django.http import Http404

from sinergi.health import selectors
from sinergi.health.filters import ReportFilters
from sinergi.health.tests.factories import AnnualReportFactory, AssessmentFactory, CooperativeProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(ksp_bogor, ksp_bandung):
    other_bogor = CooperativeProfileFactory(region="32.71.03.1002")
    return {
        "bogor": AnnualReportFactory(cooperative=ksp_bogor, year=2024),
        "bogor_draft": AnnualReportFactory(cooperative=ksp_bogor, year=2025, status="draft"),
        "other_bogor": AnnualReportFactory(cooperative=other_bogor, year=2024, status="submitted"),
        "bandung": AnnualReportFactory(cooperative=ksp_bandung, year=2024),
    }


def pks(qs):
    return {report.pk for report in qs}


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("officer_bogor", {"bogor", "bogor_draft", "other_bogor"}),
        ("viewer_bogor", {"bogor", "bogor_draft", "other_bogor"}),
        ("officer_bandung", {"bandung"}),
        ("coop_manager", {"bogor", "bogor_draft"}),
        ("coop_supervisor", {"bogor", "bogor_draft"}),
        ("bandung_manager", {"bandung"}),
        ("umkm_owner", set()),
        ("superuser", {"bogor", "bogor_draft", "other_bogor", "bandung"}),
    ],
)
def test_report_list_is_scoped(request, world, who, expected):
    user = request.getfixturevalue(who)
    assert pks(selectors.annual_report_list(user=user)) == {world[name].pk for name in expected}


def test_report_list_filters(world, officer_bogor):
    AssessmentFactory(report=world["bogor"], predicate="sehat")
    list_ = selectors.annual_report_list
    assert pks(list_(user=officer_bogor, filters=ReportFilters(year=2025))) == {world["bogor_draft"].pk}
    assert pks(list_(user=officer_bogor, filters=ReportFilters(status="submitted"))) == {world["other_bogor"].pk}
    assert pks(list_(user=officer_bogor, filters=ReportFilters(predicate="sehat"))) == {world["bogor"].pk}
    assert pks(list_(user=officer_bogor, filters=ReportFilters(region="32.71.03"))) == {world["other_bogor"].pk}
    assert pks(list_(user=officer_bogor, filters=ReportFilters(q="sejahtera"))) == {
        world["bogor"].pk,
        world["bogor_draft"].pk,
    }
    # A region filter never widens the reach.
    assert pks(list_(user=officer_bogor, filters=ReportFilters(region="32.73"))) == set()


def test_filters_from_params_drop_nonsense():
    filters = ReportFilters.from_params({"year": "20x4", "status": "gone", "region": "32.71;drop", "predicate": "ok"})
    assert filters == ReportFilters()


@pytest.mark.parametrize(("who", "visible"), [("officer_bogor", True), ("coop_manager", True), ("officer_bandung", False), ("bandung_manager", False), ("umkm_owner", False)])
def test_report_detail_is_scoped(request, world, who, visible):
    user = request.getfixturevalue(who)
    if visible:
        assert selectors.access_annual_report(user=user, pk=world["bogor"].pk) == world["bogor"]
    else:
        with pytest.raises(Http404):
            selectors.access_annual_report(user=user, pk=world["bogor"].pk)


def test_report_detail_of_nonsense_ids(officer_bogor):
    for pk in ("abc", None, 999999):
        with pytest.raises(Http404):
            selectors.access_annual_report(user=officer_bogor, pk=pk)


def test_assessment_detail_is_scoped(world, officer_bogor, officer_bandung):
    with pytest.raises(Http404):  # verified but not scored yet
        selectors.access_assessment(user=officer_bogor, report_pk=world["bogor"].pk)
    AssessmentFactory(report=world["bogor"])
    assert selectors.access_assessment(user=officer_bogor, report_pk=world["bogor"].pk).report == world["bogor"]
    with pytest.raises(Http404):
        selectors.access_assessment(user=officer_bandung, report_pk=world["bogor"].pk)


def test_cooperative_is_scoped(world, ksp_bogor, coop_manager, officer_bandung, bandung_manager):
    assert selectors.access_health_cooperative(user=coop_manager, pk=ksp_bogor.pk) == ksp_bogor
    for user in (officer_bandung, bandung_manager):
        with pytest.raises(Http404):
            selectors.access_health_cooperative(user=user, pk=ksp_bogor.pk)


def test_cooperatives_for_entry(world, ksp_bogor, ksp_bandung, coop_manager, coop_supervisor, officer_bogor, viewer_bogor):
    assert list(selectors.cooperatives_for_entry(user=coop_manager)) == [ksp_bogor]
    assert list(selectors.cooperatives_for_entry(user=coop_supervisor)) == []
    assert list(selectors.cooperatives_for_entry(user=viewer_bogor)) == []
    assert ksp_bandung not in selectors.cooperatives_for_entry(user=officer_bogor)
    assert ksp_bogor in selectors.cooperatives_for_entry(user=officer_bogor)


def test_history_with_changes(ksp_bogor, coop_manager, officer_bandung):
    for year, total in ((2022, "70.50"), (2023, "74.00"), (2024, "61.25")):
        AssessmentFactory(report=AnnualReportFactory(cooperative=ksp_bogor, year=year), total=Decimal(total))
    history = selectors.assessment_history(user=coop_manager, cooperative=ksp_bogor)
    assert [(row["year"], row["total"], row["change"]) for row in history] == [
        (2022, Decimal("70.50"), None),
        (2023, Decimal("74.00"), Decimal("3.50")),
        (2024, Decimal("61.25"), Decimal("-12.75")),
    ]
    assert selectors.trend_chart_data(history) == {
        "labels": ["2022", "2023", "2024"],
        "totals": [70.5, 74.0, 61.25],
        "predicates": ["cukup_sehat"] * 3,
        "official": [True] * 3,
    }
    assert selectors.assessment_history(user=officer_bandung, cooperative=ksp_bogor) == []


def test_assessment_detail_explains_every_component(verified):
    detail = selectors.assessment_detail(verified.assessment)
    assert detail["regulation"] == "Peraturan Deputi Bidang Pengawasan No. 06/Per/Dep.6/IV/2016"
    assert detail["total"] == Decimal("72.05")
    components = {c["code"]: c for a in detail["aspects"] for c in a["components"]}
    assert len(components) == 22
    one_a = components["1a"]
    assert one_a["ratio"] == Decimal("46.40")
    assert one_a["band"] == "40 < x ≤ 60"
    assert (one_a["nilai"], one_a["bobot"], one_a["skor"]) == (100, "6", Decimal("6.00"))
    assert {i["label"] for i in one_a["inputs"]} >= {"total aset", "simpanan pokok"}
    assert one_a["derived"] == [{"name": "modal_sendiri", "label": "modal sendiri", "value": Decimal("580000000")}]
    assert one_a["formula_text"] == "modal sendiri / total aset × 100"
    assert one_a["definition_texts"] == [
        "modal sendiri = simpanan pokok + simpanan wajib + simpanan lain berkarakter simpanan wajib + hibah"
        " + cadangan + 0,5 × modal penyertaan"
    ]
    assert one_a["source_text"] == "Permen KUKM 14/2009"
    assert components["3a"]["formula_text"] == "skor = jumlah Ya × 0,25"
    assert components["3a"]["note_text"] == "8 Ya dari 12 pertanyaan"
    assert components["3a"]["points"] == Decimal("0.25")
    assert components["3a"]["skor"] == Decimal("2.00")


def test_pearls_and_questionnaire_groups(verified):
    codes = [p.code for p in selectors.report_pearls(verified)]
    assert codes == ["P1", "P2", "E1", "E2", "E7", "E8", "A1", "R9", "R12", "L3"]
    groups = selectors.questionnaire_groups(verified.questionnaire, verified.manajemen)
    assert [len(g["questions"]) for g in groups] == [12, 6, 5, 10, 5]
    assert [q["answer"] for q in groups[4]["questions"]] == [True, True, False, False, False]
