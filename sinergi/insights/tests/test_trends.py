"""Trends: snapshots month by month, today's figure live, changes against last month and last year."""

from decimal import Decimal

import pytest
from django.http import Http404
from django.template.loader import render_to_string

from sinergi.insights.models import Snapshot
from sinergi.insights.snapshots import month_start, snapshot_take
from sinergi.insights.trends import add_months, trend, trend_context
from sinergi.registry import services

THIS = month_start()
LAST = add_months(THIS, -1)
YEAR_AGO = add_months(THIS, -12)


@pytest.fixture
def bogor(officer_bogor, officer_bandung):
    """Kota Bogor today: three registered cooperatives (two active), two businesses with
    Rp200 juta of turnover. Kota Bandung: one cooperative."""
    reg = services.cooperative_register
    reg(actor=officer_bogor, name="KSP Paledang", region_code="32.71.03.1002", members_male=30)
    reg(actor=officer_bogor, name="Koperasi Tegallega", region_code="32.71.03.1005", members_female=15)
    reg(actor=officer_bogor, name="Koperasi Babakan", region_code="32.71.03.1005", status="belum_tahu")
    reg(actor=officer_bandung, name="Koperasi Mekar Sari", region_code="32.73.02.1004", members_male=99)
    services.business_register(
        actor=officer_bogor,
        name="Keripik Talas Bu Euis",
        region_code="32.71.03.1002",
        employees=3,
        annual_sales=Decimal("120000000"),
    )
    services.business_register(
        actor=officer_bogor,
        name="Bengkel Pak Ujang",
        region_code="32.71.03.1005",
        employees=2,
        annual_sales=Decimal("80000000"),
    )
    # fmt: skip


def _snapshot(month, **figures):
    Snapshot.objects.create(month=month, region_code="32.71", figures=figures)


@pytest.mark.django_db
def test_the_series_leaves_a_missing_month_empty_and_ends_with_todays_figure(bogor, officer_bogor):
    _snapshot(YEAR_AGO, kop_terdaftar=4)
    _snapshot(add_months(THIS, -3), kop_terdaftar=1)
    _snapshot(LAST, kop_terdaftar=2)
    result = trend(officer_bogor, "32.71", "kop_terdaftar", months=4)
    assert result.series == [(add_months(THIS, -3), 1), (add_months(THIS, -2), None), (LAST, 2), (THIS, 3)]
    assert [point.live for point in result.points] == [False, False, False, True]
    assert result.chart["values"] == [1.0, None, 2.0, 3.0]
    assert result.chart["displays"] == ["1", "–", "2", "3"]
    assert len(trend(officer_bogor, "32.71", "kop_terdaftar").points) == 24


@pytest.mark.django_db
def test_month_over_month_and_year_over_year_changes(bogor, officer_bogor):
    _snapshot(YEAR_AGO, kop_terdaftar=4)
    _snapshot(LAST, kop_terdaftar=2)
    result = trend(officer_bogor, "32.71", "kop_terdaftar")
    mom, yoy = result.month_over_month, result.year_over_year
    assert (mom.previous, mom.absolute, mom.percent) == (2, 1, Decimal("50.0"))
    assert (yoy.previous, yoy.absolute, yoy.percent) == (4, -1, Decimal("-25.0"))
    assert mom.words == "naik 1 (50,0 %) dari bulan lalu"
    assert yoy.words == "turun 1 (25,0 %) dari bulan yang sama tahun lalu"


@pytest.mark.django_db
def test_amounts_and_ratios_in_words(bogor, officer_bogor):
    _snapshot(LAST, omzet="150000000.00", kop_aktif=1, kop_terdaftar=2)
    _snapshot(YEAR_AGO, omzet="200000000.00", kop_aktif=2, kop_terdaftar=3)
    omzet = trend(officer_bogor, "32.71", "omzet")
    assert omzet.current.value == Decimal("200000000.00")
    assert omzet.month_over_month.words == "naik Rp50 juta (33,3 %) dari bulan lalu"
    assert omzet.year_over_year.words == "sama dengan bulan yang sama tahun lalu"
    ratio = trend(officer_bogor, "32.71", "kop_rasio")
    # 66,7 % now against 50,0 % last month; a ratio changes by points, not by a percentage.
    assert (ratio.month_over_month.absolute, ratio.month_over_month.percent) == (Decimal("16.7"), None)
    assert ratio.month_over_month.words == "naik 16,7 poin persen dari bulan lalu"
    assert ratio.year_over_year.words == "sama dengan bulan yang sama tahun lalu"


@pytest.mark.django_db
def test_a_missing_month_gives_no_change(bogor, officer_bogor):
    result = trend(officer_bogor, "32.71", "umkm")
    assert result.series[-1] == (THIS, 2)
    assert all(value is None for _month, value in result.series[:-1])
    assert (result.month_over_month.absolute, result.month_over_month.percent) == (None, None)
    assert result.month_over_month.words == "angka bulan lalu tidak tercatat"
    assert result.year_over_year.words == "angka bulan yang sama tahun lalu tidak tercatat"


@pytest.mark.django_db
def test_snapshots_taken_by_the_service_feed_the_trend(bogor, officer_bogor):
    snapshot_take(LAST)
    services.business_register(actor=officer_bogor, name="Warung Bu Imas", region_code="32.71.06.1001",
                               employees=1, annual_sales=Decimal("30000000"))  # fmt: skip
    result = trend(officer_bogor, "32.71.03", "umkm", months=2)
    assert result.series == [(LAST, 2), (THIS, 2)]
    assert trend(officer_bogor, "32.71", "umkm", months=2).series == [(LAST, 2), (THIS, 3)]
    assert trend(officer_bogor, "32.71", "umkm_mikro", months=2).series == [(LAST, 2), (THIS, 3)]


@pytest.mark.django_db
def test_another_regencys_trend_is_not_found(bogor, officer_bogor, officer_bandung):
    snapshot_take(LAST)
    with pytest.raises(Http404):
        trend(officer_bogor, "32.73", "kop_terdaftar")
    with pytest.raises(Http404):
        trend_context(officer_bandung, "32.71.03", "kop_terdaftar")
    assert trend(officer_bandung, "32.73", "kop_terdaftar", months=2).series == [(LAST, 1), (THIS, 1)]


@pytest.mark.django_db
def test_the_partial_shows_the_chart_data_the_changes_and_a_table(bogor, officer_bogor):
    _snapshot(LAST, kop_terdaftar=2)
    html = render_to_string("insights/_trends.html", trend_context(officer_bogor, "32.71", "kop_terdaftar"))
    assert "Perkembangan Koperasi terdaftar di Kota Bogor" in html
    assert "Naik 1 (50,0 %) dari bulan lalu" in html
    assert "Angka bulan yang sama tahun lalu tidak tercatat" in html
    assert '<script id="insights-trend-data" type="application/json">' in html
    assert "js/insights-trend.js" in html
    assert html.count("<tr>") == 25  # the header and 24 months
    assert "tidak tercatat" in html
    assert "style=" not in html
    assert "<script>" not in html
