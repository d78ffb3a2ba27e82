"""Belanja Bareng (joint purchasing): catalogues, buying rounds, orders and their plans.

The flow, after Open Food Network's order cycles: a supplier (pemasok) keeps price lists with
all-units volume tiers and a delivery fee per kecamatan; an office sets up a buying network
(Jaringan Usaha Koperasi: a `registry.Network` of kind "buying") with a coordinator, its lead, and
member cooperatives; the coordinator opens a round (putaran) over the suppliers' price lists,
members order, the coordinator closes the round and the optimiser (`purchasing.optimizer`, pure)
picks a supplier for every order line. Its plan is stored here: purchase orders per supplier, a
delivery list and a bill per cooperative.

Money is whole Rupiah: `DecimalField(max_digits=18, decimal_places=0)`, a `Decimal` in Python.
Suppliers quote staples in whole Rupiah, and the optimiser works in exact integers, so a plan
stored from it needs no rounding and re-adds to the Rupiah; amounts reach `int` only at that edge.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from sinergi.accounts.models import Organization
from sinergi.core.models import Job, TimeStamped
from sinergi.purchasing.allocation import ALLOCATION_RULES
from sinergi.purchasing.prices import COMMODITY_CHOICES
from sinergi.regions.models import Region
from sinergi.registry.models import Network, TallyPlace


def money(verbose_name, **kwargs) -> models.DecimalField:
    """A whole-Rupiah amount (see the module docstring for why no cents)."""
    return models.DecimalField(verbose_name, max_digits=18, decimal_places=0, **kwargs)


# --- catalogue -------------------------------------------------------------------------------


class ProductCategory(models.TextChoices):
    BERAS = "beras", _("Beras")
    GULA = "gula", _("Gula")
    MINYAK = "minyak", _("Minyak goreng")
    TEPUNG = "tepung", _("Tepung")
    TELUR = "telur", _("Telur")
    DAGING = "daging", _("Daging dan ikan")
    BUMBU = "bumbu", _("Bumbu dan bahan dapur")
    MIE = "mie", _("Mi instan")
    MAKANAN = "makanan", _("Makanan kemasan")
    MINUMAN = "minuman", _("Minuman")
    KEBERSIHAN = "kebersihan", _("Sabun dan kebersihan")
    LAINNYA = "lainnya", _("Lainnya")


class ContentUnit(models.TextChoices):
    KG = "kg", _("kg")
    GRAM = "g", _("gram")
    LITER = "liter", _("liter")
    ML = "ml", _("ml")
    PCS = "pcs", _("buah")


class Product(TimeStamped):
    """Barang: one item of the shared Belanja Bareng catalogue ("Beras medium 5 kg").

    Shared, not per supplier: cooperatives order the item and the optimiser decides which supplier
    delivers it, so every supplier offering "beras-medium-5kg" competes for the same order lines.
    `unit` is what is ordered and priced (karung, dus, botol); `pack_size` `content_unit` is what
    one unit holds, which turns a pack price into a price per kg or litre for the ceiling check.
    """

    code = models.SlugField(_("kode barang"), max_length=60, unique=True)
    name = models.CharField(_("nama barang"), max_length=150)
    category = models.CharField(_("kategori"), max_length=12, choices=ProductCategory.choices)
    unit = models.CharField(_("satuan"), max_length=20)
    pack_size = models.DecimalField(_("isi per satuan"), max_digits=10, decimal_places=3)
    content_unit = models.CharField(_("satuan isi"), max_length=5, choices=ContentUnit.choices)
    # Matches the product to the Badan Pangan price panel and to the HET/HAP ceilings.
    commodity = models.CharField(_("komoditas"), max_length=20, choices=COMMODITY_CHOICES, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["category", "name"]
        verbose_name = _("barang")
        verbose_name_plural = _("barang")
        constraints = [
            models.CheckConstraint(condition=Q(pack_size__gt=0), name="product_pack_size_positive")
        ]

    def __str__(self) -> str:
        return self.name


class PriceList(TimeStamped):
    """Daftar harga: a supplier's prices for a period, each item with all-units volume tiers.

    A round takes the list valid on the day it closes (the latest `valid_from` if several are);
    `valid_until` empty means until further notice.
    """

    supplier = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="price_lists", verbose_name=_("pemasok")
    )
    name = models.CharField(_("nama daftar harga"), max_length=150)
    valid_from = models.DateField(_("berlaku mulai"))
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)

    class Meta:
        ordering = ["supplier__name", "-valid_from"]
        verbose_name = _("daftar harga")
        verbose_name_plural = _("daftar harga")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="pricelist_valid_range",
            )
        ]
        indexes = [
            # "The list valid on a day" for one supplier, newest first.
            models.Index(fields=["supplier", "-valid_from"], name="pricelist_supplier_from"),
        ]

    def __str__(self) -> str:
        return f"{self.supplier} — {self.name}"


class PriceListItem(TimeStamped):
    """Barang dalam daftar harga: one product at one supplier, priced by its tiers."""

    price_list = models.ForeignKey(PriceList, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="price_items")

    class Meta:
        ordering = ["product__category", "product__name"]
        verbose_name = _("barang dalam daftar harga")
        verbose_name_plural = _("barang dalam daftar harga")
        constraints = [
            models.UniqueConstraint(fields=["price_list", "product"], name="pricelistitem_unique_product")
        ]

    def __str__(self) -> str:
        return f"{self.product} @ {self.price_list}"


class PriceTier(models.Model):
    """Jenjang harga (all-units): once the supplier's whole round quantity reaches `min_qty`, every
    unit costs `unit_price`. The first tier starts at 1 and prices never rise with quantity."""

    item = models.ForeignKey(PriceListItem, on_delete=models.CASCADE, related_name="tiers")
    min_qty = models.PositiveIntegerField(_("jumlah minimum"))
    unit_price = money(_("harga satuan"))

    class Meta:
        ordering = ["item", "min_qty"]
        verbose_name = _("jenjang harga")
        verbose_name_plural = _("jenjang harga")
        constraints = [
            models.UniqueConstraint(fields=["item", "min_qty"], name="pricetier_unique_min"),
            models.CheckConstraint(condition=Q(min_qty__gte=1), name="pricetier_min_positive"),
            models.CheckConstraint(condition=Q(unit_price__gt=0), name="pricetier_price_positive"),
        ]

    def __str__(self) -> str:
        return f"≥{self.min_qty}: {self.unit_price}"


class DeliveryFee(TimeStamped):
    """Ongkos kirim: what a supplier charges to deliver to one cooperative in a kecamatan, once
    per cooperative served in a round. No row for a kecamatan means no delivery there."""

    supplier = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="delivery_fees", verbose_name=_("pemasok")
    )
    district = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("kecamatan")
    )
    fee = money(_("ongkos kirim"))

    class Meta:
        ordering = ["supplier", "district"]
        verbose_name = _("ongkos kirim")
        verbose_name_plural = _("ongkos kirim")
        constraints = [
            models.UniqueConstraint(fields=["supplier", "district"], name="deliveryfee_unique_district"),
            models.CheckConstraint(condition=Q(fee__gte=0), name="deliveryfee_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.supplier} → {self.district_id}: {self.fee}"


# --- rounds (of a buying network, `registry.Network`) ----------------------------------------


# How the pooled bill is shared (`purchasing.allocation`); the label says what members see.
ALLOCATION_LABELS = {
    "proportional": _("Proporsional: setiap koperasi hemat dengan persentase yang sama"),
}


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("konsep")
    OPEN = "open", _("dibuka")
    CLOSED = "closed", _("ditutup")
    OPTIMISED = "optimised", _("dioptimalkan")
    ORDERED = "ordered", _("PO terkirim")


class Round(TimeStamped):
    """Putaran Belanja Bareng: one buying round of a network.

    konsep (draft: the coordinator picks suppliers) → dibuka (open: the suppliers' valid price
    lists are copied into `offers` and members order until `closes_at`) → ditutup (closed: nothing
    a member does changes it) → dioptimalkan (the plan is stored; it may be computed again) → PO
    terkirim (every purchase order sent; final). `problems` keeps the order lines the last
    optimisation could not place, so the coordinator sees what to fix.
    """

    Status = RoundStatus

    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="rounds")
    name = models.CharField(_("nama putaran"), max_length=150)
    opens_at = models.DateTimeField(_("dibuka mulai"))
    closes_at = models.DateTimeField(_("ditutup pada"))
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    allocation = models.CharField(
        _("aturan pembagian hemat"),
        max_length=20,
        choices=[(rule, ALLOCATION_LABELS.get(rule, rule)) for rule in ALLOCATION_RULES],
        default=ALLOCATION_RULES[0],
    )
    notes = models.TextField(_("catatan untuk anggota"), blank=True)
    suppliers = models.ManyToManyField(
        Organization, through="RoundSupplier", related_name="supplied_rounds", verbose_name=_("pemasok")
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    problems = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-opens_at", "-pk"]
        verbose_name = _("putaran belanja bareng")
        verbose_name_plural = _("putaran belanja bareng")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="round_closes_after_opening"
            ),
        ]
        indexes = [
            # A network's rounds, newest first; and the rounds due to close.
            models.Index(fields=["network", "-opens_at"], name="round_network_opens"),
            models.Index(fields=["status", "closes_at"], name="round_status_closes"),
        ]

    def __str__(self) -> str:
        return self.name


class RoundSupplier(models.Model):
    """A supplier taking part in a round; `price_list` is the list copied when the round opened."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="round_suppliers")
    supplier = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    price_list = models.ForeignKey(
        PriceList, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["supplier__name"]
        constraints = [models.UniqueConstraint(fields=["round", "supplier"], name="roundsupplier_unique")]

    def __str__(self) -> str:
        return f"{self.supplier} in {self.round}"


class RoundOffer(models.Model):
    """Penawaran: a supplier's tiers for one product, frozen when the round opened.

    A copy, not a link: a supplier changing its price list afterwards cannot move the prices the
    members ordered against. `tiers` is `[[min_qty, unit_price], …]` in whole Rupiah, lowest first.
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="offers")
    supplier = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    tiers = models.JSONField()

    class Meta:
        ordering = ["product__category", "product__name", "supplier__name"]
        verbose_name = _("penawaran")
        verbose_name_plural = _("penawaran")
        constraints = [
            models.UniqueConstraint(fields=["round", "supplier", "product"], name="roundoffer_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.supplier} / {self.product}"


class Order(TimeStamped):
    """Pesanan: one cooperative's order in a round.

    `version` rises by one with every saved change. An edit made against an older version is
    refused rather than written over the newer one (two managers, or a manager and the coordinator,
    editing at once), and the round row is locked while an order is saved, so closing cannot
    interleave with a save.
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="orders")
    cooperative = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="purchasing_orders")
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["cooperative__name"]
        verbose_name = _("pesanan")
        verbose_name_plural = _("pesanan")
        constraints = [
            models.UniqueConstraint(fields=["round", "cooperative"], name="order_unique_cooperative")
        ]

    def __str__(self) -> str:
        return f"{self.cooperative} — {self.round}"


