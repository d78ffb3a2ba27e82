"""Fill the health tallies from the annual reports and assessments already stored."""

from django.db import migrations


def fill(apps, schema_editor):
    from sinergi.core.tallies import fill_villages
    from sinergi.health import tallies

    report = apps.get_model("health", "AnnualReport")
    for tally, name in ((tallies.ASSESSMENTS, "AssessmentTally"), (tallies.REPORTS, "ReportTally")):
        model = apps.get_model("health", name)
        model.objects.all().delete()
        fill_villages(model, tally, tallies.recompute(tally, report))


def empty(apps, schema_editor):
    for name in ("AssessmentTally", "ReportTally"):
        apps.get_model("health", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("health", "0004_tallies")]

    operations = [migrations.RunPython(fill, empty)]
