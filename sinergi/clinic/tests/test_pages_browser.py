"""Every clinic page of the demo world, for each role that works in the clinic, at phone and desktop
width, passes the crawl's checks (`sinergi/tests/crawl.py`): no 5xx or console error, no CSP
violation, no horizontal overflow, no English catalogue phrase, no control without a label. The
menu crawl reaches the clinic's lists; this one also opens every step form of every stage."""

import pytest
from django.core.management import call_command

from conftest import ARTIFACTS
from sinergi.accounts import demo as accounts_demo
from sinergi.accounts.models import Organization, User
from sinergi.accounts.services import system_user
from sinergi.clinic import demo as clinic_demo
from sinergi.clinic.models import Case, Problem, Programme, Visit
from sinergi.tests.crawl import Crawler, report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_clinic_page_passes_the_crawl_checks(chromium, live_server):
    call_command("demo", "--quiet")
    clinic_demo.seed(actor=system_user())
    names = sorted(
        {
            *Organization.objects.values_list("name", flat=True),
            *User.objects.values_list("full_name", flat=True),
        },
        key=len,
        reverse=True,
    )
    p = Programme.objects.get(region_code="32.71")
    cases = list(Case.objects.order_by("pk"))
    pages_officer = [
        "/klinik/",
        f"/klinik/program/{p.pk}/",
        f"/klinik/program/{p.pk}/ubah/",
        f"/klinik/program/{p.pk}/daftarkan/?q=koperasi",
        "/klinik/program/baru/",
        "/klinik/penyakit/",
        f"/klinik/penyakit/{Problem.objects.first().pk}/",
        "/klinik/pakar/",
        "/kesehatan/pengawasan/peringatan-dini/",
    ]
    for c in cases:
        pages_officer += [f"/klinik/kasus/{c.pk}/"]
        if c.stage in ("enrolled", "diagnosis"):
            pages_officer += [f"/klinik/kasus/{c.pk}/tim/", f"/klinik/kasus/{c.pk}/kuesioner/"]
        if c.stage == "diagnosis":
            pages_officer += [f"/klinik/kasus/{c.pk}/sepakati/"]
        if c.stage in ("plan", "follow_up"):
            pages_officer += [
                f"/klinik/kasus/{c.pk}/rekomendasi/",
                f"/klinik/kasus/{c.pk}/kunjungan/",
                f"/klinik/kasus/{c.pk}/tutup/",
            ]
    for v in Visit.objects.filter(visited_on__isnull=True):
        pages_officer.append(f"/klinik/kunjungan/{v.pk}/")
    pages_officer.append(f"/klinik/peringatan-dini/{cases[2].participant_id}/")
    expert_cases = Case.objects.filter(team__user__email="pakar@sinergi.test")
    pages_expert = (
        ["/", "/klinik/"]
        + [f"/klinik/kasus/{c.pk}/" for c in expert_cases]
        + [f"/klinik/kasus/{c.pk}/nilai/" for c in expert_cases if c.stage == "diagnosis"]
    )
    ksb = Case.objects.get(participant__name="Koperasi Sejahtera Bersama")
    pages_manager = ["/", "/klinik/", f"/klinik/kasus/{ksb.pk}/", f"/klinik/kasus/{ksb.pk}/kuesioner/"]
    pages_owner = ["/", "/klinik/"] + [
        f"/klinik/kasus/{c.pk}/"
        for c in Case.objects.filter(participant__memberships__user__email="pemilik@sinergi.test")
    ]
    findings = []
    for email, pages in [
        ("staf.kotabogor@sinergi.test", pages_officer),
        ("pakar@sinergi.test", pages_expert),
        ("pengurus@sinergi.test", pages_manager),
        ("pemilik@sinergi.test", pages_owner),
        ("mitra.bank@sinergi.test", pages_expert),
    ]:
        for width in (360, 1366):
            context = chromium.new_context(viewport={"width": width, "height": 800}, locale="id-ID")
            page = context.new_page()
            page.goto(live_server.url + "/masuk/")
            page.fill("#id_username", email)
            page.fill("#id_password", accounts_demo.DEMO_PASSWORD)
            page.click("form:has(#id_password) button[type=submit]")
            page.wait_for_url(live_server.url + "/")
            crawler = Crawler(
                page,
                live_server.url,
                email.split("@")[0],
                width,
                ARTIFACTS / "clinic-crawl" / f"{email.split('@')[0]}-{width}",
                data=names,
            )
            for path in pages:
                crawler.visit(path)
            findings += crawler.findings
            context.close()
    assert not findings, report(findings)
