"""The joint purchasing tally: exact after every round and order path, equal to a recount after
random writes, and untouched by a refused or failing write."""

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sinergi.accounts.tests.factories import OrganizationFactory
from sinergi.core import tallies as core_tallies
from sinergi.insights import verify
from sinergi.purchasing import notices, services, tallies
from sinergi.purchasing.models import Product, Round, RoundTally
from sinergi.purchasing.selectors_tallies import round_tally, round_totals
from sinergi.purchasing.tests.conftest import order
from sinergi.registry.models import Network
from sinergi.registry.services import networks as network_services

pytestmark = pytest.mark.django_db

JUK = "32.73.19.1003"  # the village of the network's coordinator


def month(round) -> dt.date:
    return timezone.localtime(round.closes_at).date().replace(day=1)


def now_tally() -> dict:
    return {k: v for k, v in core_tallies.villages(tallies.ROUNDS).items() if any(v)}


def purchasing_lines() -> list[str]:
    (verifier,) = [v for v in verify.VERIFIERS if v.name == "purchasing"]
    return [line for item in verifier.differences() for line in verifier.describe(item)]


def test_orders_count_their_cooperatives(open_round, system, cooperative_bandung, cooperative_cahaya):
    assert now_tally() == {}
    order(system, open_round, cooperative_bandung, **{"beras-medium-5kg": 60})
    assert now_tally() == {(JUK, month(open_round)): [0, 0, 0, 0, 1]}
    order(system, open_round, cooperative_bandung, **{"beras-medium-5kg": 70})
    order(system, open_round, cooperative_cahaya, **{"gula-pasir-1kg": 10})
    assert now_tally() == {(JUK, month(open_round)): [0, 0, 0, 0, 2]}
    # Taking every line away: the cooperative no longer orders.
    order(system, open_round, cooperative_cahaya, **{"gula-pasir-1kg": 0})
    assert now_tally() == {(JUK, month(open_round)): [0, 0, 0, 0, 1]}
    assert tallies.differences() == []


def test_close_optimise_drop_and_reopen_keep_exact_figures(optimised_round, system, coordinator):
    key = (JUK, month(optimised_round))
    plan = optimised_round.plan
    assert (plan.goods_cost, plan.delivery_cost, plan.savings) == (8_400_000, 250_000, 290_000)
    assert now_tally() == {key: [1, Decimal(8_400_000), Decimal(250_000), Decimal(290_000), 2]}
    assert tallies.differences() == []

    line = optimised_round.orders.get(cooperative__name="Koperasi Cahaya").lines.get(
        product__code="gula-pasir-1kg"
    )
    services.order_line_drop(actor=coordinator, line=line, reason="Stok habis.")
    # The plan is discarded: closed again, with nothing planned.
    assert now_tally() == {key: [1, 0, 0, 0, 2]}

    later = timezone.now() + dt.timedelta(days=40)
    services.round_reopen(actor=coordinator, round=optimised_round, closes_at=later)
    optimised_round.refresh_from_db()
    assert now_tally() == {(JUK, month(optimised_round)): [0, 0, 0, 0, 2]}
    assert tallies.differences() == []


def test_a_new_closing_time_moves_the_round_to_its_month(ordered_round, system):
    later = timezone.now() + dt.timedelta(days=45)
    services.round_update(actor=system, round=ordered_round, closes_at=later)
    ordered_round.refresh_from_db()
    assert now_tally() == {(JUK, month(ordered_round)): [0, 0, 0, 0, 2]}
    assert tallies.differences() == []


def test_a_new_coordinator_moves_the_rounds(closed_round, system):
    other = OrganizationFactory(kind="cooperative", name="Koperasi Induk Bandung", region_id="32.73.05.1003")
    network = Network.objects.get(pk=closed_round.network_id)
    network_services.network_update(actor=system, network=network, lead=other)
    assert now_tally() == {("32.73.05.1003", month(closed_round)): [1, 0, 0, 0, 2]}
    assert tallies.differences() == []


