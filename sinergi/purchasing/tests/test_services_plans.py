"""After closing: the optimiser instance, the stored plan, fixing unplaceable lines, purchase orders."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sinergi.core.models import AuditEvent, Job
from sinergi.purchasing import optimizer, services
from sinergi.purchasing.models import (
    CooperativeBill,
    Delivery,
    OrderLine,
    PlanLine,
    PurchaseOrder,
    Round,
    RoundPlan,
    RoundStatus,
)
from sinergi.purchasing.tests.conftest import ALONE_TOTAL, POOLED_TOTAL, order

pytestmark = pytest.mark.django_db


def test_the_round_as_an_optimiser_instance(
    closed_round, bulog, nusantara, cooperative_bandung, cooperative_cahaya
):
    built = services.round_instance(round=closed_round)
    assert built.problems == ()
    instance = built.instance
    assert {s.id: dict(s.delivery_fee) for s in instance.suppliers} == {
        str(bulog.pk): {"32.73.02": 100000, "32.73.05": 100000},
        str(nusantara.pk): {"32.73.02": 50000},
    }
    assert sorted((line.buyer, line.district, line.product, line.qty) for line in instance.orders) == sorted(
        [
            (str(cooperative_bandung.pk), "32.73.02", "beras-medium-5kg", 60),
            (str(cooperative_bandung.pk), "32.73.02", "minyak-goreng-2l", 30),
            (str(cooperative_cahaya.pk), "32.73.05", "beras-medium-5kg", 50),
            (str(cooperative_cahaya.pk), "32.73.05", "gula-pasir-1kg", 10),
        ]
    )
    assert [line.product.code for line in built.lines] == [line.product for line in instance.orders]
    # The JSON shape reads back through the optimiser's own parser.
    again = optimizer.instance_from_dict(services.instance_to_dict(instance, "proportional"))
    assert again == instance


def test_stored_plan_equals_the_optimiser(optimised_round):
    """The plan in the database is exactly `optimizer.solve` on the round's instance."""
    built = services.round_instance(round=optimised_round)
    expected = optimizer.solve(built.instance, allocation="proportional", gap_tolerance=0.001)
    plan = RoundPlan.objects.get(round=optimised_round)
    assert (
        plan.status,
        plan.total_cost,
        plan.goods_cost,
        plan.delivery_cost,
        plan.alone_cost,
        plan.savings,
    ) == (
        expected.status,
        expected.total_cost,
        expected.goods_cost,
        expected.delivery_cost,
        expected.alone_cost,
        expected.savings,
    )
    stored = {
        (str(line.cooperative_id), line.product.code): (
            str(line.supplier_id),
            line.unit_price,
            str(line.alone_supplier_id),
            line.alone_unit_price,
        )
        for line in PlanLine.objects.filter(plan=plan).select_related("product")
    }
    assert stored == {
        (line.buyer, line.product): (
            line.supplier,
            line.unit_price,
            line.alone_supplier,
            line.alone_unit_price,
        )
        for line in expected.lines
    }
    assert {str(b.cooperative_id): (b.alone_cost, b.pays, b.saves) for b in plan.bills.all()} == {
        b.buyer: (b.alone_cost, b.pays, b.saves) for b in expected.buyers
    }
    assert plan.instance == services.instance_to_dict(built.instance, "proportional")


