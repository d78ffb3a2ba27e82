"""Assessments keep what decides them instead of their explained result (`scoring/stored.py`).

Each row's 15–18 KB `result` document becomes `inputs` (the report's figures as scored, empty ones
left out), `scores` (every component's skor, taken from the old document: the record of what was
decided) and `rules_version` ("1": the only edition of the tables the old documents were computed
with). The explanation is computed again by the engine when an assessment is shown. Going back
writes the full document again from the kept fields.
"""

from django.db import migrations, models

import sinergi.health.models

CHUNK = 500
# The edition of the rule-set tables every assessment before this migration was scored with.
SCORED_WITH_VERSION = "1"


def _chunks(queryset):
    last = 0
    while True:
        rows = list(queryset.filter(pk__gt=last).order_by("pk")[:CHUNK])
        if not rows:
            return
        last = rows[-1].pk
        yield rows


def compact(apps, schema_editor):
    from sinergi.health.scoring import ScoringError
    from sinergi.health.scoring.report import AMOUNT_FIELDS
    from sinergi.health.scoring.stored import compact_inputs, component_scores, input_document, score

    Assessment = apps.get_model("health", "Assessment")
    AnnualReport = apps.get_model("health", "AnnualReport")
    for rows in _chunks(Assessment.objects.only("pk", "report_id", "rules", "official", "result")):
        reports = AnnualReport.objects.only("year", "manajemen", *AMOUNT_FIELDS).in_bulk(
            [row.report_id for row in rows]
        )
        for row in rows:
            report = reports[row.report_id]
            amounts = {name: getattr(report, name) for name in AMOUNT_FIELDS}
            row.inputs = compact_inputs(input_document(report.year, amounts, report.manajemen))
            result = row.result or {}
            if result.get("aspects"):
                row.scores = {
                    component["code"]: component["skor"]
                    for aspect in result["aspects"]
                    for component in aspect["components"]
                }
            else:  # a row without its explanation: score what it read
                try:
                    row.scores = component_scores(score(row.inputs, row.rules, official=row.official))
                except ScoringError:
                    row.scores = {}
            row.rules_version = SCORED_WITH_VERSION
        Assessment.objects.bulk_update(rows, ["inputs", "scores", "rules_version"])


def expand(apps, schema_editor):
    from sinergi.health.scoring import ScoringError
    from sinergi.health.scoring.stored import explain

    Assessment = apps.get_model("health", "Assessment")
    for rows in _chunks(Assessment.objects.only("pk", "rules", "official", "inputs")):
        for row in rows:
            try:
                row.result = explain(row.inputs, row.rules, official=row.official)
            except ScoringError:
                row.result = {}
        Assessment.objects.bulk_update(rows, ["result"])


class Migration(migrations.Migration):
    dependencies = [
        ("health", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="assessment",
            name="result",
            field=sinergi.health.models.ResultJSONField(null=True, verbose_name="hasil penilaian"),
        ),
        migrations.AddField(
            model_name="assessment",
            name="inputs",
            field=sinergi.health.models.ResultJSONField(default=dict, verbose_name="data yang dinilai"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="assessment",
            name="rules_version",
            field=models.CharField(default="", max_length=20, verbose_name="versi tabel aturan"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="assessment",
            name="scores",
            field=sinergi.health.models.ResultJSONField(default=dict, verbose_name="skor komponen"),
            preserve_default=False,
        ),
        migrations.RunPython(compact, expand, elidable=True),
    ]
