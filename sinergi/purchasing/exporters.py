"""Spreadsheets of Belanja Bareng: purchase orders, delivery lists and the price-list template.

Money is written as whole numbers (a spreadsheet sums them), quantities as integers. Text that a
spreadsheet would run as a formula is made inert (`registry.exporters.safe_cell`): names of
cooperatives and products come from users.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from sinergi.core.money import format_rupiah
from sinergi.purchasing.importers import COLUMNS, TIER_COUNT
from sinergi.purchasing.models import ContentUnit, ProductCategory, PurchaseOrder, Round
from sinergi.purchasing.prices import COMMODITIES, ceiling_for
from sinergi.registry.exporters import safe_cell

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOLD = Font(bold=True)


def _save(workbook: Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _header(sheet, titles: list[str]) -> None:
    sheet.append(titles)
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD


def _place(cooperative) -> str:
    return cooperative.region.path if cooperative.region_id else ""


def purchase_order_xlsx(purchase_order: PurchaseOrder, lines, drops: list[dict]) -> bytes:
    """The purchase order (sheet "Surat Pesanan") and the supplier's delivery list per
    cooperative (sheet "Pengiriman"), with the cooperatives' addresses."""
    round = purchase_order.round
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Surat Pesanan"
    for label, value in (
        ("Nomor / Number", purchase_order.number),
        ("Pemasok / Supplier", purchase_order.supplier.name),
        ("Jaringan / Network", round.network.name),
        ("Putaran / Round", round.name),
        ("Status", purchase_order.get_status_display()),
    ):
        sheet.append([label, safe_cell(value)])
    sheet.append([])
    _header(
        sheet,
        [
            "Kode Barang",
            "Nama Barang",
            "Satuan",
            "Jumlah",
            "Jenjang",
            "Minimum Jenjang",
            "Harga Satuan",
            "Biaya Barang",
        ],
    )
    for line in lines:
        sheet.append(
            [
                line.product.code,
                safe_cell(line.product.name),
                safe_cell(line.product.unit),
                line.qty,
                line.tier,
                line.tier_min_qty,
                int(line.unit_price),
                int(line.goods_cost),
            ]
        )
    sheet.append([])
    sheet.append(["Biaya barang / Goods", None, None, None, None, None, None, int(purchase_order.goods_cost)])
    sheet.append(
        ["Ongkos kirim / Delivery", None, None, None, None, None, None, int(purchase_order.delivery_cost)]
    )
    sheet.append(["Total", None, None, None, None, None, None, int(purchase_order.total)])

    deliveries = workbook.create_sheet("Pengiriman")
    _header(
        deliveries,
        [
            "Koperasi",
            "Alamat",
            "Wilayah",
            "Telepon",
            "Kode Barang",
            "Nama Barang",
            "Satuan",
            "Jumlah",
            "Ongkos Kirim",
        ],
    )
    for drop in drops:
        cooperative = drop["cooperative"]
        for i, line in enumerate(drop["lines"]):
            deliveries.append(
                [
                    safe_cell(cooperative.name),
                    safe_cell(cooperative.address),
                    _place(cooperative),
                    safe_cell(cooperative.phone),
                    line.product.code,
                    safe_cell(line.product.name),
                    safe_cell(line.product.unit),
                    line.qty,
                    int(drop["delivery"].fee) if i == 0 else None,
                ]
            )
    return _save(workbook)


