"""Fixtures of the health tests: registry profiles for the personas' cooperatives, more cooperative
people, and reports in every state built through the services."""

import datetime as dt

import pytest

from sinergi.accounts.services import system_user
from sinergi.accounts.tests.factories import MembershipFactory, UserFactory
from sinergi.health import services
from sinergi.health.tests.factories import GOLDEN_ANSWERS, GOLDEN_VALUES, CooperativeProfileFactory


@pytest.fixture
def ksp_bogor(cooperative_bogor):
    """Koperasi Sejahtera Bersama as a savings-and-loan cooperative (KSP) in Kota Bogor."""
    return CooperativeProfileFactory(
        organization=cooperative_bogor, region=cooperative_bogor.region_id, last_rat_date=dt.date(2024, 4, 20)
    )


@pytest.fixture
def ksp_bandung(cooperative_bandung):
    return CooperativeProfileFactory(organization=cooperative_bandung, region=cooperative_bandung.region_id)


@pytest.fixture
def coop_staff(cooperative_bogor):
    return MembershipFactory(
        user=UserFactory(email="staf.koperasi@sinergi.test", full_name="Yuni Kartika"),
        organization=cooperative_bogor,
        role="coop_staff",
    ).user


@pytest.fixture
def coop_supervisor(cooperative_bogor):
    """A pengawas of the cooperative: reads its reports, does not enter them."""
    return MembershipFactory(
        user=UserFactory(email="pengawas@sinergi.test", full_name="Asep Saepudin"),
        organization=cooperative_bogor,
        role="pengawas",
    ).user


@pytest.fixture
def bandung_manager(cooperative_bandung):
    return MembershipFactory(
        user=UserFactory(email="pengurus.bandung@sinergi.test", full_name="Neneng Rosita"),
        organization=cooperative_bandung,
        role="pengurus",
    ).user


@pytest.fixture
def system(db):
    return system_user()


@pytest.fixture
def values():
    return dict(GOLDEN_VALUES)


@pytest.fixture
def answers():
    return {group: list(items) for group, items in GOLDEN_ANSWERS.items()}


@pytest.fixture
def draft(coop_manager, ksp_bogor, values, answers):
    """The golden report of 2024 entered by the pengurus as a draft."""
    return services.annual_report_create(
        actor=coop_manager,
        cooperative=ksp_bogor,
        year=2024,
        rat_date=dt.date(2025, 3, 15),
        values=values,
        manajemen=answers,
    )


@pytest.fixture
def submitted(draft, coop_manager):
    return services.annual_report_submit(actor=coop_manager, report=draft)


@pytest.fixture
def verified(submitted, officer_bogor):
    return services.annual_report_verify(actor=officer_bogor, report=submitted)
