"""Boundaries for the maps: West Java regencies and kecamatan as GeoJSON, per level and parent.

The polygons ship with the package (`data/geo/`, MIT, see its README) so the map works offline.
Each collection is read once per process and kept in memory: a few hundred kilobytes in all.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

Level = Literal["regency", "district"]

DATA = Path(__file__).resolve().parent / "data" / "geo"
FILES: dict[str, str] = {"regency": "jabar_regencies.geojson", "district": "jabar_districts.geojson"}
# 5 decimals of a degree is about 1.1 m on the ground: far finer than the simplified outlines,
# and it cuts the payload by a sixth.
PRECISION = 5


def _round(coords):
    if coords and isinstance(coords[0], int | float):
        return [round(c, PRECISION) for c in coords]
    return [_round(c) for c in coords]


@cache
def _features(level: Level) -> tuple[dict, ...]:
    if level not in FILES:
        raise ValueError(f"no boundaries for level {level!r}")
    with (DATA / FILES[level]).open(encoding="utf-8") as f:
        raw = json.load(f)
    return tuple(
        {
            "type": "Feature",
            "properties": {"code": feature["properties"]["code"], "name": feature["properties"]["name"]},
            "geometry": {
                "type": feature["geometry"]["type"],
                "coordinates": _round(feature["geometry"]["coordinates"]),
            },
        }
        for feature in raw["features"]
    )


# Bounded: the parent comes from a request, and an unknown code must not grow the cache forever.
@lru_cache(maxsize=256)
def boundaries(level: Level, parent: str | None = None) -> dict:
    """A FeatureCollection of the places at `level` inside `parent` (a dotted code such as "32.01";
    None or "32" for the whole province). Each feature has `properties.code` and `properties.name`.

    The result is shared between callers: read it, do not change it.
    """
    features = [
        f
        for f in _features(level)
        if parent in (None, "32") or f["properties"]["code"].startswith(parent + ".")
    ]
    return {"type": "FeatureCollection", "features": features}


@lru_cache(maxsize=256)
def boundaries_json(level: Level, parent: str | None = None) -> bytes:
    """`boundaries` serialised once, for a view to send as it is."""
    return json.dumps(boundaries(level, parent), separators=(",", ":"), ensure_ascii=False).encode()


def codes(level: Level) -> list[str]:
    """Every code that has a boundary at `level`, sorted."""
    return sorted(f["properties"]["code"] for f in _features(level))
