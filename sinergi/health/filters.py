"""Filters of the health lists: one definition for the HTML pages and the API."""

from __future__ import annotations

from dataclasses import dataclass, fields

from sinergi.health.models import ReportStatus
from sinergi.registry.filters import region_param

PREDICATES = (
    "sehat",
    "cukup_sehat",
    "dalam_pengawasan",
    "dalam_pengawasan_khusus",
    "kurang_sehat",
    "tidak_sehat",
    "sangat_tidak_sehat",
)


def clean_region(value: str | None) -> str:
    """A Kemendagri code prefix ("32.71", "32.71.06"), or "" when it is not one."""
    value = (value or "").strip()
    parts = value.split(".")
    if not value or len(parts) > 4 or not all(part.isdigit() for part in parts):
        return ""
    return value


def _year(value) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and 1945 <= int(text) <= 2200 else None


@dataclass(frozen=True)
class ReportFilters:
    q: str = ""
    region: str = ""
    year: int | None = None
    status: str = ""
    predicate: str = ""

    @classmethod
    def from_params(cls, params) -> ReportFilters:
        status = (params.get("status") or "").strip()
        predicate = (params.get("predicate") or "").strip()
        return cls(
            q=(params.get("q") or "").strip()[:100],
            region=clean_region(params.get("region")),
            year=_year(params.get("year")),
            status=status if status in ReportStatus.values else "",
            predicate=predicate if predicate in PREDICATES else "",
        )

    def as_params(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}


@dataclass(frozen=True)
class SupervisionFilters:
    region: str = ""
    q: str = ""

    @classmethod
    def from_params(cls, params) -> SupervisionFilters:
        # The region picker sends its levels (region_1 … region_4); a link may carry `region`.
        return cls(region=clean_region(region_param(params)), q=(params.get("q") or "").strip()[:100])

    def as_params(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}
