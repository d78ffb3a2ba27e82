"""The partnership path in a browser at phone width (360 px): an officer of Kabupaten Bogor records
the cooperative–UMKM MoU with four scopes; the cooperative and the business sign it; an obligation
of the cooperative is measured from a Belanja Bareng round it bought in; its scorecard shows it."""

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from conftest import csp_violations, login
from sinergi.accounts.tests.factories import MembershipFactory, UserFactory
from sinergi.partnerships.models import Agreement
from sinergi.purchasing import services as purchasing
from sinergi.purchasing.models import Product
from sinergi.registry.services import networks as network_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[3] / "test-artifacts"


def fits_phone(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def switch_user(page, email):
    page.context.clear_cookies()
    login(page, email)
    page.wait_for_url(page.base_url + "/")


@pytest.fixture
def bought_round(system, coop_kab, price_lists, bulog):
    """A Kabupaten Bogor buying network led by the cooperative; a round it bought 60 sacks of rice in
    from Bulog: 60 × 68.000 + 100.000 delivery = 4.180.000."""
    network = network_services.network_create(actor=system, name="Jaringan Belanja Kopi Babakan Madang",
                                              region_code="32.01", lead=coop_kab)  # fmt: skip
    network_services.network_member_add(actor=system, network=network, organization=coop_kab)
    purchasing.delivery_fees_set(actor=system, supplier=bulog, fees={"32.01.05": 100000})
    now = timezone.now()
    rnd = purchasing.round_create(actor=system, network=network, name="Belanja Beras November",
                                  opens_at=now - dt.timedelta(hours=2), closes_at=now + dt.timedelta(days=2),
                                  suppliers=[bulog])  # fmt: skip
    purchasing.round_open(actor=system, round=rnd)
    rice = Product.objects.get(code="beras-medium-5kg")
    purchasing.order_save(actor=system, round=rnd, cooperative=coop_kab, quantities={rice: 60})
    purchasing.round_close(actor=system, round=rnd)
    purchasing.round_solve(actor=system, round=rnd)
    return rnd


def test_mou_signed_measured_and_scored_on_a_phone(
    page, officer_kab, office_kab, coop_kab, coop_kab_manager, umkm_kab, bought_round
):
    owner = MembershipFactory(user=UserFactory(email="pemilik.kopi@sinergi.test", full_name="Dadang Suherman"),
                              organization=umkm_kab[0], role="owner").user  # fmt: skip
    violations = csp_violations(page)
    today = timezone.localdate()

    # 1. The officer records the MoU with four scopes.
    switch_user(page, officer_kab.email)
    page.goto(page.base_url + "/kemitraan/")
    page.click("a:has-text('Perjanjian baru')")
    page.fill("#id_title", "MoU Kolaborasi Koperasi dan Usaha Mikro Kabupaten Bogor")
    page.fill("#id_number", "500/112/2024")
    page.fill("#id_start_on", (today - dt.timedelta(days=30)).isoformat())
    page.fill("#id_end_on", (today + dt.timedelta(days=700)).isoformat())
    for scope in ("Akses permodalan", "Peningkatan kapasitas", "Distribusi", "Pemasaran"):
        page.check(f"label:has-text('{scope}')")
    page.select_option("#id_party_1", label="Koperasi Tani Mandiri")
    page.select_option("#id_party_2", label="Kopi Bubuk Pak Dadang")
    assert fits_phone(page)
    page.click("button:has-text('Simpan konsep')")
    page.wait_for_selector("[data-testid=status]:has-text('Konsep')")
    agreement = Agreement.objects.get()
    assert (
        page.inner_text("[data-testid=scopes]")
        == "Akses permodalan, Peningkatan kapasitas, Distribusi, Pemasaran"
    )
    assert fits_phone(page)

    # 2. The parties sign, each for itself.
    for user, name in ((coop_kab_manager, "Ujang Sutisna"), (owner, "Dadang Suherman")):
        switch_user(page, user.email)
        page.goto(page.base_url + f"/kemitraan/perjanjian/{agreement.pk}/")
        page.click("a:has-text('Tanda tangan')")
        page.fill("#id_signatory_name", name)
        page.fill("#id_signatory_title", "Ketua")
        page.fill("#id_signed_on", (today - dt.timedelta(days=30)).isoformat())
        page.click("button:has-text('Catat tanda tangan')")
        page.wait_for_selector("text=Ditandatangani oleh " + name)
    page.wait_for_selector("[data-testid=status]:has-text('Berlaku')")

    # 3. The officer adds the cooperative's obligation, measured from the joint-purchase round.
    switch_user(page, officer_kab.email)
    page.goto(page.base_url + f"/kemitraan/perjanjian/{agreement.pk}/")
    page.click("a:has-text('Tambah kewajiban')")
    page.select_option("#id_party", label="Koperasi Tani Mandiri")
    page.select_option("#id_measure", "purchase_volume")
    page.fill("#id_description", "Belanja bahan pokok lewat belanja bareng")
    page.fill("#id_target", "4000000")
    page.fill("#id_due_on", (today + dt.timedelta(days=60)).isoformat())
    page.click("button:has-text('Simpan kewajiban')")
    page.wait_for_selector("[data-testid=obligation]")
    assert page.inner_text("[data-testid=achieved]") == "Rp4.180.000 / Rp4.000.000"
    assert page.inner_text("[data-testid=explanation]") == (
        "dihitung dari 1 putaran Belanja Bareng: Belanja Beras November (Rp4.180.000)"
    )
    assert page.inner_text("[data-testid=state]") == "Tercapai tepat waktu"
    assert fits_phone(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "partnerships-agreement-phone.png"), full_page=True)

    # 4. The cooperative's scorecard shows it.
    page.click("a:has-text('Koperasi Tani Mandiri') >> nth=0")
    page.wait_for_selector("[data-testid=scorecard]")
    assert page.inner_text("[data-testid=on-time]") == "1"
    assert page.inner_text("[data-testid=agreements]") == "1"
    assert fits_phone(page)
    page.screenshot(path=str(SHOTS / "partnerships-scorecard-phone.png"), full_page=True)
    assert violations == []
