"""Copy each stored product's kecamatan and kabupaten/kota codes, and count the product tallies
from the products already stored."""

from django.db import migrations


def fill(apps, schema_editor):
    from sinergi.core.tallies import fill
    from sinergi.market import tallies

    product_model = apps.get_model("market", "Product")
    for product in product_model.objects.exclude(region_code="").only("pk", "region_code"):
        parts = product.region_code.split(".")
        product_model.objects.filter(pk=product.pk).update(
            district_code=".".join(parts[:3]) if len(parts) >= 3 else "",
            regency_code=".".join(parts[:2]) if len(parts) >= 2 else "",
        )
    products, producers = {}, {}
    for row in product_model.objects.values_list("region_code", "category", "status", "legality_state"):
        for _tally, key, _measures in tallies.product_contribution(row):
            products.setdefault(key, [0])[0] += 1
    published = (
        product_model.objects.filter(status="published")
        .values_list("business_id", "business__region_id")
        .distinct()
    )
    for _business, region in published:
        for _tally, key, _measures in tallies.producer_contribution((region, True)):
            producers.setdefault(key, [0])[0] += 1
    for name, tally, counted in (
        ("ProductTally", tallies.PRODUCTS, products),
        ("ProducerTally", tallies.PRODUCERS, producers),
    ):
        model = apps.get_model("market", name)
        model.objects.all().delete()
        fill(model, tally, counted)


def empty(apps, schema_editor):
    apps.get_model("market", "ProductTally").objects.all().delete()
    apps.get_model("market", "ProducerTally").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("market", "0002_legality_producertally_producttally_and_more")]

    operations = [migrations.RunPython(fill, empty)]
