"""Supervision writes: inactivity proposals and the dissolution procedure. Only Dinas admins and staff
of the cooperative's jurisdiction act here; the registry's own services change the status."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergi.accounts.scoping import reach_of
from sinergi.core.audit import snapshot
from sinergi.health import notices
from sinergi.health.models import (
    CaseState,
    DissolutionCase,
    DissolutionGround,
    ProposalState,
    StatusProposal,
)
from sinergi.health.services.common import audit
from sinergi.health.supervision import rules
from sinergi.health.supervision.selectors import cooperative_facts, last_rat_date
from sinergi.registry import rules as registry_rules
from sinergi.registry.models import CooperativeProfile, CooperativeStatus
from sinergi.registry.services import cooperative_set_status

# A dismissed proposal is not made again for a year: the officer has just looked at the case.
DISMISSAL_QUIET_DAYS = 365
CASE_FIELDS = [
    "state",
    "ground",
    "facts",
    "notice_number",
    "notice_date",
    "notice_received_on",
    "objection_received_on",
    "objection_summary",
    "objection_decided_on",
    "objection_accepted",
    "objection_decision_number",
    "decided_on",
    "decision_number",
    "dissolved",
    "decision_reason",
]


def _require_manage(actor, cooperative: CooperativeProfile) -> None:
    if not reach_of(actor).manages_region(cooperative.region_code):
        raise PermissionDenied(_("Koperasi ini di luar wilayah kerja Anda."))


def _format(day: dt.date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else "–"


# --- inactivity proposals -----------------------------------------------------------------------


def _inactivity_reason(last_rat: dt.date | None, years: int) -> str:
    if last_rat is None:
        return _("Tidak ada RAT yang tercatat; batas tidak aktif %(n)s tahun tanpa RAT.") % {"n": years}
    return _("RAT terakhir tercatat %(date)s: lebih dari %(n)s tahun tanpa RAT.") % {
        "date": _format(last_rat),
        "n": years,
    }


def _create_proposal(actor, cooperative: CooperativeProfile, last_rat: dt.date | None) -> StatusProposal:
    years = settings.SINERGI_INACTIVE_AFTER_YEARS
    try:
        with transaction.atomic():
            proposal = StatusProposal.objects.create(
                cooperative=cooperative,
                reason=_inactivity_reason(last_rat, years),
                last_rat_date=last_rat,
                created_by=actor,
            )
    except IntegrityError as exc:
        raise ValidationError(
            {"cooperative": _("Koperasi ini sudah punya usulan yang menunggu keputusan.")}
        ) from exc
    audit(
        actor,
        "status_proposal.create",
        proposal,
        cooperative,
        after={"proposed_status": proposal.proposed_status, "reason": proposal.reason},
    )
    return proposal


@transaction.atomic
def status_proposal_create(
    *, actor, cooperative: CooperativeProfile, today: dt.date | None = None
) -> StatusProposal:
    """Propose the status "tidak aktif" for a cooperative that is inactive by the rule while its
    status ("aktif", "belum diketahui") still says otherwise."""
    _require_manage(actor, cooperative)
    today = today or timezone.localdate()
    if not rules.may_be_proposed(cooperative.status):
        raise ValidationError({"cooperative": _("Koperasi ini tidak berstatus aktif.")})
    last_rat, _source = last_rat_date(cooperative)
    state = rules.activity(
        cooperative.status, last_rat, cooperative.founded_on, today, settings.SINERGI_INACTIVE_AFTER_YEARS
    )
    if state != rules.INACTIVE:
        raise ValidationError({"cooperative": _("Koperasi ini belum memenuhi batas tidak aktif.")})
    return _create_proposal(actor, cooperative, last_rat)


@transaction.atomic
def status_proposals_generate(*, actor, region: str = "", today: dt.date | None = None) -> int:
    """Propose "tidak aktif" for every cooperative in the actor's reach that is inactive by the rule
    while its status still says otherwise, has no open proposal and no proposal dismissed within the
    last year. Returns the count."""
    today = today or timezone.localdate()
    facts = [
        f
        for f in cooperative_facts(user=actor, region=region, today=today)
        if rules.may_be_proposed(f.status) and f.activity == rules.INACTIVE
    ]
    if not facts:
        return 0
    quiet_since = timezone.now() - dt.timedelta(days=DISMISSAL_QUIET_DAYS)
    ids = [f.pk for f in facts]
    open_ids = StatusProposal.objects.filter(cooperative__in=ids, state=ProposalState.OPEN)
    recently_dismissed = StatusProposal.objects.filter(
        cooperative__in=ids, state=ProposalState.DISMISSED, decided_at__gte=quiet_since
    )
    skip = set(open_ids.values_list("cooperative_id", flat=True)) | set(
        recently_dismissed.values_list("cooperative_id", flat=True)
    )
    profiles = CooperativeProfile.objects.in_bulk([f.pk for f in facts if f.pk not in skip])
    created = 0
    for item in facts:
        profile = profiles.get(item.pk)
        if profile is None or not reach_of(actor).manages_region(profile.region_code):
            continue
        _create_proposal(actor, profile, item.last_rat)
        created += 1
    return created


def _open_proposal(actor, proposal: StatusProposal) -> StatusProposal:
    _require_manage(actor, proposal.cooperative)
    locked = (
        StatusProposal.objects.select_for_update()
        .select_related("cooperative__organization")
        .get(pk=proposal.pk)
    )
    if locked.state != ProposalState.OPEN:
        raise ValidationError({"state": _("Usulan ini sudah diputuskan.")})
    return locked


@transaction.atomic
def status_proposal_confirm(*, actor, proposal: StatusProposal, note: str = "") -> StatusProposal:
    """Confirm the proposal: the registry records the status "tidak aktif" with the proposal's reason."""
    proposal = _open_proposal(actor, proposal)
    note = (note or "").strip()
    reason = proposal.reason + (f" {note}" if note else "")
    cooperative_set_status(
        actor=actor,
        cooperative=proposal.cooperative,
        status=proposal.proposed_status,
        reason=reason,
        effective_on=timezone.localdate(),
    )
    proposal.state = ProposalState.CONFIRMED
    proposal.decided_at = timezone.now()
    proposal.decided_by = actor
    proposal.decision_note = note
    proposal.save()
    audit(
        actor,
        "status_proposal.confirm",
        proposal,
        proposal.cooperative,
        before={"state": ProposalState.OPEN},
        after={"state": proposal.state, "note": note},
    )
    return proposal


