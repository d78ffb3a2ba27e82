"""Formerly built the organisations' name search index; accounts migration 0004 owns it now.

Kept, empty, so that databases which ran it keep a consistent migration history.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial"), ("accounts", "0001_initial")]
    operations = []
