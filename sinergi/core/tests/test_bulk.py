import datetime as dt
from decimal import Decimal

import pytest

from sinergi.accounts.models import Organization
from sinergi.core.audit import audit_many
from sinergi.core.bulk import adapter, insert_rows, reserve_ids, update_rows
from sinergi.core.models import AuditEvent
from sinergi.registry.importers.businesses import ORG_COLUMNS, PROFILE_COLUMNS
from sinergi.registry.models import BusinessProfile


@pytest.mark.django_db
def test_reserved_ids_are_fresh_and_rows_store_what_the_orm_would(cooperative_bogor):
    ids = reserve_ids(Organization, 2)
    assert len(ids) == 2 and min(ids) > cooperative_bogor.pk and ids[1] == ids[0] + 1
    stamp = adapter(Organization, "created_at")(dt.datetime(2026, 3, 1, 8, 30, tzinfo=dt.UTC))
    insert_rows(
        Organization,
        ORG_COLUMNS,
        [(pk, stamp, stamp, "umkm", f"Usaha {pk}", "32.71.06.1001", "", "", "", True) for pk in ids],
    )
    money, day = adapter(BusinessProfile, "capital"), adapter(BusinessProfile, "founded_on")
    insert_rows(
        BusinessProfile,
        PROFILE_COLUMNS,
        [(ids[0], stamp, stamp, "32.71.06.1001", "32.71.06", "32.71", "Euis", "", "P", "", "", money(Decimal("1250000")),
          money(None), 3, day(dt.date(2019, 5, 2)), "aktif", "mikro", "", "", "usaha")],
    )  # fmt: skip
    profile = BusinessProfile.objects.get(organization_id=ids[0])
    assert (profile.capital, profile.annual_sales, profile.employees) == (Decimal("1250000"), None, 3)
    assert profile.founded_on == dt.date(2019, 5, 2)
    assert profile.organization.created_at == dt.datetime(2026, 3, 1, 8, 30, tzinfo=dt.UTC)
    assert reserve_ids(Organization, 1) == [ids[1] + 1]


@pytest.mark.django_db
def test_update_rows_sets_only_the_named_columns_of_the_given_rows(cooperative_bogor, cooperative_bandung):
    bandung_name = cooperative_bandung.name
    update_rows(Organization, ("name", "phone"), [("Koperasi Baru", "6281234567890", cooperative_bogor.pk)])
    cooperative_bogor.refresh_from_db()
    cooperative_bandung.refresh_from_db()
    assert (cooperative_bogor.name, cooperative_bogor.phone) == ("Koperasi Baru", "6281234567890")
    assert cooperative_bogor.region_id == "32.71.06.1001" and cooperative_bandung.name == bandung_name
    update_rows(Organization, ("name",), [])  # nothing to do is not an error


@pytest.mark.django_db
def test_audit_many_records_each_event_like_audit_record(officer_bogor, cooperative_bogor):
    audit_many(
        actor=officer_bogor,
        action="business.import_update",
        object_type="registry.businessprofile",
        events=[
            (cooperative_bogor.pk, "Koperasi A", "32.71.06.1001", cooperative_bogor.pk,
             {"capital": Decimal("1.50")}, {"capital": Decimal("2")}),
            (7, "x" * 400, "", None, None, {"founded_on": dt.date(2020, 1, 2)}),
        ],
    )  # fmt: skip
    first, second = AuditEvent.objects.filter(action="business.import_update").order_by("id")
    assert (first.actor, first.actor_label, first.object_type) == (
        officer_bogor,
        "staf.bogor@sinergi.test",
        "registry.businessprofile",
    )
    assert (first.object_id, first.organization_id, first.region_code) == (
        str(cooperative_bogor.pk),
        cooperative_bogor.pk,
        "32.71.06.1001",
    )
    assert first.before == {"capital": "1.50"} and first.after == {"capital": "2"}
    assert second.before is None and second.after == {"founded_on": "2020-01-02"}
    assert len(second.object_repr) == 300 and second.organization_id is None
    assert first.created_at is not None


@pytest.mark.django_db
def test_audit_many_without_a_user_is_the_system():
    audit_many(actor=None, action="x.y", object_type="t", events=[("1", "r", "", None, {}, {})])
    event = AuditEvent.objects.get(action="x.y")
    assert (event.actor, event.actor_label) == (None, "system")


@pytest.mark.django_db
def test_import_session_tunes_sqlite_for_the_import_and_puts_everything_back():
    from django.db import connection

    from sinergi.registry.bulk import IMPORT_CACHE_KIB, import_session

    if connection.vendor != "sqlite":
        pytest.skip("SQLite session settings")

    def pragma(name):
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA {name}")
            return cursor.fetchone()[0]

    before = (pragma("cache_size"), pragma("wal_autocheckpoint"))
    with import_session():
        assert (pragma("cache_size"), pragma("wal_autocheckpoint")) == (-IMPORT_CACHE_KIB, 50_000)
    assert (pragma("cache_size"), pragma("wal_autocheckpoint")) == before
