"""Import of daily sales: a dry run reports exactly and writes nothing; valid lines apply, rejects
are listed with their line and reason; the same file twice records nothing twice."""

import pytest

from sinergi.consignment.importers import sales_import
from sinergi.consignment.models import Sale, StockBalance

pytestmark = pytest.mark.django_db


def sheet(tmp_path, talas, today):
    d = today.isoformat()
    text = (
        "tanggal,produk,jumlah,harga,cara bayar,referensi\n"
        f"{d},Keripik Talas 200 g,2,15000,tunai,-\n"
        f"{d},{talas.pk},1,-,transfer,TRX-9\n"
        f"{d},Dodol Garut,1,-,tunai,-\n"
        f"{d},Sambal Roa 150 ml,9,-,qris,-\n"
        f"kemarin,Keripik Talas 200 g,1,-,tunai,-\n"
        f"{d},Keripik Talas 200 g,1,-12000,tunai,-\n"
    )
    path = tmp_path / "penjualan.csv"
    path.write_text(text, encoding="utf-8")
    return path


EXPECTED_REJECTS = [
    (4, "Produk “Dodol Garut” tidak dititipkan di gerai ini."),
    (5, "Stok tidak cukup: tersedia 4."),
    (6, "Tanggal tidak terbaca."),
    (7, "Harga tidak boleh negatif."),
]


def test_dry_run_then_import_then_again(tmp_path, stocked, cashier, outlet, talas, today):
    path = sheet(tmp_path, talas, today)
    dry = sales_import(actor=cashier, outlet=outlet, path=path, dry_run=True)
    assert (dry.recorded, dry.already, dry.rejected) == (2, 0, EXPECTED_REJECTS)
    assert Sale.objects.count() == 0
    assert StockBalance.objects.get(outlet=outlet, product=talas).on_hand == 10
    real = sales_import(actor=cashier, outlet=outlet, path=path, dry_run=False)
    assert (real.recorded, real.rejected) == (2, EXPECTED_REJECTS)
    assert StockBalance.objects.get(outlet=outlet, product=talas).on_hand == 7
    again = sales_import(actor=cashier, outlet=outlet, path=path, dry_run=False)
    assert (again.recorded, again.already) == (0, 2)
    assert Sale.objects.count() == 2
