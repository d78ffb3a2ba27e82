"""Scoping: every list and detail is the asking user's own."""

import pytest
from django.http import Http404

from sinergi.clinic import selectors, services

pytestmark = pytest.mark.django_db


def test_officer_sees_own_region_programmes_only(
    officer_bogor, officer_bandung, programme, programme_bandung
):
    assert list(selectors.programme_list(user=officer_bogor)) == [programme]
    assert list(selectors.programme_list(user=officer_bandung)) == [programme_bandung]
    with pytest.raises(Http404):
        selectors.access_programme(user=officer_bandung, pk=programme.pk)


def test_other_region_sees_no_case(officer_bandung, enrolled):
    assert list(selectors.case_list(user=officer_bandung)) == []
    with pytest.raises(Http404):
        selectors.access_case(user=officer_bandung, pk=enrolled.pk)


def test_expert_sees_only_assigned_cases(
    clinic_expert, expert, officer_bogor, programme, enrolled, umkm_bogor, business
):
    other = services.case_enrol(
        actor=officer_bogor, programme=programme, participant=umkm_bogor, source="registry"
    )
    assert list(selectors.case_list(user=clinic_expert)) == []
    with pytest.raises(Http404):
        selectors.access_case(user=clinic_expert, pk=enrolled.pk)
    services.case_team_assign(actor=officer_bogor, case=enrolled, experts=[expert])
    assert list(selectors.case_list(user=clinic_expert)) == [enrolled]
    assert list(selectors.expert_cases(user=clinic_expert)) == [enrolled]
    with pytest.raises(Http404):
        selectors.access_case(user=clinic_expert, pk=other.pk)


def test_participant_sees_only_its_own_case(
    coop_manager, umkm_owner, officer_bogor, programme, enrolled, umkm_bogor, business
):
    other = services.case_enrol(
        actor=officer_bogor, programme=programme, participant=umkm_bogor, source="registry"
    )
    assert list(selectors.case_list(user=coop_manager)) == [enrolled]
    assert list(selectors.case_list(user=umkm_owner)) == [other]
    with pytest.raises(Http404):
        selectors.access_case(user=coop_manager, pk=other.pk)


def test_ratings_hidden_from_other_raters_until_agreed(
    clinic_expert, expert_two, officer_bogor, diagnosing, problems
):
    services.rating_submit(
        actor=clinic_expert, case=diagnosing, problems=[problems["K01"], problems["M01"]], severity=3
    )
    services.rating_submit(actor=expert_two.user, case=diagnosing, problems=[problems["K01"]], severity=1)
    mine = selectors.ratings_for(user=clinic_expert, case=diagnosing)
    assert (mine.own.severity, mine.others, mine.hidden, mine.disagreement) == (3, [], 1, None)
    office = selectors.ratings_for(user=officer_bogor, case=diagnosing)
    assert (office.own, len(office.others), office.hidden) == (None, 2, 0)
    assert office.disagreement.disputed == frozenset({problems["M01"].pk})
    services.diagnosis_agree(actor=officer_bogor, case=diagnosing, problems=[problems["K01"]], note="")
    diagnosing.refresh_from_db()
    after = selectors.ratings_for(user=clinic_expert, case=diagnosing)
    assert (len(after.others), after.hidden) == (1, 0)
    assert (after.disagreement.severity_min, after.disagreement.severity_max) == (1, 3)


def test_progress_counts(
    officer_bogor,
    programme,
    following,
    coop_profile,
    this_year,
    coop_manager,
    umkm_bogor,
    umkm_owner,
    business,
):
    from sinergi.clinic.tests.factories import assessed

    services.case_request(actor=umkm_owner, participant=umkm_bogor)
    assessed(coop_profile, year=this_year - 1, predicate="cukup_sehat", total="70.00")
    services.case_close(actor=officer_bogor, case=following)
    progress = selectors.progress_of([programme])[programme.pk]
    assert progress.as_dict() == {
        "target_participants": 30, "target_good": 10, "participants": 1, "closed": 1, "good": 1,
        "improved": 1, "unchanged": 0, "worse": 0,
    }  # fmt: skip
    assert progress.requested == 1
    assert (progress.participants_pct, progress.good_pct) == (3, 10)


def test_enrol_candidates_scoped(
    officer_bogor, officer_bandung, programme, cooperative_bogor, cooperative_bandung
):
    assert list(selectors.enrol_candidates(user=officer_bogor, programme=programme, q="koperasi")) == [
        cooperative_bogor
    ]
    assert list(selectors.enrol_candidates(user=officer_bandung, programme=programme, q="koperasi")) == []


def test_problem_and_expert_lists_scoped(officer_bandung, officer_bogor, clinic_expert, expert, problems):
    assert selectors.problem_list(user=officer_bandung).count() == 0
    assert selectors.problem_list(user=officer_bogor).count() == 3
    assert selectors.problem_list(user=clinic_expert).count() == 3
    assert list(selectors.expert_list(user=officer_bandung)) == []
    assert list(selectors.expert_list(user=officer_bogor)) == [expert]


def test_partner_sees_recommendations_addressed_to_its_bank(officer_bogor, agreed):
    from sinergi.accounts.tests.factories import MembershipFactory, OrganizationFactory, UserFactory
    from sinergi.clinic import selectors as clinic_selectors

    bank = OrganizationFactory(kind="bank", name="Bank BJB")
    other_bank = OrganizationFactory(kind="bank", name="Bank Lain")
    staff = MembershipFactory(
        user=UserFactory(email="bank@sinergi.test"), organization=bank, role="partner"
    ).user
    mine = services.recommendation_add(
        actor=officer_bogor, case=agreed, kind="capital", description="Kredit", responsible="bank",
        responsible_org=bank, due_on=agreed.enrolled_on,
    )  # fmt: skip
    services.recommendation_add(
        actor=officer_bogor, case=agreed, kind="capital", description="Lain", responsible="bank",
        responsible_org=other_bank, due_on=agreed.enrolled_on,
    )  # fmt: skip
    assert list(clinic_selectors.recommendations_for_partner(user=staff)) == [mine]
    assert list(clinic_selectors.recommendations_for_partner(user=officer_bogor)) == []
    assert list(clinic_selectors.case_list(user=staff)) == []


def test_who_reaches_the_clinic(
    officer_bogor, viewer_bogor, clinic_expert, expert, coop_manager, umkm_owner, supplier
):
    from sinergi.clinic import access

    reached = {
        u.email: access.reaches_clinic(u)
        for u in (officer_bogor, viewer_bogor, clinic_expert, coop_manager, umkm_owner, supplier)
    }
    assert reached == {
        "staf.bogor@sinergi.test": True, "pemantau.bogor@sinergi.test": True, "pakar@sinergi.test": True,
        "pengurus@sinergi.test": True, "pemilik@sinergi.test": True, "pemasok@sinergi.test": False,
    }  # fmt: skip
