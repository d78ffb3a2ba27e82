# Every member kept from the buying networks joined on the day it was added (in local time).

from django.db import migrations
from django.utils import timezone


def date_joins(apps, schema_editor):
    NetworkMember = apps.get_model("registry", "NetworkMember")
    for member in NetworkMember.objects.filter(joined_on__isnull=True).only("id", "joined_at"):
        NetworkMember.objects.filter(pk=member.pk).update(joined_on=timezone.localdate(member.joined_at))


def undate_joins(apps, schema_editor):
    """Going back keeps the members' join time from before (the column is still there)."""


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0012_networks_any_kind"),
    ]

    operations = [
        migrations.RunPython(date_joins, undate_joins),
    ]
