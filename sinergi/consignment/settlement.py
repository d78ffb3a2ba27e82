"""Settlement of consigned goods (penyelesaian titip jual): the arithmetic, with no Django.

Per agreement period and producer, each sold line gives the gross the buyers paid (qty × unit
price), the outlet's margin and the producer's share:

- commission model (komisi): the outlet keeps `commission_pct` % of the gross of the line, rounded
  half-up to whole Rupiah per line; the producer gets the rest of the line;
- fixed consignment price (harga titip tetap): the producer gets qty × the fixed price per unit;
  the outlet keeps the rest of the line (retail price − fixed price per unit).

So on every line `gross == margin + share` exactly, and money is conserved over any set of lines:
what buyers paid = the producers' shares + the outlets' margins. Returns to the producer and
expiry write-offs are listed with their quantities but pay nothing.

Periods: monthly (a calendar month), fortnightly (the 1st–15th and the 16th–end of a month) or
weekly (Monday to Sunday). A period belongs to the month its last day falls in.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

WHOLE = Decimal(1)
HUNDRED = Decimal(100)

MONTHLY, FORTNIGHTLY, WEEKLY = "monthly", "fortnightly", "weekly"


@dataclass(frozen=True)
class SoldLine:
    """Units of one product sold at one price under one set of terms. Exactly one of
    `commission_pct` (0–100) and `producer_price` (per unit, ≤ unit price) is given."""

    product_id: int
    qty: int
    unit_price: Decimal
    commission_pct: Decimal | None = None
    producer_price: Decimal | None = None


@dataclass(frozen=True)
class LineResult:
    product_id: int
    qty: int
    unit_price: Decimal
    gross: Decimal
    outlet_margin: Decimal
    producer_share: Decimal


@dataclass(frozen=True)
class Settlement:
    lines: tuple[LineResult, ...]
    sold_qty: int
    gross: Decimal
    outlet_margin: Decimal
    producer_share: Decimal


def whole(amount: Decimal) -> Decimal:
    """Rounded half-up to whole Rupiah."""
    return amount.quantize(WHOLE, rounding=ROUND_HALF_UP)


def settle_line(line: SoldLine) -> LineResult:
    gross = line.unit_price * line.qty
    if line.producer_price is not None:
        share = line.producer_price * line.qty
        margin = gross - share
    else:
        margin = whole(gross * (line.commission_pct or Decimal(0)) / HUNDRED)
        share = gross - margin
    return LineResult(line.product_id, line.qty, line.unit_price, gross, margin, share)


def grouped(lines: Iterable[SoldLine]) -> list[SoldLine]:
    """Lines of the same product, price and terms added together, in product order: the statement
    shows one line per product and price, and the commission is rounded once per such line."""
    totals: dict[tuple, int] = {}
    for line in lines:
        key = (line.product_id, line.unit_price, line.commission_pct, line.producer_price)
        totals[key] = totals.get(key, 0) + line.qty
    return [
        SoldLine(product_id=k[0], qty=q, unit_price=k[1], commission_pct=k[2], producer_price=k[3])
        for k, q in sorted(totals.items(), key=lambda item: (item[0][0], item[0][1]))
        if q
    ]


def settle(lines: Iterable[SoldLine]) -> Settlement:
    """The statement's figures for the sold lines of one producer in one period."""
    results = tuple(settle_line(line) for line in grouped(lines))
    return Settlement(
        lines=results,
        sold_qty=sum(r.qty for r in results),
        gross=sum((r.gross for r in results), Decimal(0)),
        outlet_margin=sum((r.outlet_margin for r in results), Decimal(0)),
        producer_share=sum((r.producer_share for r in results), Decimal(0)),
    )


def difference(new: Settlement, old: Settlement) -> Settlement:
    """What a correction adds to an earlier statement: the new figures minus the old, per product
    and price (lines that did not change are left out)."""
    by_key: dict[tuple, list] = {}
    for sign, settlement in ((1, new), (-1, old)):
        for r in settlement.lines:
            row = by_key.setdefault((r.product_id, r.unit_price), [0, Decimal(0), Decimal(0), Decimal(0)])
            row[0] += sign * r.qty
            row[1] += sign * r.gross
            row[2] += sign * r.outlet_margin
            row[3] += sign * r.producer_share
    lines = tuple(
        LineResult(key[0], row[0], key[1], row[1], row[2], row[3])
        for key, row in sorted(by_key.items())
        if any(row)
    )
    return Settlement(
        lines=lines,
        sold_qty=sum(r.qty for r in lines),
        gross=sum((r.gross for r in lines), Decimal(0)),
        outlet_margin=sum((r.outlet_margin for r in lines), Decimal(0)),
        producer_share=sum((r.producer_share for r in lines), Decimal(0)),
    )


# --- periods ---------------------------------------------------------------------------------


def period_of(frequency: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The settlement period (first and last day) holding `day`."""
    if frequency == WEEKLY:
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6)
    last = calendar.monthrange(day.year, day.month)[1]
    if frequency == FORTNIGHTLY:
        if day.day <= 15:
            return day.replace(day=1), day.replace(day=15)
        return day.replace(day=16), day.replace(day=last)
    return day.replace(day=1), day.replace(day=last)


def periods_ending_in(frequency: str, year: int, month: int) -> list[tuple[dt.date, dt.date]]:
    """Every period whose last day falls in the month, in order."""
    last = calendar.monthrange(year, month)[1]
    found = []
    for d in range(1, last + 1):
        day = dt.date(year, month, d)
        start, end = period_of(frequency, day)
        if end == day:
            found.append((start, end))
    return found
