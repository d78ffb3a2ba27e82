# A network becomes a group of organisations of any kind: a kind (every existing network is a
# buying network), a lead and a purpose (the former coordinator and description), and members
# with a state and dates (every existing member is a member since the day it was added).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0011_networks_move_to_registry"),
        ("purchasing", "0006_networks_move_to_registry"),
    ]

    operations = [
        migrations.AddField(
            model_name="network",
            name="kind",
            field=models.CharField(
                choices=[
                    ("buying", "Jaringan belanja bareng (JUK)"),
                    ("consortium", "Konsorsium usaha"),
                    ("association", "Asosiasi"),
                    ("forum", "Forum"),
                ],
                default="buying",
                max_length=12,
                verbose_name="jenis jaringan",
            ),
        ),
        migrations.RenameField(model_name="network", old_name="coordinator", new_name="lead"),
        migrations.AlterField(
            model_name="network",
            name="lead",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="led_networks",
                to="accounts.organization",
                verbose_name="pemimpin",
            ),
        ),
        migrations.RenameField(model_name="network", old_name="description", new_name="purpose"),
        migrations.AlterField(
            model_name="network",
            name="purpose",
            field=models.TextField(blank=True, verbose_name="tujuan"),
        ),
        migrations.RemoveConstraint(model_name="networkmember", name="networkmember_unique"),
        migrations.RenameField(model_name="networkmember", old_name="cooperative", new_name="organization"),
        migrations.AlterField(
            model_name="networkmember",
            name="organization",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="network_memberships",
                to="accounts.organization",
                verbose_name="organisasi",
            ),
        ),
        migrations.AlterModelOptions(
            name="networkmember",
            options={
                "ordering": ["organization__name", "id"],
                "verbose_name": "anggota jaringan",
                "verbose_name_plural": "anggota jaringan",
            },
        ),
        migrations.AddField(
            model_name="networkmember",
            name="state",
            field=models.CharField(
                choices=[("pledged", "Berkomitmen"), ("member", "Anggota"), ("left", "Keluar")],
                default="member",
                max_length=8,
                verbose_name="keadaan",
            ),
        ),
        migrations.AddField(
            model_name="networkmember",
            name="pledged_on",
            field=models.DateField(blank=True, null=True, verbose_name="berkomitmen pada"),
        ),
        migrations.AddField(
            model_name="networkmember",
            name="joined_on",
            field=models.DateField(blank=True, null=True, verbose_name="bergabung pada"),
        ),
        migrations.AddField(
            model_name="networkmember",
            name="left_on",
            field=models.DateField(blank=True, null=True, verbose_name="keluar pada"),
        ),
    ]
