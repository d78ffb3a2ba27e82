"""The read event: one per answer, the count and the field names, never a value."""

import pytest

from sinergi.core.audit import PERSONAL_DATA_READ, AuditedPage, audit_personal_read
from sinergi.core.models import AuditEvent


@pytest.mark.django_db
def test_a_masked_or_empty_answer_records_nothing(officer_bogor):
    assert audit_personal_read(actor=officer_bogor, object_type="registry.member", shown=[[], [], []]) is None
    assert audit_personal_read(actor=officer_bogor, object_type="registry.member", shown=[]) is None
    assert not AuditEvent.objects.filter(action=PERSONAL_DATA_READ).exists()


@pytest.mark.django_db
def test_one_event_counts_the_rows_and_names_the_fields(officer_bogor):
    event = audit_personal_read(
        actor=officer_bogor,
        object_type="registry.businessprofile",
        shown=[["owner_nik"], [], ["phone", "owner_nik"]],
        filters={"q": "cari 0812-3456-7890 atau euis@example.com", "region": "32.71.06", "status": ""},
        region_code="32.71",
    )
    assert AuditEvent.objects.filter(action=PERSONAL_DATA_READ).count() == 1
    assert event.after == {
        "rows": 2,
        "fields": ["owner_nik", "phone"],
        "filters": {"q": "cari ••• atau •••", "region": "32.71.06"},
        "via": "api",
    }
    assert event.region_code == "32.71" and event.actor_label == officer_bogor.email


def test_an_audited_page_is_read_once_and_audited_once():
    pages = []
    rows = AuditedPage(list(range(10)), pages.append)
    assert len(rows) == 10
    assert rows[2:5] == [2, 3, 4]
    assert pages == [[2, 3, 4]]
