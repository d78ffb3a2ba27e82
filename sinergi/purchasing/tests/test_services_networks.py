"""Network services: who sets up a network, who joins it, who may leave."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sinergi.accounts.tests.factories import OrganizationFactory
from sinergi.core.models import AuditEvent
from sinergi.purchasing import services
from sinergi.purchasing.models import Network, NetworkMember
from sinergi.purchasing.tests.conftest import order

pytestmark = pytest.mark.django_db


def test_office_sets_up_a_network(officer_bandung, juk_coordinator_org):
    network = services.network_create(
        actor=officer_bandung, name=" JUK Kota Bandung ", region_code="32.73", coordinator=juk_coordinator_org
    )
    assert (network.name, network.region_id, network.coordinator_id) == (
        "JUK Kota Bandung",
        "32.73",
        juk_coordinator_org.pk,
    )
    event = AuditEvent.objects.get(action="purchasing.network.create")
    assert (event.region_code, event.organization_id) == ("32.73", juk_coordinator_org.pk)


def test_other_offices_and_non_officers_cannot(officer_bogor, coordinator, supplier, juk_coordinator_org):
    for user in (officer_bogor, coordinator, supplier):
        with pytest.raises(PermissionDenied):
            services.network_create(
                actor=user, name="JUK", region_code="32.73", coordinator=juk_coordinator_org
            )
    assert not Network.objects.exists()


def test_coordinator_must_be_inside_the_area(officer_bandung, cooperative_bogor, umkm_bogor):
    for org in (cooperative_bogor, OrganizationFactory(kind="umkm", region_id="32.73.02.1004")):
        with pytest.raises(ValidationError) as info:
            services.network_create(actor=officer_bandung, name="JUK", region_code="32.73", coordinator=org)
        assert "coordinator" in info.value.error_dict
    with pytest.raises(ValidationError) as info:
        services.network_create(
            actor=officer_bandung, name="JUK", region_code="32.73.02.1004", coordinator=cooperative_bogor
        )
    assert "region" in info.value.error_dict
    assert not Network.objects.exists()


def test_office_updates_the_network(officer_bandung, officer_bogor, network, cooperative_bandung):
    with pytest.raises(PermissionDenied):
        services.network_update(actor=officer_bogor, network=network, name="Lain")
    services.network_update(
        actor=officer_bandung, network=network, name="JUK Bandung", coordinator=cooperative_bandung
    )
    network.refresh_from_db()
    assert (network.name, network.coordinator_id) == ("JUK Bandung", cooperative_bandung.pk)
    event = AuditEvent.objects.get(action="purchasing.network.update")
    assert event.after == {"name": "JUK Bandung", "coordinator": cooperative_bandung.pk}


def test_coordinator_admits_a_cooperative_of_the_area(coordinator, network):
    newcomer = OrganizationFactory(kind="cooperative", name="Koperasi Baru", region_id="32.73.08.1002")
    services.network_member_add(actor=coordinator, network=network, cooperative=newcomer)
    assert network.members.filter(pk=newcomer.pk).exists()
    with pytest.raises(ValidationError):
        services.network_member_add(actor=coordinator, network=network, cooperative=newcomer)
    assert NetworkMember.objects.filter(cooperative=newcomer).count() == 1


def test_members_are_active_cooperatives_inside_the_area(coordinator, network, cooperative_bogor, supplier):
    company = supplier.memberships.get().organization
    inactive = OrganizationFactory(kind="cooperative", region_id="32.73.08.1002", is_active=False)
    for org in (cooperative_bogor, company, inactive):
        with pytest.raises(ValidationError):
            services.network_member_add(actor=coordinator, network=network, cooperative=org)
    assert network.members.count() == 2


def test_members_cannot_admit_others(bandung_manager, officer_bogor, network):
    newcomer = OrganizationFactory(kind="cooperative", region_id="32.73.08.1002")
    for user in (bandung_manager, officer_bogor):
        with pytest.raises(PermissionDenied):
            services.network_member_add(actor=user, network=network, cooperative=newcomer)
        with pytest.raises(PermissionDenied):
            services.network_member_remove(actor=user, network=network, cooperative=newcomer)
    assert network.members.count() == 2


def test_a_member_with_an_unfinished_order_cannot_leave(
    coordinator, system, open_round, cooperative_bandung, cooperative_cahaya
):
    network = open_round.network
    order(system, open_round, cooperative_bandung, **{"gula-pasir-1kg": 5})
    with pytest.raises(ValidationError):
        services.network_member_remove(actor=coordinator, network=network, cooperative=cooperative_bandung)
    assert network.members.filter(pk=cooperative_bandung.pk).exists()
    services.network_member_remove(actor=coordinator, network=network, cooperative=cooperative_cahaya)
    assert not network.members.filter(pk=cooperative_cahaya.pk).exists()
    assert AuditEvent.objects.filter(action="purchasing.network.member_remove").count() == 1
