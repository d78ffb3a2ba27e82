"""Pengingat RAT: an officer reminds every cooperative on the RAT-overdue list at once.

Each cooperative's managers get a notification (and an e-mail, as they chose); the officer gets a
WhatsApp link per cooperative phone to open on their own phone. One audit event records the count.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sinergi.accounts.models import Organization
from sinergi.accounts.scoping import organization_managers, reach_of
from sinergi.core.audit import audit_record
from sinergi.core.models import NotificationEvent
from sinergi.core.notifications import absolute_url, notify_users, whatsapp_link
from sinergi.health.supervision.selectors import rat_compliance

SUBJECT = gettext_lazy("Pengingat: RAT tahun buku %(year)s belum tercatat")
BODY = gettext_lazy(
    "RAT %(name)s untuk tahun buku %(year)s seharusnya diadakan paling lambat %(due)s. "
    "Segera adakan RAT dan kirim laporan tahunannya lewat Sinergi."
)


@dataclass
class Reminded:
    """What a reminder run did: one row per cooperative (its name and WhatsApp link, if any)."""

    cooperatives: list[tuple[str, str | None]] = field(default_factory=list)
    people: int = 0


@transaction.atomic
def rat_reminder_send(*, actor, region: str = "", q: str = "") -> Reminded:
    """Remind each cooperative on the actor's RAT-overdue list (as filtered) to hold its RAT."""
    reach = reach_of(actor)
    if not reach.is_office_writer:
        raise PermissionDenied(_("Hanya petugas dinas yang dapat mengirim pengingat."))
    # The list is the actor's own: a cooperative outside their jurisdiction is never on it.
    overdue = rat_compliance(user=actor, region=region, q=q)["overdue"]
    phones = dict(Organization.objects.filter(pk__in=[f.pk for f in overdue]).values_list("pk", "phone"))
    url = reverse("health:report_list")
    result = Reminded()
    for facts in overdue:
        params = {
            "name": facts.name,
            "year": facts.rat.year,
            "due": lambda d=facts.rat.due_date: formats.date_format(d, "d-m-Y"),
        }
        sent = notify_users(
            users=organization_managers([facts.pk]),
            event=NotificationEvent.RAT_OVERDUE,
            subject=SUBJECT,
            body=BODY,
            params=params,
            url=url,
            actor=actor,
        )
        result.people += len(sent.notifications)
        # The cooperative's own number gets the message in the office's language.
        with translation.override(settings.LANGUAGE_CODE):
            text = "{}\n\n{}\n\n{}".format(
                SUBJECT % {"year": facts.rat.year},
                BODY % {k: v() if callable(v) else v for k, v in params.items()},
                absolute_url(url),
            )
        result.cooperatives.append((facts.name, whatsapp_link(phones.get(facts.pk), text)))
    audit_record(
        actor=actor,
        action="health.rat_reminder.send",
        object_type="health.rat_reminder",
        object_repr=_("Pengingat RAT"),
        after={"cooperatives": len(result.cooperatives), "people": result.people, "region": region, "q": q},
        region_code=region or next((office.region_code for office in reach.offices), ""),
    )
    return result
