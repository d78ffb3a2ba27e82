"""The health slice's tallies (rekap): assessments and annual reports per village and year.

Built like the registry's (`registry.tallies`). One pure function gives a report's contribution to
each tally, a key and its measures. A write reads the contributions of the reports it touches before
and after (`TallyChange`) and adds the difference to the tally rows in the same transaction: a
single row with `UPDATE … SET n = n + d`, otherwise an insert that adds on conflict, so two
transactions creating the same key at once both count. The batch rescoring watches a whole chunk and
applies its deltas once.

- ASSESSMENTS: per village, financial year, predicate ('' while incomplete) and official flag: the
  number of assessed cooperatives (one assessment per cooperative and year, the report's).
- REPORTS: per village and financial year: reports now submitted, verified and returned, and the
  RAT held for the year. The RAT is the verified report's `rat_date`, the evidence the supervision
  RAT rule reads (`supervision.selectors.last_rat_date`); the registry's single `last_rat_date`
  cannot say which year a RAT closed.

The village is the cooperative's `region_code`. `recompute_*` rebuild a tally from the reports (one
GROUP BY each), `differences()` compares stored and recomputed rows, `repair()` rewrites what
differs. Rows that fall to zero are kept by writes and treated as absent by the comparison.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, models, transaction
from django.db.models import Count, Q

from sinergi.registry.tallies import Difference, Tally

ASSESSMENTS = Tally("health_assessments", ("year", "predicate", "official"), ("count",))
REPORTS = Tally("health_reports", ("year",), ("submitted", "verified", "returned", "rat_held"))
TALLIES = (ASSESSMENTS, REPORTS)

# The report values each contribution reads, in order.
REPORT_VALUES = (
    "cooperative__region_code", "year", "status", "rat_date", "assessment__id", "assessment__predicate",
    "assessment__official",
)  # fmt: skip

Key = tuple
Measures = tuple


def report_contribution(values: tuple) -> list[tuple[Tally, Key, Measures]]:
    """A report's share of each tally row, from REPORT_VALUES."""
    region, year, status, rat_date, assessment, predicate, official = values
    verified = status == "verified"
    items: list[tuple[Tally, Key, Measures]] = []
    if status in ("submitted", "verified", "returned"):
        items.append(
            (
                REPORTS,
                (region, year),
                (
                    int(status == "submitted"),
                    int(verified),
                    int(status == "returned"),
                    int(verified and rat_date is not None),
                ),
            )
        )
    if assessment is not None:
        items.append((ASSESSMENTS, (region, year, predicate or "", bool(official)), (1,)))
    return items


def _models():
    from sinergi.health.models import AssessmentTally, ReportTally

    return {ASSESSMENTS: AssessmentTally, REPORTS: ReportTally}


def _place(region_code: str) -> dict[str, str]:
    parts = region_code.split(".")
    return {
        "region_code": region_code,
        "district_code": ".".join(parts[:3]),
        "regency_code": ".".join(parts[:2]),
        "province_code": parts[0],
    }


# --- keeping the tallies on every write ---------------------------------------------------------


def _read(pks: list[int]) -> dict[int, tuple]:
    """The reports' values the contribution reads (REPORT_VALUES), by pk, locked for the write."""
    from sinergi.health.models import AnnualReport

    found: dict[int, tuple] = {}
    for start in range(0, len(pks), 5000):
        rows = (
            AnnualReport.objects.select_for_update(of=("self",))
            .filter(pk__in=pks[start : start + 5000])
            .values_list("pk", *REPORT_VALUES)
        )
        for pk, *row in rows:
            found[pk] = tuple(row)
    return found


def _add(totals: dict, tally: Tally, key: Key, measures: Measures, sign: int) -> None:
    current = totals[tally].get(key)
    if current is None:
        totals[tally][key] = [sign * m for m in measures]
    else:
        for i, m in enumerate(measures):
            current[i] += sign * m


def _add_report(totals: dict, values: tuple | None, sign: int) -> None:
    if values is None:
        return
    for tally, key, measures in report_contribution(values):
        _add(totals, tally, key, measures, sign)


class TallyChange:
    """The reports one write touches: read before the write (`watch`), applied after (`apply`).

    `created` marks reports that do not exist yet, so nothing needs reading for them. A report that
    is gone after the write (deleted) contributes nothing any more.
    """

    def __init__(self) -> None:
        self.before: dict[int, tuple | None] = {}

    def watch(self, *, reports: Iterable[int] = ()) -> TallyChange:
        new = [pk for pk in dict.fromkeys(reports) if pk not in self.before]
        if new:
            found = _read(new)
            self.before.update({pk: found.get(pk) for pk in new})
        return self

    def created(self, *, reports: Iterable[int] = ()) -> TallyChange:
        for pk in reports:
            self.before.setdefault(pk, None)
        return self

    def apply(self) -> None:
        after = _read(list(self.before)) if self.before else {}
        deltas: dict[Tally, dict[Key, list]] = {tally: {} for tally in TALLIES}
        for pk, old in self.before.items():
            new = after.get(pk)
            if old == new:
                continue
            _add_report(deltas, old, -1)
            _add_report(deltas, new, 1)
        for tally in TALLIES:
            apply_deltas(tally, deltas[tally])
        self.__init__()


def apply_deltas(tally: Tally, deltas: dict[Key, list]) -> None:
    """Add each key's measures to its row; a missing row is created, safely under concurrency."""
    model = _models()[tally]
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


# Rows per upsert statement: at most 10 parameters each, far below SQLite's and PostgreSQL's limits.
UPSERT_ROWS = 500


