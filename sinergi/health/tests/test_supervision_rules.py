"""The supervision rules as plain functions: dates, RAT compliance, inactivity, pillars, signals and
dissolution deadlines. No database."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from sinergi.health.supervision import rules
from sinergi.health.supervision.dates import (
    add_months,
    financial_year_end,
    last_closed_year,
    last_due_year,
    rat_due_date,
)

D = dt.date


def test_dates():
    assert financial_year_end(2025, 12) == D(2025, 12, 31)
    assert financial_year_end(2024, 2) == D(2024, 2, 29)
    assert rat_due_date(2025, 12, 6) == D(2026, 6, 30)
    assert rat_due_date(2025, 6, 6) == D(2025, 12, 31)
    assert rat_due_date(2025, 8, 6) == D(2026, 2, 28)
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2026, 3, 15), 2) == D(2026, 5, 15)
    assert add_months(D(2026, 11, 30), 4) == D(2027, 3, 30)
    assert last_closed_year(D(2026, 1, 1), 12) == 2025
    assert last_closed_year(D(2025, 12, 31), 12) == 2024
    assert last_closed_year(D(2026, 7, 1), 6) == 2026
    assert last_due_year(D(2026, 6, 30), 12, 6) == 2024
    assert last_due_year(D(2026, 7, 1), 12, 6) == 2025


@pytest.mark.parametrize(
    ("last_rat", "today", "state", "year", "days"),
    [
        # The RAT of 2025 is due by 30 June 2026.
        (D(2026, 4, 1), D(2026, 8, 1), rules.RECORDED, 2025, 0),
        (D(2025, 4, 1), D(2026, 5, 1), rules.PENDING, 2025, 0),
        (D(2025, 4, 1), D(2026, 7, 1), rules.OVERDUE, 2025, 1),
        (D(2025, 4, 1), D(2026, 8, 1), rules.OVERDUE, 2025, 32),
        # A RAT held on the day the books close is not the RAT of that year.
        (D(2025, 12, 31), D(2026, 8, 1), rules.OVERDUE, 2025, 32),
        (None, D(2026, 8, 1), rules.OVERDUE, 2025, 32),
        # Early in the year the last deadline that passed is the one of 2024.
        (D(2024, 5, 1), D(2026, 3, 1), rules.OVERDUE, 2024, 244),
    ],
)
def test_rat_status(last_rat, today, state, year, days):
    status = rules.rat_status(last_rat, 12, today, 6)
    assert (status.state, status.year, status.days_overdue) == (state, year, days)


def test_rat_status_with_a_june_year_end():
    status = rules.rat_status(D(2025, 9, 1), 6, D(2026, 3, 1), 6)
    assert (status.state, status.year) == (rules.RECORDED, 2025)
    overdue = rules.rat_status(D(2024, 9, 1), 6, D(2026, 3, 1), 6)
    assert (overdue.state, overdue.year, overdue.due_date) == (rules.OVERDUE, 2025, D(2025, 12, 31))


@pytest.mark.parametrize(
    ("status", "last_rat", "founded", "expected"),
    [
        ("aktif", D(2025, 3, 1), None, rules.ACTIVE),
        ("aktif", D(2024, 3, 1), None, rules.WARNING),
        ("aktif", D(2023, 11, 23), None, rules.WARNING),
        ("aktif", D(2023, 11, 22), None, rules.WARNING),
        ("aktif", D(2023, 11, 21), None, rules.INACTIVE),
        ("aktif", None, None, rules.INACTIVE),
        ("aktif", None, D(2020, 1, 1), rules.INACTIVE),
        ("aktif", None, D(2025, 1, 1), rules.NEW),
        ("aktif", None, D(2023, 11, 22), rules.NEW),
        # "Belum diketahui": the evidence decides, exactly as for "aktif".
        ("belum_tahu", D(2025, 3, 1), None, rules.ACTIVE),
        ("belum_tahu", D(2024, 3, 1), None, rules.WARNING),
        ("belum_tahu", None, None, rules.INACTIVE),
        ("belum_tahu", D(2020, 3, 1), D(2019, 1, 1), rules.INACTIVE),
        ("belum_tahu", None, D(2025, 1, 1), rules.NEW),
        # A status the office set stands, whatever the RAT says.
        ("tidak_aktif", D(2026, 3, 1), None, rules.INACTIVE),
        ("dibekukan", D(2026, 3, 1), D(2025, 1, 1), rules.INACTIVE),
        # A dissolved cooperative is not counted at all.
        ("dibubarkan", D(2026, 3, 1), None, None),
    ],
)
def test_activity(status, last_rat, founded, expected):
    assert rules.activity(status, last_rat, founded, D(2026, 11, 22), 3) == expected


def test_rules_are_pure():
    """The rules module reads no database: no model module among its imports."""
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(rules))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert not [name for name in imported if name.endswith("models") or name.startswith("django.db")]
    assert imported >= {"sinergi.registry.activity"}


@pytest.mark.parametrize(
    ("status", "proposable"),
    [("aktif", True), ("belum_tahu", True), ("tidak_aktif", False), ("dibekukan", False), ("dibubarkan", False)],
)
def test_may_be_proposed(status, proposable):
    assert rules.may_be_proposed(status) is proposable


def facts(**changes):
    base = {
        "pk": 1,
        "name": "KSP",
        "region_code": "32.71.06.1001",
        "district_code": "32.71.06",
        "status": "aktif",
        "cooperative_type": "simpan_pinjam",
        "last_rat": D(2026, 3, 1),
        "last_rat_source": "report",
        "rat": rules.RatStatus(rules.RECORDED, 2025, D(2025, 12, 31), D(2026, 6, 30)),
        "activity": rules.ACTIVE,
    }
    base.update(changes)
    return rules.CooperativeFacts(**base)


def assessed(predicate, total="70", npl=None, year=2025):
    return {"year": year, "total": Decimal(total), "predicate": predicate, "rules": "perdep-06-2016", "npl": npl}


@pytest.mark.parametrize(
    ("changes", "pillar"),
    [
        ({"status": "tidak_aktif", "latest": assessed("sehat")}, rules.REORIENTATION),
        ({"status": "dibekukan"}, rules.REORIENTATION),
        ({"status": "belum_tahu", "latest": assessed("sehat")}, rules.DEVELOPMENT),
        ({"status": "belum_tahu", "activity": rules.INACTIVE, "latest": assessed("sehat")}, rules.REORIENTATION),
        ({"activity": rules.INACTIVE, "latest": assessed("sehat")}, rules.REORIENTATION),
        (
            {"rat": rules.RatStatus(rules.OVERDUE, 2025, D(2025, 12, 31), D(2026, 6, 30)), "latest": assessed("sehat")},
            rules.REORIENTATION,
        ),
        ({"latest": assessed("dalam_pengawasan")}, rules.REHABILITATION),
        ({"latest": assessed("dalam_pengawasan_khusus")}, rules.REHABILITATION),
        ({"latest": assessed("kurang_sehat")}, rules.REHABILITATION),
        ({"latest": assessed("sangat_tidak_sehat")}, rules.REHABILITATION),
        ({"latest": assessed("sehat")}, rules.DEVELOPMENT),
        ({"latest": assessed("cukup_sehat")}, rules.DEVELOPMENT),
        ({"latest": assessed(None)}, rules.UNASSESSED),
        ({}, rules.UNASSESSED),
    ],
)
def test_pillar_first_match_wins(changes, pillar):
    assert rules.pillar(facts(**changes)) == pillar


def test_signals_and_their_weights():
    item = facts(
        latest=assessed("dalam_pengawasan_khusus", "45", npl=Decimal("12.5")),
        previous=assessed("dalam_pengawasan", "52", npl=Decimal("9"), year=2024),
        rat=rules.RatStatus(rules.OVERDUE, 2025, D(2025, 12, 31), D(2026, 6, 30)),
    )
    item.signals = rules.signals(item)
    assert [s.code for s in item.signals] == ["predicate_worst", "score_falling", "rat_overdue", "bad_loans_rising"]
    assert item.risk == 40 + 20 + 20 + 15


def test_small_changes_are_no_signal():
    item = facts(
        latest=assessed("dalam_pengawasan", "60", npl=Decimal("5.9")),
        previous=assessed("dalam_pengawasan", "64.01", npl=Decimal("5")),
    )
    assert [s.code for s in rules.signals(item)] == ["predicate_weak"]
    assert rules.signals(facts(latest=assessed("sehat"))) == []


def test_npl_ratio():
    assert rules.npl_ratio(Decimal(1000), Decimal(40), Decimal(20), Decimal(30)) == Decimal(9)
    assert rules.npl_ratio(Decimal(0), Decimal(0), Decimal(0), Decimal(0)) is None
    assert rules.npl_ratio(Decimal(1000), None, Decimal(0), Decimal(0)) is None


def case(**fields):
    base = {
        "notice_received_on": D(2026, 1, 10),
        "objection_received_on": None,
        "objection_decided_on": None,
        "decided_on": None,
        "closed": False,
    }
    base.update(fields)
    return SimpleNamespace(**base)


def test_deadlines_of_a_notified_case():
    deadlines = {d.code: d for d in rules.case_deadlines(case(), D(2026, 5, 11))}
    assert deadlines["objection"].due == D(2026, 3, 10)
    assert deadlines["decision"].due == D(2026, 5, 10)
    assert deadlines["decision"].overdue is True
    assert "objection_decision" not in deadlines
    assert rules.case_deadlines(case(notice_received_on=None), D(2026, 5, 11)) == []


def test_deadlines_of_an_objection():
    deadlines = {
        d.code: d
        for d in rules.case_deadlines(
            case(objection_received_on=D(2026, 2, 20), objection_decided_on=D(2026, 3, 25)), D(2026, 4, 1)
        )
    }
    assert deadlines["objection_decision"].due == D(2026, 3, 20)
    assert deadlines["objection_decision"].late is True
    assert deadlines["objection_decision"].overdue is False
    assert deadlines["decision"].overdue is False


def test_a_closed_case_is_never_overdue():
    deadlines = rules.case_deadlines(case(closed=True), D(2027, 1, 1))
    assert not any(d.overdue for d in deadlines)
