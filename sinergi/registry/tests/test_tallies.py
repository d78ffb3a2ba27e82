"""The registry's tallies: exact rows after every write, through services and importers."""

import datetime as dt
import io
from decimal import Decimal
from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from sinergi.accounts.models import Organization
from sinergi.core import tallies as core_tallies
from sinergi.registry import selectors_tallies, services, tallies
from sinergi.registry.importers import BusinessImporter, CooperativeImporter
from sinergi.registry.models import (
    BusinessProfile,
    BusinessTally,
    CooperativeProfile,
    CooperativeTally,
    DuplicateCandidate,
)
from sinergi.registry.tests.test_importers import COOP_HEADER, UMKM_HEADER, coop_row, umkm_row

PALEDANG = "32.71.03.1002"
SEMPUR = "32.71.03.1006"
GUDANG = "32.71.03.1001"
DAGO = "32.73.02.1004"


def coop_rows():
    """Stored cooperative tally rows with anything non-zero: key → measures."""
    return {
        key: tuple(measures)
        for key, measures in core_tallies.villages(tallies.COOPERATIVES).items()
        if any(measures)
    }


def umkm_rows():
    return {
        key: tuple(measures)
        for key, measures in core_tallies.villages(tallies.BUSINESSES).items()
        if any(measures)
    }


@pytest.fixture
def ksp(officer_bogor):
    return services.cooperative_register(
        actor=officer_bogor, name="KSP Mekar Jaya", region_code=PALEDANG, cooperative_type="simpan_pinjam",
        members_male=10, members_female=15,
    )  # fmt: skip


@pytest.fixture
def talas(officer_bogor):
    return services.business_register(
        actor=officer_bogor, name="Keripik Talas Bu Euis", region_code=PALEDANG, owner_gender="P",
        kbli="10792,47111", capital=Decimal("50000000"), annual_sales=Decimal("300000000"), employees=3,
    )  # fmt: skip


# --- pure functions ---------------------------------------------------------------------------------


def test_kbli_section_reads_the_first_code():
    assert tallies.kbli_section("10792,47111") == "C"
    assert tallies.kbli_section("47111") == "G"
    assert tallies.kbli_section("01111") == "A"
    assert tallies.kbli_section("99000") == "U"
    assert tallies.kbli_section("04000") == ""  # no division 04 in KBLI 2020
    assert tallies.kbli_section("") == ""
    assert tallies.kbli_section("x1") == ""


def test_contributions_apply_the_scale_override_and_skip_merged():
    values = (PALEDANG, "aktif", "mikro", "kecil", "47111", "P", None, Decimal("5"), None, None)
    assert tallies.business_contribution(values) == (
        (PALEDANG, "aktif", "kecil", "G", "P"),
        (1, 0, Decimal("5"), Decimal("0")),
    )
    assert tallies.business_contribution((*values[:-1], 99)) is None
    coop = (PALEDANG, "aktif", "jasa", "primer", 1, 2, 3, dt.date(2026, 3, 1), None)
    assert tallies.cooperative_contribution(coop) == ((PALEDANG, "aktif", "jasa", "primer"), (1, 1, 2, 3, 1))


# --- services ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_register_cooperative_adds_its_row(ksp):
    assert coop_rows() == {(PALEDANG, "aktif", "simpan_pinjam", "primer"): (1, 10, 15, 0, 0)}
    row = CooperativeTally.objects.get(layer=0)
    assert (row.district_code, row.regency_code, row.province_code) == ("32.71.03", "32.71", "32")


@pytest.mark.django_db
def test_update_changing_a_dimension_moves_the_count(ksp, officer_bogor):
    services.cooperative_register(
        actor=officer_bogor,
        name="KSP Dua",
        region_code=PALEDANG,
        cooperative_type="simpan_pinjam",
        members_male=1,
    )
    services.cooperative_update(
        actor=officer_bogor, cooperative=ksp, cooperative_type="jasa", members_female=20
    )
    assert coop_rows() == {
        (PALEDANG, "aktif", "simpan_pinjam", "primer"): (1, 1, 0, 0, 0),
        (PALEDANG, "aktif", "jasa", "primer"): (1, 10, 20, 0, 0),
    }


