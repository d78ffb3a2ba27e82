"""Round and order services: every state transition, every denial with nothing changed."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sinergi.accounts.tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from sinergi.core.models import AuditEvent
from sinergi.purchasing import services
from sinergi.purchasing.models import Order, OrderLine, Round, RoundOffer, RoundStatus
from sinergi.purchasing.tests.conftest import order
from sinergi.purchasing.tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def lines_of(round):
    return sorted(
        OrderLine.objects.filter(order__round=round).values_list(
            "order__cooperative__name", "product__code", "qty"
        )
    )


# --- set-up and opening ----------------------------------------------------------------------


def test_coordinator_creates_a_draft(coordinator, network, bulog):
    now = timezone.now()
    round = services.round_create(
        actor=coordinator,
        network=network,
        name="Putaran Januari",
        opens_at=now,
        closes_at=now + dt.timedelta(days=7),
        suppliers=[bulog],
    )
    assert round.status == RoundStatus.DRAFT
    assert list(round.suppliers.all()) == [bulog]
    assert AuditEvent.objects.get(action="purchasing.round.create").after["suppliers"] == [bulog.pk]


def test_round_times_and_permissions(coordinator, bandung_manager, officer_bogor, network):
    now = timezone.now()
    with pytest.raises(ValidationError) as info:
        services.round_create(actor=coordinator, network=network, name="X", opens_at=now, closes_at=now)
    assert "closes_at" in info.value.error_dict
    for user in (bandung_manager, officer_bogor):
        with pytest.raises(PermissionDenied):
            services.round_create(
                actor=user, network=network, name="X", opens_at=now, closes_at=now + dt.timedelta(days=1)
            )
    assert not Round.objects.exists()


def test_office_staff_may_run_a_round_as_facilitator(officer_bandung, network):
    now = timezone.now()
    round = services.round_create(
        actor=officer_bandung,
        network=network,
        name="Difasilitasi dinas",
        opens_at=now,
        closes_at=now + dt.timedelta(days=1),
    )
    assert round.status == RoundStatus.DRAFT


def test_draft_changes_anything_open_only_name_notes_and_closing(coordinator, draft_round):
    services.round_update(
        actor=coordinator, round=draft_round, name="Putaran Desember", allocation="proportional"
    )
    services.round_open(actor=coordinator, round=draft_round)
    later = draft_round.closes_at + dt.timedelta(days=2)
    services.round_update(actor=coordinator, round=draft_round, closes_at=later, notes="Diperpanjang")
    with pytest.raises(ValidationError):
        services.round_update(actor=coordinator, round=draft_round, opens_at=timezone.now())
    with pytest.raises(ValidationError):
        services.round_update(
            actor=coordinator, round=draft_round, closes_at=timezone.now() - dt.timedelta(minutes=1)
        )
    draft_round.refresh_from_db()
    assert (draft_round.name, draft_round.closes_at, draft_round.notes) == (
        "Putaran Desember",
        later,
        "Diperpanjang",
    )


def test_opening_copies_the_valid_price_lists(coordinator, draft_round):
    services.round_open(actor=coordinator, round=draft_round)
    draft_round.refresh_from_db()
    assert draft_round.status == RoundStatus.OPEN
    offers = sorted(
        RoundOffer.objects.filter(round=draft_round).values_list("supplier__name", "product__code", "tiers")
    )
    assert offers == [
        ("PT Pangan Nusantara", "beras-medium-5kg", [[1, 69000]]),
        ("PT Pangan Nusantara", "minyak-goreng-2l", [[1, 36000], [50, 35000]]),
        ("Perum Bulog Kanwil Jabar", "beras-medium-5kg", [[1, 68000], [100, 65000]]),
        ("Perum Bulog Kanwil Jabar", "gula-pasir-1kg", [[1, 17000], [200, 16500]]),
    ]
    assert AuditEvent.objects.get(action="purchasing.round.open").after == {"status": "open", "offers": 4}


def test_later_price_changes_do_not_move_an_open_round(system, open_round, price_lists, products):
    services.price_list_item_save(
        actor=system, price_list=price_lists["bulog"], product=products["beras"], tiers=[(1, 99000)]
    )
    offer = RoundOffer.objects.get(
        round=open_round, supplier=price_lists["bulog"].supplier, product=products["beras"]
    )
    assert offer.tiers == [[1, 68000], [100, 65000]]


def test_open_refuses_without_suppliers_or_valid_lists(coordinator, system, network, bulog, price_lists):
    now = timezone.now()
    empty = services.round_create(
        actor=coordinator, network=network, name="Kosong", opens_at=now, closes_at=now + dt.timedelta(days=1)
    )
    with pytest.raises(ValidationError):
        services.round_open(actor=coordinator, round=empty)
    # The lists end before the round closes: not valid on its closing day.
    price_lists["bulog"].valid_until = timezone.localdate()
    price_lists["bulog"].save()
    late = services.round_create(
        actor=coordinator,
        network=network,
        name="Telat",
        opens_at=now,
        closes_at=now + dt.timedelta(days=3),
        suppliers=[bulog],
    )
    with pytest.raises(ValidationError) as info:
        services.round_open(actor=coordinator, round=late)
    assert "Perum Bulog Kanwil Jabar tidak punya daftar harga" in info.value.messages[0]
    assert Round.objects.filter(status=RoundStatus.DRAFT).count() == 2
    assert not RoundOffer.objects.exists()


def test_open_and_close_only_from_the_right_state(coordinator, draft_round):
    with pytest.raises(ValidationError):
        services.round_close(actor=coordinator, round=draft_round)
    services.round_open(actor=coordinator, round=draft_round)
    with pytest.raises(ValidationError):
        services.round_open(actor=coordinator, round=draft_round)
    services.round_close(actor=coordinator, round=draft_round)
    draft_round.refresh_from_db()
    assert draft_round.status == RoundStatus.CLOSED
    with pytest.raises(ValidationError):
        services.round_close(actor=coordinator, round=draft_round)
    assert AuditEvent.objects.get(action="purchasing.round.close").after == {
        "status": "closed",
        "early": True,
    }


def test_members_cannot_open_or_close(bandung_manager, supplier, officer_bogor, draft_round):
    for user in (bandung_manager, supplier, officer_bogor):
        with pytest.raises(PermissionDenied):
            services.round_open(actor=user, round=draft_round)
    assert Round.objects.get(pk=draft_round.pk).status == RoundStatus.DRAFT


def test_suppliers_change_only_in_draft(coordinator, draft_round, bulog):
    services.round_suppliers_set(actor=coordinator, round=draft_round, suppliers=[bulog])
    assert list(draft_round.suppliers.all()) == [bulog]
    services.round_open(actor=coordinator, round=draft_round)
    with pytest.raises(ValidationError):
        services.round_suppliers_set(actor=coordinator, round=draft_round, suppliers=[])
    assert list(draft_round.suppliers.all()) == [bulog]


def test_due_rounds_are_closed(system, open_round):
    assert services.rounds_close_due(actor=system) == []
    Round.objects.filter(pk=open_round.pk).update(closes_at=timezone.now() - dt.timedelta(minutes=1))
    assert [r.pk for r in services.rounds_close_due(actor=system)] == [open_round.pk]
    assert Round.objects.get(pk=open_round.pk).status == RoundStatus.CLOSED


# --- orders ----------------------------------------------------------------------------------


def test_member_orders_and_edits_until_close(bandung_manager, open_round, cooperative_bandung, products):
    saved = services.order_save(
        actor=bandung_manager,
        round=open_round,
        cooperative=cooperative_bandung,
        quantities={products["beras"]: 60, products["minyak"]: 30},
        version=0,
    )
    assert saved.version == 1
    saved = services.order_save(
        actor=bandung_manager,
        round=open_round,
        cooperative=cooperative_bandung,
        quantities={products["beras"]: 70},
        version=1,
    )
    assert saved.version == 2
    assert lines_of(open_round) == [("Koperasi Mekar Sari", "beras-medium-5kg", 70)]
    event = AuditEvent.objects.filter(action="purchasing.order.save").latest("id")
    assert (event.before, event.after) == (
        {"beras-medium-5kg": 60, "minyak-goreng-2l": 30},
        {"beras-medium-5kg": 70},
    )
    assert event.organization_id == cooperative_bandung.pk


def test_saving_the_same_order_changes_nothing(bandung_manager, open_round, cooperative_bandung, products):
    order(bandung_manager, open_round, cooperative_bandung, **{"gula-pasir-1kg": 5})
    again = order(bandung_manager, open_round, cooperative_bandung, **{"gula-pasir-1kg": 5})
    assert again.version == 1
    assert AuditEvent.objects.filter(action="purchasing.order.save").count() == 1


def test_line_set_keeps_other_lines(bandung_manager, open_round, cooperative_bandung, products):
    order(bandung_manager, open_round, cooperative_bandung, **{"gula-pasir-1kg": 5})
    services.order_line_set(
        actor=bandung_manager,
        round=open_round,
        cooperative=cooperative_bandung,
        product=products["beras"],
        qty=12,
    )
    services.order_line_set(
        actor=bandung_manager,
        round=open_round,
        cooperative=cooperative_bandung,
        product=products["gula"],
        qty=0,
    )
    assert lines_of(open_round) == [("Koperasi Mekar Sari", "beras-medium-5kg", 12)]


def test_a_stale_version_is_refused(bandung_manager, open_round, cooperative_bandung, products):
    order(bandung_manager, open_round, cooperative_bandung, **{"gula-pasir-1kg": 5})
    with pytest.raises(ValidationError) as info:
        services.order_save(
            actor=bandung_manager,
            round=open_round,
            cooperative=cooperative_bandung,
            quantities={products["gula"]: 9},
            version=0,
        )
    assert "version" in info.value.error_dict
    assert lines_of(open_round) == [("Koperasi Mekar Sari", "gula-pasir-1kg", 5)]
    assert Order.objects.get().version == 1


@pytest.mark.parametrize("qty", [-1, 1.5, "lima", True, 1_000_001])
def test_quantities_are_whole_units(bandung_manager, open_round, cooperative_bandung, products, qty):
    with pytest.raises(ValidationError):
        services.order_save(
            actor=bandung_manager,
            round=open_round,
            cooperative=cooperative_bandung,
            quantities={products["gula"]: qty},
        )
    assert not OrderLine.objects.exists()


def test_only_offered_products(bandung_manager, open_round, cooperative_bandung):
    with pytest.raises(ValidationError):
        services.order_save(
            actor=bandung_manager,
            round=open_round,
            cooperative=cooperative_bandung,
            quantities={ProductFactory(): 1},
        )
    assert not OrderLine.objects.exists()


def test_who_may_order(
    open_round,
    cooperative_bandung,
    cahaya_manager,
    coop_manager,
    supplier,
    officer_bogor,
    coordinator,
    products,
):
    supervisor = MembershipFactory(
        user=UserFactory(email="pengawas.bandung@sinergi.test"),
        organization=cooperative_bandung,
        role="pengawas",
    ).user
    for user in (cahaya_manager, coop_manager, supplier, supervisor, officer_bogor):
        with pytest.raises(PermissionDenied):
            services.order_save(
                actor=user,
                round=open_round,
                cooperative=cooperative_bandung,
                quantities={products["gula"]: 1},
            )
    assert not OrderLine.objects.exists()
    # The coordinator takes an order by phone for a member.
    services.order_save(
        actor=coordinator, round=open_round, cooperative=cooperative_bandung, quantities={products["gula"]: 3}
    )
    assert Order.objects.get().updated_by == coordinator


def test_non_members_cannot_order(system, open_round):
    outsider = OrganizationFactory(kind="cooperative", region_id="32.73.08.1002")
    with pytest.raises(PermissionDenied):
        order(system, open_round, outsider, **{"gula-pasir-1kg": 1})
    assert not Order.objects.exists()


def test_nothing_changes_after_close(
    bandung_manager, coordinator, closed_round, cooperative_bandung, products
):
    before = lines_of(closed_round)
    version = Order.objects.get(cooperative=cooperative_bandung).version
    for action in (
        lambda: services.order_save(
            actor=bandung_manager,
            round=closed_round,
            cooperative=cooperative_bandung,
            quantities={products["beras"]: 1},
            version=version,
        ),
        lambda: services.order_line_set(
            actor=bandung_manager,
            round=closed_round,
            cooperative=cooperative_bandung,
            product=products["minyak"],
            qty=0,
        ),
        lambda: services.order_save(
            actor=coordinator, round=closed_round, cooperative=cooperative_bandung, quantities={}
        ),
    ):
        with pytest.raises(ValidationError) as info:
            action()
        assert info.value.messages == ["Putaran sudah ditutup; pesanan tidak dapat diubah lagi."]
    assert lines_of(closed_round) == before
    assert Order.objects.get(cooperative=cooperative_bandung).version == version


def test_an_open_round_past_its_closing_time_takes_no_orders(
    bandung_manager, open_round, cooperative_bandung
):
    Round.objects.filter(pk=open_round.pk).update(closes_at=timezone.now() - dt.timedelta(seconds=1))
    open_round.refresh_from_db()
    with pytest.raises(ValidationError):
        order(bandung_manager, open_round, cooperative_bandung, **{"gula-pasir-1kg": 1})
    assert not OrderLine.objects.exists()


def test_a_round_not_yet_started_takes_no_orders(
    bandung_manager, coordinator, network, bulog, price_lists, cooperative_bandung
):
    now = timezone.now()
    later = services.round_create(
        actor=coordinator,
        network=network,
        name="Nanti",
        suppliers=[bulog],
        opens_at=now + dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=2),
    )
    services.round_open(actor=coordinator, round=later)
    with pytest.raises(ValidationError) as info:
        order(bandung_manager, later, cooperative_bandung, **{"gula-pasir-1kg": 1})
    assert info.value.messages == ["Putaran belum mulai menerima pesanan."]
    assert not OrderLine.objects.exists()


def test_draft_round_takes_no_orders(bandung_manager, draft_round, cooperative_bandung, products):
    with pytest.raises(ValidationError):
        services.order_save(
            actor=bandung_manager,
            round=draft_round,
            cooperative=cooperative_bandung,
            quantities={products["gula"]: Decimal(1)},
        )
    assert not Order.objects.exists()
