"""People's own accounts: signing up and keeping their profile up to date."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sinergi.accounts.models import ConsentRecord, User
from sinergi.accounts.services.common import PRIVACY_NOTICE_VERSION, clean_email, clean_phone, trail_name
from sinergi.accounts.services.tokens import api_tokens_revoke_all
from sinergi.core.audit import audit_record, changed, snapshot


@transaction.atomic
def user_register(*, email: str, full_name: str, password: str, phone: str = "", consent: bool) -> User:
    """An UMKM owner signs up on their own. Consent to the privacy notice is required and kept."""
    email = clean_email(email)
    full_name = (full_name or "").strip()
    errors = {}
    if not full_name:
        errors["full_name"] = _("Nama wajib diisi.")
    if not consent:
        errors["consent"] = _("Anda perlu menyetujui pemberitahuan privasi.")
    if User.objects.filter(email__iexact=email).exists():
        errors["email"] = _("Email ini sudah terdaftar. Silakan masuk atau atur ulang kata sandi.")
    if errors:
        raise ValidationError(errors)
    phone = clean_phone(phone)
    validate_password(password, User(email=email, full_name=full_name))
    user = User.objects.create_user(email=email, password=password, full_name=full_name, phone=phone)
    ConsentRecord.objects.create(
        user=user, notice_version=PRIVACY_NOTICE_VERSION, purpose="self_registration"
    )
    audit_record(actor=user, action="user.register", obj=user, after={"email": email})
    return user


@transaction.atomic
def user_update_profile(*, actor: User, full_name: str, phone: str = "") -> User:
    full_name = (full_name or "").strip()
    if not full_name:
        raise ValidationError({"full_name": _("Nama wajib diisi.")})
    before = snapshot(actor, ["full_name", "phone"])
    actor.full_name = full_name
    actor.phone = clean_phone(phone)
    actor.save(update_fields=["full_name", "phone"])
    old, new = changed(before, snapshot(actor, ["full_name", "phone"]))
    if new:
        audit_record(actor=actor, action="user.update_profile", obj=actor, before=old, after=new)
    return actor


def _password_set(user: User, password: str, action: str) -> User:
    # The password's rules, whichever page or command sets it.
    validate_password(password, user)
    user.set_password(password)
    # A token made by whoever knew the old password must not outlive it (revoked here, before the
    # save, so that this change's audit event names them; `User.save` catches the other doors).
    revoked = api_tokens_revoke_all(user=user)
    user.save(update_fields=["password"])
    audit_record(
        actor=user,
        action=action,
        obj=user,
        object_repr=trail_name(user),
        after={"api_tokens_revoked": revoked},
    )
    return user


@transaction.atomic
def user_password_change(*, actor: User, password: str) -> User:
    """The signed-in person sets a new password (the form has checked the old one). Every API
    token of theirs is revoked."""
    return _password_set(actor, password, "user.password_change")


@transaction.atomic
def user_password_reset(*, user: User, password: str) -> User:
    """A person who proved their mailbox with a reset link sets a new password. Every API token
    of theirs is revoked."""
    return _password_set(user, password, "user.password_reset")
