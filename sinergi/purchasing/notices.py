"""What the network's cooperatives and the suppliers are told about a Belanja Bareng round."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from sinergi.accounts.scoping import organization_managers
from sinergi.core.models import Notification, NotificationEvent
from sinergi.core.money import format_rupiah
from sinergi.core.notifications import notify_users
from sinergi.purchasing.models import NetworkMember, Round, RoundStatus

# How long before a round closes its members are reminded to order.
CLOSING_SOON = dt.timedelta(hours=24)


def _members(round: Round):
    ids = NetworkMember.objects.filter(network_id=round.network_id).values_list("cooperative_id", flat=True)
    return organization_managers(ids)


def _closes(round: Round):
    return lambda: formats.date_format(timezone.localtime(round.closes_at), "d-m-Y H:i")


def round_opened(*, actor, round: Round) -> None:
    notify_users(
        users=_members(round),
        event=NotificationEvent.ROUND_OPENED,
        subject=_("Putaran Belanja Bareng %(round)s dibuka"),
        body=_("Jaringan %(network)s membuka putaran baru. Kirim pesanan sebelum %(closes)s."),
        params={"round": round.name, "network": round.network.name, "closes": _closes(round)},
        url=reverse("purchasing:round_detail", args=[round.pk]),
        actor=actor,
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
        notify_users(
            users=_members(round),
            event=NotificationEvent.ROUND_CLOSING,
            subject=_("Putaran %(round)s ditutup dalam 24 jam"),
            body=_("Pesanan putaran %(round)s hanya bisa dikirim atau diubah sampai %(closes)s."),
            params={"round": round.name, "closes": _closes(round)},
            url=url,
        )
        reminded += 1
    return reminded


def round_optimised(*, actor, round: Round) -> None:
    notify_users(
        users=_members(round),
        event=NotificationEvent.ROUND_OPTIMISED,
        subject=_("Rencana belanja putaran %(round)s sudah dihitung"),
        body=_("Koordinator jaringan %(network)s sudah menghitung pembagian pesanan ke pemasok."),
        params={"round": round.name, "network": round.network.name},
        url=reverse("purchasing:round_detail", args=[round.pk]),
        actor=actor,
    )


def bills_ready(*, actor, round: Round) -> None:
    """Every purchase order is sent: each cooperative's bill is final."""
    for bill in round.plan.bills.select_related("cooperative"):
        notify_users(
            users=organization_managers([bill.cooperative_id]),
            event=NotificationEvent.BILL_READY,
            subject=_("Tagihan putaran %(round)s siap"),
            body=_("%(cooperative)s membayar %(pays)s dan hemat %(saves)s dibanding belanja sendiri."),
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
    """Tell the supplier's staff; returns the WhatsApp links to offer the sender."""
    round = purchase_order.round
    return notify_users(
        users=users,
        event=NotificationEvent.PURCHASE_ORDER_SENT,
        subject=_("Surat pesanan Belanja Bareng %(number)s"),
        body=_(
            "Jaringan %(network)s mengirim surat pesanan %(number)s dari putaran %(round)s: total %(total)s."
        ),
        params={
            "number": purchase_order.number,
            "network": round.network.name,
            "round": round.name,
            "total": format_rupiah(purchase_order.total),
        },
        url=reverse("purchasing:purchase_order_detail", args=[purchase_order.pk]),
        actor=actor,
    ).whatsapp_links
