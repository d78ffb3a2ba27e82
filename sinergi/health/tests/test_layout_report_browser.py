"""At 360 px an annual report's figure tables keep every amount whole and right-aligned: the label
column wraps instead of pushing the amounts past the edge."""

import pytest

from conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIGURES = """() => [...document.querySelectorAll('table.report-figures')].map((table) => {
  const wrap = table.closest('.table-wrap');
  const edge = wrap.getBoundingClientRect().right;
  return {
    scrolls: wrap.scrollWidth > wrap.clientWidth,
    cut: [...table.querySelectorAll('td.num')]
      .filter((td) => td.getBoundingClientRect().right > edge + 0.5 || td.scrollWidth > td.clientWidth)
      .map((td) => td.textContent.trim()),
    align: [...new Set([...table.querySelectorAll('td.num')].map((td) => getComputedStyle(td).textAlign))],
    labels: [...table.querySelectorAll('th')].map((th) => th.getBoundingClientRect().height),
  };
})"""


def test_figure_tables_fit_a_phone(page, coop_manager, draft):
    login(page, coop_manager.email)
    page.wait_for_url(page.base_url + "/")
    page.goto(f"{page.base_url}/kesehatan/laporan/{draft.pk}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    tables = page.evaluate(FIGURES)
    assert len(tables) == 4
    for table in tables:
        assert table["scrolls"] is False
        assert table["cut"] == []
        assert table["align"] == ["right"]
    # A long label takes two lines rather than the amounts' room.
    assert max(max(table["labels"]) for table in tables) > min(min(table["labels"]) for table in tables) * 1.5
