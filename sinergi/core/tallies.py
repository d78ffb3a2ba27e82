"""Tallies (rekap): counts and sums per place and dimension, kept by each slice on every write.

A slice declares a `Tally`: its model, its dimensions and measures, and the layers it keeps. Layer 0
holds one row per village and every combination of the dimensions. The other layers hold the same
sums rolled up to a kecamatan, a regency or a province, over fewer dimensions where a page needs
fewer; a dimension a layer leaves out is stored blank. Every write adds its deltas to every layer
in the same transaction, so a page reads only the rows of the level it shows: a province page sums
27 regency rows per figure, not every village.

The slice gives a pure contribution per source row (its key and measures); `TallyChange` reads the
source rows before and after a write and applies the difference here. Writes add with
`INSERT … ON CONFLICT DO UPDATE SET n = n + excluded.n`, in sorted key order, so two transactions
creating the same row both count and never deadlock each other.

`differences()` compares the stored rows with a recount rolled up the same way, `repair()` rewrites
what differs and `rebuild()` writes everything afresh. Rows that fall to zero are kept by writes and
treated as absent by the comparison; a repair deletes them.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.db import connection, models

# The length of a region code at each level: 32, 32.71, 32.71.03, 32.71.03.1002.
PROVINCE, REGENCY, DISTRICT, VILLAGE = 2, 5, 8, 13
LEVEL_COLUMN = {
    PROVINCE: "province_code",
    REGENCY: "regency_code",
    DISTRICT: "district_code",
    VILLAGE: "region_code",
}
# The level one below a region of each code length ('' = everything: its provinces).
CHILD = {0: PROVINCE, PROVINCE: REGENCY, REGENCY: DISTRICT, DISTRICT: VILLAGE, VILLAGE: VILLAGE}
PLACE_COLUMNS = ("region_code", "district_code", "regency_code", "province_code")

Key = tuple
Measures = tuple


@dataclass(frozen=True)
class Layer:
    """The rows of one level (a code length) over some of the tally's dimensions."""

    level: int
    dimensions: tuple[str, ...]


@dataclass(frozen=True)
class Tally:
    """One tally: its model ("app_label.Model"), its dimensions (after the place) and measures, and
    the rolled-up layers it keeps besides the villages."""

    name: str
    dimensions: tuple[str, ...]
    measures: tuple[str, ...]
    model: str = ""
    rollups: tuple[Layer, ...] = ()

    @property
    def layers(self) -> tuple[Layer, ...]:
        return (Layer(VILLAGE, self.dimensions), *self.rollups)

    def table(self):
        return apps.get_model(self.model)


def everywhere(*dimension_sets: tuple[str, ...]) -> tuple[Layer, ...]:
    """Layers for each kecamatan, regency and province over each of `dimension_sets`."""
    return tuple(Layer(level, dims) for level in (DISTRICT, REGENCY, PROVINCE) for dims in dimension_sets)


@dataclass(frozen=True)
class Difference:
    """A tally row whose stored measures differ from the recount. `key` is the place code (of the
    layer's level) and the dimensions; those the layer leaves out are blank."""

    tally: Tally
    key: Key
    stored: tuple
    counted: tuple
    layer: int = 0

    @property
    def dimensions(self) -> tuple[str, ...]:
        """The dimensions this row is counted over."""
        return self.tally.layers[self.layer].dimensions


def place(code: str) -> dict[str, str]:
    """A place code and the codes above it; the columns below its level are blank."""
    parts = code.split(".")
    return {
        "region_code": code,
        "district_code": ".".join(parts[:3]) if len(parts) >= 3 else "",
        "regency_code": ".".join(parts[:2]) if len(parts) >= 2 else "",
        "province_code": parts[0],
    }


def _blanks(tally: Tally) -> dict[str, object]:
    model = tally.table()
    return {name: model._meta.get_field(name).get_default() for name in tally.dimensions}


def add(totals: dict, key: Key, measures: Iterable, sign: int = 1) -> None:
    """Add (or subtract) `measures` to `totals[key]`."""
    current = totals.get(key)
    if sign != 1:
        measures = [sign * m for m in measures]
    totals[key] = list(measures) if current is None else list(map(operator.add, current, measures))


