"""Business size classes (skala usaha) by PP 7/2021 Pasal 35.

The regulation gives two criteria: modal usaha (capital excluding land and buildings), used when a
business is established, and annual sales (hasil penjualan tahunan), used for existing businesses.
Sinergi classifies by annual sales when it is known — every business in the registry exists — and
by capital otherwise; an officer may override the class with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

MILIAR = Decimal(1_000_000_000)

# (class, capital upper bound, sales upper bound), inclusive bounds; above the last is "besar".
BANDS = (
    ("mikro", 1 * MILIAR, 2 * MILIAR),
    ("kecil", 5 * MILIAR, 15 * MILIAR),
    ("menengah", 10 * MILIAR, 50 * MILIAR),
)


@dataclass(frozen=True)
class ScaleExplanation:
    scale: str | None
    basis: str  # "sales", "capital" or "none"
    value: Decimal | None
    band: str


def explain_scale(*, capital: Decimal | None, annual_sales: Decimal | None) -> ScaleExplanation:
    if annual_sales is not None:
        basis, value, index = "sales", Decimal(annual_sales), 2
    elif capital is not None:
        basis, value, index = "capital", Decimal(capital), 1
    else:
        return ScaleExplanation(scale=None, basis="none", value=None, band="")
    lower = Decimal(0)
    for name, *bounds in BANDS:
        upper = bounds[index - 1]
        if value <= upper:
            return ScaleExplanation(scale=name, basis=basis, value=value, band=f"{lower} < x ≤ {upper}")
        lower = upper
    return ScaleExplanation(scale="besar", basis=basis, value=value, band=f"x > {lower}")


def business_scale(*, capital: Decimal | None, annual_sales: Decimal | None) -> str | None:
    """The class alone (what imports store for every row; explain_scale gives the reasons)."""
    if annual_sales is not None:
        value, index = annual_sales, 2
    elif capital is not None:
        value, index = capital, 1
    else:
        return None
    for name, *bounds in BANDS:
        if value <= bounds[index - 1]:
            return name
    return "besar"
