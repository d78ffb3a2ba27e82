"""Finding records that are probably the same cooperative or business (pure: no Django).

Comparing every pair of a million rows is impossible, so records are first grouped into blocks
that a duplicate almost surely shares — the same kecamatan and the consonants of the first
distinctive word of the name ("Keripik" and "Kripik" are both "krpk"), the same kecamatan and
owner (first name and initial of the last), the same phone number, or the same owner NIK — and
only pairs inside a block are scored.

The score starts from how alike the names are and then weighs the evidence about identity:

- the name counts by its weakest distinctive word: "Warung Sembako Ibu Ratna" and "Warung Sembako
  Ibu Eti" share most letters but name two businesses, while "Kripik Singkong Ibu Imas" and
  "Keripik Singkong Bu Imas 2" differ only in spelling, honorifics and an added word;
- the same NIB / NIK Koperasi, owner NIK or phone is strong evidence of one business; two
  different NIBs or owner NIKs are decisive evidence of two (an owner has one NIK);
- a different owner name or address counts heavily against, since two businesses in one
  kecamatan often carry the same product-and-village name ("Opak Cibuluh") but rarely the same
  owner at the same address.

On synthetic registries with 1 % re-registered businesses (tests/test_matching_quality.py) this
finds every planted pair with a precision above 0.99, also at a million rows across Jawa Barat.

Each part is kept in `reasons` so the review page can say why two records were paired.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

# Words that say what kind of business a name is, or how its owner is addressed, not which one
# it is: they make no block and do not count as a distinguishing word.
GENERIC = frozenset(
    [
        "toko",
        "tk",
        "warung",
        "wr",
        "wrg",
        "kedai",
        "kios",
        "usaha",
        "ud",
        "cv",
        "pt",
        "koperasi",
        "kop",
        "ksp",
        "ksu",
        "kud",
        "kpri",
        "kopkar",
        "kopwan",
        "primkop",
        "kopontren",
        "serba",
        "simpan",
        "pinjam",
        "unit",
        "cabang",
        "bu",
        "ibu",
        "pak",
        "bapak",
        "bang",
        "mang",
        "teh",
        "kang",
        "aa",
        "ceu",
        "mbak",
        "mas",
        "haji",
        "hj",
        "h",
        "dan",
        "the",
    ]
)
THRESHOLD = 85.0
MAX_BLOCK = 400  # a block this large is a common word, not a signal; it is skipped, not compared
# A word of one name "appears" in the other when their spelling is this alike (keripik/kripik: 92).
_VOWELS = re.compile(r"[aeiou]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# Words every Indonesian address has: they say nothing about which place it is.
ADDRESS_GENERIC = frozenset(
    ["jl", "jln", "jalan", "gg", "gang", "kp", "kampung", "rt", "rw", "no", "nomor", "blok", "komp",
     "komplek", "kompleks", "perum", "dusun", "dsn", "desa", "kel", "kelurahan", "kec", "kecamatan",
     "kab", "kota", "dekat", "depan", "belakang", "samping", "sebelah"]
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Record:
    id: int
    name_key: str
    district: str
    regency: str = ""
    owner: str = ""
    address: str = ""
    phone: str = ""
    nik: str = ""
    number: str = ""  # NIB or NIK Koperasi


@dataclass(frozen=True)
class Pair:
    left: int
    right: int
    score: float
    reasons: dict = field(default_factory=dict)


# The word lists of a name, owner or address are asked for once per pair; caching them per string
# makes a block of n records cost n splits instead of n².
@lru_cache(maxsize=65536)
def distinctive_words(name_key: str) -> tuple[str, ...]:
    return tuple(w for w in name_key.split() if w not in GENERIC)


def first_word(name_key: str) -> str:
    for word in name_key.split():
        if word not in GENERIC and len(word) > 1:
            return word
    return name_key.split()[0] if name_key else ""


def skeleton(word: str) -> str:
    """The consonants of a word: spelling variants of Indonesian words mostly differ in vowels."""
    consonants = _VOWELS.sub("", word)
    return consonants or word


def _owner_key(owner: str) -> str:
    """First name and the initial of the last: "Hj. Imas Rahmawati" and "Imas R" share "imas r"."""
    words = _person_words(owner)
    if not words:
        return ""
    return words[0] + (" " + words[-1][0] if len(words) > 1 else "")


@lru_cache(maxsize=65536)
def _name_word(name_key: str) -> str:
    word = first_word(name_key)
    return skeleton(word) if word else ""


def block_keys(r: Record) -> tuple[tuple | None, ...]:
    """The record's block in each kind of block, in the order find_pairs compares them."""
    word = _name_word(r.name_key)
    return (
        ("name", r.district, word) if word and r.district else None,
        ("owner", r.district, _owner_key(r.owner)) if r.owner and r.district else None,
        ("phone", r.regency, r.phone) if r.phone else None,
        ("nik", r.nik) if r.nik else None,
    )


