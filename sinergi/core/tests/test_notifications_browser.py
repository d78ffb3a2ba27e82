"""The bell at phone width: the unread count, the centre, opening a notification marks it read."""

import pytest

from conftest import login
from sinergi.accounts.tests.factories import UserFactory
from sinergi.core.models import Notification, NotificationEvent
from sinergi.core.notifications import notify_users

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_bell_list_and_open(page):
    ani = UserFactory(email="ani@sinergi.test")
    for subject in ("Impor data.csv selesai", "Pengingat RAT"):
        notify_users(users=[ani], event=NotificationEvent.REMINDER, subject=subject, url="/akun/profil/")
    login(page, ani.email)
    page.wait_for_url(page.base_url + "/")
    assert page.locator("[data-testid=notification-count]").inner_text() == "2"
    page.click("a.notif-bell")
    page.wait_for_selector("h1:has-text('Pemberitahuan')")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.click("button.notif-open:has-text('Pengingat RAT')")
    page.wait_for_url(page.base_url + "/akun/profil/")
    assert page.locator("[data-testid=notification-count]").inner_text() == "1"
    assert list(Notification.objects.filter(read_at__isnull=False).values_list("subject", flat=True)) == [
        "Pengingat RAT"
    ]
    page.goto(page.base_url + "/pemberitahuan/")
    page.click("button:has-text('Tandai semua sudah dibaca')")
    page.wait_for_selector("text=Semua pemberitahuan ditandai sudah dibaca.")
    assert page.locator("[data-testid=notification-count]").count() == 0
    assert Notification.objects.filter(read_at__isnull=True).count() == 0
