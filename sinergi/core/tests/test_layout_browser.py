"""The frame of every page in Debian's Chromium: the phone menu, touch targets, CSP, error focus."""

import pytest

from conftest import csp_violations, login
from sinergi.registry.services import cooperative_register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REGION = "32.71.03.1002"

# Every box a finger must hit on a phone: WCAG 2.5.5 asks for 44 x 44 CSS pixels.
MEASURE = """(selector) => [...document.querySelectorAll(selector)]
  .filter((el) => el.offsetParent !== null)
  .map((el) => {
    const box = el.getBoundingClientRect();
    return {text: el.textContent.trim().slice(0, 40), width: box.width, height: box.height};
  })"""


def too_small(page, selector) -> list[dict]:
    boxes = page.evaluate(MEASURE, selector)
    assert boxes, f"nothing visible matches {selector} on {page.url}"
    return [box for box in boxes if box["width"] < 44 or box["height"] < 44]


def overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def whole_text(page, selector) -> bool:
    """The element shows all its text: nothing is cut off or left spilling out."""
    return page.evaluate(
        "(s) => { const el = document.querySelector(s); return el.scrollWidth <= el.clientWidth + 1; }",
        selector,
    )


def menu_labels(page) -> list[str]:
    return [text.strip() for text in page.locator("#mainnav a").all_inner_texts()]


def test_the_phone_menu_is_a_drawer_with_every_item(page, officer_bogor):
    violations = csp_violations(page)
    login(page, officer_bogor.email)
    page.wait_for_url(page.base_url + "/")
    button = page.locator("[data-nav-toggle]")
    nav = page.locator("#mainnav")

    # Folded: the button says so, the menu takes no room.
    assert button.is_visible()
    assert button.get_attribute("aria-expanded") == "false"
    assert button.get_attribute("aria-controls") == "mainnav"
    assert not nav.is_visible()
    assert overflow(page) == 0
    assert page.locator(".org-switch summary").inner_text() == "Dinas Koperasi dan UMKM Kota Bogor"
    assert whole_text(page, ".org-switch summary")

    # Opened: every item is in view and can be reached without scrolling sideways.
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert nav.is_visible()
    labels = menu_labels(page)
    assert labels[0] == "Beranda" and labels[-1] == "Profil"
    assert "Koperasi" in labels and "Laporan tahunan" in labels
    for link in page.locator("#mainnav a").all():
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, link.inner_text()
        assert box["height"] >= 44 and box["width"] >= 44, link.inner_text()
    assert too_small(page, "[data-nav-toggle]") == []

    # Escape folds it and gives the focus back to the button.
    page.keyboard.press("Escape")
    assert not nav.is_visible()
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.hasAttribute('data-nav-toggle')")

    # A click outside folds it.
    button.click()
    assert nav.is_visible()
    page.mouse.click(180, 600)
    assert not nav.is_visible()

    # Choosing an item opens its page.
    button.click()
    page.locator("#mainnav a", has_text="Koperasi").first.click()
    page.wait_for_url(page.base_url + "/registri/koperasi/")
    assert not page.locator("#mainnav").is_visible()
    assert page.locator("#mainnav a[aria-current=page]").inner_text() == "Koperasi"
    assert violations == []


def test_without_javascript_the_menu_stays_in_view(chromium, live_server, officer_bogor):
    context = chromium.new_context(
        viewport={"width": 360, "height": 780}, locale="id-ID", java_script_enabled=False
    )
    page = context.new_page()
    page.goto(live_server.url + "/masuk/")
    page.fill("#id_username", officer_bogor.email)
    page.fill("#id_password", "rahasia-uji-123")
    page.click("button[type=submit]:has-text('Masuk')")
    page.wait_for_url(live_server.url + "/")
    assert not page.locator("[data-nav-toggle]").is_visible()
    for link in page.locator("#mainnav a").all():
        assert link.is_visible()
        box = link.bounding_box()
        assert box["x"] + box["width"] <= 360, link.inner_text()
    assert overflow(page) == 0
    context.close()


@pytest.mark.parametrize("language", ["id", "en"])
def test_at_1366_px_the_menu_is_one_wrapping_row_and_nothing_overflows(
    chromium, live_server, officer_bogor, language
):
    context = chromium.new_context(viewport={"width": 1366, "height": 800}, locale="id-ID")
    page = context.new_page()
    violations = csp_violations(page)
    page.base_url = live_server.url
    login(page, officer_bogor.email)
    page.wait_for_url(live_server.url + "/")
    if language == "en":
        page.click(".lang-switch button[value=en]")
        page.wait_for_selector("html[lang=en]")
    assert not page.locator("[data-nav-toggle]").is_visible()
    for url in ["/", "/registri/koperasi/", "/kesehatan/laporan/", "/akun/profil/"]:
        page.goto(live_server.url + url)
        assert overflow(page) == 0, url
        for link in page.locator("#mainnav a").all():
            assert link.is_visible(), link.inner_text()
            box = link.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 1366, link.inner_text()
        # The top bar keeps the language switch and the account menu on screen.
        for selector in [".lang-switch", ".org-switch summary"]:
            box = page.locator(selector).bounding_box()
            assert box["x"] + box["width"] <= 1366, selector
        assert whole_text(page, ".org-switch summary")
    assert violations == []
    context.close()


