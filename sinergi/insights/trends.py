"""Trends: an indicator of one place month by month, from the monthly snapshots, ending with
today's figure read live from the tallies. A month without a snapshot stays empty: nothing is
filled in or guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sinergi.core.templatetags.sinergi import number
from sinergi.insights.dashboard import INDICATORS, Indicator, resolve_place, rupiah_short
from sinergi.insights.models import Snapshot
from sinergi.insights.snapshots import decode, month_start, place_figures
from sinergi.regions.models import Region


def _figure(key: str):
    return lambda row: row[key]


TREND_INDICATORS = [
    *INDICATORS,
    Indicator("kop_belum_diketahui", gettext_lazy("Koperasi berstatus belum diketahui"), "count",
              _figure("kop_belum_diketahui")),
    Indicator("anggota_laki", gettext_lazy("Anggota koperasi laki-laki"), "count", _figure("anggota_laki")),
    Indicator("anggota_perempuan", gettext_lazy("Anggota koperasi perempuan"), "count",
              _figure("anggota_perempuan")),
    Indicator("umkm_mikro", gettext_lazy("Usaha mikro"), "count", _figure("umkm_mikro")),
    Indicator("umkm_kecil", gettext_lazy("Usaha kecil"), "count", _figure("umkm_kecil")),
    Indicator("umkm_menengah", gettext_lazy("Usaha menengah"), "count", _figure("umkm_menengah")),
]  # fmt: skip
TREND_INDICATOR_BY_KEY = {item.key: item for item in TREND_INDICATORS}


def trend_indicator(key: str | None) -> Indicator:
    return TREND_INDICATOR_BY_KEY.get(key or "", TREND_INDICATORS[0])


def add_months(month: dt.date, count: int) -> dt.date:
    year, index = divmod(month.year * 12 + month.month - 1 + count, 12)
    return dt.date(year, index + 1, 1)


def _value(chosen: Indicator, figures: dict | None):
    if figures is None:
        return None
    try:
        return chosen.value(decode(figures))
    except KeyError:  # a figure the snapshot of that month did not keep yet
        return None


def display(chosen: Indicator, value) -> str:
    """A value as the page writes it: 1.234, Rp1,2 miliar, 66,7%."""
    if value is None:
        return "–"
    if chosen.kind == "rupiah":
        return rupiah_short(value)
    if chosen.kind == "percent":
        return f"{number(value, 1)}%"
    return number(value)


# What changed, in words. The amount carries its own percentage: "12 (3,4 %)".
WORDS = {
    ("up", "month"): gettext_lazy("naik %(amount)s dari bulan lalu"),
    ("down", "month"): gettext_lazy("turun %(amount)s dari bulan lalu"),
    ("same", "month"): gettext_lazy("sama dengan bulan lalu"),
    ("missing", "month"): gettext_lazy("angka bulan lalu tidak tercatat"),
    ("up", "year"): gettext_lazy("naik %(amount)s dari bulan yang sama tahun lalu"),
    ("down", "year"): gettext_lazy("turun %(amount)s dari bulan yang sama tahun lalu"),
    ("same", "year"): gettext_lazy("sama dengan bulan yang sama tahun lalu"),
    ("missing", "year"): gettext_lazy("angka bulan yang sama tahun lalu tidak tercatat"),
}


@dataclass
class Change:
    """The change of the latest figure against an earlier one (None where either is missing)."""

    period: str  # month, year
    kind: str
    previous: int | Decimal | None
    absolute: int | Decimal | None
    percent: Decimal | None

    @property
    def direction(self) -> str:
        if self.absolute is None:
            return "missing"
        return "up" if self.absolute > 0 else "down" if self.absolute < 0 else "same"

    @property
    def words(self) -> str:
        direction = self.direction
        if direction in ("missing", "same"):
            return str(WORDS[(direction, self.period)])
        size = abs(self.absolute)
        if self.kind == "percent":
            amount = _("%(number)s poin persen") % {"number": number(size, 1)}
        else:
            amount = rupiah_short(size) if self.kind == "rupiah" else number(size)
            if self.percent is not None:
                amount = f"{amount} ({number(abs(self.percent), 1)} %)"
        return str(WORDS[(direction, self.period)]) % {"amount": amount}


def change(period: str, kind: str, current, previous) -> Change:
    if current is None or previous is None:
        return Change(period, kind, previous, None, None)
    absolute = current - previous
    percent = None
    if previous and kind != "percent":
        percent = (Decimal(absolute) * 100 / Decimal(previous)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )
    return Change(period, kind, previous, absolute, percent)


@dataclass
class Point:
    month: dt.date
    value: int | Decimal | None
    display: str
    live: bool = False

    @property
    def label(self) -> str:
        return date_format(self.month, "F Y")


@dataclass
class Trend:
    code: str
    place_name: str
    indicator: Indicator
    points: list[Point] = field(default_factory=list)
    month_over_month: Change | None = None
    year_over_year: Change | None = None

    @property
    def current(self) -> Point:
        return self.points[-1]

    @property
    def series(self) -> list[tuple[dt.date, int | Decimal | None]]:
        return [(point.month, point.value) for point in self.points]

    @property
    def chart(self) -> dict:
        """What `static/js/insights-trend.js` draws (through json_script)."""
        return {
            "title": str(self.indicator.label),
            "kind": self.indicator.kind,
            "labels": [date_format(point.month, "M Y") for point in self.points],
            "values": [None if point.value is None else float(point.value) for point in self.points],
            "displays": [point.display for point in self.points],
        }


def trend(user, code: str | None, indicator_key: str | None, months: int = 24) -> Trend:
    """The last `months` months of an indicator for a place the user may see (404 otherwise):
    the snapshots of the months before this one, then today's figure from the tallies."""
    code = resolve_place(user, code)
    chosen = trend_indicator(indicator_key)
    this_month = month_start()
    span = [add_months(this_month, -back) for back in range(max(months, 1) - 1, 0, -1)]
    year_ago = add_months(this_month, -12)
    stored = dict(
        Snapshot.objects.filter(region_code=code, month__in=[*span, year_ago]).values_list("month", "figures")
    )
    points = []
    for month in span:
        value = _value(chosen, stored.get(month))
        points.append(Point(month, value, display(chosen, value)))
    live = _value(chosen, place_figures(user=user, region=code))
    points.append(Point(this_month, live, display(chosen, live), live=True))
    last_month = _value(chosen, stored.get(add_months(this_month, -1)))
    last_year = _value(chosen, stored.get(year_ago))
    name = Region.objects.filter(code=code).values_list("name", flat=True).first() or ""
    return Trend(
        code=code,
        place_name=name,
        indicator=chosen,
        points=points,
        month_over_month=change("month", chosen.kind, live, last_month),
        year_over_year=change("year", chosen.kind, live, last_year),
    )


def trend_context(request_user, code: str | None, indicator_key: str | None) -> dict:
    """The context `insights/_trends.html` needs, for a view to merge into its own."""
    return {"trend": trend(request_user, code, indicator_key)}
