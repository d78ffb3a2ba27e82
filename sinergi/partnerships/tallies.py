"""The partnerships tallies (rekap): agreements per village, status and scope, and obligations per
village, state and measure, kept by every partnerships write in the same transaction
(`core.tallies`).

The village is the agreement's `region_code` (the recording office's, or the first party's). An
agreement counts once under scope "" (every agreement) and once under each of its scopes, so a
page reads "agreements" with scope "" and "agreements on capital access" with scope "capital".
`recompute()` rebuilds both from the rows; `differences()`, `repair()` and `rebuild()` are the
core's.
"""

from __future__ import annotations

from django.db import transaction

from sinergi.core import tallies as core
from sinergi.core.tallies import Difference, Tally, everywhere, locked_values

AGREEMENT_DIMENSIONS = ("status", "scope")
AGREEMENTS = Tally(
    "partnerships_agreements",
    AGREEMENT_DIMENSIONS,
    ("count",),
    model="partnerships.AgreementTally",
    rollups=everywhere(AGREEMENT_DIMENSIONS),
)
OBLIGATION_DIMENSIONS = ("state", "measure")
OBLIGATIONS = Tally(
    "partnerships_obligations",
    OBLIGATION_DIMENSIONS,
    ("count",),
    model="partnerships.ObligationTally",
    rollups=everywhere(OBLIGATION_DIMENSIONS),
)
TALLIES = (AGREEMENTS, OBLIGATIONS)

AGREEMENT_VALUES = ("region_code", "status", "scopes")
OBLIGATION_VALUES = ("agreement__region_code", "state", "measure")


def agreement_contribution(values: tuple) -> list:
    region, status, scopes = values
    rows = [(AGREEMENTS, (region, status, ""), (1,))]
    rows += [(AGREEMENTS, (region, status, scope), (1,)) for scope in sorted(set(scopes or []))]
    return rows


def obligation_contribution(values: tuple) -> list:
    region, state, measure = values
    return [(OBLIGATIONS, (region, state, measure), (1,))]


def _read_agreements(pks: list[int]) -> dict[int, tuple]:
    from sinergi.partnerships.models import Agreement

    return locked_values(Agreement.objects.all(), AGREEMENT_VALUES, pks)


def _read_obligations(pks: list[int]) -> dict[int, tuple]:
    from sinergi.partnerships.models import Obligation

    return locked_values(Obligation.objects.all(), OBLIGATION_VALUES, pks)


class TallyChange(core.TallyChange):
    """The rows one write touches: `watch(agreements=…, obligations=…)` before the write,
    `created(…)` for new rows, `apply()` after."""

    def __init__(self) -> None:
        super().__init__(
            {
                "agreements": (_read_agreements, agreement_contribution, AGREEMENT_VALUES),
                "obligations": (_read_obligations, obligation_contribution, OBLIGATION_VALUES),
            },
            TALLIES,
        )


def _count(rows, contribution) -> dict:
    totals: dict = {}
    for row in rows:
        for _tally, key, _measures in contribution(row):
            totals.setdefault(key, [0])[0] += 1
    return totals


def recompute(tally: Tally) -> dict:
    from sinergi.partnerships.models import Agreement, Obligation

    if tally is AGREEMENTS:
        return _count(Agreement.objects.values_list(*AGREEMENT_VALUES).iterator(), agreement_contribution)
    return _count(Obligation.objects.values_list(*OBLIGATION_VALUES).iterator(), obligation_contribution)


def differences() -> list[Difference]:
    """Every tally row whose stored count differs from a recount of agreements and obligations."""
    return [d for tally in TALLIES for d in core.differences(tally, recompute(tally))]


def repair(found: list[Difference] | None = None) -> list[Difference]:
    return core.repair(differences() if found is None else found)


@transaction.atomic
def rebuild() -> None:
    for tally in TALLIES:
        core.rebuild(tally, recompute(tally))


def describe(item: Difference) -> list[str]:
    """One line per differing row, e.g. "Perjanjian kerja sama di 32.01, Berlaku, Akses permodalan:
    tercatat 0, dihitung 1" (`sinergi insights_verify`)."""
    from django.utils.translation import gettext as _

    from sinergi.partnerships.models import AgreementStatus, Measure, ObligationState, Scope

    def label(choices, value):
        return str(choices(value).label) if value in choices.values else value or "–"

    if item.tally is AGREEMENTS:
        region, status, scope = item.key
        where = _("Perjanjian kerja sama di {region}, {status}, {scope}").format(
            region=region, status=label(AgreementStatus, status), scope=label(Scope, scope)
        )
    else:
        region, state, measure = item.key
        where = _("Kewajiban kemitraan di {region}, {state}, {measure}").format(
            region=region, state=label(ObligationState, state), measure=label(Measure, measure)
        )
    figures = _("tercatat {stored}, dihitung {counted}").format(
        stored=item.stored[0], counted=item.counted[0]
    )
    return [f"{where}: {figures}"]
