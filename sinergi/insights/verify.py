"""Checking every slice's tallies against a recount of the raw rows (`sinergi insights_verify`).

Each slice that keeps tallies gives a verifier here: its name, a function listing the differences
between its stored and recounted tallies, one repairing them, and one putting a difference into
words. A slice that adds tallies later appends its entry to VERIFIERS, importing only its
tallies module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from sinergi.registry import tallies as registry_tallies


@dataclass(frozen=True)
class Verifier:
    name: str
    differences: Callable[[], list]
    repair: Callable[[list], list]
    describe: Callable[[object], list[str]]


def _number(value) -> str:
    """Indonesian digit grouping: 1.234.567 and 1.234,50."""
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    text = f"{value:,.2f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def _measure_names(tally) -> dict[str, str]:
    if tally is registry_tallies.COOPERATIVES:
        return {
            "count": "",
            "members_male": _("anggota laki-laki"),
            "members_female": _("anggota perempuan"),
            "members_unspecified": _("anggota tanpa rincian"),
            "with_rat": _("yang mencatat RAT"),
        }
    return {
        "count": "",
        "employees": _("tenaga kerja"),
        "annual_sales": _("omzet per tahun"),
        "capital": _("modal usaha"),
    }


def describe_registry(item: registry_tallies.Difference) -> list[str]:
    """One line per differing measure, e.g. "Koperasi di 32.71.03.1002, aktif, Simpan pinjam,
    primer: tercatat 3, dihitung 4"."""
    words = registry_tallies.labels(item.tally, item.key)
    counted_over = set(item.dimensions)
    region = item.key[0]
    if item.tally is registry_tallies.COOPERATIVES:
        parts = {
            "status": (words["status"] or _("tanpa status")).lower(),
            "cooperative_type": words["cooperative_type"] or _("jenis tidak diisi"),
            "form": (words["form"] or _("bentuk tidak diisi")).lower(),
        }
        subject = _("Koperasi di {region}").format(region=region)
    else:
        sector = words["sector"]
        parts = {
            "status": (words["status"] or _("tanpa status")).lower(),
            "scale": (words["scale"] or _("skala belum diketahui")).lower(),
            "sector": _("sektor {letter}").format(letter=sector) if sector else _("sektor belum diketahui"),
            "owner_gender": (words["owner_gender"] or _("jenis kelamin pemilik tidak diisi")).lower(),
        }
        subject = _("UMKM di {region}").format(region=region)
    # A rolled-up row is counted over some of the dimensions only: name just those.
    where = ", ".join([subject, *(text for name, text in parts.items() if name in counted_over)])
    lines = []
    names = _measure_names(item.tally)
    for measure, was, should in zip(item.tally.measures, item.stored, item.counted, strict=True):
        if was == should:
            continue
        what = names[measure]
        figures = _("tercatat {stored}, dihitung {counted}").format(
            stored=_number(was), counted=_number(should)
        )
        lines.append(f"{where}: {what + ' ' if what else ''}{figures}")
    return lines


VERIFIERS: list[Verifier] = [
    Verifier(
        name="registry",
        differences=registry_tallies.differences,
        repair=registry_tallies.repair,
        describe=describe_registry,
    ),
]


def verify() -> list[str]:
    """Every difference of every slice's tallies, as readable lines (empty when all agree)."""
    lines: list[str] = []
    for verifier in VERIFIERS:
        for item in verifier.differences():
            lines.extend(verifier.describe(item))
    return lines


@transaction.atomic
def repair() -> list[str]:
    """Rewrite every tally that differs; returns the lines of what was fixed."""
    lines: list[str] = []
    for verifier in VERIFIERS:
        for item in verifier.repair(verifier.differences()):
            lines.extend(verifier.describe(item))
    return lines


from sinergi.health import tallies as health_tallies  # noqa: E402

VERIFIERS.append(
    Verifier(
        name="health",
        differences=health_tallies.differences,
        repair=health_tallies.repair,
        describe=health_tallies.describe,
    )
)


from sinergi.purchasing import tallies as purchasing_tallies  # noqa: E402

VERIFIERS.append(
    Verifier(
        name="purchasing",
        differences=purchasing_tallies.differences,
        repair=purchasing_tallies.repair,
        describe=purchasing_tallies.describe,
    )
)


from sinergi.clinic import tallies as clinic_tallies  # noqa: E402

VERIFIERS.append(
    Verifier(
        name="clinic",
        differences=clinic_tallies.differences,
        repair=clinic_tallies.repair,
        describe=clinic_tallies.describe,
    )
)


from sinergi.consignment import tallies as consignment_tallies  # noqa: E402

VERIFIERS.append(
    Verifier(
        name="consignment",
        differences=consignment_tallies.differences,
        repair=consignment_tallies.repair,
        describe=consignment_tallies.describe,
    )
)


from sinergi.assistance import tallies as assistance_tallies  # noqa: E402

VERIFIERS.append(
    Verifier(
        name="assistance",
        differences=assistance_tallies.differences,
        repair=assistance_tallies.repair,
        describe=assistance_tallies.describe,
    )
)


from sinergi.partnerships import tallies as partnerships_tallies  # noqa: E402

VERIFIERS.append(
    Verifier(
        name="partnerships",
        differences=partnerships_tallies.differences,
        repair=partnerships_tallies.repair,
        describe=partnerships_tallies.describe,
    )
)


from sinergi.market import tallies as market_tallies  # noqa: E402

VERIFIERS.append(
    Verifier(
        name="market",
        differences=market_tallies.differences,
        repair=market_tallies.repair,
        describe=market_tallies.describe,
    )
)
