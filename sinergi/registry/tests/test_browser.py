"""Browser journeys of the registry, in Debian's Chromium at phone width (360 px).

An officer imports a messy sheet, finds a business, opens it and exports the list; and an officer
merges a duplicate pair from the review queue.
"""

import csv
import re

import pytest

from conftest import login, open_menu
from sinergi.registry import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MESSY = [
    ["Nama Usaha", "Nama Pemilik", "NIK Pemilik", "Kelurahan/Desa", "Kecamatan", "Kabupaten/Kota",
     "No. HP/WhatsApp", "Omzet per Tahun"],
    ["Keripik Talas Bu Euis", "Euis Rahmawati", "3271064107850003", "Kedung Badak", "Tanah Sareal", "Kota Bogor",
     "0812-3456-7890", "Rp 180.000.000"],
    ["Bolu Talas Sangkuriang", "Dedi Suryana", "3271060101800001", "Kebon Pedes", "Tanah Sareal", "Kota Bogor",
     "081311112222", "250 jt"],
    ["Toko Rusak", "Asep", "123", "Paledang", "Bogor Tengah", "Kota Bogor", "", ""],  # a bad NIK
    ["Warung Sindang", "Ujang", "", "Sindang", "", "Kota Bogor", "", ""],  # Sindangsari or Sindangrasa?
    ["Keripik Talas Bu Euis", "Euis Rahmawati", "3271064107850003", "Kedung Badak", "Tanah Sareal", "Kota Bogor",
     "081234567890", ""],  # the first row again
]  # fmt: skip
EXPORT_HEADER = [
    "Nama Usaha", "Nama Pemilik", "NIK Pemilik", "Jenis Kelamin", "NIB", "KBLI", "Alamat", "Kelurahan/Desa",
    "Kecamatan", "Kabupaten/Kota", "No. HP/WhatsApp", "E-mail", "Modal Usaha", "Omzet per Tahun",
    "Jumlah Tenaga Kerja", "Tanggal Berdiri", "Status", "Kode Wilayah",
]  # fmt: skip


def fits_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def test_import_search_open_and_export(page, officer_bogor, tmp_path):
    sheet = tmp_path / "umkm-kecamatan.csv"
    with sheet.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(MESSY)
    login(page, officer_bogor.email)
    page.wait_for_url(page.base_url + "/")

    page.goto(page.base_url + "/registri/impor/")
    page.select_option("#id_kind", "umkm")
    page.set_input_files("#id_file", str(sheet))
    page.click("button:has-text('Unggah dan periksa')")
    page.wait_for_selector("h2:has-text('Pratinjau: belum ada yang disimpan')")
    stats = page.locator(".stat")
    assert stats.filter(has_text="akan dibuat").locator(".value").inner_text() == "2"
    assert stats.filter(has_text="ditolak").locator(".value").inner_text() == "3"
    body = page.content()
    assert "NIK Pemilik: NIK harus 16 digit angka: 123" in body
    assert "Sindangsari" in body and "Sindangrasa" in body
    assert "Duplikat dalam berkas: sama dengan baris 2" in body
    assert fits_phone(page)

    page.click("form[action*='/jalankan/'] button:has-text('Impor sekarang')")
    page.click("#confirm-dialog [data-confirm-go]")
    page.wait_for_selector("h2:has-text('Hasil impor')")
    assert page.locator(".stat").filter(has_text="dibuat").first.locator(".value").inner_text() == "2"

    page.goto(page.base_url + "/registri/umkm/")
    page.fill("#f-q", "Bolu")
    # htmx swaps the rows in place (no eval under the page's CSP, so wait on the element itself).
    page.locator("#rows tr", has_text="Keripik Talas").wait_for(state="detached")
    rows = page.locator("#rows")
    assert "Bolu Talas Sangkuriang" in rows.inner_text()
    assert "q=Bolu" in page.url  # the search is in the address, so it can be shared
    rows.get_by_role("link", name="Bolu Talas Sangkuriang").click()
    page.wait_for_selector("h1:has-text('Bolu Talas Sangkuriang')")
    assert "Dedi Suryana" in page.content()
    assert fits_phone(page)

    page.goto(page.base_url + "/registri/umkm/")
    with page.expect_download() as info:
        page.click("a:has-text('Ekspor CSV')")
    download = info.value
    assert re.fullmatch(r"umkm-\d{8}\.csv", download.suggested_filename)
    with open(download.path(), encoding="utf-8-sig", newline="") as handle:
        exported = list(csv.reader(handle))
    assert exported[0] == EXPORT_HEADER
    assert sorted(row[0] for row in exported[1:]) == ["Bolu Talas Sangkuriang", "Keripik Talas Bu Euis"]


def test_merge_a_duplicate_from_the_queue(page, officer_bogor):
    kept = services.business_register(
        actor=officer_bogor, name="Keripik Talas Bu Euis", region_code="32.71.06.1003",
        owner_name="Euis Rahmawati", owner_nik="3271064107850003", phone="081234567890",
    )  # fmt: skip
    services.business_register(
        actor=officer_bogor, name="Kripik Talas Ibu Euis", region_code="32.71.06.1003",
        owner_name="Euis Rahmawati", owner_nik="3271064107850003", phone="081234567890", nib="9120001234567",
    )  # fmt: skip
    services.duplicate_scan(actor=officer_bogor, kind="umkm", region="32.71")
    login(page, officer_bogor.email)
    page.wait_for_url(page.base_url + "/")

    open_menu(page)
    page.locator("nav.mainnav").get_by_role("link", name="Duplikat").click()
    page.wait_for_selector("h1:has-text('Calon duplikat')")
    assert fits_phone(page)
    page.locator("#rows").get_by_role("link", name="Keripik Talas Bu Euis").click()
    page.wait_for_selector("h1:has-text('Bandingkan data')")
    assert "NIK pemilik sama." in page.content()
    assert fits_phone(page)
    page.check("#keep-left")
    page.click("form[action*='/gabung/'] button:has-text('Gabungkan')")
    page.click("#confirm-dialog [data-confirm-go]")
    page.wait_for_selector(
        ".msg-success:has-text('Kripik Talas Ibu Euis digabung ke Keripik Talas Bu Euis.')"
    )
    assert "Tidak ada pasangan yang perlu ditinjau." in page.locator("#rows").inner_text()

    page.goto(page.base_url + "/registri/umkm/")
    listing = page.locator("#rows").inner_text()
    assert "Keripik Talas Bu Euis" in listing and "Kripik Talas Ibu Euis" not in listing
    page.goto(page.base_url + f"/registri/umkm/{kept.pk}/")
    assert "9120001234567" in page.content()  # the NIB came over from the merged record
