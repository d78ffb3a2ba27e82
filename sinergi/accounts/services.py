"""Every change to users, organisations and memberships (STYLE.md: one function per write)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.accounts.models import (
    ROLES_BY_KIND,
    ApiToken,
    BusinessClaim,
    ConsentRecord,
    CorrectionRequest,
    Invitation,
    LoginFailure,
    Membership,
    Organization,
    OrganizationKind,
    Role,
    User,
    hash_token,
    new_token,
)
from sinergi.accounts.scoping import forget_reach, reach_of
from sinergi.core.audit import audit_record, changed, snapshot
from sinergi.core.notifications import Message, notify, whatsapp_link
from sinergi.regions.models import Region
from sinergi.regions.phones import PhoneError, clean_whatsapp

SYSTEM_EMAIL = "system@sinergi.invalid"
PRIVACY_NOTICE_VERSION = "2026-11"
ORGANIZATION_FIELDS = ["kind", "name", "region", "address", "phone", "email", "jurisdiction", "is_active"]


def system_user() -> User:
    """The account commands and tasks act as; it reaches everything and cannot log in."""
    user, created = User.objects.get_or_create(
        email=SYSTEM_EMAIL, defaults={"full_name": "Sistem Sinergi", "is_system": True, "is_active": True}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


# --- helpers shared by the writes below ------------------------------------------------------


def _clean_email(email: str, field: str = "email") -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({field: _("Alamat email tidak valid: %(v)s") % {"v": email or "—"}}) from exc
    return email


def _clean_phone(phone: str, field: str = "phone") -> str:
    try:
        return clean_whatsapp(phone)
    except PhoneError as exc:
        raise ValidationError({field: _("Nomor telepon tidak valid: %(v)s") % {"v": phone}}) from exc


def _region(code: str | None, field: str, *, min_level: int = 1) -> Region:
    if not code:
        raise ValidationError({field: _("Wilayah wajib diisi.")})
    region = Region.objects.filter(pk=str(code).strip()).first()
    if region is None:
        raise ValidationError({field: _("Kode wilayah tidak dikenal: %(code)s") % {"code": code}})
    if region.level < min_level:
        raise ValidationError({field: _("Pilih wilayah sampai kecamatan atau kelurahan/desa.")})
    return region


def _check_role(kind: str, role: str) -> None:
    if role not in Role.values:
        raise ValidationError({"role": _("Peran tidak dikenal: %(role)s") % {"role": role}})
    if role not in ROLES_BY_KIND.get(kind, ()):
        raise ValidationError(
            {
                "role": _("Peran %(role)s tidak berlaku untuk organisasi jenis ini.")
                % {"role": Role(role).label}
            }
        )


# --- organisations ----------------------------------------------------------------------------


@transaction.atomic
def organization_create(
    *,
    actor: User,
    kind: str,
    name: str,
    region_code: str,
    address: str = "",
    phone: str = "",
    email: str = "",
    jurisdiction_code: str | None = None,
) -> Organization:
    """Register an organisation inside the actor's jurisdiction."""
    if kind not in OrganizationKind.values:
        raise ValidationError({"kind": _("Jenis organisasi tidak dikenal: %(v)s") % {"v": kind}})
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Nama wajib diisi.")})
    region = _region(region_code, "region", min_level=3)
    reach = reach_of(actor)
    if not reach.manages_region(region.code):
        raise PermissionDenied(_("Wilayah ini di luar wilayah kerja Anda."))
    jurisdiction = None
    if kind == OrganizationKind.GOVERNMENT:
        jurisdiction = _region(jurisdiction_code, "jurisdiction")
        if not reach.administers_region(jurisdiction.code):
            raise PermissionDenied(_("Wilayah kerja ini di luar wilayah kerja Anda."))
    elif jurisdiction_code:
        raise ValidationError({"jurisdiction": _("Hanya instansi pemerintah yang punya wilayah kerja.")})
    org = Organization(
        kind=kind,
        name=name,
        region=region,
        address=(address or "").strip(),
        phone=_clean_phone(phone),
        email=_clean_email(email) if email else "",
        jurisdiction=jurisdiction,
    )
    org.full_clean()
    org.save()
    audit_record(
        actor=actor,
        action="organization.create",
        obj=org,
        after=snapshot(org, ORGANIZATION_FIELDS),
        region_code=org.region_id,
        organization_id=org.pk,
    )
    return org


