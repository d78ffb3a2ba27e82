"""What the audit trail keeps of the people the accounts services act on: their id and name, never
their e-mail address, phone or the text of a correction request (UU PDP 27/2022)."""

import pytest

from sinergi.accounts import services
from sinergi.accounts.models import Membership
from sinergi.accounts.tests.factories import UserFactory
from sinergi.core.models import AuditEvent

pytestmark = pytest.mark.django_db

STORED = ("action", "object_type", "object_id", "object_repr", "before", "after", "region_code", "organization_id")


def _events(*actions):
    return list(AuditEvent.objects.filter(action__in=actions).order_by("pk").values_list(*STORED))


def _trail_text():
    """Every column of every event, as one text to search for personal data."""
    return " ".join(
        str(row) for row in AuditEvent.objects.values_list("actor_id", *STORED).order_by("pk")
    )


def test_adding_and_removing_a_member_stores_the_users_id(admin_bogor, cooperative_bogor):
    person = UserFactory(email="bendahara@ksb.test", full_name="Nining Sumarni")
    membership = services.membership_add_by_email(
        actor=admin_bogor, organization=cooperative_bogor, email="bendahara@ksb.test", role="coop_staff"
    )
    pk = membership.pk
    services.membership_remove(actor=admin_bogor, membership=membership)
    state = {"user": person.pk, "organization": cooperative_bogor.pk, "role": "coop_staff"}
    label = "Nining Sumarni — Staf koperasi Koperasi Sejahtera Bersama"
    assert _events("membership.add", "membership.remove") == [
        ("membership.add", "accounts.membership", str(pk), label, None, state, "32.71.06.1001", cooperative_bogor.pk),
        ("membership.remove", "accounts.membership", str(pk), label, state, None, "32.71.06.1001", cooperative_bogor.pk),
    ]  # fmt: skip
    assert "bendahara" not in _trail_text()


def test_a_member_without_a_name_is_named_by_id(admin_bogor, cooperative_bogor):
    """`str(user)` falls back to the address for a person without a name; the trail does not."""
    person = UserFactory(email="tanpa.nama@ksb.test", full_name="")
    services.membership_add(actor=admin_bogor, organization=cooperative_bogor, user=person, role="pengawas")
    [event] = _events("membership.add")
    assert event[3] == f"#{person.pk} — Pengawas koperasi Koperasi Sejahtera Bersama"
    assert event[5] == {"user": person.pk, "organization": cooperative_bogor.pk, "role": "pengawas"}
    assert "tanpa.nama" not in _trail_text()


def test_an_invitation_leaves_no_address_in_the_trail(admin_bogor, cooperative_bogor):
    invitation, link, _wa = services.invitation_create(
        actor=admin_bogor,
        organization=cooperative_bogor,
        email="Bendahara@KSB.test",
        role="coop_staff",
        full_name="Nining",
        phone="0812 3456 7890",
    )
    membership = services.invitation_accept(
        raw_key=link.rstrip("/").rsplit("/", 1)[1], full_name="Nining Sumarni", password="kopi-tubruk-77", consent=True
    )
    other, _link, _wa = services.invitation_create(
        actor=admin_bogor, organization=cooperative_bogor, email="lain@ksb.test", role="pengawas"
    )
    services.invitation_revoke(actor=admin_bogor, invitation=other)
    org = cooperative_bogor.pk
    assert _events("invitation.create", "invitation.accept", "invitation.revoke") == [
        ("invitation.create", "accounts.invitation", str(invitation.pk),
         "Nining — Staf koperasi Koperasi Sejahtera Bersama", None,
         {"email": "•••", "role": "coop_staff", "organization": org}, "32.71.06.1001", org),
        ("invitation.accept", "accounts.invitation", str(invitation.pk),
         "Nining Sumarni — Staf koperasi Koperasi Sejahtera Bersama", None,
         {"user": membership.user_id, "role": "coop_staff"}, "32.71.06.1001", org),
        ("invitation.create", "accounts.invitation", str(other.pk), "Pengawas koperasi Koperasi Sejahtera Bersama",
         None, {"email": "•••", "role": "pengawas", "organization": org}, "32.71.06.1001", org),
        ("invitation.revoke", "accounts.invitation", str(other.pk), "Pengawas koperasi Koperasi Sejahtera Bersama",
         None, None, "32.71.06.1001", org),
    ]  # fmt: skip
    text = _trail_text()
    assert "@" not in text and "ksb.test" not in text and "3456" not in text


def test_a_business_claim_names_the_claimant_without_their_address(officer_bogor, umkm_bogor):
    owner = UserFactory(email="klaim@sinergi.test", full_name="")
    claim = services.business_claim_submit(actor=owner, organization=umkm_bogor, evidence="NIB 1234567890123")
    services.business_claim_decide(actor=officer_bogor, claim=claim, approve=True, note="Cocok")
    events = AuditEvent.objects.filter(action__startswith="claim.").order_by("pk")
    assert list(events.values_list("action", "object_type", "object_id", "object_repr")) == [
        ("claim.submit", "accounts.businessclaim", str(claim.pk), f"#{owner.pk} → Keripik Talas Bu Euis"),
        ("claim.approve", "accounts.businessclaim", str(claim.pk), f"#{owner.pk} → Keripik Talas Bu Euis"),
    ]
    assert "klaim@" not in _trail_text()


def test_a_correction_request_keeps_its_text_off_the_trail(admin_bogor, umkm_owner):
    text = "NIK saya seharusnya 3271064107850003, nomor HP 081234567890"
    request = services.correction_request_create(actor=umkm_owner, text=text)
    services.correction_request_resolve(actor=admin_bogor, correction=request, status="done", response="Sudah")
    assert _events("privacy.correction_request", "privacy.correction_resolve") == [
        ("privacy.correction_request", "accounts.correctionrequest", str(request.pk), "Euis Rahmawati", None,
         {"status": "open"}, "", None),
        ("privacy.correction_resolve", "accounts.correctionrequest", str(request.pk), "Euis Rahmawati", None,
         {"status": "done"}, "", None),
    ]  # fmt: skip
    request.refresh_from_db()
    assert request.text == text  # the request itself keeps what to correct
    trail = _trail_text()
    assert "3271064107850003" not in trail and "081234567890" not in trail


def test_a_refused_membership_writes_no_event(officer_bandung, cooperative_bogor):
    person = UserFactory(email="ditolak@ksb.test")
    with pytest.raises(Exception, match="tidak berhak"):
        services.membership_add(actor=officer_bandung, organization=cooperative_bogor, user=person, role="pengurus")
    assert not Membership.objects.filter(user=person).exists()
    assert _events("membership.add") == []
