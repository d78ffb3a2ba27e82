"""The registry's tallies (rekap): counts and sums per village and dimension, kept on every write.

Each tally has one pure function giving a profile's contribution, a key and its measures. A write
reads the contributions of the profiles it touches before and after (`TallyChange`), and adds the
difference to the tally rows in the same transaction: single writes with `UPDATE … SET n = n + d`,
creating a missing row with an insert that adds on conflict, so two transactions creating the same
key at once both count. Bulk paths watch the whole batch and apply its deltas once.

`recompute_*` rebuild a tally from the profiles (one GROUP BY each), `differences()` compares stored
and recomputed rows, `repair()` rewrites what differs. Rows that fall to zero are kept by writes and
treated as absent by the comparison; a repair deletes them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, models, transaction
from django.db.models import Count, Sum
from django.db.models.functions import Substr

# KBLI 2020 (like ISIC Rev. 4): the two-digit division gives the section letter.
_SECTIONS = (
    ("A", 1, 3), ("B", 5, 9), ("C", 10, 33), ("D", 35, 35), ("E", 36, 39), ("F", 41, 43),
    ("G", 45, 47), ("H", 49, 53), ("I", 55, 56), ("J", 58, 63), ("K", 64, 66), ("L", 68, 68),
    ("M", 69, 75), ("N", 77, 82), ("O", 84, 84), ("P", 85, 85), ("Q", 86, 88), ("R", 90, 93),
    ("S", 94, 96), ("T", 97, 98), ("U", 99, 99),
)  # fmt: skip
KBLI_SECTION = {
    f"{division:02d}": letter for letter, low, high in _SECTIONS for division in range(low, high + 1)
}


def kbli_section(kbli: str) -> str:
    """The KBLI section letter of a business's first code ("47111,10792" → "G"); '' when unknown.

    Reads the first two characters only: stored codes are normalised (`rules.kbli_codes`), and the
    recount groups on the same two characters.
    """
    return KBLI_SECTION.get((kbli or "")[:2], "")


@dataclass(frozen=True)
class Tally:
    """One tally: its dimensions (after the place) and its measures, in order."""

    name: str
    dimensions: tuple[str, ...]
    measures: tuple[str, ...]


COOPERATIVES = Tally(
    "cooperatives",
    ("status", "cooperative_type", "form"),
    ("count", "members_male", "members_female", "members_unspecified", "with_rat"),
)
BUSINESSES = Tally(
    "businesses",
    ("status", "scale", "sector", "owner_gender"),
    ("count", "employees", "annual_sales", "capital"),
)

# The profile values each contribution reads, in order.
COOPERATIVE_VALUES = (
    "region_code", "status", "cooperative_type", "form", "members_male", "members_female",
    "members_unspecified", "last_rat_date", "organization__merged_into",
)  # fmt: skip
BUSINESS_VALUES = (
    "region_code", "status", "scale", "scale_override", "kbli", "owner_gender", "employees",
    "annual_sales", "capital", "organization__merged_into",
)  # fmt: skip

Key = tuple
Measures = tuple


def cooperative_contribution(values: tuple) -> tuple[Key, Measures] | None:
    """A cooperative's share of its tally row, from COOPERATIVE_VALUES; None once merged away."""
    region, status, kind, form, male, female, unspecified, rat, merged_into = values
    if merged_into is not None:
        return None
    return (region, status, kind, form), (1, male or 0, female or 0, unspecified or 0, int(rat is not None))


def business_contribution(values: tuple) -> tuple[Key, Measures] | None:
    """A business's share of its tally row, from BUSINESS_VALUES; None once merged away."""
    region, status, scale, override, kbli, gender, employees, sales, capital, merged_into = values
    if merged_into is not None:
        return None
    key = (region, status, override or scale or "", kbli_section(kbli), gender or "")
    return key, (1, employees or 0, Decimal(sales or 0), Decimal(capital or 0))


def _models():
    from sinergi.registry.models import BusinessProfile, BusinessTally, CooperativeProfile, CooperativeTally

    return {
        COOPERATIVES: (CooperativeProfile, CooperativeTally, COOPERATIVE_VALUES, cooperative_contribution),
        BUSINESSES: (BusinessProfile, BusinessTally, BUSINESS_VALUES, business_contribution),
    }