@transaction.atomic
def organization_update(*, actor: User, organization: Organization, **changes) -> Organization:
    """Change an organisation's name, place or contacts. Its kind never changes."""
    reach = reach_of(actor)
    if not reach.can_edit_organization(organization):
        raise PermissionDenied(_("Anda tidak berhak mengubah organisasi ini."))
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    before = snapshot(org, ORGANIZATION_FIELDS)
    allowed = {"name", "region_code", "address", "phone", "email", "is_active", "jurisdiction_code"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError({k: _("Kolom ini tidak dapat diubah.") for k in unknown})
    if "name" in changes:
        org.name = (changes["name"] or "").strip()
        if not org.name:
            raise ValidationError({"name": _("Nama wajib diisi.")})
    if "region_code" in changes:
        region = _region(changes["region_code"], "region", min_level=3)
        # An office may not move an organisation out of its own jurisdiction; the organisation's
        # own managers may record a move anywhere (it then falls under the new office).
        if not (reach.manages_region(region.code) or reach.roles_in(org.pk)):
            raise PermissionDenied(_("Wilayah ini di luar wilayah kerja Anda."))
        org.region = region
    if "address" in changes:
        org.address = (changes["address"] or "").strip()
    if "phone" in changes:
        org.phone = _clean_phone(changes["phone"])
    if "email" in changes:
        org.email = _clean_email(changes["email"]) if changes["email"] else ""
    if "is_active" in changes:
        if not reach.manages_region(org.region_id):
            raise PermissionDenied(_("Hanya petugas dinas yang dapat menonaktifkan organisasi."))
        org.is_active = bool(changes["is_active"])
    if "jurisdiction_code" in changes:
        if org.kind != OrganizationKind.GOVERNMENT:
            raise ValidationError({"jurisdiction": _("Hanya instansi pemerintah yang punya wilayah kerja.")})
        jurisdiction = _region(changes["jurisdiction_code"], "jurisdiction")
        if not reach.administers_region(jurisdiction.code):
            raise PermissionDenied(_("Wilayah kerja ini di luar wilayah kerja Anda."))
        org.jurisdiction = jurisdiction
    org.full_clean()
    org.save()
    old, new = changed(before, snapshot(org, ORGANIZATION_FIELDS))
    if new:
        audit_record(
            actor=actor,
            action="organization.update",
            obj=org,
            before=old,
            after=new,
            region_code=org.region_id,
            organization_id=org.pk,
        )
    return org


# --- memberships ------------------------------------------------------------------------------


def _may_manage_people(actor: User, organization: Organization) -> bool:
    reach = reach_of(actor)
    if organization.kind == OrganizationKind.GOVERNMENT:
        return reach.administers_region(organization.jurisdiction_id)
    return reach.manages_region(organization.region_id)


@transaction.atomic
def membership_add(*, actor: User, organization: Organization, user: User, role: str) -> Membership:
    """Let `user` act for `organization` in `role`. One membership per user and organisation."""
    if not _may_manage_people(actor, organization):
        raise PermissionDenied(_("Anda tidak berhak mengatur anggota organisasi ini."))
    _check_role(organization.kind, role)
    if Membership.objects.filter(user=user, organization=organization).exists():
        raise ValidationError({"user": _("Pengguna ini sudah terdaftar di organisasi tersebut.")})
    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=user, organization=organization, role=role)
    except IntegrityError as exc:  # a concurrent request added it first
        raise ValidationError({"user": _("Pengguna ini sudah terdaftar di organisasi tersebut.")}) from exc
    forget_reach(user)
    audit_record(
        actor=actor,
        action="membership.add",
        obj=membership,
        after={"user": user.email, "organization": organization.pk, "role": role},
        region_code=organization.region_id,
        organization_id=organization.pk,
    )
    return membership


