"""Class breaks for the map legend: exact breaks on known sets, ties, missing data, the palette."""

import itertools
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sinergi.insights.classify import (
    NO_DATA_COLOUR,
    PALETTES,
    assign,
    class_index,
    classify,
    jenks_breaks,
    palette,
    quantile_breaks,
)


def _brute_force_jenks_cost(values, k):
    """The least within-class sum of squares over every split of the sorted distinct values."""
    xs = sorted(values)
    distinct = sorted(set(xs))
    k = min(k, len(distinct))
    best = None
    for cuts in itertools.combinations(range(1, len(distinct)), k - 1):
        edges = [distinct[c - 1] for c in cuts] + [distinct[-1]]
        best_cost = _ssd(xs, edges)
        best = best_cost if best is None else min(best, best_cost)
    return best


def _ssd(xs, edges):
    total = 0.0
    for i, edge in enumerate(edges):
        low = edges[i - 1] if i else float("-inf")
        group = [x for x in xs if low < x <= edge]
        mean = sum(group) / len(group)
        total += sum((x - mean) ** 2 for x in group)
    return total


def test_jenks_classic_example():
    # The example set from the jenkspy documentation: breaks [1.2, 2.3, 5.0, 7.8] (min and edges).
    data = [1.3, 7.1, 7.3, 2.3, 3.9, 4.1, 7.8, 1.2, 4.3, 7.3, 5.0, 4.3]
    assert jenks_breaks(data, 3) == (2.3, 5.0, 7.8)


def test_jenks_three_obvious_clusters():
    assert jenks_breaks([22, 1, 2, 3, 10, 11, 12, 20, 21], 3) == (3.0, 12.0, 22.0)


def test_jenks_hand_computed_four_classes():
    # Four clear groups: {1,1,2}, {8,9}, {20}, {40,41}.
    assert jenks_breaks([1, 1, 2, 8, 9, 20, 40, 41], 4) == (2.0, 9.0, 20.0, 41.0)


def test_jenks_ties_never_split_and_fewer_classes():
    assert jenks_breaks([5, 5, 5, 5, 9], 3) == (5.0, 9.0)
    assert jenks_breaks([7, 7, 7], 5) == (7.0,)
    assert jenks_breaks([1, 2, 2, 2, 3], 3) == (1.0, 2.0, 3.0)


def test_jenks_ignores_missing_and_accepts_decimal():
    assert jenks_breaks([None, Decimal("1.5"), 2, None, 10, 11, 30], 3) == (2.0, 11.0, 30.0)
    assert jenks_breaks([None, None], 3) == ()


def test_jenks_large_money_values_keep_precision():
    # Turnover in rupiah: a billion-scale offset must not blur the grouping.
    base = 10**12
    values = [base + v for v in (1, 2, 3, 1000, 1001, 1002, 5000, 5001)]
    assert jenks_breaks(values, 3) == (float(base + 3), float(base + 1002), float(base + 5001))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=11),
    st.integers(min_value=3, max_value=7),
)
def test_jenks_matches_brute_force(values, k):
    edges = jenks_breaks(values, k)
    assert list(edges) == sorted(set(edges))
    assert len(edges) == min(k, len(set(values)))
    assert edges[-1] == max(values)
    assert _ssd(sorted(values), list(edges)) == pytest.approx(_brute_force_jenks_cost(values, k), abs=1e-6)


def _reference_jenks_cost(values, k):
    """The plain O(k·n²) dynamic programme over the distinct values, as a check on the fast one."""
    xs = sorted(values)
    distinct = sorted(set(xs))
    k = min(k, len(distinct))
    groups = [[x for x in xs if x == d] for d in distinct]

    def ssd(i, j):
        group = [x for g in groups[i:j] for x in g]
        mean = sum(group) / len(group)
        return sum((x - mean) ** 2 for x in group)

    m = len(distinct)
    best = [ssd(0, j) if j else 0.0 for j in range(m + 1)]
    for c in range(2, k + 1):
        best = [
            min((best[i] + ssd(i, j) for i in range(c - 1, j)), default=float("inf")) for j in range(m + 1)
        ]
    return best[m]


