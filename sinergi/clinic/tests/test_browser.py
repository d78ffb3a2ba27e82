"""The whole clinic loop in a browser at phone width (360 px): enrol from the early-warning list,
assign a team, two experts rate independently, agree, recommend, follow up, record the outcome;
the programme page then shows the target progress."""

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from conftest import csp_violations, login
from sinergi.clinic.models import Case
from sinergi.clinic.tests.factories import assessed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[3] / "test-artifacts"


def fits_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def switch_user(page, email):
    page.context.clear_cookies()
    login(page, email)
    page.wait_for_url(page.base_url + "/")


def confirm(page):
    page.click("#confirm-dialog [data-confirm-go]")


def test_whole_clinic_loop_on_a_phone(
    page, officer_bogor, clinic_expert, expert, expert_two, programme, coop_profile, problems, this_year
):
    violations = csp_violations(page)
    # 1. Enrol from the early-warning list.
    switch_user(page, officer_bogor.email)
    page.goto(page.base_url + "/kesehatan/pengawasan/peringatan-dini/")
    page.click("a:has-text('Daftarkan ke klinik')")
    page.wait_for_selector("text=Predikat lemah (+25)")
    assert fits_phone(page)
    page.click("button:has-text('Daftarkan ke klinik')")
    page.wait_for_selector("[data-testid=stage]:has-text('Terdaftar')")
    case = Case.objects.get()
    assert [e["code"] for e in case.evidence] == ["predicate_weak"]
    assert fits_phone(page)

    # 2. Assign a team of two experts.
    page.click("a:has-text('Atur tim')")
    page.check("text=Iwan Hermawan")
    page.check("text=Rudi Hartono")
    page.click("button:has-text('Simpan tim')")
    page.wait_for_selector("[data-testid=stage]:has-text('Diagnosis tim')")

    # 3. Two experts rate, each without seeing the other.
    switch_user(page, clinic_expert.email)
    page.click("[data-testid=clinic-home] a:has-text('Koperasi Sejahtera Bersama')")
    page.click("a:has-text('Beri penilaian')")
    page.check("text=K01 Permodalan lemah")
    page.check("text=M01 Tata kelola lemah")
    page.select_option("#id_severity", "3")
    page.fill("#id_comment", "Modal sendiri sangat tipis.")
    page.click("button:has-text('Simpan penilaian')")
    page.wait_for_selector("h3:has-text('Penilaian Anda')")
    assert fits_phone(page)
    switch_user(page, expert_two.user.email)
    page.goto(page.base_url + f"/klinik/kasus/{case.pk}/")
    page.wait_for_selector("[data-testid=hidden-ratings]")
    assert "Modal sendiri sangat tipis." not in page.content()
    page.click("a:has-text('Beri penilaian')")
    page.check("text=K01 Permodalan lemah")
    page.select_option("#id_severity", "2")
    page.click("button:has-text('Simpan penilaian')")
    page.wait_for_selector("h3:has-text('Penilaian Anda')")

    # 4. The office sees the disagreement and agrees the diagnosis.
    switch_user(page, officer_bogor.email)
    page.goto(page.base_url + f"/klinik/kasus/{case.pk}/")
    assert "Penilai berbeda pendapat" in page.inner_text("[data-testid=disagreement]")
    page.click("a:has-text('Sepakati diagnosis')")
    page.check("text=K01 Permodalan lemah")
    page.fill("#id_note", "Permodalan lemah menjadi masalah utama.")
    page.click("button:has-text('Sepakati diagnosis')")
    confirm(page)
    page.wait_for_selector("[data-testid=stage]:has-text('Diagnosis disepakati')")

    # 5. Recommend.
    page.click("a:has-text('Tambah rekomendasi')")
    page.select_option("#id_kind", "mentoring")
    page.fill("#id_description", "Pendampingan rencana permodalan")
    page.select_option("#id_responsible", "expert")
    page.select_option("#id_responsible_user", str(clinic_expert.pk))
    page.fill("#id_due_on", (timezone.localdate() + dt.timedelta(days=30)).isoformat())
    assert fits_phone(page)
    page.click("button:has-text('Tambahkan')")
    page.wait_for_selector("[data-testid=stage]:has-text('Pendampingan')")

    # 6. Follow up: schedule a visit, then record it.
    page.click("a:has-text('Jadwalkan kunjungan')")
    page.fill("#id_planned_on", timezone.localdate().isoformat())
    page.fill("#id_purpose", "Memeriksa buku simpanan")
    page.click("button:has-text('Jadwalkan')")
    page.click("td a:has-text('Catat kunjungan')")
    page.fill("#id_notes", "Buku simpanan sudah rapi.")
    page.click("button:has-text('Simpan catatan')")
    page.wait_for_selector("td:has-text('Buku simpanan sudah rapi.')")
    assert fits_phone(page)

    # 7. Record the outcome: refused until the data shows one, measured once it does.
    page.click("a:has-text('Catat hasil dan tutup kasus')")
    page.wait_for_selector("[data-testid=preview]:has-text('Kasus belum dapat ditutup')")
    assessed(coop_profile, year=this_year - 1, predicate="cukup_sehat", total="71.00")
    page.reload()
    page.wait_for_selector("[data-testid=preview]:has-text('Membaik')")
    page.click("button:has-text('Tutup kasus')")
    confirm(page)
    page.wait_for_selector("[data-testid=result]:has-text('Membaik')")

    # The programme page shows the target progress.
    page.goto(page.base_url + f"/klinik/program/{programme.pk}/")
    assert page.inner_text("[data-testid=participants]") == "1"
    assert page.inner_text("[data-testid=good]") == "1"
    assert fits_phone(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "clinic-programme-phone.png"), full_page=True)
    assert violations == []
