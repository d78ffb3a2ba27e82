"""Count the tallies of the profiles already registered, so an existing database is right after migrate."""

from django.db import migrations

from sinergi.core.tallies import fill_villages
from sinergi.registry import tallies


def fill(apps, schema_editor):
    for name, tally, recount in (
        ("CooperativeProfile", tallies.COOPERATIVES, tallies.recompute_cooperatives),
        ("BusinessProfile", tallies.BUSINESSES, tallies.recompute_businesses),
    ):
        model = apps.get_model(
            "registry", "CooperativeTally" if tally is tallies.COOPERATIVES else "BusinessTally"
        )
        model.objects.all().delete()
        fill_villages(model, tally, recount(apps.get_model("registry", name)))


def empty(apps, schema_editor):
    apps.get_model("registry", "CooperativeTally").objects.all().delete()
    apps.get_model("registry", "BusinessTally").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0008_tallies"),
    ]

    operations = [
        migrations.RunPython(fill, empty),
    ]
