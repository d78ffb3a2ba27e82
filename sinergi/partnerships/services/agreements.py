"""Agreements: recording, parties, signatures, documents, termination and the daily run."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sinergi.accounts.models import OrganizationKind
from sinergi.accounts.scoping import reach_of
from sinergi.core.audit import audit_record
from sinergi.core.models import NotificationEvent
from sinergi.core.notifications import Notice
from sinergi.partnerships import access, rules
from sinergi.partnerships.models import Agreement, AgreementDocument, AgreementKind, Obligation, Party, Scope
from sinergi.partnerships.services.common import agreement_people, audit, refuse
from sinergi.partnerships.tallies import TallyChange

RENEWAL_DAYS = 30

RENEWAL_NOTICE = Notice(
    NotificationEvent.AGREEMENT_RENEWAL,
    gettext_lazy("Kemitraan: %(title)s berakhir %(end)s"),
    gettext_lazy("Perjanjian ini berakhir pada %(end)s. Bicarakan perpanjangannya dengan para pihak."),
)


def _party_check(agreement, organization) -> None:
    if agreement.parties.filter(organization=organization).exists():
        raise refuse("party_twice", "organization")


def _jurisdiction_check(actor, organizations) -> None:
    codes = access.writer_codes(actor)
    if codes is None:
        return
    problem = rules.jurisdiction_problem(office_codes=codes, party_codes=[o.region_id for o in organizations])
    if problem:
        raise refuse(problem, "parties")


def _editable(agreement) -> None:
    if agreement.status != rules.DRAFT:
        raise refuse("not_draft", "status")


@transaction.atomic
def agreement_create(
    *,
    actor,
    office,
    kind: str,
    title: str,
    start_on: dt.date,
    end_on: dt.date,
    scopes: list[str],
    parties: list,
    number: str = "",
    purpose: str = "",
    network=None,
) -> Agreement:
    """Record a draft agreement with its parties (one or more; two are needed to sign). At least one
    party lies in the actor's jurisdiction; the others may be anywhere."""
    if not access.may_record(actor):
        raise PermissionDenied(_("Hanya admin dan staf dinas yang mencatat perjanjian kerja sama."))
    if office is not None and (
        office.kind != OrganizationKind.GOVERNMENT
        or not reach_of(actor).manages_region(office.jurisdiction_id)
    ):
        raise PermissionDenied(_("Perjanjian dicatat atas nama dinas tempat Anda bekerja."))
    if kind not in AgreementKind.values:
        raise ValidationError({"kind": _("Jenis perjanjian tidak dikenal.")})
    if not title.strip():
        raise ValidationError({"title": _("Tuliskan judul perjanjian.")})
    problem = rules.dates_problem(start_on, end_on)
    if problem:
        raise refuse(problem, "end_on")
    problem = rules.scopes_problem(scopes, Scope.values)
    if problem:
        raise refuse(problem, "scopes")
    scopes = [s for s in Scope.values if s in set(scopes)]
    unique = list({o.pk: o for o in parties}.values())
    if len(unique) != len(parties):
        raise refuse("party_twice", "parties")
    if not unique:
        raise refuse("few_parties", "parties")
    _jurisdiction_check(actor, unique)
    agreement = Agreement(
        kind=kind,
        number=number.strip(),
        title=title.strip(),
        purpose=purpose.strip(),
        office=office,
        region_code=office.region_id if office is not None else unique[0].region_id,
        scopes=scopes,
        start_on=start_on,
        end_on=end_on,
        created_by=actor if getattr(actor, "pk", None) else None,
        network=network,
    )
    agreement.save()
    Party.objects.bulk_create(
        [Party(agreement=agreement, organization=o, position=i) for i, o in enumerate(unique, start=1)]
    )
    TallyChange().created(agreements=[agreement.pk]).apply()
    audit(
        actor=actor,
        action="agreement.create",
        obj=agreement,
        after={
            "kind": kind,
            "title": agreement.title,
            "number": agreement.number,
            "scopes": scopes,
            "start_on": start_on,
            "end_on": end_on,
            "parties": [o.pk for o in unique],
            "network": network.pk if network is not None else None,
        },
        organization_id=office.pk if office is not None else None,
    )
    return agreement


