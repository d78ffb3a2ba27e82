"""Browser journey at phone width: the office creates an event for today, invites a cooperative,
the cooperative registers itself, the office takes attendance with one tap, and the cooperative
gets its certificate."""

import pytest
from django.utils import timezone

from conftest import htmx_idle, login
from sinergi.events.models import Attendance, Event, Registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def switch_user(page, email):
    page.context.clear_cookies()
    login(page, email)
    page.wait_for_url(page.base_url + "/")


def test_event_from_creation_to_certificate(page, officer_bogor, coop_manager, cooperative_bogor):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    switch_user(page, officer_bogor.email)
    page.goto(page.base_url + "/kegiatan/")
    page.click("a:has-text('Kegiatan baru')")
    page.select_option("#id_kind", "temu_koperasi")
    page.fill("#id_title", "Temu Koperasi Bogor Tengah")
    page.fill("#id_date", timezone.localdate().isoformat())
    page.fill("#id_start_time", "09:00")
    page.fill("#id_end_time", "12:00")
    page.fill("#id_place", "Balai Kota Bogor")
    assert fits_phone(page)
    page.click("button:has-text('Simpan')")
    page.wait_for_selector("h1:has-text('Temu Koperasi Bogor Tengah')")
    event = Event.objects.get()
    assert event.region_id == "32.71"
    assert fits_phone(page)

    page.click("a:has-text('Undang organisasi')")
    page.fill("#f-q", "Sejahtera")
    htmx_idle(page)
    page.wait_for_selector("#candidates label:has-text('Koperasi Sejahtera Bersama')")
    page.check("#candidates input[type=checkbox]")
    page.click("button:has-text('Undang yang dipilih')")
    page.wait_for_selector(".msg-success")
    assert fits_phone(page)

    switch_user(page, coop_manager.email)
    page.goto(page.base_url + f"/kegiatan/{event.pk}/")
    page.click("a:has-text('Daftarkan peserta')")
    assert page.input_value("#id_attendee_name") == "Dedi Suryana"
    page.fill("#id_attendee_position", "Ketua")
    page.click("button:has-text('Daftar')")
    page.wait_for_selector(".msg-success")
    assert Registration.objects.get().attendee_position == "Ketua"

    switch_user(page, officer_bogor.email)
    page.goto(page.base_url + f"/kegiatan/{event.pk}/kehadiran/")
    page.wait_for_selector("#hadir-count:has-text('0 dari 1 peserta hadir')")
    page.click("button.ev-tap:has-text('Dedi Suryana')")
    page.wait_for_selector("#hadir-count:has-text('1 dari 1 peserta hadir')")
    page.wait_for_selector("button.ev-tap[aria-pressed=true]")
    assert Attendance.objects.count() == 1
    assert fits_phone(page)

    switch_user(page, coop_manager.email)
    page.goto(page.base_url + f"/kegiatan/{event.pk}/")
    link = page.locator("a:has-text('Sertifikat')")
    response = page.request.get(page.base_url + link.get_attribute("href"))
    assert response.status == 200
    assert response.body().startswith(b"%PDF-")
    assert errors == []
