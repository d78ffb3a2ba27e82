"""Concurrent sales never oversell and never lose an update.

On PostgreSQL, threads with their own connections sell the same products at once: the balance rows
are locked in product order, so exactly the stock is sold and the balance equals the movements.
SQLite serialises writing transactions (BEGIN IMMEDIATE), which a live-threads test cannot share
with the test database; its variant proves the refusal with the quantity available.
"""

import threading

import pytest
from django.db import connection, connections

from sinergi.consignment import services
from sinergi.consignment.models import Sale, StockBalance


@pytest.mark.django_db(transaction=True)
def test_threads_never_oversell_postgresql(stocked, cashier, outlet, talas, sambal):
    if connection.vendor != "postgresql":
        pytest.skip("threads with their own connections need PostgreSQL; SQLite: see the next test")
    results = []
    lock = threading.Lock()

    def seller(n):
        try:
            for i in range(4):
                lines = (
                    [services.LineIn(sambal.pk, 1), services.LineIn(talas.pk, 1)]
                    if i % 2
                    else [services.LineIn(talas.pk, 1), services.LineIn(sambal.pk, 1)]
                )
                try:
                    services.sale_record(
                        actor=cashier, outlet=outlet, client_id=f"{n}-{i}", paid_with="cash", lines=lines
                    )
                    outcome = "sold"
                except services.InsufficientStock:
                    outcome = "short"
                with lock:
                    results.append(outcome)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=seller, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # 4 sambal on hand limit the pairs to 4.
    assert results.count("sold") == 4
    assert results.count("short") == 28
    assert StockBalance.objects.get(outlet=outlet, product=sambal).on_hand == 0
    assert StockBalance.objects.get(outlet=outlet, product=talas).on_hand == 6
    assert services.stock_differences() == []


@pytest.mark.django_db
def test_last_unit_sold_once_then_refused_with_available(stocked, cashier, outlet, sambal):
    services.sale_record(
        actor=cashier, outlet=outlet, client_id="a", paid_with="cash", lines=[services.LineIn(sambal.pk, 3)]
    )
    with pytest.raises(services.InsufficientStock) as err:
        services.sale_record(
            actor=cashier,
            outlet=outlet,
            client_id="b",
            paid_with="cash",
            lines=[services.LineIn(sambal.pk, 2)],
        )
    assert err.value.available == {sambal.pk: 1}
    services.sale_record(
        actor=cashier, outlet=outlet, client_id="c", paid_with="cash", lines=[services.LineIn(sambal.pk, 1)]
    )
    assert StockBalance.objects.get(outlet=outlet, product=sambal).on_hand == 0
    assert Sale.objects.count() == 2
    assert services.stock_differences() == []
