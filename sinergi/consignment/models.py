"""Outlets (gerai) and consignment (titip jual): agreements, stock movements, sales, settlements.

A producer (UMKM) places goods in an outlet of a cooperative, a gallery or a mall corner. The goods
stay the producer's until sold; the outlet settles each period with a statement (laporan
penyelesaian). Stock on hand is always the sum of the signed quantities of the movements; the
balance row (`StockBalance`) is kept in the same transaction as each movement so a sale can lock
it, and `services.stock.stock_differences()` proves it equals the movements.

Money is whole Rupiah (`Decimal`, no cents).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sinergi.accounts.models import Organization
from sinergi.core.models import TimeStamped
from sinergi.market.models import Product
from sinergi.registry.models import TallyPlace


def money(verbose_name, **kwargs) -> models.DecimalField:
    """A whole-Rupiah amount."""
    return models.DecimalField(verbose_name, max_digits=18, decimal_places=0, **kwargs)


class OutletKind(models.TextChoices):
    MINIMARKET = "minimarket", _("Minimarket koperasi")
    GALLERY = "gallery", _("Galeri")
    MALL_CORNER = "mall_corner", _("Pojok mal")


class Outlet(TimeStamped):
    """Gerai: a cooperative minimarket, a gallery or a mall corner that takes UMKM goods on
    consignment. Its staff are the organisation's members with the outlet role (and, for a
    cooperative's outlet, its pengurus and staff)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="outlets", verbose_name=_("pengelola")
    )
    name = models.CharField(_("nama gerai"), max_length=150)
    kind = models.CharField(_("jenis gerai"), max_length=12, choices=OutletKind.choices)
    region_code = models.CharField(_("kelurahan/desa"), max_length=13, db_index=True)
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("gerai")
        verbose_name_plural = _("gerai")

    def __str__(self) -> str:
        return self.name


class Space(TimeStamped):
    """Stan atau rak: a stand or shelf space of a mall corner or gallery, lent to UMKM by period."""

    outlet = models.ForeignKey(Outlet, on_delete=models.CASCADE, related_name="spaces")
    label = models.CharField(_("nama tempat"), max_length=60)

    class Meta:
        ordering = ["outlet", "label"]
        verbose_name = _("stan/rak")
        verbose_name_plural = _("stan/rak")
        constraints = [models.UniqueConstraint(fields=["outlet", "label"], name="consignment_space_label")]

    def __str__(self) -> str:
        return f"{self.outlet} — {self.label}"


class SpaceAllocation(TimeStamped):
    """Alokasi tempat: a space lent to a UMKM from one date to another (inclusive). Two
    allocations of one space never overlap (`rules.allocation_problem`)."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="allocations")
    business = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="space_allocations")
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("selesai"))

    class Meta:
        ordering = ["space", "starts_on"]
        verbose_name = _("alokasi tempat")
        verbose_name_plural = _("alokasi tempat")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="consignment_alloc_dates"
            )
        ]


class WaitingEntry(TimeStamped):
    """Daftar tunggu: a UMKM waiting for a space in an outlet, served in the order of asking."""

    outlet = models.ForeignKey(Outlet, on_delete=models.CASCADE, related_name="waiting")
    business = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    requested_on = models.DateField(_("tanggal daftar"))
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    served_on = models.DateField(_("dilayani"), null=True, blank=True)

    class Meta:
        ordering = ["outlet", "requested_on", "id"]
        verbose_name = _("daftar tunggu")
        verbose_name_plural = _("daftar tunggu")
        constraints = [
            models.UniqueConstraint(
                fields=["outlet", "business"],
                condition=Q(served_on__isnull=True),
                name="consignment_wait_once",
            )
        ]


class Period(models.TextChoices):
    MONTHLY = "monthly", _("Bulanan")
    FORTNIGHTLY = "fortnightly", _("Dua mingguan")
    WEEKLY = "weekly", _("Mingguan")


class PriceModel(models.TextChoices):
    COMMISSION = "commission", _("Komisi")
    FIXED = "fixed", _("Harga titip tetap")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    ACTIVE = "active", _("Berlaku")
    ENDED = "ended", _("Berakhir")


class Agreement(TimeStamped):
    """Perjanjian titip jual between an outlet and a UMKM: the products and their prices, the
    settlement period, the return rules and the price model (commission % or fixed price)."""

    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="agreements")
    producer = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="consignments", verbose_name=_("produsen")
    )
    price_model = models.CharField(_("model harga"), max_length=10, choices=PriceModel.choices)
    commission_pct = models.DecimalField(_("komisi (%)"), max_digits=5, decimal_places=2, default=0)
    period = models.CharField(
        _("periode penyelesaian"), max_length=12, choices=Period.choices, default=Period.MONTHLY
    )
    return_rules = models.TextField(_("aturan retur"), blank=True)
    return_max_days = models.PositiveSmallIntegerField(_("batas retur (hari)"), default=30)
    status = models.CharField(
        _("status"), max_length=8, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    starts_on = models.DateField(_("mulai berlaku"))

    class Meta:
        ordering = ["outlet", "producer__name"]
        verbose_name = _("perjanjian titip jual")
        verbose_name_plural = _("perjanjian titip jual")
        constraints = [
            models.CheckConstraint(
                condition=Q(commission_pct__gte=0) & Q(commission_pct__lte=100),
                name="consignment_commission_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.outlet} — {self.producer}"


class AgreementProduct(models.Model):
    """A product under an agreement, with its retail price and (fixed model) the producer's price
    per unit."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="consignment_items")
    retail_price = money(_("harga jual"))
    consignment_price = money(_("harga titip"), null=True, blank=True)

    class Meta:
        ordering = ["agreement", "product__name"]
        verbose_name = _("produk titipan")
        verbose_name_plural = _("produk titipan")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "product"], name="consignment_item_once"),
            models.CheckConstraint(condition=Q(retail_price__gte=0), name="consignment_item_price"),
        ]

    def __str__(self) -> str:
        return str(self.product)


