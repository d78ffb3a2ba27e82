import datetime as dt

import pytest
from django.utils import timezone

from sinergi.accounts import demo as accounts_demo
from sinergi.accounts.services import system_user
from sinergi.accounts.tests.factories import OrganizationFactory
from sinergi.events import demo
from sinergi.events.models import Attendance, Event, EventInvitation, Registration

pytestmark = pytest.mark.django_db


def test_demo_seeds_a_temu_koperasi_and_an_upcoming_training_once():
    actor = system_user()
    accounts_demo.seed(actor=actor)
    OrganizationFactory(kind="cooperative", name="Koperasi Sejahtera Bersama", region_id="32.71.06.1001")
    OrganizationFactory(kind="cooperative", name="PKPRI Kota Bogor", region_id="32.71.03.1002")
    OrganizationFactory(kind="umkm", name="Keripik Talas Bu Euis", region_id="32.71.06.1003")
    for n in range(6):
        OrganizationFactory(kind="cooperative", name=f"Koperasi Bogor {n}", region_id="32.71.01.1001")
    OrganizationFactory(kind="cooperative", name="Koperasi Bandung", region_id="32.73.02.1004")

    assert demo.seed(actor=actor) == []
    assert demo.seed(actor=actor) == []

    temu = Event.objects.get(title=demo.TEMU)
    training = Event.objects.get(title=demo.TRAINING)
    assert temu.office.name == "Dinas Koperasi dan UMKM Kota Bogor"
    assert temu.date == timezone.localdate()
    assert training.date == timezone.localdate() + dt.timedelta(days=14)
    assert EventInvitation.objects.filter(event=temu).count() == 8
    assert Registration.objects.filter(event=temu).count() == 7
    assert Attendance.objects.filter(registration__event=temu).count() == 4
    assert sorted(
        EventInvitation.objects.filter(event=training).values_list("organization__name", flat=True)
    ) == ["Koperasi Bogor 0", "Koperasi Bogor 1", "Koperasi Sejahtera Bersama", "PKPRI Kota Bogor"]
    assert list(Registration.objects.filter(event=training).values_list("attendee_name", flat=True)) == [
        "Hendra Wijaya"
    ]
    assert not EventInvitation.objects.filter(organization__name="Koperasi Bandung").exists()
