"""How well duplicate matching finds re-registered businesses and cooperatives and leaves
namesakes alone (no database).

The synthetic generator re-registers about 1% of businesses the way a clerk would enter one twice
(same owner, NIK and phone, another spelling of the name, no NIB). Businesses in a few kecamatan
are crowded enough that many genuinely different ones share a name pattern ("Opak Cibuluh",
"Warung Sembako Ibu Ratna"); those must not be paired.

Cooperatives are registered twice the way a second list records them (the ministry's export beside
the office's sheet): the type spelt out or abbreviated ("KSP" / "Koperasi Simpan Pinjam", "Kopkar",
"Koperasi Konsumen …"), the village added or dropped, old spelling, no NIK Koperasi, the legal
number typed another way or the amendment's, the address written another way or missing. The
generator's cooperatives share a few dozen brand names ("Mekar Jaya", "Sauyunan"), and one in
twenty carries an old local legal number that others of its regency carry too.
"""

import datetime as dt
import time

import pytest

from sinergi.registry.keys import legal_match_key, name_key
from sinergi.registry.matching import (
    Record,
    address_similarity,
    find_pairs,
    name_similarity,
    owner_similarity,
    score,
    skeleton,
)
from sinergi.registry.synthetic import Generator

KECAMATAN = ("32.71.01", "32.71.02", "32.71.03")  # Bogor Selatan, Bogor Timur, Bogor Tengah


def planted(seed: int, count: int = 3000) -> tuple[list[Record], set[tuple[int, int]]]:
    """Generated businesses as match records, and the (original, re-registration) pairs."""
    generator = Generator(seed, KECAMATAN)
    records: list[Record] = []
    truth: set[tuple[int, int]] = set()
    original: Record | None = None
    for number, row in enumerate(generator.businesses(count, duplicate_share=0.01), start=1):
        parts = row["Kode Wilayah"].split(".")
        record = Record(
            id=number,
            name_key=name_key(row["Nama Usaha"]),
            district=".".join(parts[:3]),
            regency=".".join(parts[:2]),
            owner=row["Nama Pemilik"],
            address=row["Alamat"],
            phone=row["No. HP/WhatsApp"],
            nik=row["NIK Pemilik"],
            number=row["NIB"],
        )
        # businesses() yields a re-registration right after the row it copies.
        if original is not None and row["Alamat"] == original.address + " (dekat masjid)":
            truth.add((original.id, record.id))
        else:
            original = record
        records.append(record)
    return records, truth


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_precision_and_recall_on_planted_duplicates(seed):
    records, truth = planted(seed)
    assert len(truth) >= 20  # the sample really holds duplicates to find
    started = time.perf_counter()
    found = {(p.left, p.right) for p in find_pairs(records)}
    assert time.perf_counter() - started < 10
    hits = len(found & truth)
    precision, recall = hits / len(found), hits / len(truth)
    assert precision >= 0.95, (precision, sorted(found - truth))
    assert recall >= 0.95, (recall, sorted(truth - found))


def test_namesakes_in_one_kecamatan_are_not_paired():
    # Same product-and-village name, two owners: two businesses, even without NIK or phone.
    a = Record(1, "opak cibuluh", "32.71.01", "32.71", owner="Oman Sobari", address="Kp. Hakim RT 02/01")
    b = Record(2, "opak cibuluh", "32.71.01", "32.71", owner="Ratna Gunawan", address="Kp. Hermawan RT 05/01")
    assert score(a, b)[0] < 85
    # The owner's first name in the business name does not make two owners one.
    c = Record(3, "asinan ibu ratna", "32.71.01", "32.71", owner="Ratna Supriatna")
    d = Record(4, "asinan bu ratna", "32.71.01", "32.71", owner="Ratna Gunawan")
    assert owner_similarity(c.owner, d.owner) < 60 and score(c, d)[0] < 85


def test_different_owner_nik_outweighs_a_same_name():
    a = Record(1, "batagor kang asep", "32.71.01", "32.71", nik="3271010101800001")
    b = Record(2, "batagor kang asep", "32.71.01", "32.71", nik="3271010101800002")
    value, reasons = score(a, b)
    assert (value, reasons["owner_nik"]) == (60.0, "different")


