"""Inactivity proposals and the dissolution procedure: every transition and every denial."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sinergi.core.models import AuditEvent
from sinergi.health import services as health
from sinergi.health.models import DissolutionCase, StatusProposal
from sinergi.health.supervision import services
from sinergi.health.supervision.selectors import last_rat_date
from sinergi.health.tests.factories import AnnualReportFactory, CooperativeProfileFactory
from sinergi.registry.models import CooperativeProfile, CooperativeStatus, CooperativeStatusChange

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()
LONG_AGO = TODAY - dt.timedelta(days=5 * 365)


@pytest.fixture
def dormant(ksp_bogor):
    """Koperasi Sejahtera Bersama without a RAT for five years."""
    CooperativeProfile.objects.filter(pk=ksp_bogor.pk).update(last_rat_date=LONG_AGO)
    ksp_bogor.refresh_from_db()
    return ksp_bogor


def frozen(obj):
    obj.refresh_from_db()
    return (getattr(obj, "state", None), getattr(obj, "status", None), AuditEvent.objects.count())


# --- proposals ------------------------------------------------------------------------------------


def test_propose_an_inactive_cooperative(dormant, officer_bogor):
    proposal = services.status_proposal_create(actor=officer_bogor, cooperative=dormant)
    assert proposal.state == "open"
    assert proposal.last_rat_date == LONG_AGO
    assert LONG_AGO.strftime("%d-%m-%Y") in proposal.reason
    assert AuditEvent.objects.filter(action="status_proposal.create").count() == 1


def test_an_active_cooperative_is_not_proposed(ksp_bogor, officer_bogor):
    CooperativeProfile.objects.filter(pk=ksp_bogor.pk).update(last_rat_date=TODAY - dt.timedelta(days=100))
    ksp_bogor.refresh_from_db()
    with pytest.raises(ValidationError):
        services.status_proposal_create(actor=officer_bogor, cooperative=ksp_bogor)
    assert StatusProposal.objects.count() == 0


def test_a_verified_report_is_evidence_through_the_registry(dormant, coop_manager, officer_bogor, values, answers):
    """Verifying an annual report records its RAT in the registry, where the one activity rule reads
    it: the dormant cooperative is active again and is not proposed."""
    rat = TODAY - dt.timedelta(days=400)
    report = health.annual_report_create(
        actor=coop_manager, cooperative=dormant, year=TODAY.year - 3, rat_date=rat, values=values, manajemen=answers
    )
    health.annual_report_submit(actor=coop_manager, report=report)
    health.annual_report_verify(actor=officer_bogor, report=report)
    dormant.refresh_from_db()
    assert dormant.last_rat_date == rat
    assert last_rat_date(dormant) == (rat, "report")
    with pytest.raises(ValidationError):
        services.status_proposal_create(actor=officer_bogor, cooperative=dormant)
    assert StatusProposal.objects.count() == 0


def test_the_registry_date_is_the_evidence(dormant, officer_bogor):
    """A report row the registry never heard of (written around the services) does not change the
    activity: the registry page could not see it, so supervision does not either."""
    AnnualReportFactory(cooperative=dormant, year=TODAY.year - 2, rat_date=TODAY - dt.timedelta(days=400))
    assert last_rat_date(dormant) == (LONG_AGO, "registry")
    proposal = services.status_proposal_create(actor=officer_bogor, cooperative=dormant)
    assert proposal.last_rat_date == LONG_AGO


def test_a_cooperative_of_unknown_status_is_proposed_by_its_evidence(dormant, officer_bogor):
    CooperativeProfile.objects.filter(pk=dormant.pk).update(status=CooperativeStatus.BELUM_DIKETAHUI)
    dormant.refresh_from_db()
    proposal = services.status_proposal_create(actor=officer_bogor, cooperative=dormant)
    assert (proposal.state, proposal.proposed_status, proposal.last_rat_date) == ("open", "tidak_aktif", LONG_AGO)


def test_only_active_cooperatives_are_proposed(dormant, officer_bogor):
    CooperativeProfile.objects.filter(pk=dormant.pk).update(status="dibekukan")
    dormant.refresh_from_db()
    with pytest.raises(ValidationError):
        services.status_proposal_create(actor=officer_bogor, cooperative=dormant)


@pytest.mark.parametrize("who", ["viewer_bogor", "officer_bandung", "coop_manager"])
def test_others_may_not_propose(request, who, dormant):
    events = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        services.status_proposal_create(actor=request.getfixturevalue(who), cooperative=dormant)
    assert StatusProposal.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_one_open_proposal(dormant, officer_bogor):
    services.status_proposal_create(actor=officer_bogor, cooperative=dormant)
    with pytest.raises(ValidationError):
        services.status_proposal_create(actor=officer_bogor, cooperative=dormant)
    assert StatusProposal.objects.count() == 1


def test_generate_in_reach_once(dormant, officer_bogor, ksp_bandung):
    CooperativeProfile.objects.filter(pk=ksp_bandung.pk).update(last_rat_date=LONG_AGO)
    fresh = CooperativeProfileFactory(region="32.71.03.1002", last_rat_date=TODAY - dt.timedelta(days=30))
    never = CooperativeProfileFactory(region="32.71.03.1002", last_rat_date=None)
    assert services.status_proposals_generate(actor=officer_bogor) == 2
    assert set(StatusProposal.objects.values_list("cooperative_id", flat=True)) == {dormant.pk, never.pk}
    assert fresh.pk not in StatusProposal.objects.values_list("cooperative_id", flat=True)
    assert services.status_proposals_generate(actor=officer_bogor) == 0


def test_generate_skips_a_recent_dismissal(dormant, officer_bogor):
    proposal = services.status_proposal_create(actor=officer_bogor, cooperative=dormant)
    services.status_proposal_dismiss(actor=officer_bogor, proposal=proposal, reason="RAT sudah diadakan")
    assert services.status_proposals_generate(actor=officer_bogor) == 0


def test_confirm_sets_the_registry_status(dormant, officer_bogor):
    proposal = services.status_proposal_create(actor=officer_bogor, cooperative=dormant)
    services.status_proposal_confirm(actor=officer_bogor, proposal=proposal, note="Kunjungan: kantor tutup.")
    proposal.refresh_from_db()
    dormant.refresh_from_db()
    assert (proposal.state, proposal.decided_by) == ("confirmed", officer_bogor)
    assert dormant.status == "tidak_aktif"
    change = CooperativeStatusChange.objects.filter(cooperative=dormant).latest("id")
    assert change.to_status == "tidak_aktif"
    assert change.reason == proposal.reason + " Kunjungan: kantor tutup."
    assert AuditEvent.objects.filter(action="status_proposal.confirm").count() == 1


def test_a_decided_proposal_stays_decided(dormant, officer_bogor):
    proposal = services.status_proposal_create(actor=officer_bogor, cooperative=dormant)
    services.status_proposal_dismiss(actor=officer_bogor, proposal=proposal, reason="Sedang revitalisasi")
    before = frozen(proposal)
    with pytest.raises(ValidationError):
        services.status_proposal_confirm(actor=officer_bogor, proposal=proposal)
    assert frozen(proposal) == before
    dormant.refresh_from_db()
    assert dormant.status == "aktif"


def test_dismiss_needs_a_reason(dormant, officer_bogor):
    proposal = services.status_proposal_create(actor=officer_bogor, cooperative=dormant)
    before = frozen(proposal)
    with pytest.raises(ValidationError):
        services.status_proposal_dismiss(actor=officer_bogor, proposal=proposal, reason="")
    assert frozen(proposal) == before


@pytest.mark.parametrize("who", ["viewer_bogor", "officer_bandung"])
def test_others_may_not_decide(request, who, dormant, officer_bogor):
    proposal = services.status_proposal_create(actor=officer_bogor, cooperative=dormant)
    before = frozen(proposal)
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.status_proposal_confirm(actor=actor, proposal=proposal)
    with pytest.raises(PermissionDenied):
        services.status_proposal_dismiss(actor=actor, proposal=proposal, reason="x")
    assert frozen(proposal) == before
    dormant.refresh_from_db()
    assert dormant.status == "aktif"


# --- dissolution ----------------------------------------------------------------------------------


@pytest.fixture
def case(dormant, officer_bogor):
    return services.dissolution_case_open(
        actor=officer_bogor, cooperative=dormant, ground="no_activity", facts="Tidak ada kegiatan usaha sejak 2020."
    )


def notify(case, officer, days_ago=100):
    services.dissolution_notice_issue(
        actor=officer,
        case=case,
        notice_number="518/12/Diskop",
        notice_date=TODAY - dt.timedelta(days=days_ago + 3),
        received_on=TODAY - dt.timedelta(days=days_ago),
        signatory="Kepala Dinas",
    )
    case.refresh_from_db()
    return case


def test_open_a_case(case, dormant):
    assert (case.state, case.ground) == ("draft", "no_activity")
    event = AuditEvent.objects.get(action="dissolution.open")
    assert event.after["facts"] == "Tidak ada kegiatan usaha sejak 2020."


@pytest.mark.parametrize(
    ("ground", "facts", "field"), [("bosan", "x", "ground"), ("bankrupt", "  ", "facts")]
)
def test_open_needs_a_ground_and_facts(dormant, officer_bogor, ground, facts, field):
    with pytest.raises(ValidationError) as caught:
        services.dissolution_case_open(actor=officer_bogor, cooperative=dormant, ground=ground, facts=facts)
    assert field in caught.value.message_dict
    assert DissolutionCase.objects.count() == 0


def test_one_open_case_per_cooperative(case, dormant, officer_bogor):
    with pytest.raises(ValidationError):
        services.dissolution_case_open(actor=officer_bogor, cooperative=dormant, ground="bankrupt", facts="x")
    assert DissolutionCase.objects.count() == 1


@pytest.mark.parametrize("who", ["viewer_bogor", "officer_bandung", "coop_manager"])
def test_others_may_not_open(request, who, dormant):
    with pytest.raises(PermissionDenied):
        services.dissolution_case_open(actor=request.getfixturevalue(who), cooperative=dormant, ground="bankrupt", facts="x")
    assert DissolutionCase.objects.count() == 0


def test_notice(case, officer_bogor):
    notify(case, officer_bogor)
    case.refresh_from_db()
    assert case.state == "notified"
    assert case.notice_received_on == TODAY - dt.timedelta(days=100)
    event = AuditEvent.objects.get(action="dissolution.notice")
    assert event.before == {
        "state": "draft",
        "notice_number": "",
        "notice_date": None,
        "notice_received_on": None,
    }


@pytest.mark.parametrize(
    ("notice_date", "received_on", "field"),
    [
        (TODAY + dt.timedelta(days=1), TODAY + dt.timedelta(days=2), "notice_date"),
        (TODAY - dt.timedelta(days=3), TODAY - dt.timedelta(days=5), "received_on"),
    ],
)
def test_notice_dates(case, officer_bogor, notice_date, received_on, field):
    with pytest.raises(ValidationError) as caught:
        services.dissolution_notice_issue(
            actor=officer_bogor, case=case, notice_number="1", notice_date=notice_date, received_on=received_on, signatory="K"
        )
    assert field in caught.value.message_dict
    case.refresh_from_db()
    assert case.state == "draft"


def test_objection_within_two_months_then_rejected_then_dissolved(case, officer_bogor, dormant):
    notify(case, officer_bogor)
    late = case.notice_received_on + dt.timedelta(days=62)
    with pytest.raises(ValidationError) as caught:
        services.dissolution_objection_record(actor=officer_bogor, case=case, received_on=late, summary="Kami keberatan")
    assert "2 bulan" in caught.value.message_dict["received_on"][0]
    on_time = case.notice_received_on + dt.timedelta(days=30)
    services.dissolution_objection_record(actor=officer_bogor, case=case, received_on=on_time, summary="Kami keberatan")
    case.refresh_from_db()
    assert case.state == "objected"
    services.dissolution_objection_decide(
        actor=officer_bogor, case=case, accepted=False, decided_on=on_time + dt.timedelta(days=20), number="K-1", reason="Tidak beralasan"
    )
    case.refresh_from_db()
    assert (case.state, case.objection_accepted) == ("objection_rejected", False)
    services.dissolution_decide(
        actor=officer_bogor,
        case=case,
        dissolve=True,
        decided_on=on_time + dt.timedelta(days=25),
        number="K-2",
        reason="Tidak ada kegiatan",
        signatory="Kepala Dinas",
    )
    case.refresh_from_db()
    dormant.refresh_from_db()
    assert (case.state, case.dissolved) == ("dissolved", True)
    assert dormant.status == "dibubarkan"
    change = CooperativeStatusChange.objects.filter(cooperative=dormant).latest("id")
    assert change.effective_on == on_time + dt.timedelta(days=25)
    assert "K-2" in change.reason


def test_an_accepted_objection_cancels_the_plan(case, officer_bogor, dormant):
    notify(case, officer_bogor)
    received = case.notice_received_on + dt.timedelta(days=10)
    services.dissolution_objection_record(actor=officer_bogor, case=case, received_on=received, summary="RAT diadakan")
    services.dissolution_objection_decide(
        actor=officer_bogor, case=case, accepted=True, decided_on=received + dt.timedelta(days=5), number="K-9", reason="Bukti RAT sah"
    )
    case.refresh_from_db()
    assert (case.state, case.dissolved, case.decision_number) == ("cancelled", False, "K-9")
    dormant.refresh_from_db()
    assert dormant.status == "aktif"


def test_no_decision_inside_the_objection_window(case, officer_bogor, dormant):
    notify(case, officer_bogor, days_ago=20)
    before = frozen(case)
    with pytest.raises(ValidationError) as caught:
        services.dissolution_decide(
            actor=officer_bogor, case=case, dissolve=True, decided_on=TODAY, number="K", reason="r", signatory="s"
        )
    assert "keberatan" in caught.value.message_dict["decided_on"][0]
    assert frozen(case) == before
    dormant.refresh_from_db()
    assert dormant.status == "aktif"


def test_decide_not_to_dissolve(case, officer_bogor, dormant):
    notify(case, officer_bogor)
    services.dissolution_decide(
        actor=officer_bogor, case=case, dissolve=False, decided_on=TODAY, number="K", reason="Ada kegiatan", signatory="s"
    )
    case.refresh_from_db()
    dormant.refresh_from_db()
    assert (case.state, dormant.status) == ("cancelled", "aktif")


def test_steps_out_of_order_are_refused(case, officer_bogor):
    with pytest.raises(ValidationError):
        services.dissolution_objection_record(actor=officer_bogor, case=case, received_on=TODAY, summary="x")
    with pytest.raises(ValidationError):
        services.dissolution_decide(
            actor=officer_bogor, case=case, dissolve=True, decided_on=TODAY, number="K", reason="r", signatory="s"
        )
    notify(case, officer_bogor)
    with pytest.raises(ValidationError):
        services.dissolution_case_withdraw(actor=officer_bogor, case=case, reason="x")
    with pytest.raises(ValidationError):
        services.dissolution_objection_decide(
            actor=officer_bogor, case=case, accepted=True, decided_on=TODAY, number="K", reason="r"
        )
    case.refresh_from_db()
    assert case.state == "notified"


def test_withdraw_a_plan(case, officer_bogor, dormant):
    services.dissolution_case_withdraw(actor=officer_bogor, case=case, reason="Salah koperasi")
    case.refresh_from_db()
    assert (case.state, case.decision_reason) == ("cancelled", "Salah koperasi")
    # A closed case leaves room for a new one.
    services.dissolution_case_open(actor=officer_bogor, cooperative=dormant, ground="bankrupt", facts="Putusan pailit")
    assert DissolutionCase.objects.count() == 2


@pytest.mark.parametrize("who", ["viewer_bogor", "officer_bandung"])
def test_others_may_not_take_a_step(request, who, case, officer_bogor):
    actor = request.getfixturevalue(who)
    before = frozen(case)
    with pytest.raises(PermissionDenied):
        notify(case, actor)
    with pytest.raises(PermissionDenied):
        services.dissolution_case_withdraw(actor=actor, case=case, reason="x")
    assert frozen(case) == before
