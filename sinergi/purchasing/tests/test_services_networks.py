"""Buying networks from joint purchasing's side: only current cooperative members order, a member
with an unfinished order cannot leave, a new lead moves the rounds, other kinds run no rounds."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sinergi.accounts.tests.factories import OrganizationFactory
from sinergi.core.models import AuditEvent
from sinergi.purchasing import selectors, services
from sinergi.purchasing.models import Order
from sinergi.purchasing.tests.conftest import order
from sinergi.registry.models import NetworkMember
from sinergi.registry.services import networks as network_services

pytestmark = pytest.mark.django_db


def test_a_member_with_an_unfinished_order_cannot_leave(
    coordinator, system, open_round, cooperative_bandung, cooperative_cahaya
):
    network = open_round.network
    order(system, open_round, cooperative_bandung, **{"gula-pasir-1kg": 5})
    with pytest.raises(ValidationError) as info:
        network_services.network_member_leave(
            actor=coordinator, network=network, organization=cooperative_bandung
        )
    assert info.value.messages == [
        "Koperasi Mekar Sari masih punya pesanan di putaran yang belum selesai; hapus pesanannya dulu."
    ]
    assert NetworkMember.objects.get(network=network, organization=cooperative_bandung).state == "member"
    network_services.network_member_leave(actor=coordinator, network=network, organization=cooperative_cahaya)
    row = NetworkMember.objects.get(network=network, organization=cooperative_cahaya)
    assert (row.state, row.left_on) == ("left", timezone.localdate())
    assert AuditEvent.objects.filter(action="registry.network.member_leave").count() == 1


def test_only_current_cooperative_members_order(
    system, coordinator, open_round, cooperative_cahaya, cahaya_manager
):
    network = open_round.network
    pledged = OrganizationFactory(kind="cooperative", name="Koperasi Janji", region_id="32.73.08.1002")
    network_services.network_member_pledge(actor=coordinator, network=network, organization=pledged)
    network_services.network_member_leave(actor=coordinator, network=network, organization=cooperative_cahaya)
    assert [c.name for c in selectors.member_cooperatives(network).order_by("name")] == [
        "Koperasi Mekar Sari"
    ]
    for cooperative in (pledged, cooperative_cahaya):
        with pytest.raises(PermissionDenied):
            order(system, open_round, cooperative, **{"gula-pasir-1kg": 5})
    assert not Order.objects.filter(round=open_round).exists()
    # The manager of a cooperative that left no longer reaches the network in Belanja Bareng.
    assert list(selectors.network_list(user=cahaya_manager)) == []
    assert not selectors.reaches_purchasing(cahaya_manager)


def test_a_pledged_cooperative_orders_once_it_joins(system, coordinator, open_round):
    network = open_round.network
    pledged = OrganizationFactory(kind="cooperative", name="Koperasi Janji", region_id="32.73.08.1002")
    network_services.network_member_pledge(
        actor=coordinator, network=network, organization=pledged, pledged_on=dt.date(2020, 2, 25)
    )
    network_services.network_member_add(actor=coordinator, network=network, organization=pledged)
    order(system, open_round, pledged, **{"gula-pasir-1kg": 5})
    assert Order.objects.get(round=open_round, cooperative=pledged).lines.get().qty == 5


def test_only_buying_networks_run_rounds(system, office_bogor, cooperative_bogor, bulog):
    consortium = network_services.network_create(
        actor=system,
        name="Konsorsium Bisnis Kota Bogor",
        kind="consortium",
        region_code="32.71",
        lead=office_bogor,
    )
    now = timezone.now()
    with pytest.raises(ValidationError) as info:
        services.round_create(
            actor=system,
            network=consortium,
            name="Putaran",
            opens_at=now,
            closes_at=now + dt.timedelta(days=1),
            suppliers=[bulog],
        )
    assert info.value.message_dict == {"network": ["Hanya jaringan belanja bareng yang menjalankan putaran."]}
    assert not consortium.rounds.exists()
    assert list(selectors.network_list(user=system)) == []
