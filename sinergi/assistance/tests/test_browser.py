"""The whole warung-aid path in a browser at phone width (360 px): an application with a shop
photo, its eligibility, the selection, the handover signed on screen, two monitoring visits, and
the programme's outcome report."""

import io
from pathlib import Path

import pytest
from PIL import Image

from conftest import csp_violations, login
from sinergi.assistance.models import Application, Handover, Visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def confirm(page):
    page.click("#confirm-dialog [data-confirm-go]")


def test_whole_assistance_path_on_a_phone(page, coop_manager, programme, etalase, shops, tmp_path):
    violations = csp_violations(page)
    photo = Path(tmp_path) / "warung.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (30, 140, 70)).save(buffer, format="JPEG")
    photo.write_bytes(buffer.getvalue())

    login(page, coop_manager.email)
    page.wait_for_url(page.base_url + "/")
    # 1. Application, with the shop's photo.
    page.goto(page.base_url + f"/bantuan-warung/program/{programme.pk}/")
    page.click("a:has-text('Catat permohonan')")
    page.select_option("#id_business", label="Warung Bu Ani")
    page.select_option("#id_package", label="Etalase kaca")
    page.fill("#id_baseline_revenue", "3000000")
    page.fill("#id_c_retail_nearby", "0.8")
    page.fill("#id_c_revenue_drop", "0.5")
    page.fill("#id_c_dependants", "0.25")
    page.set_input_files("#id_photo", str(photo))
    assert fits_phone(page)
    page.click("button:has-text('Ajukan permohonan')")
    # 2. Eligibility, worded on the application's page.
    page.wait_for_selector("[data-testid=eligible]:has-text('Memenuhi semua syarat program.')")
    application = Application.objects.get()
    assert application.photo
    assert fits_phone(page)

    # 3. Selection: close the applications, run the rule.
    page.click(".crumbs a:has-text('Warung Tetangga Kita')")
    page.click("button:has-text('Tutup pendaftaran')")
    confirm(page)
    page.wait_for_selector("[data-testid=cycle]:has-text('Pendaftaran ditutup')")
    page.click("button:has-text('Jalankan seleksi')")
    confirm(page)
    page.wait_for_selector("[data-testid=cycle]:has-text('Seleksi selesai')")
    assert page.inner_text("[data-testid=budget-left]") == "Rp7.000.000"
    assert fits_phone(page)

    # 4. Handover, signed with a finger on the canvas.
    page.click("[data-testid=applications] a:has-text('Warung Bu Ani')")
    page.wait_for_selector("[data-testid=status]:has-text('Terpilih')")
    page.click("a:has-text('Catat serah terima')")
    page.fill("#id_serial_numbers", "ET-2026-001")
    page.locator("#signature-canvas").scroll_into_view_if_needed()
    box = page.locator("#signature-canvas").bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 60)
    page.mouse.down()
    page.mouse.move(box["x"] + 120, box["y"] + 20, steps=8)
    page.mouse.move(box["x"] + 220, box["y"] + 90, steps=8)
    page.mouse.up()
    assert fits_phone(page)
    page.click("button:has-text('Simpan serah terima')")
    page.wait_for_selector("[data-testid=handover]")
    handover = Handover.objects.get()
    assert handover.confirmed_at is not None and handover.signature.name.endswith(".png")

    # 5. Two monitoring visits.
    for month, revenue in ((3, "3300000"), (6, "3600000")):
        page.click(f"[data-testid=visits] a[href$='/kunjungan/{month}/']")
        page.fill("#id_revenue", revenue)
        page.fill("#id_stock_turnover", "4")
        assert fits_phone(page)
        page.click("button:has-text('Simpan kunjungan')")
        page.wait_for_selector(".msg-success:has-text('Kunjungan dicatat.')")
    assert Visit.objects.filter(visited_on__isnull=False).count() == 2

    # 6. The programme's outcome report.
    page.click(".crumbs a:has-text('Warung Tetangga Kita')")
    page.click("a:has-text('Hasil program')")
    assert page.inner_text("[data-testid=revenue-change]").startswith("20,0%")
    assert page.inner_text("[data-testid=in-use]").startswith("100,0%")
    assert fits_phone(page)
    with page.expect_download() as download:
        page.click("a:has-text('Cetak laporan (PDF)')")
    assert download.value.suggested_filename == f"hasil-bantuan-warung-{programme.pk}.pdf"
    assert violations == []
