"""The registry's rules: each one a plain function that returns a problem code, or None.

Every door that writes registry data asks these functions: the services (and through them the
pages, the API and the commands), the sheet importers (cell by cell and row by row) and the bulk
paths. None of them decides a rule itself, and none of them words a problem itself:
`problem_message(code, value=…)` says it in the active language (Indonesian unless the user chose
English; the English text comes from the catalogue), and `problem_texts` gives both for the import
reports, which show each reason in the two languages.

A value already stored is not judged again when a form sends it back unchanged: the services ask
`changed_problems`, which judges only what a write changes.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from decimal import Decimal, InvalidOperation
from functools import cache

from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from lokal import PROVINCES, parse_nik

from sinergi.accounts import rules as contact
from sinergi.accounts.rules import EMAIL_INVALID as EMAIL_INVALID
from sinergi.accounts.rules import PHONE_INVALID as PHONE_INVALID
from sinergi.accounts.rules import email_problem as email_problem
from sinergi.accounts.rules import phone_problem as phone_problem
from sinergi.registry.models import CooperativeStatus

# --- problem codes ------------------------------------------------------------------------------

NIK_LENGTH = "nik_length"
NIK_INVALID = "nik_invalid"
NIB_LENGTH = "nib_length"
NIK_KOPERASI_INVALID = "nik_koperasi_invalid"
KBLI_INVALID = "kbli_invalid"
# PHONE_INVALID and EMAIL_INVALID are the contact rules' own (`accounts.rules`), imported above.
MONEY_INVALID = "money_invalid"
MONEY_NEGATIVE = "money_negative"
MONEY_TOO_LARGE = "money_too_large"
MONEY_PRECISION = "money_precision"
WHOLE_NUMBER = "whole_number"
MEMBERS_RANGE = "members_range"
EMPLOYEES_RANGE = "employees_range"
MONTH_RANGE = "month_range"
DATE_TOO_EARLY = "date_too_early"
DATE_IN_FUTURE = "date_in_future"
RAT_BEFORE_LEGAL_DATE = "rat_before_legal_date"
RAT_NOT_LATEST = "rat_not_latest"
STATUS_UNKNOWN = "status_unknown"
STATUS_SAME = "status_same"
STATUS_DISSOLVED = "status_dissolved"
STATUS_TO_UNKNOWN = "status_to_unknown"

# --- plausible ranges ---------------------------------------------------------------------------

# The largest cooperatives in Indonesia count a few million members; ten million leaves room and
# still refuses a typo of extra digits.
MEMBERS_MAX = 10_000_000
# UMKM are micro, small and medium businesses (PP 7/2021); a hundred thousand workers is far
# beyond any of them.
EMPLOYEES_MAX = 100_000
# Money columns are numeric(18, 2): sixteen digits before the decimal mark, two after it.
MONEY_LIMIT = Decimal("1e16")
MONEY_PLACES = 2
# No registry date (legal entity, founding, RAT, joining) lies before the twentieth century.
EARLIEST_DATE = dt.date(1900, 1, 1)

# --- wording ------------------------------------------------------------------------------------

MESSAGES = {
    # The contact problems in the contact rules' own words: one catalogue entry for every slice.
    **contact.MESSAGES,
    NIK_LENGTH: _("NIK harus 16 digit angka: %(value)s"),
    NIK_INVALID: _("NIK tidak valid: %(value)s"),
    NIB_LENGTH: _("NIB harus 13 digit angka: %(value)s"),
    NIK_KOPERASI_INVALID: _("NIK Koperasi harus berupa angka (10 sampai 20 digit): %(value)s"),
    KBLI_INVALID: _("Kode KBLI tidak valid: %(value)s"),
    MONEY_INVALID: _("Bukan nilai uang: %(value)s"),
    MONEY_NEGATIVE: _("Nilai uang tidak boleh negatif: %(value)s"),
    MONEY_TOO_LARGE: _("Nilai uang terlalu besar: %(value)s"),
    MONEY_PRECISION: _("Nilai uang paling banyak dua angka di belakang koma: %(value)s"),
    WHOLE_NUMBER: _("Harus bilangan bulat: %(value)s"),
    MEMBERS_RANGE: _("Jumlah anggota harus antara 0 dan 10.000.000: %(value)s"),
    EMPLOYEES_RANGE: _("Jumlah tenaga kerja harus antara 0 dan 100.000: %(value)s"),
    MONTH_RANGE: _("Bulan harus antara 1 dan 12: %(value)s"),
    DATE_TOO_EARLY: _("Tanggal tidak boleh sebelum 1 Januari 1900: %(value)s"),
    DATE_IN_FUTURE: _("Tanggal tidak boleh di masa depan: %(value)s"),
    RAT_BEFORE_LEGAL_DATE: _("Tanggal RAT sebelum tanggal badan hukum: %(value)s"),
    RAT_NOT_LATEST: _("Sudah tercatat RAT yang lebih baru: %(value)s"),
    STATUS_UNKNOWN: _("Status tidak dikenal: %(value)s"),
    STATUS_SAME: _("Koperasi sudah berstatus ini"),
    STATUS_DISSOLVED: _("Koperasi yang sudah dibubarkan tidak dapat diubah statusnya"),
    STATUS_TO_UNKNOWN: _("Status yang sudah diketahui tidak dapat diubah menjadi belum diketahui"),
}


def _shown(value) -> str:
    """A value as the problem quotes it: dates in ISO form, amounts without exponent."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def problem_message(code: str, *, value=None) -> str:
    """The problem in the active language, quoting the value that has it."""
    return str(MESSAGES[code]) % {"value": _shown(value)}


