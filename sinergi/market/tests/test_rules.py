import datetime as dt
from decimal import Decimal

from sinergi.market import rules

TODAY = dt.date(2026, 6, 15)


def test_price_rules():
    assert rules.price_problem(Decimal("-1")) == "price_negative"
    assert rules.price_problem(Decimal("0")) == "price_zero"
    assert rules.price_problem(None) == "price_zero"
    assert rules.price_problem(Decimal("1500.50")) == "price_fraction"
    assert rules.price_problem(Decimal("1000000001")) == "price_too_high"
    assert rules.price_problem(Decimal("15000")) is None


def test_publish_needs_a_submitted_product():
    assert rules.transition_problem("publish", "draft") == "not_curated"
    assert rules.transition_problem("publish", "returned") == "not_curated"
    assert rules.transition_problem("publish", "submitted") is None
    assert rules.transition_problem("submit", "published") == "status"
    assert rules.transition_problem("submit", "returned") is None
    assert rules.transition_problem("return", "draft") == "status"


def test_legality_state_boundaries():
    assert rules.legality_state_of(None, TODAY) == "valid"
    assert rules.legality_state_of(TODAY - dt.timedelta(days=1), TODAY) == "expired"
    assert rules.legality_state_of(TODAY, TODAY) == "expiring"
    assert rules.legality_state_of(TODAY + dt.timedelta(days=30), TODAY) == "expiring"
    assert rules.legality_state_of(TODAY + dt.timedelta(days=31), TODAY) == "valid"


def test_product_state_is_the_worst_legality():
    soon, past, far = (
        TODAY + dt.timedelta(days=3),
        TODAY - dt.timedelta(days=3),
        TODAY + dt.timedelta(days=900),
    )
    assert rules.product_legality_state([], TODAY) == "none"
    assert rules.product_legality_state([None, far], TODAY) == "valid"
    assert rules.product_legality_state([far, soon], TODAY) == "expiring"
    assert rules.product_legality_state([soon, past, None], TODAY) == "expired"


def test_legality_problems():
    found = rules.legality_problems(
        kind="bpom", number=" ", issued_on=TODAY + dt.timedelta(days=1), expires_on=None,
        kinds=("halal", "bpom"), today=TODAY,
    )  # fmt: skip
    assert found == {
        "number": "legality_number_missing",
        "issued_on": "legality_issued_future",
        "expires_on": "legality_expiry_required",
    }
    assert rules.legality_problems(
        kind="halal", number="ID32110000123450124", issued_on=TODAY, expires_on=None,
        kinds=("halal",), today=TODAY,
    ) == {}  # fmt: skip
    assert rules.legality_problems(
        kind="pirt", number="2063271010123-29", issued_on=TODAY, expires_on=TODAY,
        kinds=("pirt",), today=TODAY,
    ) == {"expires_on": "legality_dates"}  # fmt: skip


def test_recuration_fields():
    assert rules.needs_recuration({"price", "unit", "stock_note"}) is False
    assert rules.needs_recuration({"price", "name"}) is True
    assert rules.needs_recuration({"description"}) is True