@transaction.atomic
def status_proposal_dismiss(*, actor, proposal: StatusProposal, reason: str) -> StatusProposal:
    """Dismiss the proposal with a reason (the RAT was held but not reported, a revival plan …)."""
    proposal = _open_proposal(actor, proposal)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Alasan penolakan wajib diisi.")})
    proposal.state = ProposalState.DISMISSED
    proposal.decided_at = timezone.now()
    proposal.decided_by = actor
    proposal.decision_note = reason
    proposal.save()
    audit(
        actor,
        "status_proposal.dismiss",
        proposal,
        proposal.cooperative,
        before={"state": ProposalState.OPEN},
        after={"state": proposal.state, "reason": reason},
    )
    return proposal


# --- dissolution by the government --------------------------------------------------------------


def _locked_case(actor, case: DissolutionCase) -> DissolutionCase:
    _require_manage(actor, case.cooperative)
    return (
        DissolutionCase.objects.select_for_update()
        .select_related("cooperative__organization")
        .get(pk=case.pk)
    )


def _require_state(case: DissolutionCase, *states: str) -> None:
    if case.state not in states:
        raise ValidationError(
            {
                "state": _("Langkah ini tidak dapat dilakukan pada tahap %(s)s.")
                % {"s": case.get_state_display()}
            }
        )


def _required(**values) -> None:
    errors = {name: _("Wajib diisi.") for name, value in values.items() if value in (None, "")}
    if errors:
        raise ValidationError(errors)


def _not_future(field: str, day: dt.date, today: dt.date) -> None:
    if day > today:
        raise ValidationError({field: _("Tanggal tidak boleh di masa depan.")})


