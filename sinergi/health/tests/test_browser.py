"""Browser journey at phone width: a report goes from the cooperative to the office and back, then
is verified, and the assessment explains its numbers."""

from pathlib import Path

import pytest

from conftest import login
from sinergi.health.models import AnnualReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[3] / "test-artifacts"


def fits_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def switch_user(page, email):
    page.context.clear_cookies()
    login(page, email)
    page.wait_for_url(page.base_url + "/")


def test_report_returned_resubmitted_verified_and_explained(page, draft, coop_manager, officer_bogor):
    switch_user(page, coop_manager.email)
    page.goto(page.base_url + f"/kesehatan/laporan/{draft.pk}/")
    page.click("button:has-text('Ajukan ke dinas')")
    page.wait_for_selector(".msg-info:has-text('Laporan sedang diperiksa dinas')")

    # The office finds it from its home page queue and returns it with a comment.
    switch_user(page, officer_bogor.email)
    page.click("a.card:has-text('laporan tahunan menunggu verifikasi')")
    page.locator("#rows").get_by_role("link", name="Koperasi Sejahtera Bersama").first.click()
    page.wait_for_selector("h2:has-text('Pemeriksaan dinas')")
    assert fits_phone(page)
    page.click("button:has-text('Kembalikan dengan catatan')")  # without a comment: refused
    page.click("#confirm-dialog [data-confirm-go]")
    page.wait_for_selector(".errorlist, .msg-error")
    assert AnnualReport.objects.get(pk=draft.pk).status == "submitted"
    page.fill("#id_comment", "Lampirkan notulen RAT.")
    page.click("button:has-text('Kembalikan dengan catatan')")
    page.click("#confirm-dialog [data-confirm-go]")
    page.wait_for_selector(".msg-warning:has-text('Lampirkan notulen RAT.')")

    # The manager sees it on the home page and submits again.
    switch_user(page, coop_manager.email)
    page.wait_for_selector("text=Laporan dikembalikan oleh petugas dinas")
    page.click("a:has-text('Buka laporan')")
    page.click("button:has-text('Ajukan ke dinas')")
    page.wait_for_selector(".msg-info:has-text('Laporan sedang diperiksa dinas')")

    switch_user(page, officer_bogor.email)
    page.goto(page.base_url + f"/kesehatan/laporan/{draft.pk}/")
    page.click("button:has-text('Verifikasi dan nilai')")
    page.wait_for_selector("[data-testid=total]")  # verifying scores the report and shows why
    assert page.url.endswith(f"/kesehatan/laporan/{draft.pk}/penilaian/")
    assert page.inner_text("[data-testid=total]") == "72,05"
    assert "Cukup Sehat" in page.inner_text(".assessment-summary")
    component = page.locator("#komponen-1a")
    assert "modal sendiri / total aset × 100" in component.inner_text()
    assert "modal_sendiri" not in component.inner_text()
    assert component.locator("[data-testid=skor-1a]").inner_text() == "100 × 6 / 100 = 6,00"
    assert fits_phone(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "health-assessment-phone.png"), full_page=False)
