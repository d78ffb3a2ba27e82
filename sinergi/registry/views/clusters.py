"""Kampung Koperasi pages: the list of clusters, a cluster with its members, and its form.

The form works in two steps: first the kecamatan (inside the officer's jurisdiction), then the
name, commodity, flagship and members, all limited to that kecamatan. Businesses can number in the
hundreds, so they are found with a search box (htmx) while the ones already chosen stay listed.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sinergi.accounts.scoping import reach_of
from sinergi.core.forms import apply_errors
from sinergi.core.paging import page_of
from sinergi.regions.models import Region
from sinergi.regions.widgets import RegionPickerWidget
from sinergi.registry import selectors, services
from sinergi.registry.filters import BusinessFilters, CooperativeFilters
from sinergi.registry.forms import ClusterForm
from sinergi.registry.views.common import picker_root

OPTIONS_SHOWN = 50  # businesses listed under the search box at a time


def _cooperatives_in(user, district: str):
    return selectors.cooperative_list(user=user, filters=CooperativeFilters(region=district))


def _require_cluster_writer(user, district: str | None = None) -> None:
    reach = reach_of(user)
    if district is None:
        if not reach.is_office_writer:
            raise PermissionDenied
    elif not reach.manages_region(district):
        raise PermissionDenied


def _district(request, cluster=None) -> Region | None:
    """The kecamatan chosen in the first step (or kept from the cluster being edited)."""
    code = request.POST.get("district") or RegionPickerWidget(depth=3).value_from_datadict(
        request.GET, None, "district"
    )
    asked = any(key == "district" or key.startswith("district_") for key in request.GET)
    if not code and cluster is not None and not asked:
        code = cluster.district_id
    region = Region.objects.filter(pk=code).first() if code else None
    if region is None or region.level != 3:
        return None
    return region


def _selected_businesses(user, district: str, ids) -> list:
    wanted = [int(i) for i in ids if str(i).isdigit()]
    if not wanted:
        return []
    return list(
        selectors.business_list(user=user, filters=BusinessFilters(region=district)).filter(
            organization_id__in=wanted
        )
    )


def _business_options(user, district: str, q: str, selected: list) -> list:
    chosen = {b.pk for b in selected}
    found = selectors.business_list(user=user, filters=BusinessFilters(region=district, q=q[:100]))
    return [b for b in found[: OPTIONS_SHOWN + len(chosen)] if b.pk not in chosen][:OPTIONS_SHOWN]


@login_required
def cluster_list(request):
    reach = reach_of(request.user)
    page = page_of(selectors.cluster_list(user=request.user).order_by("name", "pk"), request.GET.get("page"))
    context = {
        "page": page,
        "can_create": reach.is_office_writer,
    }
    return render(request, "registry/cluster_list.html", context)


@login_required
def cluster_detail(request, pk: int):
    cluster = selectors.access_cluster(user=request.user, pk=pk)
    context = {
        "cluster": cluster,
        **selectors.cluster_members(user=request.user, cluster=cluster),
        "can_edit": reach_of(request.user).manages_region(cluster.district_id),
    }
    return render(request, "registry/cluster_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def cluster_edit(request, pk: int | None = None):
    cluster = selectors.access_cluster(user=request.user, pk=pk) if pk else None
    _require_cluster_writer(request.user, cluster.district_id if cluster else None)
    district = _district(request, cluster)
    if district is None or not reach_of(request.user).manages_region(district.code):
        picker = RegionPickerWidget(root=picker_root(request.user), depth=3)
        context = {
            "cluster": cluster,
            "picker": picker.render("district", cluster.district_id if cluster else None),
            "step": 1,
            # Something was chosen, but not a kecamatan inside the jurisdiction.
            "error": any(v for k, v in request.GET.items() if k.startswith("district_")),
        }
        return render(request, "registry/cluster_form.html", context)
    initial = {}
    if cluster is not None:
        initial = {
            "name": cluster.name,
            "commodity": cluster.commodity,
            "flagship": cluster.flagship_id,
            "cooperatives": list(cluster.cooperatives.values_list("pk", flat=True)),
            "businesses": list(cluster.businesses.values_list("pk", flat=True)),
        }
    form = ClusterForm(request.POST or None, initial=initial, user=request.user, district=district.code)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.cluster_save(
                actor=request.user,
                cluster=cluster,
                name=data["name"],
                commodity=data["commodity"],
                district_code=district.code,
                flagship=data["flagship"],
                cooperatives=list(data["cooperatives"]),
                businesses=list(data["businesses"]),
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc) or _("Akses ditolak."))
        else:
            messages.success(request, _("Klaster disimpan."))
            return redirect("registry:cluster_detail", pk=saved.pk)
    chosen_businesses = request.POST.getlist("businesses") if request.method == "POST" else initial.get(
        "businesses", []
    )  # fmt: skip
    chosen_coops = request.POST.getlist("cooperatives") if request.method == "POST" else initial.get(
        "cooperatives", []
    )  # fmt: skip
    selected = _selected_businesses(request.user, district.code, chosen_businesses)
    context = {
        "cluster": cluster,
        "step": 2,
        "form": form,
        "district": district,
        "cooperatives": list(_cooperatives_in(request.user, district.code)),
        "chosen_cooperatives": {int(c) for c in chosen_coops if str(c).isdigit()},
        "flagship_id": str(form["flagship"].value() or ""),
        "selected": selected,
        "options": _business_options(request.user, district.code, "", selected),
        "q": "",
    }
    return render(request, "registry/cluster_form.html", context)


@login_required
@require_GET
def cluster_options(request):
    """The business checkboxes under the search box: those chosen so far, then the matches."""
    district = _district(request)
    if district is None:
        raise PermissionDenied
    _require_cluster_writer(request.user, district.code)
    q = (request.GET.get("q") or "").strip()
    selected = _selected_businesses(request.user, district.code, request.GET.getlist("businesses"))
    context = {
        "selected": selected,
        "options": _business_options(request.user, district.code, q, selected),
        "q": q,
    }
    return render(request, "registry/cluster_form.html#options", context)
