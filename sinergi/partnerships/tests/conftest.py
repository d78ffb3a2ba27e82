"""Fixtures of the partnerships tests: the Kabupaten Bogor office and its officer, a cooperative
and three businesses of the regency, Bank BJB with its partner login, and the cooperative–UMKM MoU
as a draft and as an active agreement, built through the services.

The Belanja Bareng world (JUK Kota Bandung and its rounds) comes from the purchasing tests'
fixtures, so an obligation measured from a round is measured from a real round.
"""

import datetime as dt

import pytest
from django.utils import timezone

from sinergi.accounts.services import system_user
from sinergi.accounts.tests.factories import (
    MembershipFactory,
    OfficeFactory,
    OrganizationFactory,
    UserFactory,
)
from sinergi.partnerships import services
from sinergi.purchasing.tests.conftest import (  # noqa: F401 — fixtures shared with purchasing
    bulog,
    closed_round,
    cooperative_cahaya,
    coordinator,
    draft_round,
    juk_coordinator_org,
    network,
    nusantara,
    open_round,
    optimised_round,
    ordered_round,
    price_lists,
    products,
)

SCOPES = ["capital", "capacity", "distribution", "marketing"]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploaded documents and evidence go to the test's own folder."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def system(db):
    return system_user()


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def office_kab(db):
    return OfficeFactory(
        name="Dinas Koperasi dan UKM Kabupaten Bogor", region_id="32.01.01.1008", jurisdiction_id="32.01"
    )


@pytest.fixture
def officer_kab(office_kab):
    """Staf dinas Kabupaten Bogor: reaches everything in 32.01."""
    return MembershipFactory(
        user=UserFactory(email="staf.kabbogor@sinergi.test", full_name="Nurul Hidayah"),
        organization=office_kab,
        role="staff",
    ).user


@pytest.fixture
def coop_kab(db):
    return OrganizationFactory(kind="cooperative", name="Koperasi Tani Mandiri", region_id="32.01.05.2001")


@pytest.fixture
def coop_kab_manager(coop_kab):
    return MembershipFactory(
        user=UserFactory(email="pengurus.kab@sinergi.test", full_name="Ujang Sutisna"),
        organization=coop_kab,
        role="pengurus",
    ).user


@pytest.fixture
def umkm_kab(db):
    return [
        OrganizationFactory(kind="umkm", name=name, region_id="32.01.05.2001")
        for name in ("Kopi Bubuk Pak Dadang", "Keripik Singkong Ceu Iis", "Dodol Talas Bu Enok")
    ]


@pytest.fixture
def bank(db):
    return OrganizationFactory(kind="bank", name="Bank BJB Kantor Cabang Bogor", region_id="32.71.03.1006")


@pytest.fixture
def bank_staff(bank):
    return MembershipFactory(
        user=UserFactory(email="mitra.bank@sinergi.test", full_name="Ratna Sumarni"),
        organization=bank,
        role="partner",
    ).user


@pytest.fixture
def draft(officer_kab, office_kab, coop_kab, umkm_kab, bank, today):
    """The Kabupaten Bogor cooperative–UMKM MoU as a draft, started a year ago, two years to run."""
    return services.agreement_create(
        actor=officer_kab,
        office=office_kab,
        kind="mou",
        title="MoU Kolaborasi Koperasi dan Usaha Mikro",
        number="500/112/2024",
        start_on=today - dt.timedelta(days=365),
        end_on=today + dt.timedelta(days=365),
        scopes=SCOPES,
        parties=[coop_kab, umkm_kab[0], bank],
    )


def sign_all(actor, agreement, on):
    for party in agreement.parties.all():
        services.party_sign(actor=actor, party=party, signatory_name="Penanda Tangan", signatory_title="Ketua",
                            signed_on=on)  # fmt: skip
    agreement.refresh_from_db()
    return agreement


@pytest.fixture
def active(officer_kab, draft, today):
    return sign_all(officer_kab, draft, draft.start_on)
