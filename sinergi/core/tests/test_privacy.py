from sinergi.core.privacy import is_masked, mask_email, mask_nik, mask_phone


def test_mask_nik_keeps_region_and_serial():
    assert mask_nik("3271010101900001") == "3271********0001"
    assert is_masked(mask_nik("3271010101900001"))
    assert not is_masked("3271010101900001")


def test_mask_phone_and_email():
    assert mask_phone("6281234567890") == "6281******890"
    assert mask_email("euis@example.com") == "e***@example.com"
    assert mask_nik("") == "" and mask_phone(None) == ""
