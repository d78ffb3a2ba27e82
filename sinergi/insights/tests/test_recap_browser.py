"""An officer of Kota Bogor makes the month's recap, follows its progress and downloads the PDF and
XLSX; the office admin's letterhead page saved untouched changes nothing."""

from pathlib import Path

import pytest

from conftest import csp_violations, login
from sinergi.accounts.models import Letterhead
from sinergi.core.models import AuditEvent
from sinergi.insights.letterhead import letterhead_save
from sinergi.insights.models import RecapReport
from sinergi.registry import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "insights"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize("width", [360, 1366])
def test_an_officer_makes_and_downloads_the_recap(page, officer_bogor, admin_bogor, office_bogor, width):
    services.cooperative_register(actor=officer_bogor, name="KSP Paledang", region_code="32.71.03.1002")
    letterhead_save(
        admin_bogor, office_bogor, signer_name="Drs. Bambang Sutrisno", signer_nip="196805121990031004"
    )
    page.set_viewport_size({"width": width, "height": 900})
    errors = csp_violations(page)
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    login(page, "staf.bogor@sinergi.test")
    page.goto(page.base_url + "/wawasan/rekap/")
    page.wait_for_selector("h1:has-text('Rekap bulanan')")
    page.select_option("#id_region_code", "32.71")
    page.click("button[type=submit]:has-text('Buat rekap')")
    page.wait_for_selector("#progress .badge:has-text('Selesai')")
    page.click("text=Lihat hasil")
    page.wait_for_selector("h1:has-text('Rekap bulanan')")
    recap = RecapReport.objects.get()
    with page.expect_download() as pdf:
        page.click(f"a[href$='/rekap/{recap.pk}/pdf/']")
    assert pdf.value.suggested_filename.endswith(".pdf")
    assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")
    with page.expect_download() as xlsx:
        page.click(f"a[href$='/rekap/{recap.pk}/xlsx/']")
    assert xlsx.value.suggested_filename.endswith(".xlsx")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"recap-{width}.png"), full_page=True)
    assert errors == []


@pytest.mark.parametrize("language", ["id", "en"])
def test_letterhead_saved_untouched_changes_nothing(page, admin_bogor, office_bogor, language):
    before = letterhead_save(
        admin_bogor,
        office_bogor,
        government="Pemerintah Kota Bogor",
        office_name="Dinas KUMKM",
        city="Bogor",
        signer_title="Kepala Dinas",
        signer_name="Drs. Bambang Sutrisno",
        signer_nip="196805121990031004",
    )
    events = AuditEvent.objects.count()
    login(page, "admin.bogor@sinergi.test")
    page.goto(page.base_url + "/wawasan/kop-surat/")
    page.click(f"button[name=language][value={language}]")
    page.wait_for_selector(f"html[lang={language}]")
    page.wait_for_selector("#id_signer_nip")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"letterhead-{language}.png"), full_page=True)
    page.click("form[enctype] button[type=submit]")
    page.wait_for_selector("ul.messages .msg-success")
    after = Letterhead.objects.get(office=office_bogor)
    fields = ("government", "office_name", "city", "signer_title", "signer_name", "signer_nip", "logo")
    assert [getattr(after, f) for f in fields] == [getattr(before, f) for f in fields]
    assert AuditEvent.objects.count() == events
