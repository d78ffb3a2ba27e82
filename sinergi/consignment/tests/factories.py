"""Factories of the consignment tests: published products of a UMKM, made through the market model."""

from decimal import Decimal

from sinergi.market.models import Product


def product(business, name="Keripik Talas 200 g", price=Decimal(15000), status="published"):
    return Product.objects.create(
        business=business,
        name=name,
        category="makanan",
        unit="bungkus",
        price=price,
        status=status,
        region_code=business.region_id,
    )
