"""Obligations: adding them, recording progress with evidence, measuring them from platform data,
and flagging the overdue ones."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sinergi.core.models import NotificationEvent
from sinergi.core.notifications import Notice
from sinergi.partnerships import access, measures, rules
from sinergi.partnerships.models import Agreement, Measure, Obligation, ProgressEntry
from sinergi.partnerships.services.agreements import read_head
from sinergi.partnerships.services.common import agreement_people, audit, refuse
from sinergi.partnerships.tallies import TallyChange

OVERDUE_NOTICE = Notice(
    NotificationEvent.OBLIGATION_OVERDUE,
    gettext_lazy("Kemitraan: kewajiban %(party)s lewat batas waktu"),
    gettext_lazy("%(description)s — batas waktu %(due)s, tercapai %(achieved)s dari %(target)s (%(title)s)."),
)
EVIDENCE_SIGNATURES = (b"%PDF-", b"\xff\xd8\xff", b"\x89PNG")


@transaction.atomic
def obligation_add(
    *,
    actor,
    agreement: Agreement,
    party,
    measure: str,
    description: str,
    target: Decimal,
    due_on: dt.date,
    start_on: dt.date | None = None,
    today: dt.date | None = None,
) -> Obligation:
    """Give a party an obligation: what it delivers (a measure and a target) by a due date inside
    the agreement's term. Measures the platform knows are computed from its data from then on."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if not access.manages_agreement(actor, agreement):
        raise PermissionDenied(_("Hanya admin dan staf dinas yang mengelola perjanjian ini."))
    if agreement.status in rules.ENDED:
        raise refuse("ended", "status")
    if party.agreement_id != agreement.pk:
        raise ValidationError({"party": _("Pilih salah satu pihak perjanjian ini.")})
    if measure not in Measure.values:
        raise ValidationError({"measure": _("Ukuran tidak dikenal.")})
    if not description.strip():
        raise ValidationError({"description": _("Tuliskan uraian kewajiban.")})
    problem = rules.obligation_problem(
        target=target,
        due_on=due_on,
        start_on=start_on,
        agreement_start=agreement.start_on,
        agreement_end=agreement.end_on,
    )
    if problem:
        field = {"target_not_positive": "target", "start_after_due": "start_on"}.get(problem, "due_on")
        raise refuse(problem, field)
    obligation = Obligation.objects.create(
        agreement=agreement,
        party=party,
        measure=measure,
        description=description.strip(),
        target=target,
        start_on=start_on,
        due_on=due_on,
    )
    TallyChange().created(obligations=[obligation.pk]).apply()
    audit(
        actor=actor,
        action="obligation.add",
        obj=obligation,
        after={"party": party.organization_id, "measure": measure, "target": target, "due_on": due_on,
               "start_on": start_on},
        region_code=agreement.region_code,
    )  # fmt: skip
    obligation.agreement = agreement
    return obligation_refresh(obligation=obligation, today=today, actor=actor)


