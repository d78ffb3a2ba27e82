"""The registry's rules as plain functions: problem codes, and their Indonesian wording."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils.translation import override
from hypothesis import given
from hypothesis import strategies as st

from sinergi.registry import rules

TODAY = dt.date.today()


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("3271064107850003", None),
        ("12345", rules.NIK_LENGTH),
        ("32710641078500031", rules.NIK_LENGTH),
        ("3271O64107850003", rules.NIK_LENGTH),  # a letter O for a zero
        ("9971064107850003", rules.NIK_INVALID),  # no province 99
        ("3200064107850003", rules.NIK_INVALID),  # regency 00
        ("3271069913850003", rules.NIK_INVALID),  # month 13
        ("3271064107850000", rules.NIK_INVALID),  # serial 0000
    ],
)
def test_nik(value, code):
    assert rules.nik_problem(value) == code


def test_identity_numbers_are_judged_on_their_digits():
    assert rules.digits_of(" 3271 0641-0785.0003 ") == "3271064107850003"
    assert rules.field_problem("owner_nik", "3271 0641 0785 0003") is None
    assert rules.field_problem("nik", "3271 0641 0785") == rules.NIK_LENGTH


@pytest.mark.parametrize(
    ("value", "code"),
    [("9120001234567", None), ("912000", rules.NIB_LENGTH), ("91200012345678", rules.NIB_LENGTH),
     ("912000123456X", rules.NIB_LENGTH)],
)  # fmt: skip
def test_nib(value, code):
    assert rules.nib_problem(value) == code


@pytest.mark.parametrize(
    ("value", "code"),
    [("3271030010001", None), ("1234567890", None), ("123456789", rules.NIK_KOPERASI_INVALID),
     ("ABC", rules.NIK_KOPERASI_INVALID), ("1" * 21, rules.NIK_KOPERASI_INVALID)],
)  # fmt: skip
def test_nik_koperasi(value, code):
    assert rules.nik_koperasi_problem(value) == code


@pytest.mark.parametrize(
    ("value", "code"),
    [("081234567890", None), ("+62 812-3456-7890", None), ("0251-8312345", None), ("12345", rules.PHONE_INVALID),
     ("0812", rules.PHONE_INVALID), ("telepon kantor", rules.PHONE_INVALID)],
)  # fmt: skip
def test_phone(value, code):
    assert rules.phone_problem(value) == code


@pytest.mark.parametrize(
    ("value", "code"),
    [("koperasi@contoh.id", None), (" Koperasi@Contoh.ID ", None), ("koperasi@contoh", rules.EMAIL_INVALID),
     ("koperasi contoh.id", rules.EMAIL_INVALID), ("a@" + "b" * 250 + ".id", rules.EMAIL_INVALID)],
)  # fmt: skip
def test_email(value, code):
    assert rules.email_problem(value) == code


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (Decimal("0"), None),
        (25_000_000, None),
        (Decimal("1250000.50"), None),
        (Decimal("9999999999999999.99"), None),
        (Decimal("-1"), rules.MONEY_NEGATIVE),
        (Decimal("1e16"), rules.MONEY_TOO_LARGE),
        (Decimal("1.005"), rules.MONEY_PRECISION),
        (Decimal("NaN"), rules.MONEY_INVALID),
        ("dua juta", rules.MONEY_INVALID),
        (True, rules.MONEY_INVALID),
    ],
)
def test_money(value, code):
    assert rules.money_problem(value) == code


def test_counts_have_plausible_ranges():
    assert [rules.members_problem(v) for v in (0, 10_000_000, 10_000_001, 99_999_999_999, -1)] == [
        None, None, rules.MEMBERS_RANGE, rules.MEMBERS_RANGE, rules.MEMBERS_RANGE,
    ]  # fmt: skip
    assert [rules.employees_problem(v) for v in (0, 100_000, 100_001, -3)] == [
        None, None, rules.EMPLOYEES_RANGE, rules.EMPLOYEES_RANGE,
    ]  # fmt: skip
    assert [rules.month_problem(v) for v in (1, 12, 0, 13)] == [
        None,
        None,
        rules.MONTH_RANGE,
        rules.MONTH_RANGE,
    ]
    assert [rules.members_problem(v) for v in ("12", 1.5, True)] == [rules.WHOLE_NUMBER] * 3


def test_dates_have_happened_since_1900():
    assert rules.past_date_problem(dt.date(1900, 1, 1), today=TODAY) is None
    assert rules.past_date_problem(TODAY, today=TODAY) is None
    assert rules.past_date_problem(dt.date(1899, 12, 31), today=TODAY) == rules.DATE_TOO_EARLY
    assert rules.past_date_problem(TODAY + dt.timedelta(days=1), today=TODAY) == rules.DATE_IN_FUTURE


def test_last_rat_date_has_happened_and_follows_the_legal_date():
    legal = dt.date(1998, 4, 12)
    assert rules.rat_date_problem(dt.date(TODAY.year + 4, 3, 28), legal_date=legal) == rules.DATE_IN_FUTURE
    assert rules.rat_date_problem(dt.date(1997, 3, 28), legal_date=legal) == rules.RAT_BEFORE_LEGAL_DATE
    assert rules.rat_date_problem(legal, legal_date=legal) is None
    assert rules.rat_date_problem(dt.date(1997, 3, 28)) is None


@pytest.mark.parametrize(
    ("current", "new", "code"),
    [
        ("", "aktif", None),
        ("", "dibubarkan", None),
        ("aktif", "tidak_aktif", None),
        ("dibekukan", "aktif", None),
        ("belum_tahu", "aktif", None),
        ("aktif", "aktif", rules.STATUS_SAME),
        ("dibubarkan", "aktif", rules.STATUS_DISSOLVED),
        ("dibubarkan", "tidak_aktif", rules.STATUS_DISSOLVED),
        ("aktif", "belum_tahu", rules.STATUS_TO_UNKNOWN),
        ("aktif", "hidup", rules.STATUS_UNKNOWN),
        ("", "", rules.STATUS_UNKNOWN),
    ],
)
def test_status_transitions(current, new, code):
    assert rules.status_transition_problem(current, new) == code


def test_each_problem_is_worded_in_indonesian_with_its_value():
    with override("id"):
        assert [
            rules.problem_message(rules.NIK_LENGTH, value="12345"),
            rules.problem_message(rules.NIB_LENGTH, value="912000"),
            rules.problem_message(rules.MEMBERS_RANGE, value=99_999_999_999),
            rules.problem_message(rules.DATE_IN_FUTURE, value=dt.date(2030, 3, 28)),
            rules.problem_message(rules.MONEY_NEGATIVE, value=Decimal("-5E+3")),
            rules.problem_message(rules.STATUS_DISSOLVED, value="aktif"),
        ] == [
            "NIK harus 16 digit angka: 12345",
            "NIB harus 13 digit angka: 912000",
            "Jumlah anggota harus antara 0 dan 10.000.000: 99999999999",
            "Tanggal tidak boleh di masa depan: 2030-03-28",
            "Nilai uang tidak boleh negatif: -5000",
            "Koperasi yang sudah dibubarkan tidak dapat diubah statusnya",
        ]
    assert rules.problem_texts(rules.NIB_LENGTH, value="912000")[0] == "NIB harus 13 digit angka: 912000"
    # Every code the rules return has its wording.
    codes = {v for k, v in vars(rules).items() if k.isupper() and isinstance(v, str) and v.islower()}
    assert codes == set(rules.MESSAGES)


def test_changed_problems_judges_only_what_a_write_changes():
    stored = {
        "members_male": 20_000_000,
        "legal_date": dt.date(1998, 4, 12),
        "last_rat_date": dt.date(1997, 1, 1),
    }
    # Values sent back unchanged are not judged again, however they were stored.
    assert rules.changed_problems(dict(stored), stored=stored, today=TODAY) == {}
    with override("id"):
        assert rules.changed_problems(
            {"members_male": 99_999_999_999, "owner_nik": "12345", "capital": Decimal("-1"), "phone": ""},
            stored=stored,
            today=TODAY,
        ) == {
            "members_male": "Jumlah anggota harus antara 0 dan 10.000.000: 99999999999",
            "owner_nik": "NIK harus 16 digit angka: 12345",
            "capital": "Nilai uang tidak boleh negatif: -1",
        }
        # Moving the legal date after the stored last RAT makes that RAT implausible.
        assert rules.changed_problems(
            {"legal_date": dt.date(2020, 1, 1)},
            stored={**stored, "last_rat_date": dt.date(2019, 3, 1)},
            today=TODAY,
        ) == {"last_rat_date": "Tanggal RAT sebelum tanggal badan hukum: 2019-03-01"}


@given(st.text(max_size=30))
def test_identity_rules_answer_a_code_for_any_text(text):
    digits = rules.digits_of(text)
    assert rules.nik_problem(digits) in (None, rules.NIK_LENGTH, rules.NIK_INVALID)
    assert rules.nib_problem(digits) in (None, rules.NIB_LENGTH)
    if rules.nib_problem(digits) is None:
        assert len(digits) == 13 and digits.isdigit()


def test_only_dissolution_takes_a_cooperative_off_the_register():
    from sinergi.registry.rules import on_register

    assert [s for s in ("aktif", "tidak_aktif", "dibekukan", "dibubarkan", "belum_tahu") if on_register(s)] == [
        "aktif",
        "tidak_aktif",
        "dibekukan",
        "belum_tahu",
    ]