def labels(tally: Tally, key: Key) -> dict[str, str]:
    """A tally key's dimensions in words, by dimension name ('' where the value is empty)."""
    from sinergi.registry import models as registry

    choices = {
        "status": registry.CooperativeStatus if tally is COOPERATIVES else registry.BusinessStatus,
        "cooperative_type": registry.CooperativeType,
        "form": registry.CooperativeForm,
        "scale": registry.BusinessScale,
        "owner_gender": registry.Gender,
    }
    words = {}
    for name, value in zip(tally.dimensions, key[1:], strict=True):
        if not value or name not in choices:
            words[name] = value
            continue
        try:
            words[name] = str(choices[name](value).label)
        except ValueError:
            words[name] = value
    return words


def _place(region_code: str) -> dict[str, str]:
    parts = region_code.split(".")
    return {
        "region_code": region_code,
        "district_code": ".".join(parts[:3]),
        "regency_code": ".".join(parts[:2]),
        "province_code": parts[0],
    }


# --- keeping the tallies on every write ---------------------------------------------------------


def _read(tally: Tally, pks: list[int]) -> dict[int, tuple]:
    """The profiles' values the contribution reads (COOPERATIVE_VALUES or BUSINESS_VALUES), by pk."""
    profile, _model, values, _fn = _models()[tally]
    found: dict[int, tuple] = {}
    for start in range(0, len(pks), 5000):
        # Locked, so that no other transaction changes these profiles between the two readings.
        rows = (
            profile.objects.select_for_update(of=("self",))
            .filter(pk__in=pks[start : start + 5000])
            .values_list("pk", *values)
        )
        for pk, *row in rows:
            found[pk] = tuple(row)
    return found


def _add(totals: dict, item: tuple[Key, Measures] | None, sign: int) -> None:
    if item is None:
        return
    key, measures = item
    current = totals.get(key)
    if current is None:
        totals[key] = list(measures) if sign == 1 else [-m for m in measures]
    elif sign == 1:
        for i, m in enumerate(measures):
            current[i] += m
    else:
        for i, m in enumerate(measures):
            current[i] -= m


# Other slices keep tallies keyed on an organisation's place: health on a cooperative's reports,
# purchasing on a coordinator's rounds. When a registry write moves or merges organisations, they
# must move their rows too, in the same transaction. A slice registers a watcher here from its
# AppConfig.ready() (the registry never imports them): given the organisation ids before the
# write, it reads what it needs and returns the function that applies its deltas after the write.
ORGANIZATION_WATCHERS: list[Callable[[list[int]], Callable[[], None]]] = []


class TallyChange:
    """The profiles one write touches: read before the write (`watch`), applied after (`apply`).

    `created` marks profiles that do not exist yet, so nothing needs reading for them; `inserted`
    and `updated` let a bulk path give the new values it holds in memory instead of reading them
    back.
    """

    def __init__(self) -> None:
        self.before: dict[Tally, dict[int, tuple | None]] = {COOPERATIVES: {}, BUSINESSES: {}}
        self.after: dict[Tally, dict[int, dict]] = {COOPERATIVES: {}, BUSINESSES: {}}
        self.fresh: dict[Tally, dict[Key, list]] = {COOPERATIVES: {}, BUSINESSES: {}}
        self.dependents: list[Callable[[], None]] = []

    def watch(self, *, cooperatives: Iterable[int] = (), businesses: Iterable[int] = ()) -> TallyChange:
        for tally, pks in ((COOPERATIVES, cooperatives), (BUSINESSES, businesses)):
            new = [pk for pk in dict.fromkeys(pks) if pk not in self.before[tally]]
            if new:
                found = _read(tally, new)
                self.before[tally].update({pk: found.get(pk) for pk in new})
        return self

    def watch_organizations(self, pks: Iterable[int]) -> TallyChange:
        """Organisations whose place or identity the write changes: their profiles, and what other
        slices count at their place (`ORGANIZATION_WATCHERS`)."""
        pks = list(pks)
        self.dependents.extend(watcher(pks) for watcher in ORGANIZATION_WATCHERS)
        return self.watch(cooperatives=pks, businesses=pks)

    def created(self, *, cooperatives: Iterable[int] = (), businesses: Iterable[int] = ()) -> TallyChange:
        for tally, pks in ((COOPERATIVES, cooperatives), (BUSINESSES, businesses)):
            for pk in pks:
                self.before[tally].setdefault(pk, None)
        return self

    def inserted(self, tally: Tally, values: Iterable[tuple]) -> TallyChange:
        """Profiles a bulk path inserts, given by their values (COOPERATIVE_VALUES or BUSINESS_VALUES):
        counted from memory, with nothing to read back."""
        contribution = _models()[tally][3]
        for row in values:
            _add(self.fresh[tally], contribution(row), 1)
        return self

    def updated(self, tally: Tally, pk: int, **values) -> TallyChange:
        """A watched profile's new values, as the bulk path wrote them; the others stay as read."""
        self.after[tally][pk] = values
        return self

    def apply(self) -> None:
        registry = _models()
        for tally, before in self.before.items():
            _profile, _model, names, contribution = registry[tally]
            deltas: dict[Key, list] = self.fresh[tally]
            known = self.after[tally]
            unknown = [pk for pk in before if pk not in known or before[pk] is None]
            read = _read(tally, unknown) if unknown else {}
            for pk, old in before.items():
                if pk in read or old is None or pk not in known:
                    new = read.get(pk)
                else:
                    changes = known[pk]
                    new = tuple(changes.get(name, value) for name, value in zip(names, old, strict=True))
                if old == new:
                    continue
                _add(deltas, contribution(old) if old is not None else None, -1)
                _add(deltas, contribution(new) if new is not None else None, 1)
            apply_deltas(tally, deltas)
        for finish in self.dependents:
            finish()
        self.__init__()


