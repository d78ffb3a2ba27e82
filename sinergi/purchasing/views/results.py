"""What a round produces: bills, delivery lists, purchase orders and the office's report."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sinergi.core.http import no_store
from sinergi.core.notifications import whatsapp_link
from sinergi.core.paging import page_of
from sinergi.purchasing import exporters, selectors, services
from sinergi.purchasing.filters import PurchaseOrderFilters
from sinergi.purchasing.models import PurchaseOrderStatus
from sinergi.purchasing.pdf import render_pdf
from sinergi.purchasing.views.common import attempt, download, require


def _bill_context(request, pk: int, cooperative_pk: int) -> dict:
    round = selectors.access_round(user=request.user, pk=pk)
    bill = selectors.access_bill(user=request.user, round=round, cooperative_pk=cooperative_pk)
    lines = list(selectors.bill_lines(bill=bill))
    return {
        "round": round,
        "bill": bill,
        "plan": round.plan,
        "lines": lines,
        "deliveries": selectors.bill_deliveries(bill=bill),
        "alone_goods": sum(line.alone_goods_cost for line in lines),
        "dropped": [
            line
            for order in selectors.round_orders(user=request.user, round=round).filter(
                cooperative=bill.cooperative
            )
            for line in order.lines.all()
            if line.dropped_at
        ],
    }


@login_required
@no_store
def bill_detail(request, pk: int, cooperative_pk: int):
    """A cooperative's bill: what it pays, what it saves, pooled prices beside stand-alone prices."""
    return render(request, "purchasing/bill_detail.html", _bill_context(request, pk, cooperative_pk))


@login_required
@no_store
def bill_reconciliation(request, pk: int, cooperative_pk: int):
    """How a bill adds up, line by line, with the allocation rule spelled out."""
    round = selectors.access_round(user=request.user, pk=pk)
    bill = selectors.access_bill(user=request.user, round=round, cooperative_pk=cooperative_pk)
    context = {"round": round, "bill": bill, "r": selectors.bill_reconciliation(bill=bill)}
    return render(request, "purchasing/bill_reconciliation.html", context)


@login_required
@no_store
def bill_pdf(request, pk: int, cooperative_pk: int):
    context = _bill_context(request, pk, cooperative_pk)
    return download(
        render_pdf("purchasing/pdf/bill.html", context),
        filename=f"tagihan-{pk}-{cooperative_pk}.pdf",
        content_type="application/pdf",
    )


@login_required
@no_store  # the cooperatives' delivery addresses
def delivery_xlsx(request, pk: int):
    """Delivery lists: every cooperative's for the coordinator and the office, else one's own."""
    round = selectors.access_round(user=request.user, pk=pk)
    lists = selectors.delivery_lists(user=request.user, round=round)
    require(bool(lists))
    return download(
        exporters.delivery_lists_xlsx(round, lists),
        filename=f"pengiriman-putaran-{round.pk}.xlsx",
        content_type=exporters.XLSX,
    )


def _report_context(request, pk: int) -> dict:
    round = selectors.access_round(user=request.user, pk=pk)
    require(selectors.may_view_whole_network(request.user, round.network))
    return selectors.round_report(user=request.user, round=round)


@login_required
def round_report(request, pk: int):
    """The round report for the office: totals, savings, the certified gap, suppliers, members."""
    return render(request, "purchasing/round_report.html", _report_context(request, pk))


@login_required
def round_report_pdf(request, pk: int):
    return download(
        render_pdf("purchasing/pdf/report.html", _report_context(request, pk)),
        filename=f"laporan-putaran-{pk}.pdf",
        content_type="application/pdf",
    )


@login_required
@no_store
def purchase_order_list(request):
    filters = PurchaseOrderFilters.from_params(request.GET)
    orders = selectors.purchase_order_list(user=request.user, filters=filters)
    context = {
        "page": page_of(orders, request.GET.get("page")),
        "filters": filters,
        "statuses": PurchaseOrderStatus.choices,
    }
    return render(request, "purchasing/purchase_order_list.html", context)


def _po_context(request, pk: int) -> dict:
    purchase_order = selectors.access_purchase_order(user=request.user, pk=pk)
    return {
        "po": purchase_order,
        "round": purchase_order.round,
        "lines": list(selectors.purchase_order_lines(purchase_order=purchase_order)),
        "drops": selectors.purchase_order_drops(purchase_order=purchase_order),
    }


@login_required
@no_store  # delivery addresses and the supplier's staff's WhatsApp numbers
def purchase_order_detail(request, pk: int):
    context = _po_context(request, pk)
    po = context["po"]
    context["may_coordinate"] = selectors.may_coordinate(request.user, po.round.network)
    context["may_acknowledge"] = (
        selectors.may_acknowledge(request.user, po.supplier_id)
        and po.status == PurchaseOrderStatus.SENT
        and po.acknowledged_at is None
    )
    if context["may_coordinate"]:
        # WhatsApp is offered, not sent: the coordinator opens each link on their own phone.
        message = services.purchase_order_message(po)
        _emails, phones = services.purchase_order_contacts(po)
        context["whatsapp"] = [
            link
            for link in (whatsapp_link(p, f"{message.subject}\n\n{message.body}") for p in phones)
            if link
        ]
    return render(request, "purchasing/purchase_order_detail.html", context)


@login_required
@no_store
def purchase_order_pdf(request, pk: int):
    context = _po_context(request, pk)
    return download(
        render_pdf("purchasing/pdf/purchase_order.html", context),
        filename=f"{context['po'].number}.pdf",
        content_type="application/pdf",
    )


@login_required
@no_store
def purchase_order_xlsx(request, pk: int):
    context = _po_context(request, pk)
    content = exporters.purchase_order_xlsx(context["po"], context["lines"], context["drops"])
    return download(content, filename=f"{context['po'].number}.xlsx", content_type=exporters.XLSX)


@login_required
@require_POST
def purchase_order_acknowledge(request, pk: int):
    """The supplier's "Terima pesanan", from its home page or the purchase order's page."""
    purchase_order = selectors.access_purchase_order(user=request.user, pk=pk)
    attempt(
        request,
        services.purchase_order_acknowledge,
        _("Surat pesanan %(n)s diterima. Koordinator jaringan dapat melihatnya.")
        % {"n": purchase_order.number},
        purchase_order=purchase_order,
    )
    if request.POST.get("next") == "home":
        return redirect("home")
    return redirect("purchasing:purchase_order_detail", pk=purchase_order.pk)


@login_required
@require_POST
def purchase_order_send(request, pk: int):
    purchase_order = selectors.access_purchase_order(user=request.user, pk=pk)
    attempt(
        request,
        services.purchase_order_send,
        _("Surat pesanan %(n)s ditandai terkirim; email dikirim ke pemasok.") % {"n": purchase_order.number},
        purchase_order=purchase_order,
    )
    return redirect("purchasing:purchase_order_detail", pk=purchase_order.pk)


@login_required
@require_POST
def purchase_orders_send_all(request, pk: int):
    round = selectors.access_round(user=request.user, pk=pk)
    attempt(
        request,
        services.purchase_orders_send_all,
        _("Semua surat pesanan ditandai terkirim; email dikirim ke pemasok."),
        round=round,
    )
    return redirect("purchasing:round_detail", pk=round.pk)
