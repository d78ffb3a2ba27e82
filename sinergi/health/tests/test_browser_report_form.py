"""The annual-report form at phone width: it saves the draft as the user types, keeps what was typed
through a dropped connection, adds up the figures that sum, and shows a rejection at the top."""

from decimal import Decimal

import pytest

from conftest import login
from sinergi.health.models import AnnualReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STATUS = "[data-autosave-status]"


def open_form(page, email, report):
    login(page, email)
    page.wait_for_url(page.base_url + "/")
    page.goto(page.base_url + f"/kesehatan/laporan/{report.pk}/ubah/")


def wait_saved(page):
    page.wait_for_selector(f"{STATUS}[data-state=saved]")
    assert page.inner_text(STATUS).startswith("Tersimpan ")


def test_draft_survives_a_dropped_connection(page, draft, coop_manager):
    open_form(page, coop_manager.email, draft)
    page.fill("#id_kas", "61.000.000")
    wait_saved(page)
    assert AnnualReport.objects.get(pk=draft.pk).kas == Decimal("61000000.00")

    page.context.set_offline(True)
    page.fill("#id_bank", "95.000.000")
    page.wait_for_selector(f"{STATUS}[data-state=offline]")
    assert page.inner_text(STATUS) == "Belum tersimpan — tidak ada sambungan, akan dicoba lagi"
    assert AnnualReport.objects.get(pk=draft.pk).bank == Decimal("90000000.00")

    page.context.set_offline(False)
    wait_saved(page)  # back online, the waiting save goes through on its own
    page.reload()
    assert page.input_value("#id_kas") == "61.000.000"
    assert page.input_value("#id_bank") == "95.000.000"
    wait_saved(page)
    report = AnnualReport.objects.get(pk=draft.pk)
    assert (report.kas, report.bank, report.status) == (Decimal("61000000.00"), Decimal("95000000.00"), "draft")


def test_unsaved_copy_is_restored_with_a_notice(page, draft, coop_manager):
    open_form(page, coop_manager.email, draft)
    page.route("**/draf/", lambda route: route.abort())  # the server cannot be reached
    page.fill("#id_shu_kotor", "250.000.000")
    page.wait_for_selector(f"{STATUS}[data-state=offline]")
    assert AnnualReport.objects.get(pk=draft.pk).shu_kotor != Decimal("250000000.00")

    page.unroute("**/draf/")
    page.goto(page.base_url + f"/kesehatan/laporan/{draft.pk}/ubah/")
    page.wait_for_selector("[data-draft-restored]:visible")
    assert page.inner_text("[data-draft-restored]") == "Draf yang belum tersimpan dipulihkan."
    assert page.input_value("#id_shu_kotor") == "250.000.000"
    wait_saved(page)
    assert AnnualReport.objects.get(pk=draft.pk).shu_kotor == Decimal("250000000.00")

    # Once saved, the server copy is the one a new visit shows, without the notice.
    page.goto(page.base_url + f"/kesehatan/laporan/{draft.pk}/ubah/")
    assert page.is_hidden("[data-draft-restored]")


def test_running_totals_and_sticky_save_bar(page, draft, coop_manager):
    open_form(page, coop_manager.email, draft)
    kas_bank = page.locator("[data-running-total=kas_bank]")
    assert kas_bank.locator("output").inner_text() == "Rp150.000.000"  # 60 jt + 90 jt as stored
    page.fill("#id_bank", "1,3 M")
    assert kas_bank.locator("output").inner_text() == "Rp1.360.000.000"
    assert kas_bank.locator("[data-total-note]").is_visible()  # more than the total assets
    assert "Melebihi total aset." in kas_bank.inner_text()
    page.fill("#id_bank", "90.000.000")
    assert kas_bank.locator("[data-total-note]").is_hidden()

    # The save bar stays on screen at the bottom while the form scrolls.
    page.evaluate("window.scrollTo(0, 0)")
    bar = page.locator(".report-savebar").bounding_box()
    assert bar["y"] + bar["height"] <= 780
    assert page.locator(".report-savebar button:has-text('Simpan')").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_rejected_form_puts_its_errors_in_view_and_focus(page, draft, coop_manager):
    open_form(page, coop_manager.email, draft)
    page.route("**/draf/", lambda route: route.abort())  # only the full save is under test here
    page.fill("#id_pinjaman_macet", "lima")
    page.click(".report-savebar button:has-text('Simpan')")
    page.wait_for_selector("[data-form-errors]")
    # The page script moves the focus after load: wait for it (fails after the timeout if it never does).
    page.wait_for_function("document.activeElement && document.activeElement.hasAttribute('data-form-errors')")
    box = page.locator("[data-form-errors]").bounding_box()
    assert 0 <= box["y"] < 780
    assert "Bukan jumlah uang yang sah: lima" in page.inner_text("[data-form-errors]")
    assert AnnualReport.objects.get(pk=draft.pk).pinjaman_macet == Decimal("30000000.00")


def test_new_report_becomes_a_draft_as_soon_as_it_has_a_year(page, ksp_bogor, coop_manager):
    login(page, coop_manager.email)
    page.wait_for_url(page.base_url + "/")
    page.goto(page.base_url + "/kesehatan/laporan/baru/")
    page.fill("#id_kas", "12.500.000")
    page.wait_for_selector(f"{STATUS}[data-state=waiting]")
    assert AnnualReport.objects.count() == 0
    page.fill("#id_year", "2024")
    wait_saved(page)
    report = AnnualReport.objects.get()
    assert (report.cooperative_id, report.year, report.kas, report.status) == (
        ksp_bogor.pk,
        2024,
        Decimal("12500000.00"),
        "draft",
    )
    assert page.url.endswith(f"/kesehatan/laporan/{report.pk}/ubah/")
    page.fill("#id_bank", "7.500.000")
    wait_saved(page)
    page.wait_for_function("() => document.querySelector('#id_bank').value === '7.500.000'")
    page.click(".report-savebar button:has-text('Simpan')")
    page.wait_for_url(f"**/kesehatan/laporan/{report.pk}/")
    report.refresh_from_db()
    assert (report.kas, report.bank) == (Decimal("12500000.00"), Decimal("7500000.00"))
    assert AnnualReport.objects.count() == 1
