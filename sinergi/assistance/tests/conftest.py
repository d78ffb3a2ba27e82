"""Fixtures of the assistance tests: Koperasi Sejahtera Bersama's "Warung Tetangga Kita"
programme in Kota Bogor with two packages, and warung of Kota Bogor built through the services."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from sinergi.accounts.services import system_user
from sinergi.assistance import services
from sinergi.assistance.tests.factories import warung


@pytest.fixture
def system(db):
    return system_user()


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def programme(coop_manager, cooperative_bogor, today):
    return services.programme_create(
        actor=coop_manager,
        organization=cooperative_bogor,
        name="Warung Tetangga Kita",
        budget=Decimal("10000000"),
        opens_on=today - dt.timedelta(days=10),
        closes_on=today + dt.timedelta(days=10),
        target_regions=["32.71.06"],
        weights={"retail_nearby": "2", "revenue_drop": "1", "woman_owner": "1"},
        min_months_operating=12,
        aided_within_months=24,
    )


@pytest.fixture
def etalase(programme, coop_manager):
    return services.package_add(
        actor=coop_manager, programme=programme, name="Etalase kaca", unit_cost=Decimal("3000000"), stock=2,
        items="Etalase kaca 1 m",
    )  # fmt: skip


@pytest.fixture
def freezer(programme, coop_manager):
    return services.package_add(
        actor=coop_manager, programme=programme, name="Freezer", unit_cost=Decimal("4000000"), stock=1,
        items="Freezer 100 L\nStabilizer",
    )  # fmt: skip


@pytest.fixture
def shops(db):
    """Four warung of Tanah Sareal (32.71.06) with distinct owners and addresses."""
    return [
        warung("Warung Bu Ani", nik="3271064107850011", region="32.71.06.1001"),
        warung("Warung Pak Budi", nik="3271060107850012", gender="L", region="32.71.06.1002"),
        warung("Warung Bu Cici", nik="3271064107850013", region="32.71.06.1003"),
        warung("Warung Bu Dewi", nik="3271064107850014", region="32.71.06.1004"),
    ]


@pytest.fixture
def apply(coop_manager, programme):
    def submit(business, package, *, retail="0.5", drop="0.5", revenue="3000000", minutes=0, actor=None):
        return services.application_submit(
            actor=actor or coop_manager,
            programme=programme,
            business=business,
            package=package,
            baseline_revenue=Decimal(revenue),
            criteria={"retail_nearby": retail, "revenue_drop": drop},
            applied_at=timezone.now() - dt.timedelta(days=5) + dt.timedelta(minutes=minutes),
        )

    return submit
