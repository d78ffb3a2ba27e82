"""The assistance tally (rekap): applications per village of the warung, programme year and
status, kept by every assistance write in the same transaction (`core.tallies`).

`recompute` rebuilds it from the applications (one GROUP BY); `differences()`, `repair()` and
`rebuild()` are the core's.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count

from sinergi.core import tallies as core
from sinergi.core.tallies import Difference, Tally, everywhere, locked_values

DIMENSIONS = ("year", "status")
APPLICATIONS = Tally(
    "assistance_applications",
    DIMENSIONS,
    ("count",),
    model="assistance.ApplicationTally",
    rollups=everywhere(DIMENSIONS),
)
TALLIES = (APPLICATIONS,)

APPLICATION_VALUES = ("region_code", "programme__opens_on", "status")


def application_contribution(values: tuple) -> list:
    region, opens_on, status = values
    return [(APPLICATIONS, (region, opens_on.year, status), (1,))]


def _read(pks: list[int]) -> dict[int, tuple]:
    from sinergi.assistance.models import Application

    return locked_values(Application.objects.all(), APPLICATION_VALUES, pks)


class TallyChange(core.TallyChange):
    """The applications one write touches: `watch(applications=…)` before the write,
    `created(applications=…)` for a new one, `apply()` after."""

    def __init__(self) -> None:
        super().__init__({"applications": (_read, application_contribution, APPLICATION_VALUES)}, TALLIES)


def recompute(tally: Tally = APPLICATIONS) -> dict:
    from sinergi.assistance.models import Application

    rows = Application.objects.values(*APPLICATION_VALUES).annotate(n=Count("pk")).order_by()
    totals: dict = {}
    for row in rows:
        for _tally, key, _measures in application_contribution(
            tuple(row[name] for name in APPLICATION_VALUES)
        ):
            totals.setdefault(key, [0])[0] += row["n"]
    return totals


def differences() -> list[Difference]:
    """Every tally row whose stored count differs from a recount of the applications."""
    return core.differences(APPLICATIONS, recompute())


def repair(found: list[Difference] | None = None) -> list[Difference]:
    return core.repair(differences() if found is None else found)


@transaction.atomic
def rebuild() -> None:
    core.rebuild(APPLICATIONS, recompute())


def describe(item: Difference) -> list[str]:
    """One line per differing row, e.g. "Permohonan bantuan warung di 32.71.06.1001, program 2026,
    Terpilih: tercatat 0, dihitung 1" (`sinergi insights_verify`)."""
    from django.utils.translation import gettext as _

    from sinergi.assistance.models import Status

    region, year, status = item.key
    label = Status(status).label if status in Status.values else status
    where = _("Permohonan bantuan warung di {region}, program {year}, {status}").format(
        region=region, year=year, status=label
    )
    figures = _("tercatat {stored}, dihitung {counted}").format(
        stored=item.stored[0], counted=item.counted[0]
    )
    return [f"{where}: {figures}"]
