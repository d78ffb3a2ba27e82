"""Reading one spreadsheet cell into one registry value, or a reason it cannot be read.

Each parser takes what a sheet holds (text, a number, a date) and returns the clean value or raises
`CellError` with the reason in Indonesian and English. Parsers are pure and cheap: an import of a
million rows calls them tens of millions of times, and caches the ones whose columns repeat.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from lokal import PROVINCES, parse_nik

from sinergi.core.money import MoneyError, parse_money
from sinergi.core.privacy import is_masked
from sinergi.regions.phones import normalize_whatsapp


class CellError(ValueError):
    def __init__(self, message_id: str, message_en: str):
        super().__init__(f"{message_id} / {message_en}")
        self.message_id = message_id
        self.message_en = message_en


class Masked(Exception):  # noqa: N818 — a signal, not an error
    """The cell holds a masked value (from a masked export): keep what the registry has."""


_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")


def text(value) -> str:
    if (
        type(value) is str
        and "  " not in value
        and value == value.strip()
        and "\n" not in value
        and "\t" not in value
    ):
        return value  # already clean: the common case
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _SPACE.sub(" ", str(value)).strip()


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _number_as_text(value, what: str) -> str:
    """Identity numbers must be text: a sheet that stored them as numbers has lost digits."""
    if isinstance(value, float):
        raise CellError(
            f"{what} tersimpan sebagai angka di Excel sehingga digit terakhir bisa hilang; format kolom sebagai teks",
            f"{what} is stored as a number in Excel, so trailing digits may be lost; format the column as text",
        )
    return re.sub(r"[\s.\-']", "", text(value))


_NIK_DATES: dict[str, bool] = {}


def _nik_structure_ok(digits: str) -> bool:
    """lokal-id's NIK rules (known province, no 00 codes, a real birth date, serial not 0000),
    with the date part cached: a million NIKs share a few tens of thousands of DDMMYY values."""
    if digits[:2] not in PROVINCES or digits[2:4] == "00" or digits[4:6] == "00" or digits[12:] == "0000":
        return False
    ddmmyy = digits[6:12]
    ok = _NIK_DATES.get(ddmmyy)
    if ok is None:
        # A known district and serial around the date: lokal-id then judges the date alone.
        ok = parse_nik("320101" + ddmmyy + "0001").valid
        _NIK_DATES[ddmmyy] = ok
    return ok


def nik(value) -> str:
    """A person's 16-digit NIK with a real region and birth date (Dukcapil rules, via lokal-id)."""
    if type(value) is str and len(value) == 16 and value.isdigit():  # the usual, clean cell
        if _nik_structure_ok(value):
            return value
        raise CellError(f"NIK tidak valid: {value}", f"Invalid NIK: {value}")
    raw = text(value)
    if is_masked(raw):
        raise Masked
    digits = _number_as_text(value, "NIK")
    if not digits.isdigit() or len(digits) != 16:
        raise CellError(f"NIK harus 16 digit angka: {raw}", f"NIK must be 16 digits: {raw}")
    if not _nik_structure_ok(digits):
        raise CellError(f"NIK tidak valid: {raw}", f"Invalid NIK: {raw}")
    return digits


def nib(value) -> str:
    """Nomor Induk Berusaha: 13 digits (OSS RBA)."""
    raw = text(value)
    digits = _number_as_text(value, "NIB")
    if not digits.isdigit() or len(digits) != 13:
        raise CellError(f"NIB harus 13 digit angka: {raw}", f"NIB must be 13 digits: {raw}")
    return digits


def nik_koperasi(value) -> str:
    """Nomor Induk Koperasi from the ministry's ODS: digits only (13–16 of them)."""
    raw = text(value)
    digits = _number_as_text(value, "NIK Koperasi")
    if not digits.isdigit() or not 10 <= len(digits) <= 20:
        raise CellError(f"NIK Koperasi harus berupa angka: {raw}", f"NIK Koperasi must be a number: {raw}")
    return digits


_MOBILE = re.compile(r"^(?:\+?62|0)(8\d{8,11})$")
_PHONE_NOISE = re.compile(r"[\s\-().]")


def phone(value) -> str:
    if type(value) is str:
        match = _MOBILE.match(_PHONE_NOISE.sub("", value))
        if match:  # a mobile number, the common case: 62 + the number without its leading 0
            return "62" + match.group(1)
    raw = text(value)
    if is_masked(raw):
        raise Masked
    number = normalize_whatsapp(raw)
    if number is None:
        raise CellError(f"Nomor telepon tidak valid: {raw}", f"Invalid phone number: {raw}")
    return number


def money(value) -> Decimal:
    if type(value) is str and value.isdigit() and len(value) < 16:  # plain digits: no parsing needed
        return Decimal(value)
    try:
        amount = parse_money(value)
    except MoneyError:
        raise CellError(
            f"Bukan nilai uang: {text(value)}", f"Not an amount of money: {text(value)}"
        ) from None
    if amount is None:
        raise CellError("Nilai uang kosong", "Empty amount")
    if amount < 0:
        raise CellError(
            f"Nilai uang tidak boleh negatif: {text(value)}", f"Amount cannot be negative: {text(value)}"
        )
    if amount >= Decimal("1e16"):
        raise CellError(f"Nilai uang terlalu besar: {text(value)}", f"Amount too large: {text(value)}")
    return amount


