"""What the account writes share: cleaning e-mail addresses, phones and regions, checking roles."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sinergi.accounts import rules
from sinergi.accounts.models import ROLES_BY_KIND, Role
from sinergi.core.phones import normalize_whatsapp
from sinergi.regions.models import Region

PRIVACY_NOTICE_VERSION = "2026-11"
ORGANIZATION_FIELDS = ["kind", "name", "region", "address", "phone", "email", "jurisdiction", "is_active"]


def clean_email(email: str, field: str = "email") -> str:
    """The address in lower case; refused by the contact rule (`accounts.rules`) as every door is."""
    given = (email or "").strip()
    if rules.email_problem(given):
        raise ValidationError({field: rules.problem_message(rules.EMAIL_INVALID, value=given or "—")})
    return given.lower()


def clean_phone(phone: str, field: str = "phone") -> str:
    """The number in WhatsApp form, "" for none; refused by the contact rule (`accounts.rules`)."""
    if phone is None or not str(phone).strip():
        return ""
    if rules.phone_problem(phone):
        raise ValidationError({field: rules.problem_message(rules.PHONE_INVALID, value=phone)})
    return normalize_whatsapp(phone)


def trail_name(user) -> str:
    """How the audit trail names a person acted on: their full name, or their account number.

    Never `str(user)`, which falls back to the e-mail address: the trail holds no personal contact
    data (`core.audit`), and the user's id stored beside it says who the person is."""
    return user.full_name or f"#{user.pk}"


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
