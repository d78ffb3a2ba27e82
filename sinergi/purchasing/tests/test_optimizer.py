"""The Belanja Bareng optimiser, without a database: brute force, properties, exact values, errors."""

import itertools
import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sinergi.purchasing import optimizer
from sinergi.purchasing.optimizer import (
    Instance,
    InstanceError,
    Offer,
    OrderLine,
    Supplier,
    Tier,
    evaluate,
    instance_from_dict,
    plan_to_dict,
    solve,
)

# ---------------------------------------------------------------------------------------------
# An independent reference: price and enumerate assignments the slow, obvious way.


def price_at(tiers, volume):
    return [t.unit_price for t in tiers if volume >= t.min_qty][-1]


def reference_cost(instance, suppliers, lines):
    """Cost of giving instance.orders[lines[i]] to suppliers[i], counting only those lines."""
    tiers = {(o.supplier, o.product): o.tiers for o in instance.offers}
    fees = {s.id: s.delivery_fee for s in instance.suppliers}
    volume, deliveries = {}, set()
    for i, supplier in zip(lines, suppliers, strict=True):
        line = instance.orders[i]
        volume[supplier, line.product] = volume.get((supplier, line.product), 0) + line.qty
        deliveries.add((line.buyer, line.district, supplier))
    goods = sum(price_at(tiers[key], v) * v for key, v in volume.items())
    return goods + sum(fees[s][district] for _, district, s in deliveries)


def options(instance, i):
    line = instance.orders[i]
    delivering = {s.id for s in instance.suppliers if line.district in s.delivery_fee}
    return [o.supplier for o in instance.offers if o.product == line.product and o.supplier in delivering]


def brute_force(instance, lines=None):
    lines = list(range(len(instance.orders))) if lines is None else lines
    return min(
        reference_cost(instance, choice, lines)
        for choice in itertools.product(*(options(instance, i) for i in lines))
    )


@st.composite
def instances(draw, max_lines=8, max_suppliers=3):
    """Small servable rounds: 1–3 districts, products and suppliers, tiers of 1–3 steps."""
    # Sizes count down from the maximum: Hypothesis favours small draws, and a one-line round
    # with one supplier tests little.
    districts = [f"32.73.0{i}" for i in range(1, 3 - draw(st.integers(0, 1)))]
    products = [f"p{i}" for i in range(3 - draw(st.integers(0, 2)))]
    suppliers = []
    for s in range(max_suppliers - draw(st.integers(0, max_suppliers - 1))):
        served = draw(st.lists(st.sampled_from(districts), min_size=1, unique=True))
        fees = {d: draw(st.sampled_from([0, 30, 80, 150, 400])) for d in served}
        suppliers.append(Supplier(id=f"s{s}", delivery_fee=fees))
    offers = []
    for supplier in suppliers:
        for product in products:
            if draw(st.booleans()) or product == products[0]:
                steps = draw(st.lists(st.integers(2, 25), max_size=2, unique=True))
                mins = [1, *sorted(steps)]
                prices = draw(st.lists(st.integers(5, 60), min_size=len(mins), max_size=len(mins)))
                prices.sort(reverse=True)  # tier prices never rise with quantity
                offers.append(Offer(supplier.id, product, tuple(map(Tier, mins, prices))))
    servable = [
        (d, p)
        for d in districts
        for p in products
        if any(
            o.product == p and d in s.delivery_fee for o in offers for s in suppliers if s.id == o.supplier
        )
    ]
    assume(servable)
    reachable = sorted({d for d, _ in servable})
    buyers = [(f"k{i}", draw(st.sampled_from(reachable))) for i in range(4 - draw(st.integers(0, 3)))]
    orders = []
    for _ in range(max_lines - draw(st.integers(0, max_lines - 1))):
        buyer, district = draw(st.sampled_from(buyers))
        product = draw(st.sampled_from([p for d, p in servable if d == district]))
        orders.append(OrderLine(buyer, district, product, draw(st.integers(1, 15))))
    return Instance(tuple(suppliers), tuple(offers), tuple(orders))


FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(instances())
def test_pooled_total_equals_brute_force_optimum(instance):
    plan = solve(instance, gap_tolerance=0.0)
    assert plan.total_cost == brute_force(instance)
    assert plan.status == "optimal"
    assert plan.gap == 0.0


@FAST
@given(instances(max_lines=6))
def test_alone_cost_is_each_buyers_own_optimum(instance):
    plan = solve(instance)
    for share in plan.buyers:
        own = [i for i, line in enumerate(instance.orders) if line.buyer == share.buyer]
        assert share.alone_cost == brute_force(instance, own)
    assert plan.alone_cost == sum(share.alone_cost for share in plan.buyers)


@settings(max_examples=25, deadline=None)
@given(instances(max_lines=6))
def test_alone_by_milp_matches_enumeration(instance):
    # Buyers with many candidate suppliers get a facility-location MILP instead of enumeration.
    by_enumeration = [b.alone_cost for b in solve(instance).buyers]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(optimizer, "ENUMERATION_LIMIT", 0)
        assert [b.alone_cost for b in solve(instance).buyers] == by_enumeration


def check_plan(instance, plan):
    """The invariants every plan must hold, whatever the solver did."""
    assert sum(share.pays for share in plan.buyers) == plan.total_cost
    for share in plan.buyers:
        assert 0 <= share.pays <= share.alone_cost
        assert share.saves == share.alone_cost - share.pays
    assert plan.savings == plan.alone_cost - plan.total_cost >= 0
    assert plan.total_cost == plan.goods_cost + plan.delivery_cost
    assert plan.total_cost == evaluate(instance, [line.supplier for line in plan.lines]).total_cost
    offers = {(o.supplier, o.product): o.tiers for o in instance.offers}
    fees = {s.id: s.delivery_fee for s in instance.suppliers}
    totals = {}
    for order, line in zip(instance.orders, plan.lines, strict=True):
        assert (line.buyer, line.product, line.qty) == (order.buyer, order.product, order.qty)
        assert (line.supplier, line.product) in offers
        assert order.district in fees[line.supplier]
        totals[line.supplier, line.product] = totals.get((line.supplier, line.product), 0) + line.qty
    for line in plan.lines:
        reached = price_at(offers[line.supplier, line.product], totals[line.supplier, line.product])
        assert line.unit_price == reached
        assert line.goods_cost == reached * line.qty
    for total in plan.suppliers:
        assert total.qty == totals[total.supplier, total.product]
        assert total.unit_price == price_at(offers[total.supplier, total.product], total.qty)
        assert (
            total.tier_min_qty
            == [t.min_qty for t in offers[total.supplier, total.product] if total.qty >= t.min_qty][-1]
        )
    for share in plan.buyers:
        own = [line for line in plan.lines if line.buyer == share.buyer]
        assert share.goods_cost == sum(line.goods_cost for line in own)
        assert share.suppliers == tuple(sorted({line.supplier for line in own}))
        assert share.delivery_cost == sum(fees[s][share.district] for s in share.suppliers)
    assert 0.0 <= plan.gap <= 1.0
    assert plan.stats.lower_bound <= plan.total_cost


@FAST
@given(instances(max_lines=30, max_suppliers=4))
def test_plan_properties(instance):
    check_plan(instance, solve(instance))


@settings(max_examples=30, deadline=None)
@given(instances(max_lines=20, max_suppliers=4))
def test_out_of_time_still_never_charges_more_than_alone(instance):
    # With no time at all the solver returns the buyers' alone plans pooled: feasible, and at
    # pooled prices never dearer than buying alone.
    plan = solve(instance, time_limit=0.0)
    assert plan.status in ("optimal", "time_limit")
    check_plan(instance, plan)


# ---------------------------------------------------------------------------------------------
# Exact values, computed by hand


