"""A save that changes nothing writes nothing to the audit trail, through every service an edit
page calls (the browser round trip in test_edit_roundtrip.py finds them; these pin each cause)."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from sinergi.core.audit import changed, snapshot
from sinergi.core.models import AuditEvent
from sinergi.health import services as health
from sinergi.purchasing import services as purchasing
from sinergi.purchasing.models import Round
from sinergi.registry import services as registry
from sinergi.registry.models import BusinessProfile, CooperativeOfficer

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")


def events(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


def test_snapshot_compares_values_as_the_database_keeps_them(officer_bogor):
    business = registry.business_register(
        actor=officer_bogor, name="Keripik Talas Bu Euis", region_code="32.71.06.1003", capital=25_000_000
    )
    stored = snapshot(BusinessProfile.objects.get(pk=business.pk), ["capital"])
    business.capital = Decimal("25000000")
    assert snapshot(business, ["capital"]) == stored == {"capital": "25000000.00"}


def test_snapshot_of_one_moment_in_two_time_zones_is_the_same(system, draft_round):
    in_jakarta = draft_round.closes_at.astimezone(JAKARTA)
    before = snapshot(draft_round, ["closes_at"])
    draft_round.closes_at = in_jakarta
    assert changed(before, snapshot(draft_round, ["closes_at"])) == ({}, {})


def test_business_saved_with_the_same_amounts_writes_no_event(officer_bogor):
    business = registry.business_register(
        actor=officer_bogor, name="Keripik Talas Bu Euis", region_code="32.71.06.1003",
        capital=25_000_000, annual_sales=180_000_000,
    )  # fmt: skip
    registry.business_update(
        actor=officer_bogor, business=business, capital=Decimal("25000000"), annual_sales=Decimal("180000000")
    )
    assert events("business.update") == 0
    registry.business_update(actor=officer_bogor, business=business, capital=Decimal("26000000"))
    event = AuditEvent.objects.get(action="business.update")
    assert (event.before, event.after) == ({"capital": "25000000.00"}, {"capital": "26000000.00"})


@pytest.fixture
def officers(officer_bogor, ksp_bogor):
    today = dt.date.today()
    listed = [
        {"body": "pengurus", "position": "Ketua", "name": "Dedi Suryana",
         "term_start": today - dt.timedelta(days=700), "term_end": today + dt.timedelta(days=1100)},
        {"body": "pengawas", "position": "Ketua Pengawas", "name": "Siti Aminah", "term_start": None,
         "term_end": None},
    ]  # fmt: skip
    registry.cooperative_officer_set(actor=officer_bogor, cooperative=ksp_bogor, officers=listed)
    return listed


def test_officers_saved_unchanged_keep_their_rows_and_write_no_event(officer_bogor, ksp_bogor, officers):
    rows = sorted(CooperativeOfficer.objects.values_list("pk", "name"))
    registry.cooperative_officer_set(actor=officer_bogor, cooperative=ksp_bogor, officers=officers[::-1])
    assert sorted(CooperativeOfficer.objects.values_list("pk", "name")) == rows
    assert events("cooperative.officers") == 1  # the first list only

    registry.cooperative_officer_set(actor=officer_bogor, cooperative=ksp_bogor, officers=officers[:1])
    assert list(CooperativeOfficer.objects.values_list("name", flat=True)) == ["Dedi Suryana"]
    assert events("cooperative.officers") == 2


def test_cluster_saved_unchanged_writes_no_event(officer_bogor, ksp_bogor):
    fields = {"name": "Kampung Koperasi Talas", "commodity": "talas", "district_code": "32.71.06",
              "flagship": ksp_bogor.organization, "cooperatives": [ksp_bogor.organization]}  # fmt: skip
    cluster = registry.cluster_save(actor=officer_bogor, **fields)
    registry.cluster_save(actor=officer_bogor, cluster=cluster, **fields)
    assert (events("cluster.create"), events("cluster.update")) == (1, 0)

    registry.cluster_save(actor=officer_bogor, cluster=cluster, **(fields | {"cooperatives": []}))
    assert events("cluster.update") == 1
    assert list(cluster.cooperatives.all()) == []


def test_round_times_are_kept_to_the_minute(system, network, bulog):
    now = timezone.now()
    round = purchasing.round_create(
        actor=system, network=network, name="Belanja Bareng Januari",
        opens_at=now + dt.timedelta(days=20, seconds=7), closes_at=now + dt.timedelta(days=27, seconds=7),
    )  # fmt: skip
    stored = Round.objects.get(pk=round.pk)
    assert (stored.opens_at.second, stored.opens_at.microsecond) == (0, 0)
    assert stored.closes_at == (now + dt.timedelta(days=27, seconds=7)).replace(second=0, microsecond=0)

    # The form sends the same minute back, in the local time zone.
    purchasing.round_update(
        actor=system, round=stored,
        opens_at=stored.opens_at.astimezone(JAKARTA), closes_at=stored.closes_at.astimezone(JAKARTA),
    )  # fmt: skip
    assert events("purchasing.round.update") == 0
    assert Round.objects.get(pk=round.pk).closes_at == stored.closes_at


def test_report_warnings_are_stored_in_the_default_language(coop_manager, draft):
    stored = list(draft.checks)
    assert stored and "SHU sebelum pajak" in stored[0]["message"]
    with translation.override("en"):
        health.annual_report_update(actor=coop_manager, report=draft, year=draft.year)
    draft.refresh_from_db()
    assert draft.checks == stored
