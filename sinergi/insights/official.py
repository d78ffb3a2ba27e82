"""Official figures shown beside Sinergi's own counts: UMKM per regency from Open Data Jabar, and
cooperative counts quoted by the offices in the press.

The files ship with the package (`data/official/`, sources and licences in its README). They are
read once per process into plain records keyed by the dotted regency code ("32.01") and the year.
Every regency named in a file is checked against `REGENCIES`, the Kemendagri names of West Java
(tested against the region table), so a shifted code or a renamed regency fails loudly instead of
landing on the wrong place.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

DATA = Path(__file__).resolve().parent / "data" / "official"
UMKM_BY_CATEGORY_FILE = "diskuk-od_17371_jml_ush_mikro_kecil_menengah_umkm__kabupatenkota_kateg_data.csv"
UMKM_PROJECTION_FILE = "diskuk-od_17372_proyeksi_jml_ush_mikro_kecil_menengah_umkm__kabupatenk_data.csv"
COOPERATIVES_FILE = "koperasi_counts_target_regions_press.csv"

PROVINCE = "32"
# West Java's kabupaten and kota, Kepmendagri 300.2.2-2138/2025.
REGENCIES: dict[str, str] = {
    "32.01": "Kabupaten Bogor",
    "32.02": "Kabupaten Sukabumi",
    "32.03": "Kabupaten Cianjur",
    "32.04": "Kabupaten Bandung",
    "32.05": "Kabupaten Garut",
    "32.06": "Kabupaten Tasikmalaya",
    "32.07": "Kabupaten Ciamis",
    "32.08": "Kabupaten Kuningan",
    "32.09": "Kabupaten Cirebon",
    "32.10": "Kabupaten Majalengka",
    "32.11": "Kabupaten Sumedang",
    "32.12": "Kabupaten Indramayu",
    "32.13": "Kabupaten Subang",
    "32.14": "Kabupaten Purwakarta",
    "32.15": "Kabupaten Karawang",
    "32.16": "Kabupaten Bekasi",
    "32.17": "Kabupaten Bandung Barat",
    "32.18": "Kabupaten Pangandaran",
    "32.71": "Kota Bogor",
    "32.72": "Kota Sukabumi",
    "32.73": "Kota Bandung",
    "32.74": "Kota Cirebon",
    "32.75": "Kota Bekasi",
    "32.76": "Kota Depok",
    "32.77": "Kota Cimahi",
    "32.78": "Kota Tasikmalaya",
    "32.79": "Kota Banjar",
}

# The file's kategori_usaha → our key and its label. The portal's categories are its own, not
# KBLI sections, so they are shown as the portal names them.
CATEGORIES: dict[str, tuple[str, str]] = {
    "AKSESORIS": ("aksesoris", _("Aksesoris")),
    "BATIK": ("batik", _("Batik")),
    "BORDIR": ("bordir", _("Bordir")),
    "CRAFT": ("kerajinan", _("Kerajinan")),
    "FASHION": ("fesyen", _("Fesyen")),
    "JASA/LAINNYA": ("jasa_lainnya", _("Jasa dan lainnya")),
    "KONVEKSI": ("konveksi", _("Konveksi")),
    "KULINER": ("kuliner", _("Kuliner")),
    "MAKANAN": ("makanan", _("Makanan")),
    "MINUMAN": ("minuman", _("Minuman")),
}
CATEGORY_LABELS = {key: label for key, label in CATEGORIES.values()}


@dataclass(frozen=True)
class UmkmCount:
    """UMKM in one regency and year (and category, or "" for all), as the portal publishes it."""

    region_code: str
    year: int
    count: int
    category: str = ""
    # The yearly totals are Diskuk's projection (6.19 % a year), not a census.
    projected: bool = True


@dataclass(frozen=True)
class CooperativeFigure:
    """Cooperative counts an office gave the press on a date. A None count was not stated.

    `as_of` is the date as precise as the source gives it ("2019", "2023-02", "2023-12-31");
    `note` is the compiler's remark on the source (approximate values, other definitions).
    """

    region_code: str
    year: int
    as_of: str
    registered: int | None
    active: int | None
    inactive: int | None
    held_rat: int | None
    healthy: int | None
    note: str
    reported_by: str
    source_url: str


def regency_code(bps_code: str, name: str) -> str:
    """The dotted code for the portal's 4-digit code ("3201" = "32.01"), checked against its name."""
    code = f"{bps_code[:2]}.{bps_code[2:]}"
    if len(bps_code) != 4 or not bps_code.isdigit() or code not in REGENCIES:
        raise ValueError(f"unknown regency code {bps_code!r}")
    if REGENCIES[code].casefold() != " ".join(name.split()).casefold():
        raise ValueError(f"regency {bps_code} is {REGENCIES[code]!r}, the file says {name!r}")
    return code