def _summed(tally: Tally, counted: dict[Key, list]) -> dict[int, dict[tuple, list]]:
    """`counted` (village rows) summed into each layer: {layer: {(code, *its dims): measures}}.

    Each layer is summed from the smallest finer layer already summed that holds its dimensions
    (a province by status from the regencies by status), so most of the work is one pass over the
    villages per distinct set of dimensions.
    """
    names = tally.dimensions
    summed: dict[int, dict[tuple, list]] = {0: counted}
    for number, layer in enumerate(tally.layers[1:], start=1):
        sources = [
            n
            for n in summed
            if tally.layers[n].level >= layer.level
            and set(layer.dimensions) <= set(tally.layers[n].dimensions)
        ]
        source = min(sources, key=lambda n: len(summed[n]))
        have = tally.layers[source].dimensions
        picks = [1 + have.index(name) for name in names if name in layer.dimensions]
        level = layer.level
        part: dict[tuple, list] = {}
        get = part.get
        for key, measures in summed[source].items():
            short = (key[0][:level], *[key[i] for i in picks])
            current = get(short)
            part[short] = list(measures) if current is None else list(map(operator.add, current, measures))
        summed[number] = part
    return summed


def _full_keys(tally: Tally, summed: dict[int, dict[tuple, list]]):
    """(layer, code, *every dimension, blank where the layer leaves it out), measures."""
    blanks = _blanks(tally)
    names = tally.dimensions
    for number, part in summed.items():
        own = tally.layers[number].dimensions
        if own == names:
            for short, measures in part.items():
                yield (number, *short), measures
            continue
        slots = [own.index(name) if name in own else None for name in names]
        for short, measures in part.items():
            dims = [
                blanks[name] if slot is None else short[1 + slot]
                for name, slot in zip(names, slots, strict=True)
            ]
            yield (number, short[0], *dims), measures


def expand(tally: Tally, counted: dict[Key, list]) -> dict[tuple, list]:
    """Village rows {(village, *dims): measures} rolled up into every layer: {(layer, code,
    *dims): measures}, blank in the dimensions a layer leaves out."""
    return {key: list(measures) for key, measures in _full_keys(tally, _summed(tally, counted))}


# --- writing -------------------------------------------------------------------------------------


def apply_deltas(tally: Tally, deltas: dict[Key, list]) -> None:
    """Add each village key's measures to its rows in every layer; missing rows are created."""
    deltas = {k: d for k, d in deltas.items() if any(d)}
    if not deltas:
        return
    places: dict[str, tuple] = {}
    rows = []
    for key, measures in _full_keys(tally, _summed(tally, deltas)):
        if not any(measures):
            continue
        code = key[1]
        where = places.get(code)
        if where is None:
            where = places[code] = tuple(place(code).values())
        rows.append((key[0], *where, *key[2:], *measures))
    if rows:
        _upsert(tally, rows)


