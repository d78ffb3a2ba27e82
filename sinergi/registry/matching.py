"""Finding records that are probably the same cooperative or business (pure: no Django).

Comparing every pair of a million rows is impossible, so records are first grouped into blocks
that a duplicate almost surely shares, and only pairs inside a block are scored. A record sits in
one block of each kind:

- the kecamatan and the consonants of the first distinctive word of the name ("Keripik" and
  "Kripik" are both "krpk");
- the kecamatan and the owner (first name and initial of the last);
- the regency and the legal-entity number: old local numbers (`518/13/BH/PERINDAGKOP`) repeat
  across cooperatives and years, so the number alone proves nothing, but it brings together two
  records whose names start differently ("Koperasi Tani Sri Rejeki" and "Kop. Sri Rejeki");
- the kecamatan and the address (its first distinctive word and first number: "Jl. Pasir Mulia
  No. 5" and "Jalan Pasir Mulya 5, RT 02/03" are both "psr mly 5");
- the phone number, and the owner NIK.

Names are compared by their distinctive words. Words that say what kind of business or
cooperative a name is ("Koperasi", "KSP", "Kopkar", "Koperasi Serba Usaha", "Konsumen",
"Pegawai", "Primer" …) or how its owner is addressed ("Bu", "Kang") are generic: "Koperasi
Konsumen Pasir Mulia Sejahtera" and "KSU Pasir Mulia Sejahtera" both come down to "pasir mulia
sejahtera". Old spelling (ejaan lama: "Sedjahtera", "Rahajoe", "Tjahaja") is read as today's.

The score starts from how alike the names are and then weighs the evidence about identity:

- the name counts by its weakest distinctive word: "Warung Sembako Ibu Ratna" and "Warung Sembako
  Ibu Eti" share most letters but name two businesses, while "Kripik Singkong Ibu Imas" and
  "Keripik Singkong Bu Imas 2" differ only in spelling, honorifics and an added word;
- the same NIB / NIK Koperasi, owner NIK or phone is strong evidence of one business; two
  different NIBs, NIK Koperasi or owner NIKs are decisive evidence of two (an owner has one NIK);
- the same legal-entity number counts for, a different one a little against (numbers are
  rewritten and amended in the lists, so a difference is weak evidence);
- a primary cooperative and a secondary one (PKPRI, Puskud, Inkop …) are two bodies, however
  alike their names ("PKPRI Kota Bogor" is the union of the "KPRI Kota Bogor" and its peers);
- a different owner name or address counts heavily against, since two businesses in one
  kecamatan often carry the same product-and-village name ("Opak Cibuluh") and two cooperatives
  the same brand ("KSP Mekar Jaya", "KUD Mekar Jaya"), but rarely at the same address.

On synthetic registries with 1 % re-registered businesses and cooperatives
(tests/test_matching_quality.py) this finds the planted pairs with a precision and recall above
0.95; bench/README.md has the figures at scale.

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
        "toko", "tk", "warung", "wr", "wrg", "kedai", "kios", "usaha", "ud", "cv", "pt", "unit",
        "cabang", "dan", "the",
        # how an owner is addressed
        "bu", "ibu", "pak", "bapak", "bang", "mang", "teh", "kang", "aa", "ceu", "mbak", "mas", "haji",
        "hj", "h",
        # a cooperative's type, group or form (UU 25/1992; the ministry's Kelompok and Bentuk)
        "koperasi", "koprasi", "kop", "kopkar", "kopeg", "kopwan", "koptan", "kopti", "kopma", "kopsis",
        "kopontren", "ponpes", "koppas", "kopdit", "kospin", "primkop", "primkopad", "primkopal",
        "primkopau", "primkoppol", "primer", "kpri", "kpn", "kud", "ksp", "kspps", "ksps", "ksu", "kjks",
        "kjk", "ujks", "usp", "uspps", "kbmt", "bmt", "konsumen", "produsen", "pemasaran", "pegawai",
        "karyawan", "wanita", "serba", "simpan", "pinjam", "syariah", "pembiayaan", "kdmp", "kkmp",
        # a secondary cooperative (see SECONDARY)
        "pkpri", "pkpn", "puskud", "puskop", "puskopdit", "puskopsyah", "inkop", "inkud", "inkopdit",
        "gkpri", "gabkop", "sekunder",
    ]
)  # fmt: skip
# Names of a secondary cooperative (koperasi sekunder: a union of primary cooperatives).
SECONDARY = frozenset(
    ["pkpri", "pkpn", "puskud", "puskop", "puskopdit", "puskopsyah", "inkop", "inkud", "inkopdit",
     "gkpri", "gabkop", "sekunder"]
)  # fmt: skip
# The group a cooperative's members come from, where its name says it (Kelompok Koperasi): a
# Kopkar and a KPRI of the same name are two cooperatives. The business type (KSP, KSU, Konsumen)
# tells less: cooperatives change it, and a KSU also lends.
GROUPS = {
    "kopkar": "karyawan", "karyawan": "karyawan", "kopeg": "pegawai", "pegawai": "pegawai",
    "kpri": "pegawai", "kpn": "pegawai", "kopwan": "wanita", "wanita": "wanita", "kud": "desa",
    "kopontren": "pesantren", "ponpes": "pesantren", "koptan": "tani", "koppas": "pasar",
    "kopma": "mahasiswa", "kopsis": "sekolah", "primkopad": "tni", "primkopal": "tni",
    "primkopau": "tni", "primkoppol": "polri", "kdmp": "desa", "kkmp": "kelurahan",
}  # fmt: skip
# Types and groups spelt out in full, read as their abbreviation before the words are looked at:
# "Koperasi Unit Desa Mekar" is "KUD Mekar" (while "desa" alone stays a word of the name), and the
# village cooperatives of 2025 are named "Koperasi Desa Merah Putih <desa>".
_PHRASES = {
    "unit desa": "kud",
    "pegawai republik indonesia": "kpri",
    "pegawai negeri sipil": "kpn",
    "pegawai negeri": "kpn",
    "baitul maal wat tamwil": "bmt",
    "baitul mal wat tamwil": "bmt",
    "baitul maal wa tamwil": "bmt",
    "baitul mal wa tamwil": "bmt",
    "baitul maal wattamwil": "bmt",
    "jasa keuangan syariah": "kjks",
    "pondok pesantren": "kopontren",
    "pedagang pasar": "koppas",
    "koperasi tani": "koptan",
    "kop tani": "koptan",
    "desa merah putih": "kdmp",
    "kelurahan merah putih": "kkmp",
    "pusat koperasi": "puskop",
    "induk koperasi": "inkop",
    "gabungan koperasi": "gabkop",
}
_PHRASE = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, _PHRASES), key=len, reverse=True)) + r")\b")
# Ejaan lama next to today's spelling: "dj" was written for "j", "tj" for "c", "oe" for "u", and
# "j" for "y". Both are read into one form, so "Djaja" and "Jaya" are both "jaja".
_OLD_SPELLING = re.compile(r"dj|tj|oe|y")
_TODAY = {"dj": "j", "tj": "c", "oe": "u", "y": "j"}
_GENERIC_TODAY = frozenset(_OLD_SPELLING.sub(lambda m: _TODAY[m.group()], w) for w in GENERIC)
THRESHOLD = 85.0
MAX_BLOCK = 400  # a block this large is a common word, not a signal; it is skipped, not compared
_VOWELS = re.compile(r"[aeiou]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# Words every Indonesian address has: they say nothing about which place it is.
ADDRESS_GENERIC = frozenset(
    ["jl", "jln", "jalan", "raya", "gg", "gang", "kp", "kampung", "rt", "rw", "no", "nomor", "blok", "komp",
     "komplek", "kompleks", "perum", "dusun", "dsn", "desa", "ds", "kel", "kelurahan", "kec", "kecamatan",
     "kab", "kota", "lingkungan", "lingk", "kav", "kavling", "gedung", "gd", "lantai", "lt", "kantor",
     "sekretariat", "dekat", "depan", "belakang", "samping", "sebelah"]
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
    legal: str = ""  # a cooperative's legal-entity number, as keys.legal_match_key reads it
    legal_date: str = ""  # and the date of its legal entity (ISO)


@dataclass(frozen=True)
class Pair:
    left: int
    right: int
    score: float
    reasons: dict = field(default_factory=dict)


def _today_spelling(word: str) -> str:
    return _OLD_SPELLING.sub(lambda m: _TODAY[m.group()], word)


# The word lists of a name, owner or address are asked for once per pair; caching them per string
# makes a block of n records cost n splits instead of n².
@lru_cache(maxsize=65536)
def distinctive_words(name_key: str) -> tuple[str, ...]:
    """The words of a name that tell it apart, in today's spelling ("KUD Sedjahtera" → sejahtera)."""
    text = _PHRASE.sub(lambda m: _PHRASES[m.group()], name_key)
    words = (
        (w.lstrip("0") or "0") if w.isdigit() else _today_spelling(w)
        for w in text.split()
        if w not in GENERIC
    )
    return tuple(w for w in words if w not in _GENERIC_TODAY)  # "Simpan Pindjam" is generic too


