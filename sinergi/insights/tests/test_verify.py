"""`sinergi insights_verify`: every tally against a recount, a readable line per difference."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from sinergi.insights import verify
from sinergi.registry import services
from sinergi.registry.models import BusinessTally, CooperativeTally


@pytest.fixture
def registry(officer_bogor):
    services.cooperative_register(
        actor=officer_bogor, name="KSP Mekar Jaya", region_code="32.71.03.1002", cooperative_type="simpan_pinjam",
        members_male=10,
    )  # fmt: skip
    services.business_register(
        actor=officer_bogor, name="Keripik Talas Bu Euis", region_code="32.71.03.1002", owner_gender="P",
        kbli="10792", annual_sales=Decimal("300000000"), employees=3,
    )  # fmt: skip


def command(capsys, *args):
    try:
        call_command("insights_verify", *args)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, capsys.readouterr().out.splitlines()


@pytest.mark.django_db
def test_clean_tallies_exit_zero(registry, capsys):
    assert command(capsys) == (0, ["Semua rekap sesuai dengan data."])


@pytest.mark.django_db
def test_a_tampered_tally_is_reported_then_repaired(registry, capsys):
    CooperativeTally.objects.filter(layer=0).update(count=3, members_male=12)
    BusinessTally.objects.filter(layer=0).update(annual_sales=Decimal("1234567.5"))
    lines = [
        "Koperasi di 32.71.03.1002, aktif, Simpan pinjam, primer: tercatat 3, dihitung 1",
        "Koperasi di 32.71.03.1002, aktif, Simpan pinjam, primer: anggota laki-laki tercatat 12, dihitung 10",
        "UMKM di 32.71.03.1002, aktif, mikro, sektor C, perempuan: omzet per tahun tercatat 1.234.567,50, "
        "dihitung 300.000.000,00",
    ]
    assert command(capsys) == (1, [*lines, "3 perbedaan ditemukan."])
    assert command(capsys, "--repair") == (
        0,
        [*(f"Diperbaiki: {line}" for line in lines), "3 perbedaan diperbaiki."],
    )
    assert command(capsys) == (0, ["Semua rekap sesuai dengan data."])
    assert CooperativeTally.objects.get(layer=0).count == 1


@pytest.mark.django_db
def test_a_missing_row_is_reported(registry):
    CooperativeTally.objects.filter(layer=0).delete()
    assert verify.verify() == [
        "Koperasi di 32.71.03.1002, aktif, Simpan pinjam, primer: tercatat 0, dihitung 1",
        "Koperasi di 32.71.03.1002, aktif, Simpan pinjam, primer: anggota laki-laki tercatat 0, dihitung 10",
    ]
    verify.repair()
    assert verify.verify() == []
