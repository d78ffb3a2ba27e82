"""The catalogue's filters: one definition read by the public page and the open JSON feed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sinergi.market.models import Category, LegalityKind

REGION_CODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")


@dataclass(frozen=True)
class CatalogueFilters:
    q: str = ""
    category: str = ""
    region: str = ""
    legality: str = ""
    producer: int | None = None

    @classmethod
    def parse(cls, data) -> CatalogueFilters:
        """Known values only: an unknown category, region or legality kind filters nothing out
        rather than erroring (a shared link may be old)."""
        q = " ".join(str(data.get("q") or "").split())[:100]
        category = data.get("category") or data.get("kategori") or ""
        category = category if category in Category.values else ""
        # The kecamatan, when chosen, narrows the kabupaten/kota.
        region = data.get("kecamatan") or data.get("region") or data.get("wilayah") or ""
        region = region if REGION_CODE.match(region) else ""
        legality = data.get("legality") or data.get("izin") or ""
        legality = legality if legality in LegalityKind.values else ""
        return cls(q=q, category=category, region=region, legality=legality)

    @property
    def regency(self) -> str:
        return self.region[:5] if len(self.region) >= 5 else ""

    @property
    def district(self) -> str:
        return self.region[:8] if len(self.region) >= 8 else ""

    @property
    def active(self) -> bool:
        return bool(self.q or self.category or self.region or self.legality)
