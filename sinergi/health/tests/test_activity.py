"""One definition of "tidak aktif": the registry's activity page and supervision count the same
cooperatives, on a hand-built set with exact numbers (selectors and pages)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from sinergi.accounts.models import Organization
from sinergi.health.supervision import selectors as supervision
from sinergi.health.tests.factories import CooperativeProfileFactory
from sinergi.registry import activity
from sinergi.registry import selectors as registry
from sinergi.registry.models import CooperativeProfile, CooperativeStatus

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days_ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


@pytest.fixture
def bogor(ksp_bandung):
    """Kota Bogor cooperatives, one per situation (N = 3 years), and an inactive one in Bandung."""

    def coop(name, status="aktif", last_rat=None, founded_on=None, region="32.71.06.1001"):
        profile = CooperativeProfileFactory(
            region=region, status=status, last_rat_date=last_rat, founded_on=founded_on
        )
        Organization.objects.filter(pk=profile.pk).update(name=name)
        return profile

    long_ago = dt.date(2010, 1, 1)
    made = {
        "active": coop("Aktif", last_rat=days_ago(200)),
        "warning": coop("Aktif Hampir", last_rat=days_ago(900), region="32.71.03.1002"),
        "sleeping": coop("Aktif Tidur", last_rat=days_ago(5 * 365)),
        "never": coop("Aktif Tanpa RAT", founded_on=long_ago),
        "new": coop("Baru Berdiri", founded_on=days_ago(365)),
        "unknown_active": coop("Belum Tahu Aktif", status=CooperativeStatus.BELUM_DIKETAHUI, last_rat=days_ago(300)),
        "unknown_sleeping": coop(
            "Belum Tahu Tidur", status=CooperativeStatus.BELUM_DIKETAHUI, last_rat=days_ago(6 * 365)
        ),
        "unknown_empty": coop("Belum Tahu Kosong", status=CooperativeStatus.BELUM_DIKETAHUI),
        "declared": coop("Tidak Aktif", status="tidak_aktif", last_rat=days_ago(100)),
        "frozen": coop("Beku", status="dibekukan", last_rat=days_ago(4 * 365)),
        "dissolved": coop("Bubar", status="dibubarkan", last_rat=days_ago(6 * 365)),
        "merged": coop("Aktif Tidur Ganda", last_rat=days_ago(5 * 365)),
    }
    # A duplicate merged into its original is not a cooperative of its own any more.
    Organization.objects.filter(pk=made["merged"].pk).update(merged_into=made["sleeping"].organization)
    CooperativeProfile.objects.filter(pk=ksp_bandung.pk).update(last_rat_date=days_ago(5 * 365))
    return made


def test_both_count_the_same_exact_numbers(bogor, officer_bogor):
    page = registry.activity_summary(user=officer_bogor, region="32.71")["total"]
    summary = supervision.supervision_summary(user=officer_bogor)
    assert page == {"registered": 10, "active": 3, "warning": 1, "new": 1, "inactive": 6}
    assert (summary["cooperatives"], summary["inactive"], summary["warning"]) == (10, 6, 1)
    # Of the six, four still carry a status that says otherwise: they await a proposal.
    assert summary["candidates"] == 4
    candidates = supervision.inactivity(user=officer_bogor)["candidates"]
    assert sorted(f.name for f in candidates) == [
        "Aktif Tanpa RAT",
        "Aktif Tidur",
        "Belum Tahu Kosong",
        "Belum Tahu Tidur",
    ]


def test_every_cooperative_gets_the_same_state_on_both_sides(bogor, officer_bogor):
    window = activity.activity_window(TODAY, 3)
    facts = {f.pk: f.activity for f in supervision.cooperative_facts(user=officer_bogor)}
    expected = {
        "active": activity.ACTIVE,
        "warning": activity.WARNING,
        "sleeping": activity.INACTIVE,
        "never": activity.INACTIVE,
        "new": activity.NEW,
        "unknown_active": activity.ACTIVE,
        "unknown_sleeping": activity.INACTIVE,
        "unknown_empty": activity.INACTIVE,
        "declared": activity.INACTIVE,
        "frozen": activity.INACTIVE,
    }
    assert facts == {bogor[key].pk: state for key, state in expected.items()}
    for key, state in expected.items():
        profile = bogor[key]
        assert activity.cooperative_activity(profile.status, profile.last_rat_date, profile.founded_on, window) == state
    warned = registry.cooperatives_about_to_turn_inactive(user=officer_bogor, region="32.71")
    assert [c.pk for c in warned] == [bogor["warning"].pk]


def test_the_pages_show_the_same_count(bogor, officer_bogor, client):
    client.force_login(officer_bogor)
    page = client.get(reverse("registry:activity"), {"region": "32.71"})
    overview = client.get(reverse("health:supervision"))
    assert page.status_code == overview.status_code == 200
    assert page.context["summary"]["total"]["inactive"] == overview.context["summary"]["inactive"] == 6
    assert overview.context["summary"]["candidates"] == 4


def test_another_region_counts_nothing_of_bogor(bogor, officer_bandung):
    assert registry.activity_summary(user=officer_bandung)["total"]["inactive"] == 1
    assert supervision.supervision_summary(user=officer_bandung)["inactive"] == 1
