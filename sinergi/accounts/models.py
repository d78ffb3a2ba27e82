from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sinergi.core.models import TimeStamped
from sinergi.regions.models import Region


def hash_token(raw: str) -> str:
    """Tokens and invitation keys are stored as SHA-256 digests, never in the clear."""
    return hashlib.sha256(raw.encode()).hexdigest()


def new_token(nbytes: int = 32) -> str:
    return secrets.token_urlsafe(nbytes)


# Titles written before a name: a greeting skips them ("Selamat datang, Iwan", not "Dr.").
NAME_TITLES = frozenset({"dr", "dr.", "drs.", "dra.", "ir.", "h.", "hj.", "prof.", "prof", "kh.", "bapak", "ibu"})
# A login named after a role ("Staf Dinas Kota Bogor") is greeted by the whole name, not "Staf".
ROLE_NAMES = frozenset({"admin", "administrator", "staf", "pemantau", "operator", "petugas"})


def greeting_name(full_name: str) -> str:
    """The name a greeting uses: the first word of the person's name after any title, or the whole
    name (without titles) when it starts with a role word."""
    words = (full_name or "").split()
    while words and words[0].lower() in NAME_TITLES:
        words = words[1:]
    if not words:
        return (full_name or "").strip()
    if words[0].lower() in ROLE_NAMES:
        return " ".join(words)
    return words[0].rstrip(",")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra) -> User:
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """Pengguna: a person who logs in with an e-mail address.

    What a user may see and change comes from their memberships (see `accounts.scoping`).
    `is_system` marks the account that commands and tasks act as.
    """

    email = models.EmailField(_("email"), unique=True)
    full_name = models.CharField(_("nama lengkap"), max_length=150)
    phone = models.CharField(_("nomor WhatsApp"), max_length=20, blank=True)
    language = models.CharField(_("bahasa"), max_length=5, default="id")
    is_active = models.BooleanField(_("aktif"), default=True)
    is_staff = models.BooleanField(_("staf situs"), default=False)
    is_system = models.BooleanField(default=False)
    date_joined = models.DateTimeField(_("bergabung"), default=timezone.now)
    # When the person last used an e-mailed unlock link: the links are signed over it, so each
    # works once (accounts.services.logins).
    login_unlocked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        # A new password ends every API token made under the old one, whichever door set it: the
        # profile page and the reset link go through `accounts.services` (which revokes them first
        # and audits the change), but Django's own `changepassword` command and the admin only call
        # `set_password` and `save`, and must not leave a stolen token working.
        password_changed = self._password is not None and not self._state.adding
        super().save(*args, **kwargs)
        if password_changed:
            from sinergi.core.audit import audit_record

            tokens = ApiToken.objects.filter(user=self, revoked_at__isnull=True)
            prefixes = sorted(tokens.values_list("prefix", flat=True))
            if prefixes:
                tokens.update(revoked_at=timezone.now())
                audit_record(
                    actor=None,
                    action="api_token.revoke_on_password",
                    obj=self,
                    after={"api_tokens_revoked": prefixes},
                )

    def get_short_name(self) -> str:
        return greeting_name(self.full_name) or self.email


class OrganizationKind(models.TextChoices):
    COOPERATIVE = "cooperative", _("Koperasi")
    UMKM = "umkm", _("UMKM")
    COMPANY = "company", _("Perusahaan")
    BANK = "bank", _("Bank")
    UNIVERSITY = "university", _("Perguruan tinggi")
    GOVERNMENT = "government", _("Instansi pemerintah")
    ASSOCIATION = "association", _("Asosiasi")
    OTHER = "other", _("Lainnya")