def test_pooling_crosses_a_tier():
    # Alone k1 pays 6 × 100 + fee 20 = 620 and k2 5 × 100 + 20 = 520: Σ = 1,140. Pooled, s1 sells
    # 11 ≥ 10 units at 90: 990 + two fees 40 = 1,030, savings 110. Proportional: k1 1,030 × 620 /
    # 1,140 = 560.175…, k2 1,030 × 520 / 1,140 = 469.824…; floors 560 + 469 = 1,029, the last Rupiah
    # to the larger remainder (k2: 535,600 mod 1,140 = 940 > k1: 200) → 560 and 470.
    instance = Instance(
        suppliers=(Supplier("s1", {"32.73.01": 20}),),
        offers=(Offer("s1", "beras-5kg", (Tier(1, 100), Tier(10, 90))),),
        orders=(OrderLine("k1", "32.73.01", "beras-5kg", 6), OrderLine("k2", "32.73.01", "beras-5kg", 5)),
    )
    plan = solve(instance)
    assert (plan.status, plan.gap, plan.total_cost, plan.alone_cost, plan.savings) == (
        "optimal",
        0.0,
        1030,
        1140,
        110,
    )
    assert [(line.supplier, line.unit_price, line.alone_unit_price) for line in plan.lines] == [
        ("s1", 90, 100)
    ] * 2
    assert [(b.buyer, b.alone_cost, b.pays, b.saves) for b in plan.buyers] == [
        ("k1", 620, 560, 60),
        ("k2", 520, 470, 50),
    ]
    assert [(t.supplier, t.product, t.qty, t.tier, t.tier_min_qty, t.unit_price) for t in plan.suppliers] == [
        ("s1", "beras-5kg", 11, 2, 10, 90)
    ]


def test_pooling_moves_both_buyers_to_the_supplier_whose_tier_they_reach_together():
    # Alone both buy from s1 at 100: k1 12 × 100 + 10 = 1,210, k2 10 × 100 + 10 = 1,010; Σ 2,220.
    # Together 22 ≥ 20 units at s2 cost 92 each: 2,024 + 2 × 10 = 2,044 (savings 176). Shares:
    # 2,044 × 1,210 / 2,220 = 1,114.07…, 2,044 × 1,010 / 2,220 = 929.93…; remainders 160 and
    # 2,060 (of 2,220), so k2 gets the spare Rupiah: 1,114 and 930.
    instance = Instance(
        suppliers=(Supplier("s1", {"32.73.01": 10}), Supplier("s2", {"32.73.01": 10})),
        offers=(
            Offer("s1", "gula-1kg", (Tier(1, 100),)),
            Offer("s2", "gula-1kg", (Tier(1, 105), Tier(20, 92))),
        ),
        orders=(OrderLine("k1", "32.73.01", "gula-1kg", 12), OrderLine("k2", "32.73.01", "gula-1kg", 10)),
    )
    plan = solve(instance)
    assert (plan.total_cost, plan.alone_cost, plan.savings) == (2044, 2220, 176)
    assert [
        (line.supplier, line.unit_price, line.alone_supplier, line.alone_unit_price) for line in plan.lines
    ] == [("s2", 92, "s1", 100)] * 2
    assert [(b.pays, b.saves) for b in plan.buyers] == [(1114, 96), (930, 80)]


