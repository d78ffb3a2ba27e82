"""Scoping of every Belanja Bareng list and detail: other region, other cooperative, other supplier
sees nothing; and the live pooled view."""

import datetime as dt
from decimal import Decimal

import pytest
from django.http import Http404

from sinergi.accounts.tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from sinergi.purchasing import selectors, services
from sinergi.purchasing.filters import CatalogueFilters, PriceListFilters, RoundFilters
from sinergi.purchasing.models import PurchaseOrder
from sinergi.registry.services import networks as network_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def bogor_network(system, office_bogor, cooperative_bogor):
    network = network_services.network_create(
        actor=system, name="JUK Kota Bogor", region_code="32.71", lead=cooperative_bogor
    )
    network_services.network_member_add(actor=system, network=network, organization=cooperative_bogor)
    return network


# --- networks --------------------------------------------------------------------------------


def test_networks_by_reach(
    network,
    bogor_network,
    officer_bandung,
    officer_bogor,
    coordinator,
    bandung_manager,
    coop_manager,
    supplier,
    umkm_owner,
    superuser,
):
    def names(user):
        return [n.name for n in selectors.network_list(user=user)]

    assert names(officer_bandung) == ["JUK Kota Bandung"]
    assert names(officer_bogor) == ["JUK Kota Bogor"]
    assert names(coordinator) == ["JUK Kota Bandung"]
    assert names(bandung_manager) == ["JUK Kota Bandung"]
    assert names(coop_manager) == ["JUK Kota Bogor"]
    assert names(supplier) == [] and names(umkm_owner) == []
    assert names(superuser) == ["JUK Kota Bandung", "JUK Kota Bogor"]
    assert selectors.network_list(user=officer_bandung).get().n_members == 2


def test_other_region_cannot_open_a_network(network, officer_bogor, coop_manager):
    for user in (officer_bogor, coop_manager):
        with pytest.raises(Http404):
            selectors.access_network(user=user, pk=network.pk)
    assert selectors.access_network(user=network.lead.memberships.get().user, pk=network.pk) == network


def test_candidates_are_inside_the_area(network, cooperative_bogor):
    newcomer = OrganizationFactory(kind="cooperative", name="Koperasi Baru", region_id="32.73.08.1002")
    assert list(selectors.cooperatives_to_add(network=network)) == [newcomer, network.lead]
    assert cooperative_bogor not in selectors.coordinator_candidates(region_code="32.73")


# --- rounds and orders -----------------------------------------------------------------------


def test_rounds_by_reach(
    draft_round, officer_bandung, officer_bogor, coordinator, bandung_manager, coop_manager, supplier, system
):
    assert list(selectors.round_list(user=officer_bandung)) == [draft_round]
    assert list(selectors.round_list(user=coordinator)) == [draft_round]
    # Members do not see a round until it opens; other regions and suppliers never.
    for user in (bandung_manager, officer_bogor, coop_manager, supplier):
        assert list(selectors.round_list(user=user)) == []
        with pytest.raises(Http404):
            selectors.access_round(user=user, pk=draft_round.pk)
    services.round_open(actor=system, round=draft_round)
    assert list(selectors.round_list(user=bandung_manager)) == [draft_round]
    assert list(selectors.round_list(user=bandung_manager, filters=RoundFilters(status="draft"))) == []
    assert list(selectors.round_list(user=officer_bandung, filters=RoundFilters(q="desember"))) == [
        draft_round
    ]


def test_orders_and_members_by_reach(
    ordered_round,
    coordinator,
    bandung_manager,
    cahaya_manager,
    officer_bandung,
    cooperative_bandung,
    cooperative_cahaya,
):
    def coops(user):
        return [o.cooperative.name for o in selectors.round_orders(user=user, round=ordered_round)]

    assert coops(coordinator) == coops(officer_bandung) == ["Koperasi Cahaya", "Koperasi Mekar Sari"]
    assert coops(bandung_manager) == ["Koperasi Mekar Sari"]
    assert coops(cahaya_manager) == ["Koperasi Cahaya"]
    # Another member's order page is not found.
    with pytest.raises(Http404):
        selectors.access_member(
            user=bandung_manager, round=ordered_round, cooperative_pk=cooperative_cahaya.pk
        )
    assert (
        selectors.access_member(
            user=bandung_manager, round=ordered_round, cooperative_pk=cooperative_bandung.pk
        )
        == cooperative_bandung
    )
    assert selectors.managed_cooperatives(bandung_manager, ordered_round.network) == [cooperative_bandung]


