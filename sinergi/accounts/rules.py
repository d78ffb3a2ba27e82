"""Contact rules shared by every slice that stores a phone number or an e-mail address.

An organisation's contacts (the organisation pages, the organisations API), a person's own (sign-up,
profile, invitations) and a cooperative's or business's in the registry (its pages, API, sheets and
commands) are judged by the same two functions, each returning a problem code or None.
`problem_message(code, value=…)` words a code in the active language; the registry's rules word
these codes with the same catalogue entries.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

from sinergi.core.phones import normalize_whatsapp

PHONE_INVALID = "phone_invalid"
EMAIL_INVALID = "email_invalid"

MESSAGES = {
    PHONE_INVALID: _("Nomor telepon tidak valid: %(value)s"),
    EMAIL_INVALID: _("Alamat e-mail tidak valid: %(value)s"),
}

# The longest address a mail server accepts in a path (RFC 5321).
EMAIL_MAX_LENGTH = 254

# A lower-case address: a dot-atom local part, host labels of letters, digits and inner hyphens,
# and a top-level domain of letters (or an internationalised one in its punycode form). Every
# address this accepts, Django's own EmailValidator (run by the models' EmailField) accepts too,
# so a value the rule lets through is never refused later with another reason.
_ATOM = r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_TLD = r"(?:[a-z](?:[a-z-]{0,61}[a-z])|xn--[a-z0-9]{1,59})"
_EMAIL = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@(?:{_LABEL}\.)+{_TLD}")


def phone_problem(value: str) -> str | None:
    """An Indonesian phone number that WhatsApp can reach (mobile or landline, via lokal-id)."""
    return None if normalize_whatsapp(value) is not None else PHONE_INVALID


def email_problem(value: str) -> str | None:
    """An e-mail address, judged in lower case and without surrounding spaces."""
    address = str(value or "").strip().lower()
    if len(address) > EMAIL_MAX_LENGTH or not _EMAIL.fullmatch(address):
        return EMAIL_INVALID
    return None


def problem_message(code: str, *, value=None) -> str:
    """The problem in the active language, quoting the value that has it."""
    return str(MESSAGES[code]) % {"value": "" if value is None else str(value)}
