"""At 360 px the catalogue reads as cards with nothing cut at the edge, and a two-level
breadcrumb wraps as text with the separator after the link before it."""

import pytest

from conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Elements whose right edge passes the right edge of the box that clips them.
CUT = """(selector) => {
  const wrap = document.querySelector(selector);
  const edge = wrap.getBoundingClientRect().right;
  return [...wrap.querySelectorAll('a, strong, li, td')]
    .filter((el) => el.getBoundingClientRect().right > edge + 0.5)
    .map((el) => el.textContent.trim().slice(0, 40));
}"""


def sign_in(page, user):
    login(page, user.email)
    page.wait_for_url(page.base_url + "/")


def test_the_catalogue_is_cards_with_whole_offers(page, coordinator, open_round):
    sign_in(page, coordinator)
    page.goto(page.base_url + "/belanja-bareng/katalog/")
    table = page.locator("table.cards")
    assert table.locator("thead").evaluate("el => getComputedStyle(el).display") == "none"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.evaluate(CUT, ".table-wrap") == []
    wrap = page.locator(".table-wrap")
    assert wrap.evaluate("el => el.scrollWidth <= el.clientWidth")
    # The name alone on screen, the code only in the title.
    rice = table.locator("strong", has_text="Beras medium 5 kg")
    assert rice.get_attribute("title") == "beras-medium-5kg"
    assert "beras-medium-5kg" not in table.inner_text()
    # The supplier's name gets the card's width beside the label, not a sliver.
    link = table.locator("a", has_text="Perum Bulog Kanwil Jabar").first
    assert link.bounding_box()["width"] >= 150


def test_a_two_level_breadcrumb_wraps_as_text(page, bandung_manager, cooperative_bandung, open_round):
    open_round.name = "Belanja Bareng Desember untuk Seluruh Anggota Jaringan Kota Bandung"
    open_round.save(update_fields=["name"])
    sign_in(page, bandung_manager)
    page.goto(f"{page.base_url}/belanja-bareng/putaran/{open_round.pk}/pesanan/{cooperative_bandung.pk}/")
    crumbs = page.locator(".crumbs")
    assert crumbs.inner_text() == "Belanja Bareng › " + open_round.name
    lines = crumbs.evaluate(
        """el => [...el.querySelectorAll('a')].map(a => [...a.getClientRects()].map(r => ({
             x: r.left, y: r.top, w: r.width, h: r.height})))"""
    )
    first, second = lines
    assert len(first) == 1
    # The round's name starts on the first line, right after "Belanja Bareng ›", and wraps
    # inside itself onto a second line: no row left with a lone link and a gap.
    assert len(second) == 2
    assert abs(second[0]["y"] - first[0]["y"]) < 1
    assert second[0]["x"] > first[0]["x"] + first[0]["w"]
    height = crumbs.evaluate("el => el.getBoundingClientRect().height")
    line = crumbs.evaluate("el => parseFloat(getComputedStyle(el).lineHeight)")
    assert height <= 2 * line + 1
    # Each piece of a link is still a 44 px target.
    for rect in first + second:
        assert rect["h"] >= 44
        assert rect["w"] >= 44