@transaction.atomic
def party_add(*, actor, agreement: Agreement, organization) -> Party:
    """Add a party to a draft agreement (any kind of organisation, anywhere)."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if not access.manages_agreement(actor, agreement):
        raise PermissionDenied(_("Hanya admin dan staf dinas yang mengelola perjanjian ini."))
    _editable(agreement)
    _party_check(agreement, organization)
    position = agreement.parties.count() + 1
    party = Party.objects.create(agreement=agreement, organization=organization, position=position)
    audit(actor=actor, action="party.add", obj=agreement, after={"party": organization.pk})
    return party


@transaction.atomic
def party_remove(*, actor, party: Party) -> None:
    """Take a party off a draft agreement; the parties left still need one in the jurisdiction."""
    agreement = Agreement.objects.select_for_update().get(pk=party.agreement_id)
    if not access.manages_agreement(actor, agreement):
        raise PermissionDenied(_("Hanya admin dan staf dinas yang mengelola perjanjian ini."))
    _editable(agreement)
    if party.obligations.exists():
        raise ValidationError({"party": _("Pihak ini masih memikul kewajiban; hapus kewajibannya dahulu.")})
    left = [p.organization for p in agreement.parties.select_related("organization").exclude(pk=party.pk)]
    if not left:
        raise refuse("few_parties", "parties")
    _jurisdiction_check(actor, left)
    organization_id = party.organization_id
    party.delete()
    audit(actor=actor, action="party.remove", obj=agreement, before={"party": organization_id})


@transaction.atomic
def party_sign(
    *,
    actor,
    party: Party,
    signatory_name: str,
    signatory_title: str,
    signed_on: dt.date,
    today: dt.date | None = None,
) -> Party:
    """Record a party's signature. When every party (two or more) has signed, the agreement is signed
    and, from its start date, in force."""
    today = today or timezone.localdate()
    agreement = Agreement.objects.select_for_update().get(pk=party.agreement_id)
    party = Party.objects.select_related("organization").get(pk=party.pk)
    party.agreement = agreement
    if not access.may_sign(actor, party):
        raise PermissionDenied(
            _("Hanya orang dari pihak ini atau dinas pengelola yang mencatat tanda tangannya.")
        )
    problem = rules.sign_problem(status=agreement.status, party_count=agreement.parties.count())
    if problem:
        raise refuse(problem, "status")
    problem = rules.signed_on_problem(signed_on, today)
    if problem:
        raise refuse(problem, "signed_on")
    if not signatory_name.strip():
        raise ValidationError({"signatory_name": _("Tuliskan nama penanda tangan.")})
    before = {
        "signatory_name": party.signatory_name,
        "signatory_title": party.signatory_title,
        "signed_on": party.signed_on,
    }
    party.signatory_name = signatory_name.strip()
    party.signatory_title = signatory_title.strip()
    party.signed_on = signed_on
    party.save(update_fields=["signatory_name", "signatory_title", "signed_on"])
    audit(
        actor=actor,
        action="party.sign",
        obj=agreement,
        before=before,
        after={"party": party.organization_id, "signatory_name": party.signatory_name,
               "signatory_title": party.signatory_title, "signed_on": signed_on},
    )  # fmt: skip
    dates = list(agreement.parties.values_list("signed_on", flat=True))
    if all(dates):
        change = TallyChange().watch(agreements=[agreement.pk])
        agreement.signed_on = max(dates)
        agreement.status = rules.status_on(
            status=rules.SIGNED, start_on=agreement.start_on, end_on=agreement.end_on, today=today
        )
        agreement.save(update_fields=["signed_on", "status", "updated_at"])
        change.updated("agreements", agreement.pk, status=agreement.status).apply()
        audit(
            actor=actor,
            action="agreement.signed",
            obj=agreement,
            before={"status": rules.DRAFT},
            after={"status": agreement.status, "signed_on": agreement.signed_on},
        )
    return party


@transaction.atomic
def agreement_terminate(*, actor, agreement: Agreement, reason: str, on: dt.date | None = None) -> Agreement:
    """End a signed or active agreement early, with the reason. Obligations not met by then are
    missed."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if not access.manages_agreement(actor, agreement):
        raise PermissionDenied(_("Hanya admin dan staf dinas yang mengelola perjanjian ini."))
    if agreement.status in rules.ENDED:
        raise refuse("ended", "status")
    if agreement.status == rules.DRAFT:
        raise ValidationError({"status": _("Konsep perjanjian belum berlaku; tidak perlu diakhiri.")})
    if not reason.strip():
        raise refuse("no_reason", "reason")
    on = on or timezone.localdate()
    change = TallyChange().watch(agreements=[agreement.pk])
    before = agreement.status
    agreement.status = rules.TERMINATED
    agreement.terminated_on = on
    agreement.termination_reason = reason.strip()
    agreement.save(update_fields=["status", "terminated_on", "termination_reason", "updated_at"])
    change.updated("agreements", agreement.pk, status=agreement.status).apply()
    audit(
        actor=actor,
        action="agreement.terminate",
        obj=agreement,
        before={"status": before},
        after={"status": agreement.status, "terminated_on": on, "reason": agreement.termination_reason},
    )
    from sinergi.partnerships.services.obligations import obligation_refresh

    for obligation in agreement.obligations.all():
        obligation_refresh(obligation=obligation, today=on, actor=actor)
    return agreement


