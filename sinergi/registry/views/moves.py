"""Moving an organisation to another region (pindah wilayah), and deciding business claims.

Both write registry data besides accounts data — a move rewrites the registry's copy of the
region, approving a claim on a new business registers it — so their decisions are taken here.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sinergi.accounts.forms import DecisionForm
from sinergi.accounts.scoping import reach_of
from sinergi.accounts.selectors import access_claim, access_organization
from sinergi.core.forms import apply_errors
from sinergi.core.paging import page_of
from sinergi.registry import selectors, services
from sinergi.registry.forms import MoveForm
from sinergi.registry.models import OrganizationMove


def _decidable(user, moves) -> set[int]:
    reach = reach_of(user)
    return {m.pk for m in moves if reach.manages_region(m.to_region_id)}


def _cancellable(user, moves) -> set[int]:
    reach = reach_of(user)
    return {
        m.pk
        for m in moves
        if m.status == OrganizationMove.Status.PENDING
        and (m.requested_by_id == user.pk or reach.manages_region(m.from_region_id))
    }


@login_required
def move_list(request):
    """The office's queue of requests to move into its jurisdiction, and every move it reaches."""
    queue = list(selectors.organization_move_queue(user=request.user)[:50])
    page = page_of(selectors.organization_move_list(user=request.user), request.GET.get("page"))
    shown = [*queue, *page]
    context = {
        "is_officer": reach_of(request.user).is_officer,
        "queue": queue,
        "page": page,
        "may_decide": _decidable(request.user, queue),
        "may_cancel": _cancellable(request.user, shown),
        "form": DecisionForm(),
    }
    return render(request, "registry/move_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def move_create(request, pk: int):
    """Move an organisation (inside the office's jurisdiction) or ask the receiving office to."""
    org = access_organization(user=request.user, pk=pk)
    reach = reach_of(request.user)
    if not reach.can_edit_organization(org):
        raise PermissionDenied
    form = MoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            move = services.organization_move_request(
                actor=request.user,
                organization=org,
                region_code=form.cleaned_data["region"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            if move.status == OrganizationMove.Status.APPROVED:
                messages.success(request, _("Organisasi dipindahkan ke %(r)s.") % {"r": move.to_region.path})
            else:
                messages.success(
                    request, _("Permintaan pindah wilayah dikirim ke dinas wilayah tujuan untuk disetujui.")
                )
            return redirect("registry:move_create", pk=org.pk)
    moves = list(selectors.organization_move_list(user=request.user, organization=org)[:20])
    context = {
        "org": org,
        "form": form,
        "moves": moves,
        "may_cancel": _cancellable(request.user, moves),
        # An office writer of both regions moves at once; the page says which will happen.
        "moves_at_once": reach.is_office_writer and reach.manages_region(org.region_id),
    }
    return render(request, "registry/move_form.html", context)


@login_required
@require_POST
def move_decide(request, pk: int):
    move = selectors.access_organization_move(user=request.user, pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih setujui atau tolak."))
        return redirect("registry:move_list")
    try:
        move = services.organization_move_decide(
            actor=request.user,
            move=move,
            approve=form.cleaned_data["decision"] == "approve",
            note=form.cleaned_data["note"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if move.status == OrganizationMove.Status.APPROVED:
            messages.success(
                request, _("%(org)s sekarang di wilayah Anda.") % {"org": move.organization.name}
            )
        else:
            messages.success(request, _("Permintaan pindah wilayah ditolak."))
    return redirect("registry:move_list")


@login_required
@require_POST
def move_cancel(request, pk: int):
    move = selectors.access_organization_move(user=request.user, pk=pk)
    try:
        services.organization_move_cancel(actor=request.user, move=move)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Permintaan pindah wilayah dibatalkan."))
    if request.POST.get("back") == "org":
        return redirect("registry:move_create", pk=move.organization_id)
    return redirect("registry:move_list")


@login_required
@require_POST
def claim_decide(request, pk: int):
    """Approve or reject a business claim from the office's claim list (accounts:claim_list)."""
    claim = access_claim(user=request.user, pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih setujui atau tolak."))
        return redirect("accounts:claim_list")
    try:
        services.business_claim_decide(
            actor=request.user,
            claim=claim,
            approve=form.cleaned_data["decision"] == "approve",
            note=form.cleaned_data["note"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Keputusan disimpan."))
    return redirect("accounts:claim_list")
