import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sinergi.accounts import services
from sinergi.accounts.models import (
    ApiToken,
    BusinessClaim,
    ConsentRecord,
    Invitation,
    Membership,
    Organization,
    User,
)
from sinergi.accounts.tests.factories import MembershipFactory, UserFactory
from sinergi.core.models import AuditEvent


@pytest.fixture(autouse=True)
def _mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


# --- organisations ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_officer_registers_organization_in_jurisdiction(officer_bogor):
    org = services.organization_create(
        actor=officer_bogor,
        kind="cooperative",
        name="  KSU Mekar Jaya ",
        region_code="32.71.03.1002",
        phone="0812-3456-7890",
        email="KSU@Example.test",
    )
    assert (org.name, org.region_id, org.phone, org.email) == (
        "KSU Mekar Jaya",
        "32.71.03.1002",
        "6281234567890",
        "ksu@example.test",
    )
    event = AuditEvent.objects.get(action="organization.create", object_id=str(org.pk))
    assert event.actor == officer_bogor and event.after["name"] == "KSU Mekar Jaya"


@pytest.mark.django_db
def test_officer_cannot_register_outside_jurisdiction(officer_bandung):
    before = Organization.objects.count()
    with pytest.raises(PermissionDenied):
        services.organization_create(
            actor=officer_bandung, kind="umkm", name="X", region_code="32.71.03.1002"
        )
    assert Organization.objects.count() == before
    assert not AuditEvent.objects.filter(action="organization.create").exists()


@pytest.mark.django_db
def test_viewer_cannot_register(viewer_bogor):
    with pytest.raises(PermissionDenied):
        services.organization_create(actor=viewer_bogor, kind="umkm", name="X", region_code="32.71.03.1002")
    assert not Organization.objects.filter(name="X").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"region_code": "99.99.99.9999"}, "region"),
        ({"region_code": "32.71"}, "region"),  # a city is not precise enough for an organisation
        ({"phone": "12345"}, "phone"),
        ({"email": "bukan-email"}, "email"),
        ({"name": "   "}, "name"),
        ({"kind": "alien"}, "kind"),
        ({"jurisdiction_code": "32.71"}, "jurisdiction"),
    ],
)
def test_organization_create_rejects_bad_input(officer_bogor, kwargs, field):
    data = {"kind": "umkm", "name": "Warung Uji", "region_code": "32.71.03.1002"} | kwargs
    before = Organization.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.organization_create(actor=officer_bogor, **data)
    assert field in exc.value.error_dict
    assert Organization.objects.count() == before


@pytest.mark.django_db
def test_government_office_needs_admin_of_its_jurisdiction(admin_bogor, officer_bogor):
    with pytest.raises(PermissionDenied):
        services.organization_create(
            actor=officer_bogor,
            kind="government",
            name="UPT",
            region_code="32.71.03.1002",
            jurisdiction_code="32.71.03",
        )
    org = services.organization_create(
        actor=admin_bogor,
        kind="government",
        name="UPT",
        region_code="32.71.03.1002",
        jurisdiction_code="32.71.03",
    )
    assert org.jurisdiction_id == "32.71.03"
    with pytest.raises(PermissionDenied):
        services.organization_create(
            actor=admin_bogor,
            kind="government",
            name="Dinas lain",
            region_code="32.71.03.1002",
            jurisdiction_code="32",
        )


@pytest.mark.django_db
def test_update_records_only_changed_fields(officer_bogor, cooperative_bogor):
    services.organization_update(
        actor=officer_bogor, organization=cooperative_bogor, name="KSB Baru", address=""
    )
    event = AuditEvent.objects.get(action="organization.update")
    assert event.before == {"name": "Koperasi Sejahtera Bersama"} and event.after == {"name": "KSB Baru"}


@pytest.mark.django_db
def test_update_outside_jurisdiction_changes_nothing(officer_bandung, cooperative_bogor):
    with pytest.raises(PermissionDenied):
        services.organization_update(
            actor=officer_bandung, organization=cooperative_bogor, name="Diambil alih"
        )
    cooperative_bogor.refresh_from_db()
    assert cooperative_bogor.name == "Koperasi Sejahtera Bersama"


@pytest.mark.django_db
def test_manager_edits_own_cooperative_but_cannot_deactivate(coop_manager, cooperative_bogor):
    services.organization_update(actor=coop_manager, organization=cooperative_bogor, phone="08111222333")
    cooperative_bogor.refresh_from_db()
    assert cooperative_bogor.phone == "628111222333"
    with pytest.raises(PermissionDenied):
        services.organization_update(actor=coop_manager, organization=cooperative_bogor, is_active=False)
    cooperative_bogor.refresh_from_db()
    assert cooperative_bogor.is_active


