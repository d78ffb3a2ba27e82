"""Networks at phone width (360 px): the office sets up Kota Bogor's business consortium, admits a
university and records a pledge; the pledged cooperative joins; the page shows each by state."""

import datetime as dt
from pathlib import Path

import pytest

from conftest import csp_violations, login
from sinergi.accounts.tests.factories import OrganizationFactory
from sinergi.registry.models import Network, NetworkMember

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[3] / "test-artifacts"


def fits_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def test_consortium_on_a_phone(page, officer_bogor, office_bogor, cooperative_bogor):
    university = OrganizationFactory(kind="university", name="IPB University", region_id="32.01.30.2008")
    violations = csp_violations(page)
    login(page, officer_bogor.email)
    page.wait_for_url(page.base_url + "/")
    page.goto(page.base_url + "/registri/jaringan/baru/?jenis=consortium")
    page.fill("#id_name", "Konsorsium Bisnis Kota Bogor")
    page.select_option("#id_kind", "consortium")
    page.select_option("#id_region", "32.71")
    page.select_option("#id_lead", str(office_bogor.pk))
    page.fill("#id_purpose", "Koperasi saling menguatkan.")
    assert fits_phone(page)
    page.click("button:has-text('Simpan')")
    page.wait_for_selector("h1:has-text('Konsorsium Bisnis Kota Bogor')")
    network = Network.objects.get()
    assert network.kind == "consortium"

    page.select_option("#join_organization", str(university.pk))
    page.fill("#join_on", "2019-10-18")
    page.click("form[action$='/anggota/'] button:has-text('Tambahkan anggota')")
    page.wait_for_selector("li:has-text('IPB University') >> text=bergabung 18-10-2019")
    page.select_option("#pledge_organization", str(cooperative_bogor.pk))
    page.fill("#pledge_on", "2019-10-18")
    page.click("button:has-text('Catat komitmen')")
    page.wait_for_selector("text=1 berkomitmen bergabung")
    assert fits_phone(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "registry-network-detail-360.png"), full_page=True)

    page.fill(f"#join-{NetworkMember.objects.get(organization=cooperative_bogor).pk}", "2020-01-06")
    page.click("button:has-text('Bergabung')")
    page.wait_for_selector("text=2 anggota")
    assert [
        (m.organization.name, m.state, m.pledged_on, m.joined_on)
        for m in NetworkMember.objects.filter(network=network).order_by("organization__name")
    ] == [
        ("IPB University", "member", None, dt.date(2019, 10, 18)),
        ("Koperasi Sejahtera Bersama", "member", dt.date(2019, 10, 18), dt.date(2020, 1, 6)),
    ]
    page.goto(page.base_url + "/registri/jaringan/")
    assert fits_phone(page)
    page.screenshot(path=str(SHOTS / "registry-network-list-360.png"), full_page=True)
    assert violations == []
