"""The selection rule without the database: exact examples, and properties with Hypothesis
(never over budget or stock, the same answer as a plain reference walk, deterministic)."""

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from sinergi.assistance import eligibility
from sinergi.assistance.selection import Applicant, Package, Settings, from_dict, score, select, to_dict

T0 = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC)
RULES = Settings(
    budget=Decimal("10000000"),
    target_regions=("32.71.06",),
    max_scale="mikro",
    min_months_operating=12,
    weights={"retail_nearby": Decimal("2"), "revenue_drop": Decimal("1")},
)


def applicant(pk, package=1, *, retail="0.5", drop="0.5", minutes=0, **facts):
    values = dict(
        region="32.71.06.1001", scale="mikro", months_operating=24, aided_recently=False, nik_valid=True
    )
    values.update(facts)
    return Applicant(
        id=pk,
        package=package,
        applied_at=T0 + dt.timedelta(minutes=minutes),
        criteria={"retail_nearby": Decimal(retail), "revenue_drop": Decimal(drop)},
        **values,
    )


def test_score_is_weighted_sum_rounded_to_six_places():
    weights = {"a": Decimal("1"), "b": Decimal("0.3333333")}
    assert score(weights, {"a": Decimal("0.1234564"), "b": Decimal("1")}) == Decimal("0.456790")
    assert score(weights, {"a": Decimal("0.5")}) == Decimal("0.500000")


def test_ranked_walk_selects_within_budget_and_stock_with_reasons():
    packages = [Package(1, Decimal("3000000"), 2), Package(2, Decimal("4000000"), 1)]
    applicants = [
        applicant(1, 1, retail="1", drop="1"),  # 3.0
        applicant(2, 2, retail="1", drop="0.5"),  # 2.5
        applicant(3, 1, retail="0.5", drop="1", minutes=1),  # 2.0, later
        applicant(4, 1, retail="0.5", drop="1"),  # 2.0, earlier
        applicant(5, 2, retail="0.2", drop="0"),  # 0.4: freezer gone
        applicant(
            6,
            1,
            region="32.71.01.1001",
            scale="kecil",
            months_operating=3,
            aided_recently=True,
            nik_valid=False,
        ),
    ]
    result = select(RULES, packages, applicants)
    assert to_dict(result) == {
        "selected": [
            {"application": 1, "package": 1, "score": "3.000000"},
            {"application": 2, "package": 2, "score": "2.500000"},
            {"application": 4, "package": 1, "score": "2.000000"},
        ],
        "skipped": [{"application": 3, "reason": "stock"}, {"application": 5, "reason": "stock"}],
        "ineligible": [{"application": 6, "reasons": ["region", "scale", "months", "aided", "nik"]}],
        "budget_left": "0",
        "stock_left": {"1": 0, "2": 0},
    }


def test_budget_reason_when_stock_remains_and_walk_goes_on():
    rules = Settings(Decimal("5000000"), ("32.71",), "kecil", 0, {"retail_nearby": Decimal(1)})
    packages = [Package(1, Decimal("1000000"), 5), Package(2, Decimal("4500000"), 5)]
    applicants = [applicant(1, 2, retail="1"), applicant(2, 1, retail="0.9"), applicant(3, 2, retail="0.8"),
                  applicant(4, 1, retail="0.1", scale="kecil")]  # fmt: skip
    result = select(rules, packages, applicants)
    assert [s.application for s in result.selected] == [1]
    assert [(s.application, s.reason) for s in result.skipped] == [
        (2, "budget"),
        (3, "budget"),
        (4, "budget"),
    ]
    assert result.budget_left == Decimal("500000")
    assert result.stock_left == {1: 5, 2: 4}


def test_ties_go_to_earlier_then_lower_id():
    rules = Settings(Decimal("100"), ("32",), "mikro", 0, {"retail_nearby": Decimal(1)})
    same = T0
    applicants = [
        Applicant(9, 1, "32.71.06.1001", "mikro", 0, False, True, same, {"retail_nearby": Decimal("0.5")}),
        Applicant(3, 1, "32.71.06.1001", "mikro", 0, False, True, same, {"retail_nearby": Decimal("0.5")}),
        Applicant(1, 1, "32.71.06.1001", "mikro", 0, False, True, same + dt.timedelta(seconds=1),
                  {"retail_nearby": Decimal("0.5")}),
    ]  # fmt: skip
    result = select(rules, [Package(1, Decimal("10"), 1)], applicants)
    assert [s.application for s in result.selected] == [3]
    assert [s.application for s in result.skipped] == [9, 1]


def test_eligibility_rules_each_have_their_reason():
    assert eligibility.region_problem("32.71.06.1001", ["32.71.06"]) is None
    assert eligibility.region_problem("32.71.061", ["32.71.06"]) == "region"
    assert eligibility.region_problem("32.71.06.1001", []) == "region"
    assert eligibility.scale_problem("kecil", "mikro") == "scale"
    assert eligibility.scale_problem("kecil", "kecil") is None
    assert eligibility.scale_problem("", "kecil") == "scale"
    assert eligibility.months_problem(11, 12) == "months"
    assert eligibility.months_problem(12, 12) is None
    assert eligibility.aided_problem(True) == "aided"
    assert eligibility.nik_problem(False) == "nik"
    assert eligibility.months_between(dt.date(2025, 1, 31), dt.date(2026, 1, 30)) == 11
    assert eligibility.months_between(dt.date(2025, 1, 31), dt.date(2026, 1, 31)) == 12
    assert eligibility.months_between(None, dt.date(2026, 1, 31)) == 0