@transaction.atomic
def membership_remove(*, actor: User, membership: Membership) -> None:
    if not _may_manage_people(actor, membership.organization):
        raise PermissionDenied(_("Anda tidak berhak mengatur anggota organisasi ini."))
    org = membership.organization
    before = {"user": membership.user.email, "organization": org.pk, "role": membership.role}
    audit_record(
        actor=actor,
        action="membership.remove",
        obj=membership,
        before=before,
        region_code=org.region_id,
        organization_id=org.pk,
    )
    membership.delete()
    forget_reach(membership.user)


# --- invitations ------------------------------------------------------------------------------


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
    if not _may_manage_people(actor, organization):
        raise PermissionDenied(_("Anda tidak berhak mengundang orang untuk organisasi ini."))
    email = _clean_email(email)
    _check_role(organization.kind, role)
    phone = _clean_phone(phone)
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
        after={"email": email, "role": role, "organization": organization.pk},
        region_code=organization.region_id,
        organization_id=organization.pk,
    )
    return invitation, link, whatsapp_link(phone, f"{message.subject}\n\n{message.body}") if phone else None


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    if not _may_manage_people(actor, invitation.organization):
        raise PermissionDenied(_("Anda tidak berhak mencabut undangan ini."))
    if invitation.state != "pending":
        raise ValidationError(_("Undangan ini sudah tidak berlaku."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at", "updated_at"])
    audit_record(
        actor=actor,
        action="invitation.revoke",
        obj=invitation,
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
        after={"user": user.email, "role": invitation.role},
        region_code=invitation.organization.region_id,
        organization_id=invitation.organization_id,
    )
    return membership


# --- self-registration and business claims -----------------------------------------------------


@transaction.atomic
def user_register(*, email: str, full_name: str, password: str, phone: str = "", consent: bool) -> User:
    """An UMKM owner signs up on their own. Consent to the privacy notice is required and kept."""
    email = _clean_email(email)
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
    phone = _clean_phone(phone)
    validate_password(password, User(email=email, full_name=full_name))
    user = User.objects.create_user(email=email, password=password, full_name=full_name, phone=phone)
    ConsentRecord.objects.create(
        user=user, notice_version=PRIVACY_NOTICE_VERSION, purpose="self_registration"
    )
    audit_record(actor=user, action="user.register", obj=user, after={"email": email})
    return user


@transaction.atomic
def business_claim_submit(
    *,
    actor: User,
    organization: Organization | None = None,
    new_name: str = "",
    new_region_code: str = "",
    new_address: str = "",
    evidence: str = "",
) -> BusinessClaim:
    """An owner claims a registered business, or registers a new one; an officer confirms."""
    created_new = False
    if organization is None:
        name = (new_name or "").strip()
        if not name:
            raise ValidationError({"name": _("Nama usaha wajib diisi.")})
        region = _region(new_region_code, "region", min_level=3)
        organization = Organization.objects.create(
            kind=OrganizationKind.UMKM, name=name, region=region, address=(new_address or "").strip()
        )
        created_new = True
        audit_record(
            actor=actor,
            action="organization.self_register",
            obj=organization,
            after=snapshot(organization, ORGANIZATION_FIELDS),
            region_code=region.code,
            organization_id=organization.pk,
        )
    elif organization.kind != OrganizationKind.UMKM:
        raise ValidationError(_("Hanya usaha (UMKM) yang dapat diklaim."))
    if Membership.objects.filter(user=actor, organization=organization).exists():
        raise ValidationError(_("Anda sudah terdaftar di usaha ini."))
    if BusinessClaim.objects.filter(user=actor, organization=organization, status="pending").exists():
        raise ValidationError(_("Klaim Anda untuk usaha ini masih menunggu konfirmasi."))
    claim = BusinessClaim.objects.create(
        user=actor, organization=organization, created_new=created_new, evidence=(evidence or "").strip()
    )
    audit_record(
        actor=actor,
        action="claim.submit",
        obj=claim,
        after={"organization": organization.pk, "created_new": created_new},
        region_code=organization.region_id,
        organization_id=organization.pk,
    )
    return claim


@transaction.atomic
def business_claim_decide(
    *, actor: User, claim: BusinessClaim, approve: bool, note: str = ""
) -> BusinessClaim:
    """An officer of the business's region confirms or rejects a claim."""
    claim = BusinessClaim.objects.select_for_update().select_related("organization", "user").get(pk=claim.pk)
    if not reach_of(actor).manages_region(claim.organization.region_id):
        raise PermissionDenied(_("Usaha ini di luar wilayah kerja Anda."))
    if claim.status != BusinessClaim.Status.PENDING:
        raise ValidationError(_("Klaim ini sudah diputuskan."))
    claim.status = BusinessClaim.Status.APPROVED if approve else BusinessClaim.Status.REJECTED
    claim.decided_by = actor
    claim.decided_at = timezone.now()
    claim.decision_note = (note or "").strip()
    claim.save()
    if approve and not Membership.objects.filter(user=claim.user, organization=claim.organization).exists():
        Membership.objects.create(user=claim.user, organization=claim.organization, role=Role.OWNER)
        forget_reach(claim.user)
    audit_record(
        actor=actor,
        action="claim.approve" if approve else "claim.reject",
        obj=claim,
        after={"status": claim.status, "note": claim.decision_note},
        region_code=claim.organization.region_id,
        organization_id=claim.organization_id,
    )
    message = Message(
        subject=_("Klaim usaha Anda %(status)s") % {"status": claim.get_status_display()},
        body=_("Klaim Anda atas %(org)s telah %(status)s. %(note)s")
        % {"org": claim.organization.name, "status": claim.get_status_display(), "note": claim.decision_note},
    )
    email = claim.user.email
    transaction.on_commit(lambda: notify(message=message, emails=[email]))
    return claim


# --- privacy ----------------------------------------------------------------------------------


@transaction.atomic
def correction_request_create(*, actor: User, text: str) -> CorrectionRequest:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Tuliskan data yang perlu dikoreksi.")})
    request = CorrectionRequest.objects.create(user=actor, text=text)
    audit_record(actor=actor, action="privacy.correction_request", obj=request, after={"text": text})
    return request


@transaction.atomic
def correction_request_resolve(
    *, actor: User, correction: CorrectionRequest, status: str, response: str = ""
) -> CorrectionRequest:
    """Office admins answer correction requests of people who belong to their jurisdiction."""
    reach = reach_of(actor)
    orgs = correction.user.memberships.select_related("organization")
    if not reach.everything and not any(reach.administers_region(m.organization.region_id) for m in orgs):
        raise PermissionDenied(_("Permintaan ini di luar wilayah kerja Anda."))
    if status not in (CorrectionRequest.Status.DONE, CorrectionRequest.Status.REJECTED):
        raise ValidationError({"status": _("Status tidak valid.")})
    correction.status = status
    correction.response = (response or "").strip()
    correction.handled_by = actor
    correction.save()
    audit_record(actor=actor, action="privacy.correction_resolve", obj=correction, after={"status": status})
    return correction


# --- API tokens -------------------------------------------------------------------------------


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


# --- login throttling -------------------------------------------------------------------------


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


@transaction.atomic
def user_update_profile(*, actor: User, full_name: str, phone: str = "") -> User:
    full_name = (full_name or "").strip()
    if not full_name:
        raise ValidationError({"full_name": _("Nama wajib diisi.")})
    before = snapshot(actor, ["full_name", "phone"])
    actor.full_name = full_name
    actor.phone = _clean_phone(phone)
    actor.save(update_fields=["full_name", "phone"])
    old, new = changed(before, snapshot(actor, ["full_name", "phone"]))
    if new:
        audit_record(actor=actor, action="user.update_profile", obj=actor, before=old, after=new)
    return actor


# --- merging duplicate organisations ------------------------------------------------------------


@transaction.atomic
def membership_move(
    *,
    actor: User,
    source: Organization,
    target: Organization,
    membership_ids: list[int] | None = None,
    claim_ids: list[int] | None = None,
) -> dict[str, list[int]]:
    """Move the people acting for `source` (keanggotaan) and its business claims to `target`.

    Used when a duplicate organisation is merged into the one kept, and with the ids a merge
    recorded to move exactly those rows back when the merge is undone. A user who already acts
    for `target` keeps that membership and their membership of `source` stays where it is; a
    pending claim clashing with a pending claim of the same user on `target` stays too. Returns
    the ids moved and the ids skipped.
    """
    if not (_may_manage_people(actor, source) and _may_manage_people(actor, target)):
        raise PermissionDenied(_("Anda tidak berhak mengatur anggota organisasi ini."))
    if source.pk == target.pk:
        raise ValidationError(_("Organisasi asal dan tujuan sama."))
    memberships = Membership.objects.select_for_update().filter(organization=source).order_by("pk")
    if membership_ids is not None:
        memberships = memberships.filter(pk__in=membership_ids)
    members_of_target = set(Membership.objects.filter(organization=target).values_list("user_id", flat=True))
    report: dict[str, list[int]] = {
        "memberships": [],
        "memberships_skipped": [],
        "claims": [],
        "claims_skipped": [],
    }
    moved_users = []
    for membership in memberships.select_related("user"):
        if membership.user_id in members_of_target:
            report["memberships_skipped"].append(membership.pk)
            continue
        report["memberships"].append(membership.pk)
        members_of_target.add(membership.user_id)
        moved_users.append(membership.user)
    Membership.objects.filter(pk__in=report["memberships"]).update(organization=target)
    claims = BusinessClaim.objects.select_for_update().filter(organization=source).order_by("pk")
    if claim_ids is not None:
        claims = claims.filter(pk__in=claim_ids)
    pending_on_target = set(
        BusinessClaim.objects.filter(organization=target, status=BusinessClaim.Status.PENDING).values_list(
            "user_id", flat=True
        )
    )
    for claim in claims:
        # At most one pending claim per user and organisation (a database constraint).
        if claim.status == BusinessClaim.Status.PENDING and claim.user_id in pending_on_target:
            report["claims_skipped"].append(claim.pk)
            continue
        report["claims"].append(claim.pk)
        if claim.status == BusinessClaim.Status.PENDING:
            pending_on_target.add(claim.user_id)
    BusinessClaim.objects.filter(pk__in=report["claims"]).update(organization=target)
    for user in moved_users:
        forget_reach(user)
    if report["memberships"] or report["claims"]:
        audit_record(
            actor=actor,
            action="membership.move",
            obj=target,
            before={"organization": source.pk},
            after={"organization": target.pk, **report},
            region_code=target.region_id,
            organization_id=target.pk,
        )
    return report


@transaction.atomic
def organization_mark_merged(*, actor: User, organization: Organization, into: Organization) -> Organization:
    """Record that `organization` is a duplicate merged into `into`: it is deactivated, not deleted."""
    reach = reach_of(actor)
    if not (reach.manages_region(organization.region_id) and reach.manages_region(into.region_id)):
        raise PermissionDenied(_("Organisasi ini di luar wilayah kerja Anda."))
    if organization.pk == into.pk or organization.kind != into.kind:
        raise ValidationError(_("Hanya organisasi sejenis yang berbeda yang dapat digabung."))
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    if org.merged_into_id is not None:
        raise ValidationError(_("Organisasi ini sudah digabung ke organisasi lain."))
    before = {"merged_into": None, "is_active": org.is_active}
    org.merged_into = into
    org.is_active = False
    org.save(update_fields=["merged_into", "is_active", "updated_at"])
    audit_record(
        actor=actor,
        action="organization.merge",
        obj=org,
        before=before,
        after={"merged_into": into.pk, "is_active": False},
        region_code=org.region_id,
        organization_id=org.pk,
    )
    return org


@transaction.atomic
def organization_unmerge(*, actor: User, organization: Organization, is_active: bool = True) -> Organization:
    """Undo organization_mark_merged: only office admins of the region (and superusers) may."""
    if not reach_of(actor).administers_region(organization.region_id):
        raise PermissionDenied(_("Hanya admin dinas yang dapat membatalkan penggabungan."))
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    if org.merged_into_id is None:
        raise ValidationError(_("Organisasi ini tidak sedang digabung."))
    before = {"merged_into": org.merged_into_id, "is_active": org.is_active}
    org.merged_into = None
    org.is_active = is_active
    org.save(update_fields=["merged_into", "is_active", "updated_at"])
    audit_record(
        actor=actor,
        action="organization.unmerge",
        obj=org,
        before=before,
        after={"merged_into": None, "is_active": is_active},
        region_code=org.region_id,
        organization_id=org.pk,
    )
    return org
