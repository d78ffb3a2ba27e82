"""What text may hold: one rule for every door that lets text in.

A NUL byte cannot be stored in PostgreSQL text at all (the database refuses the whole statement).
The other control characters have no place in a name, a number or an address either. Bidi
overrides make a name read differently from what is stored ("Trojan Source", CVE-2021-42574), and
zero-width characters make two names that look the same differ, or hide a break inside an NIK.
`text_problem` judges a value; the forms and query strings (through `TextGuardMiddleware`), the
API schemas (`core.schemas`) and the sheet cells (`registry.cells`) all ask it, and word its code
with `problem_message` (or `problem_texts` for import reports, which show both languages).

Tab and line breaks are allowed only where text may span lines (an address box, a note), which
the door says with `multiline=True`. Everything else a person types is allowed: letters of any
script, accents, emoji, the non-breaking space.
"""

from __future__ import annotations

import re
from functools import cache

from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

# --- problem codes ------------------------------------------------------------------------------

TEXT_CONTROL = "text_control"
TEXT_LINE_BREAK = "text_line_break"
TEXT_BIDI = "text_bidi"
TEXT_INVISIBLE = "text_invisible"
TEXT_UNENCODABLE = "text_unencodable"

# --- the characters -----------------------------------------------------------------------------

# Tab, line feed and carriage return: the only control characters a multi-line text keeps
# (a browser sends a textarea's line breaks as CR LF).
LINE_BREAKS = "\t\n\r"
# C0 and C1 control characters and DEL, as ranges of a regular-expression character class.
CONTROLS = "\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f"
# Directional embeddings and overrides (LRE, RLE, PDF, LRO, RLO) and isolates (LRI, RLI, FSI, PDI).
BIDI = "\\u202a-\\u202e\\u2066-\\u2069"
# Zero-width space, non-joiner and joiner, and the byte-order mark (zero-width no-break space).
INVISIBLE = "\\u200b-\\u200d\\ufeff"

_FORBIDDEN = {
    False: re.compile(f"[{CONTROLS}\\t\\n\\r{BIDI}{INVISIBLE}\\ud800-\\udfff]"),
    True: re.compile(f"[{CONTROLS}{BIDI}{INVISIBLE}\\ud800-\\udfff]"),
}

# The same rule as a JSON-schema `pattern`, published on the API's text fields so a client sees
# what is refused. Surrogates are left out: a JSON document cannot carry a lone one as text.
SINGLE_LINE_PATTERN = f"^[^{CONTROLS}\\t\\n\\r{BIDI}{INVISIBLE}]*$"
MULTI_LINE_PATTERN = f"^[^{CONTROLS}{BIDI}{INVISIBLE}]*$"

# --- wording ------------------------------------------------------------------------------------

MESSAGES = {
    TEXT_CONTROL: _(
        "Teks mengandung karakter kendali yang tidak terlihat (%(char)s). Hapus karakter itu lalu coba lagi."
    ),
    TEXT_LINE_BREAK: _("Teks ini harus satu baris, tanpa baris baru atau tab (%(char)s)."),
    TEXT_BIDI: _(
        "Teks mengandung karakter pembalik arah tulisan (%(char)s) yang bisa menyamarkan isinya. "
        "Hapus karakter itu lalu coba lagi."
    ),
    TEXT_INVISIBLE: _(
        "Teks mengandung karakter tanpa lebar yang tidak terlihat (%(char)s). Hapus karakter itu lalu coba lagi."
    ),
    TEXT_UNENCODABLE: _("Teks mengandung karakter yang tidak sah (%(char)s)."),
}


def _offending(value: str, multiline: bool) -> str | None:
    """The first character of `value` the rule refuses, or None."""
    if value.isprintable():
        # Every refused character is unprintable to Python (categories Cc, Cf, Cs): this check
        # costs a fraction of the search and lets the usual, clean value through at once.
        return None
    match = _FORBIDDEN[multiline].search(value)
    return match.group() if match else None


def _code_of(char: str) -> str:
    point = ord(char)
    if char in LINE_BREAKS:
        return TEXT_LINE_BREAK
    if 0x202A <= point <= 0x202E or 0x2066 <= point <= 0x2069:
        return TEXT_BIDI
    if 0x200B <= point <= 0x200D or point == 0xFEFF:
        return TEXT_INVISIBLE
    if 0xD800 <= point <= 0xDFFF:
        return TEXT_UNENCODABLE
    return TEXT_CONTROL


def text_problem(value: str, *, multiline: bool = False) -> str | None:
    """The problem of a text value, or None: a control character (tab and line breaks only where
    `multiline`), a bidi override or isolate, a zero-width character, or a lone surrogate."""
    char = _offending(value, multiline)
    return None if char is None else _code_of(char)


def _params(value: str, multiline: bool) -> dict:
    char = _offending(value, multiline)
    return {"char": f"U+{ord(char):04X}" if char else ""}


def problem_message(code: str, *, value: str, multiline: bool = False) -> str:
    """The problem in the active language, naming the refused character by its code point."""
    return str(MESSAGES[code]) % _params(value, multiline)


@cache
def _templates(code: str) -> tuple[str, str]:
    with override("id"):
        indonesian = str(MESSAGES[code])
    with override("en"):
        english = str(MESSAGES[code])
    return indonesian, english


def problem_texts(code: str, *, value: str, multiline: bool = False) -> tuple[str, str]:
    """The problem in Indonesian and in English, for import reports that show both."""
    indonesian, english = _templates(code)
    params = _params(value, multiline)
    return indonesian % params, english % params


def first_text_problem(values, *, multiline: bool = False) -> tuple[str, str, str] | None:
    """(name, code, message) of the first of `values` (name, text) pairs that breaks the rule."""
    for name, value in values:
        code = text_problem(value, multiline=multiline)
        if code:
            return name, code, problem_message(code, value=value, multiline=multiline)
    return None
