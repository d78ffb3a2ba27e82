"""The trends partial draws its chart with the vendored Chart.js, under the content security
policy, at phone and desktop width."""

from decimal import Decimal
from pathlib import Path

import pytest

from conftest import csp_violations, login
from sinergi.insights.models import Snapshot
from sinergi.insights.snapshots import month_start
from sinergi.insights.trends import add_months
from sinergi.registry import services

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("sinergi.insights.tests.trend_page_urls"),
]
SHOTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "insights"


@pytest.mark.parametrize("width", [360, 1366])
def test_the_trend_chart_draws_without_breaking_the_policy(page, officer_bogor, width):
    services.cooperative_register(actor=officer_bogor, name="KSP Paledang", region_code="32.71.03.1002")
    services.business_register(actor=officer_bogor, name="Roti Paledang", region_code="32.71.03.1002",
                               employees=2, annual_sales=Decimal("50000000"))  # fmt: skip
    this = month_start()
    for back, count in ((1, 0), (3, 2), (12, 4)):
        Snapshot.objects.create(
            month=add_months(this, -back), region_code="32.71", figures={"kop_terdaftar": count}
        )
    page.set_viewport_size({"width": width, "height": 900})
    errors = csp_violations(page)
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    login(page, "staf.bogor@sinergi.test")
    page.wait_for_url("**/")
    page.goto(page.base_url + "/uji-tren/?wilayah=32.71&indikator=kop_terdaftar")
    page.wait_for_selector("h2:has-text('Perkembangan Koperasi terdaftar di Kota Bogor')")
    assert page.locator(".trend-changes li").all_inner_texts() == [
        "Naik 1 dari bulan lalu",
        "Turun 3 (75,0 %) dari bulan yang sama tahun lalu",
    ]
    page.wait_for_function("() => window.Chart && window.Chart.getChart('insights-trend')")
    drawn = page.evaluate("window.Chart.getChart('insights-trend').data.datasets[0].data.slice(-4)")
    assert drawn == [2, None, 0, 1]
    page.click(".trend-table summary")
    assert page.locator(".trend-table tbody tr").count() == 24
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"trend-{width}.png"), full_page=True)
    assert errors == []
