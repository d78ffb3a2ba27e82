"""Small-cell suppression: exact masks for primary, complementary and cascading suppression."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sinergi.insights.suppression import MARKER, Cell, is_sensitive, suppress_list, suppress_table


def test_sensitive_counts_are_one_to_four():
    assert [n for n in range(8) if is_sensitive(n)] == [1, 2, 3, 4]
    assert [n for n in range(8) if is_sensitive(n, threshold=3)] == [1, 2]


def test_nothing_small_nothing_hidden():
    table = suppress_table([[10, 20], [30, 40]])
    assert table.mask() == [[".", "."], [".", "."]]
    assert [c.shown for c in table.row_totals] == [30, 70]
    assert [c.shown for c in table.column_totals] == [40, 60]
    assert table.grand_total == Cell(100)


def test_zero_is_published():
    table = suppress_table([[0, 20], [30, 0]])
    assert table.mask() == [[".", "."], [".", "."]]
    assert table.cells[0][0].shown == 0


def test_one_small_cell_hides_a_rectangle():
    # 3 is primary. Its row's smallest other cell (10) is hidden so the row total cannot give it
    # away; its column's 8 likewise; then column 1 holds only the 10, and 20 is taken over 11
    # because its row already has a hidden cell, which closes the rectangle.
    table = suppress_table([[3, 10, 12], [8, 20, 15], [9, 11, 30]])
    assert table.mask() == [["P", "C", "."], ["C", "C", "."], [".", ".", "."]]
    assert [[c.shown for c in row] for row in table.cells] == [
        [MARKER, MARKER, 12],
        [MARKER, MARKER, 15],
        [9, 11, 30],
    ]
    assert [c.shown for c in table.row_totals] == [25, 43, 50]
    assert [c.shown for c in table.column_totals] == [20, 41, 57]
    assert table.grand_total.shown == 118


def test_a_small_total_is_hidden_and_its_line_protected():
    # Column 0 adds up to 2, a primary total. The totals row then has one hidden cell; with no
    # interior cell in it, the next total is hidden: the one whose column already hides a cell.
    table = suppress_table([[2, 50, 60], [0, 7, 40], [0, 30, 9]])
    assert table.mask() == [["P", "C", "."], [".", ".", "."], [".", ".", "."]]
    assert [(c.value, c.reason) for c in table.column_totals] == [
        (2, "primary"),
        (87, "complementary"),
        (109, None),
    ]
    assert [c.reason for c in table.row_totals] == [None, None, None]
    assert table.grand_total == Cell(198)


def test_cascade_through_zeros():
    # 4 is primary. Row 0 hides 30 (the zero beside it would protect nothing); column 0 hides 12;
    # column 2 then hides 25; row 1 hides 20; row 2 has only zeros left and hides the first, whose
    # column already holds a hidden cell. No line is left with a single hidden cell.
    table = suppress_table([[4, 0, 30], [0, 20, 25], [12, 0, 0]])
    assert table.mask() == [["P", ".", "C"], [".", "C", "C"], ["C", "C", "."]]
    assert all(c.reason is None for c in table.row_totals + table.column_totals)


def test_no_line_is_left_with_one_hidden_cell():
    counts = [[1, 7, 9, 30], [12, 2, 0, 14], [8, 15, 3, 6], [40, 22, 18, 1]]
    table = suppress_table(counts)
    grid = [list(row) + [rt] for row, rt in zip(table.cells, table.row_totals, strict=True)]
    grid.append(list(table.column_totals) + [table.grand_total])
    for row in grid:
        assert sum(c.suppressed for c in row) != 1
    for column in zip(*grid, strict=True):
        assert sum(c.suppressed for c in column) != 1
    assert [c.reason for row in table.cells for c in row].count("primary") == 4


def test_list_with_total():
    table = suppress_list([3, 10, 12, 0])
    assert table.mask() == [["P", "C", ".", "."]]
    assert table.row_totals == (Cell(25),)
    assert table.column_totals == ()
    assert table.grand_total is None


def test_list_without_total_needs_no_complement():
    table = suppress_list([3, 10, 12, 0], total=False)
    assert table.mask() == [["P", ".", ".", "."]]
    assert table.row_totals == ()


def test_row_totals_only():
    table = suppress_table([[3, 10, 12], [8, 20, 15]], column_totals=False)
    assert table.mask() == [["P", "C", "."], [".", ".", "."]]
    assert table.column_totals == ()
    assert table.grand_total is None


def test_bad_tables_are_refused():
    with pytest.raises(ValueError):
        suppress_table([[1, 2], [3]])
    with pytest.raises(ValueError):
        suppress_table([[1, -2]])


def test_empty_table():
    table = suppress_table([])
    assert (table.cells, table.row_totals, table.column_totals, table.grand_total) == ((), (), (), None)


@settings(max_examples=80, deadline=None)
@given(
    st.integers(min_value=1, max_value=5).flatmap(
        lambda width: st.lists(
            st.lists(st.integers(min_value=0, max_value=40), min_size=width, max_size=width),
            min_size=1,
            max_size=5,
        )
    )
)
def test_no_count_below_five_can_be_recovered(counts):
    table = suppress_table(counts)
    grid = [list(row) + [rt] for row, rt in zip(table.cells, table.row_totals, strict=True)]
    grid.append(list(table.column_totals) + [table.grand_total])
    for row in grid:
        assert sum(c.suppressed for c in row) != 1
    for column in zip(*grid, strict=True):
        assert sum(c.suppressed for c in column) != 1
    for row in grid:
        for c in row:
            assert (c.reason == "primary") == (1 <= c.value <= 4)
            assert c.shown == (MARKER if c.suppressed else c.value)
