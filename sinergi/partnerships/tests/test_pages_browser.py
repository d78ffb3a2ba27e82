"""Every partnership page, for the office, a party's manager and the bank, at phone and desktop
width, passes the crawl's checks (`sinergi/tests/crawl.py`): no 5xx or console error, no CSP
violation, no horizontal overflow, no English catalogue phrase, no control without a label."""

import datetime as dt
from decimal import Decimal

import pytest

from conftest import ARTIFACTS
from sinergi.accounts.models import Organization, User
from sinergi.partnerships import services
from sinergi.tests.crawl import Crawler, report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_partnership_page_passes_the_crawl_checks(
    chromium,
    live_server,
    officer_kab,
    office_kab,
    coop_kab_manager,
    bank_staff,
    bank,
    umkm_kab,
    active,
    today,
):
    loans = services.obligation_add(
        actor=officer_kab, agreement=active, party=active.parties.get(organization=bank), measure="loans",
        description="Menyalurkan KUR", target=Decimal(100_000_000), due_on=today - dt.timedelta(days=2),
    )  # fmt: skip
    services.progress_add(actor=bank_staff, obligation=loans, recorded_on=today - dt.timedelta(days=5),
                          amount=Decimal(40_000_000), note="Akad KUR 2 UMKM")  # fmt: skip
    trained = services.obligation_add(
        actor=officer_kab, agreement=active, party=active.parties.first(), measure="trained",
        description="Melatih pengelola", target=Decimal(20), due_on=today + dt.timedelta(days=30),
    )  # fmt: skip
    services.referral_send(actor=officer_kab, office=office_kab, partner=bank, organization=umkm_kab[1],
                           scope="capital", note="Modal kerja")  # fmt: skip
    names = sorted(
        {*Organization.objects.values_list("name", flat=True), *User.objects.values_list("full_name", flat=True),
         "MoU Kolaborasi Koperasi dan Usaha Mikro", "Menyalurkan KUR", "Melatih pengelola", "Akad KUR 2 UMKM"},
        key=len, reverse=True,
    )  # fmt: skip
    agreement = f"/kemitraan/perjanjian/{active.pk}/"
    pages_officer = [
        "/kemitraan/", "/kemitraan/perjanjian/baru/", agreement, f"{agreement}kewajiban/", f"{agreement}akhiri/",
        f"/kemitraan/kewajiban/{loans.pk}/", f"/kemitraan/kewajiban/{trained.pk}/", "/kemitraan/rapor/",
        f"/kemitraan/rapor/{bank.pk}/", "/kemitraan/rujukan/", "/kemitraan/rujukan/baru/",
        f"/kemitraan/pencocokan/?seeker={umkm_kab[0].pk}&needs=capital&needs=marketing",
    ]  # fmt: skip
    pages_bank = [
        "/kemitraan/",
        agreement,
        f"/kemitraan/kewajiban/{loans.pk}/",
        f"/kemitraan/rapor/{bank.pk}/",
        f"/kemitraan/kriteria/{bank.pk}/",
        "/kemitraan/rujukan/",
    ]
    pages_manager = ["/kemitraan/", agreement, f"/kemitraan/rapor/{active.parties.first().organization_id}/"]
    findings = []
    # The office at both widths; the bank and the cooperative at phone width (the same templates).
    for user, pages, widths in [
        (officer_kab, pages_officer, (360, 1366)),
        (bank_staff, pages_bank, (360,)),
        (coop_kab_manager, pages_manager, (360,)),
    ]:
        for width in widths:
            context = chromium.new_context(viewport={"width": width, "height": 800}, locale="id-ID")
            page = context.new_page()
            page.goto(live_server.url + "/masuk/")
            page.fill("#id_username", user.email)
            page.fill("#id_password", "rahasia-uji-123")
            page.click("form:has(#id_password) button[type=submit]")
            page.wait_for_url(live_server.url + "/")
            role = user.email.split("@")[0]
            crawler = Crawler(page, live_server.url, role, width, ARTIFACTS / "partnerships-crawl" / f"{role}-{width}",
                              data=names)  # fmt: skip
            for path in pages:
                crawler.visit(path)
            findings += crawler.findings
            context.close()
    assert not findings, report(findings)
