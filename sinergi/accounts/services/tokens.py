"""Personal API tokens: only a digest is stored, the raw value is shown once.

A token may carry an expiry, after which it is refused like a revoked one. Every token of a user
is revoked when their password changes or is reset (`accounts.services.users`): whoever had the
old password may have made one.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.accounts.models import ApiToken, User, hash_token, new_token
from sinergi.core.audit import audit_record

MAX_ACTIVE_TOKENS = 20
# The longest expiry a token may be given; longer is what "no expiry" is for.
MAX_EXPIRY = dt.timedelta(days=3653)


def _usable(now: dt.datetime) -> Q:
    return Q(revoked_at__isnull=True) & (Q(expires_at__isnull=True) | Q(expires_at__gt=now))


@transaction.atomic
def api_token_create(
    *, actor: User, name: str, expires_at: dt.datetime | None = None, made_with: ApiToken | None = None
) -> tuple[ApiToken, str]:
    """A personal API token; the raw value is shown once and only its digest is kept.

    `made_with` is the token that asked for this one through the API: a new token may not outlive
    it, or an expiring token could make itself permanent.
    """
    now = timezone.now()
    name = (name or "").strip()
    errors = {}
    if not name:
        errors["name"] = _("Beri nama token, misalnya 'Skrip impor'.")
    if expires_at is not None:
        if timezone.is_naive(expires_at):
            expires_at = timezone.make_aware(expires_at)
        if expires_at <= now:
            errors["expires_at"] = _("Tanggal berlaku harus di masa depan.")
        elif expires_at - now > MAX_EXPIRY:
            errors["expires_at"] = _(
                "Tanggal berlaku paling lambat 10 tahun lagi. Kosongkan agar token berlaku sampai dicabut."
            )
        elif made_with is not None and made_with.expires_at and expires_at > made_with.expires_at:
            errors["expires_at"] = _("Token baru tidak boleh berlaku lebih lama dari token yang membuatnya.")
    elif made_with is not None and made_with.expires_at:
        errors["expires_at"] = _("Token baru tidak boleh berlaku lebih lama dari token yang membuatnya.")
    if errors:
        raise ValidationError(errors)
    if actor.api_tokens.filter(_usable(now)).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(_("Paling banyak 20 token aktif. Cabut token yang tidak dipakai."))
    raw = "sng_" + new_token(30)
    token = ApiToken.objects.create(
        user=actor, name=name[:100], prefix=raw[:12], key_hash=hash_token(raw), expires_at=expires_at
    )
    audit_record(
        actor=actor,
        action="api_token.create",
        obj=token,
        after={"name": token.name, "prefix": token.prefix, "expires_at": expires_at},
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    if token.user_id != actor.pk:
        raise PermissionDenied(_("Token ini bukan milik Anda."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action="api_token.revoke", obj=token)
    return token


def api_tokens_revoke_all(*, user: User) -> list[str]:
    """Revoke every token of `user` not revoked yet; returns their prefixes (for the audit event
    of the change that called it)."""
    tokens = user.api_tokens.filter(revoked_at__isnull=True)
    prefixes = sorted(tokens.values_list("prefix", flat=True))
    tokens.update(revoked_at=timezone.now())
    return prefixes


def api_token_find(raw: str) -> ApiToken | None:
    """The usable token (not revoked, not expired, of an active user) for a raw value, or None.
    Updates the token's last use."""
    if not raw or not raw.startswith("sng_"):
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(_usable(now), key_hash=hash_token(raw), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def api_token_authenticate(raw: str) -> User | None:
    """The active user a usable raw token belongs to, or None."""
    token = api_token_find(raw)
    return token.user if token is not None else None
