from decimal import Decimal

import pytest

from sinergi.core.money import MoneyError, format_rupiah, parse_money


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rp 1.250.000", Decimal("1250000")),
        ("Rp1.250.000,-", Decimal("1250000")),
        ("1.250.000,50", Decimal("1250000.50")),
        ("1,250,000.50", Decimal("1250000.50")),
        ("1250000", Decimal("1250000")),
        ("Rp 1,5 juta", Decimal("1500000")),
        ("1.5 jt", Decimal("1500000")),
        ("2 miliar", Decimal("2000000000")),
        ("750 rb", Decimal("750000")),
        ("IDR 15.000", Decimal("15000")),
        ("-Rp 5.000", Decimal("-5000")),
        (1250000, Decimal("1250000")),
        (1250000.0, Decimal("1250000.0")),
        (Decimal("12.5"), Decimal("12.5")),
    ],
)
def test_parse_money_reads_indonesian_formats(text, expected):
    assert parse_money(text) == expected


@pytest.mark.parametrize("text", ["", "  ", "-", None])
def test_parse_money_empty_is_none(text):
    assert parse_money(text) is None


@pytest.mark.parametrize("text", ["satu juta", "Rp 1.25.000", "12abc", "1.250.000 dolar", True])
def test_parse_money_rejects_non_money(text):
    with pytest.raises(MoneyError):
        parse_money(text)


def test_format_rupiah_groups_with_dots():
    assert format_rupiah(Decimal("1234567")) == "Rp1.234.567"
    assert format_rupiah(Decimal("1234567.5"), decimals=True) == "Rp1.234.567,50"
    assert format_rupiah(Decimal("-2500")) == "-Rp2.500"
    assert format_rupiah(None) == "–"
