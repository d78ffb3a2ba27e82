"""Pengingat RAT: an officer reminds every cooperative on the RAT-overdue list at once.

Each cooperative's managers get a notification (and an e-mail, as they chose); the officer gets a
WhatsApp link per cooperative phone to open on their own phone. One audit event records the count.

`rat_overdue_notify` is the daily step of the same: each cooperative's managers are told once when
its RAT becomes overdue, once per tahun buku, without an officer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sinergi.accounts.models import Organization
from sinergi.accounts.scoping import organization_managers, reach_of
from sinergi.core.actors import system_user
from sinergi.core.audit import audit_record
from sinergi.core.models import AuditEvent, NotificationEvent
from sinergi.core.notifications import Notice, absolute_url, offered_on_page, whatsapp_link
from sinergi.health.supervision.selectors import rat_compliance

SUBJECT = gettext_lazy("Pengingat: RAT tahun buku %(year)s belum tercatat")
BODY = gettext_lazy(
    "RAT %(name)s untuk tahun buku %(year)s seharusnya diadakan paling lambat %(due)s. "
    "Segera adakan RAT dan kirim laporan tahunannya lewat Sinergi."
)
REMINDER = Notice(NotificationEvent.RAT_OVERDUE, SUBJECT, BODY)
OVERDUE = Notice(
    NotificationEvent.RAT_OVERDUE, gettext_lazy("RAT tahun buku %(year)s lewat jatuh tempo"), BODY
)
# The audit trail of the daily step: one event per cooperative and overdue tahun buku, which is
# also how a second run knows the managers were already told.
OVERDUE_ACTION = "health.rat_overdue_notice.send"
OVERDUE_OBJECT = "health.rat_overdue_notice"


def _params(facts) -> dict:
    return {
        "name": facts.name,
        "year": facts.rat.year,
        "due": lambda d=facts.rat.due_date: formats.date_format(d, "d-m-Y"),
    }


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
        params = _params(facts)
        sent = REMINDER.send(users=organization_managers([facts.pk]), params=params, url=url, actor=actor)
        # The page lists the cooperatives' own numbers; the managers' links would repeat them.
        offered_on_page(sent)
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


def _told_key(facts) -> str:
    return f"{facts.pk}:{facts.rat.year}"


def rat_overdue_notify(*, region: str = "", today=None) -> int:
    """Tell the managers of each cooperative whose RAT is overdue (by `rat_compliance`), once per
    cooperative and tahun buku; returns how many cooperatives were told. Meant for a daily schedule:
    a second run the same day, or any later day for the same year, tells nobody again. A cooperative
    without managers yet is told on the first run after one joins."""
    actor = system_user()
    today = today or timezone.localdate()
    overdue = rat_compliance(user=actor, region=region, today=today)["overdue"]
    told = set(
        AuditEvent.objects.filter(
            action=OVERDUE_ACTION,
            object_type=OVERDUE_OBJECT,
            object_id__in=[_told_key(facts) for facts in overdue],
        ).values_list("object_id", flat=True)
    )
    url = reverse("health:report_list")
    count = 0
    for facts in overdue:
        if _told_key(facts) in told:
            continue
        with transaction.atomic():
            sent = OVERDUE.send(users=organization_managers([facts.pk]), params=_params(facts), url=url)
            if not sent.notifications:
                continue
            audit_record(
                actor=actor,
                action=OVERDUE_ACTION,
                object_type=OVERDUE_OBJECT,
                object_id=_told_key(facts),
                object_repr=f"{facts.name} · RAT {facts.rat.year}",
                after={"year": facts.rat.year, "people": len(sent.notifications)},
                region_code=facts.region_code,
                organization_id=facts.pk,
            )
        count += 1
    return count