@cache
def _templates(code: str) -> tuple[str, str]:
    with override("id"):
        indonesian = str(MESSAGES[code])
    with override("en"):
        english = str(MESSAGES[code])
    return indonesian, english


def problem_texts(code: str, *, value=None) -> tuple[str, str]:
    """The problem in Indonesian and in English, for import reports that show both."""
    indonesian, english = _templates(code)
    params = {"value": _shown(value)}
    return indonesian % params, english % params


# --- identity numbers ---------------------------------------------------------------------------

_SEPARATORS = re.compile(r"[\s.\-']")


def digits_of(value) -> str:
    """An identity number as people write it ("3271 0641-0785.0003") reduced to its characters."""
    return _SEPARATORS.sub("", str(value or ""))


_NIK_DATES: dict[str, bool] = {}


def nik_problem(digits: str) -> str | None:
    """A person's NIK: 16 digits with a known province, no 00 codes, a real birth date and a serial
    other than 0000 (Dukcapil's structure, checked by lokal-id)."""
    if len(digits) != 16 or not digits.isdigit():
        return NIK_LENGTH
    if digits[:2] not in PROVINCES or digits[2:4] == "00" or digits[4:6] == "00" or digits[12:] == "0000":
        return NIK_INVALID
    # Imports check millions of NIKs that share a few tens of thousands of DDMMYY parts: lokal-id
    # judges each date part once, around a district and serial known to be valid.
    ddmmyy = digits[6:12]
    ok = _NIK_DATES.get(ddmmyy)
    if ok is None:
        ok = _NIK_DATES[ddmmyy] = parse_nik("320101" + ddmmyy + "0001").valid
    return None if ok else NIK_INVALID


def nib_problem(digits: str) -> str | None:
    """Nomor Induk Berusaha: 13 digits (OSS RBA)."""
    if len(digits) != 13 or not digits.isdigit():
        return NIB_LENGTH
    return None


def nik_koperasi_problem(digits: str) -> str | None:
    """Nomor Induk Koperasi (the ministry's ODS): digits only, 10 to 20 of them."""
    if not digits.isdigit() or not 10 <= len(digits) <= 20:
        return NIK_KOPERASI_INVALID
    return None


# --- business classification ------------------------------------------------------------------

_KBLI_CODE = re.compile(r"\d+")
_KBLI_OTHER = re.compile(r"[^\d,;/\s]")