def test_delivery_fee_keeps_a_buyer_with_a_pricier_supplier():
    # k1 (district 01) buys p1 only from s1 (10 × 100), so it pays s1's fee 50 anyway. Its p2
    # costs 10 × 110 = 1,100 at s1 but 10 × 105 + s2's fee 100 = 1,150 at s2: it stays with s1,
    # paying 110. k2 (district 02) buys 30 × p2: s1 30 × 110 + 50 = 3,350, s2 30 × 105 + 60 = 3,210
    # → s2. Moving k1's p2 to s2 too would cost +50. Total 2,150 + 3,210 = 5,360, nothing to save.
    instance = Instance(
        suppliers=(
            Supplier("s1", {"32.73.01": 50, "32.73.02": 50}),
            Supplier("s2", {"32.73.01": 100, "32.73.02": 60}),
        ),
        offers=(
            Offer("s1", "p1", (Tier(1, 100),)),
            Offer("s1", "p2", (Tier(1, 110),)),
            Offer("s2", "p2", (Tier(1, 105),)),
        ),
        orders=(
            OrderLine("k1", "32.73.01", "p1", 10),
            OrderLine("k1", "32.73.01", "p2", 10),
            OrderLine("k2", "32.73.02", "p2", 30),
        ),
    )
    plan = solve(instance)
    assert [(line.buyer, line.product, line.supplier, line.unit_price) for line in plan.lines] == [
        ("k1", "p1", "s1", 100),
        ("k1", "p2", "s1", 110),
        ("k2", "p2", "s2", 105),
    ]
    assert (plan.total_cost, plan.alone_cost, plan.savings) == (5360, 5360, 0)
    assert [(b.buyer, b.pays, b.goods_cost, b.delivery_cost, b.suppliers) for b in plan.buyers] == [
        ("k1", 2150, 2100, 50, ("s1",)),
        ("k2", 3210, 3150, 60, ("s2",)),
    ]
    assert [(d.supplier, d.buyer, d.fee) for d in plan.deliveries] == [("s1", "k1", 50), ("s2", "k2", 60)]


def test_branch_and_bound_finishes_when_the_relaxation_stops_short():
    # Both at s0: 16 × 6 = 96 + fees 200 (k0 in 02) + 50 (k1 in 01) = 346. Both at s1: 16 × 8 = 128
    # + 50 + 200 = 378. Split: k0 at s0, k1 at s1 = 4 × 6 + 200 + 12 × 8 + 200 = 520; the other way
    # 4 × 51 + 50 + 12 × 6 + 50 = 376. The LP bound stays below 346, so branch-and-bound proves it.
    instance = Instance(
        suppliers=(
            Supplier("s0", {"32.73.01": 50, "32.73.02": 200}),
            Supplier("s1", {"32.73.01": 200, "32.73.02": 50}),
        ),
        offers=(
            Offer("s0", "p", (Tier(1, 6), Tier(27, 5))),
            Offer("s1", "p", (Tier(1, 51), Tier(7, 8))),
        ),
        orders=(OrderLine("k0", "32.73.02", "p", 4), OrderLine("k1", "32.73.01", "p", 12)),
    )
    plan = solve(instance, gap_tolerance=0.0)
    assert (plan.status, plan.total_cost, plan.stats.method, plan.stats.lower_bound) == (
        "optimal",
        346,
        "milp",
        346,
    )
    assert [line.supplier for line in plan.lines] == ["s0", "s0"]


def test_evaluate_prices_a_given_assignment():
    # s1 gets all 11 units (tier 10 → 90): 990 + fees 20 + 20.
    instance = Instance(
        suppliers=(Supplier("s1", {"32.73.01": 20}),),
        offers=(Offer("s1", "beras-5kg", (Tier(1, 100), Tier(10, 90))),),
        orders=(OrderLine("k1", "32.73.01", "beras-5kg", 6), OrderLine("k2", "32.73.01", "beras-5kg", 5)),
    )
    result = evaluate(instance, ["s1", "s1"])
    assert (result.total_cost, result.goods_cost, result.delivery_cost, result.unit_prices) == (
        1030,
        990,
        40,
        (90, 90),
    )
    with pytest.raises(InstanceError) as error:
        evaluate(instance, ["s1", "s9"])
    assert error.value.details == [
        "line 2 (k2, beras-5kg): supplier s9 does not offer it or does not deliver to 32.73.01"
    ]


def test_empty_round():
    plan = solve(Instance(suppliers=(Supplier("s1", {"32.73.01": 5}),), offers=(), orders=()))
    assert (plan.status, plan.total_cost, plan.alone_cost, plan.lines, plan.buyers) == (
        "optimal",
        0,
        0,
        (),
        (),
    )


# ---------------------------------------------------------------------------------------------
# Errors name every problem


BERAS = Offer("s1", "beras-5kg", (Tier(1, 68000), Tier(500, 65000)))


