"""A Kabupaten Bogor officer opens the dashboard, sees only Kabupaten Bogor and drills down on the
map, at phone and desktop width."""

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import csp_violations, login, open_menu
from sinergi.accounts.tests.factories import MembershipFactory, OfficeFactory, UserFactory
from sinergi.insights.models import RecapReport
from sinergi.registry import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "insights"


@pytest.fixture
def kabupaten_bogor(db):
    office = OfficeFactory(
        name="Dinas Koperasi dan UKM Kabupaten Bogor", region_id="32.01.01.1008", jurisdiction_id="32.01"
    )
    officer = MembershipFactory(
        user=UserFactory(email="staf.kabbogor@sinergi.test", full_name="Yuli Rahmawati"),
        organization=office,
        role="staff",
    ).user
    bandung = MembershipFactory(
        user=UserFactory(email="staf.bandung@sinergi.test", full_name="Dadang Hermawan"),
        organization=OfficeFactory(
            name="Dinas Kota Bandung", region_id="32.73.19.1003", jurisdiction_id="32.73"
        ),
        role="staff",
    ).user
    # Cibinong (32.01.01): two cooperatives and a business; Cileungsi (32.01.12)... one cooperative.
    services.cooperative_register(actor=officer, name="KSP Tegar Beriman", region_code="32.01.01.1008")
    services.cooperative_register(actor=officer, name="Koperasi Pakansari", region_code="32.01.01.1008")
    services.business_register(actor=officer, name="Roti Cibinong", region_code="32.01.01.1008",
                               employees=4, annual_sales=Decimal("90000000"))  # fmt: skip
    services.cooperative_register(actor=bandung, name="Koperasi Kiaracondong", region_code="32.73.19.1003")
    return officer


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize("width", [360, 1366])
def test_an_officer_drills_into_a_kecamatan_on_the_map(page, kabupaten_bogor, width):
    page.set_viewport_size({"width": width, "height": 900})
    errors = csp_violations(page)
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    login(page, "staf.kabbogor@sinergi.test")
    open_menu(page)
    page.click("#mainnav >> text=Dasbor")
    page.wait_for_selector("h1:has-text('Dasbor: Kabupaten Bogor')")
    assert page.locator("#coop-h + .grid .stat .value").first.inner_text() == "2"
    assert "Kiaracondong" not in page.content() and "Kota Bandung" not in page.content()
    page.wait_for_selector(".choropleth-ready")
    assert page.locator(".choropleth-area").count() == 40  # the kecamatan of Kabupaten Bogor
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"dashboard-{width}.png"), full_page=True)
    # A click on Cibinong on the map opens its dashboard, with its villages.
    page.locator(".choropleth-area[data-code='32.01.01']").dispatch_event("click")
    page.wait_for_selector("h1:has-text('Dasbor: Cibinong')")
    assert page.locator(".crumbs a").all_inner_texts() == ["Kabupaten Bogor"]
    assert page.locator("table.cards tbody tr").count() == 1
    assert page.locator("table.cards tbody td").first.inner_text().strip() != ""
    page.screenshot(path=str(SHOTS / f"dashboard-cibinong-{width}.png"), full_page=True)
    # The month's recap of Cibinong, from its dashboard: made, then downloaded as PDF and XLSX.
    page.click("a:has-text('Rekap bulanan (PDF, XLSX)')")
    page.wait_for_selector("h1:has-text('Rekap bulanan')")
    assert page.locator("#id_region_code").input_value() == "32.01.01"
    page.click("button[type=submit]:has-text('Buat rekap')")
    page.wait_for_selector("#progress .badge:has-text('Selesai')")
    page.click("text=Lihat hasil")
    recap = RecapReport.objects.get()
    assert recap.region_code == "32.01.01"
    with page.expect_download() as pdf:
        page.click(f"a[href$='/rekap/{recap.pk}/pdf/']")
    assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")
    with page.expect_download() as xlsx:
        page.click(f"a[href$='/rekap/{recap.pk}/xlsx/']")
    with open(xlsx.value.path(), "rb") as handle:
        sheet = load_workbook(handle)["Koperasi"]
    assert any("Cibinong" in str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)
    page.screenshot(path=str(SHOTS / f"dashboard-recap-{width}.png"), full_page=True)
    assert errors == []