def read_head(upload, count: int = 8) -> bytes:
    head = upload.read(count)
    upload.seek(0)
    return head


@transaction.atomic
def document_add(*, actor, agreement: Agreement, title: str, upload) -> AgreementDocument:
    """Attach the signed agreement or an annex: a PDF (judged by its content) of at most 10 MB."""
    if not (access.manages_agreement(actor, agreement) or any(
        access.acts_for(actor, p.organization_id) for p in agreement.parties.all()
    )):  # fmt: skip
        raise PermissionDenied(_("Hanya dinas pengelola atau para pihak yang melampirkan dokumen."))
    problem = rules.document_problem(read_head(upload), upload.size)
    if problem:
        raise refuse(problem, "file")
    title = (title or "").strip() or (getattr(upload, "name", "") or _("Dokumen"))[-200:]
    document = AgreementDocument.objects.create(
        agreement=agreement,
        title=title[:200],
        file=upload,
        size=upload.size,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    audit(actor=actor, action="document.add", obj=agreement, after={"document": title, "size": upload.size})
    return document


def agreements_daily(*, actor, today: dt.date | None = None, renewal_days: int = RENEWAL_DAYS) -> dict:
    """The daily run: signed agreements whose start date came become active, active ones past their
    end expire; renewal reminders go out `renewal_days` before the end (once per agreement); every
    obligation of a running agreement is measured again and newly overdue ones are flagged and
    notified."""
    from sinergi.partnerships.services.obligations import obligation_refresh, overdue_flag

    today = today or timezone.localdate()
    done = {"activated": 0, "expired": 0, "reminded": 0, "refreshed": 0, "overdue": 0, "notifications": 0}
    moving = Agreement.objects.filter(status__in=[rules.SIGNED, rules.ACTIVE]).order_by("pk")
    for agreement in moving:
        new = rules.status_on(
            status=agreement.status, start_on=agreement.start_on, end_on=agreement.end_on, today=today
        )
        if new == agreement.status:
            continue
        with transaction.atomic():
            change = TallyChange().watch(agreements=[agreement.pk])
            old = agreement.status
            Agreement.objects.filter(pk=agreement.pk).update(status=new, updated_at=timezone.now())
            change.updated("agreements", agreement.pk, status=new).apply()
            audit(
                actor=actor,
                action="agreement.status",
                obj=agreement,
                before={"status": old},
                after={"status": new},
            )
        done["activated" if new == rules.ACTIVE else "expired"] += 1
    date = lambda d: lambda: formats.date_format(d, "d-m-Y")  # noqa: E731 — drawn in each reader's language
    for agreement in Agreement.objects.filter(status=rules.ACTIVE, reminded_on__isnull=True).order_by("pk"):
        if not rules.renewal_due(
            status=agreement.status, end_on=agreement.end_on, today=today, days=renewal_days, reminded_on=None
        ):
            continue
        with transaction.atomic():
            Agreement.objects.filter(pk=agreement.pk).update(reminded_on=today)
            sent = RENEWAL_NOTICE.send(
                users=agreement_people(agreement),
                params={"title": agreement.title[:120], "end": date(agreement.end_on)},
                url=reverse("partnerships:agreement_detail", args=[agreement.pk]),
            )
        done["reminded"] += 1
        done["notifications"] += len(sent.notifications)
    running = Obligation.objects.exclude(state__in=["met_on_time", "met_late", "missed"]).select_related(
        "agreement", "party__organization"
    )
    for obligation in running.order_by("pk"):
        with transaction.atomic():
            obligation_refresh(obligation=obligation, today=today, actor=actor)
            done["refreshed"] += 1
            notified = overdue_flag(obligation=obligation, today=today, actor=actor)
        if notified is not None:
            done["overdue"] += 1
            done["notifications"] += notified
    if any(done.values()):
        audit_record(
            actor=actor,
            action="partnerships.daily",
            object_type="partnerships.daily",
            object_id=today.isoformat(),
            after=done,
        )
    return done
