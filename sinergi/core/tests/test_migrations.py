"""Core migration 0003 redacts the personal data of audit events written before the trail did it
itself, with the trail's own functions, and leaves every other event as it was."""

import importlib

import pytest
from django.apps import apps

from sinergi.accounts.tests.factories import UserFactory
from sinergi.core.audit import redact
from sinergi.core.models import AuditEvent

migration = importlib.import_module("sinergi.core.migrations.0003_audit_redact_personal_data")


def _raw(action, before=None, after=None, object_repr="Toko Satu"):
    """An event as it was written before: straight into the table, nothing redacted."""
    return AuditEvent.objects.create(
        actor_label="staf.bogor@sinergi.test",
        action=action,
        object_type="registry.businessprofile",
        object_id="7",
        object_repr=object_repr,
        before=before,
        after=after,
    )


def _stored():
    """The events of the test (the region tree's loading left one before it)."""
    events = AuditEvent.objects.exclude(action="regions.load").order_by("pk")
    return list(events.values_list("action", "object_repr", "before", "after"))


@pytest.mark.django_db
def test_old_events_are_redacted_as_the_trail_redacts_new_ones():
    member = UserFactory(email="bendahara@ksb.test", full_name="Nining Sumarni")
    business = {
        "owner_nik": "3271064107850003",
        "owner_phone": "6281234567890",
        "address": "Gg. Mawar RT 02/05",
        "email": "",
        "name": "Toko Satu",
        "merged": [{"phone": "6281234567890", "status": "aktif"}],
    }
    _raw("business.register", after=business)
    _raw("business.update", before={"owner_nik": "3271064107850003"}, after={"owner_nik": "3271060101800001"})
    _raw("member.import_update", before={"nik": "***", "savings_wajib": "1200000"}, after={"nik": "***"})
    _raw("membership.add", after={"user": "Bendahara@KSB.test", "organization": 3, "role": "coop_staff"},
         object_repr="bendahara@ksb.test — Staf koperasi Koperasi Sejahtera Bersama")  # fmt: skip
    _raw("membership.remove", before={"user": "dihapus@ksb.test", "organization": 3, "role": "pengawas"})
    _raw("invitation.revoke", object_repr="lain@ksb.test → Koperasi Sejahtera Bersama")
    _raw("organization.update", before={"name": "A"}, after={"name": "B"})
    migration.redact_events(apps, None)
    assert _stored() == [
        ("business.register", "Toko Satu", None, redact(business)),
        ("business.update", "Toko Satu", {"owner_nik": "•••"}, {"owner_nik": "•••"}),
        ("member.import_update", "Toko Satu", {"nik": "•••", "savings_wajib": "1200000"}, {"nik": "•••"}),
        ("membership.add", "••• — Staf koperasi Koperasi Sejahtera Bersama", None,
         {"user": member.pk, "organization": 3, "role": "coop_staff"}),
        ("membership.remove", "Toko Satu", {"user": "•••", "organization": 3, "role": "pengawas"}, None),
        ("invitation.revoke", "••• → Koperasi Sejahtera Bersama", None, None),
        ("organization.update", "Toko Satu", {"name": "A"}, {"name": "B"}),
    ]  # fmt: skip
    assert redact(business) == {
        "owner_nik": "•••",
        "owner_phone": "•••",
        "address": "•••",
        "email": "",
        "name": "Toko Satu",
        "merged": [{"phone": "•••", "status": "aktif"}],
    }


@pytest.mark.django_db
def test_events_without_personal_data_are_not_written_again(django_assert_num_queries):
    _raw("organization.update", before={"name": "A"}, after={"name": "B"})
    _raw("business.update", before={"owner_nik": "•••"}, after={"owner_nik": "•••"})
    _raw("database.backup", object_repr="/var/backups/sinergi.dump")
    before = _stored()
    # One read of the events and one finding the batch empty: no write.
    with django_assert_num_queries(2):
        migration.redact_events(apps, None)
    assert _stored() == before


@pytest.mark.django_db
def test_running_it_again_changes_nothing(monkeypatch):
    member = UserFactory(email="bendahara@ksb.test")
    for n in range(5):
        _raw("business.update", before={"owner_phone": f"62812345678{n}"}, after={"owner_phone": ""})
    _raw("membership.add", after={"user": "bendahara@ksb.test", "organization": 3, "role": "pengawas"})
    # Batches smaller than the events: the reads go on by key, each event once.
    monkeypatch.setattr(migration, "BATCH", 2)
    migration.redact_events(apps, None)
    first = _stored()
    migration.redact_events(apps, None)
    assert _stored() == first
    assert first == [("business.update", "Toko Satu", {"owner_phone": "•••"}, {"owner_phone": ""})] * 5 + [
        ("membership.add", "Toko Satu", None, {"user": member.pk, "organization": 3, "role": "pengawas"})
    ]
