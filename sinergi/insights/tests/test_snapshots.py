"""Monthly snapshots: every place's figures from the tallies, one row per place and month."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sinergi.core.models import AuditEvent
from sinergi.insights.models import Snapshot
from sinergi.insights.snapshots import month_start, snapshot_take
from sinergi.registry import services

JANUARY = dt.date(2026, 1, 1)


@pytest.fixture
def world(officer_bogor, officer_bandung):
    """Kota Bogor: three cooperatives in Bogor Tengah (two active, one unknown), one dissolved in
    Tanah Sareal; two businesses in Bogor Tengah. Kota Bandung: one cooperative, one business."""
    reg = services.cooperative_register
    reg(
        actor=officer_bogor,
        name="KSP Paledang",
        region_code="32.71.03.1002",
        cooperative_type="simpan_pinjam",
        members_male=30,
        members_female=20,
    )
    reg(
        actor=officer_bogor,
        name="Koperasi Tegallega",
        region_code="32.71.03.1005",
        cooperative_type="konsumen",
        members_female=15,
    )
    reg(actor=officer_bogor, name="Koperasi Babakan", region_code="32.71.03.1005", status="belum_tahu")
    gone = reg(actor=officer_bogor, name="Koperasi Kebon Pedes", region_code="32.71.06.1001", members_male=40)
    services.cooperative_set_status(actor=officer_bogor, cooperative=gone, status="dibubarkan", reason="RAT")
    reg(actor=officer_bandung, name="Koperasi Mekar Sari", region_code="32.73.02.1004", members_male=99)
    services.business_register(
        actor=officer_bogor,
        name="Keripik Talas Bu Euis",
        region_code="32.71.03.1002",
        employees=3,
        annual_sales=Decimal("120000000"),
        kbli="10792",
        owner_gender="P",
    )
    services.business_register(
        actor=officer_bogor,
        name="Bengkel Pak Ujang",
        region_code="32.71.03.1005",
        employees=2,
        annual_sales=Decimal("80000000"),
        kbli="45201",
        owner_gender="L",
        status="tidak_aktif",
    )
    services.business_register(
        actor=officer_bandung,
        name="Batik Bandung",
        region_code="32.73.02.1004",
        employees=50,
        annual_sales=Decimal("900000000"),
    )
    # fmt: skip


def _figures(code, month=JANUARY):
    return Snapshot.objects.get(month=month, region_code=code).figures


@pytest.mark.django_db
def test_a_snapshot_holds_every_place_with_data_and_its_figures(world):
    result = snapshot_take(JANUARY)
    assert result == {"month": "2026-01", "places": 6, "created": 6, "updated": 0}
    assert sorted(Snapshot.objects.filter(month=JANUARY).values_list("region_code", flat=True)) == [
        "32", "32.71", "32.71.03", "32.71.06", "32.73", "32.73.02",
    ]  # fmt: skip
    assert _figures("32") == {
        "kop_terdaftar": 4, "kop_aktif": 3, "kop_rasio": "75.0", "kop_belum_diketahui": 1,
        "anggota": 164, "anggota_laki": 129, "anggota_perempuan": 35, "anggota_tanpa_rincian": 0,
        "umkm": 3, "umkm_aktif": 2, "umkm_rasio": "66.7", "tenaga_kerja": 55, "omzet": "1100000000.00",
        "umkm_mikro": 3, "umkm_kecil": 0, "umkm_menengah": 0, "umkm_besar": 0, "umkm_skala_kosong": 0,
        # No cooperative has a RAT on record: all four need reorientation (the supervision rule).
        "pilar_reorientasi": 4, "pilar_rehabilitasi": 0, "pilar_pengembangan": 0, "pilar_belum_dinilai": 0,
    }  # fmt: skip
    bogor = _figures("32.71")
    assert (bogor["kop_terdaftar"], bogor["kop_aktif"], bogor["kop_belum_diketahui"], bogor["kop_rasio"]) == (
        3, 2, 1, "66.7",
    )  # fmt: skip
    assert (bogor["anggota"], bogor["anggota_laki"], bogor["anggota_perempuan"]) == (65, 30, 35)
    assert (bogor["umkm"], bogor["umkm_aktif"], bogor["umkm_rasio"], bogor["omzet"]) == (
        2,
        1,
        "50.0",
        "200000000.00",
    )
    # A kecamatan whose only cooperative was dissolved: counted as none, with no ratio.
    tanah_sareal = _figures("32.71.06")
    assert (tanah_sareal["kop_terdaftar"], tanah_sareal["anggota"], tanah_sareal["kop_rasio"]) == (0, 0, None)
    assert _figures("32.73.02")["tenaga_kerja"] == 50


@pytest.mark.django_db
def test_taking_a_month_again_updates_its_rows(world, officer_bogor):
    snapshot_take(JANUARY)
    services.business_register(actor=officer_bogor, name="Warung Bu Imas", region_code="32.71.06.1001",
                               employees=1, annual_sales=Decimal("30000000"))  # fmt: skip
    assert snapshot_take(JANUARY) == {"month": "2026-01", "places": 6, "created": 0, "updated": 6}
    assert Snapshot.objects.filter(month=JANUARY).count() == 6
    assert Snapshot.objects.count() == 6
    assert (_figures("32")["umkm"], _figures("32.71.06")["umkm"], _figures("32.71.06")["omzet"]) == (
        4, 1, "30000000.00",
    )  # fmt: skip
    events = AuditEvent.objects.filter(action="insights.snapshot.take")
    assert events.count() == 2
    assert events.order_by("pk").last().after == {"month": "2026-01", "places": 6, "created": 0, "updated": 6}


@pytest.mark.django_db
def test_a_snapshot_costs_queries_per_parent_place_not_per_place(world, officer_bogor):
    def queries(month):
        with CaptureQueriesContext(connection) as context:
            result = snapshot_take(month)
        return result["places"], len(context)

    snapshot_take(dt.date(2025, 12, 1))  # the system account exists from here on
    places, first = queries(JANUARY)
    # Two more kecamatan in a regency already counted: two more rows, not one query more.
    for village in ("32.71.01.1001", "32.71.02.1001"):
        services.business_register(actor=officer_bogor, name=f"Usaha {village}", region_code=village,
                                   employees=1, annual_sales=Decimal("1000000"))  # fmt: skip
    assert queries(dt.date(2026, 2, 1)) == (places + 2, first)


@pytest.mark.django_db
def test_the_command_takes_this_month_or_a_past_month(world, capsys):
    call_command("insights_snapshot", "--json")
    assert json.loads(capsys.readouterr().out) == {
        "month": f"{month_start():%Y-%m}", "places": 6, "created": 6, "updated": 0,
    }  # fmt: skip
    call_command("insights_snapshot", "--month", "2026-01")
    assert capsys.readouterr().out.strip() == "Potret bulan 01-2026: 6 wilayah (6 baru, 0 diperbarui)."
    assert Snapshot.objects.filter(month=JANUARY).count() == 6
    assert Snapshot.objects.count() == 12


@pytest.mark.django_db
def test_the_command_refuses_a_month_not_yet_begun_or_badly_written(world):
    next_year = month_start().replace(year=month_start().year + 1)
    with pytest.raises(CommandError, match="belum berjalan"):
        call_command("insights_snapshot", "--month", f"{next_year:%Y-%m}")
    with pytest.raises(CommandError, match="TTTT-BB"):
        call_command("insights_snapshot", "--month", "januari")
    assert Snapshot.objects.count() == 0
