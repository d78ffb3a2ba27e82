"""An anonymous visitor reads the open statistics on a phone and on a desktop, and downloads them."""

from pathlib import Path

import pytest

from conftest import csp_violations
from sinergi.accounts.tests.factories import MembershipFactory, OfficeFactory, UserFactory
from sinergi.registry import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "insights"


@pytest.fixture
def kota_bogor(db):
    office = OfficeFactory(name="Dinas Koperasi dan UMKM Kota Bogor", region_id="32.71.03.1005",
                           jurisdiction_id="32.71")  # fmt: skip
    officer = MembershipFactory(user=UserFactory(email="staf.bogor@sinergi.test"), organization=office,
                                role="staff").user  # fmt: skip
    for i in range(6):
        services.cooperative_register(
            actor=officer, name=f"Koperasi Paledang {i}", region_code="32.71.03.1002"
        )
    # Two in Tanah Sareal and three in Bogor Barat: each below 5, and hiding both protects both.
    for i in range(2):
        services.cooperative_register(actor=officer, name=f"KSP Sareal {i}", region_code="32.71.06.1001")
    for i in range(3):
        services.cooperative_register(actor=officer, name=f"KSP Menteng {i}", region_code="32.71.04.1001")
    services.business_register(actor=officer, name="Keripik Talas Bu Euis", region_code="32.71.03.1002",
                               owner_name="Euis Rahmawati", owner_nik="3271064107850003", phone="081234567890")  # fmt: skip


@pytest.mark.parametrize("width", [360, 1366])
def test_an_anonymous_visitor_reads_the_open_statistics(page, kota_bogor, width):
    page.set_viewport_size({"width": width, "height": 900})
    errors = csp_violations(page)
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(page.base_url + "/masuk/")
    page.click("main >> text=Lihat statistik terbuka koperasi dan UMKM Jawa Barat")
    page.wait_for_selector("h1:has-text('Statistik terbuka: Jawa Barat')")
    page.click("[data-testid=open-cooperatives] >> text=Kota Bogor")
    page.wait_for_selector("h1:has-text('Statistik terbuka: Kota Bogor')")
    table = page.locator("[data-testid=open-cooperatives]")
    tengah = table.locator("tr", has_text="Bogor Tengah")
    assert tengah.locator("td").nth(1).inner_text() == "6"
    sareal = table.locator("tr", has_text="Tanah Sareal")
    assert sareal.locator("td").nth(1).inner_text() == "<5"
    if width == 360:
        # Cards: each figure carries its column's name.
        assert (
            tengah.locator("td").nth(1).evaluate("e => getComputedStyle(e, '::before').content")
            == '"Koperasi terdaftar"'
        )
    content = page.content()
    for personal in (
        "Paledang",
        "Keripik",
        "Euis",
        "3271064107850003",
        "081234567890",
        "KSP Sareal",
        "KSP Menteng",
    ):
        assert personal not in content
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"open-statistics-{width}.png"), full_page=True)
    with page.expect_download() as download:
        page.click("text=Unduh CSV")
    lines = Path(download.value.path()).read_text().splitlines()
    assert lines[0].startswith("region_code,region_name,level,year,source,cooperatives_registered")
    assert lines[1].startswith("32.71,Kota Bogor,regency,")
    # The language switch works without an account.
    page.click(".lang-switch button[value=en]")
    page.wait_for_selector("html[lang=en]")
    assert page.url.endswith("/statistik/32.71/")
    assert errors == []
