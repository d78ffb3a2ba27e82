"""Reading one spreadsheet cell into one registry value, or a reason it cannot be read.

Each parser takes what a sheet holds (text, a number, a date) and returns the clean value or raises
`CellError` with the reason in Indonesian and English. Parsers are pure and cheap: an import of a
million rows calls them tens of millions of times, and caches the ones whose columns repeat.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import NamedTuple

from sinergi.core import text as text_rule
from sinergi.core.money import MoneyError, parse_money
from sinergi.regions.phones import normalize_whatsapp
from sinergi.registry import rules


class CellError(ValueError):
    def __init__(self, message_id: str, message_en: str):
        super().__init__(f"{message_id} / {message_en}")
        self.message_id = message_id
        self.message_en = message_en


def _refused(code: str, value) -> CellError:
    """A value the registry's rules refuse (`registry.rules`), worded as the services word it."""
    return CellError(*rules.problem_texts(code, value=value))


class Masked(Exception):  # noqa: N818 — a signal, not an error
    """The cell holds a masked value (from a masked export): keep what the registry has.

    Raised by the pipeline, not by the parsers: a value counts as masked only in a column that a
    masked export marked as masked, and only in the masker's own form (`core.privacy.masked_form`).
    Anywhere else a "*" is an ordinary character."""


class Blank(Exception):  # noqa: N818 — a signal, not an error
    """The cell holds a placeholder for "nothing" ("-", "0", "tidak ada", 0000-00-00): it is empty."""


class EmailInPhone(Exception):  # noqa: N818 — a signal, not an error
    """The phone cell holds an e-mail address: the row's e-mail, if its own cell is empty."""

    def __init__(self, address: str):
        super().__init__(address)
        self.address = address


# What offices type into a cell they have nothing for. Compared after lower-casing and collapsing
# spaces; a cell of only dashes, dots or zeros is one too (`is_placeholder`).
PLACEHOLDERS = frozenset(
    ["n/a", "n.a", "n.a.", "na", "tidak ada", "tdk ada", "belum ada", "blm ada", "belum punya", "tidak punya",
     "kosong", "nihil", "none", "null", "nil"]
)  # fmt: skip
_PLACEHOLDER_MARKS = re.compile(r"^[\s\-–—.0]+$")
_PLACEHOLDER_MARKS_BUT_ZERO = re.compile(r"^[\s\-–—.]+$")
_PLACEHOLDER_INITIALS = frozenset(word[0] for word in PLACEHOLDERS) | frozenset(
    word[0].upper() for word in PLACEHOLDERS
)
_PLACEHOLDER_LONGEST = max(len(word) for word in PLACEHOLDERS) + 5  # room for doubled spaces


def is_placeholder(value, *, zero: bool = True) -> bool:
    """True for a cell that means "nothing here": "-", "0", "n/a", "Tidak Ada", " belum  ada ".

    The one rule of what a sheet's cell holds when it holds nothing, asked for every cell of every
    column before the column's reader (`importers.pipeline`), so a placeholder is simply empty: it
    never overwrites a stored value, is never stored, never acts as a matching key and says nothing
    worth a warning. With `zero=False` (counts and amounts, where 0 is a number: `reads_zero`) a
    zero is a value; marks and words are still placeholders.
    """
    if type(value) is str:
        # Asked of tens of millions of cells: numbers, dates and long text are told apart at once.
        if "1" <= value[:1] <= "9":
            return False
        raw = value.strip()
        first = raw[:1]
        if first in ("-", "–", "—", ".", "0"):
            if "1" <= raw[1:2] <= "9":
                return False  # a phone number or a date: 0812…, 02/04/2022
            return bool((_PLACEHOLDER_MARKS if zero else _PLACEHOLDER_MARKS_BUT_ZERO).match(raw))
        if first not in _PLACEHOLDER_INITIALS or len(raw) > _PLACEHOLDER_LONGEST:
            return False
        lowered = raw.lower()
        return lowered in PLACEHOLDERS or " ".join(lowered.split()) in PLACEHOLDERS
    if isinstance(value, int | float) and not isinstance(value, bool):
        return zero and value == 0
    return False


_SPACE = re.compile(r"\s+")