class Role(models.TextChoices):
    ADMIN = "admin", _("Admin dinas")
    STAFF = "staff", _("Staf dinas")
    VIEWER = "viewer", _("Pemantau dinas")
    PENGURUS = "pengurus", _("Pengurus koperasi")
    PENGAWAS = "pengawas", _("Pengawas koperasi")
    COOP_STAFF = "coop_staff", _("Staf koperasi")
    OWNER = "owner", _("Pemilik usaha")
    EXPERT = "expert", _("Pakar klinik")
    SUPPLIER = "supplier", _("Staf pemasok")
    COORDINATOR = "coordinator", _("Koordinator jaringan")
    OUTLET = "outlet", _("Staf gerai")
    PARTNER = "partner", _("Staf mitra")


OFFICE_ROLES = frozenset({Role.ADMIN, Role.STAFF, Role.VIEWER})
OFFICE_WRITE_ROLES = frozenset({Role.ADMIN, Role.STAFF})
OFFICE_ADMIN_ROLES = frozenset({Role.ADMIN})
COOPERATIVE_MANAGER_ROLES = frozenset({Role.PENGURUS, Role.PENGAWAS, Role.COOP_STAFF})
# Who runs a cooperative day to day: enters its reports, members and orders (the pengawas oversees).
COOPERATIVE_OPERATOR_ROLES = frozenset({Role.PENGURUS, Role.COOP_STAFF})
# The role an approved business claim gives the claimant.
CLAIMANT_ROLE = Role.OWNER

# Which roles make sense for which kind of organisation (DESIGN.md §2).
ROLES_BY_KIND: dict[str, frozenset[str]] = {
    OrganizationKind.GOVERNMENT: OFFICE_ROLES,
    OrganizationKind.COOPERATIVE: frozenset(
        {Role.PENGURUS, Role.PENGAWAS, Role.COOP_STAFF, Role.COORDINATOR, Role.OUTLET}
    ),
    OrganizationKind.UMKM: frozenset({Role.OWNER}),
    OrganizationKind.COMPANY: frozenset({Role.SUPPLIER, Role.PARTNER, Role.OUTLET, Role.COORDINATOR}),
    OrganizationKind.BANK: frozenset({Role.PARTNER}),
    OrganizationKind.UNIVERSITY: frozenset({Role.EXPERT, Role.PARTNER}),
    OrganizationKind.ASSOCIATION: frozenset({Role.EXPERT, Role.PARTNER, Role.COORDINATOR, Role.OUTLET}),
    OrganizationKind.OTHER: frozenset({Role.EXPERT, Role.PARTNER, Role.SUPPLIER}),
}


