"""Rounds (putaran): set-up, the live pooled view, a member's order, closing and optimising."""

from __future__ import annotations

import datetime as dt
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sinergi.core.forms import apply_errors
from sinergi.core.htmx import render_page
from sinergi.core.http import no_store
from sinergi.core.paging import page_of
from sinergi.purchasing import selectors, services
from sinergi.purchasing.filters import RoundFilters
from sinergi.purchasing.forms import (
    DropLineForm,
    OrderForm,
    ReopenForm,
    RoundForm,
    SuppliersForm,
    now_local_input,
)
from sinergi.purchasing.models import OrderLine, RoundStatus
from sinergi.purchasing.views.common import attempt, download, require


@login_required
def round_list(request):
    filters = RoundFilters.from_params(request.GET)
    rounds = selectors.round_list(user=request.user, filters=filters)
    context = {
        "page": page_of(rounds, request.GET.get("page")),
        "filters": filters,
        "statuses": RoundStatus.choices,
        "networks": selectors.network_list(user=request.user),
    }
    return render_page(request, "purchasing/round_list.html", context, partial="rows")


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request, network_pk: int):
    network = selectors.access_network(user=request.user, pk=network_pk)
    require(selectors.may_coordinate(request.user, network))
    initial = {
        "opens_at": now_local_input(dt.timedelta(0)),
        "closes_at": now_local_input(dt.timedelta(days=7)),
    }
    form = RoundForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            round = services.round_create(actor=request.user, network=network, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Putaran dibuat sebagai konsep. Pilih pemasoknya, lalu buka."))
            return redirect("purchasing:round_suppliers", pk=round.pk)
    return render(
        request,
        "purchasing/form.html",
        {
            "form": form,
            "title": _("Putaran baru — %(n)s") % {"n": network.name},
            "back": "purchasing:round_list",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_edit(request, pk: int):
    round = selectors.access_round(user=request.user, pk=pk)
    require(selectors.may_coordinate(request.user, round.network))
    locked = {RoundStatus.DRAFT: (), RoundStatus.OPEN: ("opens_at", "allocation")}.get(round.status)
    if locked is None:
        messages.error(request, _("Putaran yang sudah ditutup tidak dapat diubah."))
        return redirect("purchasing:round_detail", pk=round.pk)
    initial = {
        "name": round.name,
        "notes": round.notes,
        "allocation": round.allocation,
        "opens_at": round.opens_at,
        "closes_at": round.closes_at,
    }
    form = RoundForm(request.POST or None, initial=initial, locked=locked)
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if k not in locked}
        try:
            services.round_update(actor=request.user, round=round, **changes)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Perubahan disimpan."))
            return redirect("purchasing:round_detail", pk=round.pk)
    return render(
        request, "purchasing/form.html", {"form": form, "title": round.name, "back": "purchasing:round_list"}
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_suppliers(request, pk: int):
    round = selectors.access_round(user=request.user, pk=pk)
    require(selectors.may_coordinate(request.user, round.network))
    candidates = selectors.suppliers_for_round(round=round)
    chosen = list(round.round_suppliers.values_list("supplier_id", flat=True))
    form = SuppliersForm(request.POST or None, candidates=candidates, initial={"suppliers": chosen})
    if request.method == "POST" and form.is_valid():
        by_pk = {org.pk: org for org, _list in candidates}
        try:
            services.round_suppliers_set(
                actor=request.user,
                round=round,
                suppliers=[by_pk[pk] for pk in form.cleaned_data["suppliers"]],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Pemasok disimpan."))
            return redirect("purchasing:round_detail", pk=round.pk)
    return render(
        request, "purchasing/round_suppliers.html", {"form": form, "round": round, "candidates": candidates}
    )


def _round_context(request, round) -> dict:
    network = round.network
    whole = selectors.may_view_whole_network(request.user, network)
    plan = getattr(round, "plan", None)
    context = {
        "round": round,
        "network": network,
        "may_coordinate": selectors.may_coordinate(request.user, network),
        "whole": whole,
        "accepts_orders": selectors.accepts_orders(round),
        "my_cooperatives": selectors.managed_cooperatives(request.user, network),
        "board": selectors.round_board(round=round) if round.status != RoundStatus.DRAFT else [],
        "plan": plan,
        "problems": selectors.round_problems(round=round),
        "drop_form": DropLineForm(),
        "reopen_form": ReopenForm(initial={"closes_at": now_local_input(dt.timedelta(days=1))}),
    }
    if whole:
        context["orders"] = selectors.round_orders(user=request.user, round=round)
        if round.status == RoundStatus.OPEN and context["may_coordinate"]:
            # Phone orders: the coordinator enters an order for a member that has none yet.
            ordered = [o.cooperative_id for o in context["orders"] if o.lines.all()]
            context["not_ordered"] = (
                selectors.member_cooperatives(network).exclude(pk__in=ordered).order_by("name")
            )
        context["participants"] = round.round_suppliers.select_related("supplier", "price_list")
        if plan is not None:
            context["purchase_orders"] = list(plan.purchase_orders.select_related("supplier"))
            context["bills"] = selectors.bill_list(user=request.user, round=round)
            context["unsent_count"] = sum(po.status == "draft" for po in context["purchase_orders"])
            context["unsent"] = bool(context["unsent_count"])
            context["advanced"] = selectors.may_see_technical_data(request.user, network)
            context["any_sent"] = any(po.status == "sent" for po in context["purchase_orders"])
    elif plan is not None:
        context["bills"] = selectors.bill_list(user=request.user, round=round)
    return context


@login_required
def round_detail(request, pk: int):
    """The round's page. While open, the pooled board refreshes itself (htmx polling)."""
    round = selectors.access_round(user=request.user, pk=pk)
    if request.htmx and request.GET.get("part") == "board":
        context = {
            "round": round,
            "board": selectors.round_board(round=round),
            "accepts_orders": selectors.accepts_orders(round),
        }
        return render(request, "purchasing/round_detail.html#board", context)
    return render(request, "purchasing/round_detail.html", _round_context(request, round))


@login_required
@require_POST
def round_open(request, pk: int):
    round = selectors.access_round(user=request.user, pk=pk)
    attempt(request, services.round_open, _("Putaran dibuka. Anggota dapat memesan."), round=round)
    return redirect("purchasing:round_detail", pk=round.pk)


@login_required
@require_POST
def round_close(request, pk: int):
    round = selectors.access_round(user=request.user, pk=pk)
    attempt(
        request, services.round_close, _("Putaran ditutup. Pesanan tidak dapat diubah lagi."), round=round
    )
    return redirect("purchasing:round_detail", pk=round.pk)


@login_required
@require_POST
def round_reopen(request, pk: int):
    """Reopen a round closed by mistake, with a new closing time (its coordinator, before optimising)."""
    round = selectors.access_round(user=request.user, pk=pk)
    form = ReopenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Isi waktu tutup yang baru."))
    else:
        attempt(
            request,
            services.round_reopen,
            _("Putaran dibuka kembali. Anggota dapat memesan sampai %(t)s.")
            % {"t": timezone.localtime(form.cleaned_data["closes_at"]).strftime("%d-%m-%Y %H:%M")},
            round=round,
            closes_at=form.cleaned_data["closes_at"],
        )
    return redirect("purchasing:round_detail", pk=round.pk)


@login_required
@require_POST
def round_optimise(request, pk: int):
    round = selectors.access_round(user=request.user, pk=pk)
    try:
        job = services.round_optimise(actor=request.user, round=round)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("purchasing:round_detail", pk=round.pk)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
        return redirect("purchasing:round_detail", pk=round.pk)
    return redirect("job_detail", pk=job.pk)


@login_required
@require_POST
def line_drop(request, pk: int, line_pk: int):
    round = selectors.access_round(user=request.user, pk=pk)
    line = get_object_or_404(OrderLine.objects.select_related("order__round"), pk=line_pk, order__round=round)
    form = DropLineForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            services.order_line_drop,
            _("Baris dikeluarkan dari putaran."),
            line=line,
            reason=form.cleaned_data["reason"],
        )
    else:
        messages.error(request, _("Tuliskan alasan agar anggota mengerti."))
    return redirect("purchasing:round_detail", pk=round.pk)


@login_required
@no_store
def round_instance(request, pk: int):
    """The stored plan's optimiser input, for `sinergi purchasing_solve` (the office only)."""
    round = selectors.access_round(user=request.user, pk=pk)
    require(selectors.may_see_technical_data(request.user, round.network))
    plan = getattr(round, "plan", None)
    if plan is None:
        raise Http404
    return download(
        json.dumps(plan.instance, indent=1).encode(),
        filename=f"putaran-{round.pk}.json",
        content_type="application/json",
    )


# --- a member's order ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def order_edit(request, pk: int, cooperative_pk: int):
    """A member's order: quantities per product while the round is open, read-only afterwards.

    The form carries the order version it was loaded with; if someone else saved in between, the
    save is refused and the page shows both the saved quantities and the ones just typed.
    """
    round = selectors.access_round(user=request.user, pk=pk)
    cooperative = selectors.access_member(user=request.user, round=round, cooperative_pk=cooperative_pk)
    may_order = selectors.may_order(request.user, round.network, cooperative.pk)
    editable = may_order and selectors.accepts_orders(round)
    order = selectors.order_of(round=round, cooperative=cooperative)
    saved = {line.product_id: line for line in (order.lines.all() if order else [])}
    products = selectors.round_products(round=round)
    initial = {"version": order.version if order else 0}
    initial.update({f"qty_{pid}": line.qty for pid, line in saved.items() if line.dropped_at is None})
    form = OrderForm(request.POST or None, products=products, initial=initial)
    if request.method == "POST":
        require(may_order)
        if not editable:
            messages.error(request, _("Putaran sudah ditutup; pesanan tidak dapat diubah lagi."))
            return redirect("purchasing:order_edit", pk=round.pk, cooperative_pk=cooperative.pk)
        if form.is_valid():
            try:
                services.order_save(
                    actor=request.user,
                    round=round,
                    cooperative=cooperative,
                    quantities=form.quantities(),
                    version=form.cleaned_data["version"],
                )
            except ValidationError as exc:
                if "version" in getattr(exc, "error_dict", {}):
                    # Keep what was typed, move the version on: the next save is a deliberate choice.
                    order = selectors.order_of(round=round, cooperative=cooperative)
                    data = request.POST.copy()
                    data["version"] = str(order.version if order else 0)
                    form = OrderForm(data, products=products)
                    form.is_valid()
                    form.add_error(None, exc.error_dict["version"][0].message)
                else:
                    apply_errors(form, exc)
            else:
                messages.success(request, _("Pesanan disimpan."))
                return redirect("purchasing:order_edit", pk=round.pk, cooperative_pk=cooperative.pk)
    if request.method == "POST":
        order = selectors.order_of(round=round, cooperative=cooperative)
        saved = {line.product_id: line for line in (order.lines.all() if order else [])}
    pools = selectors.round_board(round=round)
    board = {pool.product.pk: pool for pool in pools}
    prices = selectors.current_prices(round=round, board=pools)
    for p in products:
        form.fields[f"qty_{p.pk}"].widget.attrs["data-price"] = prices.get(p.pk, 0)
    rows = [
        {"product": p, "field": form[f"qty_{p.pk}"], "pool": board.get(p.pk), "saved": saved.get(p.pk)}
        for p in products
    ]
    context = {
        "round": round,
        "cooperative": cooperative,
        "order": order,
        "form": form,
        "rows": rows,
        "editable": editable,
        "dropped": [line for line in saved.values() if line.dropped_at],
        "has_bill": hasattr(round, "plan") and round.plan.bills.filter(cooperative=cooperative).exists(),
        "estimate": sum(
            prices.get(line.product_id, 0) * line.qty for line in saved.values() if line.dropped_at is None
        ),
    }
    return render(request, "purchasing/order_edit.html", context)
