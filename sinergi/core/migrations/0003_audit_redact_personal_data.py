"""Events written before the audit trail redacted personal data keep raw NIKs, phones, addresses and
e-mail addresses in their before/after. Redact them with the function the trail uses for every new
event (`core.audit.redact`), so old and new events look alike: a value given, changed or removed,
never the value.

Accounts events of that time also named the member under "user" by e-mail address; today they
store the user's id. The address becomes that id (or the redaction mark when no account has it).
Their object label could hold the address too (a person without a name was shown by it, an
invitation always): it is redacted as every new label is (`core.audit.redact_label`).
"""

from django.db import migrations
from django.db.models.functions import Lower

from sinergi.core.audit import REDACTED, redact, redact_label

BATCH = 1000
# Accounts events whose "user" held the person's e-mail address before it held their id.
USER_EMAIL_ACTIONS = ("membership.add", "membership.remove", "invitation.accept")


def _user_ids(User, events) -> dict[str, int]:
    """The id of each account named by address in `events`, by lower-case address."""
    addresses = {
        value.lower()
        for event in events
        for state in (event.before, event.after)
        if isinstance(state, dict) and isinstance(value := state.get("user"), str)
    }
    if not addresses:
        return {}
    accounts = User.objects.annotate(address=Lower("email")).filter(address__in=addresses)
    return dict(accounts.values_list("address", "pk"))


def _user_as_id(state, ids: dict[str, int]):
    if not isinstance(state, dict) or not isinstance(state.get("user"), str):
        return state
    return {**state, "user": ids.get(state["user"].lower(), REDACTED)}


def redact_events(apps, schema_editor):
    """Rewrite every event whose before or after still holds personal data; leave the rest alone.

    The events are read a batch at a time by key, not through one open cursor: the same table is
    written between the reads, and SQLite keeps no isolation between a connection's queries."""
    AuditEvent = apps.get_model("core", "AuditEvent")
    User = apps.get_model("accounts", "User")
    events = AuditEvent.objects.only("pk", "action", "object_repr", "before", "after")
    last = 0
    while batch := list(events.filter(pk__gt=last).order_by("pk")[:BATCH]):
        last = batch[-1].pk
        ids = _user_ids(User, [e for e in batch if e.action in USER_EMAIL_ACTIONS])
        changed = []
        for event in batch:
            before, after = redact(event.before), redact(event.after)
            if event.action in USER_EMAIL_ACTIONS:
                before, after = _user_as_id(before, ids), _user_as_id(after, ids)
            label = redact_label(event.object_repr)
            if (before, after, label) != (event.before, event.after, event.object_repr):
                event.before, event.after, event.object_repr = before, after, label
                changed.append(event)
        if changed:
            AuditEvent.objects.bulk_update(changed, ["before", "after", "object_repr"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_job_lock"),
        ("accounts", "0001_initial"),
    ]

    operations = [
        # Redacted values cannot be restored: going back leaves the events as they are.
        migrations.RunPython(redact_events, migrations.RunPython.noop, elidable=True),
    ]