class Organization(TimeStamped):
    """Organisasi: every party the office works with, in one table — koperasi, UMKM, perusahaan,
    bank, perguruan tinggi, instansi pemerintah, asosiasi.

    A government office (Dinas) has a `jurisdiction` (wilayah kerja): it reaches every
    organisation whose region lies inside that region.
    """

    Kind = OrganizationKind

    kind = models.CharField(_("jenis"), max_length=12, choices=OrganizationKind.choices)
    name = models.CharField(_("nama"), max_length=200)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="organizations", verbose_name=_("wilayah")
    )
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    phone = models.CharField(_("nomor WhatsApp"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    jurisdiction = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="offices",
        verbose_name=_("wilayah kerja"),
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    # Set when a duplicate is merged into another organisation; the row is kept for history.
    # No index: almost every row is NULL, and an index here lures the planner into driving list
    # queries from it instead of from the sort order they need.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from", db_index=False
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisasi")
        verbose_name_plural = _("organisasi")
        indexes = [
            # Scoped lists: one kind inside a jurisdiction (region code prefix), by name.
            models.Index(fields=["kind", "region"], name="org_kind_region"),
            models.Index(fields=["kind", "name"], name="org_kind_name"),
            # The organisation list of every kind, page by page in name order.
            models.Index(fields=["name", "id"], name="org_name"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind=OrganizationKind.GOVERNMENT) | models.Q(jurisdiction__isnull=True),
                name="org_jurisdiction_only_government",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if self.kind == OrganizationKind.GOVERNMENT and not self.jurisdiction_id:
            errors["jurisdiction"] = _("Instansi pemerintah wajib punya wilayah kerja.")
        if self.kind != OrganizationKind.GOVERNMENT and self.jurisdiction_id:
            errors["jurisdiction"] = _("Hanya instansi pemerintah yang punya wilayah kerja.")
        if self.region_id and self.region_id.count(".") < 2:
            errors["region"] = _("Pilih wilayah sampai kecamatan atau kelurahan/desa.")
        if errors:
            raise ValidationError(errors)


class Membership(TimeStamped):
    """Keanggotaan: a user acts for an organisation in a role."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("peran"), max_length=12, choices=Role.choices)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["organization__name"]
        verbose_name = _("keanggotaan")
        verbose_name_plural = _("keanggotaan")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="membership_unique_user_org"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} {self.organization}"


class Invitation(TimeStamped):
    """Undangan: an officer invites a person to act for an organisation in a role.

    The link carries a random key; only its digest is stored. It expires, and can be revoked.
    """

    email = models.EmailField(_("email"))
    full_name = models.CharField(_("nama"), max_length=150, blank=True)
    phone = models.CharField(_("nomor WhatsApp"), max_length=20, blank=True)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(_("peran"), max_length=12, choices=Role.choices)
    key_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    expires_at = models.DateTimeField(_("berlaku sampai"))
    accepted_at = models.DateTimeField(_("diterima"), null=True, blank=True)
    accepted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("undangan")
        verbose_name_plural = _("undangan")

    def __str__(self) -> str:
        return f"{self.email} → {self.organization}"

    @property
    def state(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"


class BusinessClaim(TimeStamped):
    """Klaim usaha: a self-registered owner asks to act for a business; an officer decides.

    A claim on a business the registry does not have yet names it (`new_name`, `new_region`,
    `new_address`) and has no organisation: nothing enters the registry's lists, counts or
    dashboards until an officer approves it, and approving registers the business
    (`registry.services.claims`).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("menunggu")
        APPROVED = "approved", _("disetujui")
        REJECTED = "rejected", _("ditolak")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="claims")
    # Empty for a new business until the claim is approved.
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="claims"
    )
    # True when the owner registered a business the registry did not have yet.
    created_new = models.BooleanField(default=False)
    new_name = models.CharField(_("nama usaha"), max_length=200, blank=True)
    new_region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("lokasi usaha")
    )
    new_address = models.CharField(_("alamat usaha"), max_length=300, blank=True)
    # The throttling key of the address the claim came from (accounts.services.client_key): claims
    # are limited per account and per client.
    client = models.CharField(max_length=64, blank=True, default="")
    evidence = models.TextField(_("keterangan"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("catatan"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("klaim usaha")
        verbose_name_plural = _("klaim usaha")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"],
                condition=models.Q(status="pending"),
                name="claim_one_pending_per_user_org",
            ),
            # A claim names a registered business, or the new one it asks to register.
            models.CheckConstraint(
                condition=models.Q(organization__isnull=False)
                | (models.Q(created_new=True, new_region__isnull=False) & ~models.Q(new_name="")),
                name="claim_names_a_business",
            ),
        ]
        indexes = [
            # The per-client limit: claims from one client within the window.
            models.Index(fields=["client", "created_at"], name="claim_client_time"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.business_name} ({self.status})"

    @property
    def business_name(self) -> str:
        return self.organization.name if self.organization_id else self.new_name

    @property
    def business_region(self) -> Region | None:
        return self.organization.region if self.organization_id else self.new_region


class ConsentRecord(models.Model):
    """Persetujuan: a person agreed to the privacy notice of a given version (UU PDP 27/2022)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    notice_version = models.CharField(max_length=20)
    purpose = models.CharField(max_length=100)
    given_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-given_at"]

    def __str__(self) -> str:
        return f"{self.user} {self.notice_version} {self.purpose}"


class CorrectionRequest(TimeStamped):
    """Permintaan koreksi data: a person asks for their personal data to be corrected."""

    class Status(models.TextChoices):
        OPEN = "open", _("terbuka")
        DONE = "done", _("selesai")
        REJECTED = "rejected", _("ditolak")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="correction_requests")
    text = models.TextField(_("yang perlu dikoreksi"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    handled_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    response = models.TextField(_("tanggapan"), blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user}: {self.text[:40]}"


class ApiToken(models.Model):
    """Token API pribadi: for scripts and other systems acting as the user. Stored hashed."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("nama token"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    # Optional: a token for a one-off job stops working by itself.
    expires_at = models.DateTimeField(_("berlaku sampai"), null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_expired(self, now=None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())


class LoginFailure(models.Model):
    """A failed sign-in (percobaan masuk gagal), kept a day: the per-client limit counts them.

    `client` is the throttling key of the address: an IPv4 address, or the /64 network of an IPv6
    one (one household or phone gets a whole /64, so single addresses would be free to rotate).
    """

    email = models.CharField(max_length=254)
    ip = models.GenericIPAddressField(null=True, blank=True)
    client = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)  # the daily clean-up

    class Meta:
        indexes = [
            # The per-client limit: failures of one client within the window.
            models.Index(fields=["client", "created_at"], name="loginfailure_client_time"),
        ]

    def __str__(self) -> str:
        return f"{self.email} {self.created_at:%Y-%m-%d %H:%M}"


class LoginThrottle(models.Model):
    """Pembatasan masuk: the failed sign-ins of one account from one client, and how long that
    pair must wait (exponential back-off). Another client of the same account is not affected:
    an attacker slows only themselves, never the account's owner.
    """

    email = models.CharField(max_length=254)
    client = models.CharField(max_length=64, blank=True, default="")
    failures = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["email", "client"], name="loginthrottle_unique_pair"),
        ]
        indexes = [
            # The clean-up of pairs quiet for longer than the window.
            models.Index(fields=["last_failure_at"], name="loginthrottle_last_failure"),
        ]

    def __str__(self) -> str:
        return f"{self.email} @ {self.client}: {self.failures}"


