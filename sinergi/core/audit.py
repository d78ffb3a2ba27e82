"""Audit events: every write that matters leaves one (DESIGN.md §5).

The trail says who changed what and when, never a person's data itself: the values of personal
fields (`core.privacy.PERSONAL_FIELDS`: NIK, phone, address, e-mail) are replaced by `REDACTED`
in one place, `redact`, which both `audit_record` and `audit_many` apply. An emptied field stays
empty, so the trail still tells a value given, changed or removed apart. The label of the object
acted on never carries an e-mail address either (`redact_label`): services name a person by name or
id, and an address that slips into a label (a model's `__str__`) is hidden all the same.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone

from sinergi.core.bulk import adapter, insert_rows
from sinergi.core.models import AuditEvent
from sinergi.core.privacy import PERSONAL_FIELDS

# What the trail stores for a personal value: that there was one, not what it was.
REDACTED = "•••"


def jsonable(value: Any) -> Any:
    """A JSON-safe copy of a field value: Decimals and dates as text, model rows as their key."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [jsonable(v) for v in value]
    return value


def redact(value: Any) -> Any:
    """A JSON-safe before/after with every personal field's value replaced by `REDACTED`."""
    if isinstance(value, dict):
        return {
            key: (_hidden(item) if key in PERSONAL_FIELDS else redact(item)) for key, item in value.items()
        }
    if isinstance(value, list):
        return [redact(item) for item in value]
    return value


_EMAIL_IN_TEXT = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")


def redact_label(text: str) -> str:
    """An object's label with every e-mail address in it replaced by `REDACTED`."""
    return _EMAIL_IN_TEXT.sub(REDACTED, text) if "@" in text else text


def _hidden(value: Any) -> Any:
    return value if value is None or value == "" else REDACTED


def _state(value: dict[str, Any] | None) -> Any:
    """What an event stores as its before or after."""
    return None if value is None else redact(jsonable(value))


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The concrete field values of a row, JSON-safe, for the before/after of an audit event."""
    result: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        result[field.name] = jsonable(_as_stored(field, getattr(obj, field.attname)))
    return result


def _as_stored(field: models.Field, value: Any) -> Any:
    """The value as the database keeps it, so that a value typed differently but stored the same
    (25000000 and 25000000.00, 15:15+07:00 and 08:15 UTC) is not reported as a change."""
    if isinstance(field, models.DecimalField) and isinstance(value, Decimal) and value.is_finite():
        return value.quantize(Decimal(1).scaleb(-field.decimal_places))
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return value.astimezone(dt.UTC)
    return value


def changed(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the keys whose value differs, so an update's event shows what really changed."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def _actor(actor) -> tuple[Any, str]:
    """The user to store as the actor (None for one not saved) and the label kept beside it."""
    label = (getattr(actor, "email", "") or str(actor)) if actor is not None else ""
    stored = actor if actor is not None and getattr(actor, "pk", None) else None
    return stored, label or "system"


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    region_code: str = "",
    organization_id: int | None = None,
) -> AuditEvent:
    """Record one audit event. `actor` is a User (the system user for commands and tasks)."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:300]
    stored_actor, label = _actor(actor)
    return AuditEvent.objects.create(
        actor=stored_actor,
        actor_label=label,
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=redact_label(object_repr[:300]),
        before=_state(before),
        after=_state(after),
        region_code=region_code or "",
        organization_id=organization_id,
    )


def audit_many(*, actor, action: str, object_type: str, events: list[tuple]) -> None:
    """Record many events of one action at once, as an import's thousands of updates need.

    Each event is (object_id, object_repr, region_code, organization_id, before, after); the rows
    are written with one bulk statement instead of a model instance each.
    """
    if not events:
        return
    stored_actor, label = _actor(actor)
    actor_id = stored_actor.pk if stored_actor is not None else None
    stamp = adapter(AuditEvent, "created_at")(timezone.now())
    as_json = adapter(AuditEvent, "before")
    rows = [
        (
            actor_id, label, action, object_type, str(object_id), redact_label((object_repr or "")[:300]),
            region_code or "",
            organization_id, None if before is None else as_json(_state(before)),
            None if after is None else as_json(_state(after)), stamp,
        )
        for object_id, object_repr, region_code, organization_id, before, after in events
    ]  # fmt: skip
    columns = (
        "actor_id", "actor_label", "action", "object_type", "object_id", "object_repr", "region_code",
        "organization_id", "before", "after", "created_at",
    )  # fmt: skip
    insert_rows(AuditEvent, columns, rows)


# --- reads of personal data -----------------------------------------------------------------------

# A read that returned a person's data unmasked (UU PDP 27/2022): one event per request, however
# many rows it returned, saying how many rows and which fields — never the values.
PERSONAL_DATA_READ = "personal_data.read"

# A run of eight or more digits in a search term is an NIK or a phone number someone looked for.
_NUMBER_IN_TEXT = re.compile(r"\d(?:[\s-]?\d){7,}")


def _query(filters: dict[str, Any]) -> dict[str, Any]:
    """The filters of a read as the trail keeps them: a personal value searched for is hidden."""
    kept: dict[str, Any] = {}
    for key, value in filters.items():
        if value in (None, "", [], ()):
            continue
        if isinstance(value, str):
            value = redact_label(_NUMBER_IN_TEXT.sub(REDACTED, value))
        kept[str(key)] = value
    return kept


def audit_personal_read(
    *,
    actor,
    object_type: str,
    shown,
    filters: dict[str, Any] | None = None,
    via: str = "api",
    object_id: str = "",
    object_repr: str = "",
    region_code: str = "",
    organization_id: int | None = None,
) -> AuditEvent | None:
    """Record that `actor` read personal data unmasked: one event for the whole answer.

    `shown` gives, per row returned, the names of the personal fields it carried unmasked (empty
    for a masked row or one without personal data). No event when no row carried any: a masked
    read leaves nothing on the trail.
    """
    rows, fields = 0, set()
    for row in shown:
        row = set(row)
        if row:
            rows += 1
            fields |= row
    if not rows:
        return None
    return audit_record(
        actor=actor,
        action=PERSONAL_DATA_READ,
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr,
        after={"rows": rows, "fields": sorted(fields), "filters": _query(filters or {}), "via": via},
        region_code=region_code,
        organization_id=organization_id,
    )


class AuditedPage:
    """The rows of an API list, audited as the paginator takes its page.

    django-ninja's paginator slices whatever a paginated operation returns; the slice it takes is
    read once here and handed to `audit(page)`, which records the request's one read event
    (`audit_personal_read`). The count the paginator asks for is the rows' own.
    """

    def __init__(self, rows, audit) -> None:
        self._rows = rows
        self._audit = audit

    def __getitem__(self, key):
        page = list(self._rows[key]) if isinstance(key, slice) else [self._rows[key]]
        self._audit(page)
        return page if isinstance(key, slice) else page[0]

    def __len__(self) -> int:
        return len(self._rows) if isinstance(self._rows, list) else self._rows.count()
