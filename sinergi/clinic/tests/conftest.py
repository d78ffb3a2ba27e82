"""Fixtures of the clinic tests: the Kota Bogor programme of this year, its experts and catalogue,
the personas' cooperative with a weak health record, and cases at each stage built by the services."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from sinergi.accounts.services import system_user
from sinergi.accounts.tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from sinergi.clinic import services
from sinergi.clinic.tests.factories import CooperativeProfileFactory, assessed, business_profile


@pytest.fixture
def system(db):
    return system_user()


@pytest.fixture
def this_year():
    return timezone.localdate().year


@pytest.fixture
def programme(officer_bogor, office_bogor, this_year):
    return services.programme_create(
        actor=officer_bogor,
        office=office_bogor,
        year=this_year,
        name="Klinik Koperasi Kota Bogor",
        start_year=this_year - 1,
        target_participants=30,
        target_good=10,
    )


@pytest.fixture
def programme_bandung(officer_bandung, office_bandung, this_year):
    return services.programme_create(
        actor=officer_bandung, office=office_bandung, year=this_year, name="Klinik Kota Bandung"
    )


@pytest.fixture
def expert(clinic_expert, officer_bogor, office_bogor):
    return services.expert_register(
        actor=officer_bogor,
        office=office_bogor,
        user=clinic_expert,
        kind="academic",
        areas=["finance", "management"],
    )


@pytest.fixture
def expert_two(officer_bogor, office_bogor):
    user = UserFactory(email="praktisi@sinergi.test", full_name="Rudi Hartono")
    bank = OrganizationFactory(kind="bank", name="Bank BJB Cabang Bogor", region_id="32.71.03.1006")
    MembershipFactory(user=user, organization=bank, role="expert")
    return services.expert_register(
        actor=officer_bogor, office=office_bogor, user=user, kind="banker", areas=["finance"]
    )


@pytest.fixture
def outsider_expert(db):
    """An expert of no team: registered by Kota Bogor but assigned nothing."""
    user = UserFactory(email="pakar.lain@sinergi.test", full_name="Ani Suryani")
    return user


@pytest.fixture
def problems(officer_bogor, office_bogor):
    found = {}
    for code, name, area, severity in [
        ("K01", "Permodalan lemah", "finance", 3),
        ("M01", "Tata kelola lemah", "management", 2),
        ("P01", "Pemasaran terbatas", "marketing", 1),
    ]:
        found[code] = services.problem_save(
            actor=officer_bogor, office=office_bogor, code=code, name=name, area=area, severity=severity
        )
    return found


@pytest.fixture
def coop_profile(cooperative_bogor, this_year):
    """Koperasi Sejahtera Bersama: RAT held a month ago, last assessed Dalam Pengawasan."""
    profile = CooperativeProfileFactory(
        organization=cooperative_bogor,
        region=cooperative_bogor.region_id,
        last_rat_date=timezone.localdate() - dt.timedelta(days=30),
        members_male=60,
        members_female=40,
    )
    assessed(profile, year=this_year - 2, predicate="dalam_pengawasan", total="58.00")
    return profile


@pytest.fixture
def business(umkm_bogor):
    return business_profile(umkm_bogor, owner_name="Euis Rahmawati", annual_sales=Decimal("100000000"))


@pytest.fixture
def enrolled(officer_bogor, programme, coop_profile, cooperative_bogor):
    return services.case_enrol(
        actor=officer_bogor, programme=programme, participant=cooperative_bogor, source="registry"
    )


@pytest.fixture
def diagnosing(officer_bogor, enrolled, expert, expert_two):
    return services.case_team_assign(actor=officer_bogor, case=enrolled, experts=[expert, expert_two])


@pytest.fixture
def agreed(officer_bogor, clinic_expert, diagnosing, problems):
    services.rating_submit(actor=clinic_expert, case=diagnosing, problems=[problems["K01"]], severity=3)
    return services.diagnosis_agree(
        actor=officer_bogor, case=diagnosing, problems=[problems["K01"]], note="Modal sendiri rendah."
    )


@pytest.fixture
def following(officer_bogor, agreed):
    services.recommendation_add(
        actor=officer_bogor,
        case=agreed,
        kind="mentoring",
        description="Pendampingan penyusunan rencana bisnis",
        responsible="officer",
        responsible_user=officer_bogor,
        due_on=timezone.localdate() + dt.timedelta(days=30),
    )
    agreed.refresh_from_db()
    return agreed