@pytest.mark.django_db
def test_status_change_and_rat_date(ksp, officer_bogor):
    services.cooperative_set_status(
        actor=officer_bogor, cooperative=ksp, status="tidak_aktif", reason="Tidak RAT"
    )
    services.cooperative_record_rat(actor=officer_bogor, cooperative=ksp, rat_date=dt.date(2026, 3, 28))
    assert coop_rows() == {(PALEDANG, "tidak_aktif", "simpan_pinjam", "primer"): (1, 10, 15, 0, 1)}
    assert tallies.differences() == []


@pytest.mark.django_db
def test_register_and_update_business(talas, officer_bogor):
    assert umkm_rows() == {
        (PALEDANG, "aktif", "mikro", "C", "P"): (1, 3, Decimal("300000000"), Decimal("50000000")),
    }
    services.business_update(
        actor=officer_bogor, business=talas, kbli="47111", annual_sales=Decimal("3000000000"),
        scale_override="menengah", scale_override_reason="Laporan keuangan 2025",
    )  # fmt: skip
    assert umkm_rows() == {
        (PALEDANG, "aktif", "menengah", "G", "P"): (1, 3, Decimal("3000000000"), Decimal("50000000")),
    }


@pytest.mark.django_db
def test_move_to_another_village(ksp, talas, officer_bogor):
    services.organization_move_request(actor=officer_bogor, organization=ksp.organization, region_code=SEMPUR)
    services.organization_move_request(
        actor=officer_bogor, organization=talas.organization, region_code=GUDANG
    )
    assert coop_rows() == {(SEMPUR, "aktif", "simpan_pinjam", "primer"): (1, 10, 15, 0, 0)}
    assert list(umkm_rows()) == [(GUDANG, "aktif", "mikro", "C", "P")]
    assert tallies.differences() == []


@pytest.mark.django_db
def test_merge_of_duplicates_and_its_revert(talas, officer_bogor, admin_bogor):
    twin = services.business_register(
        actor=officer_bogor, name="Kripik Talas Ibu Euis", region_code=SEMPUR, owner_gender="P", employees=2
    )
    left, right = sorted([talas.organization, twin.organization], key=lambda o: o.pk)
    pair = DuplicateCandidate.objects.create(
        kind="umkm", left=left, right=right, score=Decimal("95"), reasons={}, region_code=left.region_id
    )
    record = services.duplicate_merge(actor=officer_bogor, candidate=pair, keep=talas.organization)
    assert umkm_rows() == {
        (PALEDANG, "aktif", "mikro", "C", "P"): (1, 3, Decimal("300000000"), Decimal("50000000")),
    }
    services.merge_revert(actor=admin_bogor, merge=record)
    assert umkm_rows() == {
        (PALEDANG, "aktif", "mikro", "C", "P"): (1, 3, Decimal("300000000"), Decimal("50000000")),
        (SEMPUR, "aktif", "", "", "P"): (1, 2, Decimal("0"), Decimal("0")),
    }
    assert tallies.differences() == []


@pytest.mark.django_db
def test_failed_or_denied_writes_change_no_tally(ksp, talas, officer_bogor, officer_bandung):
    before = (coop_rows(), umkm_rows())
    with pytest.raises(ValidationError):
        services.cooperative_update(actor=officer_bogor, cooperative=ksp, fiscal_year_end_month=13)
    with pytest.raises(ValidationError):
        services.cooperative_set_status(actor=officer_bogor, cooperative=ksp, status="aktif", reason="")
    with pytest.raises(PermissionDenied):
        services.cooperative_set_status(
            actor=officer_bandung, cooperative=ksp, status="tidak_aktif", reason="Bukan wilayahnya"
        )
    with pytest.raises(PermissionDenied):
        services.business_update(actor=officer_bandung, business=talas, employees=40)
    with pytest.raises(ValidationError):
        services.business_update(actor=officer_bogor, business=talas, scale_override="besar")
    with pytest.raises(ValidationError):
        services.business_register(actor=officer_bogor, name="Toko", region_code=PALEDANG, employees=-1)
    with pytest.raises(PermissionDenied):
        services.cooperative_register(actor=officer_bogor, name="KSP Dago", region_code=DAGO)
    assert (coop_rows(), umkm_rows()) == before