def apply_deltas(tally: Tally, deltas: dict[Key, list]) -> None:
    """Add each key's measures to its row; a missing row is created, safely under concurrency."""
    _profile, model, _values, _fn = _models()[tally]
    deltas = {k: d for k, d in deltas.items() if any(d)}
    if not deltas:
        return
    if len(deltas) == 1:
        ((key, delta),) = deltas.items()
        lookup = dict(zip(("region_code", *tally.dimensions), key, strict=True))
        updated = model.objects.filter(**lookup).update(
            **{m: models.F(m) + d for m, d in zip(tally.measures, delta, strict=True)}
        )
        if updated:
            return
    _upsert(tally, model, deltas)


def _upsert(tally: Tally, model, deltas: dict[Key, list]) -> None:
    """INSERT … ON CONFLICT (key) DO UPDATE SET n = n + excluded.n, on PostgreSQL and SQLite alike.

    Keys go in sorted order, so two transactions that touch the same rows lock them in the same
    order and never deadlock each other.
    """
    q = connection.ops.quote_name
    table = q(model._meta.db_table)
    place = ("region_code", "district_code", "regency_code", "province_code")
    columns = (*place, *tally.dimensions, *tally.measures)
    conflict = ", ".join(q(c) for c in ("region_code", *tally.dimensions))
    sets = ", ".join(f"{q(m)} = {table}.{q(m)} + excluded.{q(m)}" for m in tally.measures)
    one = f"({', '.join(['%s'] * len(columns))})"
    rows = []
    for key in sorted(deltas):
        where = _place(key[0])
        rows.append((*(where[p] for p in place), *key[1:], *deltas[key]))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One statement over one array per column: PostgreSQL plans a long VALUES list slowly.
            casts = ", ".join(f"%s::{_pg_type(model, c)}[]" for c in columns)
            sql = (
                f"INSERT INTO {table} ({', '.join(q(c) for c in columns)}) "  # noqa: S608
                f"SELECT * FROM unnest({casts}) ON CONFLICT ({conflict}) DO UPDATE SET {sets}"
            )
            cursor.execute(sql, [list(column) for column in zip(*rows, strict=True)])
            return
        for start in range(0, len(rows), UPSERT_ROWS):
            chunk = rows[start : start + UPSERT_ROWS]
            # Table and column names come from the model and are quoted; the values are parameters.
            sql = (
                f"INSERT INTO {table} ({', '.join(q(c) for c in columns)}) "  # noqa: S608
                f"VALUES {', '.join([one] * len(chunk))} ON CONFLICT ({conflict}) DO UPDATE SET {sets}"
            )
            cursor.execute(sql, [value for row in chunk for value in row])


def _pg_type(model, column: str) -> str:
    field = model._meta.get_field(column)
    if isinstance(field, models.DecimalField):
        return "numeric"
    return "bigint" if isinstance(field, models.BigIntegerField) else "text"


# Rows per upsert statement: 12 parameters each stays far below SQLite's and PostgreSQL's limits.
UPSERT_ROWS = 500


