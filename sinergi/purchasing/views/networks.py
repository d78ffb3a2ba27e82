"""Belanja Bareng home and networks (Jaringan Usaha Koperasi): set-up, members, their rounds."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sinergi.accounts.models import Organization
from sinergi.accounts.scoping import reach_of
from sinergi.core.forms import apply_errors
from sinergi.purchasing import selectors, services
from sinergi.purchasing.filters import PurchaseOrderFilters, RoundFilters
from sinergi.purchasing.forms import MemberAddForm, NetworkEditForm, NetworkForm
from sinergi.purchasing.views.common import attempt, require
from sinergi.regions.models import Region

# A select of thousands of organisations helps nobody; an office that large picks per regency.
MAX_CANDIDATES = 2000


@login_required
def index(request):
    """Where every role starts: the rounds it reaches, its networks, its orders as a supplier."""
    reach = reach_of(request.user)
    supplying = list(selectors.supplier_organizations(request.user)[:20])
    networks = list(selectors.network_list(user=request.user))
    if not (reach.is_officer or networks or supplying):
        raise PermissionDenied
    rounds = list(selectors.round_list(user=request.user, filters=RoundFilters())[:12])
    my_cooperatives = set(reach.managed_cooperative_ids())
    member_of = {}
    for network in networks:
        member_of[network.pk] = [c for c in network.members.all() if c.pk in my_cooperatives]
    context = {
        "rounds": [(r, member_of.get(r.network_id, [])) for r in rounds],
        "networks": networks,
        "supplying": supplying,
        "purchase_orders": selectors.purchase_order_list(user=request.user, filters=PurchaseOrderFilters())[
            :10
        ]
        if supplying and not reach.is_officer
        else [],
        "can_add_network": selectors.may_add_network(request.user),
        "sees_prices": selectors.may_see_all_prices(request.user) or bool(supplying),
    }
    return render(request, "purchasing/index.html", context)


@login_required
def network_list(request):
    networks = selectors.network_list(user=request.user)
    require(reach_of(request.user).is_officer or networks.exists())
    return render(
        request,
        "purchasing/network_list.html",
        {"networks": networks, "can_add_network": selectors.may_add_network(request.user)},
    )


def _office_regions(user) -> list[Region]:
    reach = reach_of(user)
    if reach.everything:
        return list(Region.objects.filter(level__lte=2).order_by("code"))
    codes = reach.writer_codes()
    return list(Region.objects.filter(Q(code__in=codes) | Q(parent_id__in=codes, level=2)).order_by("code"))


def _coordinator_choices(regions: list[Region]) -> list[Organization]:
    q = Q(pk__in=[])
    for region in regions:
        if region.level <= 2:
            q |= Q(pk__in=selectors.coordinator_candidates(region_code=region.code).values("pk"))
    return list(Organization.objects.filter(q).order_by("name")[:MAX_CANDIDATES])


@login_required
@require_http_methods(["GET", "POST"])
def network_create(request):
    require(selectors.may_add_network(request.user))
    regions = _office_regions(request.user)
    coordinators = _coordinator_choices(regions)
    form = NetworkForm(request.POST or None, regions=regions, coordinators=coordinators)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            network = services.network_create(
                actor=request.user,
                name=data["name"],
                region_code=data["region"],
                coordinator=Organization.objects.get(pk=data["coordinator"]),
                description=data["description"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Jaringan dibuat. Tambahkan anggotanya."))
            return redirect("purchasing:network_detail", pk=network.pk)
    return render(
        request,
        "purchasing/form.html",
        {"form": form, "title": _("Jaringan baru"), "back": "purchasing:network_list"},
    )


@login_required
def network_detail(request, pk: int):
    network = selectors.access_network(user=request.user, pk=pk)
    may_coordinate = selectors.may_coordinate(request.user, network)
    candidates = list(
        selectors.cooperatives_to_add(network=network).select_related("region")[:MAX_CANDIDATES]
    )
    context = {
        "network": network,
        "members": selectors.network_members(network=network),
        "rounds": selectors.round_list(user=request.user, filters=RoundFilters(network=network.pk)),
        "may_coordinate": may_coordinate,
        "may_edit": reach_of(request.user).manages_region(network.region_id),
        "whole": selectors.may_view_whole_network(request.user, network),
        "member_form": MemberAddForm(cooperatives=candidates) if may_coordinate and candidates else None,
    }
    return render(request, "purchasing/network_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def network_edit(request, pk: int):
    network = selectors.access_network(user=request.user, pk=pk)
    require(reach_of(request.user).manages_region(network.region_id))
    coordinators = list(selectors.coordinator_candidates(region_code=network.region_id)[:MAX_CANDIDATES])
    initial = {
        "name": network.name,
        "coordinator": network.coordinator_id,
        "description": network.description,
        "is_active": network.is_active,
    }
    form = NetworkEditForm(request.POST or None, initial=initial, coordinators=coordinators)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.network_update(
                actor=request.user,
                network=network,
                name=data["name"],
                description=data["description"],
                coordinator=Organization.objects.get(pk=data["coordinator"]),
                is_active=data["is_active"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Perubahan disimpan."))
            return redirect("purchasing:network_detail", pk=network.pk)
    return render(
        request,
        "purchasing/form.html",
        {"form": form, "title": network.name, "back": "purchasing:network_list"},
    )


@login_required
@require_POST
def network_member_add(request, pk: int):
    network = selectors.access_network(user=request.user, pk=pk)
    require(selectors.may_coordinate(request.user, network))
    form = MemberAddForm(request.POST, cooperatives=selectors.cooperatives_to_add(network=network))
    if form.is_valid():
        cooperative = get_object_or_404(Organization, pk=form.cleaned_data["cooperative"])
        attempt(
            request,
            services.network_member_add,
            _("%(name)s bergabung.") % {"name": cooperative.name},
            network=network,
            cooperative=cooperative,
        )
    else:
        messages.error(request, _("Pilih koperasi dari daftar."))
    return redirect("purchasing:network_detail", pk=network.pk)


@login_required
@require_POST
def network_member_remove(request, pk: int, cooperative_pk: int):
    network = selectors.access_network(user=request.user, pk=pk)
    require(selectors.may_coordinate(request.user, network))
    cooperative = get_object_or_404(network.members.all(), pk=cooperative_pk)
    attempt(
        request,
        services.network_member_remove,
        _("%(name)s keluar dari jaringan.") % {"name": cooperative.name},
        network=network,
        cooperative=cooperative,
    )
    return redirect("purchasing:network_detail", pk=network.pk)