def test_same_phone_or_nik_confirms_a_respelling():
    a = Record(
        1, "keripik singkong bu imas", "32.71.06", "32.71", owner="Imas Rahmawati", nik="3271064107850003"
    )
    b = Record(2, "kripik singkong ibu imas 2", "32.71.06", "32.71", owner="Imas R", nik="3271064107850003")
    assert [(p.left, p.right) for p in find_pairs([a, b])] == [(1, 2)]
    assert score(a, b)[1] == {"name": 92.3, "owner_nik": "same", "owner": 100.0}


def test_word_measures():
    assert skeleton("keripik") == skeleton("kripik") == "krpk"
    assert name_similarity("warung sembako ibu ratna", "warung sembako ibu eti") < 50
    assert name_similarity("toko kelontong berkah", "tk kelontong berkah cabang") == 100.0
    assert address_similarity("Kp. Cibuluh RT 02/06", "Kampung Cibuluh RT 2/6 (dekat masjid)") == 100.0
    assert address_similarity("Kp. Hakim RT 02/01", "Kp. Sumarni RT 06/11") < 60


def test_a_record_passed_twice_is_paired_once():
    # An import passes its new rows beside the stored rows of their kecamatan, which may hold them.
    a = Record(1, "bakso mang ujang", "32.71.01", "32.71", owner="Ujang Suryana", phone="6281311112222")
    b = Record(2, "bakso mang ujang 2", "32.71.01", "32.71", owner="Ujang Suryana", phone="6281311112222")
    assert [(p.left, p.right) for p in find_pairs([a, b, a, b], only={2})] == [(1, 2)]


def test_a_common_name_word_still_pairs_through_the_owner(monkeypatch):
    from sinergi.registry import matching

    monkeypatch.setattr(matching, "MAX_BLOCK", 3)  # the "bakso" block is now too common to compare
    rows = [
        Record(1, "bakso mang ujang", "32.71.01", "32.71", owner="Ujang Suryana"),
        Record(2, "bakso mang ujang 2", "32.71.01", "32.71", owner="Ujang Suryana"),
        Record(3, "bakso malang", "32.71.01", "32.71", owner="Dedi Hermawan"),
        Record(4, "bakso urat", "32.71.01", "32.71", owner="Asep Hidayat"),
    ]
    assert [(p.left, p.right) for p in find_pairs(rows)] == [(1, 2)]


def planted_cooperatives(seed: int, count: int, prefixes: tuple[str, ...]):
    """Generated cooperatives as match records, and the (original, second registration) pairs."""
    generator = Generator(seed, prefixes)
    records: list[Record] = []
    truth: set[tuple[int, int]] = set()
    rows = generator.cooperatives(count, dt.date(2026, 6, 1), duplicate_share=0.01, old_number_share=0.05)
    for number, (row, again) in enumerate(rows, start=1):
        parts = row["Kode Wilayah"].split(".")
        records.append(
            Record(
                id=number,
                name_key=name_key(row["Nama Koperasi"]),
                district=".".join(parts[:3]),
                regency=".".join(parts[:2]),
                address=row["Alamat"],
                number=row["NIK Koperasi"],
                legal=legal_match_key(row["Nomor Badan Hukum"]),
                legal_date=row["Tanggal Badan Hukum"],
            )
        )
        if again:
            truth.add((number - 1, number))
    return records, truth


@pytest.mark.parametrize(
    ("seed", "count", "prefixes"),
    [
        # About sixteen cooperatives a kecamatan across Jawa Barat, as registered today.
        (1, 10_000, ("32",)),
        (2, 10_000, ("32",)),
        # Four times as crowded: 3,000 in the 40 kecamatan of Kabupaten Bogor.
        (3, 3_000, ("32.01",)),
        (4, 3_000, ("32.01",)),
    ],
)
def test_precision_and_recall_on_planted_cooperatives(seed, count, prefixes):
    records, truth = planted_cooperatives(seed, count, prefixes)
    assert len(truth) >= 20
    assert sum(1 for r in records if r.legal.endswith("PERINDAGKOP")) >= count // 25  # repeated numbers
    started = time.perf_counter()
    found = {(p.left, p.right) for p in find_pairs(records)}
    assert time.perf_counter() - started < 10
    hits = len(found & truth)
    precision, recall = hits / len(found), hits / len(truth)
    assert precision >= 0.95, (precision, sorted(found - truth))
    assert recall >= 0.95, (recall, sorted(truth - found))