def text(value) -> str:
    """A cell as one line of text, its runs of white space (line breaks in a cell too) made one
    space. A character the text rule refuses (`core.text`: NUL and other control characters, bidi
    overrides, zero-width characters) refuses the cell, as the pages and the API refuse it."""
    if (
        type(value) is str
        and "  " not in value
        and value == value.strip()
        and "\n" not in value
        and "\t" not in value
    ):
        clean = value  # already clean: the common case
    elif value is None:
        return ""
    else:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        clean = _SPACE.sub(" ", str(value)).strip()
    problem = text_rule.text_problem(clean)
    if problem:
        raise CellError(*text_rule.problem_texts(problem, value=clean))
    return clean


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _number_as_text(value, what: str) -> str:
    """Identity numbers must be text: a sheet that stored them as numbers has lost digits."""
    if isinstance(value, float):
        raise CellError(
            f"{what} tersimpan sebagai angka di Excel sehingga digit terakhir bisa hilang; format kolom sebagai teks",
            f"{what} is stored as a number in Excel, so trailing digits may be lost; format the column as text",
        )
    return rules.digits_of(text(value))


def nik(value) -> str:
    """A person's 16-digit NIK with a real region and birth date (`rules.nik_problem`)."""
    if type(value) is str and len(value) == 16 and value.isdigit():  # the usual, clean cell
        problem = rules.nik_problem(value)
        if problem is None:
            return value
        raise _refused(problem, value)
    if is_placeholder(value):
        raise Blank
    raw = text(value)
    digits = _number_as_text(value, "NIK")
    problem = rules.nik_problem(digits)
    if problem:
        raise _refused(problem, raw)
    return digits


def nib(value) -> str:
    """Nomor Induk Berusaha: 13 digits (OSS RBA)."""
    if is_placeholder(value):
        raise Blank
    raw = text(value)
    digits = _number_as_text(value, "NIB")
    problem = rules.nib_problem(digits)
    if problem:
        raise _refused(problem, raw)
    return digits


def nik_koperasi(value) -> str:
    """Nomor Induk Koperasi from the ministry's ODS: digits only, 10 to 20 of them
    (`rules.nik_koperasi_problem`)."""
    if is_placeholder(value):
        raise Blank
    raw = text(value)
    digits = _number_as_text(value, "NIK Koperasi")
    problem = rules.nik_koperasi_problem(digits)
    if problem:
        raise _refused(problem, raw)
    return digits


_MOBILE = re.compile(r"^(?:\+?62|0)(8\d{8,11})$")
_PHONE_NOISE = re.compile(r"[\s\-().]")


# Between two numbers in one cell: "0812…, 0813…", "0812… / 0856…", "0812… atau 0856…".
_PHONE_SEPARATORS = re.compile(r"[,;/|&\n]|\s(?:atau|dan|or)\s", re.IGNORECASE)


def phone(value) -> str:
    """A phone number in WhatsApp form (62…). Of several numbers in one cell, the first valid one."""
    if type(value) is str:
        match = _MOBILE.match(_PHONE_NOISE.sub("", value))
        if match:  # a mobile number, the common case: 62 + the number without its leading 0
            return "62" + match.group(1)
    if is_placeholder(value):
        raise Blank
    raw = text(value)
    if "@" in raw:
        try:
            raise EmailInPhone(email(raw))
        except CellError:
            pass
    problem = rules.phone_problem(raw)
    if problem is None:
        return normalize_whatsapp(raw)
    if _PHONE_SEPARATORS.search(raw):
        for part in _PHONE_SEPARATORS.split(raw):
            if part.strip() and rules.phone_problem(part.strip()) is None:
                return normalize_whatsapp(part.strip())
    raise _refused(problem, raw)


_EMAIL = re.compile(r"^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+$")


def email(value) -> str:
    """An e-mail address, lower-cased."""
    if is_placeholder(value):
        raise Blank
    raw = text(value)
    address = raw.lower().removeprefix("mailto:")
    problem = rules.email_problem(address)
    if problem:
        raise _refused(problem, raw)
    return address


def money(value) -> Decimal:
    if type(value) is str and value.isdigit() and len(value) < 16:  # plain digits: no parsing needed
        return Decimal(value)
    try:
        amount = parse_money(value)
    except MoneyError:
        raise _refused(rules.MONEY_INVALID, text(value)) from None
    if amount is None:
        raise CellError("Nilai uang kosong", "Empty amount")
    if isinstance(value, float) and abs(amount) < rules.MONEY_LIMIT:
        # A spreadsheet number carries binary noise beyond the sen it shows (0.1 + 0.2).
        amount = amount.quantize(_SEN)
    problem = rules.money_problem(amount)
    if problem:
        raise _refused(problem, text(value))
    return amount