def error_details(instance, **kwargs):
    with pytest.raises(InstanceError) as error:
        solve(instance, **kwargs)
    assert error.value.message == "Instance tidak valid / Invalid instance"
    return error.value.details


def test_line_without_any_offer_is_an_error():
    instance = Instance(
        suppliers=(Supplier("s1", {"32.73.01": 150000}),),
        offers=(BERAS,),
        orders=(OrderLine("k1", "32.73.01", "beras-5kg", 10), OrderLine("k1", "32.73.01", "gula-1kg", 3)),
    )
    assert error_details(instance) == ["line 2 (k1, gula-1kg): no supplier offers this product"]


def test_line_whose_district_no_supplier_serves_is_an_error():
    instance = Instance(
        suppliers=(Supplier("s1", {"32.73.01": 150000}),),
        offers=(BERAS,),
        orders=(OrderLine("k2", "32.73.02", "beras-5kg", 10),),
    )
    assert error_details(instance) == [
        "line 1 (k2, beras-5kg): no supplier offering it delivers to district 32.73.02"
    ]


@pytest.mark.parametrize(
    ("tiers", "detail"),
    [
        ((Tier(2, 100),), "offer s1/beras-5kg: the first tier must start at min_qty 1, not 2"),
        ((Tier(1, 100), Tier(1, 90)), "offer s1/beras-5kg: tier 2 min_qty 1 must be greater than 1"),
        (
            (Tier(1, 100), Tier(50, 90), Tier(20, 80)),
            "offer s1/beras-5kg: tier 3 min_qty 20 must be greater than 50",
        ),
        ((Tier(1, 100), Tier(10, 120)), "offer s1/beras-5kg: tier 2 unit_price 120 rises above 100"),
        ((Tier(1, 0),), "offer s1/beras-5kg: tier 1 unit_price 0 must be a positive integer"),
        ((Tier(1, 100), Tier(-5, 90)), "offer s1/beras-5kg: tier 2 min_qty -5 must be a positive integer"),
        ((Tier(1, 99.5),), "offer s1/beras-5kg: tier 1 unit_price 99.5 must be a positive integer"),
        ((), "offer s1/beras-5kg: no tiers"),
    ],
)
def test_invalid_tiers_are_an_error_naming_the_offer(tiers, detail):
    instance = Instance(
        suppliers=(Supplier("s1", {"32.73.01": 150000}),),
        offers=(Offer("s1", "beras-5kg", tiers),),
        orders=(OrderLine("k1", "32.73.01", "beras-5kg", 10),),
    )
    # The line is reported as well: with its only offer invalid, nobody can serve it.
    assert error_details(instance) == [
        detail,
        "line 1 (k1, beras-5kg): no valid offer for this product (see the offer errors)",
    ]


def test_every_other_problem_is_collected_in_one_error():
    instance = Instance(
        suppliers=(Supplier("s1", {"32.73.01": -5}), Supplier("s1", {})),
        offers=(BERAS, BERAS, Offer("s9", "gula-1kg", (Tier(1, 17000),))),
        orders=(OrderLine("k1", "32.73.01", "beras-5kg", 0), OrderLine("k1", "32.73.02", "beras-5kg", 2)),
    )
    assert error_details(instance) == [
        "supplier ids must be unique",
        "supplier s1: delivery fee -5 for 32.73.01 must be a whole Rupiah ≥ 0",
        "offer s1/beras-5kg: offered twice",
        "offer s9/gula-1kg: unknown supplier s9",
        "line 1 (k1, beras-5kg): qty 0 must be a positive integer",
        "line 2 (k1, beras-5kg): buyer k1 is in district 32.73.01 on another line, not 32.73.02",
        "line 1 (k1, beras-5kg): no supplier offering it delivers to district 32.73.01",
        "line 2 (k1, beras-5kg): no supplier offering it delivers to district 32.73.02",
    ]