def test_the_hand_checked_plan(optimised_round, bulog, nusantara, cooperative_bandung, cooperative_cahaya):
    plan = optimised_round.plan
    assert optimised_round.status == RoundStatus.OPTIMISED
    assert (plan.status, plan.gap) == ("optimal", 0.0)
    assert (plan.total_cost, plan.alone_cost, plan.savings) == (POOLED_TOTAL, ALONE_TOTAL, 290_000)
    # Proportional: everyone saves the same share, 290,000 / 8,940,000 = 3.24 %.
    bills = {b.cooperative: (b.alone_cost, b.pays, b.saves) for b in plan.bills.all()}
    assert bills == {
        cooperative_bandung: (Decimal(5_270_000), Decimal(5_099_049), Decimal(170_951)),
        cooperative_cahaya: (Decimal(3_670_000), Decimal(3_550_951), Decimal(119_049)),
    }
    orders = {po.supplier: po for po in plan.purchase_orders.all()}
    assert [(po.number, po.goods_cost, po.delivery_cost, po.total) for po in orders.values()] == [
        (f"BB-{optimised_round.pk:05d}-01", Decimal(1_080_000), Decimal(50_000), Decimal(1_130_000)),
        (f"BB-{optimised_round.pk:05d}-02", Decimal(7_320_000), Decimal(200_000), Decimal(7_520_000)),
    ]
    assert sorted(
        orders[bulog].lines.values_list("product__code", "qty", "tier", "tier_min_qty", "unit_price")
    ) == [
        ("beras-medium-5kg", 110, 2, 100, Decimal(65000)),
        ("gula-pasir-1kg", 10, 1, 1, Decimal(17000)),
    ]
    assert sorted(
        Delivery.objects.values_list("purchase_order__supplier__name", "cooperative__name", "fee")
    ) == [
        ("PT Pangan Nusantara", "Koperasi Mekar Sari", Decimal(50000)),
        ("Perum Bulog Kanwil Jabar", "Koperasi Cahaya", Decimal(100000)),
        ("Perum Bulog Kanwil Jabar", "Koperasi Mekar Sari", Decimal(100000)),
    ]
    # Mekar Sari's rice: pooled 65,000 from Bulog; alone it would have bought Nusantara's at 69,000.
    rice = PlanLine.objects.get(cooperative=cooperative_bandung, product__code="beras-medium-5kg")
    assert (rice.supplier, rice.unit_price, rice.alone_supplier, rice.alone_unit_price) == (
        bulog,
        Decimal(65000),
        nusantara,
        Decimal(69000),
    )
    event = AuditEvent.objects.get(action="purchasing.round.optimise")
    assert event.after["total_cost"] == POOLED_TOTAL and event.after["plan_status"] == "optimal"


def test_no_bill_exceeds_buying_alone(optimised_round):
    bills = list(CooperativeBill.objects.filter(plan__round=optimised_round))
    assert all(b.pays <= b.alone_cost and b.saves == b.alone_cost - b.pays for b in bills)
    assert sum(b.pays for b in bills) == optimised_round.plan.total_cost


