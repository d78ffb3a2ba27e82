"""Class breaks for a choropleth legend: quantiles or Jenks natural breaks, and the palette.

Pure: values in, frozen dataclasses out, no Django. A missing figure (None) is never a number: it
stays out of the classes and is drawn in the neutral colour as "no data".

Breaks are the upper edges of the classes, strictly increasing, the last one the maximum. A value
belongs to the first class whose upper edge it does not exceed: class 0 holds `v <= breaks[0]`,
class i holds `breaks[i - 1] < v <= breaks[i]`. Equal values always share a class: when the data
hold fewer distinct values than the requested classes, there are fewer classes, never an empty
class or a repeated edge. The legend shows each class as the lowest and highest value in it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

Method = Literal["quantile", "jenks"]
Number = int | float | Decimal

MIN_CLASSES = 3
MAX_CLASSES = 7

# ColorBrewer "YlGnBu" (sequential, 3–7 classes): light yellow to dark blue, marked colour-blind
# safe and print friendly by ColorBrewer. This product includes color specifications and designs
# developed by Cynthia Brewer (http://colorbrewer.org/), Apache License 2.0. One and two classes
# (too few distinct values) take members of the 3- and 5-class ramps.
PALETTES: dict[int, tuple[str, ...]] = {
    1: ("#41b6c4",),
    2: ("#a1dab4", "#2c7fb8"),
    3: ("#edf8b1", "#7fcdbb", "#2c7fb8"),
    4: ("#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"),
    5: ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"),
    6: ("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"),
    7: ("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"),
}
# A mid grey, outside the yellow–blue ramp, so "no data" never reads as "low".
NO_DATA_COLOUR = "#bdbdbd"


@dataclass(frozen=True)
class Classification:
    """The legend of one map, one item per class in `breaks`, `ranges` and `colours`; all empty
    when nothing has data. `ranges` holds the lowest and highest value present in each class."""

    method: Method
    breaks: tuple[float, ...]
    ranges: tuple[tuple[float, float], ...]
    colours: tuple[str, ...]
    no_data_colour: str = NO_DATA_COLOUR

    @property
    def classes(self) -> int:
        return len(self.breaks)

    def class_of(self, value: Number | None) -> int | None:
        return class_index(value, self.breaks)

    def colour_of(self, value: Number | None) -> str:
        index = self.class_of(value)
        return self.no_data_colour if index is None else self.colours[index]


def palette(k: int) -> tuple[str, ...]:
    """The sequential palette for k classes (1..7)."""
    if k not in PALETTES:
        raise ValueError(f"no palette for {k} classes")
    return PALETTES[k]


def _present(values: Iterable[Number | None]) -> list[float]:
    out = []
    for v in values:
        if v is None:
            continue
        f = float(v)
        if math.isnan(f):
            continue
        out.append(f)
    return out


def _check_k(k: int) -> None:
    if not MIN_CLASSES <= k <= MAX_CLASSES:
        raise ValueError(f"classes must be between {MIN_CLASSES} and {MAX_CLASSES}, not {k}")


def quantile_breaks(values: Iterable[Number | None], k: int) -> tuple[float, ...]:
    """Upper edges putting about n/k places in each class (nearest rank), ties kept together.

    The upper edge of class i (1-based) is the value at rank ceil(i·n/k); an edge equal to the
    previous one (a run of equal values) is dropped, which leaves fewer classes.
    """
    _check_k(k)
    xs = sorted(_present(values))
    if not xs:
        return ()
    n = len(xs)
    edges: list[float] = []
    for i in range(1, k):
        edge = xs[math.ceil(i * n / k) - 1]
        if (not edges or edge > edges[-1]) and edge < xs[-1]:
            edges.append(edge)
    edges.append(xs[-1])
    return tuple(edges)


def jenks_breaks(values: Iterable[Number | None], k: int) -> tuple[float, ...]:
    """Fisher–Jenks natural breaks: the grouping of the sorted values into k runs with the least
    total within-class sum of squared deviations (exact, not the iterative approximation).

    Works on distinct values weighted by their counts, so equal values cannot be split. Dynamic
    programming over classes; within a class count the best split point never moves left as the
    run end moves right (the squared-deviation cost satisfies the quadrangle inequality), so each
    layer is solved by divide and conquer in O(m log m) for m distinct values.
    """
    _check_k(k)
    present = _present(values)
    if not present:
        return ()
    counts = sorted(Counter(present).items())
    xs = [x for x, _ in counts]
    m = len(xs)
    if m == 1:
        return (xs[0],)
    k = min(k, m)
    # Centre the values before squaring: turnover in rupiah squared would lose digits otherwise.
    centre = sum(xs) / m
    w = [0.0] * (m + 1)
    s = [0.0] * (m + 1)
    s2 = [0.0] * (m + 1)
    for i, (x, c) in enumerate(counts):
        d = x - centre
        w[i + 1] = w[i] + c
        s[i + 1] = s[i] + c * d
        s2[i + 1] = s2[i] + c * d * d

    def cost(i: int, j: int) -> float:
        """Sum of squared deviations of distinct values i..j-1 (half-open), weighted."""
        ww = w[j] - w[i]
        ss = s[j] - s[i]
        return max(s2[j] - s2[i] - ss * ss / ww, 0.0)

    inf = float("inf")
    # prev[j]: best cost of the first j distinct values in c - 1 classes.
    prev = [inf] * (m + 1)
    for j in range(1, m + 1):
        prev[j] = cost(0, j)
    starts: list[list[int]] = []
    for c in range(2, k + 1):
        cur = [inf] * (m + 1)
        arg = [0] * (m + 1)

        def solve(lo: int, hi: int, opt_lo: int, opt_hi: int, cur=cur, arg=arg, prev=prev, c=c) -> None:
            if lo > hi:
                return
            mid = (lo + hi) // 2
            best, best_i = inf, -1
            # The last class starts at index i (values i..mid-1); the first c-1 classes need i >= c-1.
            for i in range(max(opt_lo, c - 1), min(opt_hi, mid - 1) + 1):
                v = prev[i] + cost(i, mid)
                if v < best:
                    best, best_i = v, i
            cur[mid], arg[mid] = best, best_i
            solve(lo, mid - 1, opt_lo, best_i if best_i >= 0 else opt_hi, cur, arg, prev, c)
            solve(mid + 1, hi, best_i if best_i >= 0 else opt_lo, opt_hi, cur, arg, prev, c)

        solve(c, m, c - 1, m - 1)
        starts.append(arg)
        prev = cur
    # Walk the split points back from the full range: each class start gives the edge before it.
    edges = [xs[-1]]
    j = m
    for arg in reversed(starts):
        i = arg[j]
        edges.append(xs[i - 1])
        j = i
    return tuple(reversed(edges))


def class_index(value: Number | None, breaks: Sequence[float]) -> int | None:
    """The class of `value` under `breaks` (0-based), or None for a missing value or no classes.

    A value above the last edge falls into the last class.
    """
    if value is None or not breaks:
        return None
    v = float(value)
    if math.isnan(v):
        return None
    for i, edge in enumerate(breaks):
        if v <= edge:
            return i
    return len(breaks) - 1


def classify(values: Iterable[Number | None], *, k: int = 5, method: Method = "quantile") -> Classification:
    """The legend for `values`: breaks by `method` and the palette for the resulting class count."""
    values = list(values)
    if method == "quantile":
        breaks = quantile_breaks(values, k)
    elif method == "jenks":
        breaks = jenks_breaks(values, k)
    else:
        raise ValueError(f"unknown method {method!r}")
    lows: list[float] = [math.inf] * len(breaks)
    highs: list[float] = [-math.inf] * len(breaks)
    for v in _present(values):
        i = class_index(v, breaks)
        lows[i] = min(lows[i], v)
        highs[i] = max(highs[i], v)
    return Classification(
        method=method,
        breaks=breaks,
        ranges=tuple(zip(lows, highs, strict=True)),
        colours=palette(len(breaks)) if breaks else (),
    )


def assign(values: Sequence[Number | None], classification: Classification) -> list[int | None]:
    """The class index of each value, None where the value is missing."""
    return [class_index(v, classification.breaks) for v in values]