class AccountEmailRequest(models.Model):
    """Permintaan email akun: someone asked for a password-reset or unlock e-mail. Kept a day to
    limit how many such e-mails one address receives and one client may ask for."""

    class Kind(models.TextChoices):
        PASSWORD_RESET = "password_reset", _("atur ulang kata sandi")
        LOGIN_UNLOCK = "login_unlock", _("buka kunci masuk")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    email = models.CharField(max_length=254)
    client = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)  # the daily clean-up

    class Meta:
        indexes = [
            # The per-address and per-client limits within the window.
            models.Index(fields=["email", "created_at"], name="accountemail_email_time"),
            models.Index(fields=["client", "created_at"], name="accountemail_client_time"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.email} {self.created_at:%Y-%m-%d %H:%M}"


class Letterhead(models.Model):
    """An office's letterhead (kop surat) and the officer who signs its letters: recap reports, clinic
    plans and reports, certificates of attendance."""

    office = models.OneToOneField(Organization, on_delete=models.CASCADE, primary_key=True, related_name="+")
    logo = models.ImageField(_("logo"), upload_to="kop/", blank=True)
    government = models.CharField(
        _("pemerintah daerah"), max_length=150, blank=True, help_text=_("Misalnya: Pemerintah Kabupaten Bogor")
    )
    office_name = models.CharField(_("nama dinas"), max_length=200, blank=True)
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    contact = models.CharField(_("telepon, e-mail, laman"), max_length=200, blank=True)
    city = models.CharField(_("kota tempat penandatanganan"), max_length=100, blank=True)
    signer_title = models.CharField(_("jabatan penanda tangan"), max_length=150, blank=True)
    signer_name = models.CharField(_("nama penanda tangan"), max_length=150, blank=True)
    signer_nip = models.CharField(_("NIP penanda tangan"), max_length=18, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        # Kept in the table where it was first created.
        db_table = "insights_letterhead"
        verbose_name = _("kop surat")
        verbose_name_plural = _("kop surat")

    def __str__(self):
        return self.office_name or str(self.office_id)