class OrderLine(models.Model):
    """Baris pesanan: whole units of one product. A coordinator may drop a line after closing (no
    supplier can serve it); it is kept, marked, so the member sees what happened and why."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    qty = models.PositiveIntegerField(_("jumlah"))
    dropped_at = models.DateTimeField(null=True, blank=True)
    dropped_reason = models.CharField(_("alasan dikeluarkan"), max_length=300, blank=True)

    class Meta:
        ordering = ["product__category", "product__name"]
        verbose_name = _("baris pesanan")
        verbose_name_plural = _("baris pesanan")
        constraints = [
            models.UniqueConstraint(fields=["order", "product"], name="orderline_unique_product"),
            models.CheckConstraint(condition=Q(qty__gte=1), name="orderline_qty_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.product} × {self.qty}"


# --- the stored plan -------------------------------------------------------------------------


class RoundPlan(models.Model):
    """Rencana belanja: the optimiser's answer for a closed round, replaced when computed again.

    `gap` is the certified distance to the best possible plan; `instance` is the optimiser input
    in its JSON shape, so `sinergi purchasing_solve` can reproduce the answer from a download.
    """

    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="plan")
    status = models.CharField(_("status solusi"), max_length=12)
    gap = models.FloatField(_("selisih terjamin"))
    total_cost = money(_("total biaya"))
    goods_cost = money(_("biaya barang"))
    delivery_cost = money(_("ongkos kirim"))
    alone_cost = money(_("biaya jika belanja sendiri"))
    savings = money(_("penghematan"))
    allocation = models.CharField(_("aturan pembagian hemat"), max_length=20)
    stats = models.JSONField(default=dict)
    instance = models.JSONField(default=dict)
    job = models.ForeignKey(Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    solved_at = models.DateTimeField(_("dihitung pada"))
    solved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("rencana belanja")
        verbose_name_plural = _("rencana belanja")

    def __str__(self) -> str:
        return f"{self.round}: {self.total_cost}"

    @property
    def savings_percent(self):
        return self.savings * 100 / self.alone_cost if self.alone_cost else 0

    @property
    def gap_percent(self) -> Decimal:
        """The certified distance to the cheapest plan in percent, rounded up to a tenth: "at most
        0,1 %" stays true, where rounding 0,04 % to the nearest tenth would claim 0 %."""
        tenths = Decimal(str(self.gap)) * 1000
        return tenths.to_integral_value(rounding=ROUND_CEILING) / 10 if tenths > 0 else Decimal(0)