@pytest.mark.django_db
@pytest.mark.parametrize("region_code", ["32.73.02.1004", "32.71.03.1002"])  # another office's, its own
@pytest.mark.parametrize("who", ["officer_bogor", "coop_manager", "superuser"])
def test_an_edit_never_moves_an_organization(request, who, region_code, cooperative_bogor):
    actor = request.getfixturevalue(who)
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.organization_update(actor=actor, organization=cooperative_bogor, region_code=region_code)
    assert exc.value.message_dict == {"region": ["Wilayah tidak diubah di sini: ajukan pindah wilayah."]}
    cooperative_bogor.refresh_from_db()
    assert cooperative_bogor.region_id == "32.71.06.1001"
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_an_edit_sending_the_current_region_back_changes_nothing(coop_manager, cooperative_bogor):
    events = AuditEvent.objects.count()
    services.organization_update(
        actor=coop_manager, organization=cooperative_bogor, region_code="32.71.06.1001"
    )
    cooperative_bogor.refresh_from_db()
    assert cooperative_bogor.region_id == "32.71.06.1001"
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_setting_the_region_needs_the_arriving_region(officer_bandung, officer_bogor, cooperative_bogor):
    with pytest.raises(PermissionDenied):
        services.organization_set_region(
            actor=officer_bogor, organization=cooperative_bogor, region_code="32.73.02.1004", move_id=1
        )
    cooperative_bogor.refresh_from_db()
    assert cooperative_bogor.region_id == "32.71.06.1001"
    org = services.organization_set_region(
        actor=officer_bandung, organization=cooperative_bogor, region_code="32.73.02.1004", move_id=7
    )
    assert org.region_id == "32.73.02.1004"
    event = AuditEvent.objects.get(action="organization.move")
    assert (event.action, event.before, event.after, event.region_code) == (
        "organization.move",
        {"region": "32.71.06.1001"},
        {"region": "32.73.02.1004", "move": 7},
        "32.73.02.1004",
    )


# --- memberships ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_membership_add_and_duplicate(admin_bogor, cooperative_bogor):
    person = UserFactory(email="bendahara@sinergi.test")
    services.membership_add(actor=admin_bogor, organization=cooperative_bogor, user=person, role="coop_staff")
    with pytest.raises(ValidationError):
        services.membership_add(
            actor=admin_bogor, organization=cooperative_bogor, user=person, role="pengawas"
        )
    assert Membership.objects.filter(user=person).count() == 1
    assert AuditEvent.objects.filter(action="membership.add").count() == 1


@pytest.mark.django_db
def test_membership_role_must_fit_the_organization(admin_bogor, cooperative_bogor):
    person = UserFactory()
    with pytest.raises(ValidationError) as exc:
        services.membership_add(actor=admin_bogor, organization=cooperative_bogor, user=person, role="owner")
    assert "role" in exc.value.error_dict
    assert not Membership.objects.filter(user=person).exists()


@pytest.mark.django_db
def test_membership_outside_jurisdiction_is_denied(officer_bandung, cooperative_bogor):
    person = UserFactory()
    with pytest.raises(PermissionDenied):
        services.membership_add(
            actor=officer_bandung, organization=cooperative_bogor, user=person, role="pengurus"
        )
    assert not Membership.objects.filter(user=person).exists()


@pytest.mark.django_db
def test_only_admins_manage_office_staff(officer_bogor, admin_bogor, office_bogor):
    person = UserFactory()
    with pytest.raises(PermissionDenied):
        services.membership_add(actor=officer_bogor, organization=office_bogor, user=person, role="staff")
    services.membership_add(actor=admin_bogor, organization=office_bogor, user=person, role="staff")
    assert Membership.objects.get(user=person).role == "staff"


@pytest.mark.django_db
def test_membership_remove_is_audited(admin_bogor, coop_manager):
    membership = Membership.objects.get(user=coop_manager)
    services.membership_remove(actor=admin_bogor, membership=membership)
    assert not Membership.objects.filter(user=coop_manager).exists()
    assert AuditEvent.objects.get(action="membership.remove").before["role"] == "pengurus"


