"""Batch scoring: the same numbers as `assess`, an upsert per report, refusals reported, scope kept."""

import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sinergi.core.models import AuditEvent
from sinergi.health import batch
from sinergi.health.models import Assessment, EncodedJSON
from sinergi.health.scoring import assess, assess_indicative
from sinergi.health.scoring.decimals import display
from sinergi.health.scoring.stored import compact_inputs, component_scores, explain
from sinergi.health.services import report_input
from sinergi.health.tests.factories import AnnualReportFactory, CooperativeProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(ksp_bogor, ksp_bandung):
    serba_usaha = CooperativeProfileFactory(region="32.71.03.1002", cooperative_type="serba_usaha")
    return [
        AnnualReportFactory(cooperative=ksp_bogor, year=2024),
        AnnualReportFactory(cooperative=ksp_bandung, year=2024, kas=Decimal("75000000"), manajemen={}),
        AnnualReportFactory(cooperative=serba_usaha, year=2024, pinjaman_macet=Decimal("0")),
        AnnualReportFactory(cooperative=ksp_bogor, year=2023),
        AnnualReportFactory(cooperative=CooperativeProfileFactory(), year=2024, status="submitted"),
    ]


def expected(report):
    score = assess if report.cooperative.cooperative_type == "simpan_pinjam" else assess_indicative
    return score(report_input(report), "perdep-06-2016")


def check_stored(report):
    report.refresh_from_db()
    stored = Assessment.objects.get(report=report)
    result = expected(report)
    assert stored.total == Decimal(display(result.total))
    assert stored.predicate == result.predicate
    assert stored.complete == result.complete
    assert stored.official == result.official
    assert stored.inputs == compact_inputs(report_input(report))
    assert stored.scores == component_scores(result)
    assert stored.rules_version == "1"
    # What the row keeps gives back the whole explanation.
    assert explain(stored.inputs, stored.rules, official=stored.official) == json.loads(
        json.dumps(result.to_dict(detail=True))
    )
    assert (stored.cooperative_id, stored.year, stored.rules) == (report.cooperative_id, report.year, "perdep-06-2016")


def test_batch_stores_what_assess_gives(reports, system):
    result = batch.assessments_score_year(actor=system, year=2024, rules="perdep-06-2016")
    assert (result.total, result.scored, result.incomplete, result.failures) == (3, 3, 1, [])
    for report in reports[:3]:
        check_stored(report)
    assert not Assessment.objects.filter(report__in=[reports[3], reports[4]]).exists()
    event = AuditEvent.objects.get(action="assessment.batch")
    assert event.after["scored"] == 3
    assert event.after["rules"] == "perdep-06-2016"


def test_batch_again_replaces_each_assessment(reports, system):
    batch.assessments_score_year(actor=system, year=2024, rules="perdep-06-2016")
    result = batch.assessments_score_year(actor=system, year=2024, rules="permen-14-2009")
    assert result.scored == 3
    assert Assessment.objects.count() == 3
    assert set(Assessment.objects.values_list("rules", flat=True)) == {"permen-14-2009"}
    assert Assessment.objects.get(report=reports[0]).predicate == "cukup_sehat"


def test_refused_figures_are_reported_and_the_rest_scored(reports, system):
    # Written past the entry checks: equity above total assets puts 1a outside its table.
    broken = AnnualReportFactory(
        cooperative=CooperativeProfileFactory(), year=2024, modal_sendiri=Decimal("2000000000")
    )
    result = batch.assessments_score_year(actor=system, year=2024, rules="perdep-06-2016")
    assert result.scored == 3
    assert [pk for pk, _error in result.failures] == [broken.pk]
    assert "1a" in result.failures[0][1]
    assert result.to_dict()["failed"] == 1


def test_parallel_workers_give_the_same_numbers(reports, system, monkeypatch):
    monkeypatch.setattr(batch, "PARALLEL_MIN", 0)
    qs = batch.verified_reports(actor=system, year=2024)
    seen = []
    result = batch.score_reports(
        actor=system, qs=qs, rules="perdep-06-2016", workers=2, chunk_size=1, progress=lambda d, t: seen.append((d, t))
    )
    assert result.scored == 3
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]
    for report in reports[:3]:
        check_stored(report)


def test_office_scope(reports, officer_bogor):
    result = batch.assessments_score_year(actor=officer_bogor, year=2024, rules="perdep-06-2016")
    assert result.scored == 2
    assert set(Assessment.objects.values_list("cooperative__region_code", flat=True)) == {
        "32.71.06.1001",
        "32.71.03.1002",
    }


@pytest.mark.parametrize("who", ["viewer_bogor", "coop_manager"])
def test_rescoring_is_for_officers(request, who, reports):
    with pytest.raises(PermissionDenied):
        batch.assessments_score_year(actor=request.getfixturevalue(who), year=2024, rules="perdep-06-2016")
    assert Assessment.objects.count() == 0


def test_unknown_rules(reports, system):
    with pytest.raises(ValidationError):
        batch.assessments_score_year(actor=system, year=2024, rules="kkpkk")
    assert Assessment.objects.count() == 0


def test_encoded_json_is_written_as_is(reports, system):
    report = reports[0]
    Assessment.objects.create(
        report=report,
        cooperative=report.cooperative,
        year=2024,
        rules="perdep-06-2016",
        rules_version="1",
        total=Decimal("1.00"),
        complete=False,
        inputs=EncodedJSON('{"a":[1,"≤"]}'),
        scores={"1a": "≤"},
    )
    stored = Assessment.objects.get(report=report)
    assert (stored.inputs, stored.scores) == ({"a": [1, "≤"]}, {"1a": "≤"})
