"""Duplicate matching (pure): words, blocks and scores for businesses and cooperatives."""

import pytest

from sinergi.registry.keys import legal_match_key, name_key
from sinergi.registry.matching import (
    Record,
    address_similarity,
    distinctive_words,
    find_pairs,
    first_word,
    score,
)


def test_first_word_skips_generic_words():
    assert first_word("toko kelontong berkah") == "kelontong"
    assert first_word("ksp mekar jaya") == "mekar"


def test_same_business_spelled_twice_is_paired_with_reasons():
    a = Record(
        1, "keripik singkong bu imas", "32.71.06", "32.71", owner="Imas Rahmawati", phone="6281311112222"
    )
    b = Record(2, "kripik singkong ibu imas", "32.71.06", "32.71", owner="Imas R", phone="6281311112222")
    c = Record(3, "bengkel motor jaya", "32.71.06", "32.71", owner="Dedi", phone="6281299990000")
    pairs = find_pairs([a, b, c])
    assert [(p.left, p.right) for p in pairs] == [(1, 2)]
    assert pairs[0].reasons["phone"] == "same"


def test_different_legal_numbers_are_never_duplicates():
    a = Record(1, "toko berkah", "32.71.06", number="9120000000001")
    b = Record(2, "toko berkah", "32.71.06", number="9120000000002")
    assert score(a, b)[0] == 0.0
    assert find_pairs([a, b]) == []


def test_only_limits_to_new_rows():
    a = Record(1, "bakso mang ujang", "32.71.01")
    b = Record(2, "bakso mang ujang", "32.71.01")
    c = Record(3, "bakso mang ujang", "32.71.01")
    assert {(p.left, p.right) for p in find_pairs([a, b, c], only={3})} == {(1, 3), (2, 3)}


# --- cooperatives ---------------------------------------------------------------------------------


def coop(pk, name, district="32.01.05", **fields) -> Record:
    """A cooperative as the scan reads it from the registry (Kabupaten Bogor, one kecamatan)."""
    legal = fields.pop("legal", "")
    return Record(pk, name_key(name), district, district[:5], legal=legal_match_key(legal), **fields)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("Koperasi Konsumen Pasir Mulia Sejahtera", ("pasir", "mulia", "sejahtera")),
        ("Kop. Pasir Mulia Sejahtera", ("pasir", "mulia", "sejahtera")),
        ("KOPKAR Pasir Mulia", ("pasir", "mulia")),
        ("Kopeg Pasir Mulia", ("pasir", "mulia")),
        ("KPRI Pasir Mulia", ("pasir", "mulia")),
        ("Koperasi Pegawai Republik Indonesia Pasir Mulia", ("pasir", "mulia")),
        ("KPN Pasir Mulia", ("pasir", "mulia")),
        ("Koperasi Pegawai Negeri Pasir Mulia", ("pasir", "mulia")),
        ("KUD Pasir Mulia", ("pasir", "mulia")),
        ("Koperasi Unit Desa Pasir Mulia", ("pasir", "mulia")),
        ("KSP Pasir Mulia", ("pasir", "mulia")),
        ("Koperasi Simpan Pinjam Pasir Mulia", ("pasir", "mulia")),
        ("KSPPS Pasir Mulia", ("pasir", "mulia")),
        ("KSU Pasir Mulia", ("pasir", "mulia")),
        ("Koperasi Serba Usaha Pasir Mulia", ("pasir", "mulia")),
        ("KBMT Pasir Mulia", ("pasir", "mulia")),
        ("BMT Pasir Mulia", ("pasir", "mulia")),
        ("Koperasi Pegawai Pasir Mulia", ("pasir", "mulia")),
        ("Koperasi Karyawan Pasir Mulia", ("pasir", "mulia")),
        ("Koperasi Primer Pasir Mulia", ("pasir", "mulia")),
        # Ejaan lama reads as today's spelling.
        ("KUD Sedjahtera Djaja", ("sejahtera", "jaja")),
        ("Koperasi Simpan Pindjam Rahajoe", ("rahaju",)),
        ("KUD Sejahtera Jaya", ("sejahtera", "jaja")),
        # "Desa" alone is a word of the name, not a type.
        ("Koperasi Desa Mekar", ("desa", "mekar")),
    ],
)
def test_cooperative_type_words_are_generic(name, words):
    assert distinctive_words(name_key(name)) == words


def test_konsumen_pasir_mulia_sejahtera_is_flagged():
    # The ministry's export and the office's sheet name one cooperative of Kecamatan Citeureup.
    ministry = coop(1, "Koperasi Konsumen Pasir Mulia Sejahtera", address="Jl. Pasir Mulia No. 12",
                    number="3201050010001", legal="518/13/BH/PERINDAGKOP", legal_date="1987-03-12")  # fmt: skip
    office = coop(2, "Koperasi Pasir Mulia Sejahtera", address="Jalan Pasir Mulia No.12 RT 03/04",
                  legal="No. 518/13/BH/PERINDAGKOP", legal_date="1987-03-12")  # fmt: skip
    pairs = find_pairs([ministry, office])
    assert [(p.left, p.right, p.score) for p in pairs] == [(1, 2, 100.0)]
    assert pairs[0].reasons == {"name": 100.0, "legal": "same", "legal_date": "same", "address": 100.0}
    # With nothing but the names, too.
    bare = find_pairs(
        [coop(3, "Koperasi Konsumen Pasir Mulia Sejahtera"), coop(4, "Koperasi Pasir Mulia Sejahtera")]
    )
    assert [(p.left, p.right, p.score, p.reasons) for p in bare] == [(3, 4, 100.0, {"name": 100.0})]