# --- invitations ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_invitation_round_trip(admin_bogor, cooperative_bogor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, link, wa = services.invitation_create(
            actor=admin_bogor,
            organization=cooperative_bogor,
            email="Bendahara@KSB.test",
            role="coop_staff",
            full_name="Nining",
            phone="0812 3456 7890",
        )
    assert invitation.email == "bendahara@ksb.test"
    raw = link.rstrip("/").rsplit("/", 1)[1]
    assert invitation.key_hash != raw and len(invitation.key_hash) == 64
    assert wa.startswith("https://wa.me/6281234567890?text=")
    assert len(mail.outbox) == 1 and link in mail.outbox[0].body
    membership = services.invitation_accept(
        raw_key=raw, full_name="Nining Sumarni", password="kopi-tubruk-77", consent=True
    )
    assert (membership.organization, membership.role) == (cooperative_bogor, "coop_staff")
    user = membership.user
    assert user.check_password("kopi-tubruk-77") and user.full_name == "Nining Sumarni"
    assert ConsentRecord.objects.filter(user=user, purpose="account").exists()
    invitation.refresh_from_db()
    assert invitation.state == "accepted"
    with pytest.raises(ValidationError):
        services.invitation_accept(raw_key=raw, full_name="Lagi", password="kopi-tubruk-77", consent=True)


@pytest.mark.django_db
def test_expired_and_revoked_invitations_are_refused(admin_bogor, cooperative_bogor):
    invitation, link, _wa = services.invitation_create(
        actor=admin_bogor, organization=cooperative_bogor, email="a@b.test", role="pengawas"
    )
    raw = link.rstrip("/").rsplit("/", 1)[1]
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(ValidationError, match="kedaluwarsa"):
        services.invitation_accept(raw_key=raw, full_name="A", password="kopi-tubruk-77", consent=True)
    assert not User.objects.filter(email="a@b.test").exists()

    second, link2, _ = services.invitation_create(
        actor=admin_bogor, organization=cooperative_bogor, email="c@d.test", role="pengawas"
    )
    services.invitation_revoke(actor=admin_bogor, invitation=second)
    with pytest.raises(ValidationError):
        services.invitation_accept(
            raw_key=link2.rstrip("/").rsplit("/", 1)[1],
            full_name="C",
            password="kopi-tubruk-77",
            consent=True,
        )
    assert not User.objects.filter(email="c@d.test").exists()


@pytest.mark.django_db
def test_invitation_needs_consent_and_strong_password(admin_bogor, cooperative_bogor):
    _inv, link, _ = services.invitation_create(
        actor=admin_bogor, organization=cooperative_bogor, email="e@f.test", role="pengawas"
    )
    raw = link.rstrip("/").rsplit("/", 1)[1]
    with pytest.raises(ValidationError):
        services.invitation_accept(raw_key=raw, full_name="E", password="kopi-tubruk-77", consent=False)
    with pytest.raises(ValidationError):
        services.invitation_accept(raw_key=raw, full_name="E", password="12345678901", consent=True)
    assert not User.objects.filter(email="e@f.test").exists()


@pytest.mark.django_db
def test_invitation_by_officer_of_other_region_is_denied(officer_bandung, cooperative_bogor):
    with pytest.raises(PermissionDenied):
        services.invitation_create(
            actor=officer_bandung, organization=cooperative_bogor, email="x@y.test", role="pengurus"
        )
    assert not Invitation.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_existing_user_accepts_while_logged_in(admin_bogor, cooperative_bogor, umkm_owner):
    _inv, link, _ = services.invitation_create(
        actor=admin_bogor, organization=cooperative_bogor, email=umkm_owner.email, role="pengawas"
    )
    raw = link.rstrip("/").rsplit("/", 1)[1]
    other = UserFactory(email="lain@sinergi.test")
    with pytest.raises(PermissionDenied):
        services.invitation_accept(raw_key=raw, user=other)
    membership = services.invitation_accept(raw_key=raw, user=umkm_owner)
    assert membership.user == umkm_owner


# --- registration and claims ------------------------------------------------------------------


@pytest.mark.django_db
def test_self_registration_records_consent():
    user = services.user_register(
        email="baru@sinergi.test",
        full_name="Ujang",
        password="kopi-tubruk-77",
        phone="081234567890",
        consent=True,
    )
    assert user.phone == "6281234567890"
    assert ConsentRecord.objects.get(user=user).purpose == "self_registration"


@pytest.mark.django_db
def test_self_registration_without_consent_creates_nothing():
    with pytest.raises(ValidationError) as exc:
        services.user_register(
            email="baru@sinergi.test", full_name="Ujang", password="kopi-tubruk-77", consent=False
        )
    assert "consent" in exc.value.error_dict
    assert not User.objects.filter(email="baru@sinergi.test").exists()