# --- importers --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_business_import_creates_then_updates(write_csv, officer_bogor):
    rows = [
        UMKM_HEADER,
        umkm_row(1, "Roti Unyil", gender="P", capital="Rp 25.000.000", sales="Rp 180.000.000", workers="3"),
        umkm_row(2, "Bakso Mang Ade", gender="L", sales="Rp 20.000.000.000", workers="12"),
        umkm_row(3, "Toko Ceu Imas", gender="P", workers="1"),
    ]
    BusinessImporter(actor=officer_bogor, scope_code="32.71").run(write_csv(rows))
    kedung_badak = BusinessProfile.objects.get(organization__name="Roti Unyil").region_code
    assert umkm_rows() == {
        (kedung_badak, "aktif", "mikro", "C", "P"): (1, 3, Decimal("180000000"), Decimal("25000000")),
        (kedung_badak, "aktif", "menengah", "C", "L"): (1, 12, Decimal("20000000000"), Decimal("0")),
        (kedung_badak, "aktif", "", "C", "P"): (1, 1, Decimal("0"), Decimal("0")),
    }
    rows[3] = umkm_row(3, "Toko Ceu Imas", gender="P", workers="2", sales="Rp 3.000.000", status="tutup")
    BusinessImporter(actor=officer_bogor, scope_code="32.71").run(write_csv(rows, name="again.csv"))
    assert umkm_rows() == {
        (kedung_badak, "aktif", "mikro", "C", "P"): (1, 3, Decimal("180000000"), Decimal("25000000")),
        (kedung_badak, "aktif", "menengah", "C", "L"): (1, 12, Decimal("20000000000"), Decimal("0")),
        (kedung_badak, "tutup", "mikro", "C", "P"): (1, 2, Decimal("3000000"), Decimal("0")),
    }
    assert tallies.differences() == []


@pytest.mark.django_db
def test_cooperative_import_creates_then_updates(write_csv, officer_bogor):
    CooperativeImporter(actor=officer_bogor, scope_code="32.71").run(
        write_csv([COOP_HEADER, coop_row("KSP Mekar", "3271030010001", "1/BH/1998")])
    )
    assert coop_rows() == {(PALEDANG, "aktif", "simpan_pinjam", "primer"): (1, 10, 12, 0, 1)}
    CooperativeImporter(actor=officer_bogor, scope_code="32.71").run(
        write_csv(
            [COOP_HEADER, coop_row("KSP Mekar", "3271030010001", "1/BH/1998", status="tidak aktif")],
            name="again.csv",
        )
    )
    assert coop_rows() == {(PALEDANG, "tidak_aktif", "simpan_pinjam", "primer"): (1, 10, 12, 0, 1)}
    assert tallies.differences() == []


# --- recount, repair, migration, selectors ------------------------------------------------------------


@pytest.mark.django_db
def test_differences_and_repair(ksp, talas):
    CooperativeTally.objects.filter(layer=0).update(count=3)
    BusinessTally.objects.create(
        region_code=SEMPUR, district_code="32.71.03", regency_code="32.71", province_code="32",
        status="aktif", scale="kecil", sector="G", owner_gender="L", count=1,
    )  # fmt: skip
    found = tallies.differences()
    assert [(d.key, d.stored, d.counted) for d in found] == [
        ((PALEDANG, "aktif", "simpan_pinjam", "primer"), (3, 10, 15, 0, 0), (1, 10, 15, 0, 0)),
        ((SEMPUR, "aktif", "kecil", "G", "L"), (1, 0, Decimal("0"), Decimal("0")), (0, 0, 0, 0)),
    ]
    assert tallies.repair() == found
    assert tallies.differences() == []
    assert not BusinessTally.objects.filter(region_code=SEMPUR).exists()


