"""Every partnerships write: recording, signing, obligations and their states, documents,
termination, referrals and matchmaking decisions, with audit events and denials that change
nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sinergi.accounts.tests.factories import OrganizationFactory
from sinergi.core.models import AuditEvent, Notification
from sinergi.partnerships import services
from sinergi.partnerships.models import (
    Agreement,
    AgreementDocument,
    MatchDecision,
    Obligation,
    Party,
    Referral,
)
from sinergi.partnerships.tests.conftest import SCOPES, sign_all
from sinergi.partnerships.tests.factories import fake_pdf, pdf_upload

pytestmark = pytest.mark.django_db


def codes(exc) -> list[str]:
    return [e.code for errors in exc.value.error_dict.values() for e in errors]


def test_officer_records_a_draft_with_parties_inside_and_outside_the_jurisdiction(draft, officer_kab, bank):
    assert draft.status == "draft"
    assert draft.region_code == "32.01.01.1008"
    assert draft.scopes == SCOPES
    assert [p.organization.name for p in draft.parties.all()] == [
        "Koperasi Tani Mandiri", "Kopi Bubuk Pak Dadang", "Bank BJB Kantor Cabang Bogor"
    ]  # fmt: skip
    event = AuditEvent.objects.get(action="partnerships.agreement.create")
    assert event.actor == officer_kab
    assert event.after["scopes"] == SCOPES


def test_no_party_inside_the_jurisdiction_is_refused_and_nothing_is_written(
    officer_kab, office_kab, bank, today
):
    bulog = OrganizationFactory(kind="company", name="Perum Bulog", region_id="32.73.13.1007")
    with pytest.raises(ValidationError) as exc:
        services.agreement_create(
            actor=officer_kab, office=office_kab, kind="pks", title="Di luar wilayah", start_on=today,
            end_on=today + dt.timedelta(days=30), scopes=["procurement"], parties=[bank, bulog],
        )  # fmt: skip
    assert codes(exc) == ["no_party_inside"]
    assert Agreement.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="partnerships.").exists()


def test_viewer_and_party_people_may_not_record(office_kab, coop_kab_manager, coop_kab, umkm_kab, today):
    with pytest.raises(PermissionDenied):
        services.agreement_create(
            actor=coop_kab_manager, office=office_kab, kind="mou", title="x", start_on=today, end_on=today,
            scopes=["other"], parties=[coop_kab, umkm_kab[0]],
        )  # fmt: skip
    assert Agreement.objects.count() == 0


def test_an_agreement_with_one_party_cannot_be_signed(officer_kab, office_kab, coop_kab, today):
    alone = services.agreement_create(
        actor=officer_kab, office=office_kab, kind="mou", title="Sendiri", start_on=today, end_on=today,
        scopes=["other"], parties=[coop_kab],
    )  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        services.party_sign(actor=officer_kab, party=alone.parties.get(), signatory_name="A", signatory_title="",
                            signed_on=today)  # fmt: skip
    assert codes(exc) == ["few_parties"]
    assert Party.objects.get().signed_on is None


def test_signing_by_every_party_signs_and_activates_from_the_start_date(
    draft, officer_kab, coop_kab_manager, today
):
    coop_party = draft.parties.get(organization__name="Koperasi Tani Mandiri")
    services.party_sign(actor=coop_kab_manager, party=coop_party, signatory_name="Ujang Sutisna",
                        signatory_title="Ketua", signed_on=today)  # fmt: skip
    draft.refresh_from_db()
    assert draft.status == "draft"
    agreement = sign_all(officer_kab, draft, today)
    assert agreement.status == "active"
    assert agreement.signed_on == today
    assert AuditEvent.objects.filter(action="partnerships.party.sign").count() == 4
    assert AuditEvent.objects.get(action="partnerships.agreement.signed").after["status"] == "active"


def test_a_party_outsider_may_not_sign(draft, umkm_owner):
    party = draft.parties.first()
    with pytest.raises(PermissionDenied):
        services.party_sign(
            actor=umkm_owner, party=party, signatory_name="X", signatory_title="", signed_on=draft.start_on
        )
    party.refresh_from_db()
    assert party.signed_on is None


def test_obligation_due_before_the_agreement_starts_is_refused(active, officer_kab):
    with pytest.raises(ValidationError) as exc:
        services.obligation_add(
            actor=officer_kab, agreement=active, party=active.parties.first(), measure="evidence",
            description="Terlalu awal", target=Decimal(5), due_on=active.start_on - dt.timedelta(days=1),
        )  # fmt: skip
    assert codes(exc) == ["due_before_start"]
    assert Obligation.objects.count() == 0


def _evidence_obligation(actor, agreement, due_on, target=10):
    bank_party = agreement.parties.get(organization__kind="bank")
    return services.obligation_add(
        actor=actor, agreement=agreement, party=bank_party, measure="loans",
        description="Menyalurkan KUR", target=Decimal(target), due_on=due_on,
    )  # fmt: skip


def test_progress_with_evidence_meets_on_time_or_late(active, officer_kab, bank_staff, today):
    on_time = _evidence_obligation(officer_kab, active, today - dt.timedelta(days=10))
    assert on_time.state == "overdue"
    services.progress_add(actor=bank_staff, obligation=on_time, recorded_on=today - dt.timedelta(days=30),
                          amount=Decimal(6), note="Akad 3 UMKM")  # fmt: skip
    on_time.refresh_from_db()
    assert (on_time.achieved, on_time.state) == (Decimal(6), "overdue")
    services.progress_add(actor=bank_staff, obligation=on_time, recorded_on=today - dt.timedelta(days=12),
                          amount=Decimal(4), note="Akad 2 UMKM", upload=pdf_upload("akad.pdf"))  # fmt: skip
    on_time.refresh_from_db()
    assert (on_time.achieved, on_time.met_on, on_time.state) == (
        Decimal(10),
        today - dt.timedelta(days=12),
        "met_on_time",
    )
    late = _evidence_obligation(officer_kab, active, today - dt.timedelta(days=10), target=3)
    services.progress_add(
        actor=officer_kab, obligation=late, recorded_on=today, amount=Decimal(3), note="Akad"
    )
    late.refresh_from_db()
    assert (late.state, late.met_on) == ("met_late", today)
    assert AuditEvent.objects.filter(action="partnerships.progress.add").count() == 3


def test_progress_by_someone_else_changes_nothing(active, officer_kab, coop_kab_manager, today):
    obligation = _evidence_obligation(officer_kab, active, today)
    with pytest.raises(PermissionDenied):
        services.progress_add(actor=coop_kab_manager, obligation=obligation, recorded_on=today,
                              amount=Decimal(5), note="bukan pihaknya")  # fmt: skip
    obligation.refresh_from_db()
    assert obligation.achieved == 0
    assert not obligation.entries.exists()


def test_computed_measures_take_no_manual_progress(active, officer_kab, today):
    obligation = services.obligation_add(
        actor=officer_kab, agreement=active, party=active.parties.first(), measure="trained",
        description="Melatih 30 orang", target=Decimal(30), due_on=today,
    )  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        services.progress_add(
            actor=officer_kab, obligation=obligation, recorded_on=today, amount=Decimal(3), note="x"
        )
    assert codes(exc) == ["computed_measure"]


def test_termination_turns_unmet_obligations_missed(active, officer_kab, today):
    obligation = _evidence_obligation(officer_kab, active, today - dt.timedelta(days=1))
    with pytest.raises(ValidationError) as exc:
        services.agreement_terminate(actor=officer_kab, agreement=active, reason="  ")
    assert codes(exc) == ["no_reason"]
    services.agreement_terminate(actor=officer_kab, agreement=active, reason="Bank menutup program KUR")
    active.refresh_from_db()
    obligation.refresh_from_db()
    assert (active.status, active.terminated_on) == ("terminated", today)
    assert obligation.state == "missed"


def test_a_document_that_is_not_a_pdf_is_refused(active, officer_kab):
    with pytest.raises(ValidationError) as exc:
        services.document_add(actor=officer_kab, agreement=active, title="MoU", upload=fake_pdf())
    assert codes(exc) == ["not_pdf"]
    assert AgreementDocument.objects.count() == 0
    document = services.document_add(actor=officer_kab, agreement=active, title="MoU bertanda tangan",
                                     upload=pdf_upload())  # fmt: skip
    assert document.size == len(pdf_upload().read())
    assert document.file.name.startswith("partnerships/documents/")


def test_daily_run_activates_expires_reminds_and_flags_overdue(
    draft, officer_kab, coop_kab_manager, bank_staff, today
):
    agreement = sign_all(officer_kab, draft, today)
    obligation = _evidence_obligation(officer_kab, agreement, today + dt.timedelta(days=5))
    later = today + dt.timedelta(days=6)
    done = services.agreements_daily(actor=None, today=later)
    assert done["overdue"] == 1
    obligation.refresh_from_db()
    assert (obligation.state, obligation.flagged_on) == ("overdue", later)
    notified = set(
        Notification.objects.filter(subject__contains="lewat batas waktu").values_list(
            "recipient__email", flat=True
        )
    )
    assert notified == {"pengurus.kab@sinergi.test", "mitra.bank@sinergi.test", "staf.kabbogor@sinergi.test"}
    again = services.agreements_daily(actor=None, today=later)
    assert again["overdue"] == 0
    near_end = agreement.end_on - dt.timedelta(days=10)
    assert services.agreements_daily(actor=None, today=near_end)["reminded"] == 1
    assert services.agreements_daily(actor=None, today=near_end)["reminded"] == 0
    assert (
        services.agreements_daily(actor=None, today=agreement.end_on + dt.timedelta(days=1))["expired"] == 1
    )
    agreement.refresh_from_db()
    obligation.refresh_from_db()
    assert (agreement.status, obligation.state) == ("expired", "missed")


def test_referral_is_sent_answered_and_completed(
    officer_kab, office_kab, bank, bank_staff, umkm_kab, coop_kab_manager
):
    referral = services.referral_send(actor=officer_kab, office=office_kab, partner=bank, organization=umkm_kab[0],
                                      scope="capital", note="Butuh modal kerja")  # fmt: skip
    assert Notification.objects.get(recipient=bank_staff).subject == (
        "Rujukan dari Dinas Koperasi dan UKM Kabupaten Bogor: Kopi Bubuk Pak Dadang"
    )
    with pytest.raises(PermissionDenied):
        services.referral_answer(actor=coop_kab_manager, referral=referral, status="accepted")
    referral.refresh_from_db()
    assert referral.status == "sent"
    with pytest.raises(ValidationError):
        services.referral_answer(actor=bank_staff, referral=referral, status="completed")
    services.referral_answer(
        actor=bank_staff, referral=referral, status="accepted", answer="Survei minggu depan"
    )
    services.referral_answer(actor=bank_staff, referral=referral, status="completed", answer="KUR cair")
    referral.refresh_from_db()
    assert (referral.status, referral.answer) == ("completed", "KUR cair")


def test_referral_of_an_organisation_outside_the_jurisdiction_is_refused(
    officer_kab, office_kab, bank, umkm_bogor
):
    with pytest.raises(PermissionDenied):
        services.referral_send(
            actor=officer_kab, office=office_kab, partner=bank, organization=umkm_bogor, scope="capital"
        )
    assert Referral.objects.count() == 0


def test_match_decisions_are_recorded_with_their_reasons(officer_kab, umkm_kab, coop_kab, officer_bandung):
    services.match_decide(actor=officer_kab, seeker=umkm_kab[0], candidate=coop_kab, score=30,
                          reasons=[(30, "same_district")], decision="refused")  # fmt: skip
    found = MatchDecision.objects.get()
    assert (found.decision, found.reasons, found.region_code) == (
        "refused",
        [[30, "same_district"]],
        "32.01.05.2001",
    )
    with pytest.raises(PermissionDenied):
        services.match_decide(actor=officer_bandung, seeker=umkm_kab[0], candidate=coop_kab, score=30,
                              reasons=[], decision="accepted")  # fmt: skip
    assert MatchDecision.objects.count() == 1


def test_an_office_reaching_only_a_party_reads_but_does_not_run_the_agreement(active, officer_bogor, today):
    from sinergi.partnerships import selectors

    assert selectors.access_agreement(user=officer_bogor, pk=active.pk) == active
    with pytest.raises(PermissionDenied):
        services.agreement_terminate(actor=officer_bogor, agreement=active, reason="Bukan wilayahnya")
    active.refresh_from_db()
    assert active.status == "active"
