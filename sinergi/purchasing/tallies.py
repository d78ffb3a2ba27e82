"""The joint purchasing tallies (rekap Belanja Bareng): rounds per village and month.

Built like the registry's (`registry.tallies`). One pure function gives a round's contribution, a
key and its measures. A write reads the contributions of the rounds it touches before and after
(`TallyChange`) and adds the difference to the tally rows in the same transaction: a single row
with `UPDATE … SET n = n + d`, otherwise an insert that adds on conflict, so two transactions
creating the same key at once both count.

The key is the village of the network's coordinator cooperative and the month the round closes
(its `closes_at`, local time, as the first day of the month). The measures: the round closed (from
ditutup on), its plan's goods, delivery and pooled savings (the stored `RoundPlan` figures the round
report shows, computed by the optimiser) and the number of cooperatives with an order line in it
(as the round report counts them). Rounds are few, so `recompute()` reads them all with the same
query the writes use; `differences()` compares, `repair()` rewrites what differs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.db import connection, models, transaction
from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone

from sinergi.registry.tallies import Difference, Tally

ROUNDS = Tally(
    "purchasing_rounds",
    ("month",),
    ("rounds_closed", "goods", "delivery", "savings", "ordering_cooperatives"),
)
CLOSED = ("closed", "optimised", "ordered")

# The round values each contribution reads, in order.
ROUND_VALUES = (
    "network__coordinator__region_id", "closes_at", "status", "plan__goods_cost", "plan__delivery_cost",
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
    found: dict[int, tuple] = {}
    for start in range(0, len(pks), 2000):
        rows = (
            _rounds()
            .select_for_update(of=("self",))
            .filter(pk__in=pks[start : start + 2000])
            .values_list("pk", *ROUND_VALUES)
        )
        for pk, *row in rows:
            found[pk] = tuple(row)
    return found


def _add(totals: dict, values: tuple | None, sign: int) -> None:
    if values is None:
        return
    key, measures = round_contribution(values)
    current = totals.get(key)
    if current is None:
        totals[key] = [sign * m for m in measures]
    else:
        for i, m in enumerate(measures):
            current[i] += sign * m


class TallyChange:
    """The rounds one write touches: read before the write (`watch`), applied after (`apply`)."""

    def __init__(self) -> None:
        self.before: dict[int, tuple | None] = {}

    def watch(self, *, rounds: Iterable[int] = ()) -> TallyChange:
        new = [pk for pk in dict.fromkeys(rounds) if pk not in self.before]
        if new:
            found = _read(new)
            self.before.update({pk: found.get(pk) for pk in new})
        return self

    def created(self, *, rounds: Iterable[int] = ()) -> TallyChange:
        for pk in rounds:
            self.before.setdefault(pk, None)
        return self

    def apply(self) -> None:
        after = _read(list(self.before)) if self.before else {}
        deltas: dict[Key, list] = {}
        for pk, old in self.before.items():
            new = after.get(pk)
            if old == new:
                continue
            _add(deltas, old, -1)
            _add(deltas, new, 1)
        apply_deltas(deltas)
        self.__init__()


def _model():
    from sinergi.purchasing.models import RoundTally

    return RoundTally


def _place(region_code: str) -> dict[str, str]:
    parts = region_code.split(".")
    return {
        "region_code": region_code,
        "district_code": ".".join(parts[:3]),
        "regency_code": ".".join(parts[:2]),
        "province_code": parts[0],
    }


def apply_deltas(deltas: dict[Key, list]) -> None:
    """Add each key's measures to its row; a missing row is created, safely under concurrency."""
    model = _model()
    deltas = {k: d for k, d in deltas.items() if any(d)}
    if not deltas:
        return
    if len(deltas) == 1:
        ((key, delta),) = deltas.items()
        lookup = dict(zip(("region_code", *ROUNDS.dimensions), key, strict=True))
        updated = model.objects.filter(**lookup).update(
            **{m: models.F(m) + d for m, d in zip(ROUNDS.measures, delta, strict=True)}
        )
        if updated:
            return
    q = connection.ops.quote_name
    table = q(model._meta.db_table)
    place = ("region_code", "district_code", "regency_code", "province_code")
    columns = (*place, *ROUNDS.dimensions, *ROUNDS.measures)
    conflict = ", ".join(q(c) for c in ("region_code", *ROUNDS.dimensions))
    sets = ", ".join(f"{q(m)} = {table}.{q(m)} + excluded.{q(m)}" for m in ROUNDS.measures)
    one = f"({', '.join(['%s'] * len(columns))})"
    # Keys in sorted order: two transactions touching the same rows lock them in the same order.
    rows = []
    for key in sorted(deltas):
        where = _place(key[0])
        rows.append((*(where[p] for p in place), *key[1:], *deltas[key]))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 500):
            chunk = rows[start : start + 500]
            # Table and column names come from the model and are quoted; the values are parameters.
            sql = (
                f"INSERT INTO {table} ({', '.join(q(c) for c in columns)}) "  # noqa: S608
                f"VALUES {', '.join([one] * len(chunk))} ON CONFLICT ({conflict}) DO UPDATE SET {sets}"
            )
            cursor.execute(sql, [value for row in chunk for value in row])