class MovementKind(models.TextChoices):
    DELIVERY = "delivery", _("Pengiriman masuk")
    SALE = "sale", _("Penjualan")
    RETURN = "return", _("Retur ke produsen")
    WRITEOFF = "writeoff", _("Hapus kedaluwarsa")


class StockMovement(models.Model):
    """Mutasi stok: goods into the outlet (positive), or out of it by sale, return or expiry write-off
    (negative). Never edited: a mistake is corrected by another movement."""

    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="movements")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="movements")
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="movements")
    kind = models.CharField(_("jenis"), max_length=10, choices=MovementKind.choices)
    qty = models.IntegerField(_("jumlah"))
    occurred_on = models.DateField(_("tanggal"))
    best_before = models.DateField(_("baik digunakan sebelum"), null=True, blank=True)
    sale = models.ForeignKey(
        "Sale", on_delete=models.PROTECT, null=True, blank=True, related_name="movements"
    )
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["occurred_on", "id"]
        verbose_name = _("mutasi stok")
        verbose_name_plural = _("mutasi stok")
        indexes = [
            # Stock on hand at a date, and an agreement's period: the movements of an outlet's product.
            models.Index(fields=["outlet", "product", "occurred_on"], name="consignment_move_op"),
            models.Index(fields=["agreement", "kind", "occurred_on"], name="consignment_move_agr"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.product_id} {self.qty:+d}"


class StockBalance(models.Model):
    """The stock on hand of a product in an outlet: the sum of its movements, kept as a row so a
    sale can lock it (`select_for_update`)."""

    outlet = models.ForeignKey(Outlet, on_delete=models.CASCADE, related_name="balances")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="balances")
    on_hand = models.IntegerField(_("stok"), default=0)

    class Meta:
        verbose_name = _("stok gerai")
        verbose_name_plural = _("stok gerai")
        constraints = [
            models.UniqueConstraint(fields=["outlet", "product"], name="consignment_balance_once"),
            models.CheckConstraint(condition=Q(on_hand__gte=0), name="consignment_balance_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.outlet_id}/{self.product_id}: {self.on_hand}"


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("Tunai")
    QRIS = "qris", _("QRIS")
    TRANSFER = "transfer", _("Transfer")


class Sale(models.Model):
    """Penjualan: one buyer's purchase at an outlet. `client_id` is the id the selling device gave
    it: a sale sent twice (a dropped connection, an offline queue) is recorded once."""

    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="sales")
    client_id = models.CharField(_("id perangkat"), max_length=64)
    sold_on = models.DateField(_("tanggal"))
    paid_with = models.CharField(_("cara bayar"), max_length=10, choices=PaymentMethod.choices)
    reference = models.CharField(_("referensi"), max_length=60, blank=True)
    total = money(_("total"))
    region_code = models.CharField(max_length=13)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sold_on", "-id"]
        verbose_name = _("penjualan")
        verbose_name_plural = _("penjualan")
        constraints = [
            models.UniqueConstraint(fields=["outlet", "client_id"], name="consignment_sale_client_once")
        ]
        indexes = [models.Index(fields=["outlet", "sold_on"], name="consignment_sale_day")]

    def __str__(self) -> str:
        return f"{self.outlet} {self.sold_on} #{self.pk}"


class SaleLine(models.Model):
    """A product sold in a sale, with the agreement's terms at the time (what the settlement uses)."""

    sale = models.ForeignKey(Sale, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="sale_lines")
    qty = models.PositiveIntegerField(_("jumlah"))
    unit_price = money(_("harga satuan"))
    amount = money(_("jumlah harga"))
    commission_pct = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    producer_price = money(_("harga titip"), null=True, blank=True)

    class Meta:
        ordering = ["sale", "id"]
        verbose_name = _("baris penjualan")
        verbose_name_plural = _("baris penjualan")

    def __str__(self) -> str:
        return f"{self.product_id} × {self.qty}"


class StatementStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    APPROVED = "approved", _("Disetujui gerai")
    PAID = "paid", pgettext_lazy("payment state", "Dibayar")


class Statement(TimeStamped):
    """Laporan penyelesaian: what an outlet owes a producer for one period of an agreement. A
    period is settled once; a correction is a new statement linked to the original that carries
    only the difference."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="statements")
    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="statements")
    producer = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="consignment_statements"
    )
    period_start = models.DateField(_("awal periode"))
    period_end = models.DateField(_("akhir periode"))
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("koreksi atas"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=StatementStatus.choices, default=StatementStatus.DRAFT
    )
    sold_qty = models.IntegerField(_("terjual"), default=0)
    gross = money(_("penjualan kotor"), default=0)
    outlet_margin = money(_("bagian gerai"), default=0)
    producer_share = money(_("bagian produsen"), default=0)
    returned_qty = models.IntegerField(_("diretur"), default=0)
    written_off_qty = models.IntegerField(_("dihapus"), default=0)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("disetujui"), null=True, blank=True)
    paid_on = models.DateField(_("tanggal bayar"), null=True, blank=True)
    paid_with = models.CharField(_("cara bayar"), max_length=10, choices=PaymentMethod.choices, blank=True)
    paid_reference = models.CharField(_("referensi pembayaran"), max_length=60, blank=True)

    class Meta:
        ordering = ["-period_end", "outlet", "producer__name"]
        verbose_name = _("laporan penyelesaian")
        verbose_name_plural = _("laporan penyelesaian")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "period_start", "period_end"],
                condition=Q(corrects__isnull=True),
                name="consignment_period_settled_once",
            )
        ]
        indexes = [models.Index(fields=["producer", "status"], name="consignment_stmt_producer")]

    def __str__(self) -> str:
        return f"{self.producer} — {self.outlet} {self.period_start:%d/%m/%Y}–{self.period_end:%d/%m/%Y}"


class StatementLineKind(models.TextChoices):
    SALE = "sale", _("Terjual")
    RETURN = "return", _("Retur")
    WRITEOFF = "writeoff", _("Hapus kedaluwarsa")


class StatementLine(models.Model):
    """A line of a statement: a product sold at a price (paid), or returned or written off (listed,
    not paid). In a correction the figures are the difference from the original."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=StatementLineKind.choices)
    qty = models.IntegerField(_("jumlah"))
    unit_price = money(_("harga satuan"), default=0)
    gross = money(_("penjualan kotor"), default=0)
    outlet_margin = money(_("bagian gerai"), default=0)
    producer_share = money(_("bagian produsen"), default=0)

    class Meta:
        ordering = ["statement", "kind", "product__name"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.product_id} × {self.qty}"


class SaleTally(TallyPlace):
    """Rekap penjualan titip: sales per outlet village and month, with units and gross Rupiah. Kept
    by the sale service in the same transaction (`consignment.tallies`)."""

    month = models.CharField(max_length=7)
    count = models.BigIntegerField(default=0)
    qty = models.BigIntegerField(default=0)
    gross = models.DecimalField(max_digits=20, decimal_places=0, default=0)

    class Meta:
        verbose_name = _("rekap penjualan titip")
        verbose_name_plural = _("rekap penjualan titip")
        constraints = [
            models.UniqueConstraint(
                fields=["region_code", "layer", "month"], name="consignment_sale_tally_key"
            )
        ]
        indexes = [
            # Drill-down reads: a regency's kecamatan, a kecamatan's villages.
            models.Index(fields=["layer", "regency_code", "district_code"], name="consignment_tally_reg_l"),
            models.Index(fields=["layer", "district_code", "region_code"], name="consignment_tally_dist_l"),
        ]
