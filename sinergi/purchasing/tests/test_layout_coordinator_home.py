"""The coordinator's home page links the open rounds of the network they coordinate."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from sinergi.accounts.tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from sinergi.home import coordinated_rounds
from sinergi.purchasing import services
from sinergi.registry.services import networks as network_services

pytestmark = pytest.mark.django_db


def rounds_section(html: str) -> str:
    start = html.index('id="coordinated-rounds"')
    return html[start : html.index("</section>", start)]


def test_the_coordinator_sees_the_open_round_linked(as_user, coordinator, open_round):
    html = as_user(coordinator).get("/").content.decode()

    section = rounds_section(html)
    assert "Putaran dibuka di jaringan Anda" in section
    url = reverse("purchasing:round_detail", args=[open_round.pk])
    assert f'<a href="{url}">Belanja Bareng Desember</a> · JUK Kota Bandung' in section
    closes = timezone.localtime(open_round.closes_at).strftime("%d-%m-%Y %H:%M")
    assert f"ditutup {closes}" in section


def test_a_draft_round_is_not_listed(as_user, coordinator, draft_round):
    html = as_user(coordinator).get("/").content.decode()

    assert 'id="coordinated-rounds"' not in html


def test_a_member_manager_gets_no_coordinator_list(as_user, bandung_manager, open_round):
    html = as_user(bandung_manager).get("/").content.decode()

    assert 'id="coordinated-rounds"' not in html
    # The member still finds the round in their cooperative's own card.
    assert "Belanja Bareng Desember" in html


def test_another_networks_coordinator_sees_nothing(system, open_round):
    other_org = OrganizationFactory(
        kind="cooperative", name="Koperasi Sekunder Bogor", region_id="32.71.03.1002"
    )
    other = MembershipFactory(
        user=UserFactory(email="koordinator.bogor@sinergi.test"), organization=other_org, role="coordinator"
    )
    network_services.network_create(actor=system, name="JUK Kota Bogor", region_code="32.71", lead=other_org)

    assert coordinated_rounds(other.user, other) == []


def test_rounds_come_in_closing_order_in_few_queries(
    system, coordinator, network, open_round, bulog, nusantara, django_assert_max_num_queries
):
    now = timezone.now()
    sooner = services.round_create(
        actor=system,
        network=network,
        name="Belanja Bareng Kilat",
        opens_at=now - dt.timedelta(hours=1),
        closes_at=now + dt.timedelta(days=1),
        suppliers=[bulog, nusantara],
    )
    services.round_open(actor=system, round=sooner)
    membership = coordinator.memberships.get()

    with django_assert_max_num_queries(3):
        rounds = coordinated_rounds(coordinator, membership)
        names = [(r.name, r.network.name) for r in rounds]

    assert names == [
        ("Belanja Bareng Kilat", "JUK Kota Bandung"),
        ("Belanja Bareng Desember", "JUK Kota Bandung"),
    ]
