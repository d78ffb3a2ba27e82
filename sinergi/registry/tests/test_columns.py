from sinergi.registry.columns import compact, match_headers


def test_header_matching_tolerates_case_spacing_punctuation_and_synonyms():
    headers = ["No", "nama_umkm", "Pemilik", "NIK", "JK", "Desa/Kelurahan", "Kec.", "Kab/Kota", "No Telp", "Modal",
               "Omset", "Keterangan lain"]  # fmt: skip
    match = match_headers("umkm", headers)
    assert match.positions == {
        "name": 1, "owner_name": 2, "owner_nik": 3, "owner_gender": 4, "village": 5, "district": 6, "regency": 7,
        "phone": 8, "capital": 9, "annual_sales": 10,
    }  # fmt: skip
    assert match.unknown == ("Keterangan lain",)
    assert match.missing_required == ()


def test_missing_required_and_duplicated_columns():
    match = match_headers("member", ["Nama", "NIK", "nama"])
    assert match.missing_required == ("NIK Koperasi", "Nomor Anggota")
    assert match.duplicated == ("nama",)


def test_compact():
    assert compact("No. HP/WhatsApp") == "nohpwhatsapp"
