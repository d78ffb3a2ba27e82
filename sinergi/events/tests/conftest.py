"""Fixtures of the events tests: events of the Kota Bogor office on days relative to today, built
through the services, and the people of an invited organisation."""

import datetime as dt

import pytest
from django.utils import timezone

from sinergi.accounts.tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from sinergi.events import services
from sinergi.events.models import EventKind


def day(offset: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=offset)


@pytest.fixture
def make_event(officer_bogor, office_bogor):
    def make(offset: int = 7, **values):
        fields = {
            "kind": EventKind.TEMU_KOPERASI,
            "title": "Temu Koperasi Kota Bogor",
            "date": day(offset),
            "start_time": dt.time(9, 0),
            "end_time": dt.time(12, 0),
            "place": "Balai Kota Bogor",
            "region_id": "32.71",
            "organizers": "Dinas Koperasi dan UMKM Kota Bogor",
            "speakers": "Dr. Rina Kusuma\nH. Ahmad Fauzi",
        }
        fields.update(values)
        return services.event_create(actor=officer_bogor, office=office_bogor, **fields)

    return make


@pytest.fixture
def upcoming(make_event):
    return make_event(7)


@pytest.fixture
def today_event(make_event):
    return make_event(0)


@pytest.fixture
def coop_staff(cooperative_bogor):
    return MembershipFactory(
        user=UserFactory(email="staf.koperasi@sinergi.test", full_name="Yuni Kartika"),
        organization=cooperative_bogor,
        role="coop_staff",
    ).user


@pytest.fixture
def other_cooperative_bogor(db):
    return OrganizationFactory(kind="cooperative", name="Koperasi Karya Mandiri", region_id="32.71.01.1001")
