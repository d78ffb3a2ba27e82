"""Phone numbers in the WhatsApp form (62…), through lokal-id.

Kept in core because notifications build WhatsApp links with it and every slice stores phones
in this form; `sinergi.regions.phones` offers the same functions to the slices above regions.
"""

from __future__ import annotations

from lokal import parse_phone


class PhoneError(ValueError):
    """Not an Indonesian phone number."""


def normalize_whatsapp(raw: str | None) -> str | None:
    """'0812-3456-7890' → '6281234567890'; None for empty or invalid input."""
    if raw is None:
        return None
    text = str(raw).strip()
    if not text:
        return None
    if text.endswith(".0"):  # a number typed into a spreadsheet cell and read back as a float
        text = text[:-2]
    info = parse_phone(text)
    if not info.valid:
        return None
    # Mobiles come back in WhatsApp form; landlines (offices often have one) in the same
    # international digits, which WhatsApp Business also accepts.
    return info.whatsapp or (info.e164 or "").lstrip("+") or None


def clean_whatsapp(raw: str | None) -> str:
    """Normalised number, '' for empty input; raises PhoneError for a malformed one."""
    if raw is None or not str(raw).strip():
        return ""
    number = normalize_whatsapp(raw)
    if number is None:
        raise PhoneError(str(raw))
    return number


def display_phone(number: str | None) -> str:
    """'6281234567890' → '0812-3456-7890' for people reading it."""
    if not number:
        return ""
    info = parse_phone(number)
    return info.national or number
