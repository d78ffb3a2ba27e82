"""Price-list import from XLSX: every rejection reason with its line, idempotency, dry runs."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from sinergi.purchasing import exporters, importers
from sinergi.purchasing.models import PriceListItem, Product

pytestmark = pytest.mark.django_db

HEADER = [
    "Kode Barang",
    "Nama Barang",
    "Kategori",
    "Satuan",
    "Isi per Satuan",
    "Satuan Isi",
    "Komoditas",
    "Min 1",
    "Harga 1",
    "Min 2",
    "Harga 2",
    "Min 3",
    "Harga 3",
]


@pytest.fixture
def sheet(write_xlsx):
    def write(rows, header=HEADER, name="harga.xlsx"):
        return write_xlsx(header, rows, name)

    return write


def run(user, price_list, path, **kwargs):
    return importers.import_price_list(actor=user, price_list=price_list, path=path, **kwargs)


def tiers(price_list, code):
    item = PriceListItem.objects.get(price_list=price_list, product__code=code)
    return [(t.min_qty, t.unit_price) for t in item.tiers.order_by("min_qty")]


def test_import_creates_products_and_prices_and_is_idempotent(supplier, price_lists, products, sheet):
    price_list = price_lists["bulog"]
    path = sheet(
        [
            ["beras-medium-5kg", "", "", "", "", "", "", 1, 67000, 100, "Rp 64.500", 300, 63000],
            [
                "beras-premium-5kg",
                "Beras premium 5 kg",
                "Beras",
                "karung",
                5,
                "kg",
                "Beras premium",
                1,
                74000.0,
                50.0,
                72000,
            ],
            [None, None],
            ["gula-pasir-1kg", "Gula pasir", "gula", "bungkus", "1", "KG", "", 1, 17000, 200, 16500],
        ]
    )
    report = run(supplier, price_list, path)
    assert report.to_json() == {
        "products_created": 1,
        "created": 1,
        "updated": 1,
        "unchanged": 1,
        "rejected": [],
        "dry_run": False,
    }
    assert tiers(price_list, "beras-medium-5kg") == [(1, 67000), (100, 64500), (300, 63000)]
    premium = Product.objects.get(code="beras-premium-5kg")
    assert (premium.category, premium.pack_size, premium.commodity) == ("beras", Decimal(5), "beras_premium")
    again = run(supplier, price_list, path)
    assert (again.created, again.updated, again.unchanged, again.products_created) == (0, 0, 3, 0)


def test_dry_run_keeps_nothing(supplier, price_lists, products, sheet):
    price_list = price_lists["bulog"]
    path = sheet([["beras-premium-5kg", "Beras premium 5 kg", "beras", "karung", 5, "kg", "", 1, 74000]])
    report = run(supplier, price_list, path, dry_run=True)
    assert (report.created, report.products_created, report.dry_run) == (1, 1, True)
    assert not Product.objects.filter(code="beras-premium-5kg").exists()


REJECTIONS = [
    (
        ["", "Tanpa kode", "beras", "karung", 5, "kg", "", 1, 1000],
        "Kode Barang kosong",
        "Product code is empty",
    ),
    (
        ["Beras 5kg!", "", "", "", "", "", "", 1, 1000],
        "Kode Barang hanya huruf kecil, angka dan tanda hubung: beras 5kg!",
        "Product code may hold only lower-case letters, digits and hyphens: beras 5kg!",
    ),
    (
        ["gula-pasir-1kg", "", "", "", "", "", "", 1, 17000, 200],
        "Jenjang 2 tidak lengkap: isi Min 2 dan Harga 2",
        "Tier 2 is incomplete: fill in both Min 2 and Harga 2",
    ),
    (
        ["gula-pasir-1kg", "", "", "", "", "", "", 1, 17000, 2.5, 16000],
        "Min 2 harus bilangan bulat 1 atau lebih: 2.5",
        "Min 2 must be a whole number of 1 or more: 2.5",
    ),
    (
        ["gula-pasir-1kg", "", "", "", "", "", "", 1, "tujuh belas ribu"],
        "Harga 1 harus rupiah bulat lebih dari nol: tujuh belas ribu",
        "Price 1 must be whole Rupiah above zero: tujuh belas ribu",
    ),
    (
        ["gula-pasir-1kg", "", "", "", "", "", "", 1, 17000.5],
        "Harga 1 harus rupiah bulat lebih dari nol: 17000.5",
        "Price 1 must be whole Rupiah above zero: 17000.5",
    ),
    (["gula-pasir-1kg"], "Tidak ada jenjang harga", "No price tier"),
    (
        ["gula-pasir-1kg", "", "", "", "", "", "", 10, 17000],
        "Jenjang pertama harus mulai dari jumlah 1, bukan 10",
        "The first tier must start at quantity 1, not 10",
    ),
    (
        ["gula-pasir-1kg", "", "", "", "", "", "", 1, 17000, 1, 16000],
        "Min 2 (1) harus lebih besar dari Min 1 (1)",
        "Min 2 (1) must be greater than Min 1 (1)",
    ),
    (
        ["gula-pasir-1kg", "", "", "", "", "", "", 1, 17000, 50, 17500],
        "Harga 2 (17500) naik dari Harga 1 (17000); harga tidak boleh naik",
        "Price 2 (17500) rises above price 1 (17000); prices may not rise",
    ),
    (
        ["kopi-1kg", "Kopi", "", "pak", "", "kg", "", 1, 50000],
        "Barang baru kopi-1kg: isi juga Kategori, Isi per Satuan",
        "New product kopi-1kg: also fill in Kategori, Isi per Satuan",
    ),
    (
        ["kopi-1kg", "Kopi", "Kopi bubuk", "pak", 1, "kg", "", 1, 50000],
        "Kategori tidak dikenal: Kopi bubuk",
        "Unknown category: Kopi bubuk",
    ),
    (
        ["kopi-1kg", "Kopi", "minuman", "pak", 1, "ons", "", 1, 50000],
        "Satuan Isi tidak dikenal: ons",
        "Unknown content unit: ons",
    ),
    (
        ["kopi-1kg", "Kopi", "minuman", "pak", 1, "kg", "kopi", 1, 50000],
        "Komoditas tidak dikenal: kopi",
        "Unknown commodity: kopi",
    ),
    (
        ["kopi-1kg", "Kopi", "minuman", "pak", "satu", "kg", "", 1, 50000],
        "Isi per Satuan bukan angka: satu",
        "Pack size is not a number: satu",
    ),
    (
        ["kopi-1kg", "Kopi", "minuman", "pak", 0, "kg", "", 1, 50000],
        "Isi per satuan harus angka lebih dari nol (paling banyak 3 desimal).",
        "Invalid product: Isi per satuan harus angka lebih dari nol (paling banyak 3 desimal).",
    ),
    (
        ["beras-medium-5kg", "", "", "karung", 10, "kg", "", 1, 120000],
        "Barang beras-medium-5kg sudah ada dengan Isi per Satuan 5, bukan 10; kemasan lain = kode lain",
        "Product beras-medium-5kg exists with pack size 5, not 10; another pack needs another code",
    ),
]


@pytest.mark.parametrize(("row", "reason", "reason_en"), REJECTIONS)
def test_every_rejection_names_its_line_in_both_languages(
    supplier, price_lists, products, sheet, row, reason, reason_en
):
    price_list = price_lists["bulog"]
    good = ["gula-pasir-1kg", "", "", "", "", "", "", 1, 17500]
    report = run(supplier, price_list, sheet([good, row] if row[0] != "gula-pasir-1kg" else [row]))
    line = 3 if row[0] != "gula-pasir-1kg" else 2
    assert [(r.line, r.reason, r.reason_en) for r in report.rejected] == [(line, reason, reason_en)]
    # A rejected row changes nothing: no product, no tiers.
    assert not Product.objects.filter(code="kopi-1kg").exists()
    assert tiers(price_list, "beras-medium-5kg") == [(1, 68000), (100, 65000)]


def test_a_code_twice_in_the_file(supplier, price_lists, products, sheet):
    report = run(
        supplier,
        price_lists["bulog"],
        sheet(
            [
                ["gula-pasir-1kg", "", "", "", "", "", "", 1, 17500],
                ["gula-pasir-1kg", "", "", "", "", "", "", 1, 17900],
            ]
        ),
    )
    assert [(r.line, r.reason, r.reason_en) for r in report.rejected] == [
        (3, "Kode Barang sama dengan baris 2", "Same product code as line 2")
    ]
    assert tiers(price_lists["bulog"], "gula-pasir-1kg") == [(1, 17500)]


def test_missing_columns_refuse_the_file(supplier, price_lists, sheet):
    with pytest.raises(importers.FileRejected) as info:
        run(supplier, price_lists["bulog"], sheet([["gula", 1]], header=["Kode Barang", "Min 1"]))
    assert str(info.value) == "Kolom wajib tidak ada: Harga 1 / Required columns missing: Harga 1"


def test_unreadable_and_unsupported_files(supplier, price_lists, tmp_path):
    broken = tmp_path / "rusak.xlsx"
    broken.write_bytes(b"bukan excel")
    with pytest.raises(importers.FileRejected):
        run(supplier, price_lists["bulog"], broken)
    other = tmp_path / "harga.pdf"
    other.write_bytes(b"%PDF")
    with pytest.raises(importers.FileRejected):
        run(supplier, price_lists["bulog"], other)


def test_too_many_rows(supplier, price_lists, sheet, monkeypatch):
    monkeypatch.setattr(importers, "MAX_ROWS", 2)
    rows = [[f"barang-{i}", "", "", "", "", "", "", 1, 1000] for i in range(3)]
    with pytest.raises(importers.FileRejected):
        run(supplier, price_lists["bulog"], sheet(rows))


def test_csv_works_too(supplier, price_lists, products, tmp_path):
    path = tmp_path / "harga.csv"
    path.write_text("kode;min 1;harga 1\ngula-pasir-1kg;1;18.000\n", encoding="utf-8")
    report = run(supplier, price_lists["bulog"], path)
    assert report.updated == 1
    assert tiers(price_lists["bulog"], "gula-pasir-1kg") == [(1, 18000)]


def test_another_supplier_cannot_import(nusantara_staff, price_lists, sheet):
    with pytest.raises(PermissionDenied):
        run(nusantara_staff, price_lists["bulog"], sheet([["gula-pasir-1kg", "", "", "", "", "", "", 1, 1]]))


def test_the_template_imports_as_it_is(supplier, price_lists, tmp_path):
    content = exporters.price_list_template()
    workbook = load_workbook(io.BytesIO(content))
    assert [c.value for c in workbook["Harga"][1]][:9] == HEADER[:9]
    assert "Petunjuk" in workbook.sheetnames
    path = tmp_path / "templat.xlsx"
    path.write_bytes(content)
    report = run(supplier, price_lists["bulog"], path)
    # Both example products exist in this world (same packaging): one new price, one changed.
    assert (report.rejected, report.created, report.updated, report.products_created) == ([], 1, 1, 0)
    assert tiers(price_lists["bulog"], "beras-medium-5kg") == [(1, 66000), (100, 64500), (500, 63500)]