def _caseaudit(actor, action: str, case: DissolutionCase, before: dict | None) -> None:
    after = snapshot(case, CASE_FIELDS)
    if before is not None:
        keys = [k for k in after if before.get(k) != after[k]]
        before, after = {k: before.get(k) for k in keys}, {k: after[k] for k in keys}
    audit(actor, action, case, case.cooperative, before=before, after=after)
    # Opening a case is the office's own preparation; the cooperative hears from the notice on.
    if action != "dissolution.open":
        notices.dissolution_step(actor=actor, case=case)


@transaction.atomic
def dissolution_case_open(
    *, actor, cooperative: CooperativeProfile, ground: str, facts: str
) -> DissolutionCase:
    """Open a plan to dissolve a cooperative on one of the grounds of PP 17/1994 Pasal 3."""
    _require_manage(actor, cooperative)
    if ground not in DissolutionGround.values:
        raise ValidationError({"ground": _("Pilih alasan pembubaran.")})
    facts = (facts or "").strip()
    _required(facts=facts)
    # The plan ends in the status "dibubarkan" (dissolution_decide): the registry's status rule says
    # whether the cooperative may still take it, in the words every other door uses.
    problem = registry_rules.status_transition_problem(cooperative.status, CooperativeStatus.DIBUBARKAN)
    if problem:
        raise ValidationError(
            {"cooperative": registry_rules.problem_message(problem, value=CooperativeStatus.DIBUBARKAN)}
        )
    try:
        with transaction.atomic():
            case = DissolutionCase.objects.create(
                cooperative=cooperative, ground=ground, facts=facts, opened_by=actor
            )
    except IntegrityError as exc:
        raise ValidationError(
            {"cooperative": _("Koperasi ini sudah punya perkara pembubaran yang berjalan.")}
        ) from exc
    _caseaudit(actor, "dissolution.open", case, None)
    return case


@transaction.atomic
def dissolution_notice_issue(
    *,
    actor,
    case: DissolutionCase,
    notice_number: str,
    notice_date: dt.date,
    received_on: dt.date,
    signatory: str,
    today: dt.date | None = None,
) -> DissolutionCase:
    """Record the notice of the plan (pemberitahuan rencana pembubaran) and the day the cooperative
    received it; the objection and decision windows run from that day (UU 25/1992 Pasal 47)."""
    today = today or timezone.localdate()
    case = _locked_case(actor, case)
    _require_state(case, CaseState.DRAFT)
    notice_number, signatory = (notice_number or "").strip(), (signatory or "").strip()
    _required(
        notice_number=notice_number, notice_date=notice_date, received_on=received_on, signatory=signatory
    )
    _not_future("notice_date", notice_date, today)
    _not_future("received_on", received_on, today)
    if received_on < notice_date:
        raise ValidationError({"received_on": _("Tanggal diterima tidak boleh sebelum tanggal surat.")})
    before = snapshot(case, CASE_FIELDS)
    case.notice_number, case.notice_date = notice_number, notice_date
    case.notice_received_on, case.notice_signatory = received_on, signatory
    case.state = CaseState.NOTIFIED
    case.save()
    _caseaudit(actor, "dissolution.notice", case, before)
    return case


@transaction.atomic
def dissolution_objection_record(
    *, actor, case: DissolutionCase, received_on: dt.date, summary: str, today: dt.date | None = None
) -> DissolutionCase:
    """Record the cooperative's objection (keberatan); it must arrive within 2 months of the notice."""
    today = today or timezone.localdate()
    case = _locked_case(actor, case)
    _require_state(case, CaseState.NOTIFIED)
    summary = (summary or "").strip()
    _required(received_on=received_on, summary=summary)
    _not_future("received_on", received_on, today)
    if received_on < case.notice_received_on:
        raise ValidationError({"received_on": _("Keberatan tidak mungkin diterima sebelum pemberitahuan.")})
    deadline = rules.objection_deadline(case)
    if received_on > deadline:
        raise ValidationError(
            {
                "received_on": _("Keberatan melewati batas 2 bulan (%(date)s) dan tidak dapat diterima.")
                % {"date": _format(deadline)}
            }
        )
    before = snapshot(case, CASE_FIELDS)
    case.objection_received_on, case.objection_summary = received_on, summary
    case.state = CaseState.OBJECTED
    case.save()
    _caseaudit(actor, "dissolution.objection", case, before)
    return case


