"""Login throttling: the attacker waits, the account's owner does not.

Failures are counted per (account, client) pair with exponential back-off, so whoever hammers an
officer's address from one client slows only that pair: the officer on any other client signs in
as usual. One client trying many accounts is slowed by a per-client limit, which again touches no
one else. A throttled owner asks for an e-mailed unlock link (signed, expiring, single use) that
lets their own browser past the wait. Password-reset and unlock e-mails are limited per address
and per client, and the answer never tells whether an address has an account.

A client is its IP address as `client_address` reads it behind trusted proxies, keyed by
`client_key`: an IPv6 client by its /64 network, since one subscriber holds a whole /64.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from sinergi.accounts.models import AccountEmailRequest, LoginFailure, LoginThrottle, User
from sinergi.accounts.services.common import trail_name
from sinergi.core.audit import audit_record
from sinergi.core.notifications import Message, notify

UNLOCK_SALT = "sinergi.accounts.login-unlock"
# Failures, unlock and reset requests older than this serve no purpose.
KEEP_RECORDS = dt.timedelta(days=1)


@dataclass(frozen=True)
class Throttle:
    """Why and how long a sign-in must wait: `scope` is "account" (this account from this client)
    or "client" (this client, whatever the account)."""

    scope: str
    wait_seconds: int

    @property
    def wait_minutes(self) -> int:
        return max(1, math.ceil(self.wait_seconds / 60))


# --- the client ----------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _networks(trusted: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(item, strict=False) for item in trusted)


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.7:443"
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def client_address(*, remote_addr: str | None, forwarded: str | None, trusted: Iterable[str]) -> str | None:
    """The client's IP address.

    The proxy header is believed only when the connection comes from a trusted proxy: otherwise
    anyone could name any address in it. Each proxy appends the address it received the request
    from, so the right-most address that is not a trusted proxy is the client; what lies left of
    it was written by the client and is not trusted.
    """
    remote = _address(remote_addr or "")
    networks = _networks(tuple(trusted))
    if remote is None:
        return None
    if not networks or not forwarded or not any(remote in net for net in networks):
        return str(remote)
    nearest_trusted = remote
    for item in reversed(forwarded.split(",")):
        address = _address(item)
        if address is None:
            # A malformed entry can only come from the client's side of the chain: the last proxy
            # that was trusted saw the client.
            return str(nearest_trusted)
        if not any(address in net for net in networks):
            return str(address)
        nearest_trusted = address
    return str(nearest_trusted)


def client_key(ip: str | None) -> str:
    """What throttling counts by: the IPv4 address, or the /64 network of an IPv6 address."""
    address = _address(ip or "")
    if address is None:
        return ""
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


def _email_key(email: str) -> str:
    return (email or "").strip().lower()[:254]


# --- sign-in throttling --------------------------------------------------------------------------


def backoff_seconds(failures: int) -> int:
    """The wait after `failures` failed sign-ins of one pair: none below the limit, then the
    first wait, doubling with each further failure, never more than the cap."""
    limit = settings.LOGIN_FAILURE_LIMIT
    if failures < limit:
        return 0
    cap = settings.LOGIN_BACKOFF_MAX_SECONDS
    doublings = min(failures - limit, 40)  # beyond 2**40 every realistic wait is capped anyway
    return min(settings.LOGIN_BACKOFF_SECONDS * 2**doublings, cap)


def _client_throttle(key: str, now: dt.datetime) -> Throttle | None:
    limit = settings.LOGIN_CLIENT_FAILURE_LIMIT
    if not key or limit <= 0:
        return None
    window = dt.timedelta(minutes=settings.LOGIN_CLIENT_WINDOW_MINUTES)
    recent = LoginFailure.objects.filter(client=key, created_at__gt=now - window)
    count = recent.count()
    if count < limit:
        return None
    # The client may try again once enough of its failures have left the window.
    freed_at = recent.order_by("created_at").values_list("created_at", flat=True)[count - limit] + window
    return Throttle(scope="client", wait_seconds=max(1, math.ceil((freed_at - now).total_seconds())))


def login_throttle(*, email: str, ip: str | None) -> Throttle | None:
    """Whether a sign-in to `email` from this client must wait, and how long. Read only."""
    now = timezone.now()
    key = client_key(ip)
    pair = LoginThrottle.objects.filter(email=_email_key(email), client=key).first()
    if pair is not None and pair.locked_until is not None and pair.locked_until > now:
        return Throttle(scope="account", wait_seconds=math.ceil((pair.locked_until - now).total_seconds()))
    return _client_throttle(key, now)


@transaction.atomic
def login_failure_record(*, email: str, ip: str | None) -> LoginThrottle:
    """Count a failed sign-in for this pair and for this client; returns the pair's state."""
    now = timezone.now()
    email, key = _email_key(email), client_key(ip)
    ip = str(_address(ip or "") or "") or None
    LoginFailure.objects.create(email=email, ip=ip, client=key)
    pair, _created = LoginThrottle.objects.select_for_update().get_or_create(
        email=email, client=key, defaults={"last_failure_at": now}
    )
    if now - pair.last_failure_at > dt.timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES):
        pair.failures = 0  # quiet long enough: start afresh
    pair.failures += 1
    pair.last_failure_at = now
    wait = backoff_seconds(pair.failures)
    pair.locked_until = now + dt.timedelta(seconds=wait) if wait else None
    pair.save()
    _forget_old(now)
    return pair


