"""Fill the joint purchasing tally from the rounds already stored."""

from django.db import migrations
from django.db.models import Count, OuterRef, Subquery


def _place(round_model) -> str:
    """The lead's village: at this migration the network's lead was still called its coordinator."""
    network = round_model._meta.get_field("network").related_model
    names = {field.name for field in network._meta.get_fields()}
    return "network__coordinator__region_id" if "coordinator" in names else "network__lead__region_id"


def fill(apps, schema_editor):
    from sinergi.core.tallies import fill_villages
    from sinergi.purchasing import tallies

    round_model = apps.get_model("purchasing", "Round")
    line_model = apps.get_model("purchasing", "OrderLine")
    tally = apps.get_model("purchasing", "RoundTally")
    ordering = (
        line_model.objects.filter(order__round=OuterRef("pk"))
        .order_by()
        .values("order__round")
        .annotate(n=Count("order__cooperative", distinct=True))
        .values("n")
    )
    tally.objects.all().delete()
    fill_villages(
        tally,
        tallies.ROUNDS,
        tallies.recompute(
            round_model.objects.annotate(ordering=Subquery(ordering)),
            (_place(round_model), *tallies.ROUND_VALUES[1:]),
        ),
    )


def empty(apps, schema_editor):
    apps.get_model("purchasing", "RoundTally").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("purchasing", "0003_round_tally")]

    operations = [migrations.RunPython(fill, empty)]