def test_the_pooled_board(ordered_round, products, bulog, nusantara):
    board = {pool.product.code: pool for pool in selectors.round_board(round=ordered_round)}
    rice = board["beras-medium-5kg"]
    # 110 sacks: Bulog's 100+ tier (65,000) is reached; nothing cheaper exists.
    assert (rice.qty, rice.cooperatives, rice.best_price, rice.best_supplier) == (
        110,
        2,
        Decimal(65000),
        bulog,
    )
    assert (rice.missing, rice.progress) == (None, 100)
    assert [(p.supplier, p.tier, p.unit_price, p.next_min_qty) for p in rice.offers] == [
        (nusantara, 1, Decimal(69000), None),
        (bulog, 2, Decimal(65000), None),
    ]
    sugar = board["gula-pasir-1kg"]
    assert (sugar.qty, sugar.best_price, sugar.missing, sugar.next_price, sugar.next_supplier) == (
        10,
        Decimal(17000),
        190,
        Decimal(16500),
        bulog,
    )
    assert sugar.progress == 5
    oil = board["minyak-goreng-2l"]
    assert (oil.qty, oil.missing, oil.next_price, oil.progress) == (30, 20, Decimal(35000), 60)


def test_board_of_an_empty_round(open_round):
    rice = next(p for p in selectors.round_board(round=open_round) if p.product.code == "beras-medium-5kg")
    assert (rice.qty, rice.best_price, rice.missing, rice.next_price) == (
        0,
        Decimal(68000),
        100,
        Decimal(65000),
    )


# --- bills and purchase orders ---------------------------------------------------------------


def test_bills_by_reach(
    optimised_round,
    coordinator,
    officer_bandung,
    officer_bogor,
    bandung_manager,
    cahaya_manager,
    supplier,
    cooperative_bandung,
    cooperative_cahaya,
):
    def coops(user):
        return [b.cooperative.name for b in selectors.bill_list(user=user, round=optimised_round)]

    assert coops(coordinator) == coops(officer_bandung) == ["Koperasi Cahaya", "Koperasi Mekar Sari"]
    assert coops(bandung_manager) == ["Koperasi Mekar Sari"]
    assert coops(supplier) == []
    with pytest.raises(Http404):
        selectors.access_bill(
            user=bandung_manager, round=optimised_round, cooperative_pk=cooperative_cahaya.pk
        )
    with pytest.raises(Http404):
        selectors.access_bill(user=bandung_manager, round=optimised_round, cooperative_pk="x")
    bill = selectors.access_bill(
        user=bandung_manager, round=optimised_round, cooperative_pk=cooperative_bandung.pk
    )
    assert [line.product.code for line in selectors.bill_lines(bill=bill)] == [
        "minyak-goreng-2l",
        "beras-medium-5kg",
    ]
    assert [d.fee for d in selectors.bill_deliveries(bill=bill)] == [Decimal(50000), Decimal(100000)]
    lists = selectors.delivery_lists(user=cahaya_manager, round=optimised_round)
    assert [(e["cooperative"].name, len(e["lines"])) for e in lists] == [("Koperasi Cahaya", 2)]


def test_purchase_orders_by_reach(
    optimised_round,
    coordinator,
    officer_bandung,
    officer_bogor,
    supplier,
    nusantara_staff,
    bandung_manager,
    bulog,
    system,
):
    bulog_po = PurchaseOrder.objects.get(supplier=bulog)
    assert selectors.purchase_order_list(user=coordinator).count() == 2
    assert selectors.purchase_order_list(user=officer_bandung).count() == 2
    # Until sent a purchase order is the coordinator's draft: the supplier does not see it yet.
    for user in (supplier, nusantara_staff, officer_bogor, bandung_manager):
        assert list(selectors.purchase_order_list(user=user)) == []
    services.purchase_order_send(actor=system, purchase_order=bulog_po)
    assert list(selectors.purchase_order_list(user=supplier)) == [bulog_po]
    assert list(selectors.purchase_order_list(user=nusantara_staff)) == []
    with pytest.raises(Http404):
        selectors.access_purchase_order(user=nusantara_staff, pk=bulog_po.pk)
    drops = selectors.purchase_order_drops(purchase_order=bulog_po)
    assert [(d["cooperative"].name, [line.qty for line in d["lines"]]) for d in drops] == [
        ("Koperasi Cahaya", [50, 10]),
        ("Koperasi Mekar Sari", [60]),
    ]


