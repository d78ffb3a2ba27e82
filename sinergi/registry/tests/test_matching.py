from sinergi.registry.matching import Record, find_pairs, first_word, score


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
