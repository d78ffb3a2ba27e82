"""Network pages: the networks a user reaches, one network with its members by state and dates,
setting a network up or changing it, and the membership steps (admit, record a pledge, leave)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.accounts.scoping import reach_of
from sinergi.core.forms import apply_errors
from sinergi.regions.models import Region
from sinergi.registry import selectors_networks as selectors
from sinergi.registry.forms_networks import LeaveForm, MembershipForm, NetworkEditForm, NetworkForm
from sinergi.registry.models import NetworkKind, NetworkMemberState
from sinergi.registry.services import networks as services

# A select of thousands of organisations helps nobody; an office that large picks per regency.
MAX_CANDIDATES = 2000


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@login_required
def network_list(request):
    kind = request.GET.get("jenis", "")
    if kind not in NetworkKind.values:
        kind = ""
    networks = selectors.network_list(user=request.user, kind=kind)
    _require(reach_of(request.user).is_officer or selectors.network_list(user=request.user).exists())
    return render(
        request,
        "registry/network_list.html",
        {
            "networks": networks,
            "kind": kind,
            "kinds": NetworkKind.choices,
            "can_add_network": selectors.may_add_network(request.user),
        },
    )


def _office_regions(user) -> list[Region]:
    reach = reach_of(user)
    if reach.everything:
        return list(Region.objects.filter(level__lte=2).order_by("code"))
    codes = reach.writer_codes()
    return list(Region.objects.filter(Q(code__in=codes) | Q(parent_id__in=codes, level=2)).order_by("code"))


def _lead_choices(regions: list[Region], kind: str) -> list[Organization]:
    q = Q(pk__in=[])
    for region in regions:
        if region.level <= 2:
            q |= Q(pk__in=selectors.lead_candidates(region_code=region.code, kind=kind).values("pk"))
    # Businesses number in the thousands and do not lead networks: they are left out of the list.
    leads = Organization.objects.filter(q).exclude(kind=OrganizationKind.UMKM)
    return list(leads.order_by("name")[:MAX_CANDIDATES])


@login_required
@require_http_methods(["GET", "POST"])
def network_create(request):
    _require(selectors.may_add_network(request.user))
    regions = _office_regions(request.user)
    kind = request.POST.get("kind") or request.GET.get("jenis") or NetworkKind.BUYING
    if kind not in NetworkKind.values:
        kind = NetworkKind.BUYING
    # Any kind of organisation may lead a consortium, so the list offers every one in the area; the
    # service says when the chosen one cannot lead the chosen kind (a buying network's lead).
    leads = _lead_choices(regions, "")
    form = NetworkForm(request.POST or None, regions=regions, leads=leads, initial={"kind": kind})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            network = services.network_create(
                actor=request.user,
                name=data["name"],
                kind=data["kind"],
                region_code=data["region"],
                lead=Organization.objects.get(pk=data["lead"]),
                purpose=data["purpose"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Jaringan dibuat. Tambahkan anggotanya."))
            return redirect("registry:network_detail", pk=network.pk)
    return render(
        request,
        "registry/form.html",
        {"form": form, "title": _("Jaringan baru"), "back": "registry:network_list"},
    )


@login_required
def network_detail(request, pk: int):
    network = selectors.access_network(user=request.user, pk=pk)
    may_run = selectors.may_run_network(request.user, network)
    candidates = (
        list(selectors.organizations_to_add(network=network).select_related("region")[:MAX_CANDIDATES])
        if may_run
        else []
    )
    grouped = selectors.members_by_state(network=network)
    context = {
        "network": network,
        "members": grouped[NetworkMemberState.MEMBER],
        "pledged": grouped[NetworkMemberState.PLEDGED],
        "left": grouped[NetworkMemberState.LEFT],
        "may_run": may_run,
        "may_edit": selectors.may_edit_network(request.user, network),
        "is_buying": network.kind == NetworkKind.BUYING,
        "join_form": MembershipForm(organizations=candidates, auto_id="join_%s") if candidates else None,
        "pledge_form": MembershipForm(organizations=candidates, auto_id="pledge_%s") if candidates else None,
        "leave_form": LeaveForm(auto_id=False),
    }
    return render(request, "registry/network_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def network_edit(request, pk: int):
    network = selectors.access_network(user=request.user, pk=pk)
    _require(selectors.may_edit_network(request.user, network))
    candidates = selectors.lead_candidates(region_code=network.region_id, kind=network.kind)
    leads = list(candidates.exclude(kind=OrganizationKind.UMKM)[:MAX_CANDIDATES])
    initial = {
        "name": network.name,
        "lead": network.lead_id,
        "purpose": network.purpose,
        "is_active": network.is_active,
    }
    form = NetworkEditForm(request.POST or None, initial=initial, leads=leads)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.network_update(
                actor=request.user,
                network=network,
                name=data["name"],
                purpose=data["purpose"],
                lead=Organization.objects.get(pk=data["lead"]),
                is_active=data["is_active"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Perubahan disimpan."))
            return redirect("registry:network_detail", pk=network.pk)
    return render(
        request,
        "registry/form.html",
        {"form": form, "title": network.name, "back": "registry:network_list"},
    )


def _attempt(request, action, success: str, **kwargs) -> None:
    """Run a membership step for a button press; show a refusal as a message."""
    try:
        action(actor=request.user, **kwargs)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("Akses ditolak."))
    else:
        messages.success(request, success)


def _membership_step(request, pk: int, action, success: str, date_field: str):
    network = selectors.access_network(user=request.user, pk=pk)
    _require(selectors.may_run_network(request.user, network))
    form = MembershipForm(request.POST, organizations=selectors.organizations_to_add(network=network))
    if form.is_valid():
        organization = get_object_or_404(Organization, pk=form.cleaned_data["organization"])
        _attempt(
            request,
            action,
            success % {"name": organization.name},
            network=network,
            organization=organization,
            **{date_field: form.cleaned_data["on"]},
        )
    else:
        messages.error(request, _("Pilih organisasi dari daftar dan isi tanggalnya."))
    return redirect("registry:network_detail", pk=network.pk)


@login_required
@require_POST
def network_member_add(request, pk: int):
    return _membership_step(request, pk, services.network_member_add, _("%(name)s bergabung."), "joined_on")


@login_required
@require_POST
def network_member_pledge(request, pk: int):
    return _membership_step(
        request, pk, services.network_member_pledge, _("Komitmen %(name)s dicatat."), "pledged_on"
    )


@login_required
@require_POST
def network_member_join(request, pk: int, organization_pk: int):
    """A pledged organisation joins (its row moves from berkomitmen to anggota)."""
    network = selectors.access_network(user=request.user, pk=pk)
    _require(selectors.may_run_network(request.user, network))
    organization = get_object_or_404(Organization, pk=organization_pk)
    form = LeaveForm(request.POST)
    if form.is_valid():
        _attempt(
            request,
            services.network_member_add,
            _("%(name)s bergabung.") % {"name": organization.name},
            network=network,
            organization=organization,
            joined_on=form.cleaned_data["on"],
        )
    else:
        messages.error(request, _("Isi tanggalnya."))
    return redirect("registry:network_detail", pk=network.pk)


@login_required
@require_POST
def network_member_leave(request, pk: int, organization_pk: int):
    network = selectors.access_network(user=request.user, pk=pk)
    _require(selectors.may_run_network(request.user, network))
    organization = get_object_or_404(Organization, pk=organization_pk)
    form = LeaveForm(request.POST)
    if form.is_valid():
        _attempt(
            request,
            services.network_member_leave,
            _("%(name)s keluar dari jaringan.") % {"name": organization.name},
            network=network,
            organization=organization,
            left_on=form.cleaned_data["on"],
        )
    else:
        messages.error(request, _("Isi tanggal keluar."))
    return redirect("registry:network_detail", pk=network.pk)