def test_identifiers_must_be_strings():
    instance = Instance(
        suppliers=(Supplier("s1", {"32.73.01": 1}),),
        offers=(BERAS,),
        orders=(OrderLine(7, "32.73.01", "beras-5kg", 1), OrderLine("k2", "32.73.01", "", 1)),
    )
    assert error_details(instance) == [
        "line 1: identifiers must be non-empty strings",
        "line 2: identifiers must be non-empty strings",
    ]


def test_unknown_allocation_rule_is_an_error():
    instance = Instance(
        (Supplier("s1", {"32.73.01": 1}),), (BERAS,), (OrderLine("k1", "32.73.01", "beras-5kg", 1),)
    )
    assert error_details(instance, allocation="shapley") == [
        "unknown allocation rule 'shapley' (known: proportional)"
    ]


# ---------------------------------------------------------------------------------------------
# The JSON shape

EXAMPLE = {
    "suppliers": [{"id": "s1", "delivery_fee": {"32.73.01": 150000}}],
    "offers": [
        {
            "supplier": "s1",
            "product": "beras-5kg",
            "tiers": [{"min_qty": 1, "unit_price": 68000}, {"min_qty": 500, "unit_price": 65000}],
        }
    ],
    "orders": [{"buyer": "k1", "district": "32.73.01", "product": "beras-5kg", "qty": 120}],
    "allocation": "proportional",
}


def test_dict_round_trip():
    instance = instance_from_dict(EXAMPLE)
    assert instance == Instance(
        suppliers=(Supplier("s1", {"32.73.01": 150000}),),
        offers=(BERAS,),
        orders=(OrderLine("k1", "32.73.01", "beras-5kg", 120),),
    )
    data = json.loads(json.dumps(plan_to_dict(solve(instance))))
    # 120 × 68,000 = 8,160,000 (120 < 500, first tier) + delivery 150,000.
    assert {key: data[key] for key in ("status", "gap", "total_cost", "alone_cost", "savings")} == {
        "status": "optimal",
        "gap": 0.0,
        "total_cost": 8310000,
        "alone_cost": 8310000,
        "savings": 0,
    }
    assert data["lines"] == [
        {
            "buyer": "k1",
            "district": "32.73.01",
            "product": "beras-5kg",
            "supplier": "s1",
            "qty": 120,
            "unit_price": 68000,
            "goods_cost": 8160000,
            "alone_supplier": "s1",
            "alone_unit_price": 68000,
        }
    ]
    assert data["buyers"][0] == {
        "buyer": "k1",
        "district": "32.73.01",
        "alone_cost": 8310000,
        "pays": 8310000,
        "saves": 0,
        "goods_cost": 8160000,
        "delivery_cost": 150000,
        "suppliers": ["s1"],
    }
    assert data["stats"]["lower_bound"] == 8310000


def test_whole_decimals_are_accepted_at_the_boundary():
    data = json.loads(json.dumps(EXAMPLE).replace("68000", "68000.0"), parse_float=Decimal)
    assert instance_from_dict(data).offers[0].tiers[0] == Tier(1, 68000)


def test_malformed_dict_names_each_problem():
    data = {
        "suppliers": [{"id": "s1", "delivery_fee": {"32.73.01": "150000"}}, {"delivery_fee": {}}],
        "offers": [
            {
                "supplier": "s1",
                "product": "beras-5kg",
                "tiers": [{"min_qty": 1, "unit_price": Decimal("1.5")}],
            }
        ],
        "orders": [{"buyer": "k1", "district": "32.73.01", "product": "beras-5kg", "qty": True}],
    }
    with pytest.raises(InstanceError) as error:
        instance_from_dict(data)
    assert error.value.details == [
        "supplier 1 (s1): '32.73.01' must be a whole number, not '150000'",
        "supplier 2: missing 'id'",
        "offer 1 (s1/beras-5kg) tier 1: 'unit_price' must be a whole number, not Decimal('1.5')",
        "order 1: 'qty' must be a whole number, not True",
    ]
    with pytest.raises(InstanceError) as error:
        instance_from_dict({"suppliers": {}})
    assert error.value.details == [
        "'suppliers' must be a list",
        "'offers' must be a list",
        "'orders' must be a list",
    ]
