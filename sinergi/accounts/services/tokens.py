"""Personal API tokens: only a digest is stored, the raw value is shown once."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.accounts.models import ApiToken, User, hash_token, new_token
from sinergi.core.audit import audit_record


@transaction.atomic
def api_token_create(*, actor: User, name: str) -> tuple[ApiToken, str]:
    """A personal API token; the raw value is shown once and only its digest is kept."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Beri nama token, misalnya 'Skrip impor'.")})
    if actor.api_tokens.filter(revoked_at__isnull=True).count() >= 20:
        raise ValidationError(_("Paling banyak 20 token aktif. Cabut token yang tidak dipakai."))
    raw = "sng_" + new_token(30)
    token = ApiToken.objects.create(user=actor, name=name[:100], prefix=raw[:12], key_hash=hash_token(raw))
    audit_record(
        actor=actor, action="api_token.create", obj=token, after={"name": token.name, "prefix": token.prefix}
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


def api_token_authenticate(raw: str) -> User | None:
    """The active user a raw token belongs to, or None. Updates the token's last use."""
    if not raw or not raw.startswith("sng_"):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
