# Networks were buying networks only and lived in purchasing; they become the registry's general
# network concept. The tables purchasing 0001 created stay where they are: only Django's record of
# which app owns the models moves (purchasing 0006 drops them from its own record).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0010_tally_layers"),
        ("purchasing", "0005_tally_layers"),
        ("accounts", "0007_letterhead_moves_to_accounts"),
        ("regions", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Network",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="dibuat")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="diubah")),
                        ("name", models.CharField(max_length=150, verbose_name="nama jaringan")),
                        ("description", models.TextField(blank=True, verbose_name="keterangan")),
                        ("is_active", models.BooleanField(default=True, verbose_name="aktif")),
                        (
                            "coordinator",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="coordinated_networks",
                                to="accounts.organization",
                                verbose_name="koordinator",
                            ),
                        ),
                        (
                            "region",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="regions.region",
                                verbose_name="wilayah",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "jaringan",
                        "verbose_name_plural": "jaringan",
                        "ordering": ["name"],
                        "db_table": "purchasing_network",
                        "indexes": [models.Index(fields=["region"], name="network_region")],
                    },
                ),
                migrations.CreateModel(
                    name="NetworkMember",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("joined_at", models.DateTimeField(auto_now_add=True, verbose_name="bergabung")),
                        (
                            "cooperative",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="network_memberships",
                                to="accounts.organization",
                            ),
                        ),
                        (
                            "network",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="memberships",
                                to="registry.network",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "anggota jaringan",
                        "verbose_name_plural": "anggota jaringan",
                        "ordering": ["cooperative__name"],
                        "db_table": "purchasing_networkmember",
                        "constraints": [
                            models.UniqueConstraint(fields=("network", "cooperative"), name="networkmember_unique")
                        ],
                    },
                ),
                migrations.AddField(
                    model_name="network",
                    name="members",
                    field=models.ManyToManyField(
                        related_name="networks",
                        through="registry.NetworkMember",
                        to="accounts.organization",
                        verbose_name="anggota",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
