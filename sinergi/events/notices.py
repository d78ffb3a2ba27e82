"""What the people of an organisation are told about an event: that they are invited, and that it
is cancelled, with the organiser's reason."""

from __future__ import annotations

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from sinergi.core.models import NotificationEvent
from sinergi.core.notifications import Notice

EVENT_INVITED = Notice(
    NotificationEvent.EVENT_INVITED,
    _("Undangan kegiatan: %(title)s"),
    _(
        "%(organization)s diundang ke %(title)s pada %(date)s di %(place)s. "
        "Daftarkan orang yang akan hadir dari halaman kegiatan."
    ),
)
EVENT_CANCELLED = Notice(
    NotificationEvent.EVENT_CANCELLED,
    _("Kegiatan dibatalkan: %(title)s"),
    _("%(title)s pada %(date)s di %(place)s dibatalkan. Alasan: %(reason)s"),
)


def event_date(event):
    """The event's day, written in the recipient's language when the notice is drawn."""
    return lambda: formats.date_format(event.date, "j F Y")


def event_url(event) -> str:
    return reverse("events:event_detail", args=[event.pk])
