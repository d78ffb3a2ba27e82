"""Cooperative pages: list with filters and search, detail, forms, status, members, export."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sinergi.accounts.scoping import reach_of
from sinergi.accounts.selectors import organization_timeline
from sinergi.core.forms import apply_errors
from sinergi.core.htmx import render_page
from sinergi.core.http import no_store
from sinergi.core.paging import page_of
from sinergi.regions.widgets import RegionPickerWidget
from sinergi.registry import privacy, selectors, services
from sinergi.registry.filters import CooperativeFilters
from sinergi.registry.forms import CooperativeFormBase, CooperativeStatusForm, MemberForm, OfficerFormSet
from sinergi.registry.models import CooperativeGroup, CooperativeStatus, CooperativeType
from sinergi.registry.views.common import export_response, picker_root, require_office_writer


def _filter_picker(request, filters):
    return RegionPickerWidget(root=picker_root(request.user), depth=4).render(
        "region", filters.region or None
    )


@login_required
@no_store
def cooperative_list(request):
    filters = CooperativeFilters.from_params(request.GET)
    rows, capped = selectors.cooperative_search(user=request.user, filters=filters)
    page = page_of(rows, request.GET.get("page"))
    context = {
        "page": page,
        "filters": filters,
        "region_picker": _filter_picker(request, filters),
        "types": CooperativeType.choices,
        "groups": CooperativeGroup.choices,
        "statuses": CooperativeStatus.choices,
        "clusters": selectors.cluster_list(user=request.user).values_list("pk", "name"),
        "can_create": reach_of(request.user).is_office_writer,
        "capped": capped,
    }
    return render_page(request, "registry/cooperative_list.html", context, partial="rows")


@login_required
@no_store  # its officers and members are people
def cooperative_detail(request, pk: int):
    profile = selectors.access_cooperative(user=request.user, pk=pk)
    org = profile.organization
    reach = reach_of(request.user)
    context = {
        "profile": profile,
        "org": org,
        "can_edit": reach.can_edit_organization(org),
        "can_manage": reach.manages_region(org.region_id),
        "status_form": CooperativeStatusForm(initial={"effective_on": dt.date.today()}),
        "history": profile.status_changes.select_related("actor")[:20],
        "officers": profile.officers.all(),
        "member_count": org.members.count(),
        "clusters": org.cooperative_clusters.all(),
        "timeline": organization_timeline(user=request.user, organization=org)[:30],
    }
    return render(request, "registry/cooperative_detail.html", context)


def _cooperative_form_data(form) -> tuple[dict, dict]:
    data = form.cleaned_data
    org = {"name": data["name"], "address": data["address"], "phone": data["phone"], "email": data["email"]}
    if "region" in data:
        org["region_code"] = data["region"]
    profile = {k: data[k] for k in CooperativeFormBase.PROFILE_FIELDS}
    for key in ("members_male", "members_female"):
        profile[key] = profile[key] or 0
    return org, profile


@login_required
@require_http_methods(["GET", "POST"])
def cooperative_create(request):
    require_office_writer(request.user)
    form = CooperativeFormBase(request.POST or None, root=picker_root(request.user))
    if request.method == "POST" and form.is_valid():
        org, profile = _cooperative_form_data(form)
        try:
            created = services.cooperative_register(actor=request.user, **org, **profile)
        except ValidationError as exc:
            apply_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Koperasi disimpan."))
            return redirect("registry:cooperative_detail", pk=created.pk)
    return render(
        request,
        "registry/form.html",
        {"form": form, "title": _("Koperasi baru"), "back": "registry:cooperative_list"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def cooperative_edit(request, pk: int):
    profile = selectors.access_cooperative(user=request.user, pk=pk)
    org = profile.organization
    if not reach_of(request.user).can_edit_organization(org):
        raise PermissionDenied
    initial = {
        "name": org.name, "region": org.region_id, "address": org.address, "phone": org.phone, "email": org.email,
        **{k: getattr(profile, k) for k in CooperativeFormBase.PROFILE_FIELDS},
    }  # fmt: skip
    form = CooperativeFormBase(request.POST or None, initial=initial, root=picker_root(request.user))
    # The place is not edited here: a move is a request the receiving office decides.
    form.fields.pop("region")
    if request.method == "POST" and form.is_valid():
        org_data, profile_data = _cooperative_form_data(form)
        try:
            services.cooperative_update(actor=request.user, cooperative=profile, **org_data, **profile_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Perubahan disimpan."))
            return redirect("registry:cooperative_detail", pk=profile.pk)
    return render(
        request,
        "registry/form.html",
        {"form": form, "title": org.name, "back": "registry:cooperative_list", "org": org, "moving": org},
    )


@login_required
@require_POST
def cooperative_status(request, pk: int):
    profile = selectors.access_cooperative(user=request.user, pk=pk)
    form = CooperativeStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Isi status, tanggal berlaku dan alasan."))
        return redirect("registry:cooperative_detail", pk=pk)
    try:
        services.cooperative_set_status(actor=request.user, cooperative=profile, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("Akses ditolak."))
    else:
        messages.success(request, _("Status koperasi diubah."))
    return redirect("registry:cooperative_detail", pk=pk)


@login_required
@no_store
@require_http_methods(["GET", "POST"])
def cooperative_members(request, pk: int):
    profile = selectors.access_cooperative(user=request.user, pk=pk)
    org = profile.organization
    reach = reach_of(request.user)
    can_write = reach.manages_region(org.region_id) or reach.operates_cooperative(org.pk)
    form = MemberForm(request.POST or None)
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.member_save(actor=request.user, cooperative=org, **form.cleaned_for_service())
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Anggota disimpan."))
                return redirect("registry:cooperative_members", pk=pk)
    members = selectors.member_list(user=request.user, cooperative=org)
    page = page_of(members, request.GET.get("page"), size=50)
    context = {
        "profile": profile,
        "org": org,
        "page": page,
        "form": form,
        "can_write": can_write,
        "unmasked": privacy.members_visible(request.user, org),
    }
    response = render(request, "registry/member_list.html", context)
    response["Cache-Control"] = "private, no-store"  # members' NIKs: never kept by a browser or a proxy
    return response


@login_required
def cooperative_export(request):
    return export_response(request, kind="cooperative", filters=CooperativeFilters.from_params(request.GET))


@login_required
def member_export(request, pk: int):
    return export_response(request, kind="member", filters={"cooperative": pk})


@login_required
@require_http_methods(["GET", "POST"])
def cooperative_officers(request, pk: int):
    """Pengurus dan pengawas: the whole list is edited at once and saved as one change."""
    profile = selectors.access_cooperative(user=request.user, pk=pk)
    if not reach_of(request.user).can_edit_organization(profile.organization):
        raise PermissionDenied
    initial = [
        {
            "body": o.body,
            "position": o.position,
            "name": o.name,
            "term_start": o.term_start,
            "term_end": o.term_end,
        }
        for o in profile.officers.all()
    ]
    formset = OfficerFormSet(request.POST or None, initial=initial)
    if request.method == "POST" and formset.is_valid():
        officers = [
            {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        try:
            services.cooperative_officer_set(actor=request.user, cooperative=profile, officers=officers)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Pengurus dan pengawas disimpan."))
            return redirect("registry:cooperative_detail", pk=pk)
    return render(request, "registry/officer_form.html", {"profile": profile, "formset": formset})


@login_required
@require_POST
def cooperative_flagship(request, pk: int):
    profile = selectors.access_cooperative(user=request.user, pk=pk)
    try:
        services.cooperative_update(
            actor=request.user, cooperative=profile, is_flagship=request.POST.get("flagship") == "1"
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("Akses ditolak."))
    else:
        messages.success(request, _("Status koperasi unggulan disimpan."))
    return redirect("registry:cooperative_detail", pk=pk)
