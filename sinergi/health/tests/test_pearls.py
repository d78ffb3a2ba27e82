"""PEARLS ratios from one annual report (reference.md §3): values, goals, and what cannot be computed."""

import json
from decimal import Decimal

import pytest

from sinergi.health.scoring import ReportError, pearls
from sinergi.health.tests.test_scoring_engine import GOLDEN


def by_code(report):
    return {ratio.code: ratio for ratio in pearls(report)}


def test_pearls_of_the_golden_report():
    # In Rp juta: cadangan_risiko 30, macet 30, kurang lancar 40, diragukan 20, loans 1000, assets 1250,
    # bank 90, kas 60, pokok 50 + wajib 350 + lain 0, cadangan 120 + hibah 10, beban usaha 120 +
    # perkoperasian 20, SHU before tax 75.
    expected = {
        "P1": (Decimal(100), True),  # 30 / 30 ≥ 100 %
        "P2": (Decimal(0), False),  # (30 − 30) / (40 + 20) < 35 %
        "E1": (Decimal("77.6"), True),  # (1000 − 30) / 1250 within 70–80 %
        "E2": (Decimal("7.2"), True),  # 90 / 1250 ≤ 16 %
        "E7": (Decimal(32), False),  # 400 / 1250 > 20 %
        "E8": (Decimal("10.4"), True),  # 130 / 1250 ≥ 10 %
        "A1": (Decimal(9), False),  # 90 / 1000 > 5 %
        "R9": (Decimal("11.2"), False),  # 140 / 1250 > 5 %
        "R12": (Decimal(6), None),  # 75 / 1250; the goal is not a threshold
        "L3": (Decimal("4.8"), False),  # 60 / 1250 ≥ 1 %
    }
    result = pearls(GOLDEN)
    assert [r.code for r in result] == list(expected)
    assert {r.code: (r.ratio, r.passed) for r in result} == expected


def test_goals_are_woccu_standards():
    assert {r.code: r.goal for r in pearls(GOLDEN)} == {
        "P1": "100%", "P2": "35%", "E1": "70–80%", "E2": "≤ 16%", "E7": "≤ 20%", "E8": "≥ 10%", "A1": "≤ 5%",
        "R9": "≤ 5%", "R12": "enough to reach E9 = 10%", "L3": "< 1%",
    }


@pytest.mark.parametrize(
    ("loans", "passed"),
    [("69.99", False), ("70", True), ("70.01", True), ("79.99", True), ("80", True), ("80.01", False)],
)
def test_e1_goal_edges(loans, passed):
    e1 = by_code({"pinjaman_diberikan": Decimal(loans), "cadangan_risiko": 0, "total_aset": 100})["E1"]
    assert (e1.ratio, e1.passed) == (Decimal(loans), passed)


@pytest.mark.parametrize(("delinquent", "passed"), [("4.99", True), ("5", True), ("5.01", False)])
def test_a1_goal_edges(delinquent, passed):
    report = {
        "pinjaman_kurang_lancar": Decimal(delinquent), "pinjaman_diragukan": 0, "pinjaman_macet": 0,
        "pinjaman_diberikan": 100,
    }
    assert by_code(report)["A1"].passed is passed


@pytest.mark.parametrize(("kas", "passed"), [("0.99", True), ("1", False)])
def test_l3_goal_is_strictly_below_one_percent(kas, passed):
    assert by_code({"kas": Decimal(kas), "total_aset": 100})["L3"].passed is passed


def test_missing_inputs_and_zero_denominators_give_no_verdict():
    result = by_code({"total_aset": 0, "kas": 5, "cadangan_risiko": 10, "pinjaman_macet": 0})
    assert (result["L3"].ratio, result["L3"].passed) == (None, None)
    assert "zero denominator" in result["L3"].note
    assert (result["P1"].ratio, result["P1"].passed) == (None, None)
    assert result["E1"].missing == ("pinjaman_diberikan",)
    assert result["A1"].missing == ("pinjaman_diberikan", "pinjaman_diragukan", "pinjaman_kurang_lancar")


def test_every_ratio_states_its_approximation_and_serialises():
    for ratio in pearls(GOLDEN):
        assert ratio.approximation
        assert ratio.formula.endswith("× 100")
        data = json.loads(json.dumps(ratio.to_dict()))
        assert data["code"] == ratio.code
    e1 = by_code(GOLDEN)["E1"].to_dict()
    assert (e1["ratio"], e1["passed"]) == ("77.60", True)
    assert e1["inputs"] == {
        "pinjaman_diberikan": "1000000000", "cadangan_risiko": "30000000", "total_aset": "1250000000",
    }


def test_ratios_the_schema_cannot_support_are_not_offered():
    codes = {r.code for r in pearls(GOLDEN)}
    # Savings deposits, external credit, liabilities, averages and a second year are not in the schema.
    assert not codes & {"E5", "E6", "E9", "P6", "L1", "L2", "A2", "R1", "S1", "S10", "S11"}


def test_invalid_input_is_refused_like_assess():
    with pytest.raises(ReportError):
        pearls({"kas": "lima"})
