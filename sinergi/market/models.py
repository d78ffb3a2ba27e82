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


def money(verbose_name, **kwargs) -> models.DecimalField:
    """A whole-Rupiah amount."""
    return models.DecimalField(verbose_name, max_digits=18, decimal_places=0, **kwargs)


class ProductStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Diajukan")
    PUBLISHED = "published", _("Tayang")
    RETURNED = "returned", _("Dikembalikan")


class Product(TimeStamped):
    """A product a UMKM makes or sells."""

    business = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="products", verbose_name=_("usaha")
    )
    name = models.CharField(_("nama produk"), max_length=150)
    category = models.CharField(_("kategori"), max_length=30)
    description = models.TextField(_("deskripsi"), blank=True)
    unit = models.CharField(_("satuan"), max_length=30)
    price = money(_("harga"))
    status = models.CharField(
        _("status"), max_length=10, choices=ProductStatus.choices, default=ProductStatus.DRAFT
    )
    # A copy of the producer's village, for region filters and tallies.
    region_code = models.CharField(_("kode wilayah"), max_length=13, blank=True, db_index=True)
    curated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("tayang sejak"), null=True, blank=True)
    return_note = models.TextField(_("catatan pengembalian"), blank=True)

    class Meta:
        verbose_name = _("produk")
        verbose_name_plural = _("produk")
        indexes = [models.Index(fields=["status", "category"], name="market_product_status_cat")]

    def __str__(self) -> str:
        return self.name
