"""The settlement arithmetic: exact figures, and money conserved whatever the lines (hypothesis)."""

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from sinergi.consignment import settlement
from sinergi.consignment.settlement import SoldLine


def test_commission_rounded_half_up_per_line_rest_to_producer():
    # 3 × 12.345 = 37.035; 12.5 % = 4.629,375 → 4.629; producer 32.406.
    result = settlement.settle([SoldLine(1, 3, Decimal(12345), commission_pct=Decimal("12.5"))])
    assert result.lines[0].outlet_margin == Decimal(4629)
    assert result.lines[0].producer_share == Decimal(32406)
    assert result.gross == Decimal(37035)
    # A half Rupiah goes to the outlet: 1 × 5 at 10 % = 0,5 → 1.
    half = settlement.settle([SoldLine(1, 1, Decimal(5), commission_pct=Decimal(10))])
    assert (half.outlet_margin, half.producer_share) == (Decimal(1), Decimal(4))


def test_fixed_price_outlet_keeps_difference():
    result = settlement.settle([SoldLine(7, 4, Decimal(20000), producer_price=Decimal(16000))])
    assert (result.sold_qty, result.gross, result.outlet_margin, result.producer_share) == (
        4,
        Decimal(80000),
        Decimal(16000),
        Decimal(64000),
    )


def test_lines_of_one_product_and_price_are_added_before_rounding():
    result = settlement.settle(
        [
            SoldLine(1, 1, Decimal(5), commission_pct=Decimal(10)),
            SoldLine(1, 1, Decimal(5), commission_pct=Decimal(10)),
        ]
    )
    assert len(result.lines) == 1
    assert (result.lines[0].qty, result.outlet_margin, result.producer_share) == (2, Decimal(1), Decimal(9))


def test_difference_keeps_only_changed_lines():
    old = settlement.settle(
        [
            SoldLine(1, 2, Decimal(100), commission_pct=Decimal(10)),
            SoldLine(2, 1, Decimal(50), commission_pct=Decimal(10)),
        ]
    )
    new = settlement.settle(
        [
            SoldLine(1, 3, Decimal(100), commission_pct=Decimal(10)),
            SoldLine(2, 1, Decimal(50), commission_pct=Decimal(10)),
        ]
    )
    change = settlement.difference(new, old)
    assert [(r.product_id, r.qty, r.gross, r.outlet_margin, r.producer_share) for r in change.lines] == [
        (1, 1, Decimal(100), Decimal(10), Decimal(90))
    ]


def test_periods():
    assert settlement.period_of("monthly", dt.date(2026, 2, 10)) == (
        dt.date(2026, 2, 1),
        dt.date(2026, 2, 28),
    )
    assert settlement.period_of("fortnightly", dt.date(2026, 2, 16)) == (
        dt.date(2026, 2, 16),
        dt.date(2026, 2, 28),
    )
    assert settlement.period_of("weekly", dt.date(2026, 11, 5)) == (
        dt.date(2026, 11, 2),
        dt.date(2026, 11, 8),
    )
    assert settlement.periods_ending_in("fortnightly", 2026, 11) == [
        (dt.date(2026, 11, 1), dt.date(2026, 11, 15)),
        (dt.date(2026, 11, 16), dt.date(2026, 11, 30)),
    ]
    # November 2026 has five Sundays: 1, 8, 15, 22, 29.
    weeks = settlement.periods_ending_in("weekly", 2026, 11)
    assert [end.day for _s, end in weeks] == [1, 8, 15, 22, 29]
    assert weeks[0] == (dt.date(2026, 10, 26), dt.date(2026, 11, 1))


prices = st.integers(min_value=0, max_value=5_000_000).map(Decimal)
commission_line = st.builds(
    SoldLine,
    product_id=st.integers(1, 5),
    qty=st.integers(1, 500),
    unit_price=prices,
    commission_pct=st.decimals(min_value=0, max_value=100, places=2),
)


@st.composite
def fixed_line(draw):
    retail = draw(prices)
    fixed = draw(st.integers(0, int(retail)).map(Decimal))
    return SoldLine(draw(st.integers(6, 9)), draw(st.integers(1, 500)), retail, producer_price=fixed)


@given(st.lists(st.one_of(commission_line, fixed_line()), max_size=30))
def test_money_is_conserved(lines):
    result = settlement.settle(lines)
    paid = sum((line.unit_price * line.qty for line in lines), Decimal(0))
    assert result.gross == paid
    assert result.producer_share + result.outlet_margin == paid
    assert result.sold_qty == sum(line.qty for line in lines)
    for r in result.lines:
        assert r.gross == r.outlet_margin + r.producer_share
        assert r.outlet_margin == r.outlet_margin.to_integral_value()
        assert Decimal(0) <= r.outlet_margin <= r.gross


@given(st.lists(commission_line, max_size=20), st.lists(commission_line, max_size=20))
def test_statement_plus_correction_equals_recount(old_lines, new_lines):
    old, new = settlement.settle(old_lines), settlement.settle(new_lines)
    change = settlement.difference(new, old)
    assert old.gross + change.gross == new.gross
    assert old.producer_share + change.producer_share == new.producer_share
    assert old.outlet_margin + change.outlet_margin == new.outlet_margin
