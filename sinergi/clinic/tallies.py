"""The clinic's tally (rekap): cases per village, programme year, kind of participant, stage,
result and good outcome, kept by every clinic write in the same transaction (`core.tallies`).

The village is the case's `region_code` (the participant's, copied at enrolment). `recompute`
rebuilds the tally from the cases (one GROUP BY); `differences()`, `repair()` and `rebuild()` are
the core's.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count

from sinergi.core import tallies as core
from sinergi.core.tallies import Difference, Tally, everywhere, locked_values

DIMENSIONS = ("year", "kind", "stage", "result", "good")
CASES = Tally(
    "clinic_cases", DIMENSIONS, ("count",), model="clinic.CaseTally", rollups=everywhere(DIMENSIONS)
)
TALLIES = (CASES,)

CASE_VALUES = ("region_code", "programme__year", "participant__kind", "stage", "result", "good")


def case_contribution(values: tuple) -> list:
    region, year, kind, stage, result, good = values
    return [(CASES, (region, year, kind, stage, result or "", bool(good)), (1,))]


def _read(pks: list[int]) -> dict[int, tuple]:
    from sinergi.clinic.models import Case

    return locked_values(Case.objects.all(), CASE_VALUES, pks)


class TallyChange(core.TallyChange):
    """The cases one write touches: `watch(cases=…)` before the write, `created(cases=…)` for a new
    case, `apply()` after."""

    def __init__(self) -> None:
        super().__init__({"cases": (_read, case_contribution, CASE_VALUES)}, TALLIES)


def recompute(tally: Tally = CASES) -> dict:
    from sinergi.clinic.models import Case

    rows = Case.objects.values(*CASE_VALUES).annotate(n=Count("pk")).order_by()
    totals: dict = {}
    for row in rows:
        for _tally, key, _measures in case_contribution(tuple(row[name] for name in CASE_VALUES)):
            totals.setdefault(key, [0])[0] += row["n"]
    return totals


def differences() -> list[Difference]:
    """Every tally row whose stored count differs from a recount of the cases."""
    return core.differences(CASES, recompute())


def repair(found: list[Difference] | None = None) -> list[Difference]:
    return core.repair(differences() if found is None else found)


@transaction.atomic
def rebuild() -> None:
    core.rebuild(CASES, recompute())


def describe(item: Difference) -> list[str]:
    """One line per differing row, e.g. "Kasus klinik di 32.71.06.1001, program 2026, Koperasi,
    Selesai: tercatat 0, dihitung 1" (`sinergi insights_verify`)."""
    from django.utils.translation import gettext as _

    from sinergi.accounts.models import OrganizationKind
    from sinergi.clinic.models import Stage

    region, year, kind, stage, _result, _good = item.key
    kind_label = OrganizationKind(kind).label if kind in OrganizationKind.values else kind
    stage_label = Stage(stage).label if stage in Stage.values else stage
    where = _("Kasus klinik di {region}, program {year}, {kind}, {stage}").format(
        region=region, year=year, kind=kind_label, stage=stage_label
    )
    figures = _("tercatat {stored}, dihitung {counted}").format(
        stored=item.stored[0], counted=item.counted[0]
    )
    return [f"{where}: {figures}"]
