"""Referrals to partners, matchmaking decisions and a bank's lending criteria."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sinergi.accounts.models import OrganizationKind
from sinergi.accounts.scoping import organization_managers, reach_of
from sinergi.core.models import NotificationEvent
from sinergi.core.notifications import Notice
from sinergi.partnerships import access, rules
from sinergi.partnerships.models import Decision, LendingCriteria, MatchDecision, Referral, Scope
from sinergi.partnerships.services.common import audit, refuse
from sinergi.registry.models import BusinessScale

REFERRAL_NOTICE = Notice(
    NotificationEvent.REFERRAL,
    gettext_lazy("Rujukan dari %(office)s: %(name)s"),
    gettext_lazy("%(office)s merujuk %(name)s kepada Anda. %(note)s"),
)
ANSWER_NOTICE = Notice(
    NotificationEvent.REFERRAL,
    gettext_lazy("Rujukan %(name)s: %(status)s"),
    gettext_lazy("%(partner)s: %(answer)s"),
)
SCALES = tuple(BusinessScale.values)


def _office_check(actor, office, region_code: str) -> None:
    if office.kind != OrganizationKind.GOVERNMENT or not reach_of(actor).manages_region(
        office.jurisdiction_id
    ):
        raise PermissionDenied(_("Rujukan dikirim atas nama dinas tempat Anda bekerja."))
    if not reach_of(actor).manages_region(region_code):
        raise PermissionDenied(_("Organisasi yang dirujuk harus berada di wilayah kerja Anda."))


@transaction.atomic
def referral_send(*, actor, office, partner, organization, scope: str, note: str = "") -> Referral:
    """An office introduces an organisation of its jurisdiction to a partner; the partner's staff
    are told."""
    _office_check(actor, office, organization.region_id)
    if partner.pk == organization.pk:
        raise refuse("same_organization", "partner")
    if scope not in Scope.values:
        raise ValidationError({"scope": _("Kebutuhan tidak dikenal.")})
    referral = Referral.objects.create(
        office=office,
        partner=partner,
        organization=organization,
        region_code=organization.region_id,
        scope=scope,
        note=note.strip(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit(
        actor=actor,
        action="referral.send",
        obj=referral,
        after={"partner": partner.pk, "organization": organization.pk, "scope": scope},
        organization_id=office.pk,
    )
    REFERRAL_NOTICE.send(
        users=organization_managers([partner.pk]),
        params={"office": office.name[:100], "name": organization.name[:100], "note": referral.note[:200]},
        url=reverse("partnerships:referral_list"),
        actor=actor,
    )
    return referral


@transaction.atomic
def referral_answer(*, actor, referral: Referral, status: str, answer: str = "") -> Referral:
    """The partner accepts or refuses a referral, then reports it completed."""
    referral = (
        Referral.objects.select_for_update().select_related("partner", "organization").get(pk=referral.pk)
    )
    if not access.may_answer_referral(actor, referral):
        raise PermissionDenied(_("Hanya staf mitra yang dirujuk yang menjawab rujukan ini."))
    problem = rules.referral_step_problem(referral.status, status)
    if problem:
        raise refuse(problem, "status")
    before = {"status": referral.status}
    referral.status = status
    referral.answer = (answer or "").strip()
    referral.answered_at = timezone.now()
    referral.save(update_fields=["status", "answer", "answered_at", "updated_at"])
    audit(actor=actor, action="referral.answer", obj=referral, before=before, after={"status": status})
    if referral.created_by_id:
        ANSWER_NOTICE.send(
            users=[referral.created_by],
            params={"name": referral.organization.name[:100], "status": referral.get_status_display(),
                    "partner": referral.partner.name[:100], "answer": referral.answer[:200]},
            url=reverse("partnerships:referral_list"),
            actor=actor,
        )  # fmt: skip
    return referral


@transaction.atomic
def match_decide(
    *, actor, seeker, candidate, score: int, reasons: list, decision: str, agreement=None, referral=None
) -> MatchDecision:
    """Record that an officer accepted or refused a suggested match, with the score and reasons it
    was shown with, so the ranking can be judged later."""
    if not access.manages_organization(actor, seeker):
        raise PermissionDenied(
            _("Hanya admin dan staf dinas di wilayah kerjanya yang memutuskan pencocokan.")
        )
    if decision not in Decision.values:
        raise ValidationError({"decision": _("Keputusan tidak dikenal.")})
    found = MatchDecision.objects.create(
        seeker=seeker,
        candidate=candidate,
        region_code=seeker.region_id,
        score=score,
        reasons=[[int(p), str(code)] for p, code in reasons],
        decision=decision,
        decided_by=actor if getattr(actor, "pk", None) else None,
        agreement=agreement,
        referral=referral,
    )
    audit(
        actor=actor,
        action="match.decide",
        obj=found,
        after={"seeker": seeker.pk, "candidate": candidate.pk, "score": score, "decision": decision},
    )
    return found


@transaction.atomic
def lending_criteria_set(*, actor, bank, scales: list[str], kbli_prefixes: list[str], predicates: list[str]):
    """What the bank lends to: business scales, KBLI prefixes and cooperative health predicates."""
    if bank.kind != OrganizationKind.BANK:
        raise ValidationError({"bank": _("Kriteria pembiayaan hanya untuk bank.")})
    if not (access.acts_for(actor, bank.pk) or access.manages_organization(actor, bank)):
        raise PermissionDenied(_("Hanya staf bank ini atau dinas wilayahnya yang mengatur kriterianya."))
    if set(scales) - set(SCALES):
        raise ValidationError({"scales": _("Skala usaha tidak dikenal.")})
    if any(not p.isdigit() or len(p) > 5 for p in kbli_prefixes):
        raise ValidationError({"kbli_prefixes": _("Awalan KBLI berupa 1 sampai 5 angka.")})
    criteria = LendingCriteria.objects.filter(bank=bank).first() or LendingCriteria(bank=bank)
    before = {
        "scales": criteria.scales,
        "kbli_prefixes": criteria.kbli_prefixes,
        "predicates": criteria.predicates,
    }
    wanted = {"scales": list(scales), "kbli_prefixes": list(kbli_prefixes), "predicates": list(predicates)}
    if criteria.pk and before == wanted:
        return criteria  # saved untouched: nothing changes, nothing is audited
    criteria.scales, criteria.kbli_prefixes, criteria.predicates = (
        wanted["scales"],
        wanted["kbli_prefixes"],
        wanted["predicates"],
    )
    criteria.save()
    audit(actor=actor, action="lending_criteria.set", obj=criteria, before=before,
          after={"scales": scales, "kbli_prefixes": kbli_prefixes, "predicates": predicates},
          region_code=bank.region_id, organization_id=bank.pk)  # fmt: skip
    return criteria
