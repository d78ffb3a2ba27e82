import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sinergi.accounts import services
from sinergi.accounts.models import Membership, User
from sinergi.accounts.tests.factories import UserFactory
from sinergi.core.models import AuditEvent


def _state():
    return (
        list(Membership.objects.order_by("pk").values_list("user__email", "organization_id", "role")),
        AuditEvent.objects.count(),
        User.objects.count(),
    )


@pytest.mark.django_db
def test_membership_add_by_email_adds_the_account_with_that_address(admin_bogor, cooperative_bogor):
    person = UserFactory(email="bendahara@ksb.test")
    membership = services.membership_add_by_email(
        actor=admin_bogor, organization=cooperative_bogor, email="  Bendahara@KSB.test ", role="coop_staff"
    )
    assert (membership.user, membership.organization, membership.role) == (
        person,
        cooperative_bogor,
        "coop_staff",
    )
    event = AuditEvent.objects.get(action="membership.add")
    # The trail names the person by their id, never by their address.
    assert event.after == {"user": person.pk, "organization": cooperative_bogor.pk, "role": "coop_staff"}


@pytest.mark.django_db
def test_membership_add_by_email_tells_a_manager_when_there_is_no_account(admin_bogor, cooperative_bogor):
    before = _state()
    with pytest.raises(ValidationError) as exc:
        services.membership_add_by_email(
            actor=admin_bogor, organization=cooperative_bogor, email="tidak.ada@ksb.test", role="pengawas"
        )
    assert exc.value.message_dict == {"email": ["Belum ada akun dengan email ini; kirim undangan."]}
    assert _state() == before


@pytest.mark.django_db
@pytest.mark.parametrize("caller", ["coop_manager", "viewer_bogor", "officer_bandung", "officer_bogor"])
def test_membership_add_by_email_refuses_known_and_unknown_addresses_alike(
    request, caller, cooperative_bogor
):
    """Whoever may not manage the cooperative's people cannot probe which addresses have an account."""
    actor = request.getfixturevalue(caller)
    UserFactory(email="ada@ksb.test")
    before = _state()
    refusals = []
    for email in ("ada@ksb.test", "tidak.ada@ksb.test", "bukan-email"):
        with pytest.raises(PermissionDenied) as exc:
            services.membership_add_by_email(
                actor=actor, organization=cooperative_bogor, email=email, role="pengawas"
            )
        refusals.append(str(exc.value))
    assert refusals == ["Anda tidak berhak mengatur anggota organisasi ini."] * 3
    assert _state() == before
