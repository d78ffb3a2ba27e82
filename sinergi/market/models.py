"""UMKM products: one record for the public catalogue, the consignment ledger in outlets and the
producer's settlement.

A product belongs to a UMKM (an `Organization` of kind umkm). It moves draft → submitted →
published, or back to returned with the curating officer's note; only a published product is
shown in the public catalogue. Money is whole Rupiah (`Decimal`, no cents).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sinergi.accounts.models import Organization
from sinergi.core.models import TimeStamped
from sinergi.registry.models import TallyPlace


def money(verbose_name, **kwargs) -> models.DecimalField:
    """A whole-Rupiah amount."""
    return models.DecimalField(verbose_name, max_digits=18, decimal_places=0, **kwargs)


class ProductStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Diajukan")
    PUBLISHED = "published", _("Tayang")
    RETURNED = "returned", _("Dikembalikan")


class Category(models.TextChoices):
    """Kategori produk UMKM, as the office's catalogue and the outlets group them."""

    MAKANAN = "makanan", _("Makanan")
    MINUMAN = "minuman", _("Minuman")
    KERAJINAN = "kerajinan", _("Kerajinan")
    FESYEN = "fesyen", _("Fesyen")
    PERTANIAN = "pertanian", _("Hasil pertanian")
    KOSMETIK = "kosmetik", _("Kosmetik dan perawatan")
    JASA = "jasa", _("Jasa")
    LAINNYA = "lainnya", _("Lainnya")


class LegalityKind(models.TextChoices):
    """Izin dan sertifikat produk: sertifikat halal (BPJPH), PIRT (Dinas Kesehatan), izin edar
    BPOM (MD/ML/NA) and SNI (BSN)."""

    HALAL = "halal", _("Halal")
    PIRT = "pirt", _("PIRT")
    BPOM = "bpom", _("BPOM")
    SNI = "sni", _("SNI")


class LegalityState(models.TextChoices):
    """The product's legality as of the last check: kept on the product (not computed on read) so
    the tally and the catalogue filter agree with what the daily check last decided."""

    NONE = "none", _("Belum ada izin")
    VALID = "valid", _("Berlaku")
    EXPIRING = "expiring", _("Segera berakhir")
    EXPIRED = "expired", _("Kedaluwarsa")