class PlanLine(models.Model):
    """An order line as pooled: its supplier and unit price, beside what the cooperative would
    have chosen and paid buying alone (`alone_*`)."""

    plan = models.ForeignKey(RoundPlan, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(OrderLine, on_delete=models.CASCADE, related_name="plan_lines")
    cooperative = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    supplier = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    qty = models.PositiveIntegerField(_("jumlah"))
    unit_price = money(_("harga satuan bersama"))
    goods_cost = money(_("biaya barang"))
    alone_supplier = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    alone_unit_price = money(_("harga satuan jika sendiri"))

    class Meta:
        ordering = ["cooperative__name", "product__name"]
        constraints = [models.UniqueConstraint(fields=["plan", "order_line"], name="planline_unique")]
        indexes = [
            # A cooperative's bill and delivery list; a supplier's purchase order.
            models.Index(fields=["plan", "cooperative"], name="planline_plan_coop"),
            models.Index(fields=["plan", "supplier"], name="planline_plan_supplier"),
        ]

    def __str__(self) -> str:
        return f"{self.cooperative} {self.product} × {self.qty} ← {self.supplier}"

    @property
    def alone_goods_cost(self):
        return self.alone_unit_price * self.qty


class CooperativeBill(models.Model):
    """Tagihan koperasi: what a member pays for the round, and what it saves against buying alone.

    `goods_cost` + `delivery_cost` price its own lines at the pooled prices; `pays` is what the
    allocation rule charges, never more than `alone_cost` (the cheapest it could have done alone).
    """

    plan = models.ForeignKey(RoundPlan, on_delete=models.CASCADE, related_name="bills")
    cooperative = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="purchasing_bills")
    district_code = models.CharField(_("kode kecamatan"), max_length=8)
    alone_cost = money(_("biaya jika belanja sendiri"))
    pays = money(_("dibayar"))
    saves = money(_("hemat"))
    goods_cost = money(_("biaya barang"))
    delivery_cost = money(_("ongkos kirim"))

    class Meta:
        ordering = ["cooperative__name"]
        verbose_name = _("tagihan koperasi")
        verbose_name_plural = _("tagihan koperasi")
        constraints = [
            models.UniqueConstraint(fields=["plan", "cooperative"], name="bill_unique_cooperative"),
            models.CheckConstraint(condition=Q(pays__lte=F("alone_cost")), name="bill_never_above_alone"),
        ]

    def __str__(self) -> str:
        return f"{self.cooperative}: {self.pays}"

    @property
    def savings_percent(self):
        return self.saves * 100 / self.alone_cost if self.alone_cost else 0


