"""Belanja Bareng list filters: one definition for the HTML lists and the API."""

from __future__ import annotations

from dataclasses import dataclass, fields

from sinergi.purchasing.models import ProductCategory, PurchaseOrderStatus, RoundStatus


def _pick(value: str | None, allowed: list[str]) -> str:
    value = (value or "").strip()
    return value if value in allowed else ""


def _id(value) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() else None


def _params(self) -> dict:
    return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) not in ("", None)}


@dataclass(frozen=True)
class RoundFilters:
    status: str = ""
    network: int | None = None
    q: str = ""

    @classmethod
    def from_params(cls, params) -> RoundFilters:
        return cls(
            status=_pick(params.get("status"), RoundStatus.values),
            network=_id(params.get("network")),
            q=(params.get("q") or "").strip()[:100],
        )

    as_params = _params


@dataclass(frozen=True)
class PriceListFilters:
    supplier: int | None = None
    # "current": valid today; "" every list.
    validity: str = ""

    @classmethod
    def from_params(cls, params) -> PriceListFilters:
        return cls(supplier=_id(params.get("supplier")), validity=_pick(params.get("validity"), ["current"]))

    as_params = _params


@dataclass(frozen=True)
class PurchaseOrderFilters:
    status: str = ""
    round: int | None = None

    @classmethod
    def from_params(cls, params) -> PurchaseOrderFilters:
        return cls(
            status=_pick(params.get("status"), PurchaseOrderStatus.values), round=_id(params.get("round"))
        )

    as_params = _params


@dataclass(frozen=True)
class CatalogueFilters:
    q: str = ""
    category: str = ""
    # Only products with a price above a government ceiling.
    warnings: bool = False

    @classmethod
    def from_params(cls, params) -> CatalogueFilters:
        return cls(
            q=(params.get("q") or "").strip()[:100],
            category=_pick(params.get("category"), ProductCategory.values),
            warnings=(params.get("warnings") or "") in {"1", "on", "true"},
        )

    as_params = _params
