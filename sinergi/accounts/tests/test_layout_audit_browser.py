"""At 360 px each audit event reads top to bottom: the headline, then the list of changes under it
at the card's width, so no word breaks in the middle."""

import pytest

from conftest import login
from sinergi.registry.services import cooperative_register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EVENT = """() => [...document.querySelectorAll('td[data-label="Kejadian"]')].map((td) => {
  const head = td.querySelector('.event-headline').getBoundingClientRect();
  const list = td.querySelector('ul.changes');
  const box = list ? list.getBoundingClientRect() : null;
  return {
    headLeft: head.left,
    headBottom: head.bottom,
    headWidth: head.width,
    listLeft: box && box.left,
    listTop: box && box.top,
    listWidth: box && box.width,
  };
})"""


def test_an_event_stacks_its_headline_and_changes(page, admin_bogor):
    cooperative_register(
        actor=admin_bogor, name="Koperasi Simpan Pinjam Sejahtera Bersama", region_code="32.71.03.1002"
    )
    login(page, admin_bogor.email)
    page.wait_for_url(page.base_url + "/")
    page.goto(page.base_url + "/akun/audit/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    events = [e for e in page.evaluate(EVENT) if e["listTop"] is not None]
    assert events, "no event with a list of changes"
    for event in events:
        assert event["listTop"] >= event["headBottom"] - 1
        assert event["listLeft"] - event["headLeft"] < 20
        # Headline and list share the whole body of the card (beside the label): over 180 px.
        assert event["listWidth"] > 180
        assert event["headWidth"] > 150
