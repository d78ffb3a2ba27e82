import datetime as dt
from decimal import Decimal

import pytest

from sinergi.registry import cells


def test_nik_checks_length_region_and_birth_date():
    assert cells.nik("3271064107850003") == "3271064107850003"
    assert cells.nik("3271 0641 0785 0003") == "3271064107850003"
    with pytest.raises(cells.CellError, match="16 digit"):
        cells.nik("12345")
    with pytest.raises(cells.CellError, match="tidak valid"):
        cells.nik("3271069913850003")  # month 13
    with pytest.raises(cells.CellError, match="sebagai angka"):
        cells.nik(3271064107850003.0)
    # A masked value counts as masked only in a masked export's marked column (the pipeline decides).
    with pytest.raises(cells.CellError, match="16 digit"):
        cells.nik("3271********0003")


def test_nib_and_nik_koperasi():
    assert cells.nib("9120001234567") == "9120001234567"
    with pytest.raises(cells.CellError, match="13 digit"):
        cells.nib("912000123456")
    assert cells.nik_koperasi("3271060010001") == "3271060010001"
    with pytest.raises(cells.CellError):
        cells.nik_koperasi("ABC")


def test_phone_normalised_to_whatsapp():
    assert cells.phone("0812-3456-7890") == "6281234567890"
    assert cells.phone("+62 812 3456 7890") == "6281234567890"
    with pytest.raises(cells.CellError):
        cells.phone("0812")
    with pytest.raises(cells.CellError):
        cells.phone("6281******890")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Rp 1.250.000", Decimal("1250000")), ("15 jt", Decimal("15000000")), (1250000.0, Decimal("1250000.0"))],
)
def test_money(text, expected):
    assert cells.money(text) == expected


def test_money_rejects_negative_and_text():
    with pytest.raises(cells.CellError, match="negatif"):
        cells.money("-5000")
    with pytest.raises(cells.CellError, match="Bukan nilai uang"):
        cells.money("lima ribu")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-31", dt.date(2024, 3, 31)),
        ("31/03/2024", dt.date(2024, 3, 31)),
        ("31-3-2024", dt.date(2024, 3, 31)),
        ("31 Maret 2024", dt.date(2024, 3, 31)),
        ("1 Agustus 2015", dt.date(2015, 8, 1)),
        ("2015", dt.date(2015, 1, 1)),
        (2015.0, dt.date(2015, 1, 1)),
        (45382, dt.date(2024, 3, 31)),
        (dt.datetime(2020, 5, 6, 10, 0), dt.date(2020, 5, 6)),
    ],
)
def test_dates_in_office_formats(value, expected):
    assert cells.date(value) == expected


@pytest.mark.parametrize("value", ["31/13/2024", "kemarin", "1850-01-01", "2024/31/03x"])
def test_bad_dates(value):
    with pytest.raises(cells.CellError):
        cells.date(value)


def test_choices_accept_office_spellings():
    assert cells.GENDER("Perempuan") == "P" and cells.GENDER("l") == "L"
    assert cells.BUSINESS_STATUS("Non-Aktif") == "tidak_aktif"
    assert cells.COOPERATIVE_TYPE("KSP") == "simpan_pinjam"
    assert cells.COOPERATIVE_GROUP("TNI/Polri") == "tni_polri"
    with pytest.raises(cells.CellError, match="pilihan"):
        cells.GENDER("X")


def test_kbli_and_count():
    assert cells.kbli("10792; 47111") == "10792,47111"
    with pytest.raises(cells.CellError):
        cells.kbli("abc")
    assert cells.count("1.200") == 1200 and cells.count(3.0) == 3
    with pytest.raises(cells.CellError):
        cells.count("3,5 orang")


@pytest.mark.parametrize("value", ["-", "0", 0, "N/A", "n/a", " Tidak  Ada ", "BELUM ADA", "—", "--", "000"])
def test_placeholders_are_blank_in_identity_phone_and_email_cells(value):
    for parse in (cells.nik, cells.nib, cells.nik_koperasi, cells.phone, cells.email):
        with pytest.raises(cells.Blank):
            parse(value)


@pytest.mark.parametrize("value", ["0000-00-00", "00-00-0000", "00/00/0000", "0000-00-00 00:00:00"])
def test_zero_dates_are_blank(value):
    with pytest.raises(cells.Blank):
        cells.date(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0812 3456 7890, 0813 1111 2222", "6281234567890"),
        ("0812-3456-7890 / 0856 1111 2222", "6281234567890"),
        ("0812 / 0856 1111 2222", "6285611112222"),
        ("0856 1111 2222 atau 0812 3456 7890", "6285611112222"),
    ],
)
def test_a_cell_with_several_phone_numbers_keeps_the_first_valid_one(value, expected):
    assert cells.phone(value) == expected


def test_an_email_in_the_phone_cell_is_handed_over():
    with pytest.raises(cells.EmailInPhone) as found:
        cells.phone(" Kop.Maju@Gmail.com ")
    assert found.value.address == "kop.maju@gmail.com"


def test_email_cells():
    assert cells.email("Info@Koperasi-Maju.co.id") == "info@koperasi-maju.co.id"
    with pytest.raises(cells.CellError, match="Alamat e-mail tidak valid: info@"):
        cells.email("info@")


@pytest.mark.parametrize(
    ("parse", "value", "expected"),
    [
        (cells.COOPERATIVE_FORM, "Primer Kabupaten/Kota", "primer"),
        (cells.COOPERATIVE_FORM, "Primer Provinsi", "primer"),
        (cells.COOPERATIVE_FORM, "Primer Nasional", "primer"),
        (cells.COOPERATIVE_FORM, "Sekunder Provinsi", "sekunder"),
        (cells.COOPERATIVE_GROUP, "Kop. Simpan Pinjam", cells.Routed("cooperative_type", "simpan_pinjam")),
        (cells.COOPERATIVE_GROUP, "Kop. Serba Usaha", cells.Routed("cooperative_type", "serba_usaha")),
        (cells.COOPERATIVE_GROUP, "Kop. Konsumen", cells.Routed("cooperative_type", "konsumen")),
        (cells.COOPERATIVE_GROUP, "Kop. Produsen", cells.Routed("cooperative_type", "produsen")),
        (cells.COOPERATIVE_GROUP, "Kop. Pemasaran", cells.Routed("cooperative_type", "pemasaran")),
        (cells.COOPERATIVE_GROUP, "Kop. Jasa", cells.Routed("cooperative_type", "jasa")),
        (cells.COOPERATIVE_GROUP, "Koperasi Karyawan", "karyawan"),
        (cells.COOPERATIVE_TYPE, "Koperasi Unit Desa (KUD)", cells.Routed("group", "desa")),
        (cells.COOPERATIVE_TYPE, "Kop. Simpan Pinjam", "simpan_pinjam"),
        (cells.COOPERATIVE_STATUS, "Belum diketahui", "belum_tahu"),
    ],
)
def test_the_ministrys_classifications(parse, value, expected):
    assert parse(value) == expected
