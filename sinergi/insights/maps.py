"""The data a choropleth needs (`static/js/choropleth.js`): each place's figure, the legend and
the drill-down links, as plain JSON for `json_script`.

    {{ map_data|json_script:"map-data" }}
    <div class="choropleth" data-choropleth data-geojson-url="…" data-values-id="map-data"
         aria-label="…"></div>
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.utils.translation import gettext

from sinergi.insights.classify import Method, Number, classify


def _plain(value: Number | None) -> int | float | None:
    # json_script writes a Decimal as a string; the map wants numbers.
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def choropleth_data(
    values: Mapping[str, Number | None],
    *,
    method: Method = "quantile",
    k: int = 5,
    links: Mapping[str, str] | None = None,
    title: str = "",
    decimals: int = 0,
) -> dict:
    """The figures of the places shown (dotted code → value; None for no data), classed by `method`
    into at most `k` classes, with the URL each place drills down to."""
    legend = classify(values.values(), k=k, method=method)
    return {
        "title": title,
        "method": legend.method,
        "decimals": decimals,
        "values": {code: _plain(v) for code, v in values.items()},
        "breaks": list(legend.breaks),
        "classes": [
            {"low": low, "high": high, "colour": colour}
            for (low, high), colour in zip(legend.ranges, legend.colours, strict=True)
        ],
        "no_data": {"colour": legend.no_data_colour, "label": gettext("tidak ada data")},
        "links": dict(links or {}),
        "labels": {"zoom_in": gettext("Perbesar peta"), "zoom_out": gettext("Perkecil peta")},
    }