# --- recounting, comparing, repairing -----------------------------------------------------------


def recompute_cooperatives(profile_model) -> dict[Key, list]:
    """The cooperative tally counted from the profiles (one GROUP BY)."""
    rows = (
        profile_model.objects.filter(organization__merged_into__isnull=True)
        .values("region_code", "status", "cooperative_type", "form")
        .annotate(
            n=Count("pk"),
            male=Sum("members_male"),
            female=Sum("members_female"),
            unspecified=Sum("members_unspecified"),
            rat=Count("last_rat_date"),
        )
        .order_by()
    )
    return {
        (r["region_code"], r["status"], r["cooperative_type"], r["form"]): [
            r["n"],
            r["male"] or 0,
            r["female"] or 0,
            r["unspecified"] or 0,
            r["rat"],
        ]  # fmt: skip
        for r in rows
    }


def recompute_businesses(profile_model) -> dict[Key, list]:
    """The business tally counted from the profiles (one GROUP BY, folded by scale and section)."""
    rows = (
        profile_model.objects.filter(organization__merged_into__isnull=True)
        .annotate(division=Substr("kbli", 1, 2))
        .values("region_code", "status", "scale", "scale_override", "division", "owner_gender")
        .annotate(n=Count("pk"), staff=Sum("employees"), sales=Sum("annual_sales"), money=Sum("capital"))
        .order_by()
    )
    totals: dict[Key, list] = {}
    for r in rows:
        key = (
            r["region_code"],
            r["status"],
            r["scale_override"] or r["scale"] or "",
            kbli_section(r["division"]),
            r["owner_gender"] or "",
        )
        measures = (r["n"], r["staff"] or 0, Decimal(r["sales"] or 0), Decimal(r["money"] or 0))
        _add(totals, (key, measures), 1)
    return totals


def stored(tally_model, tally: Tally) -> dict[Key, list]:
    rows = tally_model.objects.values_list("region_code", *tally.dimensions, *tally.measures)
    width = 1 + len(tally.dimensions)
    return {tuple(r[:width]): list(r[width:]) for r in rows}


def fill(tally_model, tally: Tally, counted: dict[Key, list]) -> None:
    """Write a freshly counted tally into an empty table (migrations and rebuilds)."""
    fields = ("region_code", *tally.dimensions)
    tally_model.objects.bulk_create(
        [
            tally_model(
                **_place(key[0]),
                **dict(zip(fields[1:], key[1:], strict=True)),
                **dict(zip(tally.measures, measures, strict=True)),
            )
            for key, measures in counted.items()
        ],
        batch_size=1000,
    )


@dataclass(frozen=True)
class Difference:
    """A tally row whose stored measures differ from the recount."""

    tally: Tally
    key: Key
    stored: tuple
    counted: tuple


def _zero(tally: Tally) -> tuple:
    return tuple(0 for _ in tally.measures)


def differences() -> list[Difference]:
    """Every tally row whose stored measures differ from a recount of the profiles."""
    found = []
    for tally, (profile, model, _values, _fn) in _models().items():
        counted = (recompute_cooperatives if tally is COOPERATIVES else recompute_businesses)(profile)
        kept = stored(model, tally)
        for key in sorted(set(counted) | set(kept)):
            was = tuple(kept.get(key) or _zero(tally))
            should = tuple(counted.get(key) or _zero(tally))
            if was != should:
                found.append(Difference(tally, key, was, should))
    return found


def repair(found: list[Difference] | None = None) -> list[Difference]:
    """Rewrite the rows that differ (and delete rows that should be zero); returns what it fixed."""
    found = differences() if found is None else found
    registry = _models()
    for item in found:
        _profile, model, _values, _fn = registry[item.tally]
        lookup = dict(zip(("region_code", *item.tally.dimensions), item.key, strict=True))
        if not any(item.counted):
            model.objects.filter(**lookup).delete()
            continue
        measures = dict(zip(item.tally.measures, item.counted, strict=True))
        model.objects.update_or_create(**lookup, defaults={**_place(item.key[0]), **measures})
    return found


@transaction.atomic
def rebuild() -> None:
    """Recount every tally from scratch (after a bulk load that bypassed the services)."""
    for tally, (profile, model, _values, _fn) in _models().items():
        model.objects.all().delete()
        fill(
            model, tally, (recompute_cooperatives if tally is COOPERATIVES else recompute_businesses)(profile)
        )
