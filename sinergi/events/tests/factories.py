import datetime as dt

import factory

from sinergi.accounts.tests.factories import OfficeFactory
from sinergi.events.models import Event, EventKind


class EventFactory(factory.django.DjangoModelFactory):
    """An event of a Kota Bogor office written directly; tests of a change go through services."""

    class Meta:
        model = Event

    kind = EventKind.TEMU_KOPERASI
    title = factory.Sequence(lambda n: f"Temu Koperasi Uji {n}")
    date = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=7))
    place = "Balai Kota Bogor"
    region_id = "32.71"
    office = factory.SubFactory(OfficeFactory, jurisdiction_id="32.71")