def test_round_report(optimised_round, officer_bandung):
    report = selectors.round_report(user=officer_bandung, round=optimised_round)
    assert (report["members"], report["ordering_cooperatives"], report["lines"], report["dropped"]) == (
        2,
        2,
        4,
        0,
    )
    assert report["plan"].savings == 290_000
    assert [po.supplier.name for po in report["purchase_orders"]] == [
        "PT Pangan Nusantara",
        "Perum Bulog Kanwil Jabar",
    ]


# --- price lists and catalogue ---------------------------------------------------------------


def test_price_lists_by_reach(
    price_lists, supplier, nusantara_staff, officer_bogor, coordinator, bandung_manager
):
    def names(user, **filters):
        return [
            p.supplier.name for p in selectors.price_list_list(user=user, filters=PriceListFilters(**filters))
        ]

    assert names(supplier) == ["Perum Bulog Kanwil Jabar"]
    assert names(nusantara_staff) == ["PT Pangan Nusantara"]
    assert names(officer_bogor) == names(coordinator) == ["PT Pangan Nusantara", "Perum Bulog Kanwil Jabar"]
    assert names(bandung_manager) == []
    assert names(officer_bogor, validity="current") == ["PT Pangan Nusantara", "Perum Bulog Kanwil Jabar"]
    with pytest.raises(Http404):
        selectors.access_price_list(user=nusantara_staff, pk=price_lists["bulog"].pk)


def test_catalogue_shows_each_supplier_only_its_own_offers(price_lists, supplier, coordinator):
    rice = next(r for r in selectors.catalogue(user=supplier) if r.product.code == "beras-medium-5kg")
    assert [o.supplier.name for o in rice.offers] == ["Perum Bulog Kanwil Jabar"]
    rice = next(r for r in selectors.catalogue(user=coordinator) if r.product.code == "beras-medium-5kg")
    assert [o.supplier.name for o in rice.offers] == ["PT Pangan Nusantara", "Perum Bulog Kanwil Jabar"]


def test_catalogue_ceiling_warnings(price_lists, coordinator):
    rows = selectors.catalogue(user=coordinator, filters=CatalogueFilters(warnings=True))
    # Rice at 68,000 / 5 kg = 13,600/kg and 69,000 = 13,800/kg pass the 13,500 HET; 65,000 does not.
    assert [r.product.code for r in rows] == ["beras-medium-5kg"]
    bulog_offer = next(o for o in rows[0].offers if o.supplier.name == "Perum Bulog Kanwil Jabar")
    assert [w.price_per_unit if w else None for w in bulog_offer.warnings] == [Decimal(13600), None]
    assert selectors.catalogue(user=coordinator, filters=CatalogueFilters(category="gula"))[0].warned is False


def test_valid_price_list_prefers_the_latest(system, bulog, price_lists):
    newer = services.price_list_create(
        actor=system,
        supplier=bulog,
        name="Harga baru",
        valid_from=price_lists["bulog"].valid_from + dt.timedelta(days=10),
    )
    on = newer.valid_from
    assert selectors.valid_price_list(supplier_id=bulog.pk, on=on) == newer
    assert (
        selectors.valid_price_list(supplier_id=bulog.pk, on=on - dt.timedelta(days=1)) == price_lists["bulog"]
    )
    assert (
        selectors.valid_price_list(
            supplier_id=bulog.pk, on=price_lists["bulog"].valid_from - dt.timedelta(days=1)
        )
        is None
    )


def test_menu_reach(network, officer_bogor, supplier, bandung_manager, coop_manager, umkm_owner, coordinator):
    assert selectors.reaches_purchasing(officer_bogor) and selectors.reaches_purchasing(supplier)
    assert selectors.reaches_purchasing(bandung_manager) and selectors.reaches_purchasing(coordinator)
    # A manager whose cooperative is in no network, and an UMKM owner, have nothing here.
    assert not selectors.reaches_purchasing(coop_manager)
    assert not selectors.reaches_purchasing(umkm_owner)


def test_supplier_organizations(supplier, bulog, coordinator):
    other = MembershipFactory(
        user=UserFactory(), organization=OrganizationFactory(kind="company"), role="partner"
    ).user
    assert list(selectors.supplier_organizations(supplier)) == [bulog]
    assert list(selectors.supplier_organizations(coordinator)) == []
    assert list(selectors.supplier_organizations(other)) == []