def test_from_dict_reports_every_problem():
    import pytest

    from sinergi.assistance.selection import InputError

    with pytest.raises(InputError) as caught:
        from_dict({"budget": "x", "target_regions": "32", "max_scale": "besar", "min_months_operating": 1.5,
                   "weights": {"a": -1}, "packages": [{"id": 1, "unit_cost": 0, "stock": -1}],
                   "applications": [{"id": 1, "package": 1, "region": "32", "scale": "mikro",
                                     "months_operating": 1, "aided_recently": False, "nik_valid": True,
                                     "applied_at": "kemarin", "criteria": {"a": 2}}]})  # fmt: skip
    assert caught.value.details == [
        "budget: bukan angka desimal / not a decimal",
        "target_regions: daftar kode wilayah / a list of region codes",
        'max_scale: "mikro" atau "kecil" / "mikro" or "kecil"',
        "min_months_operating: bukan bilangan bulat / not an integer",
        "weights.a: tidak boleh negatif / must not be negative",
        "packages[0].unit_cost: harus lebih dari 0 / must be above 0",
        "packages[0].stock: tidak boleh negatif / must not be negative",
        "applications[0].applied_at: bukan tanggal-waktu ISO / not an ISO datetime",
        "applications[0].criteria.a: harus antara 0 dan 1 / must lie between 0 and 1",
    ]


# --- properties -------------------------------------------------------------------------------

units = st.decimals(min_value=0, max_value=1, places=3)
packages_st = st.lists(
    st.tuples(st.integers(1, 9).map(lambda n: Decimal(n * 500000)), st.integers(0, 4)), min_size=1, max_size=3
)


@st.composite
def instances(draw):
    pkgs = [Package(i + 1, cost, stock) for i, (cost, stock) in enumerate(draw(packages_st))]
    weights = {"a": draw(st.decimals(0, 3, places=2)), "b": draw(st.decimals(0, 3, places=2))}
    rules = Settings(
        Decimal(draw(st.integers(0, 30)) * 500000), ("32.71.06",), draw(st.sampled_from(["mikro", "kecil"])),
        draw(st.integers(0, 24)), weights,
    )  # fmt: skip
    apps = []
    for pk in draw(st.lists(st.integers(1, 500), unique=True, max_size=25)):
        apps.append(
            Applicant(
                id=pk,
                package=draw(st.sampled_from([p.id for p in pkgs])),
                region=draw(st.sampled_from(["32.71.06.1001", "32.71.06.1002", "32.71.01.1001"])),
                scale=draw(st.sampled_from(["mikro", "kecil", "menengah"])),
                months_operating=draw(st.integers(0, 48)),
                aided_recently=draw(st.booleans()),
                nik_valid=draw(st.booleans()),
                applied_at=T0 + dt.timedelta(minutes=draw(st.integers(0, 5))),
                criteria={"a": draw(units), "b": draw(units)},
            )
        )
    return rules, pkgs, apps


def reference(rules, pkgs, apps):
    """The rule written out plainly, to compare the module against."""
    order = {"mikro": 0, "kecil": 1, "menengah": 2}
    eligible, ineligible = [], {}
    for a in apps:
        why = []
        if not any(a.region == p or a.region.startswith(p + ".") for p in rules.target_regions):
            why.append("region")
        if order[a.scale] > order[rules.max_scale]:
            why.append("scale")
        if a.months_operating < rules.min_months_operating:
            why.append("months")
        if a.aided_recently:
            why.append("aided")
        if not a.nik_valid:
            why.append("nik")
        if why:
            ineligible[a.id] = why
        else:
            total = sum(rules.weights[k] * a.criteria.get(k, 0) for k in rules.weights)
            eligible.append((round(Decimal(total), 6), a))
    eligible.sort(key=lambda x: (-x[0], x[1].applied_at, x[1].id))
    budget, stock = rules.budget, {p.id: p.stock for p in pkgs}
    cost = {p.id: p.unit_cost for p in pkgs}
    chosen, skipped = [], []
    for _score, a in eligible:
        if stock[a.package] == 0:
            skipped.append((a.id, "stock"))
        elif cost[a.package] > budget:
            skipped.append((a.id, "budget"))
        else:
            budget -= cost[a.package]
            stock[a.package] -= 1
            chosen.append(a.id)
    return chosen, skipped, ineligible, budget, stock


@settings(max_examples=150, deadline=None)
@given(instances())
def test_never_over_budget_or_stock_and_follows_the_rule(instance):
    rules, pkgs, apps = instance
    result = select(rules, pkgs, apps)
    cost = {p.id: p.unit_cost for p in pkgs}
    spent = sum(cost[s.package] for s in result.selected)
    assert spent <= rules.budget
    assert result.budget_left == rules.budget - spent >= 0
    for p in pkgs:
        given_out = sum(1 for s in result.selected if s.package == p.id)
        assert given_out <= p.stock
        assert result.stock_left[p.id] == p.stock - given_out
    chosen, skipped, ineligible, budget, stock = reference(rules, pkgs, apps)
    assert [s.application for s in result.selected] == chosen
    assert [(s.application, s.reason) for s in result.skipped] == skipped
    assert {i.application: list(i.reasons) for i in result.ineligible} == ineligible
    assert result.budget_left == budget and dict(result.stock_left) == stock
    # Every eligible application is accounted for exactly once.
    assert len(result.selected) + len(result.skipped) + len(result.ineligible) == len(apps)


@settings(max_examples=50, deadline=None)
@given(instances(), st.randoms())
def test_deterministic_whatever_the_input_order(instance, rnd):
    rules, pkgs, apps = instance
    shuffled = list(apps)
    rnd.shuffle(shuffled)
    assert to_dict(select(rules, pkgs, apps)) == to_dict(select(rules, pkgs, shuffled))
