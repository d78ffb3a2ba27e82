"""On a 360 px phone the Belanja Bareng lists turn each row into a small card: nothing spills
sideways and every value sits beside the name of its column."""

import pytest

from conftest import login
from sinergi.purchasing.models import PurchaseOrder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CARD_ROWS = """table => [...table.querySelectorAll('tbody tr')]
  .filter(tr => !tr.querySelector('td.empty'))
  .map(tr => [...tr.querySelectorAll('td[data-label]')].map(td => ({
    label: td.dataset.label,
    shown: getComputedStyle(td, '::before').content,
    display: getComputedStyle(td).display,
  })))"""


def card_labels(page, table):
    """The column names each row of `table` shows, after checking the page fits the phone."""
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    table = page.locator(table)
    assert table.locator("thead").evaluate("el => getComputedStyle(el).display") == "none"
    rows = table.evaluate(CARD_ROWS)
    assert rows, "the table has no rows"
    for cells in rows:
        for cell in cells:
            assert cell["shown"] == f'"{cell["label"]}"'
            assert cell["display"] == "flex"
    return [[cell["label"] for cell in cells] for cells in rows]


def sign_in(page, user):
    page.context.clear_cookies()
    login(page, user.email)
    page.wait_for_url(page.base_url + "/")


def test_orders_and_report_are_cards(page, coordinator, optimised_round, bulog):
    sign_in(page, coordinator)
    page.goto(f"{page.base_url}/belanja-bareng/po/")
    assert card_labels(page, "table.cards") == [["Nomor", "Pemasok", "Putaran", "Total", "Status"]] * 2
    po = PurchaseOrder.objects.get(round=optimised_round, supplier=bulog)
    page.goto(f"{page.base_url}/belanja-bareng/po/{po.pk}/")
    assert (
        card_labels(page, "table.cards")
        == [["Barang", "Jumlah", "Jenjang harga", "Harga satuan", "Nilai"]] * 2
    )
    page.goto(f"{page.base_url}/belanja-bareng/putaran/")
    assert card_labels(page, "table.cards")[0] == ["Putaran", "Jaringan", "Dibuka", "Ditutup", "Status"]
    page.goto(f"{page.base_url}/belanja-bareng/putaran/{optimised_round.pk}/")
    assert (
        card_labels(page, "table.cards:has(th:text-is('Jika sendiri'))")
        == [["Koperasi", "Jika sendiri", "Dibayar", "Hemat"]] * 2
    )
    assert (
        card_labels(page, "table.cards:has(th:text-is('Nomor'))")
        == [["Nomor", "Pemasok", "Total", "Status"]] * 2
    )
    page.goto(f"{page.base_url}/belanja-bareng/putaran/{optimised_round.pk}/laporan/")
    assert card_labels(page, "table.cards >> nth=0")[0] == [
        "Pemasok",
        "Nomor",
        "Barang",
        "Ongkos kirim",
        "Total",
        "Keadaan",
    ]


def test_catalogue_prices_and_fees_are_cards(page, supplier, price_lists):
    sign_in(page, supplier)
    page.goto(f"{page.base_url}/belanja-bareng/katalog/")
    assert card_labels(page, "table.cards") == [["Barang", "Penawaran"]] * 3
    page.goto(f"{page.base_url}/belanja-bareng/harga/")
    assert card_labels(page, "table.cards") == [["Pemasok", "Daftar harga", "Berlaku", "Barang"]]
    page.goto(f"{page.base_url}/belanja-bareng/harga/{price_lists['bulog'].pk}/")
    assert card_labels(page, "table.cards") == [["Barang", "Jenjang harga"]] * 2
    page.goto(f"{page.base_url}/belanja-bareng/ongkir/?region=32.73")
    labels = card_labels(page, "table.cards")
    assert labels[0] == ["Kecamatan", "Ongkos kirim (Rp)"]
    assert page.get_by_label("Coblong").input_value() == "100000"
    page.screenshot(path="/tmp/phone-fees.png", full_page=True)
