"""Staple-goods prices from `purchasing/data/`: government ceilings and Badan Pangan consumer prices.

Two uses. The ceiling warning: a supplier's price per kilogram or litre above the government's
harga eceran tertinggi (HET) or harga acuan (HAP) is flagged on the catalogue and price-list pages
— a cooperative buying above the retail ceiling cannot resell within it. And realistic demo prices:
the mean Kota Bandung consumer price of each commodity over the window in the Badan Pangan file.

Products are matched to both files through `Product.commodity`, one of the keys of `COMMODITIES`.
Only ceiling rows whose status starts with "current" count; the others document the history (the
egg and chicken reference prices were relaxed in 2024 and their new values are not in the file, so
those commodities carry no ceiling). Pure module: no Django, read once and cached.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
CONSUMER_PRICES_CSV = DATA_DIR / "bapanas_harga_konsumen_kota_bandung_2025-09-13_2025-11-16.csv"
CEILINGS_CSV = DATA_DIR / "reference_prices_het_hap.csv"

# Content units a product may be measured in, and how many base units (kg or litre) each is.
BASE_UNIT = {
    "kg": ("kg", Decimal(1)),
    "g": ("kg", Decimal("0.001")),
    "liter": ("liter", Decimal(1)),
    "ml": ("liter", Decimal("0.001")),
    "pcs": ("pcs", Decimal(1)),
}


@dataclass(frozen=True)
class Commodity:
    """A staple the price files know: `bapanas` names it in the consumer-price file, `ceiling` in
    the ceiling file (None when no ceiling applies), `unit` is what both prices are per."""

    key: str
    label: str
    bapanas: str
    ceiling: str | None
    unit: str


COMMODITIES: tuple[Commodity, ...] = (
    Commodity("beras_premium", "Beras premium", "Beras Premium", "Beras premium", "kg"),
    Commodity("beras_medium", "Beras medium", "Beras Medium", "Beras medium", "kg"),
    # SPHP rice is Bulog's medium-quality stabilisation rice: the medium-rice HET is its ceiling.
    Commodity("beras_sphp", "Beras SPHP", "Beras SPHP", "Beras medium", "kg"),
    Commodity("gula", "Gula konsumsi", "Gula Konsumsi", "Gula konsumsi", "kg"),
    Commodity("minyakita", "Minyakita", "Minyakita", "Minyak goreng rakyat (Minyakita)", "liter"),
    # Premium packaged and loose cooking oil have no HET; only the people's brand Minyakita does.
    Commodity("minyak_kemasan", "Minyak goreng kemasan", "Minyak Goreng Kemasan", None, "liter"),
    Commodity("minyak_curah", "Minyak goreng curah", "Minyak Goreng Curah", None, "liter"),
    Commodity("tepung_kemasan", "Tepung terigu kemasan", "Tepung Terigu Kemasan", None, "kg"),
    Commodity("tepung_curah", "Tepung terigu curah", "Tepung Terigu (Curah)", None, "kg"),
    Commodity("telur", "Telur ayam ras", "Telur Ayam Ras", "Telur ayam ras", "kg"),
    Commodity("daging_ayam", "Daging ayam ras", "Daging Ayam Ras", "Daging ayam ras (karkas)", "kg"),
    Commodity("garam", "Garam konsumsi", "Garam Konsumsi", None, "kg"),
    Commodity("bawang_merah", "Bawang merah", "Bawang Merah", None, "kg"),
    Commodity("bawang_putih", "Bawang putih", "Bawang Putih Bonggol", None, "kg"),
)
COMMODITY_BY_KEY = {c.key: c for c in COMMODITIES}
COMMODITY_CHOICES = [(c.key, c.label) for c in COMMODITIES]


@dataclass(frozen=True)
class Ceiling:
    """One government ceiling in force: HET (harga eceran tertinggi) or HAP (harga acuan)."""

    commodity: str  # the name in the ceiling file
    price_type: str
    price: Decimal  # Rupiah per `unit`
    unit: str
    legal_basis: str
    effective_from: str
    source_url: str


@dataclass(frozen=True)
class CeilingWarning:
    """A price per kg/litre above its ceiling: what was compared, so the page can say it plainly."""

    ceiling: Ceiling
    price_per_unit: Decimal
    excess: Decimal


@cache
def ceilings() -> dict[str, Ceiling]:
    """Ceilings in force, keyed by the commodity name of the ceiling file."""
    found: dict[str, Ceiling] = {}
    with CEILINGS_CSV.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if not row["status"].strip().lower().startswith("current"):
                continue
            found[row["commodity"]] = Ceiling(
                commodity=row["commodity"],
                price_type=row["price_type"],
                price=Decimal(row["price_idr"]),
                unit=row["unit"],
                legal_basis=row["legal_basis"],
                effective_from=row["effective_from"],
                source_url=row["source_url"],
            )
    return found


def ceiling_for(commodity_key: str) -> Ceiling | None:
    """The ceiling in force for a product's commodity, or None (unknown commodity or none in force)."""
    commodity = COMMODITY_BY_KEY.get(commodity_key or "")
    if commodity is None or commodity.ceiling is None:
        return None
    return ceilings().get(commodity.ceiling)


def price_per_base_unit(unit_price: Decimal, pack_size: Decimal, content_unit: str) -> tuple[Decimal, str]:
    """The price of one kg / litre / piece of the content, to the Rupiah."""
    base, factor = BASE_UNIT[content_unit]
    per_unit = Decimal(unit_price) / (Decimal(pack_size) * factor)
    return per_unit.quantize(Decimal(1), rounding=ROUND_HALF_UP), base


def ceiling_warning(
    *, commodity: str, pack_size: Decimal, content_unit: str, unit_price: Decimal
) -> CeilingWarning | None:
    """A warning when `unit_price` for one pack is above the ceiling per kg/litre, else None."""
    ceiling = ceiling_for(commodity)
    if ceiling is None or content_unit not in BASE_UNIT or not pack_size or pack_size <= 0:
        return None
    per_unit, base = price_per_base_unit(unit_price, pack_size, content_unit)
    if base != ceiling.unit or per_unit <= ceiling.price:
        return None
    return CeilingWarning(ceiling=ceiling, price_per_unit=per_unit, excess=per_unit - ceiling.price)


@cache
def consumer_prices() -> dict[str, Decimal]:
    """Mean consumer price per commodity (Badan Pangan name) over the file's window, in Rupiah.

    `Harga = 0` means nobody reported that day: it is skipped, never read as a price.
    """
    sums: dict[str, Decimal] = {}
    counts: dict[str, int] = {}
    with CONSUMER_PRICES_CSV.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            price = Decimal(row["Harga"])
            if price > 0:
                sums[row["Komoditas"]] = sums.get(row["Komoditas"], Decimal(0)) + price
                counts[row["Komoditas"]] = counts.get(row["Komoditas"], 0) + 1
    return {name: (sums[name] / counts[name]).quantize(Decimal(1), rounding=ROUND_HALF_UP) for name in sums}


def consumer_price(commodity_key: str) -> Decimal | None:
    """The mean Kota Bandung consumer price per kg/litre of a commodity key, or None."""
    commodity = COMMODITY_BY_KEY.get(commodity_key or "")
    if commodity is None:
        return None
    return consumer_prices().get(commodity.bapanas)
