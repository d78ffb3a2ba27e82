"""Notifications: e-mail through Django's mail backend and WhatsApp click-to-chat links.

Slices call `notify()`; they never talk to a channel directly. E-mail goes out through
EMAIL_BACKEND (console by default). WhatsApp is offered as a `https://wa.me/<number>?text=…` link
that the sender opens on their own phone, so no provider account is needed; a WhatsApp Business
API provider would be added as another channel function here without touching the slices.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from urllib.parse import quote

from django.conf import settings
from django.core.mail import send_mail

from sinergi.core.phones import normalize_whatsapp

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Message:
    subject: str
    body: str


@dataclass
class Delivery:
    """What happened to one notification: sent e-mails and links for the sender to open."""

    emailed: list[str] = field(default_factory=list)
    whatsapp_links: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def whatsapp_link(phone: str | None, text: str) -> str | None:
    """A click-to-chat link with the message prefilled, or None when the number is not usable."""
    number = normalize_whatsapp(phone) if phone else None
    if not number:
        return None
    return f"https://wa.me/{number}?text={quote(text)}"


def notify(*, message: Message, emails: list[str] = (), phones: list[str] = ()) -> Delivery:
    """Send `message` by e-mail to `emails` and return WhatsApp links for `phones`."""
    delivery = Delivery()
    for address in emails:
        if not address:
            continue
        try:
            send_mail(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [address])
            delivery.emailed.append(address)
        except Exception:  # a mail server outage must not undo the write that triggered it
            log.exception("e-mail to %s failed", address)
            delivery.failed.append(address)
    for phone in phones:
        link = whatsapp_link(phone, f"{message.subject}\n\n{message.body}")
        if link:
            delivery.whatsapp_links.append(link)
    return delivery