def test_namesake_cooperatives_in_one_kecamatan_are_not_flagged():
    mekar = coop(1, "KUD Mekar", address="Jl. Raya Citeureup No. 41", legal="12/BH/KWK.10/1979",
                 legal_date="1979-05-02")  # fmt: skip
    makmur = coop(2, "KUD Makmur", address="Kp. Babakan RT 02/05", legal="77/BH/KWK.10/1981",
                  legal_date="1981-11-20")  # fmt: skip
    assert score(mekar, makmur)[0] < 85
    # One brand, two cooperatives: another type, another address, another legal entity.
    ksp = coop(3, "KSP Mekar Jaya", address="Jl. Mayor Oking No. 7", legal="518/13/BH/PERINDAGKOP",
               legal_date="1990-02-01")  # fmt: skip
    kud = coop(4, "KUD Mekar Jaya", address="Jl. Tajur No. 120", legal="518/13/BH/PERINDAGKOP",
               legal_date="1984-07-16")  # fmt: skip
    assert score(ksp, kud) == (
        75.0,
        {"name": 100.0, "legal": "same", "legal_date": "different", "address": 0.0},
    )
    # A company's employees and the civil servants of a district: two memberships.
    kopkar = coop(5, "Kopkar Sejahtera")
    kpri = coop(6, "KPRI Sejahtera")
    assert score(kopkar, kpri) == (80.0, {"name": 100.0, "group": "different"})
    # The union of a city's KPRI shares its address with one of them.
    pkpri = coop(7, "PKPRI Kota Bogor", "32.71.03", address="Jl. Pajajaran No. 5")
    kpri_kota = coop(8, "KPRI Kota Bogor", "32.71.03", address="Jl. Pajajaran No. 5")
    assert score(pkpri, kpri_kota) == (75.0, {"name": 100.0, "tier": "different", "address": 100.0})
    assert find_pairs([mekar, makmur, ksp, kud, kopkar, kpri, pkpri, kpri_kota]) == []


def test_a_repeated_old_legal_number_is_a_hint_not_an_identity():
    # Old local numbers were issued again: another name and date is another cooperative.
    a = coop(1, "KUD Sugih Mukti", legal="518/13/BH/PERINDAGKOP", legal_date="1979-04-02")
    b = coop(2, "Koperasi Harapan Kita", legal="518/13/BH/PERINDAGKOP", legal_date="1983-09-15")
    assert find_pairs([a, b]) == []
    # The same number and date with the same name pairs across kecamatan (moved, or placed
    # once by its office and once by its village).
    c = coop(3, "KSU Sauyunan", "32.01.05", legal="518/13/BH/PERINDAGKOP", legal_date="1985-01-10")
    d = coop(4, "Koperasi Serba Usaha Sauyunan", "32.01.06", legal="518 / 13 / BH / Perindagkop",
             legal_date="1985-01-10")  # fmt: skip
    pairs = find_pairs([c, d])
    assert [(p.left, p.right, p.score) for p in pairs] == [(3, 4, 100.0)]
    assert pairs[0].reasons == {"name": 100.0, "legal": "same", "legal_date": "same", "district": "different"}


def test_blocks_by_legal_number_and_address_not_only_the_first_word():
    # "Wargi" and "Pasir" start the names: no name block is shared.
    a = coop(1, "Koperasi Wargi Pasir Mulia", legal="518/13/BH/PERINDAGKOP", legal_date="1986-06-30")
    b = coop(2, "Koperasi Pasir Mulia", legal="No. 518/13/BH/PERINDAGKOP", legal_date="1986-06-30")
    assert [(p.left, p.right) for p in find_pairs([a, b])] == [(1, 2)]
    c = coop(3, "Koperasi Sinar Pasir Mulia", address="Jl. Cikuda No. 8")
    d = coop(4, "KSP Pasir Mulia", address="Jalan Cikuda No 8, RT 01/02")
    assert [(p.left, p.right, p.score) for p in find_pairs([c, d])] == [(3, 4, 100.0)]


def test_legal_match_key_reads_one_number_written_many_ways():
    same = [
        "518/BH/XIII/1998",
        "No. 518/BH/XIII/98",
        "518.BH.XIII.1998",
        "518 / bh / xiii / 1998",
        "0518/BH/XIII/1998",
    ]
    assert {legal_match_key(n) for n in same} == {"518/BH/XIII/98"}
    assert legal_match_key("518/13/BH/PERINDAGKOP") == "518/13/BH/PERINDAGKOP"
    assert legal_match_key("518/BH/XIII.4/1998") != legal_match_key("518/BH/XIII/1998")
    assert [legal_match_key(n) for n in ("", "-", "0", "BH", None)] == ["", "", "", "", ""]


def test_house_numbers_must_agree():
    assert address_similarity("Jl. Rahayu No. 143", "Jl. Rahayu No. 130") == 0.0
    assert address_similarity("Jl. Djuanda No. 5", "Jalan Juanda 5") == 100.0