def _upsert(tally: Tally, rows: list[tuple]) -> None:
    """INSERT … ON CONFLICT (code, layer, dims) DO UPDATE SET n = n + excluded.n.

    `rows` are (layer, place columns, dims, measures). They are written in key order, so two
    transactions touching the same rows lock them in the same order and never deadlock.
    """
    model = tally.table()
    q = connection.ops.quote_name
    table = q(model._meta.db_table)
    columns = ("layer", *PLACE_COLUMNS, *tally.dimensions, *tally.measures)
    conflict = ", ".join(q(c) for c in ("region_code", "layer", *tally.dimensions))
    sets = ", ".join(f"{q(m)} = {table}.{q(m)} + excluded.{q(m)}" for m in tally.measures)
    rows.sort()  # the keys come first in each row, and each column holds one type
    names = ", ".join(q(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One statement over one array per column: PostgreSQL plans a long VALUES list slowly.
            casts = ", ".join(f"%s::{_pg_type(model, c)}[]" for c in columns)
            sql = (
                f"INSERT INTO {table} ({names}) "  # noqa: S608 - quoted model names, values as parameters
                f"SELECT * FROM unnest({casts}) ON CONFLICT ({conflict}) DO UPDATE SET {sets}"
            )
            cursor.execute(sql, [list(column) for column in zip(*rows, strict=True)])
            return
        # SQLite prepares the one-row statement once and binds each row.
        sql = (
            f"INSERT INTO {table} ({names}) "  # noqa: S608 - quoted model names, values as parameters
            f"VALUES ({', '.join(['%s'] * len(columns))}) ON CONFLICT ({conflict}) DO UPDATE SET {sets}"
        )
        cursor.executemany(sql, rows)


_PG_TYPES = (
    (models.DecimalField, "numeric"),
    (models.BooleanField, "boolean"),
    (models.DateField, "date"),
    (models.BigIntegerField, "bigint"),
    (models.IntegerField, "integer"),
)


def _pg_type(model, column: str) -> str:
    if column == "layer":
        return "smallint"
    found = model._meta.get_field(column)
    for kind, name in _PG_TYPES:
        if isinstance(found, kind):
            return name
    return "text"


class TallyChange:
    """The source rows one write touches: read before the write (`watch`), applied after (`apply`).

    A slice gives, per kind of source row, a `read(pks) -> {pk: values}` (locking the rows) and a
    `contribute(values) -> [(tally, village key, measures)]`. `created` marks rows that do not exist
    yet; `inserted` counts rows a bulk path holds in memory; `updated` gives a watched row's new
    values so nothing is read back; `later` runs another slice's deltas after these.
    """

    def __init__(
        self, sources: dict[str, tuple[Callable, Callable, tuple[str, ...]]], tallies: Sequence[Tally]
    ):
        self.sources = sources
        self.tallies = tuple(tallies)
        self._reset()

    def _reset(self) -> None:
        self.before: dict[str, dict[int, tuple | None]] = {name: {} for name in self.sources}
        self.after: dict[str, dict[int, dict]] = {name: {} for name in self.sources}
        self.fresh: dict[Tally, dict[Key, list]] = {tally: {} for tally in self.tallies}
        self.dependents: list[Callable[[], None]] = []

    def watch(self, **pks_by_source: Iterable[int]) -> TallyChange:
        for source, pks in pks_by_source.items():
            known = self.before[source]
            new = [pk for pk in dict.fromkeys(pks) if pk not in known]
            if new:
                found = self.sources[source][0](new)
                known.update({pk: found.get(pk) for pk in new})
        return self

    def created(self, **pks_by_source: Iterable[int]) -> TallyChange:
        for source, pks in pks_by_source.items():
            for pk in pks:
                self.before[source].setdefault(pk, None)
        return self

    def inserted(self, source: str, values: Iterable[tuple]) -> TallyChange:
        contribute = self.sources[source][1]
        fresh = self.fresh
        for row in values:
            for tally, key, measures in contribute(row):
                totals = fresh[tally]
                current = totals.get(key)
                totals[key] = (
                    list(measures) if current is None else list(map(operator.add, current, measures))
                )
        return self

    def updated(self, source: str, pk: int, **values) -> TallyChange:
        self.after[source][pk] = values
        return self

    def later(self, finish: Callable[[], None]) -> TallyChange:
        self.dependents.append(finish)
        return self

    def _add(self, items, sign: int) -> None:
        for tally, key, measures in items:
            add(self.fresh[tally], key, measures, sign)

    def apply(self) -> None:
        for source, before in self.before.items():
            read, contribute, names = self.sources[source]
            known = self.after[source]
            unknown = [pk for pk in before if pk not in known or before[pk] is None]
            found = read(unknown) if unknown else {}
            for pk, old in before.items():
                if pk in found or old is None or pk not in known:
                    new = found.get(pk)
                else:
                    changes = known[pk]
                    new = tuple(changes.get(name, value) for name, value in zip(names, old, strict=True))
                if old == new:
                    continue
                if old is not None:
                    self._add(contribute(old), -1)
                if new is not None:
                    self._add(contribute(new), 1)
        for tally in self.tallies:
            apply_deltas(tally, self.fresh[tally])
        dependents = self.dependents
        self._reset()
        for finish in dependents:
            finish()


def locked_values(queryset, names: Sequence[str], pks: list[int], chunk: int = 5000) -> dict[int, tuple]:
    """The `names` values of the rows `pks` of `queryset`, by pk, locked for the write."""
    found: dict[int, tuple] = {}
    for start in range(0, len(pks), chunk):
        rows = (
            queryset.select_for_update(of=("self",))
            .filter(pk__in=pks[start : start + chunk])
            .values_list("pk", *names)
        )
        for pk, *row in rows:
            found[pk] = tuple(row)
    return found


# --- recounting, comparing, repairing ------------------------------------------------------------


def _normal(measures: Iterable) -> tuple:
    return tuple(Decimal(m) if isinstance(m, Decimal | float) else m for m in measures)


def stored(tally: Tally) -> dict[tuple, list]:
    """Every stored row: {(layer, code, *dims): measures}."""
    rows = tally.table().objects.values_list("layer", "region_code", *tally.dimensions, *tally.measures)
    width = 2 + len(tally.dimensions)
    return {tuple(r[:width]): list(r[width:]) for r in rows}


def differences(tally: Tally, counted: dict[Key, list]) -> list[Difference]:
    """Every row whose stored measures differ from `counted` (village rows) rolled up."""
    expected = expand(tally, counted)
    kept = stored(tally)
    zero = tuple(0 for _ in tally.measures)
    found = []
    for key in sorted(set(expected) | set(kept), key=_sortable):
        was = _normal(kept.get(key) or zero)
        should = _normal(expected.get(key) or zero)
        if was != should:
            found.append(Difference(tally, key[1:], was, should, layer=key[0]))
    return found


def _sortable(key: tuple) -> tuple:
    return tuple(str(part) for part in key)


def repair(found: list[Difference]) -> list[Difference]:
    """Rewrite the rows that differ (and delete those that should be zero); returns what it fixed."""
    for item in found:
        model = item.tally.table()
        lookup = {
            "layer": item.layer,
            **dict(zip(("region_code", *item.tally.dimensions), item.key, strict=True)),
        }
        if not any(item.counted):
            model.objects.filter(**lookup).delete()
            continue
        measures = dict(zip(item.tally.measures, item.counted, strict=True))
        model.objects.update_or_create(**lookup, defaults={**place(item.key[0]), **measures})
    return found


def rebuild(tally: Tally, counted: dict[Key, list]) -> None:
    """Replace every row of `tally` by `counted` (village rows) rolled up into every layer."""
    model = tally.table()
    model.objects.all().delete()
    fill(model, tally, counted)


def fill(model, tally: Tally, counted: dict[Key, list]) -> None:
    """Write `counted` (village rows) rolled up into every layer, into an empty `model` (which may
    be a migration's historical model)."""
    rows = []
    for key, measures in expand(tally, counted).items():
        if not any(measures):
            continue
        rows.append(
            model(
                layer=key[0],
                **place(key[1]),
                **dict(zip(tally.dimensions, key[2:], strict=True)),
                **dict(zip(tally.measures, measures, strict=True)),
            )
        )
    model.objects.bulk_create(rows, batch_size=1000)


def stored_villages(model, tally: Tally) -> dict[Key, list]:
    """The village rows of `model` (layer 0) as {(village, *dims): measures}: what a migration rolls
    up into the other layers."""
    rows = model.objects.filter(layer=0).values_list("region_code", *tally.dimensions, *tally.measures)
    width = 1 + len(tally.dimensions)
    return {tuple(r[:width]): list(r[width:]) for r in rows}


def roll_up_migration(tally: Tally, model_name: str) -> Callable:
    """A RunPython step writing the rolled-up layers of `model_name` ("app.Model") from its village
    rows, for the migration that adds the layers."""

    def forward(state_apps, schema_editor):
        model = state_apps.get_model(model_name)
        villages = stored_villages(model, tally)
        model.objects.all().delete()
        fill(model, tally, villages)

    return forward


def fill_villages(model, tally: Tally, counted: dict[Key, list]) -> None:
    """Write village rows only, into a migration's historical model from before the layers."""
    model.objects.bulk_create(
        [
            model(
                **place(key[0]),
                **dict(zip(tally.dimensions, key[1:], strict=True)),
                **dict(zip(tally.measures, measures, strict=True)),
            )
            for key, measures in counted.items()
        ],
        batch_size=1000,
    )


def villages(tally: Tally) -> dict[Key, list]:
    """The village rows of `tally` as {(village, *dims): measures}."""
    return stored_villages(tally.table(), tally)
