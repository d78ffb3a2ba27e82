"""The explained result is no longer stored (0002 moved what decides an assessment into its own
fields). Kept apart from 0002 so that PostgreSQL changes the table after the rows are rewritten, in
its own transaction."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("health", "0002_assessment_compact"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="assessment",
            name="result",
        ),
        migrations.AlterField(
            model_name="statusproposal",
            name="proposed_status",
            field=models.CharField(
                choices=[
                    ("aktif", "Aktif"),
                    ("tidak_aktif", "Tidak aktif"),
                    ("dibekukan", "Dibekukan"),
                    ("dibubarkan", "Dibubarkan"),
                    ("belum_tahu", "Belum diketahui"),
                ],
                default="tidak_aktif",
                max_length=12,
                verbose_name="status yang diusulkan",
            ),
        ),
    ]