@lru_cache(maxsize=65536)
def _type_words(name_key: str) -> tuple[bool, frozenset[str]]:
    """Whether the name is a secondary cooperative's (PKPRI, Puskud …), and the groups it names."""
    words = _PHRASE.sub(lambda m: _PHRASES[m.group()], name_key).split()
    return any(w in SECONDARY for w in words), frozenset(GROUPS[w] for w in words if w in GROUPS)


def first_word(name_key: str) -> str:
    for word in distinctive_words(name_key):
        if len(word) > 1:
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


@lru_cache(maxsize=65536)
def address_key(address: str) -> str:
    """The first distinctive word of an address (its consonants) and its first number.

    "Jl. Pasir Mulia No. 5" and "Jalan Pasir Mulya 5, RT 02/03" are both "psr 5"; an address
    without a distinctive word ("RT 02/03") has none.
    """
    words = _address_words(address)
    word = next((w for w in words if len(w) > 1 and not w.isdigit()), "")
    if not word:
        return ""
    number = next((w for w in words if w.isdigit()), "")
    return f"{skeleton(word)} {number}".strip()


def block_keys(r: Record) -> tuple[tuple | None, ...]:
    """The record's block in each kind of block, in the order find_pairs compares them."""
    word = _name_word(r.name_key)
    place = address_key(r.address) if r.address and r.district else ""
    return (
        ("name", r.district, word) if word and r.district else None,
        ("owner", r.district, _owner_key(r.owner)) if r.owner and r.district else None,
        ("legal", r.regency, r.legal) if r.legal else None,
        ("address", r.district, place) if place else None,
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
    if word.isdigit():  # house 130 is not house 143, nor SMAN 1 SMAN 12
        return 0.0
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
    if not words_a and not words_b:
        return fuzz.token_set_ratio(a, b, score_cutoff=cutoff)
    if not words_a or not words_b:
        # A name of generic words only ("KUD", "Toko") says nothing of which one it is: it is not
        # contained in every name that starts the same way.
        return fuzz.ratio(a, b, score_cutoff=cutoff)
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
        # "RT 02/06" and "RT 2/6" are one place, and "Jl. Djuanda" is "Jl. Juanda".
        words.append((word.lstrip("0") or "0") if word.isdigit() else _today_spelling(word))
    return tuple(words)


def address_similarity(a: str, b: str) -> float:
    """Like names: every distinctive word (and RT/RW number) of the shorter address in the longer."""
    return weakest_word(_address_words(a), _address_words(b))


_KIND_ORDER = {"name": 0, "owner": 1, "legal": 2, "address": 3, "phone": 4, "nik": 5}
# Points for and against, on top of the name's 0–100 (see score()).
SAME_NIK, OTHER_NIK = 10.0, -40.0
SAME_PHONE, OTHER_PHONE = 8.0, -15.0
SAME_LEGAL, OTHER_LEGAL = 10.0, -5.0
SAME_LEGAL_DATE, OTHER_LEGAL_DATE = 5.0, -15.0
OTHER_TIER, OTHER_GROUP = -30.0, -20.0
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
    if a.legal and b.legal:
        if a.legal == b.legal:
            # Old local numbers were issued again to other cooperatives: evidence, not proof.
            reasons["legal"] = "same"
            total += SAME_LEGAL
        else:
            # Lists carry the founding number or an amendment's, typed in many ways: a different
            # number only leans against.
            reasons["legal"] = "different"
            total += OTHER_LEGAL
    if a.legal_date and b.legal_date:
        # Two cooperatives of one name rarely got their legal entity on the same day; a repeated
        # old number with another date is another cooperative.
        if a.legal_date == b.legal_date:
            reasons["legal_date"] = "same"
            total += SAME_LEGAL_DATE
        else:
            reasons["legal_date"] = "different"
            total += OTHER_LEGAL_DATE
    secondary_a, groups_a = _type_words(a.name_key)
    secondary_b, groups_b = _type_words(b.name_key)
    if secondary_a != secondary_b:
        # A secondary cooperative is the union of primary ones, not one of them.
        reasons["tier"] = "different"
        total += OTHER_TIER
    if groups_a and groups_b and not groups_a & groups_b:
        reasons["group"] = "different"
        total += OTHER_GROUP
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
    nik_veto = threshold > 100 + OTHER_NIK + SAME_PHONE + SAME_LEGAL + SAME_LEGAL_DATE + _MAX_LATER_GAIN
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
        # The blocks of earlier kinds each member is in (blocks are compared kind by kind).
        earlier = [block_keys(m)[:kind] for m in members] if kind else None
        for i, a in enumerate(members):
            for j in range(i + 1, len(members)):
                b = members[j]
                if only is not None and a.id not in only and b.id not in only:
                    continue
                if nik_veto and a.nik and b.nik and a.nik != b.nik:
                    continue
                # A pair sharing a block of an earlier kind was compared there already; this
                # replaces a set of every compared pair, which at a million rows would not fit.
                if earlier is not None and any(
                    k is not None and k == o and k not in oversized
                    for k, o in zip(earlier[i], earlier[j], strict=True)
                ):
                    continue
                value, reasons = score(a, b, floor=threshold)
                if value >= threshold:
                    left, right = (a.id, b.id) if a.id < b.id else (b.id, a.id)
                    result.append(Pair(left=left, right=right, score=round(value, 2), reasons=reasons))
    result.sort(key=lambda p: (-p.score, p.left, p.right))
    return result