def delivery_lists_xlsx(round: Round, lists: list[dict]) -> bytes:
    """What every cooperative receives from which supplier, one row per product."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Daftar Pengiriman"
    _header(
        sheet,
        [
            "Koperasi",
            "Kode Kecamatan",
            "Wilayah",
            "Pemasok",
            "Kode Barang",
            "Nama Barang",
            "Satuan",
            "Jumlah",
            "Harga Satuan Bersama",
            "Biaya Barang",
        ],
    )
    for entry in lists:
        cooperative = entry["cooperative"]
        for line in entry["lines"]:
            sheet.append(
                [
                    safe_cell(cooperative.name),
                    entry["bill"].district_code,
                    _place(cooperative),
                    safe_cell(line.supplier.name),
                    line.product.code,
                    safe_cell(line.product.name),
                    safe_cell(line.product.unit),
                    line.qty,
                    int(line.unit_price),
                    int(line.goods_cost),
                ]
            )
    return _save(workbook)


def price_list_template() -> bytes:
    """The import template: the columns with one example row, and the accepted values."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Harga"
    _header(sheet, [label for _name, label in COLUMNS])
    sheet.append(
        [
            "beras-medium-5kg",
            "Beras medium 5 kg",
            "Beras",
            "karung",
            5,
            "kg",
            "beras_medium",
            1,
            66000,
            100,
            64500,
            500,
            63500,
        ]
    )
    sheet.append(
        ["minyak-goreng-2l", "Minyak goreng 2 liter", "Minyak goreng", "pouch", 2, "liter", "", 1, 36000]
    )
    help_sheet = workbook.create_sheet("Petunjuk")
    _header(help_sheet, ["Kolom / Column", "Isi / Content"])
    notes = [
        (
            "Kode Barang",
            "Wajib. Huruf kecil, angka, tanda hubung; sama untuk barang yang sama di semua pemasok.",
        ),
        (
            "Nama Barang … Komoditas",
            "Wajib untuk barang baru; untuk barang yang sudah ada cukup Kode Barang.",
        ),
        (
            "Isi per Satuan, Satuan Isi",
            "Isi satu satuan jual, mis. 5 kg per karung; kemasan lain = kode lain.",
        ),
        ("Komoditas", "Opsional: mencocokkan barang dengan harga eceran tertinggi (HET/HAP)."),
        (f"Min 1 … Min {TIER_COUNT}", "Jumlah minimum jenjang (satuan jual). Min 1 harus 1; naik terus."),
        (
            f"Harga 1 … Harga {TIER_COUNT}",
            "Harga satuan rupiah bulat untuk SELURUH jumlah bila jenjang tercapai; tidak boleh naik.",
        ),
    ]
    for row in notes:
        help_sheet.append(list(row))
    help_sheet.append([])
    _header(help_sheet, ["Kategori", "Satuan Isi"])
    categories, units = list(ProductCategory.choices), list(ContentUnit.values)
    for i in range(max(len(categories), len(units))):
        help_sheet.append(
            [str(categories[i][1]) if i < len(categories) else None, units[i] if i < len(units) else None]
        )
    help_sheet.append([])
    _header(help_sheet, ["Komoditas", "Nama", "Batas harga berlaku (per kg/liter)"])
    for commodity in COMMODITIES:
        ceiling = ceiling_for(commodity.key)
        help_sheet.append(
            [
                commodity.key,
                commodity.label,
                f"{ceiling.price_type} {format_rupiah(ceiling.price)}/{ceiling.unit} ({ceiling.legal_basis})"
                if ceiling
                else "",
            ]
        )
    return _save(workbook)


def delivery_fee_workbook(supplier) -> bytes:
    """A supplier's delivery fees in the columns of the fee import, to edit and upload again.

    A supplier without fees yet gets two example rows of Kota Bandung to overwrite.
    """
    from sinergi.purchasing.fee_sheets import COLUMNS as FEE_COLUMNS
    from sinergi.purchasing.selectors import delivery_fee_list

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Ongkos Kirim"
    _header(sheet, [label for _name, label in FEE_COLUMNS])
    fees = list(delivery_fee_list(supplier=supplier).select_related("district__parent"))
    for fee in fees:
        district = fee.district
        sheet.append(
            [district.code, district.name, district.parent.name if district.parent_id else "", int(fee.fee)]
        )
    if not fees:
        sheet.append(["32.73.01", "Sukasari", "Kota Bandung", 150000])
        sheet.append(["", "Cibeunying Kidul", "Kota Bandung", 0])
    help_sheet = workbook.create_sheet("Petunjuk")
    _header(help_sheet, ["Kolom / Column", "Isi / Content"])
    for row in (
        ("Kode Kecamatan", "Kode Kemendagri kecamatan (mis. 32.73.01); boleh kosong bila Kecamatan dan Kabupaten/Kota diisi."),
        ("Kecamatan, Kabupaten/Kota", "Nama kecamatan dan kabupaten/kotanya, bila kode tidak diisi."),
        ("Ongkos Kirim", "Rupiah bulat per koperasi per putaran; 0 = gratis ongkir; kosong = tidak melayani kecamatan itu."),
        ("", "Kecamatan yang tidak ada di lembar ini tetap seperti sekarang."),
    ):  # fmt: skip
        help_sheet.append(list(row))
    return _save(workbook)
