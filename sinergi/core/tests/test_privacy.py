import pytest

from sinergi.core.privacy import (
    PERSONAL_FIELDS,
    mark_masked_header,
    mask,
    mask_address,
    mask_email,
    mask_nik,
    mask_phone,
    masked_form,
    read_masked_header,
)


def test_mask_nik_keeps_region_and_serial():
    assert mask_nik("3271010101900001") == "3271********0001"
    assert mask_nik("1234567") == "*******"
    assert mask_nik("") == "" and mask_nik(None) == ""


def test_mask_phone_address_and_email():
    assert mask_phone("6281234567890") == "6281******890"
    assert mask_phone(None) == ""
    assert mask_address("Gg. Mawar RT 02/05") == "******"
    assert mask_address("") == ""
    assert mask_email("euis@example.com") == "e***@example.com"
    assert mask_email("not-an-address") == ""


def test_mask_picks_the_masker_by_field_name():
    assert mask("owner_nik", "3271064107850003") == "3271********0003"
    assert mask("nik", "3271064107850003") == "3271********0003"
    assert mask("phone", "6281234567890") == "6281******890"
    assert mask("address", "Jl. Pajajaran 12") == "******"
    assert mask("email", "euis@example.com") == "e***@example.com"
    assert {
        "nik", "owner_nik", "phone", "owner_phone", "address", "owner_address", "email", "owner_email",
    } == PERSONAL_FIELDS  # fmt: skip


@pytest.mark.parametrize(
    ("field", "real"),
    [
        ("owner_nik", "3271064107850003"),
        ("nik", "3271060101800001"),
        ("phone", "6281234567890"),
        ("address", "Gg. Mawar RT 02/05"),
        ("email", "euis@example.com"),
    ],
)
def test_the_maskers_own_form_is_recognised_and_the_real_value_is_not(field, real):
    assert masked_form(field, mask(field, real)) is True
    assert masked_form(field, real) is False


def test_a_star_is_masked_only_in_the_maskers_form():
    # Stars that are part of real data, or in another field's form, do not count as masked.
    assert masked_form("address", "Blok A* No. 3") is False
    assert masked_form("address", "***") is False
    assert masked_form("owner_nik", "3271*0003") is True
    assert masked_form("owner_nik", "32ab********0003") is False
    assert masked_form("phone", "3271********0001") is False
    assert masked_form("email", "euis*@example.com") is False
    assert masked_form("owner_name", "E****") is False
    assert masked_form("owner_nik", 3271) is False


def test_masked_header_mark_round_trips():
    assert mark_masked_header("NIK Pemilik") == "NIK Pemilik (tersamar)"
    assert read_masked_header("NIK Pemilik (tersamar)") == ("NIK Pemilik", True)
    assert read_masked_header(" No. HP/WhatsApp  (TERSAMAR) ") == ("No. HP/WhatsApp", True)
    assert read_masked_header("NIK Pemilik") == ("NIK Pemilik", False)
    assert read_masked_header(None) == ("", False)
