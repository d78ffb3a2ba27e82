"""The joint purchasing tallies (rekap Belanja Bareng): rounds per village and month.

The machinery is `core.tallies`. One pure function gives a round's contribution, a key and its
measures. A write reads the rounds it touches before and after (`TallyChange`) and adds the
difference in the same transaction. Every layer keeps the month.

The key is the village of the network's lead (its coordinator cooperative) and the month the round closes
(its `closes_at`, local time, as the first day of the month). The measures: the round closed (from
ditutup on), its plan's goods, delivery and pooled savings (the stored `RoundPlan` figures the round
report shows, computed by the optimiser) and the number of cooperatives with an order line in it
(as the round report counts them). Rounds are few, so `recompute()` reads them all with the same
query the writes use; `differences()`, `repair()` and `rebuild()` are the core's.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone

from sinergi.core import tallies as core
from sinergi.core.tallies import Difference, Tally, everywhere, locked_values

ROUNDS = Tally(
    "purchasing_rounds",
    ("month",),
    ("rounds_closed", "goods", "delivery", "savings", "ordering_cooperatives"),
    model="purchasing.RoundTally",
    rollups=everywhere(("month",)),
)
CLOSED = ("closed", "optimised", "ordered")

# The round values each contribution reads, in order.
ROUND_VALUES = (
    "network__lead__region_id", "closes_at", "status", "plan__goods_cost", "plan__delivery_cost",
    "plan__savings", "ordering",
)  # fmt: skip

Key = tuple
Measures = tuple


def month_of(moment: dt.datetime) -> dt.date:
    """The first day of the local month of `moment`."""
    return timezone.localtime(moment).date().replace(day=1)


def round_contribution(values: tuple) -> tuple[Key, Measures]:
    """A round's share of its tally row, from ROUND_VALUES."""
    region, closes_at, status, goods, delivery, savings, ordering = values
    return (region, month_of(closes_at)), (
        int(status in CLOSED),
        Decimal(goods or 0),
        Decimal(delivery or 0),
        Decimal(savings or 0),
        ordering or 0,
    )


def _rounds():
    from sinergi.purchasing.models import OrderLine, Round

    ordering = (
        OrderLine.objects.filter(order__round=OuterRef("pk"))
        .order_by()
        .values("order__round")
        .annotate(n=Count("order__cooperative", distinct=True))
        .values("n")
    )
    return Round.objects.annotate(ordering=Subquery(ordering))


def _read(pks: list[int]) -> dict[int, tuple]:
    """The rounds' values the contribution reads (ROUND_VALUES), by pk, locked for the write."""
    return locked_values(_rounds(), ROUND_VALUES, pks, chunk=2000)


def _items(values: tuple) -> list:
    return [(ROUNDS, *round_contribution(values))]


class TallyChange(core.TallyChange):
    """The rounds one write touches: `watch(rounds=…)` before the write, `apply()` after."""

    def __init__(self) -> None:
        super().__init__({"rounds": (_read, _items, ROUND_VALUES)}, (ROUNDS,))


def apply_deltas(deltas: dict[Key, list]) -> None:
    """Add each village key's measures to the tally's rows (`core.tallies.apply_deltas`)."""
    core.apply_deltas(ROUNDS, deltas)


# --- recounting, comparing, repairing -----------------------------------------------------------


def recompute(rounds=None, fields: tuple = ROUND_VALUES) -> dict[Key, list]:
    """The tally counted from every round (rounds are few: one query). `fields` names the values
    of ROUND_VALUES as a historical model spells them (a migration from before the lead)."""
    totals: dict[Key, list] = {}
    for values in (rounds if rounds is not None else _rounds()).values_list(*fields).order_by():
        core.add(totals, *round_contribution(tuple(values)))
    return {k: v for k, v in totals.items() if any(v)}


def differences() -> list[Difference]:
    """Every tally row whose stored measures differ from a recount of the rounds."""
    return core.differences(ROUNDS, recompute())


def repair(found: list[Difference] | None = None) -> list[Difference]:
    """Rewrite the rows that differ (and delete rows that should be zero); returns what it fixed."""
    return core.repair(differences() if found is None else found)


@transaction.atomic
def rebuild() -> None:
    """Recount the tally from scratch."""
    core.rebuild(ROUNDS, recompute())


# --- describing differences (`sinergi insights_verify`) ------------------------------------------


def _figure(value) -> str:
    return f"{int(value):,}".replace(",", ".")


def describe(item: Difference) -> list[str]:
    """One line per differing measure, e.g. "Belanja Bareng di 32.73.01.1001, 03-2026: penghematan
    tercatat 0, dihitung 150.000"."""
    from django.utils.translation import gettext as _

    region, month = item.key
    where = _("Belanja Bareng di {region}, {month}").format(region=region, month=f"{month:%m-%Y}")
    names = {
        "rounds_closed": _("putaran ditutup"),
        "goods": _("nilai barang"),
        "delivery": _("ongkos kirim"),
        "savings": _("penghematan"),
        "ordering_cooperatives": _("koperasi yang memesan"),
    }
    lines = []
    for measure, was, should in zip(ROUNDS.measures, item.stored, item.counted, strict=True):
        if was != should:
            figures = _("tercatat {stored}, dihitung {counted}").format(
                stored=_figure(was), counted=_figure(should)
            )
            lines.append(f"{where}: {names[measure]} {figures}")
    return lines


def watch_organizations(pks: list[int]):
    """The registry moves or merges these organisations: the rounds they coordinate may change
    place (`registry.tallies.ORGANIZATION_WATCHERS`, registered in PurchasingConfig.ready)."""
    from sinergi.purchasing.models import Round

    change = TallyChange().watch(
        rounds=Round.objects.filter(network__lead_id__in=pks).values_list("pk", flat=True)
    )
    return change.apply
