"""Tally layers (`core.tallies`): roll-up, the layer a page reads, scoping, verify and repair."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sinergi.core import tallies as core
from sinergi.insights import verify
from sinergi.registry import selectors_tallies, services
from sinergi.registry.models import BusinessTally, CooperativeTally
from sinergi.registry.tallies import BUSINESSES, COOPERATIVES

PALEDANG = "32.71.03.1002"  # Kota Bogor, Bogor Tengah
SEMPUR = "32.71.03.1006"  # Kota Bogor, Bogor Tengah
DAGO = "32.73.02.1004"  # Kota Bandung, Coblong


def test_place_blanks_the_columns_below_a_level():
    assert core.place("32.71.03.1002") == {
        "region_code": "32.71.03.1002", "district_code": "32.71.03", "regency_code": "32.71", "province_code": "32",
    }  # fmt: skip
    assert core.place("32.71") == {
        "region_code": "32.71", "district_code": "", "regency_code": "32.71", "province_code": "32",
    }  # fmt: skip
    assert core.place("32") == {"region_code": "32", "district_code": "", "regency_code": "", "province_code": "32"}


def test_expand_rolls_villages_up_into_every_layer():
    rows = core.expand(
        COOPERATIVES,
        {
            (PALEDANG, "aktif", "konsumen", "primer"): [2, 1, 1, 0, 1],
            (SEMPUR, "aktif", "simpan_pinjam", "primer"): [1, 5, 0, 0, 0],
            (DAGO, "tidak_aktif", "konsumen", "sekunder"): [1, 0, 3, 0, 0],
        },
    )
    # Layers: 0 villages; then kecamatan, regency, province, each by status (1, 3, 5) and by type (2, 4, 6).
    assert rows == {
        (0, PALEDANG, "aktif", "konsumen", "primer"): [2, 1, 1, 0, 1],
        (0, SEMPUR, "aktif", "simpan_pinjam", "primer"): [1, 5, 0, 0, 0],
        (0, DAGO, "tidak_aktif", "konsumen", "sekunder"): [1, 0, 3, 0, 0],
        (1, "32.71.03", "aktif", "", ""): [3, 6, 1, 0, 1],
        (1, "32.73.02", "tidak_aktif", "", ""): [1, 0, 3, 0, 0],
        (2, "32.71.03", "", "konsumen", ""): [2, 1, 1, 0, 1],
        (2, "32.71.03", "", "simpan_pinjam", ""): [1, 5, 0, 0, 0],
        (2, "32.73.02", "", "konsumen", ""): [1, 0, 3, 0, 0],
        (3, "32.71", "aktif", "", ""): [3, 6, 1, 0, 1],
        (3, "32.73", "tidak_aktif", "", ""): [1, 0, 3, 0, 0],
        (4, "32.71", "", "konsumen", ""): [2, 1, 1, 0, 1],
        (4, "32.71", "", "simpan_pinjam", ""): [1, 5, 0, 0, 0],
        (4, "32.73", "", "konsumen", ""): [1, 0, 3, 0, 0],
        (5, "32", "aktif", "", ""): [3, 6, 1, 0, 1],
        (5, "32", "tidak_aktif", "", ""): [1, 0, 3, 0, 0],
        (6, "32", "", "konsumen", ""): [3, 1, 4, 0, 1],
        (6, "32", "", "simpan_pinjam", ""): [1, 5, 0, 0, 0],
    }


@pytest.fixture
def three(officer_bogor, officer_bandung):
    """Two cooperatives in Kota Bogor (one active), one in Kota Bandung; two UMKM in Kota Bogor."""
    services.cooperative_register(actor=officer_bogor, name="KSP Mekar", region_code=PALEDANG, members_male=4)
    services.cooperative_register(actor=officer_bogor, name="KSU Sempur", region_code=SEMPUR, status="tidak_aktif")
    services.cooperative_register(actor=officer_bandung, name="KSU Dago", region_code=DAGO, members_female=7)
    services.business_register(actor=officer_bogor, name="Keripik", region_code=PALEDANG, owner_gender="P",
                               kbli="10792", annual_sales=Decimal("300000000"), employees=3)  # fmt: skip
    services.business_register(actor=officer_bogor, name="Warung", region_code=SEMPUR, owner_gender="L",
                               kbli="47111", employees=1)  # fmt: skip


def _layer_read(query) -> set[int]:
    """The layers the tally queries of `query()` filtered on."""
    with CaptureQueriesContext(connection) as seen:
        query()
    found = set()
    for item in seen.captured_queries:
        sql = item["sql"].replace('"', "")
        if "tally" in sql and ".layer = " in sql:
            found.add(int(sql.split(".layer = ")[1].split()[0].rstrip(")")))
    return found


@pytest.mark.django_db
def test_each_page_reads_the_coarsest_layer_that_answers(three):
    # The province by regency: the regency rows by status (layer 3), not the villages.
    assert _layer_read(lambda: selectors_tallies.cooperative_tally(region="32", by=("place", "status"))) == {3}
    # A regency by kecamatan: the kecamatan rows by status (layer 1).
    assert _layer_read(lambda: selectors_tallies.cooperative_tally(region="32.71", by=("place", "status"))) == {1}
    # A regency's own figure by type: its regency row by type (layer 4).
    assert _layer_read(lambda: selectors_tallies.cooperative_tally(region="32.71", by=("cooperative_type",))) == {4}
    # A kecamatan by village, and any question the layers do not hold: the villages (layer 0).
    assert _layer_read(lambda: selectors_tallies.cooperative_tally(region="32.71.03", by=("place",))) == {0}
    assert _layer_read(lambda: selectors_tallies.cooperative_tally(region="32.71", by=("form",))) == {0}
    # UMKM by sector in a province: the province rows by sector.
    number = BUSINESSES.layers.index(core.Layer(core.PROVINCE, ("sector",)))
    assert _layer_read(lambda: selectors_tallies.business_tally(region="32", by=("sector",))) == {number}


@pytest.mark.django_db
def test_the_layers_give_the_same_figures_as_the_villages(three):
    assert selectors_tallies.cooperative_tally(region="32", by=("place", "status")) == [
        {"place": "32.71", "status": "aktif", "count": 1, "members_male": 4, "members_female": 0,
         "members_unspecified": 0, "with_rat": 0},
        {"place": "32.71", "status": "tidak_aktif", "count": 1, "members_male": 0, "members_female": 0,
         "members_unspecified": 0, "with_rat": 0},
        {"place": "32.73", "status": "aktif", "count": 1, "members_male": 0, "members_female": 7,
         "members_unspecified": 0, "with_rat": 0},
    ]  # fmt: skip
    assert selectors_tallies.business_tally(region="32", by=("sector",)) == [
        {"sector": "C", "count": 1, "employees": 3, "annual_sales": Decimal("300000000"), "capital": Decimal(0)},
        {"sector": "G", "count": 1, "employees": 1, "annual_sales": Decimal(0), "capital": Decimal(0)},
    ]
    assert selectors_tallies.business_tally(region="32.71.03", by=("owner_gender",)) == [
        {"owner_gender": "L", "count": 1, "employees": 1, "annual_sales": Decimal(0), "capital": Decimal(0)},
        {"owner_gender": "P", "count": 1, "employees": 3, "annual_sales": Decimal("300000000"),
         "capital": Decimal(0)},
    ]  # fmt: skip


@pytest.mark.django_db
def test_an_officer_asking_for_everything_reads_only_their_regency(three, officer_bogor):
    # Tamper with the province row: an officer of Kota Bogor must never be answered from it.
    CooperativeTally.objects.filter(layer=5, region_code="32", status="aktif").update(count=99)
    assert selectors_tallies.cooperative_totals(user=officer_bogor)["count"] == 2
    assert _layer_read(lambda: selectors_tallies.cooperative_totals(user=officer_bogor)) == {3}
    assert selectors_tallies.cooperative_tally(user=officer_bogor, region="32", by=("place",)) == [
        {"place": "32.71", "count": 2, "members_male": 4, "members_female": 0, "members_unspecified": 0,
         "with_rat": 0},
    ]  # fmt: skip
    assert selectors_tallies.cooperative_tally(user=officer_bogor, region="32.73", by=("place",)) == []
    assert selectors_tallies.cooperative_totals(user=officer_bogor, region="32.73") == {
        "count": 0, "members_male": 0, "members_female": 0, "members_unspecified": 0, "with_rat": 0,
    }  # fmt: skip


@pytest.mark.django_db
def test_a_tampered_rolled_up_row_is_reported_and_repaired(three):
    CooperativeTally.objects.filter(layer=3, region_code="32.71", status="aktif").update(count=5)
    BusinessTally.objects.filter(layer=0, region_code=PALEDANG).update(employees=9)
    assert verify.verify() == [
        "Koperasi di 32.71, aktif: tercatat 5, dihitung 1",
        "UMKM di 32.71.03.1002, aktif, mikro, sektor C, perempuan: tenaga kerja tercatat 9, dihitung 3",
    ]
    assert len(verify.repair()) == 2
    assert verify.verify() == []
    assert CooperativeTally.objects.get(layer=3, region_code="32.71", status="aktif").count == 1


@pytest.mark.django_db
def test_a_status_change_moves_the_count_in_every_layer(three, officer_bogor):
    from sinergi.registry.models import CooperativeProfile

    profile = CooperativeProfile.objects.get(organization__name="KSP Mekar")
    services.cooperative_set_status(actor=officer_bogor, cooperative=profile, status="tidak_aktif", reason="Tutup")
    rows = core.stored(COOPERATIVES)
    assert rows[(3, "32.71", "aktif", "", "")] == [0, 0, 0, 0, 0]
    assert rows[(3, "32.71", "tidak_aktif", "", "")] == [2, 4, 0, 0, 0]
    assert rows[(5, "32", "tidak_aktif", "", "")] == [2, 4, 0, 0, 0]
    assert verify.verify() == []
