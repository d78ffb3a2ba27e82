"""Fixtures of the consignment tests: the PKPRI Kota Bogor minimarket with its outlet staff, a
UMKM's published products, a commission agreement (20 %) and a fixed-price one, stock delivered."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from sinergi.accounts.services import system_user
from sinergi.accounts.tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from sinergi.consignment import services
from sinergi.consignment.models import Outlet
from sinergi.consignment.tests.factories import product


@pytest.fixture
def system(db):
    return system_user()


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def pkpri(db):
    return OrganizationFactory(kind="cooperative", name="PKPRI Kota Bogor", region_id="32.71.03.1002")


@pytest.fixture
def outlet(pkpri):
    return Outlet.objects.create(
        organization=pkpri,
        name="Minimarket PKPRI Kota Bogor",
        kind="minimarket",
        region_code="32.71.03.1002",
        address="Jl. Pajajaran No. 10",
    )


@pytest.fixture
def cashier(pkpri):
    """Staf gerai of the PKPRI minimarket."""
    return MembershipFactory(
        user=UserFactory(email="kasir@sinergi.test", full_name="Yuni Kartika"),
        organization=pkpri,
        role="outlet",
    ).user


@pytest.fixture
def other_outlet_staff(db):
    mall = OrganizationFactory(kind="company", name="Mal Bogor Trade Mall (BTM)", region_id="32.71.01.1001")
    return MembershipFactory(
        user=UserFactory(email="gerai.lain@sinergi.test", full_name="Rudi"), organization=mall, role="outlet"
    ).user


@pytest.fixture
def talas(umkm_bogor):
    return product(umkm_bogor, "Keripik Talas 200 g", Decimal(15000))


@pytest.fixture
def sambal(umkm_bogor):
    return product(umkm_bogor, "Sambal Roa 150 ml", Decimal(27500))


@pytest.fixture
def agreement(cashier, outlet, umkm_bogor, talas, sambal, today):
    return services.agreement_create(
        actor=cashier,
        outlet=outlet,
        producer=umkm_bogor,
        price_model="commission",
        commission_pct=Decimal(20),
        items=[services.ItemTerms(talas.pk, Decimal(15000)), services.ItemTerms(sambal.pk, Decimal(27500))],
        starts_on=today - dt.timedelta(days=90),
        return_rules="Retur paling lambat 14 hari.",
        return_max_days=14,
        activate=True,
    )


@pytest.fixture
def stocked(agreement, cashier, talas, sambal, today):
    """10 talas and 4 sambal on hand."""
    services.delivery_receive(
        actor=cashier,
        agreement=agreement,
        received_on=today - dt.timedelta(days=60),
        lines=[
            services.DeliveryLine(talas.pk, 10, today + dt.timedelta(days=20)),
            services.DeliveryLine(sambal.pk, 4),
        ],
    )
    return agreement
