"""Outlet pages: the list, an outlet's dashboard, the sales screen, deliveries, agreements, the
sales import, and the producer's own view."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sinergi.consignment import access, forms, selectors, services
from sinergi.consignment.importers import sales_import
from sinergi.consignment.models import PaymentMethod
from sinergi.core.forms import apply_errors


def _attempt(form, call):
    try:
        return call()
    except ValidationError as exc:
        apply_errors(form, exc)
        return None


@login_required
def index(request):
    if not access.reaches_consignment(request.user):
        raise PermissionDenied
    outlets = list(selectors.outlet_list(user=request.user))
    if (
        len(outlets) == 1
        and access.runs_outlet(request.user, outlets[0])
        and not access.producer_ids(request.user)
    ):
        return redirect("consignment:outlet", outlets[0].pk)
    return render(
        request,
        "consignment/index.html",
        {
            "outlets": outlets,
            "is_producer": bool(access.producer_ids(request.user)),
        },
    )


@login_required
def mine(request):
    """The producer's view: where my goods are, what sold, what I am owed."""
    ids = access.producer_ids(request.user)
    if not ids:
        raise PermissionDenied
    return render(
        request, "consignment/mine.html", selectors.producer_dashboard(user=request.user, producer_ids=ids)
    )


@login_required
def outlet_detail(request, pk):
    outlet = selectors.outlet_get(user=request.user, pk=pk)
    context = {
        "outlet": outlet,
        "runs": access.runs_outlet(request.user, outlet),
        **selectors.outlet_dashboard(outlet=outlet),
    }
    last = timezone.localdate().replace(day=1) - timezone.timedelta(days=1)
    context["settle_form"] = forms.SettleForm(initial={"month": last.strftime("%Y-%m")})
    return render(request, "consignment/outlet.html", context)


def _run(request, pk):
    outlet = selectors.outlet_get(user=request.user, pk=pk)
    if not access.runs_outlet(request.user, outlet):
        raise PermissionDenied
    return outlet


@login_required
def sell(request, pk):
    """The phone sales screen; the sale itself is posted by `static/consignment/sell.js` to the API,
    queued on the device while offline."""
    outlet = _run(request, pk)
    return render(
        request,
        "consignment/sell.html",
        {
            "outlet": outlet,
            "products": selectors.sellable(outlet.pk),
            "methods": PaymentMethod.choices,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_new(request, pk):
    outlet = _run(request, pk)
    form = forms.AgreementForm(request.POST or None, initial={"starts_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        product = d["product"]
        agreement = _attempt(
            form,
            lambda: services.agreement_create(
                actor=request.user,
                outlet=outlet,
                producer=product.business,
                price_model=d["price_model"],
                commission_pct=d["commission_pct"] if d["commission_pct"] is not None else 0,
                items=[services.ItemTerms(product.pk, d["retail_price"], d["consignment_price"])],
                period=d["period"],
                return_rules=d["return_rules"],
                return_max_days=d["return_max_days"],
                starts_on=d["starts_on"],
                activate=True,
            ),
        )
        if agreement is not None:
            messages.success(request, _("Perjanjian titip jual disimpan dan berlaku."))
            return redirect("consignment:delivery", agreement.pk)
    return render(
        request,
        "consignment/form.html",
        {
            "outlet": outlet,
            "form": form,
            "title": _("Perjanjian titip jual baru"),
            "submit": _("Simpan perjanjian"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def delivery(request, pk):
    agreement = selectors.agreement_get(user=request.user, pk=pk)
    outlet = _run(request, agreement.outlet_id)
    form = forms.DeliveryForm(
        request.POST or None, agreement=agreement, initial={"received_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        done = _attempt(
            form,
            lambda: services.delivery_receive(
                actor=request.user,
                agreement=agreement,
                received_on=d["received_on"],
                lines=[services.DeliveryLine(d["product"], d["qty"], d["best_before"])],
            ),
        )
        if done is not None:
            messages.success(request, _("Barang titipan diterima."))
            return redirect("consignment:outlet", outlet.pk)
    return render(
        request,
        "consignment/form.html",
        {
            "outlet": outlet,
            "form": form,
            "submit": _("Terima barang"),
            "title": _("Terima barang titipan dari {producer}").format(producer=agreement.producer.name),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def stock_out(request, pk):
    """Return goods to the producer or write off expired goods."""
    agreement = selectors.agreement_get(user=request.user, pk=pk)
    outlet = _run(request, agreement.outlet_id)
    form = forms.RemoveForm(
        request.POST or None, agreement=agreement, initial={"received_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        done = _attempt(
            form,
            lambda: services.stock_remove(
                actor=request.user,
                agreement=agreement,
                kind=d["kind"],
                occurred_on=d["received_on"],
                lines=[services.DeliveryLine(d["product"], d["qty"])],
            ),
        )
        if done is not None:
            messages.success(request, _("Stok keluar dicatat."))
            return redirect("consignment:outlet", outlet.pk)
    return render(
        request,
        "consignment/form.html",
        {
            "outlet": outlet,
            "form": form,
            "submit": _("Catat"),
            "title": _("Retur atau hapus barang {producer}").format(producer=agreement.producer.name),
        },
    )


@login_required
@require_http_methods(["POST"])
def settle(request, pk):
    outlet = _run(request, pk)
    form = forms.SettleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bulan tidak valid."))
        return redirect("consignment:outlet", outlet.pk)
    year, month = (int(x) for x in form.cleaned_data["month"].split("-"))
    try:
        found = services.month_settle(actor=request.user, year=year, month=month, outlet_id=outlet.pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("consignment:outlet", outlet.pk)
    messages.success(request, _("{n} laporan penyelesaian untuk bulan itu.").format(n=len(found)))
    return redirect("consignment:outlet", outlet.pk)


@login_required
@require_http_methods(["GET", "POST"])
def import_sales(request, pk):
    outlet = _run(request, pk)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"penjualan{suffix}"
            with path.open("wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
            report = _attempt(
                form,
                lambda: sales_import(
                    actor=request.user, outlet=outlet, path=path, dry_run=form.cleaned_data["dry_run"]
                ),
            )
    return render(request, "consignment/import.html", {"outlet": outlet, "form": form, "report": report})
