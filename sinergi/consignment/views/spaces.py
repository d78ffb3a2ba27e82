"""Stands and shelves of a mall corner or gallery: allocations to UMKM by period, and the waiting list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sinergi.accounts.models import Organization
from sinergi.consignment import access, forms, selectors, services
from sinergi.core.forms import apply_errors


@login_required
@require_http_methods(["GET", "POST"])
def spaces(request, pk):
    outlet = selectors.outlet_get(user=request.user, pk=pk)
    runs = access.runs_outlet(request.user, outlet)
    today = timezone.localdate()
    space_form = forms.SpaceForm(prefix="space")
    allocation_form = forms.AllocationForm(outlet=outlet, prefix="alloc", initial={"starts_on": today})
    waiting_form = forms.WaitingForm(outlet=outlet, prefix="wait")
    if request.method == "POST":
        if not runs:
            raise PermissionDenied
        action = request.POST.get("action")
        form, call = None, None
        if action == "space":
            form = space_form = forms.SpaceForm(request.POST, prefix="space")
            call = lambda d: services.space_create(actor=request.user, outlet=outlet, label=d["label"])  # noqa: E731
        elif action == "allocate":
            form = allocation_form = forms.AllocationForm(request.POST, outlet=outlet, prefix="alloc")
            call = lambda d: services.space_allocate(  # noqa: E731
                actor=request.user,
                space=outlet.spaces.get(pk=d["space"]),
                business=Organization.objects.get(pk=d["business"]),
                starts_on=d["starts_on"],
                ends_on=d["ends_on"],
            )
        elif action == "wait":
            form = waiting_form = forms.WaitingForm(request.POST, outlet=outlet, prefix="wait")
            call = lambda d: services.waiting_add(  # noqa: E731
                actor=request.user,
                outlet=outlet,
                business=Organization.objects.get(pk=d["business"]),
                requested_on=today,
                note=d["note"],
            )
        if form is not None and form.is_valid():
            try:
                call(form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Tersimpan."))
                return redirect("consignment:spaces", outlet.pk)
    return render(
        request,
        "consignment/spaces.html",
        {
            "outlet": outlet,
            "runs": runs,
            "spaces": outlet.spaces.prefetch_related("allocations__business"),
            "waiting": outlet.waiting.filter(served_on__isnull=True).select_related("business"),
            "space_form": space_form,
            "allocation_form": allocation_form,
            "waiting_form": waiting_form,
            "today": today,
        },
    )
