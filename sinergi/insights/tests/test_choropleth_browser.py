"""The choropleth module in a real browser, offline, under the site's content security policy.

The page is served by Playwright's router from the package's own static files and boundaries, so
the test needs neither a URL in the project nor a network.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils.html import json_script

from sinergi.insights.geo import boundaries_json
from sinergi.insights.maps import choropleth_data

pytestmark = pytest.mark.browser

STATIC = Path(__file__).resolve().parents[2] / "static"
ORIGIN = "http://sinergi.test"
VALUES = {
    "32.71.01": 1200,
    "32.71.02": 3400,
    "32.71.03": 560,
    "32.71.04": 15000,
    "32.71.05": None,
    "32.71.06": 2450,
}


def _page_html(data):
    return f"""<!doctype html><html lang="id"><head><meta charset="utf-8">
<link rel="stylesheet" href="/static/vendor/leaflet/leaflet.css">
<link rel="stylesheet" href="/static/css/sinergi.css"></head><body>
{json_script(data, "map-data")}
<div class="choropleth" data-choropleth data-geojson-url="/geo/kecamatan/32.71" data-values-id="map-data"
     role="region" aria-label="Peta UMKM per kecamatan"></div>
<script src="/static/vendor/leaflet/leaflet.js" defer></script>
<script src="/static/js/choropleth.js" defer></script></body></html>"""


def _serve(route, data):
    path = route.request.url[len(ORIGIN) :]
    headers = {"Content-Security-Policy": settings.CONTENT_SECURITY_POLICY}
    if path == "/peta":
        route.fulfill(status=200, content_type="text/html", headers=headers, body=_page_html(data))
    elif path == "/geo/kecamatan/32.71":
        route.fulfill(
            status=200, content_type="application/geo+json", body=boundaries_json("district", "32.71")
        )
    elif path.startswith("/static/"):
        file = STATIC / path[len("/static/") :]
        kind = {".js": "text/javascript", ".css": "text/css", ".png": "image/png"}.get(
            file.suffix, "text/plain"
        )
        if file.is_file():
            route.fulfill(status=200, content_type=kind, body=file.read_bytes())
        else:
            route.fulfill(status=404, body="")
    elif path.startswith("/wilayah/"):
        route.fulfill(status=200, content_type="text/html", headers=headers, body="<title>rinci</title>")
    else:
        route.fulfill(status=404, body="")


@pytest.fixture(params=[360, 1366], ids=["phone", "desktop"])
def map_page(chromium, request):
    data = choropleth_data(
        VALUES,
        method="quantile",
        k=3,
        title="UMKM terdaftar",
        links={code: f"/wilayah/{code}/" for code in VALUES},
    )
    context = chromium.new_context(viewport={"width": request.param, "height": 780}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15000)
    violations = []
    page.on(
        "console",
        lambda m: m.type == "error" and violations.append(m.text),
    )
    page.route(f"{ORIGIN}/**", lambda route: _serve(route, data))
    page.goto(f"{ORIGIN}/peta")
    page.wait_for_selector(".choropleth-ready")
    yield page, violations
    context.close()


def test_map_draws_classes_legend_and_no_data_without_csp_errors(map_page):
    page, errors = map_page
    assert page.locator("path.choropleth-area").count() == 6
    assert page.locator(".leaflet-tile-pane img").count() == 0
    fills = {
        page.locator(f"path[data-code='{code}']").get_attribute("data-code"): page.locator(
            f"path[data-code='{code}']"
        ).get_attribute("fill")
        for code in VALUES
    }
    # Quantile breaks of 560, 1 200, 2 450, 3 400, 15 000 in 3 classes: 1 200, 3 400, 15 000.
    assert fills == {
        "32.71.01": "#edf8b1",
        "32.71.02": "#7fcdbb",
        "32.71.03": "#edf8b1",
        "32.71.04": "#2c7fb8",
        "32.71.05": "#bdbdbd",
        "32.71.06": "#7fcdbb",
    }
    assert page.locator(".choropleth-legend-title").inner_text() == "UMKM terdaftar"
    assert page.locator(".choropleth-legend li").all_inner_texts() == [
        "560–1.200",
        "2.450–3.400",
        "15.000",
        "tidak ada data",
    ]
    assert page.locator(".leaflet-control-zoom-in").get_attribute("aria-label") == "Perbesar peta"
    assert page.locator(".leaflet-control-zoom-out").get_attribute("title") == "Perkecil peta"
    # The legend is coloured by SVG attributes, never by a style attribute.
    assert page.locator(".choropleth-legend[style], .choropleth-legend [style]").count() == 0
    assert errors == []


def test_keyboard_focus_shows_the_figure_and_enter_drills_down(map_page):
    page, errors = map_page
    area = page.locator("path[data-code='32.71.04']")
    assert area.get_attribute("tabindex") == "0"
    assert area.get_attribute("role") == "link"
    assert area.get_attribute("aria-label") == "Bogor Barat: 15.000"
    area.focus()
    assert page.locator(".choropleth-tip").inner_text() == "Bogor Barat: 15.000"
    page.keyboard.press("Enter")
    page.wait_for_url(f"{ORIGIN}/wilayah/32.71.04/")
    assert errors == []


def test_hover_shows_no_data_and_click_drills_down(map_page):
    page, _ = map_page
    box = page.locator("path[data-code='32.71.05']").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tip = page.locator(".choropleth-tip")
    tip.wait_for()
    assert tip.inner_text() == "Bogor Utara: tidak ada data"
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(f"{ORIGIN}/wilayah/32.71.05/")