def _upsert(tally: Tally, model, deltas: dict[Key, list]) -> None:
    """INSERT … ON CONFLICT (key) DO UPDATE SET n = n + excluded.n, on PostgreSQL and SQLite alike.

    Keys go in sorted order, so two transactions touching the same rows lock them in the same order.
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
        for start in range(0, len(rows), UPSERT_ROWS):
            chunk = rows[start : start + UPSERT_ROWS]
            # Table and column names come from the model and are quoted; the values are parameters.
            sql = (
                f"INSERT INTO {table} ({', '.join(q(c) for c in columns)}) "  # noqa: S608
                f"VALUES {', '.join([one] * len(chunk))} ON CONFLICT ({conflict}) DO UPDATE SET {sets}"
            )
            cursor.execute(sql, [value for row in chunk for value in row])


# --- recounting, comparing, repairing -----------------------------------------------------------


def recompute_assessments(report_model) -> dict[Key, list]:
    """The assessment tally counted from the reports and their assessments (one GROUP BY)."""
    rows = (
        report_model.objects.filter(assessment__isnull=False)
        .values("cooperative__region_code", "year", "assessment__predicate", "assessment__official")
        .annotate(n=Count("pk"))
        .order_by()
    )
    totals: dict[Key, list] = {}
    for r in rows:
        key = (
            r["cooperative__region_code"],
            r["year"],
            r["assessment__predicate"] or "",
            bool(r["assessment__official"]),
        )
        totals.setdefault(key, [0])[0] += r["n"]
    return totals


def recompute_reports(report_model) -> dict[Key, list]:
    """The report tally counted from the reports (one GROUP BY)."""
    rows = (
        report_model.objects.exclude(status="draft")
        .values("cooperative__region_code", "year")
        .annotate(
            submitted=Count("pk", filter=Q(status="submitted")),
            verified=Count("pk", filter=Q(status="verified")),
            returned=Count("pk", filter=Q(status="returned")),
            rat=Count("pk", filter=Q(status="verified", rat_date__isnull=False)),
        )
        .order_by()
    )
    return {
        (r["cooperative__region_code"], r["year"]): [r["submitted"], r["verified"], r["returned"], r["rat"]]
        for r in rows
    }


def recompute(tally: Tally, report_model=None) -> dict[Key, list]:
    if report_model is None:
        from sinergi.health.models import AnnualReport as report_model
    return (recompute_assessments if tally is ASSESSMENTS else recompute_reports)(report_model)


def stored(tally_model, tally: Tally) -> dict[Key, list]:
    rows = tally_model.objects.values_list("region_code", *tally.dimensions, *tally.measures)
    width = 1 + len(tally.dimensions)
    return {tuple(r[:width]): list(r[width:]) for r in rows}


def fill(tally_model, tally: Tally, counted: dict[Key, list]) -> None:
    """Write a freshly counted tally into an empty table (migrations and rebuilds)."""
    tally_model.objects.bulk_create(
        [
            tally_model(
                **_place(key[0]),
                **dict(zip(tally.dimensions, key[1:], strict=True)),
                **dict(zip(tally.measures, measures, strict=True)),
            )
            for key, measures in counted.items()
        ],
        batch_size=1000,
    )


def _zero(tally: Tally) -> tuple:
    return tuple(0 for _ in tally.measures)


def differences() -> list[Difference]:
    """Every tally row whose stored measures differ from a recount of the reports."""
    found = []
    for tally, model in _models().items():
        counted = recompute(tally)
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
        model = registry[item.tally]
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
    for tally, model in _models().items():
        model.objects.all().delete()
        fill(model, tally, recompute(tally))


# --- describing differences (`sinergi insights_verify`) ------------------------------------------


def _count(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def describe(item: Difference) -> list[str]:
    """One line per differing measure, e.g. "Penilaian kesehatan di 32.71.06.1001, tahun buku 2024,
    Sehat, resmi: tercatat 0, dihitung 1"."""
    from django.template.loader import render_to_string
    from django.utils.translation import gettext as _

    if item.tally is ASSESSMENTS:
        region, year, predicate, official = item.key
        label = (
            render_to_string("health/includes/predicate_label.html", {"predicate": predicate}).strip()
            if predicate
            else _("belum lengkap")
        )
        where = _("Penilaian kesehatan di {region}, tahun buku {year}, {predicate}, {kind}").format(
            region=region, year=year, predicate=label, kind=_("resmi") if official else _("indikatif")
        )
        names = {"count": ""}
    else:
        region, year = item.key
        where = _("Laporan tahunan di {region}, tahun buku {year}").format(region=region, year=year)
        names = {
            "submitted": _("diajukan"),
            "verified": _("terverifikasi"),
            "returned": _("dikembalikan"),
            "rat_held": _("dengan RAT"),
        }
    lines = []
    for measure, was, should in zip(item.tally.measures, item.stored, item.counted, strict=True):
        if was == should:
            continue
        what = names[measure]
        figures = _("tercatat {stored}, dihitung {counted}").format(
            stored=_count(was), counted=_count(should)
        )
        lines.append(f"{where}: {what + ' ' if what else ''}{figures}")
    return lines


def watch_organizations(pks: list[int]):
    """The registry moves or merges these organisations: their cooperatives' reports may change
    place (`registry.tallies.ORGANIZATION_WATCHERS`, registered in HealthConfig.ready)."""
    from sinergi.health.models import AnnualReport

    change = TallyChange().watch(
        reports=AnnualReport.objects.filter(cooperative_id__in=pks).values_list("pk", flat=True)
    )
    return change.apply
