"""Browser journeys of the foundation, in Debian's Chromium at phone width (360 px)."""

import pytest

from conftest import login, open_menu, pick_region

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_switch_language_and_home(page, officer_bogor):
    login(page, officer_bogor.email)
    page.wait_for_url(page.base_url + "/")
    assert page.locator("h1").inner_text() == "Selamat datang, Siti"
    open_menu(page)
    assert page.locator("nav.mainnav").get_by_text("Organisasi").is_visible()
    # The page fits a 360 px phone: nothing wider than the viewport.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.click("button[value=en]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Welcome, Siti"
    assert page.locator("html").get_attribute("lang") == "en"
    page.click("button[value=id]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Selamat datang, Siti"


def test_wrong_password_shows_error(page, officer_bogor):
    login(page, officer_bogor.email, password="salah-sekali")
    assert page.get_by_text("Email atau kata sandi salah.").is_visible()


def test_officer_creates_organization_with_cascading_picker(page, officer_bogor):
    login(page, officer_bogor.email)
    page.wait_for_url(page.base_url + "/")
    page.goto(page.base_url + "/akun/organisasi/baru/")
    page.select_option("#id_kind", "company")
    page.fill("#id_name", "Roti Unyil Venus")
    pick_region(page, "region", ["32", "32.71", "32.71.03", "32.71.03.1002"])
    page.click("button:has-text('Simpan')")
    page.wait_for_selector("h1:has-text('Roti Unyil Venus')")
    assert "Paledang, Bogor Tengah, Kota Bogor" in page.content()
