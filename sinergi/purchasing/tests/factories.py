import datetime as dt
from decimal import Decimal

import factory

from sinergi.accounts.tests.factories import OrganizationFactory
from sinergi.purchasing.models import PriceList, PriceListItem, PriceTier, Product
from sinergi.registry.models import CooperativeProfile


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"barang-{n}")
    name = factory.Sequence(lambda n: f"Barang {n}")
    category = "lainnya"
    unit = "dus"
    pack_size = Decimal(1)
    content_unit = "pcs"


class SupplierFactory(OrganizationFactory):
    kind = "company"
    name = factory.Sequence(lambda n: f"PT Pemasok Uji {n}")
    region_id = "32.73.08.1001"


class PriceListFactory(factory.django.DjangoModelFactory):
    """A price list written straight to the tables (selector tests); services are tested through
    the services."""

    class Meta:
        model = PriceList

    supplier = factory.SubFactory(SupplierFactory)
    name = "Daftar harga uji"
    valid_from = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=30))


def price_item(price_list, product, tiers):
    item = PriceListItem.objects.create(price_list=price_list, product=product)
    PriceTier.objects.bulk_create([PriceTier(item=item, min_qty=q, unit_price=Decimal(p)) for q, p in tiers])
    return item


def bandung_cooperatives(count: int, *, cooperative_type: str = "konsumen") -> list:
    """Registry cooperatives in Kota Bandung villages, the way the registry's demo leaves them."""
    villages = [
        "32.73.01.1001",
        "32.73.02.1004",
        "32.73.05.1003",
        "32.73.08.1002",
        "32.73.13.1002",
        "32.73.19.1003",
    ]
    cooperatives = []
    for i in range(count):
        village = villages[i % len(villages)]
        org = OrganizationFactory(kind="cooperative", name=f"Koperasi Bandung {i:02d}", region_id=village)
        profile = CooperativeProfile(organization=org, cooperative_type=cooperative_type, status="aktif")
        profile.copy_region(village)
        profile.save()
        cooperatives.append(org)
    return cooperatives
