"""The demo world, built once for this module: every assessment's explanation comes back from what
the row keeps, and the registry's activity page and supervision count the same inactive
cooperatives for every office."""

import json

import pytest
from django.db import transaction

from sinergi.accounts import demo as accounts_demo
from sinergi.accounts.models import Membership
from sinergi.accounts.services import system_user
from sinergi.health import demo as health_demo
from sinergi.health.inputs import report_input
from sinergi.health.models import Assessment
from sinergi.health.scoring import assess, assess_indicative
from sinergi.health.selectors import assessment_detail, assessment_explanation
from sinergi.health.supervision import selectors as supervision
from sinergi.registry import demo as registry_demo
from sinergi.registry import selectors as registry


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        actor = system_user()
        accounts_demo.seed(actor=actor)
        registry_demo.seed(actor=actor)
        health_demo.seed(actor=actor)
        yield
        transaction.set_rollback(True)


def full_result(assessment: Assessment) -> dict:
    """The explained result as every assessment used to store it: the engine on the report's
    figures, indicative for a cooperative without a savings-and-loan business."""
    report = assessment.report
    score = assess if report.cooperative.cooperative_type == "simpan_pinjam" else assess_indicative
    return score(report_input(report), assessment.rules).to_dict(detail=True)


@pytest.mark.django_db
def test_every_demo_explanation_comes_back_from_the_compact_row(demo_world):
    assessments = list(Assessment.objects.select_related("report", "report__cooperative"))
    assert len(assessments) > 50
    for assessment in assessments:
        expected = full_result(assessment)
        assert assessment_explanation(assessment) == expected, assessment.pk
        assert assessment.scores == {
            c["code"]: c["skor"] for aspect in expected["aspects"] for c in aspect["components"]
        }
        assert assessment_detail(assessment)["stale"] is False
    # A row keeps about a tenth of what the explanation weighs.
    kept = sum(len(json.dumps(a.inputs)) + len(json.dumps(a.scores)) for a in assessments)
    explained = sum(len(json.dumps(full_result(a))) for a in assessments)
    assert kept * 8 < explained


@pytest.mark.django_db
def test_a_changed_table_edition_is_shown_as_such(demo_world):
    assessment = Assessment.objects.select_related("report__cooperative").first()
    assessment.rules_version = "0"
    assert assessment_detail(assessment)["stale"] is True
    assessment.rules_version = "1"
    assessment.scores = {**assessment.scores, "1a": "0.01"}
    assert assessment_detail(assessment)["stale"] is True


@pytest.mark.django_db
def test_activity_page_and_supervision_count_the_same(demo_world):
    officers = [m.user for m in Membership.objects.filter(role__in=["admin", "staff", "viewer"]).select_related("user")]
    assert len(officers) >= 10
    for user in [system_user(), *officers]:
        page = registry.activity_summary(user=user)["total"]
        summary = supervision.supervision_summary(user=user)
        assert (page["registered"], page["inactive"], page["warning"]) == (
            summary["cooperatives"],
            summary["inactive"],
            summary["warning"],
        ), user.email
