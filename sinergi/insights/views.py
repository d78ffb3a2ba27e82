"""The dashboard pages: thin adapters over `insights.dashboard`."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from sinergi.insights import dashboard as board
from sinergi.insights import geo
from sinergi.insights.trends import trend_context


@login_required
def dashboard(request):
    """The office dashboard for a place (`?wilayah=`), with the places one level down."""
    if not board.may_see_dashboard(request.user):
        raise PermissionDenied
    code = board.resolve_place(request.user, request.GET.get("wilayah"))
    chosen = board.indicator(request.GET.get("indikator"))
    context = board.dashboard(request.user, code)
    context.update(
        crumbs=board.breadcrumbs(request.user, code),
        starts=board.start_places_named(request.user),
        chosen=chosen,
        place_values=[(row, chosen.value(row)) for row in context["places"]],
        methods=board.METHODS,
        method=board.method(request.GET.get("kelas")),
    )
    context["map"] = board.map_for(request.user, code, chosen, context["method"], context["places"])
    context.update(trend_context(request.user, code, chosen.key))
    return render(request, "insights/dashboard.html", context)


LEVELS = {"kabupaten": "regency", "kecamatan": "district"}


@require_GET
@cache_control(public=True, max_age=86400)
def boundaries(request):
    """Public boundaries (GeoJSON) of the regencies or the kecamatan inside a parent code."""
    level = LEVELS.get(request.GET.get("tingkat", ""))
    parent = request.GET.get("induk") or None
    if level is None or (parent is not None and len(parent) not in (2, 5)):
        raise Http404
    return HttpResponse(geo.boundaries_json(level, parent), content_type="application/geo+json")
