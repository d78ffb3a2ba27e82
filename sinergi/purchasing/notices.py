"""What the network's cooperatives and the suppliers are told about a Belanja Bareng round."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from sinergi.accounts.scoping import organization_managers
from sinergi.core.models import Notification, NotificationEvent
from sinergi.core.money import format_rupiah
from sinergi.core.notifications import Notice, offered_on_page
from sinergi.purchasing.models import Round, RoundStatus
from sinergi.registry.selectors_networks import ordering_cooperatives

# How long before a round closes its members are reminded to order.
CLOSING_SOON = dt.timedelta(hours=24)

ROUND_OPENED = Notice(
    NotificationEvent.ROUND_OPENED,
    _("Putaran Belanja Bareng %(round)s dibuka"),
    _("Jaringan %(network)s membuka putaran baru. Kirim pesanan sebelum %(closes)s."),
)
ROUND_CLOSING = Notice(
    NotificationEvent.ROUND_CLOSING,
    _("Putaran %(round)s ditutup dalam 24 jam"),
    _("Pesanan putaran %(round)s hanya bisa dikirim atau diubah sampai %(closes)s."),
)
ROUND_OPTIMISED = Notice(
    NotificationEvent.ROUND_OPTIMISED,
    _("Rencana belanja putaran %(round)s sudah dihitung"),
    _("Koordinator jaringan %(network)s sudah menghitung pembagian pesanan ke pemasok."),
)
BILL_READY = Notice(
    NotificationEvent.BILL_READY,
    _("Tagihan putaran %(round)s siap"),
    _("%(cooperative)s membayar %(pays)s dan hemat %(saves)s dibanding belanja sendiri."),
)
PURCHASE_ORDER_SENT = Notice(
    NotificationEvent.PURCHASE_ORDER_SENT,
    _("Surat pesanan Belanja Bareng %(number)s"),
    _("Jaringan %(network)s mengirim surat pesanan %(number)s dari putaran %(round)s: total %(total)s."),
)


def _members(round: Round):
    ids = ordering_cooperatives(round.network).values_list("pk", flat=True)
    return organization_managers(ids)


def _closes(round: Round):
    return lambda: formats.date_format(timezone.localtime(round.closes_at), "d-m-Y H:i")


def _tell_members(round: Round, notice: Notice, *, params: dict, actor=None) -> None:
    """Tell the managers of every cooperative in the round's network, with a link to the round."""
    notice.send(
        users=_members(round),
        params={"round": round.name, **params},
        url=reverse("purchasing:round_detail", args=[round.pk]),
        actor=actor,
    )


def round_opened(*, actor, round: Round) -> None:
    _tell_members(
        round, ROUND_OPENED, params={"network": round.network.name, "closes": _closes(round)}, actor=actor
    )


def rounds_closing_soon(*, now: dt.datetime) -> int:
    """Remind the members of each open round closing within a day, once per round."""
    reminded = 0
    rounds = Round.objects.filter(
        status=RoundStatus.OPEN, closes_at__gt=now, closes_at__lte=now + CLOSING_SOON
    ).select_related("network")
    for round in rounds:
        url = reverse("purchasing:round_detail", args=[round.pk])
        if Notification.objects.filter(event=NotificationEvent.ROUND_CLOSING, url=url).exists():
            continue
        _tell_members(round, ROUND_CLOSING, params={"closes": _closes(round)})
        reminded += 1
    return reminded


def round_optimised(*, actor, round: Round) -> None:
    _tell_members(round, ROUND_OPTIMISED, params={"network": round.network.name}, actor=actor)


def bills_ready(*, actor, round: Round) -> None:
    """Every purchase order is sent: each cooperative's bill is final."""
    for bill in round.plan.bills.select_related("cooperative"):
        BILL_READY.send(
            users=organization_managers([bill.cooperative_id]),
            params={
                "round": round.name,
                "cooperative": bill.cooperative.name,
                "pays": format_rupiah(bill.pays),
                "saves": format_rupiah(bill.saves),
            },
            url=reverse("purchasing:bill_detail", args=[round.pk, bill.cooperative_id]),
            actor=actor,
        )


def purchase_order_sent(*, actor, purchase_order, users) -> list[str]:
    """Tell the supplier's staff; returns the WhatsApp links to offer the sender. The purchase
    order's page offers the supplier's numbers itself, so no separate message repeats them."""
    round = purchase_order.round
    sent = PURCHASE_ORDER_SENT.send(
        users=users,
        params={
            "number": purchase_order.number,
            "network": round.network.name,
            "round": round.name,
            "total": format_rupiah(purchase_order.total),
        },
        url=reverse("purchasing:purchase_order_detail", args=[purchase_order.pk]),
        actor=actor,
    )
    offered_on_page(sent)
    return sent.whatsapp_links
