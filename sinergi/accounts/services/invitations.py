"""Invitations (undangan): an officer invites a person by e-mail; the link makes or joins an account."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.accounts.models import (
    ConsentRecord,
    Invitation,
    Membership,
    Organization,
    User,
    hash_token,
    new_token,
)
from sinergi.accounts.scoping import forget_reach, reach_of
from sinergi.accounts.services.common import (
    PRIVACY_NOTICE_VERSION,
    check_role,
    clean_email,
    clean_phone,
    trail_name,
)
from sinergi.core.audit import audit_record
from sinergi.core.notifications import Message, notify, whatsapp_link


def _invitation_repr(invitation: Invitation) -> str:
    """What the audit trail shows of an invitation: the invitee's name (when the officer gave one),
    role and organisation, never the address it was sent to (`str(invitation)` shows it)."""
    role = f"{invitation.get_role_display()} {invitation.organization}"
    return f"{invitation.full_name} — {role}" if invitation.full_name else role


def invitation_link(raw_key: str) -> str:
    return f"{settings.SITE_URL}/akun/undangan/{raw_key}/"


def _invitation_message(invitation: Invitation, link: str) -> Message:
    return Message(
        subject=_("Undangan Sinergi: %(org)s") % {"org": invitation.organization.name},
        body=_(
            "Halo %(name)s,\n\nAnda diundang untuk bergabung di Sinergi sebagai %(role)s untuk "
            "%(org)s. Buka tautan ini untuk membuat akun (berlaku sampai %(until)s):\n%(link)s"
        )
        % {
            "name": invitation.full_name or invitation.email,
            "role": invitation.get_role_display(),
            "org": invitation.organization.name,
            "until": timezone.localtime(invitation.expires_at).strftime("%d-%m-%Y %H:%M"),
            "link": link,
        },
    )


@transaction.atomic
def invitation_create(
    *, actor: User, organization: Organization, email: str, role: str, full_name: str = "", phone: str = ""
) -> tuple[Invitation, str, str | None]:
    """Invite a person; returns the invitation, its link and a WhatsApp click-to-chat link."""
    if not reach_of(actor).manages_people_of(organization):
        raise PermissionDenied(_("Anda tidak berhak mengundang orang untuk organisasi ini."))
    email = clean_email(email)
    check_role(organization.kind, role)
    phone = clean_phone(phone)
    if Membership.objects.filter(user__email__iexact=email, organization=organization).exists():
        raise ValidationError({"email": _("Pengguna ini sudah terdaftar di organisasi tersebut.")})
    raw = new_token()
    invitation = Invitation.objects.create(
        email=email,
        full_name=(full_name or "").strip(),
        phone=phone,
        organization=organization,
        role=role,
        key_hash=hash_token(raw),
        created_by=actor,
        expires_at=timezone.now() + dt.timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    link = invitation_link(raw)
    message = _invitation_message(invitation, link)
    transaction.on_commit(lambda: notify(message=message, emails=[email]))
    audit_record(
        actor=actor,
        action="invitation.create",
        obj=invitation,
        object_repr=_invitation_repr(invitation),
        after={"email": email, "role": role, "organization": organization.pk},
        region_code=organization.region_id,
        organization_id=organization.pk,
    )
    return invitation, link, whatsapp_link(phone, f"{message.subject}\n\n{message.body}") if phone else None


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    if not reach_of(actor).manages_people_of(invitation.organization):
        raise PermissionDenied(_("Anda tidak berhak mencabut undangan ini."))
    if invitation.state != "pending":
        raise ValidationError(_("Undangan ini sudah tidak berlaku."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at", "updated_at"])
    audit_record(
        actor=actor,
        action="invitation.revoke",
        obj=invitation,
        object_repr=_invitation_repr(invitation),
        region_code=invitation.organization.region_id,
        organization_id=invitation.organization_id,
    )
    return invitation


def invitation_by_key(raw_key: str) -> Invitation | None:
    return Invitation.objects.select_related("organization").filter(key_hash=hash_token(raw_key)).first()


@transaction.atomic
def invitation_accept(
    *, raw_key: str, user: User | None = None, full_name: str = "", password: str = "", consent: bool = False
) -> Membership:
    """Accept an invitation: a new account is made (with consent), or a logged-in one joins."""
    invitation = Invitation.objects.select_for_update().filter(key_hash=hash_token(raw_key)).first()
    if invitation is None:
        raise ValidationError(_("Tautan undangan tidak dikenal."))
    state = invitation.state
    if state == "expired":
        raise ValidationError(_("Undangan ini sudah kedaluwarsa. Mintalah undangan baru kepada petugas."))
    if state != "pending":
        raise ValidationError(_("Undangan ini sudah tidak berlaku."))
    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ValidationError(
                _("Sudah ada akun dengan email ini. Silakan masuk dulu, lalu buka tautan lagi.")
            )
        if not consent:
            raise ValidationError({"consent": _("Anda perlu menyetujui pemberitahuan privasi.")})
        full_name = (full_name or invitation.full_name).strip()
        if not full_name:
            raise ValidationError({"full_name": _("Nama wajib diisi.")})
        candidate = User(email=invitation.email, full_name=full_name, phone=invitation.phone)
        validate_password(password, candidate)
        user = User.objects.create_user(
            email=invitation.email, password=password, full_name=full_name, phone=invitation.phone
        )
        ConsentRecord.objects.create(user=user, notice_version=PRIVACY_NOTICE_VERSION, purpose="account")
    elif user.email.lower() != invitation.email.lower():
        raise PermissionDenied(_("Undangan ini untuk alamat email lain."))
    if Membership.objects.filter(user=user, organization=invitation.organization).exists():
        raise ValidationError(_("Anda sudah terdaftar di organisasi tersebut."))
    membership = Membership.objects.create(
        user=user, organization=invitation.organization, role=invitation.role
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    forget_reach(user)
    audit_record(
        actor=user,
        action="invitation.accept",
        obj=invitation,
        object_repr=f"{trail_name(user)} — {invitation.get_role_display()} {invitation.organization}",
        after={"user": user.pk, "role": invitation.role},
        region_code=invitation.organization.region_id,
        organization_id=invitation.organization_id,
    )
    return membership