class PurchaseOrderStatus(models.TextChoices):
    DRAFT = "draft", _("belum dikirim")
    SENT = "sent", _("terkirim")


class PurchaseOrder(models.Model):
    """Surat pesanan (purchase order, PO): everything one supplier delivers in a round, with the
    tier its total reaches per product and the cooperatives it delivers to."""

    Status = PurchaseOrderStatus

    plan = models.ForeignKey(RoundPlan, on_delete=models.CASCADE, related_name="purchase_orders")
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="purchase_orders")
    supplier = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="purchase_orders")
    number = models.CharField(_("nomor PO"), max_length=40)
    goods_cost = money(_("biaya barang"))
    delivery_cost = money(_("ongkos kirim"))
    total = money(_("total"))
    status = models.CharField(
        _("status"), max_length=5, choices=PurchaseOrderStatus.choices, default=PurchaseOrderStatus.DRAFT
    )
    sent_at = models.DateTimeField(_("dikirim pada"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The supplier's "pesanan diterima": it has read the order and will deliver.
    acknowledged_at = models.DateTimeField(_("diterima pemasok pada"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["round", "supplier__name"]
        verbose_name = _("surat pesanan")
        verbose_name_plural = _("surat pesanan")
        constraints = [models.UniqueConstraint(fields=["plan", "supplier"], name="po_unique_supplier")]
        indexes = [
            # A supplier's purchase orders, newest first.
            models.Index(fields=["supplier", "-plan"], name="po_supplier_plan"),
        ]

    def __str__(self) -> str:
        return self.number


class PurchaseOrderLine(models.Model):
    """One product on a purchase order: the supplier's whole quantity and the tier it reaches."""

    purchase_order = models.ForeignKey(PurchaseOrder, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    qty = models.PositiveIntegerField(_("jumlah"))
    tier = models.PositiveSmallIntegerField(_("jenjang"))  # 1 = the first (dearest) tier
    tier_min_qty = models.PositiveIntegerField(_("minimum jenjang"))
    unit_price = money(_("harga satuan"))
    goods_cost = money(_("biaya barang"))

    class Meta:
        ordering = ["product__category", "product__name"]
        constraints = [models.UniqueConstraint(fields=["purchase_order", "product"], name="poline_unique")]

    def __str__(self) -> str:
        return f"{self.product} × {self.qty}"


class Delivery(models.Model):
    """Pengiriman: a supplier delivers to a cooperative in the plan, for the fee it charges there."""

    purchase_order = models.ForeignKey(PurchaseOrder, on_delete=models.CASCADE, related_name="deliveries")
    cooperative = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    district_code = models.CharField(_("kode kecamatan"), max_length=8)
    fee = money(_("ongkos kirim"))

    class Meta:
        ordering = ["cooperative__name"]
        verbose_name = _("pengiriman")
        verbose_name_plural = _("pengiriman")
        constraints = [
            models.UniqueConstraint(fields=["purchase_order", "cooperative"], name="delivery_unique")
        ]

    def __str__(self) -> str:
        return f"{self.purchase_order} → {self.cooperative}"


# --- tallies -----------------------------------------------------------------------------------


class RoundTally(TallyPlace):
    """Rekap Belanja Bareng: rounds per village of the network's coordinator and month of closing.

    Kept by every round and order write in the same transaction (`purchasing.tallies`). A round
    counts as closed from ditutup on; goods, delivery and savings are its stored plan's (the figures
    the round report shows); ordering cooperatives are the members with an order line in it. Rows
    at zero are kept; `insights_verify` treats them as absent.
    """

    month = models.DateField()
    rounds_closed = models.BigIntegerField(default=0)
    goods = models.DecimalField(max_digits=24, decimal_places=0, default=0)
    delivery = models.DecimalField(max_digits=24, decimal_places=0, default=0)
    savings = models.DecimalField(max_digits=24, decimal_places=0, default=0)
    ordering_cooperatives = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("rekap belanja bareng")
        verbose_name_plural = _("rekap belanja bareng")
        constraints = [
            models.UniqueConstraint(
                fields=["region_code", "layer", "month"], name="purchasing_round_tally_key"
            ),
        ]
        indexes = [
            models.Index(fields=["layer", "regency_code", "district_code"], name="purchasing_tally_reg_l"),
            models.Index(fields=["layer", "district_code", "region_code"], name="purchasing_tally_dist_l"),
        ]

    def __str__(self) -> str:
        return f"{self.region_code} {self.month:%Y-%m}: {self.rounds_closed}"
