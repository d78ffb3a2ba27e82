"""Formerly split the name search index per kind of organisation; accounts migration 0004 owns
that index now (and brings an older database's index to the per-kind form).

Kept, empty, so that databases which ran it keep a consistent migration history.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("registry", "0004_fewer_business_indexes")]
    operations = []
