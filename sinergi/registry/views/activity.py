"""Registered vs active cooperatives per area, and those about to turn inactive."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from sinergi.regions.widgets import RegionPickerWidget
from sinergi.registry import selectors
from sinergi.registry.filters import CooperativeFilters
from sinergi.registry.views.common import picker_root, require_officer


@login_required
def activity(request):
    require_officer(request.user)
    region = CooperativeFilters.from_params(request.GET).region or picker_root(request.user) or ""
    summary = selectors.activity_summary(user=request.user, region=region)
    context = {
        "summary": summary,
        "region": region,
        "region_picker": RegionPickerWidget(root=picker_root(request.user), depth=3).render(
            "region", region or None
        ),
        "warning": selectors.cooperatives_about_to_turn_inactive(user=request.user, region=region)[:200],
        "years": settings.SINERGI_INACTIVE_AFTER_YEARS,
    }
    return render(request, "registry/activity.html", context)
