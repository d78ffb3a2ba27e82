"""The annual report a health assessment reads: one frozen dataclass, parsed exactly from JSON.

Every field is optional. A field that is absent, null or blank is *missing*, and only makes the
components that need it "not assessable" (reference.md Decision 6: missing data is not zero; enter
0 where an amount truly is zero, Decision 10). Amounts are Rupiah as `Decimal`: ints and decimal
strings are parsed exactly, floats through `str()` (their shortest repr is the number that was
written), never through binary arithmetic.

Input errors are raised as `ReportError`, one bilingual message per field, all fields at once:

- an amount that is not a number ("1.250.000" is refused: the schema asks for decimal strings);
- a negative amount in a field that cannot be negative by nature (assets, loans, liabilities,
  costs, member savings). Equity, reserves, SHU, net participation, PEA and weighted capital may be
  negative: a loss-making cooperative is exactly what the assessment must be able to score;
- a management group (`manajemen.umum` …) that is not a list of true/false answers of the exact
  length of its questionnaire (12, 6, 5, 10, 5 — Permen KUKM 14/2009 Tabel 9–13). A group that is
  absent, null, or contains an unanswered (null) question is missing instead: its component is not
  assessable rather than scored as if every unanswered question were "Tidak";
- an unknown field, so a misspelt name cannot silently turn into a missing one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation

AMOUNT_FIELDS = (
    "simpanan_pokok",
    "simpanan_wajib",
    "simpanan_lain_berkarakter_wajib",
    "hibah",
    "cadangan",
    "modal_penyertaan",
    "modal_sendiri",
    "total_aset",
    "kas",
    "bank",
    "kewajiban_lancar",
    "dana_diterima",
    "modal_tertimbang",
    "atmr",
    "pinjaman_diberikan",
    "pinjaman_berisiko",
    "volume_pinjaman",
    "volume_pinjaman_anggota",
    "pinjaman_kurang_lancar",
    "pinjaman_diragukan",
    "pinjaman_macet",
    "cadangan_risiko",
    "partisipasi_bruto",
    "partisipasi_neto",
    "beban_operasi_anggota",
    "beban_usaha",
    "beban_perkoperasian",
    "shu_kotor",
    "shu_sebelum_pajak",
    "shu_bagian_anggota",
    "biaya_karyawan",
    "pendapatan",
    "pea",
)

# Amounts that a real set of accounts can show below zero: equity and reserves after losses
# (Decision 9 scores negative equity), the SHU lines of a loss year, net participation when the
# members' contribution does not cover the cost of the services, PEA built on a negative SHU share,
# and weighted capital derived from negative equity.
SIGNED_FIELDS = frozenset(
    {
        "modal_sendiri",
        "cadangan",
        "modal_tertimbang",
        "partisipasi_neto",
        "shu_kotor",
        "shu_sebelum_pajak",
        "shu_bagian_anggota",
        "pea",
    }
)

# Questionnaire groups of aspect 3 and their number of yes/no questions (Permen KUKM 14/2009
# Tabel 9–13, reused by Perdep 06/2016): 38 questions in all.
MANAGEMENT_GROUPS = (
    ("umum", 12),
    ("kelembagaan", 6),
    ("permodalan", 5),
    ("aktiva", 10),
    ("likuiditas", 5),
)


class ScoringError(ValueError):
    """The scoring engine cannot run as asked; `detail` lists one bilingual line per problem."""

    def __init__(self, message: str, detail: list[str] | tuple[str, ...] = ()):
        super().__init__(message)
        self.message = message
        self.detail = list(detail)

    def __str__(self) -> str:
        return self.message + (": " + "; ".join(self.detail) if self.detail else "")


class ReportError(ScoringError):
    """The report is not valid input. `errors` maps each field name to its bilingual message.

    Keys are input field names, "manajemen.<group>", "report" (not an object at all), or a component
    code ("1a") when figures are inconsistent across fields.
    """

    def __init__(self, errors: Mapping[str, str]):
        self.errors = dict(errors)
        super().__init__(
            "Laporan tidak valid / Invalid report",
            [f"{name}: {message}" for name, message in self.errors.items()],
        )


def parse_amount(value) -> Decimal | None:
    """An amount in Rupiah, exactly. None or a blank string is missing; anything else not a finite
    number raises ValueError with a bilingual message."""
    if value is None:
        return None
    if isinstance(value, bool):
        # bool is an int in Python; a checkbox value in an amount field is a form bug, not 1 Rupiah.
        raise ValueError(f"{value!r} bukan angka / is not a number")
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float):
        amount = Decimal(str(value))
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"{value!r} bukan angka desimal / is not a decimal number") from None
    else:
        raise ValueError(f"{value!r} bukan angka / is not a number")
    if not amount.is_finite():
        raise ValueError(f"{value!r} bukan angka terhingga / is not a finite number")
    return amount


def _parse_year(value) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError("tahun harus bilangan bulat / year must be a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        return int(value)
    raise ValueError(
        f"tahun harus bilangan bulat, bukan {value!r} / year must be a whole number, not {value!r}"
    )


@dataclass(frozen=True)
class ManagementAnswers:
    """Answers to the management questionnaire (aspect 3): True for "Ya", per group in question order.

    Construct it with lists or tuples; they are checked and stored as tuples of bool. A group that
    is None (or held an unanswered question) is missing.
    """

    umum: tuple[bool, ...] | None = None
    kelembagaan: tuple[bool, ...] | None = None
    permodalan: tuple[bool, ...] | None = None
    aktiva: tuple[bool, ...] | None = None
    likuiditas: tuple[bool, ...] | None = None

    def __post_init__(self) -> None:
        errors = {}
        for group, size in MANAGEMENT_GROUPS:
            try:
                object.__setattr__(self, group, _parse_answers(getattr(self, group), size))
            except ValueError as exc:
                errors[f"manajemen.{group}"] = str(exc)
        if errors:
            raise ReportError(errors)

    def group(self, name: str) -> tuple[bool, ...] | None:
        return getattr(self, name)

    def to_dict(self) -> dict:
        return {
            group: None if self.group(group) is None else list(self.group(group))
            for group, _ in MANAGEMENT_GROUPS
        }


def _parse_answers(answers, size: int) -> tuple[bool, ...] | None:
    if answers is None:
        return None
    if isinstance(answers, str | bytes | Mapping) or not hasattr(answers, "__iter__"):
        raise ValueError("harus berupa daftar jawaban true/false / must be a list of true/false answers")
    answers = tuple(answers)
    if len(answers) != size:
        given = len(answers)
        raise ValueError(
            f"harus berisi {size} jawaban, bukan {given} / must hold {size} answers, not {given}"
        )
    if any(answer is None for answer in answers):
        return None
    for number, answer in enumerate(answers, start=1):
        if not isinstance(answer, bool):
            raise ValueError(
                f"jawaban ke-{number} harus true atau false, bukan {answer!r} / "
                f"answer {number} must be true or false, not {answer!r}"
            )
    return answers


@dataclass(frozen=True)
class Report:
    """One cooperative's figures for one financial year (laporan keuangan / RAT), in Rupiah.

    Construct it with raw values (ints, decimal strings, floats, Decimals) or through `from_dict`;
    `__post_init__` parses every amount to `Decimal` and raises `ReportError` listing every bad field.
    """

    year: int | None = None
    simpanan_pokok: Decimal | None = None
    simpanan_wajib: Decimal | None = None
    simpanan_lain_berkarakter_wajib: Decimal | None = None
    hibah: Decimal | None = None
    cadangan: Decimal | None = None
    modal_penyertaan: Decimal | None = None
    modal_sendiri: Decimal | None = None
    total_aset: Decimal | None = None
    kas: Decimal | None = None
    bank: Decimal | None = None
    kewajiban_lancar: Decimal | None = None
    dana_diterima: Decimal | None = None
    modal_tertimbang: Decimal | None = None
    atmr: Decimal | None = None
    pinjaman_diberikan: Decimal | None = None
    pinjaman_berisiko: Decimal | None = None
    volume_pinjaman: Decimal | None = None
    volume_pinjaman_anggota: Decimal | None = None
    pinjaman_kurang_lancar: Decimal | None = None
    pinjaman_diragukan: Decimal | None = None
    pinjaman_macet: Decimal | None = None
    cadangan_risiko: Decimal | None = None
    partisipasi_bruto: Decimal | None = None
    partisipasi_neto: Decimal | None = None
    beban_operasi_anggota: Decimal | None = None
    beban_usaha: Decimal | None = None
    beban_perkoperasian: Decimal | None = None
    shu_kotor: Decimal | None = None
    shu_sebelum_pajak: Decimal | None = None
    shu_bagian_anggota: Decimal | None = None
    biaya_karyawan: Decimal | None = None
    pendapatan: Decimal | None = None
    pea: Decimal | None = None
    manajemen: ManagementAnswers | None = None

    def __post_init__(self) -> None:
        errors: dict[str, str] = {}
        try:
            object.__setattr__(self, "year", _parse_year(self.year))
        except ValueError as exc:
            errors["year"] = str(exc)
        for name in AMOUNT_FIELDS:
            try:
                amount = parse_amount(getattr(self, name))
            except ValueError as exc:
                errors[name] = str(exc)
                continue
            if amount is not None and amount < 0 and name not in SIGNED_FIELDS:
                errors[name] = f"tidak boleh negatif ({amount:f}) / must not be negative ({amount:f})"
                continue
            object.__setattr__(self, name, amount)
        if isinstance(self.manajemen, Mapping):
            try:
                object.__setattr__(self, "manajemen", _management_from_dict(self.manajemen))
            except ReportError as exc:
                errors.update(exc.errors)
        elif self.manajemen is not None and not isinstance(self.manajemen, ManagementAnswers):
            errors["manajemen"] = _MANAGEMENT_SHAPE
        if errors:
            raise ReportError(errors)

    @classmethod
    def from_dict(cls, data) -> Report:
        """Parse one report object as decoded from JSON (see the module docstring for the rules)."""
        if isinstance(data, Report):
            return data
        if not isinstance(data, Mapping):
            raise ReportError({"report": "laporan harus berupa objek JSON / a report must be a JSON object"})
        known = {f.name for f in fields(cls)}
        errors = {str(key): "kolom tidak dikenal / unknown field" for key in data if key not in known}
        try:
            report = cls(**{key: value for key, value in data.items() if key in known})
        except ReportError as exc:
            errors.update(exc.errors)
        if errors:
            raise ReportError(dict(sorted(errors.items())))
        return report

    def amount(self, name: str) -> Decimal | None:
        return getattr(self, name)

    def answers(self, group: str) -> tuple[bool, ...] | None:
        return None if self.manajemen is None else self.manajemen.group(group)

    def to_dict(self) -> dict:
        """The report in the input schema, amounts as exact decimal strings (for storage in JSON)."""
        data: dict = {"year": self.year}
        for name in AMOUNT_FIELDS:
            amount = self.amount(name)
            data[name] = None if amount is None else f"{amount:f}"
        data["manajemen"] = None if self.manajemen is None else self.manajemen.to_dict()
        return data


_MANAGEMENT_SHAPE = (
    "harus berupa objek dengan kelompok umum, kelembagaan, permodalan, aktiva, likuiditas / "
    "must be an object with the groups umum, kelembagaan, permodalan, aktiva, likuiditas"
)


def _management_from_dict(data: Mapping) -> ManagementAnswers:
    groups = {group for group, _ in MANAGEMENT_GROUPS}
    unknown = sorted(str(key) for key in data if key not in groups)
    if unknown:
        raise ReportError({f"manajemen.{key}": "kelompok tidak dikenal / unknown group" for key in unknown})
    return ManagementAnswers(**data)
