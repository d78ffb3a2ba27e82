"""Notifications: the in-app centre, e-mail through Django's mail backend, WhatsApp click-to-chat links.

Slices call `notify_users()` for events (or `notify()` for a message to addresses that have no
account yet); they never talk to a channel directly. E-mail goes out through
EMAIL_BACKEND (console by default). WhatsApp is offered as a `https://wa.me/<number>?text=…` link
that the sender opens on their own phone, so no provider account is needed; a WhatsApp Business
API provider would be added as another channel function here without touching the slices.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.translation import ngettext

from sinergi.core.audit import audit_record
from sinergi.core.models import Notification, NotificationPreference
from sinergi.core.phones import normalize_whatsapp
from sinergi.core.templatetags.sinergi import number

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


# --- the notification centre -----------------------------------------------------------------
# `notify_users` is the one door for events: it stores one Notification per recipient (the
# centre), e-mails on commit those who want it now, and returns the WhatsApp links to offer. The
# slices compute the recipients (core knows nothing of organisations) and pass users.


@dataclass(frozen=True)
class WhatsAppOffer:
    """A prefilled WhatsApp message the acting person may send themselves, and to whom."""

    name: str
    link: str
    notification_id: int | None = None
    recipient_id: int | None = None


@dataclass
class Sent:
    """What `notify_users` did: the stored notifications and the WhatsApp links to offer."""

    notifications: list = field(default_factory=list)
    offers: list[WhatsAppOffer] = field(default_factory=list)

    @property
    def whatsapp_links(self) -> list[str]:
        return [offer.link for offer in self.offers]


# The WhatsApp links the notifications of one request produced, for the acting person to open
# (see `notification_middleware`). None outside a request: commands and tasks offer nothing.
_request_offers: ContextVar[list[WhatsAppOffer] | None] = ContextVar("whatsapp_offers", default=None)


@contextmanager
def collecting_whatsapp_offers() -> Iterator[list[WhatsAppOffer]]:
    """Collect the WhatsApp links of the notifications sent inside the block."""
    offers: list[WhatsAppOffer] = []
    token = _request_offers.set(offers)
    try:
        yield offers
    finally:
        _request_offers.reset(token)


def offers_kept(offers: list[WhatsAppOffer]) -> list[WhatsAppOffer]:
    """The offers whose notification is still stored: a write that rolled back notified nobody."""
    wanted = {(offer.notification_id, offer.recipient_id) for offer in offers}
    kept = set(
        Notification.objects.filter(pk__in=[pk for pk, _user in wanted]).values_list("pk", "recipient_id")
    )
    return [offer for offer in offers if (offer.notification_id, offer.recipient_id) in kept]


def offered_on_page(sent: Sent) -> None:
    """The page after this action shows these links itself: the request's message leaves them out."""
    collector = _request_offers.get()
    if collector is not None:
        collector[:] = [offer for offer in collector if offer not in sent.offers]


def absolute_url(url: str) -> str:
    return f"{settings.SITE_URL}{url}" if url.startswith("/") else url


def preference_of(user):
    """The person's preferences; the defaults (e-mail now, WhatsApp link) when never saved."""
    try:
        return user.notification_preference
    except NotificationPreference.DoesNotExist:
        return NotificationPreference(user=user)


def _render(text, params: dict, language: str) -> str:
    with translation.override(language):
        rendered = str(text)
        if params:
            # A callable value is drawn in the recipient's language (a number with its separators).
            rendered = rendered % {
                key: value() if callable(value) else str(value) for key, value in params.items()
            }
    return rendered.strip()


def _language(user) -> str:
    return getattr(user, "language", "") or settings.LANGUAGE_CODE


def _email_text(notification) -> str:
    body = notification.body
    if notification.url:
        body = f"{body}\n\n{absolute_url(notification.url)}" if body else absolute_url(notification.url)
    return body


def email_channel(notifications: list) -> None:
    """E-mail each notification whose recipient wants e-mail now (not in the daily digest)."""
    for notification in notifications:
        user = notification.recipient
        preference = preference_of(user)
        if not user.email or not preference.email or preference.daily_digest:
            continue
        try:
            send_mail(
                notification.subject, _email_text(notification), settings.DEFAULT_FROM_EMAIL, [user.email]
            )
        except Exception:  # a mail server outage must not undo the write that triggered it
            log.exception("notification %s: e-mail failed", notification.pk)
            continue
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())


# Channels that deliver stored notifications once the write commits. A WhatsApp Business API
# provider joins this list as one more function taking the notifications; callers do not change.
CHANNELS: list[Callable[[list], None]] = [email_channel]


