"""Login throttling: recent failures per address and per client."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from sinergi.accounts.models import LoginFailure


def _failure_window_start() -> dt.datetime:
    return timezone.now() - dt.timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)


def login_is_throttled(*, email: str, ip: str | None) -> bool:
    """Too many recent failures for this address or from this client."""
    since = _failure_window_start()
    limit = settings.LOGIN_FAILURE_LIMIT
    email = (email or "").strip().lower()
    if email and LoginFailure.objects.filter(email=email, created_at__gte=since).count() >= limit:
        return True
    # A client trying many addresses is stopped too, with a more generous limit.
    return bool(ip) and LoginFailure.objects.filter(ip=ip, created_at__gte=since).count() >= limit * 4


def login_failure_record(*, email: str, ip: str | None) -> None:
    LoginFailure.objects.create(email=(email or "").strip().lower()[:254], ip=ip or None)
    # Keep the table small: failures older than a day serve no purpose.
    LoginFailure.objects.filter(created_at__lt=timezone.now() - dt.timedelta(days=1)).delete()


def login_failures_clear(*, email: str) -> None:
    LoginFailure.objects.filter(email=(email or "").strip().lower()).delete()
