"""Official figures: exact values read from the shipped Open Data Jabar and press files."""

import pytest

from sinergi.insights.official import (
    CATEGORY_LABELS,
    REGENCIES,
    CooperativeFigure,
    UmkmCount,
    cooperative_figures,
    latest_cooperative_figure,
    regency_code,
    umkm_by_category,
    umkm_totals,
)
from sinergi.regions.models import Region


@pytest.mark.django_db
def test_regency_mapping_matches_the_region_table():
    ours = dict(
        Region.objects.filter(level=Region.Level.REGENCY, code__startswith="32.").values_list("code", "name")
    )
    assert ours == REGENCIES


def test_regency_code_from_the_portal_code_and_name():
    assert regency_code("3201", "KABUPATEN BOGOR") == "32.01"
    assert regency_code("3279", "KOTA  BANJAR") == "32.79"
    with pytest.raises(ValueError):
        regency_code("3271", "KABUPATEN BOGOR")
    with pytest.raises(ValueError):
        regency_code("3299", "KOTA ENTAH")


def test_umkm_projection_exact_rows():
    totals = umkm_totals()
    assert len(totals) == 216
    # id 1: 3201, KABUPATEN BOGOR, 375048, 2016.
    assert totals[("32.01", 2016)] == UmkmCount(region_code="32.01", year=2016, count=375048)
    # id 2: 3202, KABUPATEN SUKABUMI, 269002, 2016.
    assert totals[("32.02", 2016)].count == 269002
    # id 100: 3271, KOTA BOGOR, 103457, 2019.
    assert totals[("32.71", 2019)].count == 103457
    assert sum(c.count for (code, year), c in totals.items() if year == 2016) == 4_634_807
    assert sum(c.count for (code, year), c in totals.items() if year == 2023) == 7_055_660
    assert {year for _, year in totals} == set(range(2016, 2024))


def test_umkm_by_category_exact_rows():
    by_category = umkm_by_category()
    assert len(by_category) == 27 * 5
    bogor_2017 = by_category[("32.01", 2017)]
    # ids 1–4: AKSESORIS 927, BATIK 927, BORDIR 132, CRAFT 33111 for Kabupaten Bogor in 2017.
    assert bogor_2017["aksesoris"].count == 927
    assert bogor_2017["batik"].count == 927
    assert bogor_2017["bordir"].count == 132
    assert bogor_2017["kerajinan"] == UmkmCount(
        region_code="32.01", year=2017, count=33111, category="kerajinan"
    )
    kota_bogor_2019 = {k: c.count for k, c in by_category[("32.71", 2019)].items()}
    assert kota_bogor_2019 == {
        "aksesoris": 241,
        "batik": 241,
        "bordir": 34,
        "kerajinan": 8601,
        "fesyen": 8395,
        "konveksi": 5126,
        "kuliner": 37020,
        "makanan": 27077,
        "minuman": 5023,
        "jasa_lainnya": 11698,
    }
    # The apportioned categories lose one unit to rounding against the projected total (103,457).
    assert sum(kota_bogor_2019.values()) == 103_456
    assert set(CATEGORY_LABELS) == set(kota_bogor_2019)


def test_cooperative_figures_from_the_press():
    figures = cooperative_figures()
    assert figures[("32.72", 2018)] == (
        CooperativeFigure(
            region_code="32.72",
            year=2018,
            as_of="2018",
            registered=314,
            active=192,
            inactive=122,
            held_rat=192,
            healthy=None,
            note="'active' here = reported RAT",
            reported_by="Diskop UKMPP Kota Sukabumi (Ayep Supriatna) via Antara",
            source_url="https://megapolitan.antaranews.com/amp/berita/41638/122-koperasi-di-sukabumi-tidak-aktif",
        ),
    )
    bogor_2023 = figures[("32.01", 2023)]
    assert [(f.active, f.held_rat, f.healthy) for f in bogor_2023] == [(778, 197, 143), (778, 179, 143)]
    assert [f.active for f in figures[("32", 2020)]] == [13277, 14706]
    assert figures[("32", 2020)][0].registered == 25600


def test_latest_cooperative_figure():
    assert latest_cooperative_figure("32.73").as_of == "2020-07"
    assert latest_cooperative_figure("32.73").active == 735
    assert latest_cooperative_figure("32.72").as_of == "2022-08-15"
    assert latest_cooperative_figure("32.71", field="registered").registered == 826
    assert latest_cooperative_figure("32.71", field="active").active == 528
    assert latest_cooperative_figure("32.10") is None
