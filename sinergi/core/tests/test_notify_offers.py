"""The WhatsApp links a request's notifications produce, offered once to the acting person."""

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.test import RequestFactory
from django.utils.translation import gettext_lazy as _

from sinergi.accounts.tests.factories import UserFactory
from sinergi.core.models import Notification, NotificationEvent
from sinergi.core.notification_middleware import WhatsAppOfferMiddleware
from sinergi.core.notifications import (
    Notice,
    WhatsAppOffer,
    collecting_whatsapp_offers,
    counts,
    notify_users,
    offered_on_page,
    offers_kept,
)

pytestmark = pytest.mark.django_db

REMINDER = Notice(NotificationEvent.REMINDER, _("Rapat %(name)s"), _("Hadir %(count)s orang."))


@pytest.fixture
def budi(db):
    return UserFactory(email="budi@sinergi.test", full_name="Budi <Santoso>", phone="0812-3456-7890")


def test_notice_sends_in_the_recipients_language_and_separators(budi):
    english = UserFactory(email="en@sinergi.test", language="en", phone="")
    sent = REMINDER.send(users=[budi, english], params={"name": "pengurus", **counts(count=12345)})
    assert [(n.subject, n.body) for n in sent.notifications] == [
        ("Rapat pengurus", "Hadir 12.345 orang."),
        ("Meeting pengurus", "12,345 people attended."),
    ]
    assert sent.whatsapp_links == [
        "https://wa.me/6281234567890?text=Rapat%20pengurus%0A%0AHadir%2012.345%20orang."
    ]


def test_offers_are_collected_only_inside_a_request(budi):
    sent = REMINDER.send(users=[budi], params={"name": "a", "count": 1})
    assert sent.offers[0].name == "Budi <Santoso>"
    with collecting_whatsapp_offers() as offers:
        inside = REMINDER.send(users=[budi], params={"name": "b", "count": 2})
    assert offers == inside.offers
    assert offers[0] == WhatsAppOffer(
        "Budi <Santoso>",
        "https://wa.me/6281234567890?text=Rapat%20b%0A%0AHadir%202%20orang.",
        inside.notifications[0].pk,
        budi.pk,
    )


def test_a_rolled_back_write_offers_nothing(budi):
    with collecting_whatsapp_offers() as offers, pytest.raises(RuntimeError), transaction.atomic():
        REMINDER.send(users=[budi], params={"name": "c", "count": 3})
        raise RuntimeError
    assert len(offers) == 1
    assert Notification.objects.count() == 0
    assert offers_kept(offers) == []


def test_links_the_page_shows_itself_are_withdrawn(budi):
    with collecting_whatsapp_offers() as offers:
        shown = REMINDER.send(users=[budi], params={"name": "d", "count": 4})
        offered_on_page(shown)
        kept = notify_users(users=[budi], event=NotificationEvent.REMINDER, subject=_("Rapat %(name)s"),
                            params={"name": "e"})  # fmt: skip
    assert offers == kept.offers


def run_middleware(view):
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    response = WhatsAppOfferMiddleware(view)(request)
    return response, [(str(m), m.tags) for m in request._messages]


def test_middleware_turns_the_offers_into_one_escaped_message(budi):
    def view(request):
        REMINDER.send(users=[budi], params={"name": "f", "count": 5})
        return HttpResponseRedirect("/lanjut/")

    response, stored = run_middleware(view)
    assert response.status_code == 302
    assert stored == [
        (
            '<span class="whatsapp-offer-lead">Kirim juga lewat WhatsApp:</span> <a class="whatsapp-offer" '
            'href="https://wa.me/6281234567890?text=Rapat%20f%0A%0AHadir%205%20orang." target="_blank" '
            'rel="noopener">Budi &lt;Santoso&gt;</a>',
            "whatsapp info",
        )
    ]


def test_middleware_adds_nothing_without_offers_or_on_an_error(budi):
    no_phone = UserFactory(email="tanpa@sinergi.test", phone="")

    def quiet(request):
        REMINDER.send(users=[no_phone], params={"name": "g", "count": 6})
        return HttpResponse("ok")

    def failing(request):
        REMINDER.send(users=[budi], params={"name": "h", "count": 7})
        return HttpResponse("ditolak", status=400)

    assert run_middleware(quiet)[1] == []
    assert run_middleware(failing)[1] == []