def kbli_codes(value) -> str | None:
    """The KBLI 2020 codes (2 to 5 digits each) a value lists, separated by commas, semicolons,
    slashes or spaces, in their stored form "10792,47111"; None when it is not such a list."""
    raw = str(value or "")
    codes = _KBLI_CODE.findall(raw)
    if not codes or any(not 2 <= len(code) <= 5 for code in codes) or _KBLI_OTHER.search(raw):
        return None
    return ",".join(dict.fromkeys(codes))


def kbli_problem(value) -> str | None:
    """Klasifikasi Baku Lapangan Usaha Indonesia: one or more codes (`kbli_codes`)."""
    return None if kbli_codes(value) is not None else KBLI_INVALID


# --- contact ------------------------------------------------------------------------------------

# `phone_problem` and `email_problem` (imported above) are the contact rules every slice shares,
# `accounts.rules`: an organisation's page, the organisations API and the registry's doors refuse a
# phone or an address for the same reason.


# --- numbers ------------------------------------------------------------------------------------


def money_problem(amount) -> str | None:
    """An amount in Rupiah: a number, not negative, at most sixteen digits and two decimals."""
    if isinstance(amount, bool):
        return MONEY_INVALID
    try:
        amount = amount if isinstance(amount, Decimal) else Decimal(str(amount))
    except (InvalidOperation, ValueError):
        return MONEY_INVALID
    if not amount.is_finite():
        return MONEY_INVALID
    if amount < 0:
        return MONEY_NEGATIVE
    if amount >= MONEY_LIMIT:
        return MONEY_TOO_LARGE
    if amount != amount.quantize(Decimal(1).scaleb(-MONEY_PLACES)):
        return MONEY_PRECISION
    return None


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def members_problem(value) -> str | None:
    """A number of members (men, women, not given, or all of them)."""
    if not _whole(value):
        return WHOLE_NUMBER
    return None if 0 <= value <= MEMBERS_MAX else MEMBERS_RANGE


def employees_problem(value) -> str | None:
    """A business's number of workers."""
    if not _whole(value):
        return WHOLE_NUMBER
    return None if 0 <= value <= EMPLOYEES_MAX else EMPLOYEES_RANGE


def month_problem(value) -> str | None:
    """A month of the year (the month the financial year ends)."""
    if not _whole(value):
        return WHOLE_NUMBER
    return None if 1 <= value <= 12 else MONTH_RANGE


# --- dates --------------------------------------------------------------------------------------

_clock = [(0, dt.date.min)]  # (the second of the last reading, the date it gave)


def _today() -> dt.date:
    """Today, read from the calendar at most once a second: an import judges millions of dates, and
    `date.today()` costs more than the rest of the rule."""
    second = int(time.time())
    reading = _clock[0]
    if reading[0] != second:
        reading = _clock[0] = (second, dt.date.today())
    return reading[1]


def past_date_problem(value: dt.date, *, today: dt.date | None = None) -> str | None:
    """A date that has happened: legal entity, amendment, founding, joining, a status taking effect."""
    if value < EARLIEST_DATE:
        return DATE_TOO_EARLY
    if value > (today or _today()):
        return DATE_IN_FUTURE
    return None


def rat_date_problem(
    value: dt.date, *, legal_date: dt.date | None = None, today: dt.date | None = None
) -> str | None:
    """The last annual members' meeting (RAT): held already, and not before the cooperative had
    its legal entity."""
    problem = past_date_problem(value, today=today)
    if problem is None and legal_date is not None and value < legal_date:
        return RAT_BEFORE_LEGAL_DATE
    return problem


def rat_record_problem(value: dt.date, *, recorded: dt.date | None) -> str | None:
    """Whether `value` may be recorded as the last RAT of a cooperative whose last recorded RAT is
    `recorded`: the last RAT is the latest one, so an earlier date leaves it as it is."""
    if recorded is not None and value < recorded:
        return RAT_NOT_LATEST
    return None


# --- cooperative status -------------------------------------------------------------------------


