"""Small-cell suppression for published tables (open statistics, public pages, CSV/JSON API).

Pure: counts in, frozen dataclasses out, no Django.

Primary suppression: a count from 1 to 4 ("cells below 5 are suppressed") is hidden, because so few
cooperatives or businesses in a place and category can point at one of them. Zero is published: it
says nobody is there, which identifies no one, and hiding every zero would blank most of a
village-level table.

Complementary suppression: a published total is an equation. Where a row or column of the table,
with its total, has exactly one hidden cell, subtraction recovers it, so another cell of that line is
hidden too, and so on until no line has exactly one hidden cell. Totals are cells of the same
equations (the column of row totals adds up to the grand total), so a total of 1..4 is hidden as a
primary cell and a hidden total is protected like any other cell.

The complement chosen in a line is the smallest published interior cell that is not zero (hiding a
known zero protects nothing), preferring one whose crossing line already has a hidden cell (so the
cascade stops sooner), then the first in reading order. Zero cells come next, and a total only when
the line has no interior cell left to hide.

The guarantee is the usual one for published margins: no hidden cell is the only unknown of any
row or column equation. Preferring complements that close a rectangle keeps the hidden cells in
groups whose values move together, which also blunts attacks that combine several equations.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Reason = Literal["primary", "complementary"]

THRESHOLD = 5
# What a published table shows in place of a hidden count.
MARKER = "x"


@dataclass(frozen=True)
class Cell:
    """One count of a published table: `value` is the true count, `reason` why it is hidden."""

    value: int
    reason: Reason | None = None

    @property
    def suppressed(self) -> bool:
        return self.reason is not None

    @property
    def shown(self) -> int | str:
        """The value to publish: the count, or the marker."""
        return MARKER if self.suppressed else self.value


@dataclass(frozen=True)
class SuppressedTable:
    """A table after suppression. `row_totals` / `column_totals` are empty when not published;
    `grand_total` is None unless both are."""

    cells: tuple[tuple[Cell, ...], ...]
    row_totals: tuple[Cell, ...]
    column_totals: tuple[Cell, ...]
    grand_total: Cell | None

    def mask(self) -> list[list[str]]:
        """The interior as letters: "." shown, "P" primary, "C" complementary (for tests and logs)."""
        return [[_letter(c) for c in row] for row in self.cells]


def _letter(cell: Cell) -> str:
    return {None: ".", "primary": "P", "complementary": "C"}[cell.reason]


def is_sensitive(count: int, threshold: int = THRESHOLD) -> bool:
    """A count that identifies too few: 1 .. threshold - 1. Zero is not sensitive."""
    return 0 < count < threshold


def suppress_list(
    counts: Sequence[int], *, total: bool = True, threshold: int = THRESHOLD
) -> SuppressedTable:
    """A one-line table (counts per category), with its total published or not."""
    return suppress_table([list(counts)], row_totals=total, column_totals=False, threshold=threshold)


def suppress_table(
    counts: Sequence[Sequence[int]],
    *,
    row_totals: bool = True,
    column_totals: bool = True,
    threshold: int = THRESHOLD,
) -> SuppressedTable:
    """Suppress the small cells of a table of counts and the cells that totals would reveal.

    `counts` is the interior (rows of equal length, non-negative). The totals are computed here; a
    total is published for each row when `row_totals`, for each column when `column_totals`, and the
    grand total when both.
    """
    rows = [list(r) for r in counts]
    n_rows = len(rows)
    n_cols = len(rows[0]) if rows else 0
    if any(len(r) != n_cols for r in rows):
        raise ValueError("every row needs the same number of cells")
    if any(v < 0 for r in rows for v in r):
        raise ValueError("counts cannot be negative")

    # The full grid: interior, then a totals column and/or a totals row when published.
    has_rt, has_ct = row_totals and n_cols > 0, column_totals and n_rows > 0
    width = n_cols + (1 if has_rt else 0)
    height = n_rows + (1 if has_ct else 0)
    grid = [[0] * width for _ in range(height)]
    for i in range(n_rows):
        for j in range(n_cols):
            grid[i][j] = rows[i][j]
        if has_rt:
            grid[i][n_cols] = sum(rows[i])
    if has_ct:
        for j in range(n_cols):
            grid[n_rows][j] = sum(rows[i][j] for i in range(n_rows))
        if has_rt:
            grid[n_rows][n_cols] = sum(sum(r) for r in rows)

    def is_total(i: int, j: int) -> bool:
        return (has_ct and i == n_rows) or (has_rt and j == n_cols)

    # Each line is an equation: the cells of a row add up to its total, and so for columns. The
    # totals row/column is itself a line when the grand total closes it.
    lines: list[list[tuple[int, int]]] = []
    if has_rt:
        lines += [[(i, j) for j in range(width)] for i in range(height) if i < n_rows or has_ct]
    if has_ct:
        lines += [[(i, j) for i in range(height)] for j in range(width) if j < n_cols or has_rt]
    lines_of: dict[tuple[int, int], list[int]] = {}
    for index, line in enumerate(lines):
        for cell in line:
            lines_of.setdefault(cell, []).append(index)

    reason: dict[tuple[int, int], Reason] = {
        (i, j): "primary" for i in range(height) for j in range(width) if is_sensitive(grid[i][j], threshold)
    }

    def hidden_in(line_index: int) -> int:
        return sum(1 for cell in lines[line_index] if cell in reason)

    changed = True
    while changed:
        changed = False
        for index, line in enumerate(lines):
            if hidden_in(index) != 1:
                continue
            candidates = [cell for cell in line if cell not in reason]
            if not candidates:
                continue

            def preference(cell: tuple[int, int], index: int = index) -> tuple:
                value = grid[cell[0]][cell[1]]
                crossing_hidden = any(hidden_in(other) for other in lines_of[cell] if other != index)
                return (is_total(*cell), value == 0, not crossing_hidden, value, cell)

            reason[min(candidates, key=preference)] = "complementary"
            changed = True

    def cell(i: int, j: int) -> Cell:
        return Cell(grid[i][j], reason.get((i, j)))

    return SuppressedTable(
        cells=tuple(tuple(cell(i, j) for j in range(n_cols)) for i in range(n_rows)),
        row_totals=tuple(cell(i, n_cols) for i in range(n_rows)) if has_rt else (),
        column_totals=tuple(cell(n_rows, j) for j in range(n_cols)) if has_ct else (),
        grand_total=cell(n_rows, n_cols) if has_rt and has_ct else None,
    )
