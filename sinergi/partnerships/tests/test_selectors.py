"""Scoped reads: scorecards show only the agreements the reader reaches; referrals and matches stay
inside the jurisdiction or the partner's own."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from sinergi.partnerships import selectors, services
from sinergi.partnerships.tests.conftest import sign_all

pytestmark = pytest.mark.django_db


def test_scorecard_of_a_bank_shows_only_the_agreements_the_reader_reaches(
    active, officer_kab, officer_bogor, office_bogor, bank, bank_staff, cooperative_bogor, today
):
    bogor = services.agreement_create(
        actor=officer_bogor, office=office_bogor, kind="pks", title="PKS KUR Kota Bogor",
        start_on=today - dt.timedelta(days=10), end_on=today + dt.timedelta(days=100),
        scopes=["capital"], parties=[cooperative_bogor, bank],
    )  # fmt: skip
    sign_all(officer_bogor, bogor, today - dt.timedelta(days=10))
    for agreement, actor in ((active, officer_kab), (bogor, officer_bogor)):
        services.obligation_add(
            actor=actor, agreement=agreement, party=agreement.parties.get(organization=bank), measure="loans",
            description="KUR", target=Decimal(10), due_on=today,
        )  # fmt: skip
    kab = selectors.scorecard(user=officer_kab, organization=bank)
    assert [a.title for a in kab.agreements] == ["MoU Kolaborasi Koperasi dan Usaha Mikro"]
    assert kab.counts["on_track"] == 1
    own = selectors.scorecard(user=bank_staff, organization=bank)
    assert sorted(a.title for a in own.agreements) == [
        "MoU Kolaborasi Koperasi dan Usaha Mikro",
        "PKS KUR Kota Bogor",
    ]
    assert own.counts["on_track"] == 2


def test_referrals_other_region_sees_nothing(
    officer_kab, office_kab, bank, bank_staff, umkm_kab, officer_bandung, coop_kab_manager
):
    services.referral_send(
        actor=officer_kab, office=office_kab, partner=bank, organization=umkm_kab[0], scope="capital"
    )
    assert selectors.referral_list(user=officer_bandung).count() == 0
    assert selectors.referral_list(user=coop_kab_manager).count() == 0
    assert selectors.referral_list(user=bank_staff).count() == 1
    assert selectors.referral_list(user=officer_kab).count() == 1


def test_matches_are_for_the_seekers_office_and_people(officer_bandung, umkm_kab, coop_kab):
    with pytest.raises(PermissionDenied):
        selectors.matches_for(user=officer_bandung, seeker=umkm_kab[0])


def test_who_has_partnerships_in_the_menu(draft, officer_kab, coop_kab_manager, bank_staff, umkm_owner):
    from sinergi.partnerships.access import reaches_partnerships

    assert [reaches_partnerships(u) for u in (officer_kab, coop_kab_manager, bank_staff, umkm_owner)] == [
        True,
        True,
        True,
        False,
    ]
