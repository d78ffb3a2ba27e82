"""Matchmaking ranks hand-built cases exactly, with the reasons that make up each score."""

from sinergi.partnerships import matching
from sinergi.partnerships.matching import Criteria, Profile

UMKM = Profile(id=1, name="Keripik Talas Bu Euis", kind="umkm", region_code="32.71.06.1003",
               clusters=frozenset({7}), kbli=("10794",), scale="mikro")  # fmt: skip


def test_umkm_needing_capital_and_marketing_ranks_by_place_cluster_sector_and_scope():
    candidates = [
        # Same kecamatan, same cluster, food sector, runs an outlet: 30 + 25 + 20 + 20 = 95.
        Profile(id=10, name="Koperasi Talas Sareal", kind="cooperative", region_code="32.71.06.1001",
                clusters=frozenset({7}), kbli=("10799", "47111"), has_outlet=True),
        # A bank in the same city: 10 + 25 = 35.
        Profile(id=11, name="Bank BJB Kantor Cabang Bogor", kind="bank", region_code="32.71.03.1006"),
        # Same kecamatan, no outlet, another sector: 30.
        Profile(id=12, name="Koperasi Karyawan Pabrik", kind="cooperative", region_code="32.71.06.1004",
                kbli=("64141",)),
        # Another regency, another sector, no outlet: nothing, left out.
        Profile(id=13, name="Koperasi Jauh", kind="cooperative", region_code="32.73.02.1004"),
        # A company with an outlet in the same city: 10 + 20 = 30, ties with id 12 and sorts by name.
        Profile(id=14, name="Mal Bogor Trade Mall (BTM)", kind="company", region_code="32.71.03.1002",
                has_outlet=True),
        # Another UMKM is never suggested to a UMKM.
        Profile(id=15, name="Dodol Bu Enok", kind="umkm", region_code="32.71.06.1003", clusters=frozenset({7})),
    ]  # fmt: skip
    found = matching.for_umkm(UMKM, candidates, frozenset({"capital", "marketing"}))
    assert [(m.candidate.id, m.score) for m in found] == [(10, 95), (11, 35), (12, 30), (14, 30)]
    assert found[0].reasons == (
        (30, "same_district"), (25, "same_cluster"), (20, "sector"), (20, "scope_market")
    )  # fmt: skip
    assert found[1].reasons == ((10, "same_regency"), (25, "scope_capital"))


def test_a_bank_is_not_suggested_to_a_umkm_that_does_not_need_capital():
    bank = Profile(id=11, name="Bank BJB", kind="bank", region_code="32.71.06.1001")
    assert matching.for_umkm(UMKM, [bank], frozenset({"marketing"})) == []
    assert [m.score for m in matching.for_umkm(UMKM, [bank], frozenset({"capital"}))] == [55]


def test_cooperative_recruits_umkm_near_it_with_products_first():
    coop = Profile(id=1, name="Koperasi Talas Sareal", kind="cooperative", region_code="32.71.06.1001",
                   clusters=frozenset({7}), kbli=("10799",))  # fmt: skip
    candidates = [
        Profile(id=20, name="Aneka Talas", kind="umkm", region_code="32.71.06.1003", has_products=True,
                is_member=True),  # 30 + 15 = 45
        Profile(id=21, name="Bolu Talas Sangkuriang", kind="umkm", region_code="32.71.01.1001",
                clusters=frozenset({7}), kbli=("10710",), has_products=True),  # 10 + 25 + 20 + 15 + 10 = 80
        Profile(id=22, name="Warung Bu Imas", kind="umkm", region_code="32.71.06.1002"),  # 30 + 10 = 40
        Profile(id=23, name="Kopi Bandung", kind="umkm", region_code="32.73.02.1004", has_products=True),
        Profile(id=24, name="Koperasi Lain", kind="cooperative", region_code="32.71.06.1001"),
    ]  # fmt: skip
    found = matching.for_cooperative(coop, candidates)
    assert [(m.candidate.id, m.score) for m in found] == [(21, 80), (20, 45), (22, 40)]
    assert found[2].reasons == ((30, "same_district"), (10, "not_member"))


def test_bank_lending_criteria_scale_sector_and_health():
    bank = Profile(id=1, name="Bank BJB", kind="bank", region_code="32.71.03.1006")
    criteria = Criteria(scales=frozenset({"mikro", "kecil"}), kbli_prefixes=("10",),
                        predicates=frozenset({"sehat", "cukup_sehat"}))  # fmt: skip
    candidates = [
        Profile(id=30, name="Keripik Talas", kind="umkm", region_code="32.71.03.1002", kbli=("10794",),
                scale="mikro"),  # 30 + 25 + 20 = 75
        Profile(id=31, name="Pabrik Besar", kind="umkm", region_code="32.71.03.1002", kbli=("10794",),
                scale="menengah"),  # 30 + 20 = 50
        Profile(id=32, name="Koperasi Sehat", kind="cooperative", region_code="32.71.06.1001",
                predicate="sehat"),  # 10 + 20 = 30
        Profile(id=33, name="Koperasi Lemah", kind="cooperative", region_code="32.71.03.1002",
                predicate="dalam_pengawasan"),  # refused by health: left out
        Profile(id=34, name="Koperasi Belum Dinilai", kind="cooperative", region_code="32.71.03.1002"),
        Profile(id=35, name="Toko Jauh", kind="umkm", region_code="32.73.02.1004", scale="kecil"),  # 25
    ]  # fmt: skip
    found = matching.for_bank(bank, candidates, criteria)
    assert [(m.candidate.id, m.score) for m in found] == [(30, 75), (31, 50), (32, 30), (35, 25)]
    assert found[0].reasons == ((30, "same_district"), (25, "scale_fit"), (20, "lending_sector"))
