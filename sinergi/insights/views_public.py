"""The open statistics pages: public, no login, nothing personal (`insights.public`)."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from sinergi.insights import public


def _context(code: str, year_text: str | None) -> dict:
    region = public.resolve(code)
    year = public.resolve_year(year_text)
    table = public.open_table(region.code, year)
    crumbs = []
    for part in (region.code[:n] for n in (2, 5, 8) if len(region.code) >= n):
        crumbs.append((part, public.public_url(part, None if year == public.current_year() else year)))
    names = dict(public.Region.objects.filter(code__in=[c for c, _u in crumbs]).values_list("code", "name"))
    return {
        "table": table,
        "crumbs": [(names.get(c, c), url if c != region.code else None) for c, url in crumbs],
        "years": [(y, public.public_url(region.code, y)) for y in public.years_available(region.code)],
        "is_current": year == public.current_year(),
        "csv_url": public.csv_url(region.code, year),
        "json_url": f"{reverse('api:open_json', kwargs={'code': region.code})}?year={year}",
        "licence": public.LICENCE,
        "licence_url": public.LICENCE_URL,
        "attribution": public.attribution(table),
        "small": public.SMALL,
        "hidden": public.HIDDEN,
        "cooperative_columns": [c for c in public.COLUMNS if c.key in public.COOPERATIVE_KEYS],
        "registered_columns": [c for c in public.COLUMNS if c.key in public.REGISTERED_KEYS],
        "active_columns": [c for c in public.COLUMNS if c.key in public.ACTIVE_KEYS],
    }


@require_GET
def index(request):
    """West Java and its regencies."""
    return render(
        request, "insights/public/statistics.html", _context(public.PROVINCE, request.GET.get("tahun"))
    )


@require_GET
def place(request, code: str):
    """A regency and its kecamatan, or a kecamatan's own figures."""
    return render(request, "insights/public/statistics.html", _context(code, request.GET.get("tahun")))


@require_GET
def download_csv(request, code: str):
    """The page's table as CSV, with the same suppression."""
    region = public.resolve(code)
    table = public.open_table(region.code, public.resolve_year(request.GET.get("tahun")))
    response = HttpResponse(public.as_csv(table), content_type="text/csv; charset=utf-8")
    filename = f"statistik-{region.code.replace('.', '-')}-{table.year}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
