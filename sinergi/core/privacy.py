"""Masking of personal data (UU PDP 27/2022): a person's NIK, phone and street address.

Masked values keep enough to recognise a record ("3271********0001") and are marked with "*",
which importers treat as "not given" so a masked export never overwrites real data.
"""

from __future__ import annotations

MASK_CHAR = "*"


def is_masked(value: str | None) -> bool:
    return bool(value) and MASK_CHAR in str(value)


def mask_nik(nik: str | None) -> str:
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
