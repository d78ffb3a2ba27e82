"""The registry's tallies (rekap): cooperatives and UMKM per village and dimension, kept on every write.

The machinery is `core.tallies`; this module gives what is the registry's own: the two tallies and
their layers, each profile's contribution (a pure function of the values it reads), the recount
from the profiles (one GROUP BY each) and the `TallyChange` that registry writes use. A write
watches the profiles it touches before and applies the difference after, in the same transaction;
bulk paths watch the whole batch, or give the rows they inserted, and apply once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Sum
from django.db.models.functions import Substr

from sinergi.core import tallies as core
from sinergi.core.tallies import (
    DISTRICT,
    PROVINCE,
    REGENCY,
    Difference,
    Layer,
    Tally,
    everywhere,
    locked_values,
)

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


# Rolled up for the dashboard's questions: by status, by type; UMKM by status and scale, by
# sector and by owner's sex. A kecamatan's sectors are summed from its villages.
COOPERATIVES = Tally(
    "cooperatives",
    ("status", "cooperative_type", "form"),
    ("count", "members_male", "members_female", "members_unspecified", "with_rat"),
    model="registry.CooperativeTally",
    rollups=everywhere(("status",), ("cooperative_type",)),
)
BUSINESSES = Tally(
    "businesses",
    ("status", "scale", "sector", "owner_gender"),
    ("count", "employees", "annual_sales", "capital"),
    model="registry.BusinessTally",
    rollups=(
        Layer(DISTRICT, ("status", "scale")),
        Layer(DISTRICT, ("owner_gender",)),
        *(
            Layer(level, dims)
            for level in (REGENCY, PROVINCE)
            for dims in (("status", "scale"), ("sector",), ("owner_gender",))
        ),
    ),
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


def _profiles():
    from sinergi.registry.models import BusinessProfile, CooperativeProfile

    return {COOPERATIVES: CooperativeProfile, BUSINESSES: BusinessProfile}


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


# --- keeping the tallies on every write ---------------------------------------------------------


def _read_cooperatives(pks: list[int]) -> dict[int, tuple]:
    from sinergi.registry.models import CooperativeProfile

    return locked_values(CooperativeProfile.objects.all(), COOPERATIVE_VALUES, pks)


def _read_businesses(pks: list[int]) -> dict[int, tuple]:
    from sinergi.registry.models import BusinessProfile

    return locked_values(BusinessProfile.objects.all(), BUSINESS_VALUES, pks)


def _cooperative_items(values: tuple) -> list:
    item = cooperative_contribution(values)
    return [] if item is None else [(COOPERATIVES, *item)]


def _business_items(values: tuple) -> list:
    item = business_contribution(values)
    return [] if item is None else [(BUSINESSES, *item)]


SOURCES = {
    "cooperatives": (_read_cooperatives, _cooperative_items, COOPERATIVE_VALUES),
    "businesses": (_read_businesses, _business_items, BUSINESS_VALUES),
}
SOURCE_OF = {COOPERATIVES: "cooperatives", BUSINESSES: "businesses"}


# Other slices keep tallies keyed on an organisation's place: health on a cooperative's reports,
# purchasing on a coordinator's rounds. When a registry write moves or merges organisations, they
# must move their rows too, in the same transaction. A slice registers a watcher here from its
# AppConfig.ready() (the registry never imports them): given the organisation ids before the
# write, it reads what it needs and returns the function that applies its deltas after the write.
ORGANIZATION_WATCHERS: list[Callable[[list[int]], Callable[[], None]]] = []


class TallyChange(core.TallyChange):
    """The profiles one write touches: `watch(cooperatives=…, businesses=…)` before the write,
    `apply()` after (`core.tallies.TallyChange`); a bulk path gives what it inserted or updated
    by tally (`inserted(BUSINESSES, values)`, `updated(BUSINESSES, pk, **values)`)."""

    def __init__(self) -> None:
        super().__init__(SOURCES, (COOPERATIVES, BUSINESSES))

    def watch_organizations(self, pks: Iterable[int]) -> TallyChange:
        """Organisations whose place or identity the write changes: their profiles, and what other
        slices count at their place (`ORGANIZATION_WATCHERS`)."""
        pks = list(pks)
        for watcher in ORGANIZATION_WATCHERS:
            self.later(watcher(pks))
        return self.watch(cooperatives=pks, businesses=pks)

    def inserted(self, tally, values: Iterable[tuple]) -> TallyChange:
        return super().inserted(SOURCE_OF.get(tally, tally), values)

    def updated(self, tally, pk: int, **values) -> TallyChange:
        return super().updated(SOURCE_OF.get(tally, tally), pk, **values)


def apply_deltas(tally: Tally, deltas: dict[Key, list]) -> None:
    """Add each village key's measures to the tally's rows (`core.tallies.apply_deltas`)."""
    core.apply_deltas(tally, deltas)


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
        core.add(totals, key, measures)
    return totals


def recompute(tally: Tally, profile_model=None) -> dict[Key, list]:
    """The village rows of `tally` counted from the profiles."""
    profile = profile_model or _profiles()[tally]
    return (recompute_cooperatives if tally is COOPERATIVES else recompute_businesses)(profile)


def differences() -> list[Difference]:
    """Every tally row whose stored measures differ from a recount of the profiles."""
    return [
        item for tally in (COOPERATIVES, BUSINESSES) for item in core.differences(tally, recompute(tally))
    ]


def repair(found: list[Difference] | None = None) -> list[Difference]:
    """Rewrite the rows that differ (and delete rows that should be zero); returns what it fixed."""
    return core.repair(differences() if found is None else found)


@transaction.atomic
def rebuild() -> None:
    """Recount every tally from scratch (after a bulk load that bypassed the services)."""
    for tally in (COOPERATIVES, BUSINESSES):
        core.rebuild(tally, recompute(tally))
