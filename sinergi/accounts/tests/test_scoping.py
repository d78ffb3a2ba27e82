import pytest

from sinergi.accounts.scoping import reach_of
from sinergi.accounts.tests.factories import MembershipFactory


@pytest.mark.django_db
def test_officer_reaches_own_jurisdiction_only(officer_bogor):
    reach = reach_of(officer_bogor)
    assert reach.office_codes() == ["32.71"]
    assert reach.sees_region("32.71.03.1002") and reach.manages_region("32.71")
    assert not reach.sees_region("32.73.02.1004")
    # A prefix that is not a region boundary must not leak: 32.7 is not 32.71.
    assert not reach.sees_region("32.710")
    assert not reach.administers_region("32.71.03")  # staff, not admin


@pytest.mark.django_db
def test_viewer_sees_but_does_not_manage(viewer_bogor):
    reach = reach_of(viewer_bogor)
    assert reach.sees_region("32.71.03") and not reach.manages_region("32.71.03")


@pytest.mark.django_db
def test_member_reaches_own_organization(coop_manager, cooperative_bogor, cooperative_bandung):
    reach = reach_of(coop_manager)
    assert not reach.is_officer
    assert reach.can_view_organization(cooperative_bogor)
    assert not reach.can_view_organization(cooperative_bandung)
    assert reach.can_edit_organization(cooperative_bogor)
    assert reach.sees_personal_data_of(cooperative_bogor)


@pytest.mark.django_db
def test_pengawas_sees_members_but_does_not_edit_profile(cooperative_bogor):
    user = MembershipFactory(organization=cooperative_bogor, role="pengawas").user
    reach = reach_of(user)
    assert reach.sees_personal_data_of(cooperative_bogor)
    assert not reach.can_edit_organization(cooperative_bogor)


@pytest.mark.django_db
def test_inactive_membership_gives_no_reach(office_bogor):
    m = MembershipFactory(organization=office_bogor, role="admin", is_active=False)
    assert not reach_of(m.user).is_officer


@pytest.mark.django_db
def test_superuser_reaches_everything(superuser, cooperative_bandung):
    reach = reach_of(superuser)
    assert reach.everything and reach.can_view_organization(cooperative_bandung)


@pytest.mark.django_db
def test_personal_data_is_for_office_writers_and_managers(viewer_bogor, officer_bogor, cooperative_bogor):
    assert reach_of(officer_bogor).sees_personal_data_of(cooperative_bogor)
    assert not reach_of(viewer_bogor).sees_personal_data_of(cooperative_bogor)


@pytest.mark.django_db
def test_region_within_holds_exactly_the_codes_inside():
    from sinergi.accounts.scoping import region_within_q
    from sinergi.health.tests.factories import CooperativeProfileFactory
    from sinergi.registry.models import CooperativeProfile

    inside = {"32.71", "32.71.06", "32.71.06.1001"}
    outside = {"32.7", "32.710.01", "32.72.01.1001", "32", "33.71.06"}
    for code in inside | outside:
        CooperativeProfileFactory(region="32.71.06.1001", region_code=code)
    found = set(
        CooperativeProfile.objects.filter(region_within_q("region_code", "32.71")).values_list("region_code", flat=True)
    )
    assert found == inside


@pytest.mark.django_db
def test_named_permissions_per_persona(
    admin_bogor, officer_bogor, viewer_bogor, coop_manager, umkm_owner, superuser, cooperative_bogor
):
    sekretaris = MembershipFactory(organization=cooperative_bogor, role="pengawas").user
    table = {
        name: (
            reach.is_officer,
            reach.is_office_writer,
            reach.is_office_admin,
            reach.writer_codes(),
            reach.admin_codes(),
            reach.operates_cooperative(cooperative_bogor.pk),
            reach.manages_cooperative(cooperative_bogor.pk),
            reach.operated_cooperative_ids() == [cooperative_bogor.pk],
        )
        for name, reach in (
            ("admin", reach_of(admin_bogor)),
            ("staff", reach_of(officer_bogor)),
            ("viewer", reach_of(viewer_bogor)),
            ("pengurus", reach_of(coop_manager)),
            ("pengawas", reach_of(sekretaris)),
            ("owner", reach_of(umkm_owner)),
            ("superuser", reach_of(superuser)),
        )
    }
    assert table == {
        "admin": (True, True, True, ["32.71"], ["32.71"], False, False, False),
        "staff": (True, True, False, ["32.71"], [], False, False, False),
        "viewer": (True, False, False, [], [], False, False, False),
        "pengurus": (False, False, False, [], [], True, True, True),
        "pengawas": (False, False, False, [], [], False, True, False),
        "owner": (False, False, False, [], [], False, False, False),
        "superuser": (True, True, True, [], [], False, False, False),
    }


@pytest.mark.django_db
def test_people_are_managed_only_by_office_admins(
    admin_bogor, officer_bogor, officer_bandung, coop_manager, office_bogor, cooperative_bogor, umkm_owner
):
    assert [
        reach_of(u).manages_people_of(office_bogor) for u in (admin_bogor, officer_bogor, officer_bandung)
    ] == [True, False, False]
    assert [
        reach_of(u).manages_people_of(cooperative_bogor)
        for u in (admin_bogor, officer_bogor, officer_bandung, coop_manager)
    ] == [True, False, False, False]
    umkm = umkm_owner.memberships.get().organization
    assert [reach_of(u).manages_people_of(umkm) for u in (admin_bogor, officer_bogor, umkm_owner)] == [
        True,
        False,
        False,
    ]


@pytest.mark.django_db
def test_acting_for_an_office_depends_on_the_membership_in_use(officer_bogor, cooperative_bogor):
    from sinergi.accounts.scoping import acts_for_office

    office = officer_bogor.memberships.get()
    pengurus = MembershipFactory(user=officer_bogor, organization=cooperative_bogor, role="pengurus")
    assert (acts_for_office(office), acts_for_office(pengurus), acts_for_office(None)) == (True, False, False)