def login_succeeded(*, email: str, ip: str | None) -> None:
    """A correct password from this client: its pair starts afresh. Other clients' failures
    stay, and so does this client's per-client count (one's own account must not be a way to
    wipe the slate while trying others')."""
    LoginThrottle.objects.filter(email=_email_key(email), client=client_key(ip)).delete()


def _forget_old(now: dt.datetime) -> None:
    LoginFailure.objects.filter(created_at__lt=now - KEEP_RECORDS).delete()
    AccountEmailRequest.objects.filter(created_at__lt=now - KEEP_RECORDS).delete()
    quiet = now - max(dt.timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES), KEEP_RECORDS)
    LoginThrottle.objects.filter(last_failure_at__lt=quiet).exclude(locked_until__gt=now).delete()


# --- password-reset and unlock e-mails -----------------------------------------------------------


class EmailVerdict:
    """What to do with a request for an account e-mail."""

    SEND = "send"
    # The address has had its share: nothing is sent, and the answer looks like SEND, so nobody
    # learns from it whether the address has an account.
    QUIET = "quiet"
    # This client has asked too often: it is told so (that reveals nothing about any address).
    CLIENT_LIMIT = "client_limit"


def account_email_request(*, kind: str, email: str, ip: str | None) -> str:
    """Count a request for a password-reset or unlock e-mail and say whether to send it.

    A refused client leaves nothing behind; a request over the address's share is still counted
    against the client that made it, so spamming one address slows the spammer.
    """
    now = timezone.now()
    email, key = _email_key(email), client_key(ip)
    since = now - dt.timedelta(minutes=settings.ACCOUNT_EMAIL_WINDOW_MINUTES)
    recent = AccountEmailRequest.objects.filter(created_at__gt=since)
    if key and recent.filter(client=key).count() >= settings.ACCOUNT_EMAIL_LIMIT_PER_CLIENT:
        return EmailVerdict.CLIENT_LIMIT
    over_address = recent.filter(email=email).count() >= settings.ACCOUNT_EMAIL_LIMIT_PER_ADDRESS
    AccountEmailRequest.objects.create(kind=kind, email=email, client=key)
    _forget_old(now)
    return EmailVerdict.QUIET if over_address else EmailVerdict.SEND


# --- the unlock link -----------------------------------------------------------------------------


