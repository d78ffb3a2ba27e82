"""What a person is told about the requests they made: a business claim, a data correction."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sinergi.core.models import NotificationEvent
from sinergi.core.notifications import notify_users


def claim_decided(*, actor, claim) -> None:
    approved = claim.status == claim.Status.APPROVED
    notify_users(
        users=[claim.user],
        event=NotificationEvent.CLAIM_DECIDED,
        subject=_("Klaim usaha Anda disetujui") if approved else _("Klaim usaha Anda ditolak"),
        body=(
            _("Klaim Anda atas %(org)s telah disetujui. %(note)s")
            if approved
            else _("Klaim Anda atas %(org)s telah ditolak. %(note)s")
        ),
        params={"org": claim.business_name, "note": claim.decision_note},
        url=reverse("accounts:claim_start"),
        actor=actor,
    )


def correction_handled(*, actor, correction) -> None:
    done = correction.status == correction.Status.DONE
    notify_users(
        users=[correction.user],
        event=NotificationEvent.CORRECTION_HANDLED,
        subject=_("Permintaan koreksi data Anda selesai")
        if done
        else _("Permintaan koreksi data Anda ditolak"),
        body=_("Tanggapan petugas: %(response)s") if correction.response else "",
        params={"response": correction.response},
        url=reverse("accounts:my_data"),
        actor=actor,
    )