def test_a_refused_order_changes_no_tally(open_round, bandung_manager, cooperative_cahaya):
    rice = Product.objects.get(code="beras-medium-5kg")
    with pytest.raises(PermissionDenied):
        services.order_save(
            actor=bandung_manager, round=open_round, cooperative=cooperative_cahaya, quantities={rice: 5}
        )
    assert now_tally() == {}


def test_an_invalid_order_changes_no_tally(open_round, system, cooperative_bandung):
    rice = Product.objects.get(code="beras-medium-5kg")
    with pytest.raises(ValidationError):
        services.order_save(
            actor=system, round=open_round, cooperative=cooperative_bandung, quantities={rice: -1}
        )
    assert now_tally() == {}


def test_an_optimisation_failing_after_the_tally_rolls_it_back(closed_round, system, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("pemberitahuan gagal")

    monkeypatch.setattr(notices, "round_optimised", broken)
    with pytest.raises(RuntimeError):
        services.round_solve(actor=system, round=closed_round)
    assert now_tally() == {(JUK, month(closed_round)): [1, 0, 0, 0, 2]}
    assert tallies.differences() == []


def test_randomized_writes_agree_with_a_recount(
    open_round, system, coordinator, cooperative_bandung, cooperative_cahaya
):
    rng = random.Random(7)
    products = list(
        Product.objects.filter(code__in=["beras-medium-5kg", "gula-pasir-1kg", "minyak-goreng-2l"])
    )
    for _ in range(40):
        round = Round.objects.get(pk=open_round.pk)
        try:
            if round.status == "open":
                step = rng.random()
                if step < 0.7:
                    services.order_line_set(
                        actor=system,
                        round=round,
                        cooperative=rng.choice((cooperative_bandung, cooperative_cahaya)),
                        product=rng.choice(products),
                        qty=rng.choice((0, 5, 20, 60)),
                    )
                elif step < 0.8:
                    services.round_update(
                        actor=system,
                        round=round,
                        closes_at=timezone.now() + dt.timedelta(days=rng.choice((3, 40))),
                    )
                else:
                    services.round_close(actor=system, round=round)
            elif round.status == "closed":
                if rng.random() < 0.5:
                    services.round_solve(actor=system, round=round)
                else:
                    services.round_reopen(
                        actor=coordinator,
                        round=round,
                        closes_at=timezone.now() + dt.timedelta(days=rng.choice((3, 70))),
                    )
            else:
                services.round_reopen(
                    actor=coordinator, round=round, closes_at=timezone.now() + dt.timedelta(days=5)
                )
        except ValidationError:
            pass
        assert tallies.differences() == []
    assert purchasing_lines() == []


def test_verify_reports_and_repairs_a_purchasing_difference(optimised_round):
    key_month = month(optimised_round)
    RoundTally.objects.filter(region_code=JUK).update(savings=0)
    lines = purchasing_lines()
    assert lines == [f"Belanja Bareng di {JUK}, {key_month:%m-%Y}: penghematan tercatat 0, dihitung 290.000"]
    tallies.repair()
    assert purchasing_lines() == []


def test_rebuild_gives_what_the_writes_kept(optimised_round):
    kept = now_tally()
    tallies.rebuild()
    assert now_tally() == kept


def test_round_tally_drills_down(optimised_round, officer_bogor):
    assert round_tally(region="32.73") == [
        {
            "place": "32.73.19",
            "rounds_closed": 1,
            "goods": Decimal(8_400_000),
            "delivery": Decimal(250_000),
            "savings": Decimal(290_000),
            "ordering_cooperatives": 2,
        }
    ]
    assert round_totals(region="32", month=month(optimised_round))["savings"] == Decimal(290_000)
    assert round_totals(user=officer_bogor, region="")["rounds_closed"] == 0
    with pytest.raises(ValueError):
        round_tally(by=("supplier",))


def test_the_data_migration_fills_what_the_writes_kept(optimised_round):
    import importlib

    from django.apps import apps

    kept = now_tally()
    assert kept == {
        (JUK, month(optimised_round)): [1, Decimal(8_400_000), Decimal(250_000), Decimal(290_000), 2]
    }
    importlib.import_module("sinergi.purchasing.migrations.0004_fill_round_tally").fill(apps, None)
    assert now_tally() == kept