_SEN = Decimal("0.01")


# A whole number as offices type it: plain digits, or thousands in groups of three separated by
# dots (Indonesian) or commas (English) used alike throughout: 1.250, 1,250, 12.500.000. A leading
# minus is read, so that the field's range rule refuses the number with its own reason.
_WHOLE = re.compile(r"^[-−]?(?:\d+|\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+)$")


def count(value) -> int:
    """A whole number. Its plausible range depends on the column (members, workers): the importer
    judges it with the field's rule (`rules.field_problem`), as the services do, so "-5" is refused
    for the same reason as through the API. "1.5" and "12,5" are not whole numbers (not 15, 125)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise _refused(rules.WHOLE_NUMBER, text(value))
    raw = text(value)
    if not _WHOLE.match(raw):
        raise _refused(rules.WHOLE_NUMBER, text(value))
    number = int(raw.lstrip("-−").replace(".", "").replace(",", ""))
    return -number if raw[:1] in ("-", "−") else number


def reads_zero(parse) -> bool:
    """Whether `parse` reads counts or amounts, where 0 is a number, not a placeholder."""
    return parse in (count, money)


_MONTHS = {
    "jan": 1, "januari": 1, "january": 1, "feb": 2, "februari": 2, "february": 2, "peb": 2, "pebruari": 2,
    "mar": 3, "maret": 3, "march": 3, "apr": 4, "april": 4, "mei": 5, "may": 5, "jun": 6, "juni": 6,
    "june": 6, "jul": 7, "juli": 7, "july": 7, "agu": 8, "agt": 8, "agus": 8, "agustus": 8, "aug": 8,
    "august": 8, "sep": 9, "sept": 9, "september": 9, "okt": 10, "oktober": 10, "oct": 10, "october": 10,
    "nov": 11, "nop": 11, "november": 11, "nopember": 11, "des": 12, "desember": 12, "dec": 12, "december": 12,
}  # fmt: skip
_DATE_NUMERIC = re.compile(r"^(\d{1,4})[/\-.](\d{1,2})[/\-.](\d{1,4})$")
_DATE_WORDS = re.compile(r"^(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_ZERO_DATE = re.compile(r"^0{1,4}[/\-.]0{1,2}[/\-.]0{1,4}(?:[ t]0{1,2}:0{1,2}(?::0{1,2})?)?$")


def date(value) -> dt.date:
    """Dates as offices write them: 2024-03-31, 31/03/2024, 31-3-2024, 31 Maret 2024, an Excel date.

    Every date a registry sheet holds has happened (legal entity, founding, RAT, joining):
    `rules.past_date_problem` refuses one before 1900 or in the future, as the services do."""
    if type(value) is str and len(value) == 10 and value[4] == "-":
        try:
            result = dt.date.fromisoformat(value)
        except ValueError:
            result = None
        if result is not None and rules.past_date_problem(result) is None:
            return result
    if isinstance(value, dt.datetime):
        result = value.date()
    elif isinstance(value, dt.date):
        result = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if 1900 <= value <= 2100 and float(value).is_integer():  # a year typed as a number
            return date(str(int(value)))
        # Otherwise an Excel serial day number (days since 1899-12-30), as CSV exports write them.
        if not 1 <= value <= 80000:
            raise CellError(f"Tanggal tidak dikenali: {value}", f"Unrecognised date: {value}")
        result = _EXCEL_EPOCH + dt.timedelta(days=int(value))
    else:
        raw = text(value).lower()
        if _ZERO_DATE.match(raw):
            raise Blank  # what some databases export for "no date": 0000-00-00, 00-00-0000
        result = _parse_date_text(raw)
        if result is None:
            raise CellError(f"Tanggal tidak dikenali: {text(value)}", f"Unrecognised date: {text(value)}")
    problem = rules.past_date_problem(result)
    if problem:
        raise _refused(problem, result)
    return result


def _parse_date_text(raw: str) -> dt.date | None:
    raw = raw.strip()
    if len(raw) >= 10 and raw[4] == "-" and raw[:4].isdigit():
        raw = raw[:10]
    match = _DATE_NUMERIC.match(raw)
    try:
        if match:
            a, b, c = match.groups()
            if len(a) == 4:  # year first: 2024-03-31
                return dt.date(int(a), int(b), int(c))
            if len(c) == 4:  # day first, as Indonesians write: 31/03/2024
                return dt.date(int(c), int(b), int(a))
            return None
        match = _DATE_WORDS.match(raw)
        if match and match.group(2) in _MONTHS:
            return dt.date(int(match.group(3)), _MONTHS[match.group(2)], int(match.group(1)))
        if raw.isdigit() and len(raw) == 4:  # only a year ("Tahun Berdiri: 2015") → 1 January
            return dt.date(int(raw), 1, 1)
    except ValueError:
        return None
    return None


def _as_typed(codes) -> str:
    """The accepted values as a person types them in a sheet ("tni polri", "belum tahu"), never the
    stored codes: each is itself a key the parser accepts."""
    return ", ".join(sorted({code.replace("_", " ") for code in codes}))


def choice(mapping: dict[str, str], label_id: str, label_en: str):
    """A parser for a closed list: the cell's normalised text must be one of `mapping`'s keys."""

    def parse(value) -> str:
        key = re.sub(r"[^a-z0-9]+", " ", text(value).lower()).strip()
        if key in mapping:
            return mapping[key]
        allowed = _as_typed(mapping.values())
        raise CellError(
            f"{label_id} tidak dikenal: {text(value)} (pilihan: {allowed})",
            f"Unknown {label_en}: {text(value)} (allowed: {allowed})",
        )

    parse.mapping = mapping
    return parse


def kbli(value) -> str:
    """One or more KBLI 2020 codes (`rules.kbli_codes`), as "10792,47111"."""
    raw = text(value)
    codes = rules.kbli_codes(raw)
    if codes is None:
        raise _refused(rules.KBLI_INVALID, raw)
    return codes


def name(value) -> str:
    raw = text(value)
    if len(raw) < 2:
        raise CellError(f"Nama terlalu pendek: {raw}", f"Name too short: {raw}")
    if len(raw) > 200:
        raise CellError("Nama lebih dari 200 karakter", "Name longer than 200 characters")
    return raw


def plain(max_length: int):
    def parse(value) -> str:
        raw = text(value)
        if len(raw) > max_length:
            raise CellError(
                f"Teks lebih dari {max_length} karakter", f"Text longer than {max_length} characters"
            )
        return raw

    return parse


GENDER = choice(
    {"l": "L", "laki laki": "L", "laki": "L", "pria": "L", "male": "L", "m": "L",
     "p": "P", "perempuan": "P", "wanita": "P", "female": "P", "f": "P", "w": "P"},
    "Jenis kelamin", "gender",
)  # fmt: skip
BUSINESS_STATUS = choice(
    {"aktif": "aktif", "active": "aktif", "tidak aktif": "tidak_aktif", "nonaktif": "tidak_aktif",
     "non aktif": "tidak_aktif", "tidak_aktif": "tidak_aktif", "inactive": "tidak_aktif", "tutup": "tutup",
     "closed": "tutup"},
    "Status", "status",
)  # fmt: skip
COOPERATIVE_STATUS = choice(
    {"aktif": "aktif", "active": "aktif", "tidak aktif": "tidak_aktif", "nonaktif": "tidak_aktif",
     "non aktif": "tidak_aktif", "pasif": "tidak_aktif", "inactive": "tidak_aktif", "dibekukan": "dibekukan",
     "beku": "dibekukan", "dibubarkan": "dibubarkan", "bubar": "dibubarkan", "belum diketahui": "belum_tahu",
     "tidak diketahui": "belum_tahu", "belum tahu": "belum_tahu", "belum_tahu": "belum_tahu"},
    "Status", "status",
)  # fmt: skip
MEMBER_STATUS = choice(
    {"aktif": "aktif", "active": "aktif", "keluar": "keluar", "berhenti": "keluar", "meninggal": "meninggal",
     "meninggal dunia": "meninggal"},
    "Status", "status",
)  # fmt: skip
COOPERATIVE_TYPES = choice(
    {"simpan pinjam": "simpan_pinjam", "ksp": "simpan_pinjam", "kspps": "simpan_pinjam",
     "simpan pinjam dan pembiayaan syariah": "simpan_pinjam", "konsumen": "konsumen", "produsen": "produsen",
     "pemasaran": "pemasaran", "jasa": "jasa", "serba usaha": "serba_usaha", "ksu": "serba_usaha",
     "simpan_pinjam": "simpan_pinjam", "serba_usaha": "serba_usaha", "simpan pinjam ksp": "simpan_pinjam",
     "serba usaha ksu": "serba_usaha", "simpan pinjam syariah": "simpan_pinjam"},
    "Jenis koperasi", "cooperative type",
)  # fmt: skip
COOPERATIVE_GROUPS = choice(
    {"karyawan": "karyawan", "kopkar": "karyawan", "kpri": "kpri", "pegawai negeri": "kpri",
     "kpri pegawai negeri": "kpri", "tni polri": "tni_polri", "tni": "tni_polri", "polri": "tni_polri",
     "primkopad": "tni_polri", "pondok pesantren": "pesantren", "pesantren": "pesantren",
     "kopontren": "pesantren", "desa": "desa", "kelurahan": "desa", "desa kelurahan": "desa", "kud": "desa",
     "wanita": "wanita", "perempuan": "wanita", "tani": "tani", "petani": "tani", "nelayan": "nelayan",
     "pedagang": "pedagang", "pasar": "pedagang", "pedagang pasar": "pedagang", "pemuda": "pemuda",
     "mahasiswa": "pemuda", "pemuda mahasiswa": "pemuda", "masyarakat": "masyarakat",
     "masyarakat umum": "masyarakat", "umum": "masyarakat", "lainnya": "lainnya", "lain lain": "lainnya",
     "tni_polri": "tni_polri", "unit desa": "desa", "pegawai republik indonesia": "kpri", "pegawai": "kpri",
     "kpn": "kpri", "kopeg": "kpri", "pondok pesantren kopontren": "pesantren",
     "angkatan darat": "tni_polri", "kepolisian": "tni_polri", "kopwan": "wanita"},
    "Kelompok koperasi", "cooperative group",
)  # fmt: skip


class Routed(NamedTuple):
    """A value that belongs to another column: the ministry's ODS names the two classifications
    the other way round ("Kelompok: Kop. Simpan Pinjam", "Jenis: Koperasi Karyawan")."""

    key: str
    value: str


_PARENTHESES = re.compile(r"\(([^)]*)\)")
_COOPERATIVE_PREFIX = re.compile(r"^(?:koperasi|kop)\s+")


def _cooperative_keys(value) -> list[str]:
    """'Kop. Simpan Pinjam' → 'simpan pinjam'; 'Koperasi Unit Desa (KUD)' → 'unit desa', then 'kud'."""
    raw = text(value).lower()
    keys = []
    for part in (_PARENTHESES.sub(" ", raw), *_PARENTHESES.findall(raw), raw):
        key = re.sub(r"[^a-z0-9]+", " ", part).strip()
        keys += [_COOPERATIVE_PREFIX.sub("", key), key]
    return [k for k in keys if k]


def _cooperative_class(own: str, other: str):
    """A parser for the type (jenis) or the group (kelompok) that recognises the other one too."""
    mappings = {"cooperative_type": COOPERATIVE_TYPES.mapping, "group": COOPERATIVE_GROUPS.mapping}
    label_id, label_en = {
        "cooperative_type": ("Jenis koperasi", "cooperative type"),
        "group": ("Kelompok koperasi", "cooperative group"),
    }[own]

    def parse(value):
        keys = _cooperative_keys(value)
        for key in keys:
            if key in mappings[own]:
                return mappings[own][key]
        for key in keys:
            if key in mappings[other]:
                return Routed(other, mappings[other][key])
        allowed = _as_typed(mappings[own].values())
        raise CellError(
            f"{label_id} tidak dikenal: {text(value)} (pilihan: {allowed})",
            f"Unknown {label_en}: {text(value)} (allowed: {allowed})",
        )

    return parse


COOPERATIVE_TYPE = _cooperative_class("cooperative_type", "group")
COOPERATIVE_GROUP = _cooperative_class("group", "cooperative_type")


def COOPERATIVE_FORM(value) -> str:  # noqa: N802 — named like the other closed lists
    """Bentuk: "Primer", "Primer Kabupaten/Kota", "Primer Provinsi", "Sekunder Nasional" …"""
    words = _COOPERATIVE_PREFIX.sub("", re.sub(r"[^a-z0-9]+", " ", text(value).lower()).strip()).split()
    if words and words[0] in ("primer", "sekunder"):
        return words[0]
    raise CellError(
        f"Bentuk koperasi tidak dikenal: {text(value)} (pilihan: primer, sekunder)",
        f"Unknown cooperative form: {text(value)} (allowed: primer, sekunder)",
    )
