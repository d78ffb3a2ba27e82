"""On a 360 px phone the health lists turn each row into a small card: nothing spills sideways and
every value sits beside the name of its column."""

import datetime as dt

import pytest
from django.utils import timezone

from conftest import login
from sinergi.health.supervision import services as supervision
from sinergi.registry.models import CooperativeProfile

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


def open_as(page, user, path):
    login(page, user.email)
    page.wait_for_url(page.base_url + "/")
    page.goto(page.base_url + "/kesehatan/" + path)


def test_cooperative_health_reports_are_cards(page, verified, officer_bogor, ksp_bogor):
    open_as(page, officer_bogor, f"koperasi/{ksp_bogor.pk}/")
    assert card_labels(page, "table.cards >> nth=0") == [["Tahun", "Tanggal RAT", "Status", "Skor"]]
    page.screenshot(path="/tmp/phone-cooperative-health.png", full_page=True)


def test_supervision_lists_are_cards(page, ksp_bogor, officer_bogor):
    last = timezone.localdate() - dt.timedelta(days=5 * 365)
    CooperativeProfile.objects.filter(pk=ksp_bogor.pk).update(last_rat_date=last)
    supervision.status_proposals_generate(actor=officer_bogor)
    open_as(page, officer_bogor, "pengawasan/tidak-aktif/")
    assert card_labels(page, "#usulan table") == [["Koperasi", "Alasan", "Diusulkan"]]
    note = page.get_by_label("Catatan")
    assert note.bounding_box()["width"] > 250
    page.screenshot(path="/tmp/phone-inactivity.png", full_page=True)

    case = supervision.dissolution_case_open(
        actor=officer_bogor, cooperative=ksp_bogor, ground="no_activity", facts="Tidak ada kegiatan usaha."
    )
    received = timezone.localdate() - dt.timedelta(days=10)
    supervision.dissolution_notice_issue(
        actor=officer_bogor,
        case=case,
        notice_number="518/7/Diskop",
        notice_date=received - dt.timedelta(days=2),
        received_on=received,
        signatory="Kepala Dinas",
    )
    page.goto(page.base_url + "/kesehatan/pengawasan/pembubaran/")
    assert card_labels(page, "table.cards") == [["Koperasi", "Tahap", "Batas waktu berikutnya"]]
    page.goto(page.base_url + f"/kesehatan/pengawasan/pembubaran/{case.pk}/")
    assert card_labels(page, "table.cards")[0] == ["Langkah", "Batas", "Dilakukan"]
    page.goto(page.base_url + "/kesehatan/pengawasan/peringatan-dini/")
    assert card_labels(page, "table.cards >> nth=-1")[0] == [
        "Koperasi",
        "Skor risiko",
        "Sinyal",
        "Penilaian terakhir",
        # An office writer may enrol the cooperative in the coaching clinic from here.
        "Klinik",
    ]
    page.goto(page.base_url + "/kesehatan/pengawasan/pilar/")
    assert card_labels(page, "table.cards >> nth=0") == [["Koperasi", "Status", "Penilaian terakhir", "RAT"]]
    assert card_labels(page, "table.cards >> nth=1") == [
        ["Kecamatan", "Reorientasi", "Rehabilitasi", "Pengembangan", "Belum dinilai"]
    ]