def test_optimising_runs_as_a_job(coordinator, closed_round, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.round_optimise(actor=coordinator, round=closed_round)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE
    assert job.result["total_cost"] == POOLED_TOTAL and job.result["savings"] == 290_000
    assert job.result["next_url"] == f"/belanja-bareng/putaran/{closed_round.pk}/"
    assert Round.objects.get(pk=closed_round.pk).status == RoundStatus.OPTIMISED
    assert RoundPlan.objects.get(round=closed_round).job == job


@pytest.mark.parametrize("fixture", ["draft_round", "open_round"])
def test_only_closed_rounds_are_optimised(request, coordinator, fixture):
    round = request.getfixturevalue(fixture)
    with pytest.raises(ValidationError):
        services.round_optimise(actor=coordinator, round=round)
    with pytest.raises(ValidationError):
        services.round_solve(actor=coordinator, round=round)
    assert not Job.objects.exists() and not RoundPlan.objects.exists()


def test_members_and_suppliers_cannot_optimise(bandung_manager, supplier, closed_round):
    for user in (bandung_manager, supplier):
        with pytest.raises(PermissionDenied):
            services.round_optimise(actor=user, round=closed_round)
    assert not Job.objects.exists()


def test_an_empty_round_has_nothing_to_optimise(system, open_round):
    services.round_close(actor=system, round=open_round)
    with pytest.raises(ValidationError):
        services.round_solve(actor=system, round=open_round)
    assert not RoundPlan.objects.exists()


@pytest.fixture
def unservable_round(system, open_round, cooperative_bandung, cooperative_cahaya):
    """Cahaya (32.73.05) orders cooking oil, which only Nusantara sells — and it does not deliver there."""
    order(system, open_round, cooperative_bandung, **{"beras-medium-5kg": 60})
    order(system, open_round, cooperative_cahaya, **{"beras-medium-5kg": 50, "minyak-goreng-2l": 20})
    return services.round_close(actor=system, round=open_round)


def test_a_line_nobody_can_serve_is_named(
    coordinator, unservable_round, cooperative_cahaya, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.round_optimise(actor=coordinator, round=unservable_round)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "Koperasi Cahaya – Minyak goreng 2 liter" in job.error
    unservable_round.refresh_from_db()
    line = OrderLine.objects.get(order__cooperative=cooperative_cahaya, product__code="minyak-goreng-2l")
    assert unservable_round.problems == [
        {
            "line": line.pk,
            "cooperative": "Koperasi Cahaya",
            "cooperative_id": cooperative_cahaya.pk,
            "product": "Minyak goreng 2 liter",
            "product_id": line.product_id,
            "qty": 20,
            "district": "32.73.05",
            "reason": "tidak ada pemasok barang ini yang mengirim ke Kecamatan Andir",
        }
    ]
    assert unservable_round.status == RoundStatus.CLOSED
    assert not RoundPlan.objects.exists()


def test_fix_by_dropping_the_line_and_running_again(coordinator, unservable_round, cooperative_cahaya):
    with pytest.raises(ValidationError):
        services.round_solve(actor=coordinator, round=unservable_round)
    line = OrderLine.objects.get(order__cooperative=cooperative_cahaya, product__code="minyak-goreng-2l")
    services.order_line_drop(actor=coordinator, line=line, reason="Tidak ada pengiriman ke Andir")
    line.refresh_from_db()
    assert line.dropped_reason == "Tidak ada pengiriman ke Andir" and line.dropped_at is not None
    assert Round.objects.get(pk=unservable_round.pk).problems == []
    plan = services.round_solve(actor=coordinator, round=unservable_round)
    assert not plan.lines.filter(order_line=line).exists()
    assert plan.lines.count() == 2


def test_fix_by_a_supplier_adding_the_kecamatan(coordinator, nusantara_staff, nusantara, unservable_round):
    with pytest.raises(ValidationError):
        services.round_solve(actor=coordinator, round=unservable_round)
    services.delivery_fees_set(actor=nusantara_staff, supplier=nusantara, fees={"32.73.05": 60000})
    plan = services.round_solve(actor=coordinator, round=unservable_round)
    assert plan.lines.filter(product__code="minyak-goreng-2l", supplier=nusantara).count() == 1
    assert (
        Delivery.objects.get(cooperative__name="Koperasi Cahaya", purchase_order__supplier=nusantara).fee
        == 60000
    )


def test_dropping_needs_a_reason_and_a_coordinator(
    coordinator, bandung_manager, closed_round, cooperative_bandung
):
    line = OrderLine.objects.filter(order__cooperative=cooperative_bandung).first()
    with pytest.raises(ValidationError):
        services.order_line_drop(actor=coordinator, line=line, reason=" ")
    with pytest.raises(PermissionDenied):
        services.order_line_drop(actor=bandung_manager, line=line, reason="Saya batal")
    line.refresh_from_db()
    assert line.dropped_at is None


def test_dropping_while_open_is_refused(coordinator, ordered_round):
    line = OrderLine.objects.first()
    with pytest.raises(ValidationError):
        services.order_line_drop(actor=coordinator, line=line, reason="x")
    line.refresh_from_db()
    assert line.dropped_at is None


def test_dropping_after_optimising_discards_the_plan(coordinator, optimised_round):
    line = OrderLine.objects.get(product__code="gula-pasir-1kg")
    services.order_line_drop(actor=coordinator, line=line, reason="Stok koperasi masih cukup")
    optimised_round.refresh_from_db()
    assert optimised_round.status == RoundStatus.CLOSED
    assert not RoundPlan.objects.exists()


def test_computing_again_replaces_the_plan(coordinator, optimised_round):
    first = optimised_round.plan.pk
    plan = services.round_solve(actor=coordinator, round=optimised_round)
    assert plan.pk != first
    assert RoundPlan.objects.count() == 1 and PurchaseOrder.objects.count() == 2


# --- purchase orders -------------------------------------------------------------------------


def test_sending_a_purchase_order(
    coordinator, optimised_round, bulog, supplier, mailoutbox, django_capture_on_commit_callbacks
):
    po = PurchaseOrder.objects.get(round=optimised_round, supplier=bulog)
    with django_capture_on_commit_callbacks(execute=True):
        services.purchase_order_send(actor=coordinator, purchase_order=po)
    po.refresh_from_db()
    assert (po.status, po.sent_by) == ("sent", coordinator)
    assert [m.to for m in mailoutbox] == [["pemasok@sinergi.test"]]
    assert po.number in mailoutbox[0].subject
    assert f"/belanja-bareng/po/{po.pk}/" in mailoutbox[0].body and "Rp7.520.000" in mailoutbox[0].body
    assert Round.objects.get(pk=optimised_round.pk).status == RoundStatus.OPTIMISED  # one still to send
    event = AuditEvent.objects.get(action="purchasing.purchase_order.send")
    assert event.after == {"status": "sent", "recipients": 1, "total": "7520000"}
    assert "pemasok@sinergi.test" not in str((event.before, event.after, event.object_repr))
    with pytest.raises(ValidationError):
        services.purchase_order_send(actor=coordinator, purchase_order=po)


def test_the_last_purchase_order_sent_finishes_the_round(
    coordinator, optimised_round, nusantara_staff, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.purchase_orders_send_all(actor=coordinator, round=optimised_round)
    assert len(sent) == 2
    assert Round.objects.get(pk=optimised_round.pk).status == RoundStatus.ORDERED
    assert sorted(m.to[0] for m in mailoutbox) == [
        "pemasok.nusantara@sinergi.test",
        "pemasok@sinergi.test",
        "pesanan@pangan-nusantara.test",
    ]
    # The trail counts the addresses each order went to and keeps none of them.
    events = AuditEvent.objects.filter(action="purchasing.purchase_order.send")
    assert sorted(e.after["recipients"] for e in events) == [1, 2]
    assert "@" not in str([(e.before, e.after, e.object_repr) for e in events])
    # Sent is final: no recomputing, no dropping.
    with pytest.raises(ValidationError):
        services.round_solve(actor=coordinator, round=optimised_round)
    with pytest.raises(ValidationError):
        services.order_line_drop(actor=coordinator, line=OrderLine.objects.first(), reason="x")
    assert RoundPlan.objects.count() == 1


def test_whatsapp_links_for_the_supplier(optimised_round, nusantara):
    po = PurchaseOrder.objects.get(round=optimised_round, supplier=nusantara)
    emails, phones = services.purchase_order_contacts(po)
    assert (emails, phones) == (["pesanan@pangan-nusantara.test"], ["081322223333"])


def test_only_the_coordinator_sends(bandung_manager, supplier, officer_bogor, optimised_round, bulog):
    po = PurchaseOrder.objects.get(round=optimised_round, supplier=bulog)
    for user in (bandung_manager, supplier, officer_bogor):
        with pytest.raises(PermissionDenied):
            services.purchase_order_send(actor=user, purchase_order=po)
    assert PurchaseOrder.objects.get(pk=po.pk).status == "draft"