def test_touch_targets_are_44_px_on_a_phone(page, officer_bogor):
    violations = csp_violations(page)
    for number in range(26):
        cooperative_register(actor=officer_bogor, name=f"KSP Uji {number:02}", region_code=REGION)
    login(page, officer_bogor.email)
    page.wait_for_url(page.base_url + "/")
    assert too_small(page, ".lang-switch button") == []
    assert too_small(page, ".topbar summary") == []

    # Pagination.
    page.goto(page.base_url + "/registri/koperasi/")
    assert page.locator(".pagination a").count() == 1
    assert too_small(page, ".pagination a") == []
    # A row's link in the list.
    assert too_small(page, "table a") == []

    # Breadcrumbs, on a cooperative's page.
    page.locator("table a", has_text="KSP Uji 00").first.click()
    page.wait_for_selector(".crumbs a")
    assert too_small(page, ".crumbs a") == []

    # Radio buttons: the whole label is the target.
    page.goto(page.base_url + "/kesehatan/pengawasan/pembubaran/baru/")
    radios = page.locator("label:has(> input[type=radio])")
    assert radios.count() >= 2
    assert too_small(page, "label:has(> input[type=radio])") == []
    radios.nth(1).click(position={"x": 200, "y": 5})
    assert page.locator("input[type=radio]").nth(1).is_checked()
    assert violations == []


def test_a_rejected_form_shows_and_focuses_its_error(page, officer_bogor):
    violations = csp_violations(page)
    page.goto(page.base_url + "/masuk/")
    page.fill("#id_username", officer_bogor.email)
    page.fill("#id_password", "salah-sekali-123")
    page.click("button[type=submit]:has-text('Masuk')")
    page.wait_for_selector(".errorlist")
    page.wait_for_function("document.activeElement.matches('.errorlist, [data-form-errors]')")
    top = page.evaluate("document.activeElement.getBoundingClientRect().top")
    assert 0 <= top < 780
    assert violations == []


def test_the_404_page_leads_back(page, officer_bogor):
    violations = csp_violations(page)
    login(page, officer_bogor.email)
    page.wait_for_url(page.base_url + "/")
    page.goto(page.base_url + "/registri/koperasi/")
    # Followed from a page of the site, as a broken link would be.
    page.evaluate("window.location.href = '/tidak-ada-halaman-ini/'")
    page.wait_for_selector("h1:has-text('Halaman tidak ditemukan')")
    back = page.locator("[data-history-back]")
    assert back.is_visible() and back.inner_text() == "Kembali ke halaman sebelumnya"
    assert page.locator("main a.btn").inner_text() == "Kembali ke beranda"
    back.click()
    page.wait_for_url(page.base_url + "/registri/koperasi/")

    # Opened directly, there is no page to go back to: only the way home.
    page.goto(page.base_url + "/tidak-ada-halaman-ini/")
    assert not page.locator("[data-history-back]").is_visible()
    page.locator("main a.btn").click()
    page.wait_for_url(page.base_url + "/")
    assert violations == []


def test_the_frame_and_the_account_pages_break_no_content_policy(page, officer_bogor):
    violations = csp_violations(page)
    for url in ["/masuk/", "/sandi/lupa/", "/sandi/lupa/terkirim/", "/sandi/atur/selesai/", "/tidak-ada/"]:
        page.goto(page.base_url + url)
    login(page, officer_bogor.email)
    page.wait_for_url(page.base_url + "/")
    for url in ["/", "/akun/sandi/ganti/", "/akun/profil/", "/tidak-ada/"]:
        page.goto(page.base_url + url)
        page.click("[data-nav-toggle]")
        page.click(".org-switch summary")
    # No inline style is left to refuse: the account menu's notes take their spacing from the sheet.
    assert page.locator("[style]").count() == 0
    assert violations == []


def test_a_refused_inline_style_is_reported(page):
    # The listener itself works: a page that breaks the policy is caught.
    violations = csp_violations(page)
    page.goto(page.base_url + "/masuk/")
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<div style=\"color:red\">x</div>')")
    page.wait_for_timeout(200)
    assert violations and "style-src" in " ".join(violations)