def _rows(filename: str) -> list[dict[str, str]]:
    with (DATA / filename).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _count(text: str) -> int | None:
    text = text.strip()
    return int(text) if text else None


@cache
def umkm_totals() -> dict[tuple[str, int], UmkmCount]:
    """UMKM per (regency code, year), 2016–2023: Diskuk's projection (dataset 17372)."""
    out: dict[tuple[str, int], UmkmCount] = {}
    for row in _rows(UMKM_PROJECTION_FILE):
        code = regency_code(row["kode_kabupaten_kota"], row["nama_kabupaten_kota"])
        year = int(row["tahun"])
        out[(code, year)] = UmkmCount(region_code=code, year=year, count=int(row["proyeksi_jumlah_umkm"]))
    return out


@cache
def umkm_by_category() -> dict[tuple[str, int], dict[str, UmkmCount]]:
    """UMKM per (regency code, year) and category key, 2017–2021 (dataset 17371).

    The categories are a fixed share of the projected total, the same in every regency.
    """
    out: dict[tuple[str, int], dict[str, UmkmCount]] = {}
    for row in _rows(UMKM_BY_CATEGORY_FILE):
        code = regency_code(row["kode_kabupaten_kota"], row["nama_kabupaten_kota"])
        year = int(row["tahun"])
        category = CATEGORIES[row["kategori_usaha"].strip().upper()][0]
        out.setdefault((code, year), {})[category] = UmkmCount(
            region_code=code, year=year, count=int(row["jumlah_umkm"]), category=category
        )
    return out


@cache
def cooperative_figures() -> dict[tuple[str, int], tuple[CooperativeFigure, ...]]:
    """Cooperative counts quoted in the press per (region code, year): regencies and the province
    ("32"). A year may hold several statements, in the order of the file."""
    out: dict[tuple[str, int], list[CooperativeFigure]] = {}
    for row in _rows(COOPERATIVES_FILE):
        code = row["region_code"].strip()
        if code == PROVINCE:
            if row["region_name"].strip() != "Provinsi Jawa Barat":
                raise ValueError(f"province row names {row['region_name']!r}")
        elif REGENCIES.get(code) != row["region_name"].strip():
            raise ValueError(f"regency {code!r} is not {row['region_name']!r}")
        as_of = row["as_of"].strip()
        figure = CooperativeFigure(
            region_code=code,
            year=int(as_of[:4]),
            as_of=as_of,
            registered=_count(row["registered_total"]),
            active=_count(row["active"]),
            inactive=_count(row["inactive"]),
            held_rat=_count(row["held_rat"]),
            healthy=_count(row["healthy"]),
            note=row["other"].strip(),
            reported_by=row["reported_by"].strip(),
            source_url=row["source_url"].strip(),
        )
        out.setdefault((code, figure.year), []).append(figure)
    return {key: tuple(figures) for key, figures in out.items()}


def latest_cooperative_figure(region_code: str, *, field: str = "active") -> CooperativeFigure | None:
    """The most recent statement for a region that gives `field` (later `as_of` wins, then the
    first such row of that date in the file)."""
    best: CooperativeFigure | None = None
    for (code, _year), figures in cooperative_figures().items():
        if code != region_code:
            continue
        for figure in figures:
            if getattr(figure, field) is None:
                continue
            if best is None or figure.as_of > best.as_of:
                best = figure
    return best
