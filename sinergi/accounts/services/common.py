"""What the account writes share: cleaning e-mail addresses, phones and regions, checking roles."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from sinergi.accounts.models import ROLES_BY_KIND, Role
from sinergi.core.phones import PhoneError, clean_whatsapp
from sinergi.regions.models import Region

PRIVACY_NOTICE_VERSION = "2026-11"
ORGANIZATION_FIELDS = ["kind", "name", "region", "address", "phone", "email", "jurisdiction", "is_active"]


def clean_email(email: str, field: str = "email") -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({field: _("Alamat email tidak valid: %(v)s") % {"v": email or "—"}}) from exc
    return email


def clean_phone(phone: str, field: str = "phone") -> str:
    try:
        return clean_whatsapp(phone)
    except PhoneError as exc:
        raise ValidationError({field: _("Nomor telepon tidak valid: %(v)s") % {"v": phone}}) from exc


def region_for(code: str | None, field: str, *, min_level: int = 1) -> Region:
    if not code:
        raise ValidationError({field: _("Wilayah wajib diisi.")})
    region = Region.objects.filter(pk=str(code).strip()).first()
    if region is None:
        raise ValidationError({field: _("Kode wilayah tidak dikenal: %(code)s") % {"code": code}})
    if region.level < min_level:
        raise ValidationError({field: _("Pilih wilayah sampai kecamatan atau kelurahan/desa.")})
    return region


def check_role(kind: str, role: str) -> None:
    if role not in Role.values:
        raise ValidationError({"role": _("Peran tidak dikenal: %(role)s") % {"role": role}})
    if role not in ROLES_BY_KIND.get(kind, ()):
        raise ValidationError(
            {
                "role": _("Peran %(role)s tidak berlaku untuk organisasi jenis ini.")
                % {"role": Role(role).label}
            }
        )
