"""The open statistics API at /api/v1/insights/open/: public, no credentials, nothing personal.

The same suppressed tables as the public pages (`insights.public`), as JSON or CSV, for open-data
portals. Column names are stable; a hidden count is published as "<5" (a count from 1 to 4) or
"x" (hidden so that a total cannot give a small count away).
"""

from datetime import date

from django.http import HttpResponse
from ninja import Field, Router, Schema
from pydantic import create_model

from sinergi.core.schemas import Line, errors
from sinergi.insights import public

router = Router(tags=["open-statistics"])

COUNT_HELP = ' A count, or "<5" (1 to 4, hidden) or "x" (hidden so that a total cannot reveal a small count).'

OpenRowOut = create_model(
    "OpenRowOut",
    __base__=Schema,
    region_code=(str, Field(description="Kemendagri region code (province, regency or kecamatan).")),
    region_name=(str, Field(description="Region name.")),
    level=(str, Field(description='"province", "regency" or "district" (kecamatan).')),
    **{c.key: (int | str, Field(description=f"{c.description}.{COUNT_HELP}")) for c in public.COLUMNS},
)


class ColumnOut(Schema):
    key: str
    description: str


class OpenTableOut(Schema):
    region_code: str = Field(description="The place of the table; its own row comes first in `rows`.")
    region_name: str
    level: str
    year: int
    source: str = Field(
        description='"live" (this year, from current data) or "snapshot" (end of a past year).'
    )
    has_data: bool = Field(description="False for a past year with no end-of-year record: `rows` is empty.")
    as_of: date
    licence: str = Field(description="CC BY 4.0.")
    attribution: str = Field(description="The credit line to quote when reusing the figures.")
    columns: list[ColumnOut]
    rows: list[OpenRowOut]  # type: ignore[valid-type]


def _table(code: str, year: int | None) -> public.OpenTable:
    region = public.resolve(code)
    return public.open_table(region.code, public.resolve_year(str(year) if year is not None else None))


CSV_DOC = {
    "responses": {
        200: {
            "description": "CSV, comma-separated, UTF-8. Header: " + ", ".join(public.CSV_HEADER) + ".",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    }
}


@router.get(
    "/{code}.csv", auth=None, response={404: errors(404)[404]}, openapi_extra=CSV_DOC, url_name="open_csv"
)
def open_statistics_csv(request, code: Line, year: int | None = None):
    """The table of a place (32 = West Java, a regency or a kecamatan code) as CSV: the place,
    then the places one level down."""
    table = _table(code, year)
    response = HttpResponse(public.as_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="statistik-{code.replace(".", "-")}-{table.year}.csv"'
    )
    return response


@router.get("/{code}", auth=None, response={200: OpenTableOut, **errors(404)}, url_name="open_json")
def open_statistics(request, code: Line, year: int | None = None):
    """The table of a place (32 = West Java, a regency or a kecamatan code) for a year (this year
    when empty): cooperatives registered and active, UMKM registered and active by scale, with
    small counts suppressed. Nothing below the kecamatan is published."""
    return public.as_json(_table(code, year))