def count(value) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        raw = text(value).replace(".", "").replace(",", "")
        if not raw.isdigit():
            raise CellError(f"Harus bilangan bulat: {text(value)}", f"Must be a whole number: {text(value)}")
        number = int(raw)
    if number < 0:
        raise CellError(f"Tidak boleh negatif: {text(value)}", f"Cannot be negative: {text(value)}")
    if number > 2_000_000_000:
        raise CellError(f"Angka terlalu besar: {text(value)}", f"Number too large: {text(value)}")
    return number


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


_TODAY_LIMIT = dt.date.today() + dt.timedelta(days=366)
_EARLIEST = dt.date(1900, 1, 1)


def date(value) -> dt.date:
    """Dates as offices write them: 2024-03-31, 31/03/2024, 31-3-2024, 31 Maret 2024, an Excel date."""
    if type(value) is str and len(value) == 10 and value[4] == "-":
        try:
            result = dt.date.fromisoformat(value)
        except ValueError:
            result = None
        if result is not None and _EARLIEST <= result <= _TODAY_LIMIT:
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
        result = _parse_date_text(raw)
        if result is None:
            raise CellError(f"Tanggal tidak dikenali: {text(value)}", f"Unrecognised date: {text(value)}")
    if not dt.date(1900, 1, 1) <= result <= dt.date.today() + dt.timedelta(days=366):
        raise CellError(f"Tanggal di luar rentang wajar: {result}", f"Date out of range: {result}")
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


def choice(mapping: dict[str, str], label_id: str, label_en: str):
    """A parser for a closed list: the cell's normalised text must be one of `mapping`'s keys."""

    def parse(value) -> str:
        key = re.sub(r"[^a-z0-9]+", " ", text(value).lower()).strip()
        if key in mapping:
            return mapping[key]
        allowed = ", ".join(sorted(set(mapping.values())))
        raise CellError(
            f"{label_id} tidak dikenal: {text(value)} (pilihan: {allowed})",
            f"Unknown {label_en}: {text(value)} (allowed: {allowed})",
        )

    return parse


def kbli(value) -> str:
    """One or more KBLI 2020 codes (2 to 5 digits), separated by commas, semicolons or spaces."""
    raw = text(value)
    codes = _DIGITS.findall(raw)
    if not codes or any(not 2 <= len(c) <= 5 for c in codes) or len(re.sub(r"[\d,;/\s]", "", raw)) > 0:
        raise CellError(f"Kode KBLI tidak valid: {raw}", f"Invalid KBLI code: {raw}")
    return ",".join(dict.fromkeys(codes))


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
        if "*" in raw:
            raise Masked
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
     "beku": "dibekukan", "dibubarkan": "dibubarkan", "bubar": "dibubarkan"},
    "Status", "status",
)  # fmt: skip
MEMBER_STATUS = choice(
    {"aktif": "aktif", "active": "aktif", "keluar": "keluar", "berhenti": "keluar", "meninggal": "meninggal",
     "meninggal dunia": "meninggal"},
    "Status", "status",
)  # fmt: skip
COOPERATIVE_TYPE = choice(
    {"simpan pinjam": "simpan_pinjam", "ksp": "simpan_pinjam", "kspps": "simpan_pinjam",
     "simpan pinjam dan pembiayaan syariah": "simpan_pinjam", "konsumen": "konsumen", "produsen": "produsen",
     "pemasaran": "pemasaran", "jasa": "jasa", "serba usaha": "serba_usaha", "ksu": "serba_usaha",
     "simpan_pinjam": "simpan_pinjam", "serba_usaha": "serba_usaha"},
    "Jenis koperasi", "cooperative type",
)  # fmt: skip
COOPERATIVE_GROUP = choice(
    {"karyawan": "karyawan", "kopkar": "karyawan", "kpri": "kpri", "pegawai negeri": "kpri",
     "kpri pegawai negeri": "kpri", "tni polri": "tni_polri", "tni": "tni_polri", "polri": "tni_polri",
     "primkopad": "tni_polri", "pondok pesantren": "pesantren", "pesantren": "pesantren",
     "kopontren": "pesantren", "desa": "desa", "kelurahan": "desa", "desa kelurahan": "desa", "kud": "desa",
     "wanita": "wanita", "perempuan": "wanita", "tani": "tani", "petani": "tani", "nelayan": "nelayan",
     "pedagang": "pedagang", "pasar": "pedagang", "pedagang pasar": "pedagang", "pemuda": "pemuda",
     "mahasiswa": "pemuda", "pemuda mahasiswa": "pemuda", "masyarakat": "masyarakat",
     "masyarakat umum": "masyarakat", "umum": "masyarakat", "lainnya": "lainnya", "lain lain": "lainnya",
     "tni_polri": "tni_polri"},
    "Kelompok koperasi", "cooperative group",
)  # fmt: skip
COOPERATIVE_FORM = choice(
    {"primer": "primer", "sekunder": "sekunder", "primer kabupaten": "primer", "primer kota": "primer",
     "primer provinsi": "primer", "primer nasional": "primer", "sekunder kabupaten": "sekunder",
     "sekunder kota": "sekunder", "sekunder provinsi": "sekunder", "sekunder nasional": "sekunder"},
    "Bentuk koperasi", "cooperative form",
)  # fmt: skip
