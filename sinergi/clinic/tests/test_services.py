"""Every state change of a case, and every refusal leaving state and audit trail unchanged."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from sinergi.clinic import services
from sinergi.clinic.models import Case, Rating, Recommendation, Visit
from sinergi.clinic.tests.factories import assessed
from sinergi.core.models import AuditEvent, Notification

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def audits(action=None):
    qs = AuditEvent.objects.all()
    return qs.filter(action=action).count() if action else qs.count()


# --- programmes, experts, catalogue ------------------------------------------------------------


def test_programme_create_records_targets_and_audit(programme, this_year):
    assert (programme.region_code, programme.year, programme.programme_year) == ("32.71", this_year, 2)
    assert (programme.target_participants, programme.target_good, programme.horizon_years) == (30, 10, 5)
    assert audits("clinic.programme.create") == 1


def test_programme_from_other_region_is_refused(officer_bandung, office_bogor, this_year):
    before = audits()
    with pytest.raises(PermissionDenied):
        services.programme_create(actor=officer_bandung, office=office_bogor, year=this_year, name="X")
    assert audits() == before


def test_programme_target_good_above_participants_refused(officer_bogor, office_bogor, this_year):
    before = audits()
    with pytest.raises(ValidationError) as exc:
        services.programme_create(
            actor=officer_bogor,
            office=office_bogor,
            year=this_year,
            name="X",
            target_participants=5,
            target_good=6,
        )
    assert "target_good" in exc.value.message_dict
    assert audits() == before


def test_programme_update_audits_only_changes(officer_bogor, programme):
    services.programme_update(actor=officer_bogor, programme=programme, target_good=12)
    event = AuditEvent.objects.get(action="clinic.programme.update")
    assert (event.before, event.after) == ({"target_good": 10}, {"target_good": 12})
    services.programme_update(actor=officer_bogor, programme=programme, target_good=12)
    assert audits("clinic.programme.update") == 1


def test_viewer_cannot_create_programme(viewer_bogor, office_bogor, this_year):
    with pytest.raises(PermissionDenied):
        services.programme_create(actor=viewer_bogor, office=office_bogor, year=this_year, name="X")


def test_expert_register_and_problem_catalogue(expert, problems):
    assert (expert.kind, expert.areas, expert.region_code) == ("academic", ["finance", "management"], "32.71")
    assert sorted(problems) == ["K01", "M01", "P01"]
    assert audits("clinic.expert.register") == 1
    assert audits("clinic.problem.create") == 3


def test_problem_code_clash_refused(officer_bogor, office_bogor, problems):
    before = audits()
    with pytest.raises(ValidationError) as exc:
        services.problem_save(
            actor=officer_bogor, office=office_bogor, code="k01", name="Lain", area="hr", severity=1
        )
    assert "code" in exc.value.message_dict
    assert audits() == before


def test_problem_edit(officer_bogor, office_bogor, problems):
    services.problem_save(
        actor=officer_bogor, office=office_bogor, problem=problems["P01"], code="P01", name="Pemasaran sempit",
        area="marketing", severity=2,
    )  # fmt: skip
    problems["P01"].refresh_from_db()
    assert (problems["P01"].name, problems["P01"].severity) == ("Pemasaran sempit", 2)
    assert audits("clinic.problem.update") == 1


# --- enrolment ---------------------------------------------------------------------------------


def test_enrol_from_registry_keeps_baseline_and_prediagnosis(enrolled, this_year):
    assert enrolled.stage == "enrolled"
    assert enrolled.enrolled_on == today()
    assert enrolled.baseline == {
        "kind": "cooperative",
        "year": this_year - 2,
        "total": "58.00",
        "rules": "perdep-06-2016",
        "predicate": "dalam_pengawasan",
        "rat_state": enrolled.baseline["rat_state"],
        "rat_year": enrolled.baseline["rat_year"],
        "members": 100,
    }
    assert enrolled.baseline["rat_state"] != "overdue"
    kinds = list(enrolled.prediagnosis.values_list("kind", flat=True))
    assert kinds == ["no_network_sales"]
    assert audits("clinic.case.enrol") == 1


def test_enrol_from_early_warning_carries_signals(officer_bogor, programme, cooperative_bogor, this_year):
    from sinergi.clinic.tests.factories import CooperativeProfileFactory

    profile = CooperativeProfileFactory(
        organization=cooperative_bogor,
        region=cooperative_bogor.region_id,
        last_rat_date=dt.date(this_year - 4, 3, 1),
    )
    assessed(
        profile,
        year=this_year - 5,
        predicate="dalam_pengawasan_khusus",
        total="45.00",
        rat_date=dt.date(this_year - 4, 3, 1),
    )
    case = services.case_enrol(
        actor=officer_bogor, programme=programme, participant=cooperative_bogor, source="early_warning"
    )
    assert [e["code"] for e in case.evidence] == ["predicate_worst", "rat_overdue"]
    assert [e["weight"] for e in case.evidence] == [40, 20]
    assert list(case.prediagnosis.values_list("kind", flat=True)) == ["rat_overdue", "no_network_sales"]


def test_low_components_become_prediagnosis(officer_bogor, programme, cooperative_bogor, this_year):
    from sinergi.clinic.tests.factories import CooperativeProfileFactory

    profile = CooperativeProfileFactory(
        organization=cooperative_bogor,
        region=cooperative_bogor.region_id,
        last_rat_date=today() - dt.timedelta(days=10),
    )
    assessment = assessed(profile, year=this_year - 1, predicate="dalam_pengawasan")
    assessment.scores = {"1a": "1.50", "2a": "10.00", "3a": "1.00"}
    assessment.save()
    case = services.case_enrol(
        actor=officer_bogor, programme=programme, participant=cooperative_bogor, source="registry"
    )
    items = [(item.kind, item.area, item.detail) for item in case.prediagnosis.all()]
    assert items[0] == ("health_low", "finance", f"Skor 1,50 dari bobot 6 (tahun buku {this_year - 1})")
    assert items[1] == ("health_low", "management", f"Skor 1,00 dari bobot 3 (tahun buku {this_year - 1})")
    # Stored as values, put into words in the reader's language.
    with translation.override("en"):
        assert case.prediagnosis.first().detail == f"Score 1.50 of weight 6 (financial year {this_year - 1})"
    assert (
        case.prediagnosis.filter(kind="health_low").first().evidence_url
        == f"/kesehatan/laporan/{assessment.report_id}/penilaian/"
    )


def test_rising_bad_loans_found(officer_bogor, programme, cooperative_bogor, this_year):
    from sinergi.clinic.tests.factories import CooperativeProfileFactory

    profile = CooperativeProfileFactory(
        organization=cooperative_bogor,
        region=cooperative_bogor.region_id,
        last_rat_date=today() - dt.timedelta(days=10),
    )
    loans = {
        "pinjaman_diberikan": Decimal("1000"),
        "pinjaman_diragukan": Decimal("0"),
        "pinjaman_macet": Decimal("0"),
    }
    assessed(
        profile, year=this_year - 2, predicate="cukup_sehat", pinjaman_kurang_lancar=Decimal("20"), **loans
    )
    assessed(
        profile, year=this_year - 1, predicate="cukup_sehat", pinjaman_kurang_lancar=Decimal("50"), **loans
    )
    case = services.case_enrol(
        actor=officer_bogor, programme=programme, participant=cooperative_bogor, source="registry"
    )
    item = case.prediagnosis.get(kind="bad_loans_rising")
    assert item.detail == f"2,00% ({this_year - 2}) menjadi 5,00% ({this_year - 1})"


def test_umkm_without_nib_found(officer_bogor, programme, umkm_bogor, business):
    case = services.case_enrol(
        actor=officer_bogor, programme=programme, participant=umkm_bogor, source="registry"
    )
    assert list(case.prediagnosis.values_list("kind", flat=True)) == ["no_legality"]
    assert case.baseline == {"kind": "umkm", "annual_sales": "100000000.00", "nib": False}


def test_enrol_twice_refused(officer_bogor, programme, enrolled, cooperative_bogor):
    before = audits()
    with pytest.raises(ValidationError) as exc:
        services.case_enrol(
            actor=officer_bogor, programme=programme, participant=cooperative_bogor, source="registry"
        )
    assert exc.value.message_dict["participant"] == ["Peserta ini sudah terdaftar di program tahun ini."]
    assert (Case.objects.count(), audits()) == (1, before)


def test_enrol_outside_jurisdiction_refused(officer_bandung, programme, coop_profile, cooperative_bogor):
    with pytest.raises(PermissionDenied):
        services.case_enrol(
            actor=officer_bandung, programme=programme, participant=cooperative_bogor, source="registry"
        )
    assert Case.objects.count() == 0


def test_expert_cannot_enrol(clinic_expert, expert, programme, coop_profile, cooperative_bogor):
    before = audits()
    with pytest.raises(PermissionDenied):
        services.case_enrol(
            actor=clinic_expert, programme=programme, participant=cooperative_bogor, source="registry"
        )
    assert (Case.objects.count(), audits()) == (0, before)


def test_participant_request_then_accept(
    coop_manager, officer_bogor, programme, coop_profile, cooperative_bogor
):
    case = services.case_request(actor=coop_manager, participant=cooperative_bogor, note="Modal kurang")
    assert (case.stage, case.source, case.programme_id, case.enrolled_on) == (
        "requested",
        "request",
        programme.pk,
        None,
    )
    case = services.case_accept(actor=officer_bogor, case=case)
    assert (case.stage, case.enrolled_on) == ("enrolled", today())
    assert case.baseline["predicate"] == "dalam_pengawasan"
    assert audits("clinic.case.request") == 1
    assert audits("clinic.case.enrol") == 1


def test_request_for_someone_else_refused(umkm_owner, cooperative_bogor, programme):
    with pytest.raises(PermissionDenied):
        services.case_request(actor=umkm_owner, participant=cooperative_bogor)
    assert Case.objects.count() == 0


def test_request_without_programme_refused(coop_manager, cooperative_bogor, db):
    before = audits()
    with pytest.raises(ValidationError):
        services.case_request(actor=coop_manager, participant=cooperative_bogor)
    assert (Case.objects.count(), audits()) == (0, before)


def test_accept_twice_refused(officer_bogor, enrolled):
    before = audits()
    with pytest.raises(ValidationError):
        services.case_accept(actor=officer_bogor, case=enrolled)
    enrolled.refresh_from_db()
    assert (enrolled.stage, audits()) == ("enrolled", before)


# --- intake, team, ratings, agreement ------------------------------------------------------------


def test_participant_fills_intake(coop_manager, enrolled):
    services.case_intake_save(
        actor=coop_manager, case=enrolled, answers={"finance": {"felt": True, "note": "Modal kerja kurang"}}
    )
    enrolled.refresh_from_db()
    assert enrolled.intake["finance"] == {"felt": True, "note": "Modal kerja kurang"}
    assert enrolled.intake["marketing"] == {"felt": False, "note": ""}
    assert len(enrolled.intake) == 7
    assert audits("clinic.case.intake") == 1


def test_other_participant_cannot_fill_intake(umkm_owner, enrolled):
    before = audits()
    with pytest.raises(PermissionDenied):
        services.case_intake_save(actor=umkm_owner, case=enrolled, answers={"finance": {"felt": True}})
    enrolled.refresh_from_db()
    assert (enrolled.intake, audits()) == ({}, before)


def test_team_assign_moves_to_diagnosis(diagnosing, expert, expert_two):
    assert diagnosing.stage == "diagnosis"
    assert set(diagnosing.team.all()) == {expert, expert_two}
    assert audits("clinic.case.team") == 1


def test_empty_team_refused(officer_bogor, enrolled):
    before = audits()
    with pytest.raises(ValidationError):
        services.case_team_assign(actor=officer_bogor, case=enrolled, experts=[])
    enrolled.refresh_from_db()
    assert (enrolled.stage, audits()) == ("enrolled", before)


def test_team_assign_by_other_region_refused(officer_bandung, enrolled, expert):
    with pytest.raises(PermissionDenied):
        services.case_team_assign(actor=officer_bandung, case=enrolled, experts=[expert])
    enrolled.refresh_from_db()
    assert enrolled.stage == "enrolled"


def test_ratings_are_per_expert_and_editable_until_agreed(clinic_expert, diagnosing, problems):
    services.rating_submit(actor=clinic_expert, case=diagnosing, problems=[problems["K01"]], severity=2)
    services.rating_submit(
        actor=clinic_expert, case=diagnosing, problems=[problems["K01"], problems["M01"]], severity=3
    )
    rating = Rating.objects.get()
    assert (rating.severity, sorted(p.code for p in rating.problems.all())) == (3, ["K01", "M01"])
    assert audits("clinic.rating.submit") == 2


def test_unassigned_expert_cannot_rate(outsider_expert, officer_bogor, office_bogor, diagnosing, problems):
    services.expert_register(
        actor=officer_bogor,
        office=office_bogor,
        user=outsider_expert,
        kind="practitioner",
        areas=["marketing"],
    )
    before = audits()
    with pytest.raises(PermissionDenied):
        services.rating_submit(actor=outsider_expert, case=diagnosing, problems=[problems["K01"]], severity=1)
    assert (Rating.objects.count(), audits()) == (0, before)


def test_agree_needs_a_rating(officer_bogor, diagnosing, problems):
    before = audits()
    with pytest.raises(ValidationError) as exc:
        services.diagnosis_agree(actor=officer_bogor, case=diagnosing, problems=[problems["K01"]], note="")
    assert exc.value.messages == ["Diagnosis baru dapat disepakati setelah ada penilaian dari anggota tim."]
    diagnosing.refresh_from_db()
    assert (diagnosing.stage, audits()) == ("diagnosis", before)


def test_agree_moves_to_plan(agreed, problems):
    assert agreed.stage == "plan"
    assert [p.code for p in agreed.agreed_problems.all()] == ["K01"]
    assert agreed.agreed_at is not None
    assert audits("clinic.diagnosis.agree") == 1


def test_rating_after_agreement_refused(clinic_expert, expert_two, agreed, problems):
    rating = Rating.objects.get()
    before = audits()
    for actor in (clinic_expert, expert_two.user):
        with pytest.raises(ValidationError) as exc:
            services.rating_submit(actor=actor, case=agreed, problems=[problems["M01"]], severity=1)
        assert exc.value.messages == [
            "Diagnosis sudah disepakati: penilaian tidak dapat ditambah atau diubah lagi."
        ]
    rating.refresh_from_db()
    assert (Rating.objects.count(), rating.severity, audits()) == (1, 3, before)


def test_expert_cannot_agree(clinic_expert, diagnosing, problems):
    services.rating_submit(actor=clinic_expert, case=diagnosing, problems=[problems["K01"]], severity=3)
    before = audits()
    with pytest.raises(PermissionDenied):
        services.diagnosis_agree(actor=clinic_expert, case=diagnosing, problems=[problems["K01"]], note="")
    diagnosing.refresh_from_db()
    assert (diagnosing.stage, audits()) == ("diagnosis", before)


def test_umkm_agreement_needs_a_goal(
    officer_bogor, programme, umkm_bogor, business, expert, clinic_expert, problems
):
    case = services.case_enrol(
        actor=officer_bogor, programme=programme, participant=umkm_bogor, source="registry"
    )
    services.case_team_assign(actor=officer_bogor, case=case, experts=[expert])
    services.rating_submit(actor=clinic_expert, case=case, problems=[problems["P01"]], severity=1)
    with pytest.raises(ValidationError) as exc:
        services.diagnosis_agree(actor=officer_bogor, case=case, problems=[problems["P01"]], note="")
    assert "goal_kind" in exc.value.message_dict
    case = services.diagnosis_agree(
        actor=officer_bogor,
        case=case,
        problems=[problems["P01"]],
        note="",
        goal_kind="sales",
        goal_sales_pct=Decimal("15"),
    )
    assert (case.stage, case.goal_kind, case.goal_sales_pct) == ("plan", "sales", Decimal("15"))


# --- recommendations, visits, outcome ------------------------------------------------------------


def test_recommendation_starts_follow_up(following, officer_bogor):
    reco = Recommendation.objects.get()
    assert (following.stage, reco.status, reco.responsible_user) == ("follow_up", "planned", officer_bogor)
    assert audits("clinic.recommendation.add") == 1


def test_recommendation_before_agreement_refused(officer_bogor, diagnosing):
    before = audits()
    with pytest.raises(ValidationError):
        services.recommendation_add(
            actor=officer_bogor, case=diagnosing, kind="mentoring", description="x", responsible="officer",
            responsible_user=officer_bogor, due_on=today(),
        )  # fmt: skip
    assert (Recommendation.objects.count(), audits()) == (0, before)


def test_recommendation_to_a_bank(officer_bogor, agreed):
    bank = __import__("sinergi.accounts.tests.factories", fromlist=["x"]).OrganizationFactory(
        kind="bank", name="Bank BJB"
    )
    reco = services.recommendation_add(
        actor=officer_bogor, case=agreed, kind="capital", description="Kredit modal kerja", responsible="bank",
        responsible_org=bank, target_org=bank, due_on=today() + dt.timedelta(days=60),
    )  # fmt: skip
    assert (reco.responsible_org, reco.target_org, reco.responsible_user) == (bank, bank, None)


def test_recommendation_without_responsible_refused(officer_bogor, agreed):
    with pytest.raises(ValidationError) as exc:
        services.recommendation_add(
            actor=officer_bogor,
            case=agreed,
            kind="capital",
            description="x",
            responsible="bank",
            due_on=today(),
        )
    assert "responsible_org" in exc.value.message_dict
    assert Recommendation.objects.count() == 0


def test_recommendation_status(officer_bogor, following):
    reco = Recommendation.objects.get()
    services.recommendation_status_set(actor=officer_bogor, recommendation=reco, status="done")
    reco.refresh_from_db()
    assert (reco.status, reco.done_on) == ("done", today())
    assert audits("clinic.recommendation.status") == 1


def test_visit_schedule_and_record(officer_bogor, clinic_expert, following):
    visit = services.visit_schedule(
        actor=clinic_expert, case=following, planned_on=today(), purpose="Cek buku kas"
    )
    services.visit_record(actor=officer_bogor, visit=visit, visited_on=today(), notes="Buku kas rapi")
    visit.refresh_from_db()
    assert (visit.visited_on, visit.notes) == (today(), "Buku kas rapi")
    assert audits("clinic.visit.schedule") == 1
    assert audits("clinic.visit.record") == 1


def test_visit_before_enrolment_refused(officer_bogor, following):
    before = audits()
    with pytest.raises(ValidationError) as exc:
        services.visit_schedule(
            actor=officer_bogor, case=following, planned_on=today() - dt.timedelta(days=1), purpose="x"
        )
    assert exc.value.message_dict["planned_on"] == [
        "Tanggal kunjungan tidak boleh sebelum tanggal kasus terdaftar."
    ]
    assert (Visit.objects.count(), audits()) == (0, before)


def test_visit_recorded_before_enrolment_refused(officer_bogor, following):
    visit = services.visit_schedule(actor=officer_bogor, case=following, planned_on=today(), purpose="x")
    before = audits()
    with pytest.raises(ValidationError):
        services.visit_record(
            actor=officer_bogor, visit=visit, visited_on=today() - dt.timedelta(days=3), notes="n"
        )
    visit.refresh_from_db()
    assert (visit.visited_on, audits()) == (None, before)


def test_participant_cannot_schedule_visit(coop_manager, following):
    with pytest.raises(PermissionDenied):
        services.visit_schedule(actor=coop_manager, case=following, planned_on=today(), purpose="x")
    assert Visit.objects.count() == 0


def test_visit_attachment(officer_bogor, following):
    visit = services.visit_schedule(actor=officer_bogor, case=following, planned_on=today(), purpose="x")
    upload = SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20, content_type="image/png")
    attachment = services.visit_attachment_add(actor=officer_bogor, visit=visit, upload=upload)
    assert (attachment.name, attachment.size) == ("foto.png", 28)
    fake = SimpleUploadedFile("x.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError):
        services.visit_attachment_add(actor=officer_bogor, visit=visit, upload=fake)
    assert visit.attachments.count() == 1


def test_close_without_outcome_refused(officer_bogor, following):
    before = audits()
    with pytest.raises(ValidationError) as exc:
        services.case_close(actor=officer_bogor, case=following)
    assert exc.value.messages[0].startswith("Kasus belum dapat ditutup")
    following.refresh_from_db()
    assert (following.stage, following.result, following.good, audits()) == ("follow_up", "", None, before)


def test_close_measures_improvement(officer_bogor, following, coop_profile, this_year):
    assessed(coop_profile, year=this_year - 1, predicate="cukup_sehat", total="70.00")
    case = services.case_close(actor=officer_bogor, case=following, note="Naik predikat")
    assert (case.stage, case.result, case.good, case.closed_on) == ("closed", "improved", True, today())
    assert case.outcome["predicate"] == "cukup_sehat"
    assert audits("clinic.case.close") == 1


def test_close_measures_worse(officer_bogor, following, coop_profile, this_year):
    assessed(coop_profile, year=this_year - 1, predicate="dalam_pengawasan_khusus", total="45.00")
    case = services.case_close(actor=officer_bogor, case=following)
    assert (case.result, case.good) == ("worse", False)


def test_closed_case_refuses_changes(officer_bogor, following, coop_profile, this_year):
    assessed(coop_profile, year=this_year - 1, predicate="cukup_sehat", total="70.00")
    case = services.case_close(actor=officer_bogor, case=following)
    before = audits()
    with pytest.raises(ValidationError):
        services.case_close(actor=officer_bogor, case=case)
    with pytest.raises(ValidationError):
        services.visit_schedule(actor=officer_bogor, case=case, planned_on=today(), purpose="x")
    assert audits() == before


def test_umkm_outcome_from_sales(
    officer_bogor, programme, umkm_bogor, business, expert, clinic_expert, problems
):
    case = services.case_enrol(
        actor=officer_bogor, programme=programme, participant=umkm_bogor, source="registry"
    )
    services.case_team_assign(actor=officer_bogor, case=case, experts=[expert])
    services.rating_submit(actor=clinic_expert, case=case, problems=[problems["P01"]], severity=1)
    services.diagnosis_agree(
        actor=officer_bogor, case=case, problems=[problems["P01"]], note="", goal_kind="sales"
    )
    business.annual_sales = Decimal("115000000")
    business.save()
    case = services.case_close(actor=officer_bogor, case=case)
    assert (case.result, case.good) == ("improved", True)


# --- reminders -------------------------------------------------------------------------------


def test_reminders_once_per_item_and_day(officer_bogor, following, coop_manager, clinic_expert):
    reco = Recommendation.objects.get()
    reco.due_on = today() - dt.timedelta(days=2)
    reco.save()
    services.visit_schedule(
        actor=officer_bogor, case=following, planned_on=today() + dt.timedelta(days=1), purpose="Cek"
    )
    first = services.reminders_send(actor=None)
    assert (first["recommendations"], first["visits"]) == (1, 1)
    recipients = set(Notification.objects.values_list("recipient__email", flat=True))
    assert recipients == {
        "pakar@sinergi.test",
        "praktisi@sinergi.test",
        "pengurus@sinergi.test",
        "staf.bogor@sinergi.test",
    }
    subjects = set(Notification.objects.values_list("subject", flat=True))
    assert "Klinik: rekomendasi untuk Koperasi Sejahtera Bersama lewat jatuh tempo" in subjects
    assert "Klinik: kunjungan ke Koperasi Sejahtera Bersama segera jatuh tempo" in subjects
    count = Notification.objects.count()
    again = services.reminders_send(actor=None)
    assert (again["recommendations"], again["visits"], Notification.objects.count()) == (0, 0, count)
    tomorrow = services.reminders_send(actor=None, today=today() + dt.timedelta(days=1))
    assert tomorrow["recommendations"] == 1


def test_training_attended_marks_recommendation_done(officer_bogor, office_bogor, agreed, cooperative_bogor):
    from sinergi.events.models import Registration
    from sinergi.events.services.attendance import attendance_mark
    from sinergi.events.tests.factories import EventFactory

    event = EventFactory(kind="training", office=office_bogor, date=today())
    reco = services.recommendation_add(
        actor=officer_bogor, case=agreed, kind="training", description="Pelatihan pembukuan", responsible="officer",
        responsible_user=officer_bogor, target_event=event, due_on=today() + dt.timedelta(days=10),
    )  # fmt: skip
    registration = Registration.objects.create(
        event=event, organization=cooperative_bogor, attendee_name="Dedi"
    )
    attendance_mark(actor=officer_bogor, registration=registration)
    reco.refresh_from_db()
    assert (reco.status, reco.done_on) == ("done", today())
    assert audits("clinic.recommendation.attended") == 1
