"""Settlement statement pages: the statement, approval, payment, correction, PDF and WhatsApp link."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sinergi.accounts.selectors import letterhead_context
from sinergi.consignment import access, forms, selectors, services
from sinergi.consignment.pdf import render_pdf
from sinergi.core.forms import apply_errors
from sinergi.core.money import format_rupiah
from sinergi.core.notifications import whatsapp_link


def _context(request, statement) -> dict:
    runs = access.runs_outlet(request.user, statement.outlet)
    url = request.build_absolute_uri(reverse("consignment:statement", args=[statement.pk]))
    text = _(
        "Laporan penyelesaian titip jual {outlet} untuk {producer}, periode {start}–{end}: terjual {qty}, "
        "penjualan {gross}, bagian gerai {margin}, bagian Anda {share}. {url}"
    ).format(
        outlet=statement.outlet.name,
        producer=statement.producer.name,
        start=statement.period_start.strftime("%d-%m-%Y"),
        end=statement.period_end.strftime("%d-%m-%Y"),
        qty=statement.sold_qty,
        gross=format_rupiah(statement.gross),
        margin=format_rupiah(statement.outlet_margin),
        share=format_rupiah(statement.producer_share),
        url=url,
    )
    return {
        "statement": statement,
        "lines": statement.lines.select_related("product"),
        "corrections": statement.corrections.all(),
        "runs": runs,
        "whatsapp": whatsapp_link(statement.producer.phone, text) if runs else None,
        "pay_form": forms.PaymentForm(initial={"paid_on": timezone.localdate(), "paid_with": "transfer"}),
    }


@login_required
def statement_detail(request, pk):
    statement = selectors.statement_get(user=request.user, pk=pk)
    return render(request, "consignment/statement.html", _context(request, statement))


def _staff_statement(request, pk):
    statement = selectors.statement_get(user=request.user, pk=pk)
    if not access.runs_outlet(request.user, statement.outlet):
        raise PermissionDenied
    return statement


@login_required
@require_POST
def statement_approve(request, pk):
    statement = _staff_statement(request, pk)
    try:
        services.statement_approve(actor=request.user, statement=statement)
        messages.success(request, _("Laporan disetujui."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("consignment:statement", statement.pk)


@login_required
@require_http_methods(["POST"])
def statement_pay(request, pk):
    statement = _staff_statement(request, pk)
    form = forms.PaymentForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.statement_pay(
                actor=request.user,
                statement=statement,
                paid_on=d["paid_on"],
                paid_with=d["paid_with"],
                reference=d["reference"],
            )
            messages.success(request, _("Pembayaran dicatat."))
            return redirect("consignment:statement", statement.pk)
        except ValidationError as exc:
            apply_errors(form, exc)
    context = _context(request, statement)
    context["pay_form"] = form
    return render(request, "consignment/statement.html", context, status=400)


@login_required
@require_POST
def statement_correct(request, pk):
    statement = _staff_statement(request, pk)
    try:
        correction = services.statement_correct(actor=request.user, original=statement)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("consignment:statement", statement.pk)
    messages.success(request, _("Koreksi dibuat."))
    return redirect("consignment:statement", correction.pk)


@login_required
def statement_pdf(request, pk):
    statement = selectors.statement_get(user=request.user, pk=pk)
    context = {
        "statement": statement,
        "lines": statement.lines.select_related("product"),
        **letterhead_context(statement.outlet.organization),
        "office": statement.outlet.organization,
        "dated": timezone.localdate().strftime("%d-%m-%Y"),
    }
    response = HttpResponse(
        render_pdf("consignment/pdf/statement.html", context), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="laporan-titip-jual-{statement.pk}.pdf"'
    return response
