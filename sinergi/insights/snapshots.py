"""Monthly snapshots: each place's figures at the end of a month, kept for trends.

`snapshot_take` reads the registry's tallies with no scoping (who may read a snapshot is decided
when it is read) and stores one `Snapshot` per province, regency and kecamatan holding any tally
row. Taking a month again updates its rows. The figures of a level come from two grouped queries
per place one level up, so the cost grows with the number of regencies, not with the data.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from sinergi.core.actors import system_user
from sinergi.core.audit import audit_record
from sinergi.health.supervision.rules import PILLARS
from sinergi.health.supervision.selectors import pillar_counts
from sinergi.insights import public
from sinergi.insights.dashboard import INDICATORS, money
from sinergi.insights.models import Snapshot
from sinergi.registry.models import BusinessScale, CooperativeStatus
from sinergi.registry.rules import on_register
from sinergi.registry.selectors_tallies import business_tally, cooperative_tally

ACTION = "insights.snapshot.take"

# The three pillars of Kampung Koperasi (and the cooperatives not yet assessed), by pillar code.
PILLAR_KEYS = {code: f"pilar_{code}" for code, _label in PILLARS}

# The figures stored beside the dashboard's indicators.
EXTRA_KEYS = [
    "kop_belum_diketahui",
    "anggota_laki",
    "anggota_perempuan",
    "anggota_tanpa_rincian",
    *(f"umkm_{scale}" for scale in BusinessScale.values),
    "umkm_skala_kosong",
    *PILLAR_KEYS.values(),
]
# The figures kept as text (Decimal amounts and ratios).
DECIMAL_KEYS = {"omzet", "kop_rasio", "umkm_rasio"}


def _month_end(month: dt.date) -> dt.date:
    following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def month_start(day: dt.date | None = None) -> dt.date:
    day = day or timezone.localdate()
    return day.replace(day=1)


def _empty() -> dict:
    figures = {
        "kop_terdaftar": 0, "kop_aktif": 0, "anggota": 0, "umkm": 0, "umkm_aktif": 0,
        "tenaga_kerja": 0, "omzet": Decimal(0),
    }  # fmt: skip
    figures.update({key: 0 for key in EXTRA_KEYS})
    return figures


def _add_cooperatives(figures: dict, row: dict) -> None:
    status = row["status"]
    if not on_register(status):
        return
    figures["kop_terdaftar"] += row["count"]
    figures["anggota"] += row["members_male"] + row["members_female"] + row["members_unspecified"]
    figures["anggota_laki"] += row["members_male"]
    figures["anggota_perempuan"] += row["members_female"]
    figures["anggota_tanpa_rincian"] += row["members_unspecified"]
    if status == CooperativeStatus.AKTIF:
        figures["kop_aktif"] += row["count"]
    elif status == CooperativeStatus.BELUM_DIKETAHUI:
        figures["kop_belum_diketahui"] += row["count"]


def _add_businesses(figures: dict, row: dict) -> None:
    figures["umkm"] += row["count"]
    figures["tenaga_kerja"] += row["employees"]
    figures["omzet"] += money(row["annual_sales"])
    if row["status"] == "aktif":
        figures["umkm_aktif"] += row["count"]
    key = f"umkm_{row['scale']}" if row["scale"] else "umkm_skala_kosong"
    if key in figures:
        figures[key] += row["count"]


def _finish(figures: dict) -> dict:
    """Every indicator of the dashboard computed, and the figures made plain JSON values."""
    values = dict(figures)
    for indicator in INDICATORS:
        values[indicator.key] = indicator.value(figures)
    return {
        key: (None if value is None else str(value)) if key in DECIMAL_KEYS else value
        for key, value in values.items()
    }


def decode(figures: dict) -> dict:
    """A stored snapshot's figures with the amounts and ratios back as Decimal."""
    return {
        key: (Decimal(value) if value not in (None, "") else None) if key in DECIMAL_KEYS else value
        for key, value in figures.items()
    }


