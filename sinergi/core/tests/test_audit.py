import datetime as dt
from decimal import Decimal

import pytest

from sinergi.core.audit import audit_record, changed, jsonable, snapshot
from sinergi.core.models import AuditEvent


def test_jsonable_turns_decimals_and_dates_into_text():
    assert jsonable({"a": Decimal("1.50"), "d": dt.date(2026, 1, 2), "l": [Decimal("2")]}) == {
        "a": "1.50",
        "d": "2026-01-02",
        "l": ["2"],
    }


def test_changed_keeps_only_differences():
    assert changed({"a": 1, "b": 2}, {"a": 1, "b": 3}) == ({"b": 2}, {"b": 3})


@pytest.mark.django_db
def test_audit_record_stores_actor_object_and_states(cooperative_bogor, officer_bogor):
    event = audit_record(
        actor=officer_bogor,
        action="organization.update",
        obj=cooperative_bogor,
        before={"name": "A"},
        after={"name": "B"},
        region_code=cooperative_bogor.region_id,
    )
    stored = AuditEvent.objects.get(pk=event.pk)
    assert stored.actor == officer_bogor
    assert stored.actor_label == "staf.bogor@sinergi.test"
    assert stored.object_type == "accounts.organization"
    assert stored.object_id == str(cooperative_bogor.pk)
    assert stored.before == {"name": "A"} and stored.after == {"name": "B"}
    assert stored.region_code == "32.71.06.1001"
    assert snapshot(cooperative_bogor, ["name"]) == {"name": "Koperasi Sejahtera Bersama"}


@pytest.mark.django_db
def test_audit_record_without_actor_is_the_system():
    event = audit_record(actor=None, action="regions.load", object_type="regions.region")
    assert event.actor is None and event.actor_label == "system"
