# The join date replaces the join time; the membership rules become constraints.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0013_network_members_dated"),
    ]

    operations = [
        migrations.RemoveField(model_name="networkmember", name="joined_at"),
        migrations.AddConstraint(
            model_name="networkmember",
            constraint=models.UniqueConstraint(
                condition=models.Q(("state__in", ["pledged", "member"])),
                fields=("network", "organization"),
                name="networkmember_one_current",
            ),
        ),
        migrations.AddConstraint(
            model_name="networkmember",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("state", "pledged"), _negated=True),
                    models.Q(("joined_on__isnull", True), ("left_on__isnull", True)),
                    _connector="OR",
                ),
                name="networkmember_pledged_not_joined",
            ),
        ),
        migrations.AddConstraint(
            model_name="networkmember",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("state", "member"), _negated=True),
                    models.Q(("joined_on__isnull", False), ("left_on__isnull", True)),
                    _connector="OR",
                ),
                name="networkmember_member_joined",
            ),
        ),
        migrations.AddConstraint(
            model_name="networkmember",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("state", "left"), _negated=True),
                    models.Q(
                        ("left_on__isnull", False),
                        models.Q(("joined_on__isnull", True), ("left_on__gte", models.F("joined_on")), _connector="OR"),
                    ),
                    _connector="OR",
                ),
                name="networkmember_left_after_joining",
            ),
        ),
    ]