def status_transition_problem(current: str, new: str) -> str | None:
    """Whether a cooperative's status may go from `current` ("" for a new cooperative) to `new`.

    A dissolved cooperative (UU 25/1992 Pasal 46–47, PP 17/1994) stays dissolved: no edit, sheet or
    decision brings it back. "Belum diketahui" says that nothing is known, so a status once known
    is never changed back to it. Asked to dissolve a dissolved cooperative again, the rule gives the
    same reason as for any other change of its status."""
    if new not in CooperativeStatus.values:
        return STATUS_UNKNOWN
    if not current:
        return None
    if current == CooperativeStatus.DIBUBARKAN:
        return STATUS_DISSOLVED
    if current == new:
        return STATUS_SAME
    if new == CooperativeStatus.BELUM_DIKETAHUI:
        return STATUS_TO_UNKNOWN
    return None


# --- one write's values -------------------------------------------------------------------------

IDENTITY_RULES = {
    "nik": nik_problem,
    "owner_nik": nik_problem,
    "nib": nib_problem,
    "nik_koperasi": nik_koperasi_problem,
}
VALUE_RULES = {
    "phone": phone_problem,
    "email": email_problem,
    "kbli": kbli_problem,
    "capital": money_problem,
    "annual_sales": money_problem,
    "savings_pokok": money_problem,
    "savings_wajib": money_problem,
    "savings_sukarela": money_problem,
    "members_male": members_problem,
    "members_female": members_problem,
    "members_unspecified": members_problem,
    "members_total": members_problem,
    "employees": employees_problem,
    "fiscal_year_end_month": month_problem,
}
PAST_DATES = frozenset(
    {"legal_date", "amendment_date", "founded_on", "joined_on", "savings_as_of", "effective_on"}
)


def field_problem(field: str, value, *, today: dt.date | None = None, legal_date: dt.date | None = None):
    """The problem of one field's value, or None (also for an empty value and a field without rules).

    Identity numbers are judged on their digits (`digits_of`); the last RAT date against the legal
    date given."""
    if value is None or value == "":
        return None
    if field in IDENTITY_RULES:
        return IDENTITY_RULES[field](digits_of(value))
    if field in VALUE_RULES:
        return VALUE_RULES[field](value)
    if not isinstance(value, dt.date):
        return None  # not a date at all: the model's own field check says so
    if field == "last_rat_date":
        return rat_date_problem(value, legal_date=legal_date, today=today)
    if field in PAST_DATES:
        return past_date_problem(value, today=today)
    return None


def changed_codes(
    values: dict, *, stored: dict | None = None, today: dt.date | None = None
) -> dict[str, tuple[str, object]]:
    """{field: (problem code, value quoted)} for each value in `values` that differs from `stored`
    and breaks a rule: `changed_problems` for doors that word each problem themselves (the sheet
    importers give both languages and leave the value out rather than refuse the row).

    `stored` holds the record's current values (empty for a new record). The last RAT date is judged
    against the legal date the write leaves, and again when only the legal date changes (the
    problem is then the last RAT date's, quoting it)."""
    stored = stored or {}
    legal_date = values.get("legal_date", stored.get("legal_date"))
    problems = {}
    for field, value in values.items():
        if field in stored and stored[field] == value:
            continue
        code = field_problem(field, value, today=today, legal_date=legal_date)
        if code:
            problems[field] = (code, value)
    rat = values.get("last_rat_date", stored.get("last_rat_date"))
    legal_changed = "legal_date" in values and stored.get("legal_date") != legal_date
    if legal_changed and "last_rat_date" not in problems and rat and legal_date and rat < legal_date:
        problems["last_rat_date"] = (RAT_BEFORE_LEGAL_DATE, rat)
    return problems


def changed_problems(
    values: dict, *, stored: dict | None = None, today: dt.date | None = None
) -> dict[str, str]:
    """{field: message} for each value in `values` that differs from `stored` and breaks a rule
    (`changed_codes`), in the active language."""
    return {
        field: problem_message(code, value=value)
        for field, (code, value) in changed_codes(values, stored=stored, today=today).items()
    }


def on_register(status: str) -> bool:
    """A cooperative counts as registered unless it is dissolved: dissolution takes it off the
    register (its row stays for the history). Every count of registered cooperatives asks this."""
    return status != CooperativeStatus.DIBUBARKAN
