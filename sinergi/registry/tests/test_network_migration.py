"""The move of the buying networks from purchasing into the registry keeps every network, member
and round: migrated back to before the move, rows written through the historical models come out
of the forward migration intact and linked (member state "anggota", the join day kept in local
time), on whichever database the suite runs on.

Transactional (it migrates the schema back and forth), so it runs once, with a handful of rows.
"""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from sinergi.accounts.tests.factories import OrganizationFactory

BEFORE = [("registry", "0010_tally_layers"), ("purchasing", "0005_tally_layers")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_networks_members_and_rounds_survive_the_move():
    lead = OrganizationFactory(
        kind="cooperative", name="Koperasi Sekunder JUK Bandung", region_id="32.73.19.1003"
    )
    mekar = OrganizationFactory(kind="cooperative", name="Koperasi Mekar Sari", region_id="32.73.02.1004")
    cahaya = OrganizationFactory(kind="cooperative", name="Koperasi Cahaya", region_id="32.73.05.1003")
    try:
        old = _migrate(BEFORE)
        Network = old.get_model("purchasing", "Network")
        NetworkMember = old.get_model("purchasing", "NetworkMember")
        Round = old.get_model("purchasing", "Round")
        Order = old.get_model("purchasing", "Order")
        juk = Network.objects.create(
            name="JUK Kota Bandung", region_id="32.73", coordinator_id=lead.pk, description="Belanja bareng"
        )
        quiet = Network.objects.create(
            name="JUK Coblong", region_id="32.73.02", coordinator_id=mekar.pk, is_active=False
        )
        # 20:00 UTC on 24 February is 03:00 on the 25th in Bandung: the join day is the local one.
        joins = {
            mekar.pk: dt.datetime(2020, 2, 24, 20, 0, tzinfo=dt.UTC),
            cahaya.pk: dt.datetime(2021, 7, 1, 2, 0, tzinfo=dt.UTC),
        }
        for org_pk, joined_at in joins.items():
            row = NetworkMember.objects.create(network=juk, cooperative_id=org_pk)
            NetworkMember.objects.filter(pk=row.pk).update(joined_at=joined_at)
        NetworkMember.objects.create(network=quiet, cooperative_id=mekar.pk)
        now = timezone.now()
        rounds = [
            Round.objects.create(
                network=juk, name=name, opens_at=now, closes_at=now + dt.timedelta(days=3), status=status
            )
            for name, status in (("Belanja Bareng Januari", "ordered"), ("Belanja Bareng Februari", "open"))
        ]
        for round_ in rounds:
            for org_pk in joins:
                Order.objects.create(round=round_, cooperative_id=org_pk)
    finally:
        _migrate(_latest())

    from sinergi.purchasing.models import Order as NewOrder
    from sinergi.purchasing.models import Round as NewRound
    from sinergi.purchasing.selectors import member_cooperatives
    from sinergi.registry.models import Network as NewNetwork
    from sinergi.registry.models import NetworkMember as NewMember

    networks = {n.name: n for n in NewNetwork.objects.all()}
    assert sorted(networks) == ["JUK Coblong", "JUK Kota Bandung"]
    juk = networks["JUK Kota Bandung"]
    assert (juk.pk, juk.kind, juk.region_id, juk.lead_id, juk.purpose, juk.is_active) == (
        juk.pk, "buying", "32.73", lead.pk, "Belanja bareng", True,
    )  # fmt: skip
    assert (networks["JUK Coblong"].lead_id, networks["JUK Coblong"].is_active) == (mekar.pk, False)
    members = [
        (m.organization_id, m.state, m.pledged_on, m.joined_on, m.left_on)
        for m in NewMember.objects.filter(network=juk).order_by("organization__name")
    ]
    assert members == [
        (cahaya.pk, "member", None, dt.date(2021, 7, 1), None),
        (mekar.pk, "member", None, dt.date(2020, 2, 25), None),
    ]
    assert NewMember.objects.get(network=networks["JUK Coblong"]).joined_on is not None
    assert sorted(r.name for r in NewRound.objects.filter(network=juk)) == [
        "Belanja Bareng Februari", "Belanja Bareng Januari",
    ]  # fmt: skip
    assert NewOrder.objects.filter(round__network=juk).count() == 4
    assert set(NewOrder.objects.values_list("cooperative_id", flat=True)) == {mekar.pk, cahaya.pk}
    # Joint purchasing reads them through the registry: both cooperatives still order.
    assert sorted(c.name for c in member_cooperatives(juk)) == ["Koperasi Cahaya", "Koperasi Mekar Sari"]
