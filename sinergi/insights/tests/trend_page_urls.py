"""The project's URLs plus a page that shows only the trends partial, for the browser test."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from sinergi.insights.trends import trend_context
from sinergi.urls import urlpatterns as project_urls

PAGE = engines["django"].from_string(
    '{% extends "base.html" %}{% block content %}{% include "insights/_trends.html" %}{% endblock %}'
)


@login_required
def trend_page(request):
    context = trend_context(request.user, request.GET.get("wilayah"), request.GET.get("indikator"))
    return HttpResponse(PAGE.render(context, request))


urlpatterns = [path("uji-tren/", trend_page), *project_urls]
