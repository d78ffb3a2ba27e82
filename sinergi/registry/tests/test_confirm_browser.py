"""Every destructive or irreversible action of the registry and the accounts asks first and says what
will happen: "Batal" changes nothing, the go-ahead does it."""

import datetime as dt

import pytest

from conftest import login
from sinergi.accounts.models import ApiToken, BusinessClaim, Invitation, Membership
from sinergi.accounts.tests.factories import UserFactory
from sinergi.registry.models import CooperativeProfile, DuplicateCandidate, OrganizationMove

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _ask(page, click, expected: str):
    """Click the action, check the question, answer "Batal"; return the dialog's go-ahead button."""
    page.click(click)
    dialog = page.locator("#confirm-dialog")
    dialog.wait_for(state="visible")
    assert expected in dialog.locator("[data-confirm-text]").inner_text()
    dialog.locator("[data-confirm-cancel]").click()
    dialog.wait_for(state="hidden")


def _go(page, click, yes: str):
    page.click(click)
    dialog = page.locator("#confirm-dialog")
    dialog.wait_for(state="visible")
    go = dialog.locator("[data-confirm-go]")
    assert go.inner_text() == yes
    with page.expect_navigation():
        go.click()


def test_revoking_access_asks_first(page, admin_bogor, coop_manager, cooperative_bogor):
    login(page, admin_bogor.email)
    page.wait_for_url(page.base_url + "/")
    page.goto(page.base_url + f"/akun/organisasi/{cooperative_bogor.pk}/")
    button = "form[action*='/keanggotaan/'] button"
    _ask(page, button, "Dedi Suryana tidak akan bisa lagi membuka data Koperasi Sejahtera Bersama")
    assert Membership.objects.filter(user=coop_manager, organization=cooperative_bogor).exists()
    _go(page, button, "Cabut akses")
    assert not Membership.objects.filter(user=coop_manager, organization=cooperative_bogor).exists()


def test_revoking_an_invitation_asks_first(page, admin_bogor, cooperative_bogor):
    from sinergi.accounts.services import invitation_create

    invitation_create(
        actor=admin_bogor, organization=cooperative_bogor, email="baru@sinergi.test", role="coop_staff"
    )
    login(page, admin_bogor.email)
    page.wait_for_url(page.base_url + "/")
    page.goto(page.base_url + f"/akun/organisasi/{cooperative_bogor.pk}/")
    button = "form[action*='/undangan/'] button"
    _ask(page, button, "Tautan undangan ini tidak akan bisa dipakai lagi.")
    assert Invitation.objects.get().revoked_at is None
    _go(page, button, "Cabut undangan")
    assert Invitation.objects.get().revoked_at is not None


def test_revoking_an_api_token_asks_first(page, officer_bogor):
    from sinergi.accounts.services import api_token_create

    api_token_create(actor=officer_bogor, name="Skrip impor")
    login(page, officer_bogor.email)
    page.wait_for_url(page.base_url + "/")
    page.goto(page.base_url + "/akun/profil/")
    button = "form[action*='/token/'][action*='/cabut/'] button"
    _ask(page, button, "Token Skrip impor langsung berhenti berlaku")
    assert ApiToken.objects.get().revoked_at is None
    _go(page, button, "Cabut token")
    assert ApiToken.objects.get().revoked_at is not None


def test_rejecting_a_claim_asks_first(page, officer_bogor, umkm_bogor):
    from sinergi.accounts.services import business_claim_submit

    owner = UserFactory(email="calon.pemilik@sinergi.test", full_name="Euis Rahmawati")
    business_claim_submit(actor=owner, organization=umkm_bogor, evidence="Saya pemiliknya")
    login(page, officer_bogor.email)
    page.wait_for_url(page.base_url + "/")
    page.goto(page.base_url + "/akun/klaim/tinjau/")
    button = "button[name=decision][value=reject]"
    _ask(page, button, "Klaim Euis Rahmawati ditolak")
    assert BusinessClaim.objects.get().status == BusinessClaim.Status.PENDING
    _go(page, button, "Tolak klaim")
    assert BusinessClaim.objects.get().status == BusinessClaim.Status.REJECTED


def test_merging_duplicates_asks_first(page, officer_bogor):
    from sinergi.registry.services import cooperative_register

    a = cooperative_register(actor=officer_bogor, name="KSP Mekar Jaya", region_code="32.71.03.1002")
    b = cooperative_register(actor=officer_bogor, name="Kop Mekar Jaya", region_code="32.71.03.1002")
    candidate = DuplicateCandidate.objects.create(
        kind="cooperative", left=a.organization, right=b.organization, score=91, reasons={"name": 100.0},
        region_code="32.71.03.1002",
    )  # fmt: skip
    login(page, officer_bogor.email)
    page.wait_for_url(page.base_url + "/")
    page.goto(page.base_url + f"/registri/duplikat/{candidate.pk}/")
    button = "form[action*='/gabung'] button[type=submit]"
    _ask(page, button, "Data yang tidak dipertahankan dinonaktifkan")
    candidate.refresh_from_db()
    assert candidate.status == DuplicateCandidate.Status.OPEN
    _go(page, button, "Gabungkan")
    candidate.refresh_from_db()
    assert candidate.status == DuplicateCandidate.Status.MERGED


def test_confirming_a_move_asks_first(page, officer_bogor, officer_bandung):
    from sinergi.registry.services import cooperative_register, organization_move_request

    ksp = cooperative_register(actor=officer_bogor, name="KSP Mekar Jaya", region_code="32.71.03.1002")
    move = organization_move_request(
        actor=officer_bogor, organization=ksp.organization, region_code="32.73.02.1004"
    )
    assert move.status == OrganizationMove.Status.PENDING
    login(page, officer_bandung.email)
    page.wait_for_url(page.base_url + "/")
    page.goto(page.base_url + "/registri/pindah-wilayah/")
    button = "button[name=decision][value=approve]"
    _ask(page, button, "KSP Mekar Jaya pindah ke wilayah baru sekarang")
    ksp.organization.refresh_from_db()
    assert ksp.organization.region_id == "32.71.03.1002"
    _go(page, button, "Setujui dan pindahkan")
    ksp.organization.refresh_from_db()
    assert ksp.organization.region_id == "32.73.02.1004"


def test_changing_a_cooperatives_status_asks_first(page, officer_bogor):
    from sinergi.registry.services import cooperative_register

    ksp = cooperative_register(actor=officer_bogor, name="KSP Mekar Jaya", region_code="32.71.03.1002")
    login(page, officer_bogor.email)
    page.wait_for_url(page.base_url + "/")
    page.goto(page.base_url + f"/registri/koperasi/{ksp.pk}/")
    page.click("details summary:has-text('Ubah status')")
    page.select_option("#id_status", "dibubarkan")
    page.fill("#id_reason", "Keputusan RAT pembubaran")
    page.fill("#id_effective_on", dt.date.today().isoformat())
    button = "form[action*='/status/'] button[type=submit]"
    _ask(page, button, "Status koperasi diubah sejak tanggal yang diisi")
    assert CooperativeProfile.objects.get(pk=ksp.pk).status == "aktif"
    _go(page, button, "Ubah status")
    assert CooperativeProfile.objects.get(pk=ksp.pk).status == "dibubarkan"
