"""Belanja Bareng home, and the old network addresses (networks live in the registry now)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse

from sinergi.accounts.scoping import reach_of
from sinergi.purchasing import selectors
from sinergi.purchasing.filters import PurchaseOrderFilters, RoundFilters


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
        member_of[network.pk] = [c for c in selectors.member_cooperatives(network) if c.pk in my_cooperatives]
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


# The network pages moved to the registry (`/registri/jaringan/`), where networks of every kind
# live; the old addresses, bookmarked and linked from notifications, lead there for good.


def network_list(request):
    return HttpResponsePermanentRedirect(reverse("registry:network_list") + "?jenis=buying")


def network_create(request):
    return HttpResponsePermanentRedirect(reverse("registry:network_create") + "?jenis=buying")


def network_detail(request, pk: int):
    return HttpResponsePermanentRedirect(reverse("registry:network_detail", args=[pk]))


def network_edit(request, pk: int):
    return HttpResponsePermanentRedirect(reverse("registry:network_edit", args=[pk]))