def place_figures(*, user, region: str) -> dict:
    """The figures of one place, read from the tallies (scoped to `user` when given)."""
    figures = _empty()
    for row in cooperative_tally(user=user, region=region, by=("status",)):
        _add_cooperatives(figures, row)
    for row in business_tally(user=user, region=region, by=("status", "scale")):
        _add_businesses(figures, row)
    return _finish(figures)


def _children(region: str) -> dict[str, dict]:
    """The figures of every place one level below `region` that holds a tally row."""
    places: dict[str, dict] = {}
    for row in cooperative_tally(region=region, by=("place", "status")):
        if row["place"]:
            _add_cooperatives(places.setdefault(row["place"], _empty()), row)
    for row in business_tally(region=region, by=("place", "status", "scale")):
        if row["place"]:
            _add_businesses(places.setdefault(row["place"], _empty()), row)
    return {place: _finish(figures) for place, figures in places.items()}


def _add_open_counts(figures: dict[str, dict], parent: str) -> None:
    """The open statistics' counts of each place below `parent`, kept beside the dashboard's so a
    past year's public page reads them back (`public.snapshot_counts`)."""
    for place, counts in public.live_counts(parent).items():
        if place in figures:
            figures[place].update(counts)


def _add_pillars(figures: dict[str, dict], today: dt.date) -> None:
    """Each kecamatan's pillar counts, added to it and to its regency and province."""
    for district, counts in pillar_counts(today=today).items():
        for code in {district, district[:5], district[:2]}:
            if code in figures:
                for pillar, n in counts.items():
                    figures[code][PILLAR_KEYS[pillar]] += n


def snapshot_take(month: dt.date | None = None, *, actor=None) -> dict:
    """Store the figures of every province, regency and kecamatan with data for `month` (the
    current month when None). Idempotent: a second run for the same month updates the rows."""
    month = month_start(month)
    figures: dict[str, dict] = {}
    provinces = _children("")
    figures.update(provinces)
    for province in sorted(provinces):
        regencies = _children(province)
        figures.update(regencies)
        _add_open_counts(figures, province)
        for regency in sorted(regencies):
            figures.update(_children(regency))
            _add_open_counts(figures, regency)
    # The pillars as of the day taken: the month's last run leaves its closing figures.
    _add_pillars(figures, min(timezone.localdate(), _month_end(month)))
    with transaction.atomic():
        before = Snapshot.objects.filter(month=month).count()
        Snapshot.objects.bulk_create(
            [
                Snapshot(month=month, region_code=code, figures=values)
                for code, values in sorted(figures.items())
            ],
            update_conflicts=True,
            unique_fields=["month", "region_code"],
            update_fields=["figures", "taken_at"],
            batch_size=500,
        )
        after = Snapshot.objects.filter(month=month).count()
        result = {
            "month": month.strftime("%Y-%m"),
            "places": len(figures),
            "created": after - before,
            "updated": len(figures) - (after - before),
        }
        audit_record(
            actor=actor or system_user(),
            action=ACTION,
            object_type="insights.snapshot",
            object_id=result["month"],
            object_repr=f"{month:%m-%Y}",
            after=result,
        )
    return result


def pillar_panel(code: str) -> dict | None:
    """The three pillars of `code` from its latest snapshot: they depend on the date (a RAT becomes
    overdue without any write), so the nightly snapshot counts them and the dashboard says when."""
    if not code:
        return None
    snapshot = Snapshot.objects.filter(region_code=code).order_by("-month").first()
    if snapshot is None:
        return None
    rows = [(pillar, label, snapshot.figures.get(PILLAR_KEYS[pillar], 0)) for pillar, label in PILLARS]
    total = sum(n for _pillar, _label, n in rows)
    if not total:
        return None
    return {"taken_at": snapshot.taken_at, "rows": rows, "total": total}
