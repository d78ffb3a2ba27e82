"""Natural keys: the normalised forms two spellings of the same name share."""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def name_key(name: str | None) -> str:
    """'Keripik Talas  Bu Euis.' and 'KERIPIK TALAS BU EUIS' → 'keripik talas bu euis'."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " dan ")
    return _NON_ALNUM.sub(" ", text).strip()[:200]


def legal_key(number: str | None) -> str:
    """'518 / BH / xiii.4/1998' → '518/BH/XIII.4/1998': a legal-entity number without its spacing."""
    return "".join(str(number or "").upper().split())[:100]