def notify_users(
    *, users, event: str, subject, body="", url: str = "", params: dict | None = None, actor=None
) -> Sent:
    """Tell `users` about `event`: one Notification each, e-mail on commit, WhatsApp links back.

    `subject` and `body` are (lazy) translatable texts with `%(name)s` placeholders filled from
    `params`; each recipient gets them rendered in their own language. The actor is left out: a
    person is not told about what they did themselves. During a request the WhatsApp links are also
    collected for the acting person (see `collecting_whatsapp_offers`).
    """
    params = params or {}
    seen: set[int] = set()
    rows = []
    for user in users:
        if user is None or not user.pk or user.pk in seen or not user.is_active:
            continue
        if getattr(user, "is_system", False):  # the account of commands and tasks reads nothing
            continue
        if actor is not None and getattr(actor, "pk", None) == user.pk:
            continue
        seen.add(user.pk)
        language = _language(user)
        rows.append(
            Notification(
                recipient=user,
                event=event,
                subject=_render(subject, params, language)[:200],
                body=_render(body, params, language),
                url=url[:300],
            )
        )
    # PostgreSQL and SQLite (3.35+) give the ids back, which the channels need.
    created = Notification.objects.bulk_create(rows)
    sent = Sent(notifications=created)
    for notification in created:
        user = notification.recipient
        if preference_of(user).whatsapp:
            text = _email_text(notification)
            link = whatsapp_link(getattr(user, "phone", ""), f"{notification.subject}\n\n{text}".strip())
            if link:
                sent.offers.append(WhatsAppOffer(str(user), link, notification.pk, user.pk))
    collector = _request_offers.get()
    if collector is not None:
        collector.extend(sent.offers)
    if created:
        transaction.on_commit(lambda: [channel(created) for channel in CHANNELS])
    return sent


@dataclass(frozen=True)
class Notice:
    """One kind of notification: its event and its (lazy, translatable) subject and body texts."""

    event: str
    subject: object
    body: object = ""

    def send(self, *, users, params: dict | None = None, url: str = "", actor=None) -> Sent:
        return notify_users(
            users=users, event=self.event, subject=self.subject, body=self.body, params=params, url=url,
            actor=actor,
        )  # fmt: skip


def counts(**values) -> dict:
    """Counts as notification parameters, each written with the recipient's number separators."""
    return {name: (lambda value=value: number(value)) for name, value in values.items()}


def notification_list(*, user):
    """The person's own notifications, newest first."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def unread_count(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def access_notification(*, user, pk):
    """The person's own notification; another person's id answers 404, like one that does not exist."""
    return get_object_or_404(Notification, pk=pk, recipient=user)


# Marking as read is the reader's own bookkeeping, not a change to shared data: no audit event.
def notification_mark_read(*, actor, pk: int):
    notification = access_notification(user=actor, pk=pk)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, actor) -> int:
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def notification_preference_update(*, actor, email: bool, whatsapp: bool, daily_digest: bool):
    """Save how `actor` wants to hear about events."""
    preference, _created = NotificationPreference.objects.select_for_update().get_or_create(user=actor)

    # Named apart from the field: the trail hides every value under a key called "email".
    def state() -> dict:
        return {
            "by_email": preference.email,
            "whatsapp": preference.whatsapp,
            "daily_digest": preference.daily_digest,
        }

    before = state()
    preference.email, preference.whatsapp, preference.daily_digest = email, whatsapp, daily_digest
    preference.save()
    after = state()
    if before != after:
        audit_record(actor=actor, action="core.notification_preference.update", obj=preference,
                     before=before, after=after)  # fmt: skip
    return preference


def notifications_digest(*, now=None) -> dict:
    """E-mail each person who takes the daily digest the notifications not e-mailed yet, in one mail.

    Run once a day (`sinergi notifications_digest` from cron). A failed mail leaves its
    notifications for the next run.
    """
    now = now or timezone.now()
    users = (
        get_user_model()
        .objects.filter(
            is_active=True,
            notification_preference__daily_digest=True,
            notification_preference__email=True,
            notifications__emailed_at__isnull=True,
        )
        .distinct()
    )
    mailed_users = mailed = 0
    for user in users:
        pending = list(
            Notification.objects.filter(recipient=user, emailed_at__isnull=True).order_by("created_at", "id")
        )
        if not pending or not user.email:
            continue
        with translation.override(_language(user)):
            subject = ngettext(
                "Ringkasan Sinergi: %(count)d pemberitahuan", "Ringkasan Sinergi: %(count)d pemberitahuan",
                len(pending),
            ) % {"count": len(pending)}  # fmt: skip
        body = "\n\n".join(f"- {n.subject}\n  {_email_text(n)}".rstrip() for n in pending)
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        except Exception:
            log.exception("digest to user %s failed", user.pk)
            continue
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=now)
        mailed_users += 1
        mailed += len(pending)
    return {"users": mailed_users, "notifications": mailed}
