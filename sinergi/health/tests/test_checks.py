"""Entry checks of annual-report figures: bounds, SHU consistency, year-on-year outliers. No database."""

import random
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from sinergi.health import checks
from sinergi.health.demo import figures
from sinergi.health.scoring import assess
from sinergi.health.tests.factories import GOLDEN_VALUES


def codes(findings, level=None):
    return [f.code for f in findings if level is None or f.level == level]


def test_golden_figures_have_one_warning_and_no_error():
    findings = checks.report_findings(2024, dict(GOLDEN_VALUES), [])
    assert codes(findings) == ["shu_consistency"]
    assert "Rp40.000.000" in findings[0].message


def test_missing_figures_are_not_checked():
    assert checks.report_findings(2024, {"kas": Decimal(5)}, []) == []


def test_tolerance():
    assert checks.tolerance(Decimal(100_000)) == Decimal(1000)
    assert checks.tolerance(Decimal(10_000_000)) == Decimal(50_000)


def test_bad_field_skips_the_sums_that_use_it():
    values = dict(GOLDEN_VALUES, kas=Decimal("-1"))
    findings = checks.report_findings(2024, values, [])
    assert codes(findings, checks.ERROR) == ["negative"]


def test_stated_equity_that_differs_from_its_parts_is_a_warning():
    values = dict(GOLDEN_VALUES, modal_sendiri=Decimal("700000000"))
    assert "equity_parts" in codes(checks.report_findings(2024, values, []), checks.WARNING)


def test_equity_above_assets_has_no_tolerance():
    values = dict(GOLDEN_VALUES, modal_sendiri=Decimal("1250000000.01"))
    assert codes(checks.report_findings(2024, values, []), checks.ERROR) == ["equity_le_assets"]


def history(*assets):
    return [{"year": 2019 + i, "total_aset": Decimal(a)} for i, a in enumerate(assets)]


def test_outliers_need_three_earlier_years():
    values = {"total_aset": Decimal(5000)}
    assert checks.outlier_warnings(2024, values, history(1000, 1100)) == []


def test_steady_growth_is_no_outlier_but_a_jump_is():
    earlier = history(1000, 1100, 1210, 1331, 1464)
    assert checks.outlier_warnings(2024, {"total_aset": Decimal(1650)}, earlier) == []
    jump = checks.outlier_warnings(2024, {"total_aset": Decimal(2500)}, earlier)
    assert codes(jump) == ["outlier"]
    assert jump[0].field == "total_aset"
    drop = checks.outlier_warnings(2024, {"total_aset": Decimal(900)}, earlier)
    assert codes(drop) == ["outlier"]


def test_outliers_ignore_later_years_and_zero_values():
    earlier = history(1000, 0, 1210, 1331) + [{"year": 2030, "total_aset": Decimal(1)}]
    assert checks.outlier_warnings(2024, {"total_aset": Decimal(1400)}, earlier) == []


def test_a_gap_is_annualised():
    earlier = [{"year": y, "total_aset": Decimal(v)} for y, v in ((2016, 1000), (2018, 1210), (2020, 1464))]
    # Two years at 10 % a year: 1464 → 1772 in 2022 is the usual pace.
    assert checks.outlier_warnings(2022, {"total_aset": Decimal(1772)}, earlier) == []


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 10**6),
    assets=st.floats(min_value=5e8, max_value=5e10),
    quality=st.floats(min_value=0, max_value=1),
)
def test_demo_figures_pass_every_check_and_score(seed, assets, quality):
    values = figures(random.Random(seed), assets, quality)
    findings = checks.report_findings(2024, values, [])
    assert codes(findings, checks.ERROR) == []
    assert codes(findings, checks.WARNING) == []
    assessment = assess({**{k: str(v) for k, v in values.items()}, "year": 2024})
    assert assessment.complete is False  # no questionnaire answers given here
    assert Decimal(0) <= assessment.total <= Decimal(100)