class Product(TimeStamped):
    """Produk UMKM: a product a UMKM makes or sells."""

    business = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="products", verbose_name=_("usaha")
    )
    name = models.CharField(_("nama produk"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, blank=True)
    category = models.CharField(_("kategori"), max_length=30, choices=Category.choices)
    description = models.TextField(_("deskripsi"), blank=True)
    unit = models.CharField(_("satuan"), max_length=30)
    price = money(_("harga"))
    stock_note = models.CharField(_("keterangan stok"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProductStatus.choices, default=ProductStatus.DRAFT
    )
    # A copy of the producer's village, for region filters and tallies.
    region_code = models.CharField(_("kode wilayah"), max_length=13, blank=True, db_index=True)
    # Its kecamatan and kabupaten/kota, so the catalogue's region filters are one equality each
    # and a page walks an index in publication order (a prefix test cannot).
    district_code = models.CharField(_("kode kecamatan"), max_length=8, blank=True)
    regency_code = models.CharField(_("kode kabupaten/kota"), max_length=5, blank=True)
    curated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("tayang sejak"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    return_note = models.TextField(_("catatan pengembalian"), blank=True)
    legality_state = models.CharField(
        _("status izin"), max_length=10, choices=LegalityState.choices, default=LegalityState.NONE
    )
    # The photo as stored: a JPEG of at most PHOTO_SIDE px and its thumbnail (`market.photos`).
    photo = models.CharField(_("foto"), max_length=200, blank=True)
    photo_width = models.PositiveIntegerField(default=0)
    photo_height = models.PositiveIntegerField(default=0)
    thumbnail = models.CharField(_("foto kecil"), max_length=200, blank=True)
    thumbnail_width = models.PositiveIntegerField(default=0)
    thumbnail_height = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("produk")
        verbose_name_plural = _("produk")
        indexes = [
            # The catalogue: published products, newest first, a page at a time (all, or of one
            # category), so a page walks the index in order and stops after one page.
            models.Index(fields=["status", "-published_at", "-id"], name="market_product_catalogue"),
            models.Index(
                fields=["status", "category", "-published_at", "-id"], name="market_product_cat_page"
            ),
            models.Index(
                fields=["status", "regency_code", "-published_at", "-id"], name="market_product_regency_page"
            ),
            models.Index(
                fields=["status", "district_code", "-published_at", "-id"],
                name="market_product_district_page",
            ),
            # A producer's page: its published products, newest first.
            models.Index(
                fields=["business", "status", "-published_at", "-id"], name="market_product_producer"
            ),
            # The curation queue of an office: submitted products in its region, oldest first.
            models.Index(fields=["status", "region_code", "submitted_at"], name="market_product_queue"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(price__gte=0), name="market_product_price_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def copy_region(self, code: str) -> None:
        parts = (code or "").split(".")
        self.region_code = code or ""
        self.district_code = ".".join(parts[:3]) if len(parts) >= 3 else ""
        self.regency_code = ".".join(parts[:2]) if len(parts) >= 2 else ""

    @property
    def photo_version(self) -> str:
        """Changes with every new photo: photo URLs carry it so a cached copy is never stale."""
        return self.photo.rsplit("/", 1)[-1][:8] if self.photo else ""


class Legality(TimeStamped):
    """Izin/sertifikat of a product: its kind, number and validity. A halal certificate under
    UU 6/2023 holds as long as the product is unchanged, so its expiry may be empty."""

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="legalities", verbose_name=_("produk")
    )
    kind = models.CharField(_("jenis izin"), max_length=10, choices=LegalityKind.choices)
    number = models.CharField(_("nomor"), max_length=60)
    issued_on = models.DateField(_("tanggal terbit"), null=True, blank=True)
    expires_on = models.DateField(_("berlaku sampai"), null=True, blank=True)
    # The state the producer and the curating officer were last told about (the daily check tells
    # them once when a legality starts expiring and once when it has expired).
    alerted_state = models.CharField(max_length=10, blank=True)

    class Meta:
        verbose_name = _("izin produk")
        verbose_name_plural = _("izin produk")
        constraints = [
            models.UniqueConstraint(fields=["product", "kind"], name="market_legality_one_per_kind"),
        ]
        indexes = [
            # The daily check: legalities that end before a date.
            models.Index(fields=["expires_on"], name="market_legality_expiry"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class ProductTally(TallyPlace):
    """Rekap produk: products per village, category, status and legality state. Kept by every
    market write in the same transaction (`market.tallies`); the insights panel sums it over any
    region, and the catalogue's region filter lists the places that have published products."""

    category = models.CharField(max_length=30)
    status = models.CharField(max_length=10)
    legality = models.CharField(max_length=10)
    count = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("rekap produk")
        verbose_name_plural = _("rekap produk")
        constraints = [
            models.UniqueConstraint(
                fields=["region_code", "layer", "category", "status", "legality"],
                name="market_product_tally_key",
            ),
        ]
        indexes = [
            models.Index(fields=["layer", "regency_code", "district_code"], name="market_tally_reg_l"),
            models.Index(fields=["layer", "district_code", "region_code"], name="market_tally_dist_l"),
        ]


class ProducerTally(TallyPlace):
    """Rekap produsen: UMKM with at least one published product, per village. Kept with the
    product tally by every market write (`market.tallies`), so the dashboard counts producers
    without scanning products."""

    count = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("rekap produsen")
        verbose_name_plural = _("rekap produsen")
        constraints = [
            models.UniqueConstraint(fields=["region_code", "layer"], name="market_producer_tally_key"),
        ]
        indexes = [
            models.Index(fields=["layer", "regency_code", "district_code"], name="market_ptally_reg_l"),
            models.Index(fields=["layer", "district_code", "region_code"], name="market_ptally_dist_l"),
        ]
