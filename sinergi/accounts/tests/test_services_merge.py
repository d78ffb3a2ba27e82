"""Moving people and claims between duplicate organisations; marking and unmarking a merge."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sinergi.accounts.models import BusinessClaim, Membership, Organization
from sinergi.accounts.services import membership_move, organization_mark_merged, organization_unmerge
from sinergi.accounts.tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from sinergi.core.models import AuditEvent


@pytest.fixture
def pair(db):
    kept = OrganizationFactory(kind="umkm", name="Keripik Talas Bu Euis", region_id="32.71.06.1003")
    merged = OrganizationFactory(kind="umkm", name="Kripik Talas Ibu Euis", region_id="32.71.06.1003")
    return kept, merged


def state():
    return (
        sorted(Membership.objects.values_list("pk", "organization_id")),
        sorted(BusinessClaim.objects.values_list("pk", "organization_id")),
        sorted(Organization.objects.values_list("pk", "is_active", "merged_into")),
    )


@pytest.mark.django_db
def test_membership_move_skips_users_already_acting_for_the_target(pair, officer_bogor):
    kept, merged = pair
    owner = MembershipFactory(user=UserFactory(email="a@sinergi.test"), organization=merged, role="owner")
    both = UserFactory(email="b@sinergi.test")
    MembershipFactory(user=both, organization=kept, role="owner")
    stays = MembershipFactory(user=both, organization=merged, role="owner")
    approved = BusinessClaim.objects.create(user=both, organization=merged, status="approved")
    clash_user = UserFactory(email="c@sinergi.test")
    clash = BusinessClaim.objects.create(user=clash_user, organization=merged)
    BusinessClaim.objects.create(user=clash_user, organization=kept)
    report = membership_move(actor=officer_bogor, source=merged, target=kept)
    assert report == {
        "memberships": [owner.pk],
        "memberships_skipped": [stays.pk],
        "claims": [approved.pk],
        "claims_skipped": [clash.pk],
    }
    assert Membership.objects.get(pk=owner.pk).organization == kept
    assert Membership.objects.get(pk=stays.pk).organization == merged
    assert BusinessClaim.objects.get(pk=approved.pk).organization == kept
    event = AuditEvent.objects.get(action="membership.move")
    assert (event.organization_id, event.after["memberships"]) == (kept.pk, [owner.pk])


@pytest.mark.django_db
def test_membership_move_back_by_ids(pair, officer_bogor):
    kept, merged = pair
    first = MembershipFactory(user=UserFactory(email="a@sinergi.test"), organization=merged, role="owner")
    second = MembershipFactory(user=UserFactory(email="b@sinergi.test"), organization=kept, role="owner")
    membership_move(actor=officer_bogor, source=merged, target=kept)
    report = membership_move(
        actor=officer_bogor, source=kept, target=merged, membership_ids=[first.pk], claim_ids=[]
    )
    assert report["memberships"] == [first.pk]
    assert Membership.objects.get(pk=second.pk).organization == kept


@pytest.mark.django_db
def test_membership_move_denied_changes_nothing(pair, officer_bandung, viewer_bogor, umkm_owner):
    kept, merged = pair
    MembershipFactory(user=UserFactory(email="a@sinergi.test"), organization=merged, role="owner")
    before = state()
    for actor in (officer_bandung, viewer_bogor, umkm_owner):
        with pytest.raises(PermissionDenied):
            membership_move(actor=actor, source=merged, target=kept)
    assert state() == before
    assert not AuditEvent.objects.filter(action="membership.move").exists()


@pytest.mark.django_db
def test_mark_merged_and_unmerge(pair, officer_bogor, admin_bogor):
    kept, merged = pair
    organization_mark_merged(actor=officer_bogor, organization=merged, into=kept)
    merged.refresh_from_db()
    assert (merged.merged_into, merged.is_active) == (kept, False)
    with pytest.raises(ValidationError):
        organization_mark_merged(actor=officer_bogor, organization=merged, into=kept)
    before = state()
    with pytest.raises(PermissionDenied):  # staff merge, only admins undo
        organization_unmerge(actor=officer_bogor, organization=merged)
    assert state() == before
    organization_unmerge(actor=admin_bogor, organization=merged)
    merged.refresh_from_db()
    assert (merged.merged_into, merged.is_active) == (None, True)
    assert list(AuditEvent.objects.filter(object_id=str(merged.pk)).values_list("action", flat=True)) == [
        "organization.unmerge",
        "organization.merge",
    ]


@pytest.mark.django_db
def test_mark_merged_rules(pair, officer_bandung, officer_bogor):
    kept, merged = pair
    coop = OrganizationFactory(kind="cooperative", region_id="32.71.06.1003")
    with pytest.raises(ValidationError):
        organization_mark_merged(actor=officer_bogor, organization=merged, into=coop)
    with pytest.raises(ValidationError):
        organization_mark_merged(actor=officer_bogor, organization=merged, into=merged)
    with pytest.raises(PermissionDenied):
        organization_mark_merged(actor=officer_bandung, organization=merged, into=kept)
    merged.refresh_from_db()
    assert (merged.merged_into, merged.is_active) == (None, True)