@settings(max_examples=15, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=500), min_size=20, max_size=45),
    st.integers(min_value=3, max_value=7),
)
def test_jenks_matches_the_plain_dynamic_programme(values, k):
    edges = jenks_breaks(values, k)
    assert _ssd(sorted(values), list(edges)) == pytest.approx(
        _reference_jenks_cost(values, k), rel=1e-9, abs=1e-6
    )


def test_jenks_is_fast_for_every_kecamatan():
    import random
    import time

    rng = random.Random(12)
    values = [rng.randint(0, 50_000) for _ in range(650)]
    started = time.perf_counter()
    edges = jenks_breaks(values, 7)
    assert time.perf_counter() - started < 1.0
    assert len(edges) == 7


def test_quantiles_equal_counts():
    assert quantile_breaks(range(1, 11), 5) == (2.0, 4.0, 6.0, 8.0, 10.0)
    assert quantile_breaks([9, 1, 5, 3, 7, 2], 3) == (2.0, 5.0, 9.0)


def test_quantiles_ties_give_fewer_classes_without_duplicates():
    assert quantile_breaks([5, 5, 5, 5, 9], 3) == (5.0, 9.0)
    # Ranks 2, 4, 6, 8 of 10 hold 0, 0, 0, 2: the repeated zeros collapse into one class.
    assert quantile_breaks([0, 0, 0, 0, 0, 0, 1, 2, 3, 4], 5) == (0.0, 2.0, 4.0)
    assert quantile_breaks([4, 4, 4], 3) == (4.0,)
    assert quantile_breaks([None], 3) == ()


def test_class_count_out_of_range_is_refused():
    with pytest.raises(ValueError):
        quantile_breaks([1, 2, 3], 2)
    with pytest.raises(ValueError):
        jenks_breaks([1, 2, 3], 8)
    with pytest.raises(ValueError):
        classify([1, 2, 3], k=3, method="equal")


def test_class_index_and_missing():
    breaks = (3.0, 12.0, 22.0)
    assert [class_index(v, breaks) for v in (1, 3, 3.5, 12, 13, 22, 99)] == [0, 0, 1, 1, 2, 2, 2]
    assert class_index(None, breaks) is None
    assert class_index(float("nan"), breaks) is None
    assert class_index(5, ()) is None


def test_classify_legend_ranges_colours_and_assign():
    values = [None, 1, 2, 3, 10, 11, 12, 20, 21, 22]
    legend = classify(values, k=3, method="jenks")
    assert legend.breaks == (3.0, 12.0, 22.0)
    assert legend.ranges == ((1.0, 3.0), (10.0, 12.0), (20.0, 22.0))
    assert legend.colours == ("#edf8b1", "#7fcdbb", "#2c7fb8")
    assert legend.classes == 3
    assert assign(values, legend) == [None, 0, 0, 0, 1, 1, 1, 2, 2, 2]
    assert legend.colour_of(None) == NO_DATA_COLOUR
    assert legend.colour_of(11) == "#7fcdbb"


def test_classify_fewer_classes_uses_the_smaller_palette():
    legend = classify([0, 0, 0, 7], k=5, method="quantile")
    assert legend.breaks == (0.0, 7.0)
    assert legend.ranges == ((0.0, 0.0), (7.0, 7.0))
    assert legend.colours == ("#a1dab4", "#2c7fb8")


def test_classify_nothing_has_data():
    legend = classify([None, None], k=4)
    assert (legend.breaks, legend.ranges, legend.colours, legend.classes) == ((), (), (), 0)
    assert legend.colour_of(3) == NO_DATA_COLOUR


def test_palettes_are_ylgnbu_and_distinct():
    assert palette(5) == ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
    for k, colours in PALETTES.items():
        assert len(colours) == k
        assert len(set(colours)) == k
        assert NO_DATA_COLOUR not in colours
        assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in colours)
    with pytest.raises(ValueError):
        palette(8)
