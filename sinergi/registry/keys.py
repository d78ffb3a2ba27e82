"""Natural keys: the normalised forms two spellings of the same name share."""

from __future__ import annotations

import re
import unicodedata

from sinergi.registry.cells import is_placeholder

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def name_key(name: str | None) -> str:
    """'Keripik Talas  Bu Euis.' and 'KERIPIK TALAS BU EUIS' → 'keripik talas bu euis'."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " dan ")
    return _NON_ALNUM.sub(" ", text).strip()[:200]


def legal_key(number: str | None) -> str:
    """'518 / BH / xiii.4/1998' → '518/BH/XIII.4/1998': a legal-entity number without its spacing.

    A placeholder ("-", "belum ada", `cells.is_placeholder`) is no number: its key is empty, so it
    never matches or pairs two cooperatives."""
    if is_placeholder(number):
        return ""
    return "".join(str(number or "").upper().split())[:100]


_LEGAL_PARTS = re.compile(r"[0-9]+|[A-Z]+")
_LEGAL_FILLER = frozenset(["NO", "NOMOR", "NOMER"])


def legal_match_key(number: str | None) -> str:
    """A legal-entity number as duplicate matching reads it, looser than `legal_key`.

    Lists write one number many ways: "518/BH/XIII/1998", "No. 518/BH/XIII/98", "518.BH.XIII.1998"
    are all "518/BH/XIII/98" (leading zeros dropped, a year by its last two digits). The number
    stays a hint, not an identity: old local numbers were issued to more than one cooperative.
    """
    parts = []
    for part in _LEGAL_PARTS.findall(str(number or "").upper()):
        if part in _LEGAL_FILLER and not parts:
            continue
        if part.isdigit():
            part = part[2:] if len(part) == 4 and part[:2] in ("19", "20") else part
            part = part.lstrip("0") or "0"
        parts.append(part)
    return "/".join(parts)[:100] if any(p.isdigit() and p != "0" for p in parts) else ""
