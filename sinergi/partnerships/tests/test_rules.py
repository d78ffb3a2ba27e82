"""The rules of partnerships, without the database."""

import datetime as dt
from decimal import Decimal

from sinergi.partnerships import rules

D = dt.date


def test_obligation_states():
    due = D(2026, 6, 30)
    state = lambda met_on, today, status="active": rules.obligation_state(  # noqa: E731
        target=Decimal(10), due_on=due, met_on=met_on, today=today, agreement_status=status
    )
    assert state(None, D(2026, 6, 30)) == "on_track"
    assert state(D(2026, 6, 30), D(2026, 7, 5)) == "met_on_time"
    assert state(D(2026, 7, 1), D(2026, 7, 5)) == "met_late"
    assert state(None, D(2026, 7, 1)) == "overdue"
    assert state(None, D(2026, 7, 1), "terminated") == "missed"
    assert state(None, D(2026, 7, 1), "expired") == "missed"


def test_met_on_is_the_day_the_running_total_reaches_the_target():
    entries = [(D(2026, 3, 1), Decimal(4)), (D(2026, 1, 1), Decimal(5)), (D(2026, 5, 1), Decimal(3))]
    assert rules.met_on_from_entries(Decimal(9), entries) == D(2026, 3, 1)
    assert rules.met_on_from_entries(Decimal(13), entries) is None


def test_obligation_due_before_the_agreement_starts_is_refused():
    kwargs = {"agreement_start": D(2026, 1, 1), "agreement_end": D(2027, 1, 1), "start_on": None}
    assert rules.obligation_problem(target=Decimal(1), due_on=D(2025, 12, 31), **kwargs) == "due_before_start"
    assert rules.obligation_problem(target=Decimal(1), due_on=D(2027, 1, 2), **kwargs) == "due_after_end"
    assert (
        rules.obligation_problem(target=Decimal(0), due_on=D(2026, 5, 1), **kwargs) == "target_not_positive"
    )
    assert rules.obligation_problem(target=Decimal(1), due_on=D(2026, 1, 1), **kwargs) is None


def test_one_party_must_lie_in_the_jurisdiction():
    assert rules.jurisdiction_problem(
        office_codes=["32.01"], party_codes=["32.71.03.1006", "32.73.13.1007"]
    ) == ("no_party_inside")
    assert (
        rules.jurisdiction_problem(office_codes=["32.01"], party_codes=["32.71.03.1006", "32.01.05.2001"])
        is None
    )


def test_signing_needs_a_draft_with_two_parties():
    assert rules.sign_problem(status="draft", party_count=1) == "few_parties"
    assert rules.sign_problem(status="signed", party_count=3) == "not_draft"
    assert rules.sign_problem(status="draft", party_count=2) is None


def test_status_follows_the_dates():
    kw = {"start_on": D(2026, 1, 1), "end_on": D(2026, 12, 31)}
    assert rules.status_on(status="signed", today=D(2025, 12, 31), **kw) == "signed"
    assert rules.status_on(status="signed", today=D(2026, 1, 1), **kw) == "active"
    assert rules.status_on(status="active", today=D(2027, 1, 1), **kw) == "expired"
    assert rules.status_on(status="terminated", today=D(2026, 5, 1), **kw) == "terminated"


def test_documents_are_judged_by_content_and_size():
    assert rules.document_problem(b"%PDF-1.7", 100) is None
    assert rules.document_problem(b"<html>", 100) == "not_pdf"
    assert rules.document_problem(b"%PDF-1.7", 10 * 1024 * 1024 + 1) == "too_large"
