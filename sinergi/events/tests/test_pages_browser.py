"""Every events page, at phone width and at desktop width, passes the crawl's checks: no 5xx, no
console error or CSP violation, no horizontal overflow, no English on the Indonesian screen, no
control without a label."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import ARTIFACTS
from sinergi.accounts.models import Organization, User
from sinergi.events import services
from sinergi.events.models import EventKind
from sinergi.events.tests.conftest import day
from sinergi.events.tests.test_services import PDF
from sinergi.health.tests.factories import CooperativeProfileFactory
from sinergi.tests.crawl import Crawler, report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = ((360, 780), (1366, 900))


def _world(officer, office, cooperative, business, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    profile = CooperativeProfileFactory(organization=cooperative, region=cooperative.region_id)
    today = services.event_create(
        actor=officer,
        office=office,
        kind=EventKind.TEMU_KOPERASI,
        title="Temu Koperasi Kota Bogor",
        date=day(0),
        start_time=dt.time(8, 30),
        end_time=dt.time(12, 0),
        place="Gedung Kemuning Gading",
        region_id="32.71",
        speakers="Dr. Rina Kusuma\nH. Ahmad Fauzi",
    )
    services.invitation_add(actor=officer, event=today, organization=cooperative)
    services.invitation_add(actor=officer, event=today, organization=business)
    first = services.registration_add(
        actor=officer,
        event=today,
        organization=cooperative,
        attendee_name="Dedi Suryana",
        attendee_position="Ketua",
    )
    services.registration_add(
        actor=officer, event=today, organization=business, attendee_name="Euis Rahmawati"
    )
    services.attendance_mark(actor=officer, registration=first)
    upcoming = services.event_create(
        actor=officer,
        office=office,
        kind=EventKind.TRAINING,
        title="Pelatihan Pembukuan Koperasi",
        date=day(14),
        place="Aula Dinas",
        region_id="32.71.03",
    )
    services.invitation_add(actor=officer, event=upcoming, organization=cooperative)
    services.material_add(
        actor=officer, event=upcoming, title="Jadwal pelatihan", upload=SimpleUploadedFile("jadwal.pdf", PDF)
    )
    return today, upcoming, profile


def _crawl(chromium, live_server, role, email, paths):
    names = {
        *Organization.objects.values_list("name", flat=True),
        *User.objects.values_list("full_name", flat=True),
    }
    data = sorted((n for n in names if n), key=len, reverse=True)
    findings = []
    context = chromium.new_context(viewport={"width": 360, "height": 780}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        for number, (width, height) in enumerate(WIDTHS):
            page.set_viewport_size({"width": width, "height": height})
            crawler = Crawler(
                page, live_server.url, role, width, ARTIFACTS / "crawl-events" / f"{role}-{width}", data=data
            )
            if number == 0:
                page.goto(live_server.url + "/masuk/")
                page.fill("#id_username", email)
                page.fill("#id_password", "rahasia-uji-123")
                page.click("form:has(#id_password) button[type=submit]")
                page.wait_for_url(live_server.url + "/")
            for path in paths:
                assert crawler.visit(path), path
            findings += crawler.findings
    finally:
        context.close()
    return findings


def test_office_pages(
    chromium, live_server, officer_bogor, office_bogor, cooperative_bogor, umkm_bogor, settings, tmp_path
):
    today, upcoming, profile = _world(
        officer_bogor, office_bogor, cooperative_bogor, umkm_bogor, settings, tmp_path
    )
    paths = [
        "/kegiatan/",
        "/kegiatan/baru/",
        f"/kegiatan/{today.pk}/",
        f"/kegiatan/{today.pk}/ubah/",
        f"/kegiatan/{today.pk}/undangan/",
        f"/kegiatan/{today.pk}/kehadiran/",
        f"/kegiatan/{today.pk}/daftar/?kembali=kehadiran&q=Koperasi",
        f"/kegiatan/{upcoming.pk}/",
        f"/kegiatan/{upcoming.pk}/daftar/",
        f"/kegiatan/{upcoming.pk}/kehadiran/",
        f"/registri/koperasi/{profile.pk}/",
    ]
    findings = _crawl(chromium, live_server, "events-officer", officer_bogor.email, paths)
    assert not findings, report(findings)


def test_participant_pages(
    chromium,
    live_server,
    officer_bogor,
    office_bogor,
    cooperative_bogor,
    umkm_bogor,
    coop_manager,
    settings,
    tmp_path,
):
    today, upcoming, profile = _world(
        officer_bogor, office_bogor, cooperative_bogor, umkm_bogor, settings, tmp_path
    )
    paths = [
        "/kegiatan/",
        f"/kegiatan/{today.pk}/",
        f"/kegiatan/{upcoming.pk}/",
        f"/kegiatan/{upcoming.pk}/daftar/",
        f"/registri/koperasi/{profile.pk}/",
    ]
    findings = _crawl(chromium, live_server, "events-participant", coop_manager.email, paths)
    assert not findings, report(findings)
