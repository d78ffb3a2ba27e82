"""Open statistics: the published counts of cooperatives and UMKM in West Java, by place and year.

Published to anyone, so only counts, never a name, and nothing below the kecamatan (a village
holds too few to publish). The current year is read live from the registry's tallies, with no
viewer scoping; a past year from the December snapshot of each place. Every table goes through
small-cell suppression (`insights.suppression`) before it is shown, downloaded or served: the
page, the CSV and the JSON are drawn from the same `OpenTable`.

Three tables are suppressed for each place, each with its places as rows and its totals:
cooperatives (active and the rest, adding up to registered), UMKM registered by scale and UMKM
active by scale. The total row is the place itself. A kecamatan's own figures are its row of its
regency's table, so the two pages never publish different masks for the same numbers.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sinergi.insights import suppression
from sinergi.insights.models import Snapshot
from sinergi.regions.models import Region
from sinergi.registry.models import BusinessScale, CooperativeStatus
from sinergi.registry.rules import on_register
from sinergi.registry.selectors_tallies import business_tally, cooperative_tally

PROVINCE = "32"
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.id"
# How a hidden count is published: a count below 5, or a count hidden so that a total cannot give
# one away.
SMALL = "<5"
HIDDEN = "x"

SCALES = (BusinessScale.MIKRO, BusinessScale.KECIL, BusinessScale.MENENGAH)
SCALE_SUFFIX = {BusinessScale.MIKRO: "micro", BusinessScale.KECIL: "small", BusinessScale.MENENGAH: "medium"}


@dataclass(frozen=True)
class Column:
    """A published column: `key` is its stable name in the CSV and the JSON."""

    key: str
    label: str
    description: str


# The three suppressed tables: (interior column keys, total column key). Interior keys not in
# COLUMNS take part in the equations without being published.
TABLES = (
    (("cooperatives_active", "cooperatives_not_active"), "cooperatives_registered"),
    (
        ("businesses_registered_micro", "businesses_registered_small", "businesses_registered_medium",
         "businesses_registered_other"),
        "businesses_registered",
    ),
    (
        ("businesses_active_micro", "businesses_active_small", "businesses_active_medium",
         "businesses_active_other"),
        "businesses_active",
    ),
)  # fmt: skip

# The keys a December snapshot holds for the open statistics (`snapshot_figures`).
SNAPSHOT_KEYS = tuple(key for interior, _total in TABLES for key in interior)

COLUMNS = (
    Column("cooperatives_registered", _("Koperasi terdaftar"),
           _("Koperasi terdaftar, kecuali yang sudah dibubarkan.")),
    Column("cooperatives_active", _("Koperasi aktif"), _("Koperasi yang berstatus aktif.")),
    Column("businesses_registered", _("UMKM terdaftar"), _("Semua UMKM terdaftar.")),
    Column("businesses_registered_micro", _("UMKM mikro"), _("UMKM terdaftar berskala mikro (PP 7/2021).")),
    Column("businesses_registered_small", _("UMKM kecil"), _("UMKM terdaftar berskala kecil (PP 7/2021).")),
    Column("businesses_registered_medium", _("UMKM menengah"),
           _("UMKM terdaftar berskala menengah (PP 7/2021).")),
    Column("businesses_registered_other", _("UMKM skala lain"),
           _("UMKM terdaftar berskala besar atau yang skalanya belum diisi.")),
    Column("businesses_active", _("UMKM aktif"), _("UMKM yang masih berjalan.")),
    Column("businesses_active_micro", _("UMKM mikro aktif"), _("UMKM aktif berskala mikro.")),
    Column("businesses_active_small", _("UMKM kecil aktif"), _("UMKM aktif berskala kecil.")),
    Column("businesses_active_medium", _("UMKM menengah aktif"), _("UMKM aktif berskala menengah.")),
    Column("businesses_active_other", _("UMKM skala lain aktif"),
           _("UMKM aktif berskala besar atau yang skalanya belum diisi.")),
)  # fmt: skip
COLUMN_KEYS = tuple(column.key for column in COLUMNS)
# The columns of the page's three tables.
COOPERATIVE_KEYS = COLUMN_KEYS[:2]
REGISTERED_KEYS = COLUMN_KEYS[2:7]
ACTIVE_KEYS = COLUMN_KEYS[7:]
# CSV header: where, then the counts. Documented in the API schema; never renamed.
CSV_HEADER = ("region_code", "region_name", "level", "year", "source", *COLUMN_KEYS)
LEVELS = {2: "province", 5: "regency", 8: "district"}
LEVEL_NAMES = {2: _("Provinsi"), 5: _("Kabupaten/kota"), 8: _("Kecamatan")}


@dataclass(frozen=True)
class OpenRow:
    """One place of a published table: its counts, each an int or a marker."""

    code: str
    name: str
    values: dict[str, int | str]
    url: str | None = None
    # Every cell of the suppressed tables, unpublished ones too: what the page one level down
    # must keep for this place (never served).
    masks: dict[str, int | str] | None = field(default=None, repr=False, compare=False)

    @property
    def level(self) -> str:
        return LEVELS[len(self.code)]

    def cells(self, keys=COLUMN_KEYS) -> list[tuple[Column, int | str]]:
        by_key = {column.key: column for column in COLUMNS}
        return [(by_key[key], self.values[key]) for key in keys]

    @property
    def cooperative_cells(self):
        return self.cells(COOPERATIVE_KEYS)

    @property
    def registered_cells(self):
        return self.cells(REGISTERED_KEYS)

    @property
    def active_cells(self):
        return self.cells(ACTIVE_KEYS)


@dataclass(frozen=True)
class OpenTable:
    """The published statistics of one place in one year: the place itself and its places one
    level down (none for a kecamatan). `has_data` is False for a past year with no snapshot."""

    code: str
    name: str
    year: int
    source: str  # "live" or "snapshot"
    has_data: bool
    total: OpenRow | None
    rows: tuple[OpenRow, ...]
    as_of: date

    @property
    def level(self) -> str:
        return LEVELS[len(self.code)]

    @property
    def child_level_name(self):
        return LEVEL_NAMES.get(len(self.code) + 3)

    @property
    def suppressed_any(self) -> bool:
        return any(v in (SMALL, HIDDEN) for row in self.all_rows() for v in row.values.values())

    def all_rows(self) -> list[OpenRow]:
        """The place first, then its places: the rows of the CSV and the JSON."""
        return [*([self.total] if self.total else []), *self.rows]


# --- places -----------------------------------------------------------------------------------


def resolve(code: str | None) -> Region:
    """A publishable place: West Java, one of its regencies or one of its kecamatan. Anything
    else (a village, a place outside the province, an unknown code) is not found."""
    code = (code or PROVINCE).strip()
    if len(code) not in LEVELS or not (code == PROVINCE or code.startswith(PROVINCE + ".")):
        raise Http404
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise Http404
    return region


def public_url(code: str, year: int | None = None) -> str:
    url = (
        reverse("open_statistics:index")
        if code == PROVINCE
        else reverse("open_statistics:place", args=[code])
    )
    return f"{url}?tahun={year}" if year else url


def csv_url(code: str, year: int | None = None) -> str:
    url = reverse("open_statistics:csv", args=[code])
    return f"{url}?tahun={year}" if year else url


def current_year() -> int:
    return timezone.localdate().year


def years_available(code: str) -> list[int]:
    """The years the page offers for a place: this year and every year with a December snapshot
    of the place or of its places, newest first."""
    months = (
        Snapshot.objects.filter(month__month=12, region_code__startswith=code)
        .values_list("month", flat=True)
        .distinct()
    )
    return sorted({current_year(), *(m.year for m in months if m.year < current_year())}, reverse=True)


def resolve_year(value: str | None) -> int:
    """The year asked for (`?tahun=`), this year when none; a year not yet come is not found."""
    if not value:
        return current_year()
    if not value.isdigit() or len(value) != 4 or not 2000 <= int(value) <= current_year():
        raise Http404
    return int(value)


# --- the counts -------------------------------------------------------------------------------


def _zero() -> dict[str, int]:
    return dict.fromkeys(SNAPSHOT_KEYS, 0)


def _scale_key(prefix: str, scale: str) -> str:
    return f"{prefix}_{SCALE_SUFFIX.get(scale, 'other')}"


def live_counts(code: str) -> dict[str, dict[str, int]]:
    """The unpublished interior counts of each place one level below `code`, from the tallies
    (no viewer scoping: these are aggregates for everyone)."""
    counts: dict[str, dict[str, int]] = {}
    for item in cooperative_tally(region=code, by=("place", "status")):
        if not on_register(item["status"]):
            continue
        target = counts.setdefault(item["place"], _zero())
        key = (
            "cooperatives_active" if item["status"] == CooperativeStatus.AKTIF else "cooperatives_not_active"
        )
        target[key] += item["count"]
    for item in business_tally(region=code, by=("place", "status", "scale")):
        target = counts.setdefault(item["place"], _zero())
        target[_scale_key("businesses_registered", item["scale"])] += item["count"]
        if item["status"] == "aktif":
            target[_scale_key("businesses_active", item["scale"])] += item["count"]
    return counts


def snapshot_figures(code: str) -> dict[str, int]:
    """The open-statistics counts of one place today, to keep in its monthly snapshot (merged into
    `Snapshot.figures` by `sinergi insights_snapshot`): a past year's page reads them back.
    For every place below a parent at once, `live_counts(parent)` gives the same dicts (places
    with no data left out)."""
    parent = code[:-3] if len(code) > 2 else ""
    return live_counts(parent).get(code, _zero())


def snapshot_counts(code: str, year: int) -> dict[str, dict[str, int]] | None:
    """The interior counts of each place one level below `code` from the December snapshots of
    `year`, or None when that year has none."""
    child_length = len(code) + 3
    snapshots = Snapshot.objects.filter(month=date(year, 12, 1), region_code__startswith=code + ".")
    found = False
    counts: dict[str, dict[str, int]] = {}
    for snapshot in snapshots:
        if len(snapshot.region_code) != child_length:
            continue
        found = True
        figures = snapshot.figures or {}
        counts[snapshot.region_code] = {key: int(figures.get(key) or 0) for key in SNAPSHOT_KEYS}
    return counts if found else None


def _published(cell: suppression.Cell) -> int | str:
    if cell.reason == "primary":
        return SMALL
    if cell.reason == "complementary":
        return HIDDEN
    return cell.value


def suppressed_rows(
    counts: list[dict[str, int]], parent: dict[str, int | str] | None = None
) -> tuple[list[dict[str, int | str]], dict[str, int | str]]:
    """Each row's published values and the totals row's, after the suppression of each table.

    `parent` is how the place's own row is published in the table one level up: the totals row
    then keeps exactly those values and markers, and the cells below are protected around it, so
    that no pair of pages gives away what one of them hides."""
    rows: list[dict[str, int | str]] = [{} for _ in counts]
    total: dict[str, int | str] = {}
    for interior, total_key in TABLES:
        if not counts:
            for key in (*interior, total_key):
                total[key] = 0
            continue
        grid = [[row[key] for key in interior] for row in counts]
        if parent is None:
            table = suppression.suppress_table(grid)
            published = [
                [*(_published(c) for c in r), _published(t)]
                for r, t in zip(table.cells, table.row_totals, strict=True)
            ]
            published.append([*(_published(c) for c in table.column_totals), _published(table.grand_total)])
        else:
            published = suppress_under(grid, [parent[key] for key in (*interior, total_key)])
        for i, values in enumerate(published[:-1]):
            rows[i].update(zip((*interior, total_key), values, strict=True))
        total.update(zip((*interior, total_key), published[-1], strict=True))
    return rows, total


def suppress_under(counts: list[list[int]], parent: list[int | str]) -> list[list[int | str]]:
    """Suppress a table whose totals row is already published one level up (`parent`: its cells
    and grand total as published there). Those cells stay as published; a hidden one counts as
    hidden here, a shown one is never chosen to hide. Otherwise the rules of `insights.suppression`:
    counts of 1 to 4 hidden, then in any row or column with exactly one hidden cell another one,
    the smallest non-zero first, preferring one whose crossing line already has a hidden cell.

    Returns the published grid: each row with its total, then the totals row."""
    n, m = len(counts), len(counts[0])
    grid = [[*row, sum(row)] for row in counts]
    grid.append([*(sum(row[j] for row in counts) for j in range(m)), sum(map(sum, counts))])
    width, height = m + 1, n + 1
    reason: dict[tuple[int, int], str] = {}
    fixed: set[tuple[int, int]] = set()
    for j, value in enumerate(parent):
        if value in (SMALL, HIDDEN):
            reason[(n, j)] = "primary" if value == SMALL else "complementary"
        else:
            fixed.add((n, j))
    for i in range(n):
        for j in range(width):
            if suppression.is_sensitive(grid[i][j]):
                reason[(i, j)] = "primary"
    lines = [[(i, j) for j in range(width)] for i in range(height)]
    lines += [[(i, j) for i in range(height)] for j in range(width)]
    lines_of: dict[tuple[int, int], list[int]] = {}
    for index, line in enumerate(lines):
        for cell in line:
            lines_of.setdefault(cell, []).append(index)

    def hidden_in(index: int) -> int:
        return sum(1 for cell in lines[index] if cell in reason)

    changed = True
    while changed:
        changed = False
        for index, line in enumerate(lines):
            if hidden_in(index) != 1:
                continue
            candidates = [cell for cell in line if cell not in reason and cell not in fixed]
            if not candidates:
                continue

            def preference(cell: tuple[int, int], index: int = index) -> tuple:
                value = grid[cell[0]][cell[1]]
                crossing = any(hidden_in(other) for other in lines_of[cell] if other != index)
                return (cell[1] == m, value == 0, not crossing, value, cell)

            reason[min(candidates, key=preference)] = "complementary"
            changed = True
    out = [
        [_published(suppression.Cell(grid[i][j], reason.get((i, j)))) for j in range(width)] for i in range(n)
    ]
    out.append(list(parent))
    return out


def _only_published(values: dict[str, int | str]) -> dict[str, int | str]:
    return {key: values[key] for key in COLUMN_KEYS}


def open_table(code: str, year: int) -> OpenTable:
    """The published table of a place (West Java, a regency or a kecamatan) for a year."""
    region = resolve(code)
    if len(code) == 8:
        # A kecamatan publishes its row of its regency's table, masks and all.
        parent = open_table(code[:5], year)
        row = next((r for r in parent.rows if r.code == code), None)
        return OpenTable(
            code=code, name=region.name, year=year, source=parent.source, has_data=parent.has_data,
            total=OpenRow(code, region.name, row.values) if row and parent.has_data else None, rows=(),
            as_of=parent.as_of,
        )  # fmt: skip
    live = year == current_year()
    counts = live_counts(code) if live else snapshot_counts(code, year)
    as_of = timezone.localdate() if live else date(year, 12, 31)
    children = list(Region.objects.filter(parent_id=code).order_by("name").values_list("code", "name"))
    if counts is None:
        return OpenTable(code, region.name, year, "snapshot", False, None, (), as_of)
    interior = [counts.get(child, _zero()) for child, _name in children]
    parent = None
    if len(code) == 5:
        # A regency's totals row is its row in the province's table, masks and all.
        above = open_table(code[:2], year)
        parent = next((r.masks for r in above.rows if r.code == code), None) if above.has_data else None
    published, total = suppressed_rows(interior, parent)
    link_year = None if live else year
    rows = tuple(
        OpenRow(child, name, _only_published(values), public_url(child, link_year), masks=values)
        for (child, name), values in zip(children, published, strict=True)
    )
    return OpenTable(
        code=code, name=region.name, year=year, source="live" if live else "snapshot", has_data=True,
        total=OpenRow(code, region.name, _only_published(total)), rows=rows, as_of=as_of,
    )  # fmt: skip


def as_csv(table: OpenTable) -> str:
    """The table as CSV: a header of stable column names, the place, then its places."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for row in table.all_rows():
        writer.writerow([row.code, row.name, row.level, table.year, table.source,
                         *(row.values[key] for key in COLUMN_KEYS)])  # fmt: skip
    return out.getvalue()


def as_json(table: OpenTable) -> dict:
    """The table as the API serves it."""
    return {
        "region_code": table.code,
        "region_name": table.name,
        "level": table.level,
        "year": table.year,
        "source": table.source,
        "has_data": table.has_data,
        "as_of": table.as_of,
        "licence": LICENCE,
        "attribution": attribution(table),
        "columns": [{"key": c.key, "description": str(c.description)} for c in COLUMNS],
        "rows": [
            {"region_code": r.code, "region_name": r.name, "level": r.level, **r.values}
            for r in table.all_rows()
        ],
    }


def attribution(table: OpenTable) -> str:
    """The credit line a re-user copies (CC BY 4.0), with the date the figures stand at."""
    return f"Sinergi, Dinas Koperasi dan UMKM, {table.as_of:%d-%m-%Y}, {LICENCE}"
