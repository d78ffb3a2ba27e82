"""The event edit page, opened and saved untouched in a real browser in both languages, changes
nothing and writes no audit event; its date input carries yyyy-mm-dd."""

import datetime as dt

import pytest

from conftest import login
from sinergi.core.models import AuditEvent
from sinergi.events.models import Event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIELDS = ("kind", "title", "date", "start_time", "end_time", "place", "region_id", "organizers", "speakers",
          "description", "office_id", "updated_at")  # fmt: skip


@pytest.mark.parametrize("language", ["id", "en"])
def test_untouched_save_changes_nothing(page, officer_bogor, make_event, language):
    event = make_event(
        10, organizers="Dinas Koperasi dan UMKM Kota Bogor\nDekopinda Kota Bogor", description="Uraian"
    )
    login(page, officer_bogor.email)
    page.wait_for_url(page.base_url + "/")
    page.context.add_cookies([{"name": "sinergi_lang", "value": language, "url": page.base_url}])
    before = Event.objects.values(*FIELDS).get(pk=event.pk)
    events = AuditEvent.objects.count()
    page.goto(page.base_url + f"/kegiatan/{event.pk}/ubah/")
    assert page.locator("html").get_attribute("lang") == language
    assert page.get_attribute("#id_date", "value") == (dt.date.today() + dt.timedelta(days=10)).isoformat()
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url.endswith(f"/kegiatan/{event.pk}/")
    assert Event.objects.values(*FIELDS).get(pk=event.pk) == before
    assert AuditEvent.objects.count() == events
