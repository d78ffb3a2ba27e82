"""UMKM pages: list with filters and search, detail with the scale explained, forms, export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sinergi.accounts.scoping import reach_of
from sinergi.accounts.selectors import organization_timeline
from sinergi.core.forms import apply_errors
from sinergi.core.htmx import render_page
from sinergi.core.http import no_store
from sinergi.core.paging import page_of
from sinergi.regions.widgets import RegionPickerWidget
from sinergi.registry import privacy, selectors, services
from sinergi.registry.filters import BusinessFilters
from sinergi.registry.forms import BusinessForm, ScaleOverrideForm
from sinergi.registry.models import BusinessScale, BusinessStatus
from sinergi.registry.scale import explain_scale
from sinergi.registry.views.common import export_response, picker_root, require_office_writer


@login_required
@no_store  # owners' names beside their businesses: never kept by a browser or a proxy
def business_list(request):
    filters = BusinessFilters.from_params(request.GET)
    rows, capped = selectors.business_search(user=request.user, filters=filters)
    page = page_of(rows, request.GET.get("page"))
    reach = reach_of(request.user)
    context = {
        "page": page,
        "filters": filters,
        "region_picker": RegionPickerWidget(root=picker_root(request.user)).render(
            "region", filters.region or None
        ),
        "scales": BusinessScale.choices,
        "statuses": BusinessStatus.choices,
        "clusters": selectors.cluster_list(user=request.user).values_list("pk", "name"),
        "can_create": reach.is_office_writer,
        "capped": capped,
    }
    return render_page(request, "registry/business_list.html", context, partial="rows")


@login_required
@never_cache  # personal data: never kept by a browser or a proxy
def business_detail(request, pk: int):
    profile = selectors.access_business(user=request.user, pk=pk)
    org = profile.organization
    reach = reach_of(request.user)
    personal = privacy.business_personal(request.user, profile)
    context = {
        "profile": profile,
        "org": org,
        "personal": personal,
        "unmasked": not personal.masked,
        "can_edit": reach.can_edit_organization(org),
        "can_override": reach.manages_region(org.region_id),
        "scale": explain_scale(capital=profile.capital, annual_sales=profile.annual_sales),
        "scale_form": ScaleOverrideForm(
            initial={
                "scale_override": profile.scale_override,
                "scale_override_reason": profile.scale_override_reason,
            }
        ),
        "cooperatives": profile.cooperatives.all(),
        "clusters": org.business_clusters.all(),
        "timeline": organization_timeline(user=request.user, organization=org)[:30],
    }
    return render(request, "registry/business_detail.html", context)


def _split(form) -> tuple[dict, dict]:
    data = form.cleaned_data
    org = {
        "name": data["name"],
        "region_code": data["region"],
        "address": data["address"],
        "phone": data["phone"],
    }
    return org, {k: data[k] for k in BusinessForm.PROFILE_FIELDS}


@login_required
@require_http_methods(["GET", "POST"])
def business_create(request):
    require_office_writer(request.user)
    form = BusinessForm(request.POST or None, root=picker_root(request.user))
    if request.method == "POST" and form.is_valid():
        org, profile = _split(form)
        try:
            created = services.business_register(actor=request.user, **org, **profile)
        except ValidationError as exc:
            apply_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("UMKM disimpan."))
            return redirect("registry:business_detail", pk=created.pk)
    return render(
        request,
        "registry/form.html",
        {"form": form, "title": _("UMKM baru"), "back": "registry:business_list"},
    )


@login_required
@no_store  # the form holds the owner's NIK, phone and address
@require_http_methods(["GET", "POST"])
def business_edit(request, pk: int):
    profile = selectors.access_business(user=request.user, pk=pk)
    org = profile.organization
    reach = reach_of(request.user)
    if not reach.can_edit_organization(org):
        raise PermissionDenied
    unmasked = reach.sees_personal_data_of(org)
    initial = {
        "name": org.name, "region": org.region_id, "address": org.address, "phone": org.phone,
        **{k: getattr(profile, k) for k in BusinessForm.PROFILE_FIELDS},
    }  # fmt: skip
    form = BusinessForm(request.POST or None, initial=initial, root=picker_root(request.user))
    # The place is not edited here: a move is a request the receiving office decides.
    form.fields.pop("region")
    if not unmasked:
        # People who may not see the owner's personal data do not get it back in a form either.
        for name in ("owner_nik", "phone", "address"):
            form.fields.pop(name)
    if request.method == "POST" and form.is_valid():
        org_data, profile_data = _split_partial(form)
        try:
            services.business_update(actor=request.user, business=profile, **org_data, **profile_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Perubahan disimpan."))
            return redirect("registry:business_detail", pk=profile.pk)
    return render(
        request,
        "registry/form.html",
        {"form": form, "title": org.name, "back": "registry:business_list", "moving": org},
    )


def _split_partial(form) -> tuple[dict, dict]:
    data = form.cleaned_data
    org = {"name": data["name"]}
    if "region" in data:
        org["region_code"] = data["region"]
    for key in ("address", "phone"):
        if key in data:
            org[key] = data[key]
    return org, {k: data[k] for k in BusinessForm.PROFILE_FIELDS if k in data}


@login_required
@require_POST
def business_scale(request, pk: int):
    profile = selectors.access_business(user=request.user, pk=pk)
    form = ScaleOverrideForm(request.POST)
    if form.is_valid():
        try:
            services.business_update(actor=request.user, business=profile, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except PermissionDenied as exc:
            messages.error(request, str(exc) or _("Akses ditolak."))
        else:
            messages.success(request, _("Skala usaha disimpan."))
    return redirect("registry:business_detail", pk=pk)


@login_required
def business_export(request):
    return export_response(request, kind="umkm", filters=BusinessFilters.from_params(request.GET))