@transaction.atomic
def progress_add(
    *, actor, obligation: Obligation, recorded_on: dt.date, amount: Decimal, note: str, upload=None,
    today: dt.date | None = None,
) -> ProgressEntry:  # fmt: skip
    """Record progress on an obligation measured by evidence: an amount on a date, with a note and
    optionally a PDF or photo. Obligations the platform measures are refused."""
    today = today or timezone.localdate()
    obligation = Obligation.objects.select_related("agreement", "party__organization").get(pk=obligation.pk)
    if not access.may_report(actor, obligation):
        raise PermissionDenied(
            _("Hanya pihak yang bertanggung jawab atau dinas pengelola yang mencatat capaian.")
        )
    if measures.is_computed(obligation.measure):
        raise refuse("computed_measure", "amount")
    if obligation.agreement.status in rules.ENDED:
        raise refuse("ended", "status")
    if amount is None or amount <= 0:
        raise refuse("amount_not_positive", "amount")
    if not (note or "").strip():
        raise refuse("evidence_missing", "note")
    if recorded_on > today:
        raise ValidationError({"recorded_on": _("Tanggal capaian tidak boleh di masa depan.")})
    if upload is not None:
        if upload.size > rules.MAX_DOCUMENT_BYTES:
            raise refuse("too_large", "file")
        if not read_head(upload).startswith(EVIDENCE_SIGNATURES):
            raise ValidationError({"file": _("Bukti harus berupa PDF, JPEG, atau PNG.")})
    entry = ProgressEntry.objects.create(
        obligation=obligation,
        recorded_on=recorded_on,
        amount=amount,
        note=note.strip(),
        file=upload or "",
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    audit(
        actor=actor,
        action="progress.add",
        obj=obligation,
        after={"recorded_on": recorded_on, "amount": amount, "note": entry.note[:200], "file": bool(upload)},
        region_code=obligation.agreement.region_code,
    )
    obligation_refresh(obligation=obligation, today=today, actor=actor)
    return entry


def _period(obligation: Obligation, today: dt.date) -> tuple[dt.date, dt.date]:
    agreement = obligation.agreement
    start = obligation.start_on or agreement.start_on
    end = min(today, agreement.end_on, agreement.terminated_on or agreement.end_on)
    return start, end


def measured(obligation: Obligation, today: dt.date) -> tuple[Decimal, dt.date | None, dict]:
    """What the obligation's party delivered up to `today`, the day it reached the target (or
    None), and how the number was obtained."""
    start, end = _period(obligation, today)
    if not measures.is_computed(obligation.measure):
        entries = [
            (e.recorded_on, e.amount) for e in obligation.entries.all() if start <= e.recorded_on <= end
        ]
        total = sum((a for _d, a in entries), Decimal(0))
        return (
            total,
            rules.met_on_from_entries(obligation.target, entries),
            {"source": "evidence", "count": len(entries)},
        )
    if end < start:
        return Decimal(0), None, {"source": "not_started"}
    notes: dict = {}
    value = measures.measure(obligation, start, end, notes)
    if value is None:
        return obligation.achieved, obligation.met_on, {"source": "unavailable"}
    items = notes.get("items") or []
    if obligation.measure in measures.LEVEL_MEASURES or not items:
        # A level, or a total without dated records: reached on the due date if it stood there.
        met_on = None
        if value >= obligation.target:
            at_due = measures.measure(obligation, start, min(end, obligation.due_on))
            met_on = (
                min(end, obligation.due_on) if at_due is not None and at_due >= obligation.target else end
            )
        return value, met_on, notes
    dated = [(dt.date.fromisoformat(i["date"]), Decimal(i["amount"])) for i in items]
    return value, rules.met_on_from_entries(obligation.target, dated), notes


def obligation_refresh(*, obligation: Obligation, today: dt.date | None = None, actor=None) -> Obligation:
    """Measure the obligation again and keep its achievement, the day it was met and its state.
    A change of state is audited; the tally follows."""
    today = today or timezone.localdate()
    achieved, met_on, explanation = measured(obligation, today)
    state = rules.obligation_state(
        target=obligation.target,
        due_on=obligation.due_on,
        met_on=met_on,
        today=today,
        agreement_status=obligation.agreement.status,
    )
    if (achieved, met_on, state, explanation) == (
        obligation.achieved, obligation.met_on, obligation.state, obligation.explanation
    ):  # fmt: skip
        return obligation
    change = TallyChange().watch(obligations=[obligation.pk])
    before_state = obligation.state
    obligation.achieved, obligation.met_on, obligation.state = achieved, met_on, state
    obligation.explanation = explanation
    obligation.save(update_fields=["achieved", "met_on", "state", "explanation", "updated_at"])
    change.updated("obligations", obligation.pk, state=state).apply()
    if before_state != state:
        audit(
            actor=actor,
            action="obligation.state",
            obj=obligation,
            before={"state": before_state},
            after={"state": state, "achieved": achieved, "met_on": met_on},
            region_code=obligation.agreement.region_code,
        )
    return obligation


def overdue_flag(*, obligation: Obligation, today: dt.date, actor=None) -> int | None:
    """Tell the agreement's people, once, that an obligation passed its due date unmet. Returns the
    number of notifications, or None when nothing was flagged."""
    if obligation.state != rules.OVERDUE or obligation.flagged_on is not None:
        return None
    Obligation.objects.filter(pk=obligation.pk).update(flagged_on=today)
    obligation.flagged_on = today
    date = formats.date_format(obligation.due_on, "d-m-Y")
    sent = OVERDUE_NOTICE.send(
        users=agreement_people(obligation.agreement),
        params={
            "party": obligation.party.organization.name[:100],
            "description": obligation.description[:200],
            "due": date,
            "achieved": lambda: formats.number_format(
                obligation.achieved, use_l10n=True, force_grouping=True
            ),
            "target": lambda: formats.number_format(obligation.target, use_l10n=True, force_grouping=True),
            "title": obligation.agreement.title[:120],
        },
        url=reverse("partnerships:agreement_detail", args=[obligation.agreement_id]),
    )
    audit(
        actor=actor,
        action="obligation.flag_overdue",
        obj=obligation,
        after={"flagged_on": today, "notified": len(sent.notifications)},
        region_code=obligation.agreement.region_code,
    )
    return len(sent.notifications)