@pytest.mark.django_db
def test_data_migration_fills_from_existing_profiles(ksp, talas):
    CooperativeTally.objects.all().delete()
    BusinessTally.objects.all().delete()
    import_module("sinergi.registry.migrations.0009_fill_tallies").fill(apps, None)
    assert coop_rows() == {(PALEDANG, "aktif", "simpan_pinjam", "primer"): (1, 10, 15, 0, 0)}
    assert len(umkm_rows()) == 1
    assert {d.layer for d in tallies.differences()} == set(range(1, len(tallies.BUSINESSES.layers)))
    # The migration that adds the layers rolls them up from the village rows.
    import_module("sinergi.registry.migrations.0010_tally_layers").roll_up(apps, None)
    assert tallies.differences() == []


@pytest.mark.django_db
def test_selectors_drill_down(ksp, talas, officer_bogor, officer_bandung, superuser):
    services.cooperative_register(actor=officer_bogor, name="KSU Sempur", region_code=SEMPUR, members_male=4)
    services.cooperative_register(actor=officer_bogor, name="KSU Gudang", region_code=GUDANG)
    services.cooperative_register(actor=officer_bandung, name="KSU Dago", region_code=DAGO, members_female=7)
    by_regency = selectors_tallies.cooperative_tally(region="32")
    assert [(r["place"], r["count"], r["members_female"]) for r in by_regency] == [
        ("32.71", 3, 15),
        ("32.73", 1, 7),
    ]
    by_district = selectors_tallies.cooperative_tally(region="32.71")
    assert [(r["place"], r["count"]) for r in by_district] == [("32.71.03", 3)]
    villages = selectors_tallies.cooperative_tally(region="32.71.03", by=("place", "cooperative_type"))
    assert [(r["place"], r["cooperative_type"], r["count"]) for r in villages] == [
        (GUDANG, "", 1),
        (PALEDANG, "simpan_pinjam", 1),
        (SEMPUR, "", 1),
    ]
    assert selectors_tallies.cooperative_totals(region=PALEDANG)["members_male"] == 10
    assert selectors_tallies.cooperative_totals(user=officer_bandung, region="32")["count"] == 1
    assert selectors_tallies.cooperative_totals(user=superuser)["count"] == 4
    assert selectors_tallies.cooperative_tally(user=officer_bogor, region="32.73") == []
    sectors = selectors_tallies.business_tally(region="32.71", by=("sector", "owner_gender"), status="aktif")
    assert sectors == [
        {"sector": "C", "owner_gender": "P", "count": 1, "employees": 3,
         "annual_sales": Decimal("300000000"), "capital": Decimal("50000000")},
    ]  # fmt: skip


@pytest.mark.django_db
def test_merged_organisations_are_not_counted_by_the_recount(talas):
    assert len(tallies.recompute_businesses(BusinessProfile)) == 1
    Organization.objects.filter(pk=talas.pk).update(
        merged_into=Organization.objects.create(kind="umkm", name="X", region_id=PALEDANG)
    )
    assert tallies.recompute_businesses(BusinessProfile) == {}


@pytest.mark.django_db
def test_the_demo_leaves_tallies_equal_to_a_recount():
    call_command("demo", stdout=io.StringIO(), stderr=io.StringIO())
    assert CooperativeTally.objects.exists() and BusinessTally.objects.exists()
    assert tallies.differences() == []


@pytest.mark.django_db
def test_rebuild_after_a_bulk_load_that_bypassed_the_services(ksp, talas):
    CooperativeProfile.objects.filter(pk=ksp.pk).update(status="dibekukan")
    assert [d.key[1] for d in tallies.differences() if d.layer == 0] == ["aktif", "dibekukan"]
    tallies.rebuild()
    assert coop_rows() == {(PALEDANG, "dibekukan", "simpan_pinjam", "primer"): (1, 10, 15, 0, 0)}
    assert tallies.differences() == []