# --- recounting, comparing, repairing -----------------------------------------------------------


def recompute(rounds=None) -> dict[Key, list]:
    """The tally counted from every round (rounds are few: one query)."""
    totals: dict[Key, list] = {}
    for values in (rounds if rounds is not None else _rounds()).values_list(*ROUND_VALUES).order_by():
        _add(totals, tuple(values), 1)
    return {k: v for k, v in totals.items() if any(v)}


def stored(tally_model=None) -> dict[Key, list]:
    model = tally_model or _model()
    rows = model.objects.values_list("region_code", *ROUNDS.dimensions, *ROUNDS.measures)
    return {tuple(r[:2]): list(r[2:]) for r in rows}


def fill(tally_model, counted: dict[Key, list]) -> None:
    """Write a freshly counted tally into an empty table (migrations and rebuilds)."""
    tally_model.objects.bulk_create(
        [
            tally_model(**_place(key[0]), month=key[1], **dict(zip(ROUNDS.measures, measures, strict=True)))
            for key, measures in counted.items()
        ],
        batch_size=1000,
    )


def _normal(measures) -> tuple:
    return tuple(Decimal(m) if isinstance(m, Decimal) else m for m in measures)


def differences() -> list[Difference]:
    """Every tally row whose stored measures differ from a recount of the rounds."""
    zero = (0, Decimal(0), Decimal(0), Decimal(0), 0)
    counted = recompute()
    kept = stored()
    found = []
    for key in sorted(set(counted) | set(kept)):
        was = _normal(kept.get(key) or zero)
        should = _normal(counted.get(key) or zero)
        if was != should:
            found.append(Difference(ROUNDS, key, was, should))
    return found


def repair(found: list[Difference] | None = None) -> list[Difference]:
    """Rewrite the rows that differ (and delete rows that should be zero); returns what it fixed."""
    found = differences() if found is None else found
    model = _model()
    for item in found:
        lookup = {"region_code": item.key[0], "month": item.key[1]}
        if not any(item.counted):
            model.objects.filter(**lookup).delete()
            continue
        measures = dict(zip(ROUNDS.measures, item.counted, strict=True))
        model.objects.update_or_create(**lookup, defaults={**_place(item.key[0]), **measures})
    return found


@transaction.atomic
def rebuild() -> None:
    """Recount the tally from scratch."""
    model = _model()
    model.objects.all().delete()
    fill(model, recompute())


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
        rounds=Round.objects.filter(network__coordinator_id__in=pks).values_list("pk", flat=True)
    )
    return change.apply