@pytest.mark.django_db
def test_claim_existing_business_then_officer_approves(
    officer_bogor, umkm_bogor, django_capture_on_commit_callbacks
):
    owner = UserFactory(email="owner2@sinergi.test")
    claim = services.business_claim_submit(actor=owner, organization=umkm_bogor, evidence="NIB 1234567890123")
    with pytest.raises(ValidationError):
        services.business_claim_submit(actor=owner, organization=umkm_bogor)
    with django_capture_on_commit_callbacks(execute=True):
        services.business_claim_decide(
            actor=officer_bogor, claim=claim, approve=True, note="Cocok dengan NIB"
        )
    claim.refresh_from_db()
    assert claim.status == "approved" and claim.decided_by == officer_bogor
    assert Membership.objects.get(user=owner, organization=umkm_bogor).role == "owner"
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_claim_new_business_and_rejection(officer_bogor):
    owner = UserFactory(email="owner3@sinergi.test")
    organizations = Organization.objects.count()
    claim = services.business_claim_submit(
        actor=owner, new_name="Batik Bogor Tradisiku", new_region_code="32.71.01.1001"
    )
    assert (claim.created_new, claim.organization, claim.new_name, claim.new_region_id) == (
        True,
        None,
        "Batik Bogor Tradisiku",
        "32.71.01.1001",
    )
    services.business_claim_decide(actor=officer_bogor, claim=claim, approve=False, note="Data tidak cocok")
    claim.refresh_from_db()
    assert (claim.status, claim.organization) == ("rejected", None)
    assert not Membership.objects.filter(user=owner).exists()
    assert Organization.objects.count() == organizations


@pytest.mark.django_db
def test_claim_decision_outside_jurisdiction_changes_nothing(officer_bandung, umkm_bogor):
    owner = UserFactory(email="owner4@sinergi.test")
    claim = services.business_claim_submit(actor=owner, organization=umkm_bogor)
    with pytest.raises(PermissionDenied):
        services.business_claim_decide(actor=officer_bandung, claim=claim, approve=True)
    claim.refresh_from_db()
    assert claim.status == "pending"
    assert not Membership.objects.filter(user=owner).exists()


@pytest.mark.django_db
def test_only_businesses_can_be_claimed(cooperative_bogor):
    with pytest.raises(ValidationError):
        services.business_claim_submit(actor=UserFactory(), organization=cooperative_bogor)
    assert not BusinessClaim.objects.exists()


# --- tokens, throttling, privacy --------------------------------------------------------------


@pytest.mark.django_db
def test_api_token_is_stored_hashed_and_revocable(umkm_owner):
    token, raw = services.api_token_create(actor=umkm_owner, name="Skrip")
    assert raw.startswith("sng_") and token.key_hash != raw and raw.startswith(token.prefix)
    assert services.api_token_authenticate(raw) == umkm_owner
    assert services.api_token_authenticate(raw + "x") is None
    services.api_token_revoke(actor=umkm_owner, token=token)
    assert services.api_token_authenticate(raw) is None
    with pytest.raises(PermissionDenied):
        services.api_token_revoke(actor=UserFactory(), token=token)


@pytest.mark.django_db
def test_login_throttle_after_five_failures_holds_only_that_client(settings):
    settings.LOGIN_FAILURE_LIMIT = 5
    for _ in range(4):
        services.login_failure_record(email="x@y.test", ip="10.0.0.1")
    assert services.login_throttle(email="x@y.test", ip="10.0.0.1") is None
    services.login_failure_record(email="X@y.test", ip="10.0.0.1")
    assert services.login_throttle(email="x@y.test", ip="10.0.0.1") == services.Throttle("account", 60)
    assert services.login_throttle(email="x@y.test", ip="10.0.0.2") is None
    services.login_succeeded(email="x@y.test", ip="10.0.0.1")
    assert services.login_throttle(email="x@y.test", ip="10.0.0.1") is None


@pytest.mark.django_db
def test_correction_request_resolved_by_admin_of_region(admin_bogor, officer_bandung, umkm_owner):
    request = services.correction_request_create(actor=umkm_owner, text="Nomor HP saya salah")
    with pytest.raises(PermissionDenied):
        services.correction_request_resolve(actor=officer_bandung, correction=request, status="done")
    services.correction_request_resolve(
        actor=admin_bogor, correction=request, status="done", response="Sudah"
    )
    request.refresh_from_db()
    assert request.status == "done" and request.handled_by == admin_bogor


@pytest.mark.django_db
def test_system_user_cannot_log_in_and_reaches_everything():
    from sinergi.accounts.scoping import reach_of

    system = services.system_user()
    assert not system.has_usable_password()
    assert reach_of(system).everything
    assert services.system_user() == system


@pytest.mark.django_db
def test_api_token_limit(umkm_owner):
    for i in range(20):
        services.api_token_create(actor=umkm_owner, name=f"t{i}")
    with pytest.raises(ValidationError):
        services.api_token_create(actor=umkm_owner, name="t21")
    assert ApiToken.objects.filter(user=umkm_owner).count() == 20


@pytest.mark.django_db
def test_membership_factory_sanity(cooperative_bogor):
    assert MembershipFactory(organization=cooperative_bogor).organization == cooperative_bogor