@transaction.atomic
def dissolution_objection_decide(
    *,
    actor,
    case: DissolutionCase,
    accepted: bool,
    decided_on: dt.date,
    number: str,
    reason: str,
    today: dt.date | None = None,
) -> DissolutionCase:
    """Decide the objection. Accepted: the plan is dropped (a decision not to dissolve). Rejected: the
    case goes on to the decision on the dissolution."""
    today = today or timezone.localdate()
    case = _locked_case(actor, case)
    _require_state(case, CaseState.OBJECTED)
    number, reason = (number or "").strip(), (reason or "").strip()
    _required(decided_on=decided_on, number=number, reason=reason)
    _not_future("decided_on", decided_on, today)
    if decided_on < case.objection_received_on:
        raise ValidationError({"decided_on": _("Keputusan tidak mungkin sebelum keberatan diterima.")})
    before = snapshot(case, CASE_FIELDS)
    case.objection_decided_on, case.objection_accepted = decided_on, bool(accepted)
    case.objection_decision_number, case.objection_decision_reason = number, reason
    if accepted:
        case.state = CaseState.CANCELLED
        case.decided_on, case.decision_number, case.dissolved = decided_on, number, False
        case.decision_reason = reason
    else:
        case.state = CaseState.OBJECTION_REJECTED
    case.save()
    _caseaudit(actor, "dissolution.objection_decision", case, before)
    return case


@transaction.atomic
def dissolution_decide(
    *,
    actor,
    case: DissolutionCase,
    dissolve: bool,
    decided_on: dt.date,
    number: str,
    reason: str,
    signatory: str,
    today: dt.date | None = None,
) -> DissolutionCase:
    """The decision on the dissolution. Without an objection it may only follow the end of the
    2-month objection window; after a rejected objection at any time. To dissolve sets the
    registry status "dibubarkan"."""
    today = today or timezone.localdate()
    case = _locked_case(actor, case)
    _require_state(case, CaseState.NOTIFIED, CaseState.OBJECTION_REJECTED)
    number, reason, signatory = (number or "").strip(), (reason or "").strip(), (signatory or "").strip()
    _required(decided_on=decided_on, number=number, reason=reason, signatory=signatory)
    _not_future("decided_on", decided_on, today)
    if case.state == CaseState.NOTIFIED and decided_on <= rules.objection_deadline(case):
        raise ValidationError(
            {
                "decided_on": _(
                    "Koperasi masih boleh mengajukan keberatan sampai %(date)s; putuskan setelah tanggal itu."
                )
                % {"date": _format(rules.objection_deadline(case))}
            }
        )
    before = snapshot(case, CASE_FIELDS)
    case.decided_on, case.decision_number, case.dissolved = decided_on, number, bool(dissolve)
    case.decision_reason, case.decision_signatory = reason, signatory
    case.state = CaseState.DISSOLVED if dissolve else CaseState.CANCELLED
    case.save()
    if dissolve:
        cooperative_set_status(
            actor=actor,
            cooperative=case.cooperative,
            status=CooperativeStatus.DIBUBARKAN,
            reason=_("Dibubarkan oleh Pemerintah, keputusan nomor %(n)s: %(g)s")
            % {"n": number, "g": case.get_ground_display()},
            effective_on=decided_on,
        )
    _caseaudit(actor, "dissolution.decision", case, before)
    return case


@transaction.atomic
def dissolution_case_withdraw(*, actor, case: DissolutionCase, reason: str) -> DissolutionCase:
    """Drop a plan before any notice was sent."""
    case = _locked_case(actor, case)
    _require_state(case, CaseState.DRAFT)
    reason = (reason or "").strip()
    _required(reason=reason)
    before = snapshot(case, CASE_FIELDS)
    case.state, case.decision_reason = CaseState.CANCELLED, reason
    case.save()
    _caseaudit(actor, "dissolution.withdraw", case, before)
    return case
