"""The text rule: what it refuses, how it words it, and that the published pattern says the same."""

import re

import pytest

from sinergi.core import text
from sinergi.core.text import (
    MULTI_LINE_PATTERN,
    SINGLE_LINE_PATTERN,
    TEXT_BIDI,
    TEXT_CONTROL,
    TEXT_INVISIBLE,
    TEXT_LINE_BREAK,
    TEXT_UNENCODABLE,
    problem_message,
    problem_texts,
    text_problem,
)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "Koperasi Serba Usaha \"Maju Jaya\" (KSU)",
        "Jl. K.H. Sholeh Iskandar No. 2, RT 01/RW 02",
        "Café Kopi Luwak – Ibu Ani",
        "Toko\u00a0Roti",  # a non-breaking space, as word processors type it
        "Warung 🍜 Bu Euis",
        "مطعم",
        "3271-0641-0785-0003",
    ],
)
def test_ordinary_text_passes(value):
    assert text_problem(value) is None
    assert text_problem(value, multiline=True) is None


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("Kop\x00Maju", TEXT_CONTROL),
        ("\x1b[31mMerah", TEXT_CONTROL),
        ("Hapus\x7f", TEXT_CONTROL),
        ("Baris\x85baru", TEXT_CONTROL),
        ("Dua\nbaris", TEXT_LINE_BREAK),
        ("Ada\ttab", TEXT_LINE_BREAK),
        ("Ada\rCR", TEXT_LINE_BREAK),
        ("KSP \u202eayaJ rakeM", TEXT_BIDI),
        ("Nama\u2066tersembunyi\u2069", TEXT_BIDI),
        ("3271\u200b064107850003", TEXT_INVISIBLE),
        ("\ufeffKoperasi", TEXT_INVISIBLE),
        ("Nama\u200dGabung", TEXT_INVISIBLE),
        ("Putus\ud800", TEXT_UNENCODABLE),
    ],
)
def test_refused_characters(value, code):
    assert text_problem(value) == code


def test_line_breaks_and_tabs_only_where_text_may_span_lines():
    assert text_problem("Alasan:\r\n\tdibekukan", multiline=True) is None
    assert text_problem("Alasan:\r\n\tdibekukan") == TEXT_LINE_BREAK
    assert text_problem("Alasan\x00", multiline=True) == TEXT_CONTROL
    assert text_problem("Alasan\u202e", multiline=True) == TEXT_BIDI


def test_the_message_names_the_character_in_indonesian():
    assert problem_message(TEXT_CONTROL, value="Kop\x00Maju") == (
        "Teks mengandung karakter kendali yang tidak terlihat (U+0000). Hapus karakter itu lalu coba lagi."
    )
    assert problem_message(TEXT_BIDI, value="KSP \u202eJaya") == (
        "Teks mengandung karakter pembalik arah tulisan (U+202E) yang bisa menyamarkan isinya. "
        "Hapus karakter itu lalu coba lagi."
    )
    assert problem_message(TEXT_LINE_BREAK, value="a\nb") == (
        "Teks ini harus satu baris, tanpa baris baru atau tab (U+000A)."
    )
    indonesian, _english = problem_texts(TEXT_INVISIBLE, value="a\u200bb")
    assert indonesian == (
        "Teks mengandung karakter tanpa lebar yang tidak terlihat (U+200B). Hapus karakter itu lalu coba lagi."
    )


def test_every_refused_character_is_unprintable():
    """The rule's fast path lets printable text through at once: no refused character may be
    printable, or it would slip past."""
    for point in range(0x10000):
        char = chr(point)
        if text_problem(char, multiline=True) is not None or text_problem(char) is not None:
            assert not char.isprintable(), f"U+{point:04X}"


def test_the_published_patterns_are_the_rule():
    """The pattern the API publishes refuses exactly what the rule refuses (lone surrogates aside,
    which a JSON document cannot carry as text)."""
    single, multi = re.compile(SINGLE_LINE_PATTERN), re.compile(MULTI_LINE_PATTERN)
    for point in [*range(0x3000), *range(0xFE00, 0x10000)]:
        if 0xD800 <= point <= 0xDFFF:
            continue
        char = chr(point)
        assert (single.fullmatch(char) is not None) == (text_problem(char) is None), f"U+{point:04X}"
        assert (multi.fullmatch(char) is not None) == (text_problem(char, multiline=True) is None), (
            f"U+{point:04X}"
        )


def test_every_code_has_a_message():
    codes = {TEXT_CONTROL, TEXT_LINE_BREAK, TEXT_BIDI, TEXT_INVISIBLE, TEXT_UNENCODABLE}
    assert set(text.MESSAGES) == codes
