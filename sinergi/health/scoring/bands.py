"""Band inequalities as printed in the regulation tables, and the bands that use them.

The score tables of Permen KUKM 14/Per/M.KUKM/XII/2009 and Perdep 06/Per/Dep.6/IV/2016 print each
band as an inequality on the ratio in percent ("40 < x ≤ 60", "x ≥ 75", "x = 0"). The rule-set
modules write them exactly that way, so a table in code can be checked line by line against the
source (reference.md §1.3, Decision 1 and 2), and the same text is shown to the supervisor as the
band that was matched (Decision 5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_NUMBER = r"-?\d+(?:\.\d+)?"
_ONE_SIDED = re.compile(rf"^x\s*(?P<op><|≤|>|≥|=)\s*(?P<value>{_NUMBER})$")
_TWO_SIDED = re.compile(rf"^(?P<low>{_NUMBER})\s*(?P<lop><|≤)\s*x\s*(?P<hop><|≤)\s*(?P<high>{_NUMBER})$")


@dataclass(frozen=True)
class Interval:
    """A set of ratios bounded below and/or above; `None` is an open end (−∞ or +∞)."""

    text: str
    lower: Decimal | None
    lower_inclusive: bool
    upper: Decimal | None
    upper_inclusive: bool

    def __contains__(self, x: Decimal) -> bool:
        if self.lower is not None and (x < self.lower or (x == self.lower and not self.lower_inclusive)):
            return False
        return not (
            self.upper is not None and (x > self.upper or (x == self.upper and not self.upper_inclusive))
        )

    def overlaps(self, other: Interval) -> bool:
        """True when some ratio lies in both intervals (used to reject a malformed table)."""
        low, low_inclusive = _max_lower(self, other)
        high, high_inclusive = _min_upper(self, other)
        if low is None or high is None:
            return True
        return low < high or (low == high and low_inclusive and high_inclusive)

    def finite_bounds(self) -> tuple[Decimal, ...]:
        return tuple(bound for bound in (self.lower, self.upper) if bound is not None)


def _max_lower(a: Interval, b: Interval) -> tuple[Decimal | None, bool]:
    if a.lower is None:
        return b.lower, b.lower_inclusive
    if b.lower is None or a.lower > b.lower:
        return a.lower, a.lower_inclusive
    if b.lower > a.lower:
        return b.lower, b.lower_inclusive
    return a.lower, a.lower_inclusive and b.lower_inclusive


def _min_upper(a: Interval, b: Interval) -> tuple[Decimal | None, bool]:
    if a.upper is None:
        return b.upper, b.upper_inclusive
    if b.upper is None or a.upper < b.upper:
        return a.upper, a.upper_inclusive
    if b.upper < a.upper:
        return b.upper, b.upper_inclusive
    return a.upper, a.upper_inclusive and b.upper_inclusive


def interval(text: str) -> Interval:
    """Parse a printed inequality: "x < 25", "x ≥ 75", "x = 0", "40 < x ≤ 60", "21 ≤ x ≤ 25".

    "<=" and ">=" are accepted for ≤ and ≥. Anything else raises ValueError, so a typo in a rule-set
    module fails at import rather than scoring silently.
    """
    normalised = " ".join(text.replace("<=", "≤").replace(">=", "≥").split())
    match = _ONE_SIDED.match(normalised)
    if match:
        op, value = match.group("op"), Decimal(match.group("value"))
        if op == "=":
            return Interval(normalised, value, True, value, True)
        if op in ("<", "≤"):
            return Interval(normalised, None, False, value, op == "≤")
        return Interval(normalised, value, op == "≥", None, False)
    match = _TWO_SIDED.match(normalised)
    if match:
        low, high = Decimal(match.group("low")), Decimal(match.group("high"))
        if low >= high:
            raise ValueError(f"empty band: {text!r}")
        return Interval(normalised, low, match.group("lop") == "≤", high, match.group("hop") == "≤")
    raise ValueError(f"not a band inequality: {text!r}")


@dataclass(frozen=True)
class Band:
    """One row of a score table: ratios in `interval` earn credit value `nilai` (0–100).

    `note` says why a row exists that the printed table does not show as such (the 2d gap of
    Decision 2, the ratio ≤ 0 floor of Decision 9, the "max 100" above a printed top band).
    """

    interval: Interval
    nilai: int
    note: str = ""

    @property
    def text(self) -> str:
        return self.interval.text


def band(text: str, nilai: int, note: str = "") -> Band:
    return Band(interval(text), nilai, note)


def check_disjoint(intervals: tuple[Interval, ...], where: str) -> None:
    """Raise ValueError when two rows of one table claim the same ratio."""
    for i, first in enumerate(intervals):
        for second in intervals[i + 1 :]:
            if first.overlaps(second):
                raise ValueError(f"{where}: bands {first.text!r} and {second.text!r} overlap")