def blocks(records: Iterable[Record]) -> dict[tuple, list[Record]]:
    grouped: dict[tuple, list[Record]] = defaultdict(list)
    for r in records:
        for key in block_keys(r):
            if key is not None:
                grouped[key].append(r)
    return grouped


def _word_score(word: str, others: tuple[str, ...], cutoff: float = 0.0) -> float:
    """The best match of `word` among `others`, 0–100; below `cutoff` any value under it."""
    if word in others:
        return 100.0
    if len(word) == 1 and word.isalpha():  # an initial ("Imas R") matches any word it begins
        return 100.0 if any(o.startswith(word) for o in others) else 0.0
    best = 0.0
    for other in others:
        # rapidfuzz gives up (and answers 0) as soon as a ratio cannot reach the cutoff.
        ratio = fuzz.ratio(word, other, score_cutoff=cutoff)
        if ratio > best:
            best = ratio
    return best


def weakest_word(a: tuple[str, ...], b: tuple[str, ...], cutoff: float = 0.0) -> float:
    """How well every word of the shorter list appears in the longer: its worst-matched word.

    Extra words in the longer name ("2", "cabang", a village) do not count against; a word of
    the shorter name missing from the longer one does ("Ibu Ratna" against "Ibu Eti"). With a
    `cutoff`, a result below it is only known to be below it: the first word that cannot reach
    it ends the comparison.
    """
    if not a or not b:
        return 0.0
    if len(a) == len(b):
        # Neither is the shorter: both ways, so "RT 01/01" does not match "RT 01/12" through its
        # two ones.
        checks = [(w, b) for w in a] + [(w, a) for w in b]
    else:
        short, long = (a, b) if len(a) < len(b) else (b, a)
        checks = [(w, long) for w in short]
    worst = 100.0
    for word, others in checks:
        value = _word_score(word, others, cutoff)
        if value < worst:
            worst = value
            if worst < cutoff:
                break
    return worst


def name_similarity(a: str, b: str, cutoff: float = 0.0) -> float:
    """0–100; with `cutoff`, a value below it is only known to be below it."""
    words_a, words_b = distinctive_words(a), distinctive_words(b)
    if not words_a or not words_b:
        return fuzz.token_set_ratio(a, b, score_cutoff=cutoff)
    return weakest_word(words_a, words_b, cutoff)


@lru_cache(maxsize=65536)
def _person_words(name: str) -> tuple[str, ...]:
    return tuple(w for w in _NON_ALNUM.sub(" ", name.lower()).split() if w not in GENERIC)


def owner_similarity(a: str, b: str) -> float:
    """First name against first name, last against last: "Ratna Gunawan" is not "Ratna Supriatna".

    Comparing words crosswise would let "Ratna" find itself inside "Supriatna".
    """
    words_a, words_b = _person_words(a), _person_words(b)
    if len(words_a) < 2 or len(words_b) < 2:
        return weakest_word(words_a, words_b)
    last = max(_word_score(words_a[-1], (words_b[-1],)), _word_score(words_b[-1], (words_a[-1],)))
    return min(_word_score(words_a[0], (words_b[0],)), last)


@lru_cache(maxsize=65536)
def _address_words(address: str) -> tuple[str, ...]:
    words = []
    for word in _NON_ALNUM.sub(" ", address.lower()).split():
        if word in ADDRESS_GENERIC:
            continue
        # "RT 02/06" and "RT 2/6" are one place.
        words.append((word.lstrip("0") or "0") if word.isdigit() else word)
    return tuple(words)


def address_similarity(a: str, b: str) -> float:
    """Like names: every distinctive word (and RT/RW number) of the shorter address in the longer."""
    return weakest_word(_address_words(a), _address_words(b))


_KIND_ORDER = {"name": 0, "owner": 1, "phone": 2, "nik": 3}
# Points for and against, on top of the name's 0–100 (see score()).
SAME_NIK, OTHER_NIK = 10.0, -40.0
SAME_PHONE, OTHER_PHONE = 8.0, -15.0
OTHER_DISTRICT = -10.0
# The most any evidence after the name and the identifiers can still add (a matching address).
_MAX_LATER_GAIN = 5.0


