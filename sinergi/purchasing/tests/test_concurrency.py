"""No lost updates while a round is open, and nothing slips in as it closes (DESIGN.md §8).

Two people editing one order from forms loaded at the same version: the first save wins, the
second is refused and nothing of the first is lost. On PostgreSQL the same race runs in two real
threads with their own connections, the second blocking on the row lock until the first commits;
and a save racing the close either lands before it or is refused. SQLite serialises writers at
BEGIN (IMMEDIATE transactions), so there the interleaving is shown with the version check alone.
"""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from sinergi.purchasing import services
from sinergi.purchasing.models import Order, OrderLine, Round, RoundStatus
from sinergi.purchasing.tests.conftest import order

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks between threads need PostgreSQL (DATABASE_URL)"
)


def lines(cooperative):
    return dict(OrderLine.objects.filter(order__cooperative=cooperative).values_list("product__code", "qty"))


@pytest.mark.django_db
def test_two_forms_loaded_at_the_same_version(
    bandung_manager, coordinator, open_round, cooperative_bandung, products
):
    first = order(bandung_manager, open_round, cooperative_bandung, **{"gula-pasir-1kg": 5})
    loaded = first.version  # both the manager and the coordinator open the form now
    services.order_save(
        actor=bandung_manager,
        round=open_round,
        cooperative=cooperative_bandung,
        quantities={products["gula"]: 5, products["beras"]: 20},
        version=loaded,
    )
    with pytest.raises(ValidationError) as info:
        services.order_save(
            actor=coordinator,
            round=open_round,
            cooperative=cooperative_bandung,
            quantities={products["gula"]: 8},
            version=loaded,
        )
    assert info.value.error_dict["version"][0].code == "conflict"
    assert lines(cooperative_bandung) == {"gula-pasir-1kg": 5, "beras-medium-5kg": 20}
    assert Order.objects.get(cooperative=cooperative_bandung).version == loaded + 1


def run_together(*actions):
    """Run each action in its own thread and connection; return what each returned or raised."""
    results = [None] * len(actions)
    start = threading.Barrier(len(actions))

    def run(i, action):
        try:
            start.wait()
            results[i] = action()
        except Exception as exc:  # the test inspects it
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_racing_saves_at_the_same_version_in_threads(
    bandung_manager, coordinator, open_round, cooperative_bandung, products
):
    loaded = order(bandung_manager, open_round, cooperative_bandung, **{"gula-pasir-1kg": 5}).version

    def save(actor, quantities, pause):
        def action():
            with transaction.atomic():
                result = services.order_save(
                    actor=actor,
                    round=open_round,
                    cooperative=cooperative_bandung,
                    quantities=quantities,
                    version=loaded,
                )
                time.sleep(pause)  # hold the locks so the other thread really waits on them
                return result

        return action

    results = run_together(
        save(bandung_manager, {products["beras"]: 20}, 0.5),
        save(coordinator, {products["minyak"]: 7}, 0.5),
    )
    winners = [r for r in results if isinstance(r, Order)]
    losers = [r for r in results if isinstance(r, ValidationError)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert "version" in losers[0].error_dict
    saved = Order.objects.get(cooperative=cooperative_bandung)
    assert saved.version == loaded + 1
    assert lines(cooperative_bandung) in ({"beras-medium-5kg": 20}, {"minyak-goreng-2l": 7})


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_racing_line_edits_both_land(bandung_manager, coordinator, open_round, cooperative_bandung, products):
    """Edits of different lines without a version (the API's line endpoint) queue; neither is lost."""

    def set_line(actor, product, qty):
        return lambda: services.order_line_set(
            actor=actor, round=open_round, cooperative=cooperative_bandung, product=product, qty=qty
        )

    results = run_together(
        set_line(bandung_manager, products["beras"], 20), set_line(coordinator, products["gula"], 9)
    )
    assert all(isinstance(r, Order) for r in results), results
    assert lines(cooperative_bandung) == {"beras-medium-5kg": 20, "gula-pasir-1kg": 9}
    assert Order.objects.get(cooperative=cooperative_bandung).version == 2


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_save_racing_the_close_is_refused(
    bandung_manager, coordinator, open_round, cooperative_bandung, products
):
    order(bandung_manager, open_round, cooperative_bandung, **{"gula-pasir-1kg": 5})

    def close():
        with transaction.atomic():
            # The coordinator's close holds the round lock a moment before committing.
            Round.objects.select_for_update().get(pk=open_round.pk)
            time.sleep(0.5)
            return services.round_close(actor=coordinator, round=open_round)

    def save():
        time.sleep(0.1)  # the close takes the lock first
        return services.order_save(
            actor=bandung_manager,
            round=open_round,
            cooperative=cooperative_bandung,
            quantities={products["gula"]: 50},
        )

    closed, saved = run_together(close, save)
    assert isinstance(closed, Round) and closed.status == RoundStatus.CLOSED
    assert isinstance(saved, ValidationError), saved
    assert lines(cooperative_bandung) == {"gula-pasir-1kg": 5}
