"""The three pillars on the dashboard: counted by the nightly snapshot, with the day they were counted."""

import datetime as dt

import pytest
from django.urls import reverse

from sinergi.health.supervision.selectors import pillars
from sinergi.insights.models import Snapshot
from sinergi.insights.snapshots import snapshot_take
from sinergi.registry import services

TODAY = dt.date(2026, 12, 5)


@pytest.fixture
def world(officer_bogor, officer_bandung):
    """Kota Bogor: two cooperatives with no RAT on record (reorientation) in Bogor Tengah, one with a
    RAT this year and no assessment (not yet assessed) in Tanah Sareal; one dissolved, not counted.
    Kota Bandung: one cooperative with no RAT."""
    reg = services.cooperative_register
    reg(actor=officer_bogor, name="KSP Paledang", region_code="32.71.03.1002")
    reg(actor=officer_bogor, name="Koperasi Tegallega", region_code="32.71.03.1005")
    fresh = reg(actor=officer_bogor, name="Koperasi Kebon Pedes", region_code="32.71.06.1001")
    services.cooperative_record_rat(actor=officer_bogor, cooperative=fresh, rat_date=dt.date(2026, 4, 20))
    gone = reg(actor=officer_bogor, name="Koperasi Cibogor", region_code="32.71.03.1002")
    services.cooperative_set_status(actor=officer_bogor, cooperative=gone, status="dibubarkan", reason="RAT")
    reg(actor=officer_bandung, name="Koperasi Dago", region_code="32.73.02.1004")


@pytest.mark.django_db
def test_the_snapshot_counts_the_pillars_of_every_place_by_the_supervision_rule(world, superuser):
    snapshot_take(dt.date(2026, 11, 1))
    figures = {s.region_code: s.figures for s in Snapshot.objects.all()}
    keys = ("pilar_reorientasi", "pilar_rehabilitasi", "pilar_pengembangan", "pilar_belum_dinilai")
    assert [figures["32.71.03"][k] for k in keys] == [2, 0, 0, 0]
    assert [figures["32.71.06"][k] for k in keys] == [0, 0, 0, 1]
    assert [figures["32.71"][k] for k in keys] == [2, 0, 0, 1]
    assert [figures["32"][k] for k in keys] == [3, 0, 0, 1]
    # The same rule the pillars page applies, on the last day of November.
    live = pillars(user=superuser, region="32.71", today=dt.date(2026, 11, 30))
    assert [len(p["items"]) for p in live["pillars"]] == [figures["32.71"][k] for k in keys]


@pytest.mark.django_db
def test_the_dashboard_shows_the_pillars_and_the_day_they_were_counted(world, officer_bogor, as_user):
    snapshot_take()
    Snapshot.objects.update(taken_at=dt.datetime(2026, 12, 4, 16, 45, tzinfo=dt.UTC))
    page = as_user(officer_bogor).get(reverse("insights:dashboard") + "?wilayah=32.71")
    html = page.content.decode()
    assert "Tiga pilar Kampung Koperasi" in html
    assert "Dihitung 4 Desember 2026 dari rekap malam hari" in html
    rows = html.split("Tiga pilar Kampung Koperasi</h2>")[1].split("</tbody>")[0]
    assert ">Reorientasi</td><td class=\"num\">2</td>" in rows
    assert ">Belum dinilai</td><td class=\"num\">1</td>" in rows


@pytest.mark.django_db
def test_without_a_snapshot_the_dashboard_links_to_the_live_list(world, officer_bogor, as_user):
    html = as_user(officer_bogor).get(reverse("insights:dashboard") + "?wilayah=32.71").content.decode()
    assert "Dihitung" not in html


@pytest.mark.django_db
def test_the_api_gives_the_pillars_with_the_time_they_were_counted(world, officer_bogor, client):
    snapshot_take()
    Snapshot.objects.update(taken_at=dt.datetime(2026, 12, 4, 16, 45, tzinfo=dt.UTC))
    client.force_login(officer_bogor)
    body = client.get("/api/v1/insights/dashboard", {"region": "32.71"}).json()
    assert body["pillars"] == {
        "counted_at": "2026-12-04T16:45:00+00:00",
        "by_pillar": {"reorientasi": 2, "rehabilitasi": 0, "pengembangan": 0, "belum_dinilai": 1},
    }
