"""The health slice's tallies (rekap): assessments and annual reports per village and year.

The machinery is `core.tallies`. One pure function gives a report's contribution to each tally, a
key and its measures. A write reads the reports it touches before and after (`TallyChange`) and
adds the difference in the same transaction; the batch rescoring watches a whole chunk and applies
its deltas once. Both tallies are small, so every layer keeps all their dimensions.

- ASSESSMENTS: per village, financial year, predicate ('' while incomplete) and official flag: the
  number of assessed cooperatives (one assessment per cooperative and year, the report's).
- REPORTS: per village and financial year: reports now submitted, verified and returned, and the
  RAT held for the year. The RAT is the verified report's `rat_date`, the evidence the supervision
  RAT rule reads (`supervision.selectors.last_rat_date`); the registry's single `last_rat_date`
  cannot say which year a RAT closed.

The village is the cooperative's `region_code`. `recompute_*` rebuild a tally from the reports (one
GROUP BY each); `differences()`, `repair()` and `rebuild()` are the core's.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, Q

from sinergi.core import tallies as core
from sinergi.core.tallies import Difference, Tally, everywhere, locked_values

ASSESSMENTS = Tally(
    "health_assessments",
    ("year", "predicate", "official"),
    ("count",),
    model="health.AssessmentTally",
    rollups=everywhere(("year", "predicate", "official")),
)
REPORTS = Tally(
    "health_reports",
    ("year",),
    ("submitted", "verified", "returned", "rat_held"),
    model="health.ReportTally",
    rollups=everywhere(("year",)),
)
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


def _read(pks: list[int]) -> dict[int, tuple]:
    """The reports' values the contribution reads (REPORT_VALUES), by pk, locked for the write."""
    from sinergi.health.models import AnnualReport

    return locked_values(AnnualReport.objects.all(), REPORT_VALUES, pks)


class TallyChange(core.TallyChange):
    """The reports one write touches: `watch(reports=…)` before the write, `apply()` after;
    `created(reports=…)` for reports that do not exist yet. A report deleted by the write
    contributes nothing any more."""

    def __init__(self) -> None:
        super().__init__({"reports": (_read, report_contribution, REPORT_VALUES)}, TALLIES)


def apply_deltas(tally: Tally, deltas: dict[Key, list]) -> None:
    """Add each village key's measures to the tally's rows (`core.tallies.apply_deltas`)."""
    core.apply_deltas(tally, deltas)


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


def differences() -> list[Difference]:
    """Every tally row whose stored measures differ from a recount of the reports."""
    return [item for tally in TALLIES for item in core.differences(tally, recompute(tally))]


def repair(found: list[Difference] | None = None) -> list[Difference]:
    """Rewrite the rows that differ (and delete rows that should be zero); returns what it fixed."""
    return core.repair(differences() if found is None else found)


@transaction.atomic
def rebuild() -> None:
    """Recount every tally from scratch (after a bulk load that bypassed the services)."""
    for tally in TALLIES:
        core.rebuild(tally, recompute(tally))


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
