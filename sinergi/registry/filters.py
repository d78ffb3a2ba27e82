"""Registry list filters: one definition for the HTML lists, the API and the exports."""

from __future__ import annotations

from dataclasses import dataclass, fields

from sinergi.registry.models import (
    BusinessScale,
    BusinessStatus,
    CooperativeGroup,
    CooperativeStatus,
    CooperativeType,
)


def _pick(value: str | None, allowed: list[str]) -> str:
    value = (value or "").strip()
    return value if value in allowed else ""


def region_param(params) -> str:
    """The region filter: the deepest level chosen in the region picker, or a plain `region` code."""
    for level in (4, 3, 2, 1):
        value = params.get(f"region_{level}")
        if value:
            return value
    return params.get("region") or ""


def _region(value: str | None) -> str:
    value = (value or "").strip()
    parts = value.split(".")
    if not value or len(parts) > 4 or not all(p.isdigit() for p in parts):
        return ""
    return value


@dataclass(frozen=True)
class CooperativeFilters:
    q: str = ""
    region: str = ""
    cooperative_type: str = ""
    group: str = ""
    status: str = ""
    cluster: str = ""
    kbli: str = ""

    @classmethod
    def from_params(cls, params) -> CooperativeFilters:
        return cls(
            q=(params.get("q") or "").strip()[:100],
            region=_region(region_param(params)),
            cooperative_type=_pick(params.get("cooperative_type"), CooperativeType.values),
            group=_pick(params.get("group"), CooperativeGroup.values),
            status=_pick(params.get("status"), CooperativeStatus.values),
            cluster=(params.get("cluster") or "").strip() if (params.get("cluster") or "").isdigit() else "",
            kbli=(params.get("kbli") or "").strip()[:5]
            if (params.get("kbli") or "").strip().isdigit()
            else "",
        )

    def as_params(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}


@dataclass(frozen=True)
class BusinessFilters:
    q: str = ""
    region: str = ""
    scale: str = ""
    status: str = ""
    cluster: str = ""
    kbli: str = ""

    @classmethod
    def from_params(cls, params) -> BusinessFilters:
        return cls(
            q=(params.get("q") or "").strip()[:100],
            region=_region(region_param(params)),
            scale=_pick(params.get("scale"), BusinessScale.values),
            status=_pick(params.get("status"), BusinessStatus.values),
            cluster=(params.get("cluster") or "").strip() if (params.get("cluster") or "").isdigit() else "",
            kbli=(params.get("kbli") or "").strip()[:5]
            if (params.get("kbli") or "").strip().isdigit()
            else "",
        )

    def as_params(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}
