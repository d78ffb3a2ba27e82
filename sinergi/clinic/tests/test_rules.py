"""The clinic's pure rules, without the database."""

import datetime as dt
from decimal import Decimal

import pytest

from sinergi.clinic import rules

SETTING = rules.GoodSetting()


@pytest.mark.parametrize(
    ("step", "stage", "expected"),
    [
        ("enrol", "requested", None),
        ("enrol", "enrolled", "stage"),
        ("assign_team", "enrolled", None),
        ("assign_team", "diagnosis", None),
        ("assign_team", "plan", "stage"),
        ("agree", "diagnosis", None),
        ("agree", "enrolled", "stage"),
        ("recommend", "plan", None),
        ("recommend", "follow_up", None),
        ("recommend", "diagnosis", "stage"),
        ("close", "follow_up", None),
        ("close", "plan", None),
        ("close", "diagnosis", "stage"),
        ("close", "closed", "closed"),
        ("recommend", "closed", "closed"),
    ],
)
def test_transitions(step, stage, expected):
    assert rules.transition_problem(step, stage) == expected


def test_rating_after_agreement_is_refused():
    assert rules.rating_problem(stage="plan", agreed=True, in_team=True) == "rating_after_agreement"
    assert rules.rating_problem(stage="diagnosis", agreed=True, in_team=True) == "rating_after_agreement"
    assert rules.rating_problem(stage="diagnosis", agreed=False, in_team=False) == "rating_not_in_team"
    assert rules.rating_problem(stage="enrolled", agreed=False, in_team=True) == "stage"
    assert rules.rating_problem(stage="diagnosis", agreed=False, in_team=True) is None


def test_agreement_needs_ratings_and_problems():
    assert rules.agree_problem(stage="diagnosis", ratings=0, problems=1) == "no_ratings"
    assert rules.agree_problem(stage="diagnosis", ratings=1, problems=0) == "no_problems"
    assert rules.agree_problem(stage="plan", ratings=1, problems=1) == "stage"
    assert rules.agree_problem(stage="diagnosis", ratings=2, problems=1) is None


def test_visit_before_enrolment_is_refused():
    enrolled = dt.date(2026, 3, 1)
    today = dt.date(2026, 5, 1)
    assert (
        rules.visit_date_problem(
            enrolled_on=enrolled, planned_on=dt.date(2026, 2, 28), visited_on=None, today=today
        )
        == "visit_before_enrolment"
    )
    assert (
        rules.visit_date_problem(
            enrolled_on=enrolled, planned_on=enrolled, visited_on=dt.date(2026, 2, 1), today=today
        )
        == "visit_before_enrolment"
    )
    assert (
        rules.visit_date_problem(
            enrolled_on=enrolled, planned_on=enrolled, visited_on=dt.date(2026, 5, 2), today=today
        )
        == "visit_in_future"
    )
    assert (
        rules.visit_date_problem(enrolled_on=enrolled, planned_on=enrolled, visited_on=enrolled, today=today)
        is None
    )


def test_disagreement_between_raters():
    assert rules.disagreement([(2, frozenset({1}))]) is None
    d = rules.disagreement([(3, frozenset({1, 2})), (1, frozenset({1, 3}))])
    assert d.shared == frozenset({1})
    assert d.disputed == frozenset({2, 3})
    assert (d.severity_min, d.severity_max) == (1, 3)
    assert d.any is True
    same = rules.disagreement([(2, frozenset({1})), (2, frozenset({1}))])
    assert same.any is False


def test_low_components_are_below_half_their_weight():
    weights = {"1a": Decimal("6"), "2a": Decimal("10"), "3a": Decimal("3")}
    assert rules.low_components({"1a": "2.99", "2a": "5.00", "3a": None}, weights) == ["1a"]


@pytest.mark.parametrize(
    ("before", "after", "sound", "rat", "expected"),
    [
        (2, 1, True, True, ("improved", True)),  # Dalam Pengawasan → Cukup Sehat
        (3, 2, False, True, ("improved", True)),  # one predicate better
        (3, 2, False, False, ("improved", False)),  # … but the RAT is overdue
        (1, 1, True, True, ("unchanged", True)),  # stays Cukup Sehat
        (2, 2, False, True, ("unchanged", False)),
        (1, 2, False, True, ("worse", False)),
        (None, 0, True, True, ("improved", True)),
        (None, 2, False, True, ("unchanged", False)),
    ],
)
def test_cooperative_verdict(before, after, sound, rat, expected):
    verdict = rules.cooperative_verdict(rules.CooperativeOutcome(before, after, sound, rat), SETTING)
    assert (verdict.result, verdict.good) == expected


def test_cooperative_without_later_assessment_has_no_verdict():
    assert rules.cooperative_verdict(rules.CooperativeOutcome(2, None, False, True), SETTING) is None


def test_rat_not_required_by_setting():
    setting = rules.GoodSetting(requires_rat=False)
    verdict = rules.cooperative_verdict(rules.CooperativeOutcome(3, 2, False, False), setting)
    assert (verdict.result, verdict.good) == ("improved", True)


@pytest.mark.parametrize(
    ("before", "after", "nib_before", "nib_after", "goal", "pct", "expected"),
    [
        ("100", "112", False, False, "sales", None, ("improved", True)),  # +12 % ≥ 10 %
        ("100", "105", False, False, "sales", None, ("improved", False)),
        ("100", "105", False, False, "sales", Decimal("5"), ("improved", True)),
        ("100", "90", False, False, "sales", None, ("worse", False)),
        ("100", "100", False, True, "legality", None, ("improved", True)),
        ("100", "90", False, True, "legality", None, ("improved", True)),
        (None, None, False, False, "sales", None, None),
    ],
)
def test_business_verdict(before, after, nib_before, nib_after, goal, pct, expected):
    outcome = rules.BusinessOutcome(
        Decimal(before) if before else None,
        Decimal(after) if after else None,
        nib_before,
        nib_after,
        goal,
        pct,
    )
    verdict = rules.business_verdict(outcome, SETTING)
    assert (None if verdict is None else (verdict.result, verdict.good)) == expected


def test_sales_growth():
    assert rules.sales_growth(Decimal("80"), Decimal("100")) == Decimal("25.00")
    assert rules.sales_growth(Decimal("0"), Decimal("100")) is None


def test_programme_targets():
    assert rules.programme_problem(target_participants=30, target_good=10) is None
    assert rules.programme_problem(target_participants=5, target_good=10) == "target_good_above_participants"
