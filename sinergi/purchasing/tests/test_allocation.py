"""Allocation of a pooled bill: exact sums, never more than alone, deterministic ties."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sinergi.purchasing.allocation import AllocationError, BuyerCosts, allocate, largest_remainder


def test_largest_remainder_gives_the_spare_units_to_the_largest_remainders():
    # 100 × (1, 1, 1) / 3 = 33.33… each: floors 33 + 33 + 33 = 99, one unit left; all remainders
    # are equal (1 of 3), so the smallest key, "a", gets it whatever the input order.
    assert largest_remainder(100, [1, 1, 1], ["c", "a", "b"]) == [33, 34, 33]
    # 10 × (5, 3, 2) / 10 is exact.
    assert largest_remainder(10, [5, 3, 2], ["x", "y", "z"]) == [5, 3, 2]
    # 7 × (2, 1) / 3 = 4.67, 2.33: floors 4 + 2 = 6, the unit goes to the remainder 2/3.
    assert largest_remainder(7, [2, 1], ["x", "y"]) == [5, 2]


def test_proportional_shares_the_saving_in_proportion_to_alone_costs():
    # Pooled 900 against alone 600 + 400 = 1,000: everyone pays 90 % of its alone cost.
    buyers = [
        BuyerCosts("k1", alone_cost=600, pooled_cost=500),
        BuyerCosts("k2", alone_cost=400, pooled_cost=400),
    ]
    assert allocate("proportional", total=900, buyers=buyers) == {"k1": 540, "k2": 360}


def test_a_bill_above_the_alone_costs_cannot_be_allocated():
    with pytest.raises(AllocationError, match="exceeds"):
        allocate("proportional", total=1001, buyers=[BuyerCosts("k1", 1000, 1001)])


def test_unknown_rule():
    with pytest.raises(AllocationError, match="unknown allocation rule 'equal_price'"):
        allocate("equal_price", total=10, buyers=[BuyerCosts("k1", 10, 10)])


def test_no_buyers():
    assert allocate("proportional", total=0, buyers=[]) == {}


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(1, 10**11), min_size=1, max_size=30),
    st.floats(0, 1),
)
def test_proportional_invariants(alone, fraction):
    buyers = [BuyerCosts(f"k{i:02d}", cost, cost) for i, cost in enumerate(alone)]
    total = int(sum(alone) * fraction)
    pays = allocate("proportional", total=total, buyers=buyers)
    assert sum(pays.values()) == total
    assert all(0 <= pays[b.buyer] <= b.alone_cost for b in buyers)
    # Shuffling the input does not change who gets the spare Rupiah.
    assert allocate("proportional", total=total, buyers=buyers[::-1]) == pays
