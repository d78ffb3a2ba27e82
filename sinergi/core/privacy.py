"""Masking of personal data (UU PDP 27/2022): a person's NIK, phone, street address and e-mail.

What every slice shares, whichever door the data leaves by:

- `PERSONAL_FIELDS`: the field names that hold a person's data. The audit trail never stores their
  values (`core.audit`), and exports mask them unless the viewer's role needs them.
- The maskers, and with them the one written form of a masked value: "3271********0001",
  "6281******890", "******", "e***@example.com".
- `masked_form(field, value)`: whether a value is in that written form. The importer counts a cell
  as masked (and keeps what the registry has) only in that form and only in a column that a masked
  export marked as masked (`mark_masked_header`); anywhere else a "*" is an ordinary character.

Who may see a person's data unmasked is not decided here: each slice's presenter
(`accounts/privacy.py`, `registry/privacy.py`) decides it with `Reach.sees_personal_data_of`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

MASK_CHAR = "*"

# The field names that hold a person's data, wherever they appear: an UMKM owner's NIK, a member's
# NIK, the phone, street address and e-mail of a person (an UMKM's contact is its owner's own).
NIK_FIELDS = frozenset({"nik", "owner_nik"})
PHONE_FIELDS = frozenset({"phone", "owner_phone"})
ADDRESS_FIELDS = frozenset({"address", "owner_address"})
EMAIL_FIELDS = frozenset({"email", "owner_email"})
PERSONAL_FIELDS = NIK_FIELDS | PHONE_FIELDS | ADDRESS_FIELDS | EMAIL_FIELDS

# How a masked export marks the header of a masked column: "NIK Pemilik (tersamar)".
MASKED_HEADER_MARK = "(tersamar)"


def mask_nik(nik: str | None) -> str:
    """The first four digits (province and regency) and the last four (serial) stay readable."""
    if not nik:
        return ""
    nik = str(nik)
    if len(nik) <= 8:
        return MASK_CHAR * len(nik)
    return nik[:4] + MASK_CHAR * (len(nik) - 8) + nik[-4:]


def mask_phone(phone: str | None) -> str:
    if not phone:
        return ""
    phone = str(phone)
    if len(phone) <= 6:
        return MASK_CHAR * len(phone)
    return phone[:4] + MASK_CHAR * (len(phone) - 7) + phone[-3:]


def mask_address(address: str | None) -> str:
    """The street part of a person's address is hidden; the region is shown beside it anyway."""
    if not address:
        return ""
    return MASK_CHAR * 6


def mask_email(email: str | None) -> str:
    if not email or "@" not in email:
        return ""
    local, _, domain = email.partition("@")
    return (local[:1] + MASK_CHAR * max(1, len(local) - 1)) + "@" + domain


def masker(field: str) -> Callable[[str | None], str]:
    """The masker of a personal field (by its name)."""
    if field in PHONE_FIELDS:
        return mask_phone
    if field in ADDRESS_FIELDS:
        return mask_address
    if field in EMAIL_FIELDS:
        return mask_email
    return mask_nik


def mask(field: str, value) -> str:
    """`value` of the personal field `field`, masked ("" stays "")."""
    return masker(field)(None if value is None else str(value))


# The written forms of the maskers above, and nothing else.
_MASKED_FORMS = (
    (NIK_FIELDS, re.compile(r"^(?:\d{4}\*+\d{4}|\*{1,8})$")),
    (PHONE_FIELDS, re.compile(r"^(?:\d{4}\*+\d{3}|\*{1,6})$")),
    (ADDRESS_FIELDS, re.compile(r"^\*{6}$")),
    (EMAIL_FIELDS, re.compile(r"^[^@*\s]\*+@[^@\s]+$")),
)


def masked_form(field: str, value) -> bool:
    """Whether `value` is written the way this module masks the personal field `field`."""
    if not isinstance(value, str) or MASK_CHAR not in value:
        return False
    value = value.strip()
    return any(field in fields and pattern.match(value) for fields, pattern in _MASKED_FORMS)


def mark_masked_header(header: str) -> str:
    """The header of a masked column in a masked export: "NIK Pemilik (tersamar)"."""
    return f"{header} {MASKED_HEADER_MARK}"


def read_masked_header(header) -> tuple[str, bool]:
    """A sheet's header without the masked-export mark, and whether it carried one."""
    text = str(header or "").strip()
    if text.lower().endswith(MASKED_HEADER_MARK):
        return text[: -len(MASKED_HEADER_MARK)].strip(), True
    return text, False