def score(a: Record, b: Record, *, floor: float | None = None) -> tuple[float, dict]:
    """0–100 and the parts that made it.

    With `floor`, scoring stops as soon as the pair can no longer reach it; the value returned
    is then below `floor` and the reasons are incomplete (find_pairs drops such pairs anyway).
    """
    if a.number and b.number and a.number != b.number:
        # Two different NIBs / NIK Koperasi are two legal entities, however alike the names.
        return 0.0, {"number": "different"}
    reasons: dict = {}
    total = 0.0
    if a.nik and b.nik:
        if a.nik == b.nik:
            reasons["owner_nik"] = "same"
            total += SAME_NIK
        else:
            # A person has one NIK: two owners, so two businesses, whatever the names say.
            reasons["owner_nik"] = "different"
            total += OTHER_NIK
    if a.phone and b.phone:
        if a.phone == b.phone:
            reasons["phone"] = "same"
            total += SAME_PHONE
        else:
            # Owners change numbers, and an office may record a shop's or a relative's phone; still,
            # two records of one business mostly carry the same number, so another one counts
            # clearly against (an identifier agreeing elsewhere can outweigh it).
            reasons["phone"] = "different"
            total += OTHER_PHONE
    if a.district != b.district:
        reasons["district"] = "different"
        total += OTHER_DISTRICT
    if floor is not None and total + 100 + _MAX_LATER_GAIN < floor:
        return max(0.0, total), reasons  # even the same name could not make up for it
    same_number = bool(a.number) and a.number == b.number
    # What the name must reach for the pair to reach `floor`: the owner only takes away, the
    # address adds at most _MAX_LATER_GAIN. Below it the exact similarity does not matter.
    cutoff = max(0.0, floor - total - _MAX_LATER_GAIN) if floor is not None and not same_number else 0.0
    name = name_similarity(a.name_key, b.name_key, cutoff)
    reasons = {"name": round(name, 1), **reasons}
    if same_number:
        reasons["number"] = "same"
        name = max(name, 99.0)
    total += name
    if floor is not None and total + _MAX_LATER_GAIN < floor:
        return max(0.0, total), reasons
    if a.owner and b.owner:
        owner = owner_similarity(a.owner, b.owner)
        reasons["owner"] = round(owner, 1)
        # The same owner adds nothing (the name often carries the owner's first name already);
        # another owner counts heavily against.
        if owner < 90:
            total -= (90 - owner) * 1.5
        if floor is not None and total + _MAX_LATER_GAIN < floor:
            return max(0.0, total), reasons
    if a.address and b.address:
        address = address_similarity(a.address, b.address)
        reasons["address"] = round(address, 1)
        # A clearly different address (another kampung, another RT) counts even more against than
        # a different phone; the same address adds a little.
        total += max(-20.0, min(_MAX_LATER_GAIN, address - 75))
    return max(0.0, min(100.0, total)), reasons


def find_pairs(
    records: Iterable[Record],
    *,
    only: set[int] | None = None,
    threshold: float = THRESHOLD,
    progress: Callable[[int, int], None] | None = None,
) -> list[Pair]:
    """Scored pairs above `threshold`; with `only`, just pairs involving those ids (new rows).

    `progress(done, total)` is told about every hundredth of the blocks compared.
    """
    # One record per id (an import passes its new rows beside the stored ones, which may hold them).
    unique = {r.id: r for r in records}
    result: list[Pair] = []
    grouped = sorted(blocks(unique.values()).items(), key=lambda item: _KIND_ORDER[item[0][0]])
    # Two different owner NIKs cap a pair below the threshold, however alike the rest: such pairs
    # need no scoring.
    nik_veto = threshold > 100 + OTHER_NIK + SAME_PHONE + _MAX_LATER_GAIN
    oversized: set[tuple] = set()
    step = max(1, len(grouped) // 100)
    for number, (key, members) in enumerate(grouped, start=1):
        if progress is not None and (number % step == 0 or number == len(grouped)):
            progress(number, len(grouped))
        if len(members) > MAX_BLOCK:
            oversized.add(key)
        if len(members) < 2 or len(members) > MAX_BLOCK:
            continue
        kind = _KIND_ORDER[key[0]]
        for i, a in enumerate(members):
            earlier_a = block_keys(a)[:kind]
            for b in members[i + 1 :]:
                if only is not None and a.id not in only and b.id not in only:
                    continue
                if nik_veto and a.nik and b.nik and a.nik != b.nik:
                    continue
                # A pair sharing a block of an earlier kind was compared there already; this
                # replaces a set of every compared pair, which at a million rows would not fit.
                if kind and any(
                    k is not None and k == o and k not in oversized
                    for k, o in zip(earlier_a, block_keys(b), strict=False)
                ):
                    continue
                value, reasons = score(a, b, floor=threshold)
                if value >= threshold:
                    left, right = (a.id, b.id) if a.id < b.id else (b.id, a.id)
                    result.append(Pair(left=left, right=right, score=round(value, 2), reasons=reasons))
    result.sort(key=lambda p: (-p.score, p.left, p.right))
    return result
