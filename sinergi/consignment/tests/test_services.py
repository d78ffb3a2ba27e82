"""Consignment services: exact values, refusals that change nothing, stock equal to its movements."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sinergi.consignment import services, tallies
from sinergi.consignment.models import (
    Agreement,
    Sale,
    SaleTally,
    Statement,
    StockBalance,
    StockMovement,
)
from sinergi.consignment.tests.factories import product
from sinergi.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def on_hand(outlet, prod):
    return StockBalance.objects.get(outlet=outlet, product=prod).on_hand


def counts():
    return (
        Agreement.objects.count(),
        Sale.objects.count(),
        StockMovement.objects.count(),
        Statement.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize(
    ("price_model", "pct", "retail", "fixed", "field", "message"),
    [
        ("commission", Decimal(20), Decimal(-1), None, "retail_price", "Harga tidak boleh negatif."),
        (
            "commission",
            Decimal("100.5"),
            Decimal(1000),
            None,
            "commission_pct",
            "Komisi harus antara 0 dan 100 %.",
        ),
        (
            "fixed",
            Decimal(0),
            Decimal(10000),
            Decimal(12000),
            "consignment_price",
            "Harga titip tidak boleh lebih tinggi dari harga jual.",
        ),
    ],
)
def test_agreement_bad_terms_refused(
    cashier, outlet, umkm_bogor, talas, today, price_model, pct, retail, fixed, field, message
):
    before = counts()
    with pytest.raises(ValidationError) as err:
        services.agreement_create(
            actor=cashier,
            outlet=outlet,
            producer=umkm_bogor,
            price_model=price_model,
            commission_pct=pct,
            items=[services.ItemTerms(talas.pk, retail, fixed)],
            starts_on=today,
        )
    assert err.value.message_dict == {field: [message]}
    assert counts() == before


def test_agreement_needs_published_product_of_the_producer(
    cashier, outlet, umkm_bogor, cooperative_bogor, today
):
    draft = product(umkm_bogor, "Dodol Draf", status="draft")
    with pytest.raises(ValidationError) as err:
        services.agreement_create(
            actor=cashier,
            outlet=outlet,
            producer=umkm_bogor,
            price_model="commission",
            commission_pct=Decimal(10),
            items=[services.ItemTerms(draft.pk, Decimal(1000))],
            starts_on=today,
        )
    assert err.value.message_dict == {
        "items": ["Hanya produk yang sudah dikurasi dan tayang yang dapat dititipkan."]
    }
    assert Agreement.objects.count() == 0


def test_agreement_by_other_outlet_staff_denied(other_outlet_staff, outlet, umkm_bogor, talas, today):
    with pytest.raises(PermissionDenied):
        services.agreement_create(
            actor=other_outlet_staff,
            outlet=outlet,
            producer=umkm_bogor,
            price_model="commission",
            commission_pct=Decimal(10),
            items=[services.ItemTerms(talas.pk, Decimal(15000))],
            starts_on=today,
        )
    assert Agreement.objects.count() == 0


def test_sale_writes_lines_movements_balance_tally_audit(stocked, cashier, outlet, talas, sambal, today):
    sale, created = services.sale_record(
        actor=cashier,
        outlet=outlet,
        client_id="a1",
        paid_with="qris",
        lines=[services.LineIn(talas.pk, 3, Decimal(15000)), services.LineIn(sambal.pk, 1)],
    )
    assert created is True
    assert sale.total == Decimal(72500)
    assert [(line.product_id, line.qty, line.amount, line.commission_pct) for line in sale.lines.all()] == [
        (talas.pk, 3, Decimal(45000), Decimal(20)),
        (sambal.pk, 1, Decimal(27500), Decimal(20)),
    ]
    assert (on_hand(outlet, talas), on_hand(outlet, sambal)) == (7, 3)
    assert list(sale.movements.order_by("product_id").values_list("product_id", "qty")) == [
        (talas.pk, -3),
        (sambal.pk, -1),
    ]
    row = SaleTally.objects.get(layer=0, region_code="32.71.03.1002", month=today.strftime("%Y-%m"))
    assert (row.count, row.qty, row.gross) == (1, 4, Decimal(72500))
    assert AuditEvent.objects.filter(action="consignment.sale_record", object_id=str(sale.pk)).count() == 1
    assert services.stock_differences() == []
    assert tallies.differences() == []


def test_sale_beyond_stock_refused_with_available_nothing_written(stocked, cashier, outlet, talas, sambal):
    before = counts()
    tally_before = list(SaleTally.objects.values_list("count", "qty", "gross"))
    with pytest.raises(services.InsufficientStock) as err:
        services.sale_record(
            actor=cashier,
            outlet=outlet,
            client_id="b1",
            paid_with="cash",
            lines=[services.LineIn(talas.pk, 2), services.LineIn(sambal.pk, 5)],
        )
    assert err.value.available == {sambal.pk: 4}
    assert "Sambal Roa 150 ml: tersedia 4" in err.value.message_dict["lines"][0]
    assert counts() == before
    assert list(SaleTally.objects.values_list("count", "qty", "gross")) == tally_before
    assert (on_hand(outlet, talas), on_hand(outlet, sambal)) == (10, 4)


def test_same_client_id_records_one_sale(stocked, cashier, outlet, talas):
    first, created = services.sale_record(
        actor=cashier, outlet=outlet, client_id="dup", paid_with="cash", lines=[services.LineIn(talas.pk, 2)]
    )
    again, created_again = services.sale_record(
        actor=cashier, outlet=outlet, client_id="dup", paid_with="cash", lines=[services.LineIn(talas.pk, 2)]
    )
    assert (created, created_again, again.pk) == (True, False, first.pk)
    assert Sale.objects.count() == 1
    assert on_hand(outlet, talas) == 8


@pytest.mark.parametrize(
    ("line", "paid_with", "reference", "message"),
    [
        (("talas", 1, Decimal(-5)), "cash", "", {"lines": ["Harga tidak boleh negatif."]}),
        (
            ("talas", 1, Decimal(14000)),
            "cash",
            "",
            {"lines": ["Harga jual harus sama dengan harga yang disepakati dalam perjanjian."]},
        ),
        (("talas", 0, None), "cash", "", {"lines": ["Jumlah harus lebih dari nol."]}),
        (("talas", 1, None), "transfer", "", {"reference": ["Transfer wajib disertai nomor referensi."]}),
    ],
)
def test_sale_bad_input_refused(stocked, cashier, outlet, talas, line, paid_with, reference, message):
    before = counts()
    with pytest.raises(ValidationError) as err:
        services.sale_record(
            actor=cashier,
            outlet=outlet,
            client_id="x",
            paid_with=paid_with,
            reference=reference,
            lines=[services.LineIn(talas.pk, line[1], line[2])],
        )
    assert err.value.message_dict == message
    assert counts() == before


def test_sale_by_producer_denied(stocked, umkm_owner, outlet, talas):
    before = counts()
    with pytest.raises(PermissionDenied):
        services.sale_record(
            actor=umkm_owner,
            outlet=outlet,
            client_id="z",
            paid_with="cash",
            lines=[services.LineIn(talas.pk, 1)],
        )
    assert counts() == before


def test_return_and_write_off_never_beyond_stock(stocked, cashier, outlet, talas, today):
    services.stock_remove(
        actor=cashier,
        agreement=stocked,
        kind="return",
        occurred_on=today,
        lines=[services.DeliveryLine(talas.pk, 2)],
    )
    with pytest.raises(services.InsufficientStock) as err:
        services.stock_remove(
            actor=cashier,
            agreement=stocked,
            kind="writeoff",
            occurred_on=today,
            lines=[services.DeliveryLine(talas.pk, 9)],
        )
    assert err.value.available == {talas.pk: 8}
    assert on_hand(outlet, talas) == 8


def test_balance_equals_movements_and_recount_repairs(stocked, cashier, outlet, talas):
    services.sale_record(
        actor=cashier, outlet=outlet, client_id="r1", paid_with="cash", lines=[services.LineIn(talas.pk, 4)]
    )
    assert services.stock_differences() == []
    StockBalance.objects.filter(outlet=outlet, product=talas).update(on_hand=1)
    assert services.stock_differences() == [(outlet.pk, talas.pk, 1, 6)]
    services.stock_recount()
    assert on_hand(outlet, talas) == 6
    assert services.stock_differences() == []


def _last_month(today):
    end = today.replace(day=1) - dt.timedelta(days=1)
    return end.replace(day=1), end


def test_statement_commission_exact_then_settling_again_refused(
    stocked, cashier, outlet, talas, sambal, today
):
    start, end = _last_month(today)
    services.sale_record(
        actor=cashier,
        outlet=outlet,
        client_id="s1",
        paid_with="cash",
        sold_on=start,
        lines=[services.LineIn(talas.pk, 3), services.LineIn(sambal.pk, 1)],
    )
    services.sale_record(
        actor=cashier,
        outlet=outlet,
        client_id="s2",
        paid_with="qris",
        sold_on=end,
        lines=[services.LineIn(talas.pk, 1)],
    )
    services.stock_remove(
        actor=cashier,
        agreement=stocked,
        kind="return",
        occurred_on=end,
        lines=[services.DeliveryLine(sambal.pk, 2)],
    )
    statement = services.statement_make(actor=cashier, agreement=stocked, period_start=start, period_end=end)
    # talas 4 × 15.000 = 60.000 (20 % = 12.000); sambal 27.500 (20 % = 5.500).
    assert (statement.sold_qty, statement.gross, statement.outlet_margin, statement.producer_share) == (
        5,
        Decimal(87500),
        Decimal(17500),
        Decimal(70000),
    )
    assert (statement.returned_qty, statement.written_off_qty) == (2, 0)
    before = counts()
    with pytest.raises(ValidationError) as err:
        services.statement_make(actor=cashier, agreement=stocked, period_start=start, period_end=end)
    assert err.value.message_dict == {
        "period_start": ["Periode ini sudah diselesaikan. Buat koreksi atas laporan yang ada."]
    }
    assert counts() == before


def test_statement_fixed_price(cashier, outlet, umkm_bogor, talas, today):
    start, end = _last_month(today)
    agreement = services.agreement_create(
        actor=cashier,
        outlet=outlet,
        producer=umkm_bogor,
        price_model="fixed",
        items=[services.ItemTerms(talas.pk, Decimal(15000), Decimal(12000))],
        starts_on=start,
        activate=True,
    )
    services.delivery_receive(
        actor=cashier, agreement=agreement, received_on=start, lines=[services.DeliveryLine(talas.pk, 5)]
    )
    services.sale_record(
        actor=cashier,
        outlet=outlet,
        client_id="f1",
        paid_with="cash",
        sold_on=end,
        lines=[services.LineIn(talas.pk, 5)],
    )
    statement = services.statement_make(
        actor=cashier, agreement=agreement, period_start=start, period_end=end
    )
    assert (statement.gross, statement.outlet_margin, statement.producer_share) == (
        Decimal(75000),
        Decimal(15000),
        Decimal(60000),
    )


def test_approve_pay_and_correction(stocked, cashier, outlet, talas, today):
    start, end = _last_month(today)
    services.sale_record(
        actor=cashier,
        outlet=outlet,
        client_id="p1",
        paid_with="cash",
        sold_on=start,
        lines=[services.LineIn(talas.pk, 2)],
    )
    statement = services.statement_make(actor=cashier, agreement=stocked, period_start=start, period_end=end)
    with pytest.raises(ValidationError):
        services.statement_pay(actor=cashier, statement=statement, paid_on=today, paid_with="cash")
    services.statement_approve(actor=cashier, statement=statement)
    paid = services.statement_pay(
        actor=cashier, statement=statement, paid_on=today, paid_with="transfer", reference="BCA-123"
    )
    assert (paid.status, paid.paid_with, paid.paid_reference) == ("paid", "transfer", "BCA-123")
    # A sale entered late (from a sheet) for the settled period: a correction carries the difference.
    services.sale_record(
        actor=cashier,
        outlet=outlet,
        client_id="late",
        paid_with="cash",
        sold_on=end,
        lines=[services.LineIn(talas.pk, 1)],
    )
    correction = services.statement_correct(actor=cashier, original=statement)
    assert (
        correction.corrects_id,
        correction.sold_qty,
        correction.gross,
        correction.outlet_margin,
        correction.producer_share,
    ) == (statement.pk, 1, Decimal(15000), Decimal(3000), Decimal(12000))
    with pytest.raises(ValidationError) as err:
        services.statement_correct(actor=cashier, original=statement)
    assert err.value.message_dict == {"__all__": ["Tidak ada selisih: koreksi tidak diperlukan."]}


def test_statement_approve_by_producer_denied(stocked, cashier, umkm_owner, today):
    start, end = _last_month(today)
    statement = services.statement_make(actor=cashier, agreement=stocked, period_start=start, period_end=end)
    with pytest.raises(PermissionDenied):
        services.statement_approve(actor=umkm_owner, statement=statement)
    statement.refresh_from_db()
    assert statement.status == "draft"


def test_month_settle_idempotent(stocked, system, cashier, outlet, talas, today):
    start, end = _last_month(today)
    services.sale_record(
        actor=cashier,
        outlet=outlet,
        client_id="m1",
        paid_with="cash",
        sold_on=end,
        lines=[services.LineIn(talas.pk, 2)],
    )
    first = services.month_settle(actor=system, year=end.year, month=end.month)
    second = services.month_settle(actor=system, year=end.year, month=end.month)
    assert [s.pk for s in first] == [s.pk for s in second]
    assert len(first) == 1 and first[0].gross == Decimal(30000)
    assert Statement.objects.count() == 1


def test_space_allocation_no_overlap_and_waiting_list(cashier, outlet, umkm_bogor, today):
    space = services.space_create(actor=cashier, outlet=outlet, label="Rak A1")
    entry = services.waiting_add(actor=cashier, outlet=outlet, business=umkm_bogor, requested_on=today)
    services.space_allocate(
        actor=cashier,
        space=space,
        business=umkm_bogor,
        starts_on=today,
        ends_on=today + dt.timedelta(days=30),
    )
    entry.refresh_from_db()
    assert entry.served_on == today
    with pytest.raises(ValidationError) as err:
        services.space_allocate(
            actor=cashier,
            space=space,
            business=umkm_bogor,
            starts_on=today + dt.timedelta(days=30),
            ends_on=today + dt.timedelta(days=40),
        )
    assert err.value.message_dict == {
        "starts_on": ["Tempat ini sudah dialokasikan pada sebagian periode itu."]
    }
    assert space.allocations.count() == 1
