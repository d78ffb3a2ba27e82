"""The notification centre: stored per recipient, e-mailed on commit or in the digest, WhatsApp links."""

import json
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sinergi.accounts.tests.factories import UserFactory
from sinergi.core.models import AuditEvent, Notification, NotificationEvent, NotificationPreference
from sinergi.core.notifications import (
    notification_preference_update,
    notifications_digest,
    notify_users,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://sinergi.example"


def _send(users, **kwargs):
    return notify_users(
        users=users,
        event=NotificationEvent.REPORT_RETURNED,
        subject=_("Laporan tahunan %(year)s dikembalikan"),
        body=_("Silakan perbaiki laporan tahunan Anda."),
        url="/kesehatan/laporan/7/",
        params={"year": 2024},
        **kwargs,
    )


def test_stored_per_recipient_and_emailed_on_commit(django_capture_on_commit_callbacks):
    ani = UserFactory(email="ani@sinergi.test", phone="0812-3456-7890")
    budi = UserFactory(email="budi@sinergi.test")
    with django_capture_on_commit_callbacks(execute=True):
        sent = _send([ani, budi, ani])
        assert len(mail.outbox) == 0  # nothing leaves before the write commits
    rows = list(Notification.objects.order_by("recipient__email"))
    assert [(n.recipient.email, n.subject, n.url) for n in rows] == [
        ("ani@sinergi.test", "Laporan tahunan 2024 dikembalikan", "/kesehatan/laporan/7/"),
        ("budi@sinergi.test", "Laporan tahunan 2024 dikembalikan", "/kesehatan/laporan/7/"),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == ["ani@sinergi.test", "budi@sinergi.test"]
    assert mail.outbox[0].body == (
        "Silakan perbaiki laporan tahunan Anda.\n\nhttps://sinergi.example/kesehatan/laporan/7/"
    )
    assert all(n.emailed_at is not None for n in Notification.objects.all())
    # Only Ani has a phone: one link, the text url-encoded and carrying the absolute url.
    assert sent.whatsapp_links == [
        "https://wa.me/6281234567890?text=Laporan%20tahunan%202024%20dikembalikan%0A%0A"
        "Silakan%20perbaiki%20laporan%20tahunan%20Anda.%0A%0Ahttps%3A//sinergi.example/kesehatan/laporan/7/"
    ]


def test_rendered_in_the_recipients_language(django_capture_on_commit_callbacks):
    english = UserFactory(email="en@sinergi.test", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        notify_users(users=[english], event=NotificationEvent.REMINDER, subject=_("Pemberitahuan"))
    assert Notification.objects.get().subject == "Notifications"


def test_the_actor_is_not_told_about_their_own_act(django_capture_on_commit_callbacks):
    ani = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _send([ani], actor=ani)
    assert Notification.objects.count() == 0 and mail.outbox == []


def test_digest_users_wait_for_the_digest(django_capture_on_commit_callbacks):
    ani = UserFactory(email="ani@sinergi.test")
    NotificationPreference.objects.create(user=ani, daily_digest=True)
    with django_capture_on_commit_callbacks(execute=True):
        _send([ani])
        _send([ani])
    assert mail.outbox == []
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 2
    assert notifications_digest() == {"users": 1, "notifications": 2}
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ani@sinergi.test"]
    assert mail.outbox[0].subject == "Ringkasan Sinergi: 2 pemberitahuan"
    assert mail.outbox[0].body.count("Laporan tahunan 2024 dikembalikan") == 2
    # Sent once: the next run has nothing to send.
    assert notifications_digest() == {"users": 0, "notifications": 0}
    assert len(mail.outbox) == 1


def test_digest_command_json(django_capture_on_commit_callbacks):
    ani = UserFactory()
    NotificationPreference.objects.create(user=ani, daily_digest=True)
    with django_capture_on_commit_callbacks(execute=True):
        _send([ani])
    out = StringIO()
    call_command("notifications_digest", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"users": 1, "notifications": 1}
    assert len(mail.outbox) == 1


def test_email_off_and_whatsapp_off(django_capture_on_commit_callbacks):
    ani = UserFactory(phone="081234567890")
    NotificationPreference.objects.create(user=ani, email=False, whatsapp=False)
    with django_capture_on_commit_callbacks(execute=True):
        sent = _send([ani])
    assert Notification.objects.filter(recipient=ani).count() == 1  # the centre always has it
    assert mail.outbox == [] and sent.whatsapp_links == []
    assert notifications_digest() == {"users": 0, "notifications": 0}


def test_preference_update_is_audited():
    ani = UserFactory()
    notification_preference_update(actor=ani, email=True, whatsapp=False, daily_digest=True)
    preference = NotificationPreference.objects.get(user=ani)
    assert (preference.email, preference.whatsapp, preference.daily_digest) == (True, False, True)
    event = AuditEvent.objects.get(action="core.notification_preference.update")
    assert event.after == {"by_email": True, "whatsapp": False, "daily_digest": True}


# --- pages -------------------------------------------------------------------------------------


def test_bell_shows_the_unread_count(client, django_capture_on_commit_callbacks):
    ani = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _send([ani])
        _send([ani])
    client.force_login(ani)
    html = client.get(reverse("notifications:list")).content.decode()
    assert '<span class="notif-count" data-testid="notification-count">2</span>' in html
    assert "Pemberitahuan, 2 belum dibaca" in html


def test_list_shows_only_own_newest_first(client):
    ani, budi = UserFactory(), UserFactory()
    for year in (2022, 2023):
        notify_users(users=[ani], event=NotificationEvent.REMINDER, subject=f"Untuk Ani {year}")
    notify_users(users=[budi], event=NotificationEvent.REMINDER, subject="Untuk Budi")
    client.force_login(ani)
    html = client.get(reverse("notifications:list")).content.decode()
    assert html.index("Untuk Ani 2023") < html.index("Untuk Ani 2022")
    assert "Untuk Budi" not in html


def test_open_marks_read_and_redirects(client):
    ani = UserFactory()
    notification = _send([ani]).notifications[0]
    client.force_login(ani)
    response = client.post(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == "/kesehatan/laporan/7/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_open_refuses_another_persons_notification(client):
    ani, budi = UserFactory(), UserFactory()
    notification = _send([budi]).notifications[0]
    client.force_login(ani)
    response = client.post(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_read_all_marks_only_own(client):
    ani, budi = UserFactory(), UserFactory()
    _send([ani, budi])
    _send([ani])
    client.force_login(ani)
    assert client.post(reverse("notifications:read_all")).status_code == 302
    assert Notification.objects.filter(recipient=ani, read_at__isnull=True).count() == 0
    assert Notification.objects.filter(recipient=budi, read_at__isnull=True).count() == 1


def test_preferences_page_saves(client):
    ani = UserFactory()
    client.force_login(ani)
    assert client.get(reverse("notifications:preferences")).status_code == 200
    response = client.post(reverse("notifications:preferences"), {"email": "on", "daily_digest": "on"})
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=ani)
    assert (preference.email, preference.whatsapp, preference.daily_digest) == (True, False, True)


def test_pages_need_sign_in(client):
    assert client.get(reverse("notifications:list")).status_code == 302
    assert client.get(reverse("notifications:preferences")).status_code == 302