def _unlock_state(user: User) -> str:
    # Signed over the password and the last unlock: a used link, or one sent before the password
    # changed, no longer matches.
    stamp = user.login_unlocked_at.isoformat() if user.login_unlocked_at else ""
    value = f"{user.pk}|{user.password}|{stamp}|{int(user.is_active)}"
    return salted_hmac(UNLOCK_SALT, value, algorithm="sha256").hexdigest()[:32]


def login_unlock_token(*, user: User) -> str:
    return signing.dumps(
        {"u": user.pk, "t": int(timezone.now().timestamp()), "s": _unlock_state(user)}, salt=UNLOCK_SALT
    )


def login_unlock_link(*, user: User) -> str:
    return settings.SITE_URL + reverse("accounts:login_unlock", args=[login_unlock_token(user=user)])


def _unlock_message(user: User, link: str) -> Message:
    with translation.override(user.language or settings.LANGUAGE_CODE):
        return Message(
            subject=_("Buka kunci masuk Sinergi"),
            body=_(
                "Halo %(name)s,\n\nAda terlalu banyak percobaan masuk yang gagal ke akun Sinergi Anda "
                "dari satu perangkat, sehingga perangkat itu harus menunggu. Jika itu Anda, buka "
                "tautan ini di perangkat tempat Anda ingin masuk (berlaku %(minutes)s menit, sekali "
                "pakai):\n%(link)s\n\nJika bukan Anda, abaikan email ini: kata sandi Anda tetap aman "
                "selama tidak diketahui orang lain. Anda juga dapat menggantinya di halaman profil."
            )
            % {
                "name": user.full_name or user.email,
                "minutes": settings.LOGIN_UNLOCK_VALID_MINUTES,
                "link": link,
            },
        )


def login_unlock_request(*, email: str, ip: str | None) -> str:
    """Send an unlock link to `email` if it belongs to an active account; the verdict is the
    same whether it does or not (see `EmailVerdict`)."""
    verdict = account_email_request(kind=AccountEmailRequest.Kind.LOGIN_UNLOCK, email=email, ip=ip)
    if verdict != EmailVerdict.SEND:
        return verdict
    user = User.objects.filter(email__iexact=_email_key(email), is_active=True, is_system=False).first()
    if user is not None and user.has_usable_password():
        message = _unlock_message(user, login_unlock_link(user=user))
        transaction.on_commit(lambda: notify(message=message, emails=[user.email]))
    return verdict


def _unlock_payload(token: str) -> dict | None:
    try:
        payload = signing.loads(token, salt=UNLOCK_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("t"), int):
        return None
    age = timezone.now().timestamp() - payload["t"]
    if age < 0 or age > settings.LOGIN_UNLOCK_VALID_MINUTES * 60:
        return None
    return payload


def login_unlock_check(*, token: str) -> User | None:
    """The account a still valid, unused unlock link belongs to, or None. Read only."""
    payload = _unlock_payload(token)
    if payload is None:
        return None
    user = User.objects.filter(pk=payload.get("u"), is_active=True).first()
    if user is None or not constant_time_compare(_unlock_state(user), str(payload.get("s", ""))):
        return None
    return user


@transaction.atomic
def login_unlock_redeem(*, token: str) -> User | None:
    """Use an unlock link: it works once. Returns the account to let past the wait, or None."""
    payload = _unlock_payload(token)
    if payload is None:
        return None
    # Locked so that two clicks at once cannot both use it.
    user = User.objects.select_for_update().filter(pk=payload.get("u"), is_active=True).first()
    if user is None or not constant_time_compare(_unlock_state(user), str(payload.get("s", ""))):
        return None
    user.login_unlocked_at = timezone.now()
    user.save(update_fields=["login_unlocked_at"])
    audit_record(actor=user, action="user.login_unlock", obj=user, object_repr=trail_name(user))
    return user
