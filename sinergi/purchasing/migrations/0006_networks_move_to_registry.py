# The network models now belong to the registry (registry 0011), which keeps their tables; rounds
# point at the same rows through the same column.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("purchasing", "0005_tally_layers"),
        ("registry", "0011_networks_move_to_registry"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="round",
                    name="network",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="rounds", to="registry.network"
                    ),
                ),
                migrations.RemoveField(model_name="network", name="members"),
                migrations.DeleteModel(name="NetworkMember"),
                migrations.DeleteModel(name="Network"),
            ],
            database_operations=[],
        ),
    ]
