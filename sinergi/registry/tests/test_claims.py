"""Approving a claim on a new business registers it: until then nothing is in the registry."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sinergi.accounts import selectors as account_selectors
from sinergi.accounts import services as account_services
from sinergi.accounts.models import BusinessClaim, Membership, Organization
from sinergi.accounts.tests.factories import UserFactory
from sinergi.core.models import AuditEvent
from sinergi.registry import selectors, services
from sinergi.registry.models import BusinessProfile

NEW = {
    "new_name": "Batik Bogor Tradisiku",
    "new_region_code": "32.71.01.1001",
    "new_address": "Jl. Pahlawan 3",
}


@pytest.fixture
def owner(db):
    return UserFactory(email="pemilik.batik@sinergi.test", full_name="Ujang Saputra")


def _state():
    return (
        Organization.objects.count(),
        BusinessProfile.objects.count(),
        list(BusinessClaim.objects.values_list("status", "organization_id")),
        Membership.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.mark.django_db
def test_approving_a_new_business_registers_it(owner, officer_bogor, django_capture_on_commit_callbacks):
    claim = account_services.business_claim_submit(actor=owner, **NEW)
    assert list(selectors.business_list(user=officer_bogor)) == []
    with django_capture_on_commit_callbacks(execute=True):
        services.business_claim_decide(actor=officer_bogor, claim=claim, approve=True, note="Sudah dicek")
    claim.refresh_from_db()
    org = claim.organization
    assert (claim.status, claim.decided_by, org.kind, org.name, org.region_id, org.address) == (
        "approved",
        officer_bogor,
        "umkm",
        "Batik Bogor Tradisiku",
        "32.71.01.1001",
        "Jl. Pahlawan 3",
    )
    profile = BusinessProfile.objects.get(organization=org)
    assert (profile.owner_name, profile.region_code, profile.district_code, profile.regency_code) == (
        "Ujang Saputra",
        "32.71.01.1001",
        "32.71.01",
        "32.71",
    )
    assert Membership.objects.get(user=owner).organization == org
    assert [p.pk for p in selectors.business_list(user=officer_bogor)] == [profile.pk]
    events = AuditEvent.objects.filter(organization_id=org.pk).order_by("pk")
    assert list(events.values_list("action", "actor_id")) == [
        ("organization.create", officer_bogor.pk),
        ("business.register", officer_bogor.pk),
        ("claim.approve", officer_bogor.pk),
    ]


@pytest.mark.django_db
def test_rejecting_a_new_business_registers_nothing(owner, officer_bogor):
    claim = account_services.business_claim_submit(actor=owner, **NEW)
    organizations = Organization.objects.count()
    services.business_claim_decide(actor=officer_bogor, claim=claim, approve=False, note="Tidak ditemukan")
    claim.refresh_from_db()
    assert (claim.status, claim.organization) == ("rejected", None)
    assert Organization.objects.count() == organizations
    assert not BusinessProfile.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["officer_bandung", "viewer_bogor", "coop_manager"])
def test_approval_outside_the_office_registers_nothing(request, who, owner):
    actor = request.getfixturevalue(who)
    claim = account_services.business_claim_submit(actor=owner, **NEW)
    before = _state()
    with pytest.raises(PermissionDenied):
        services.business_claim_decide(actor=actor, claim=claim, approve=True)
    assert _state() == before


@pytest.mark.django_db
def test_a_decided_claim_is_not_approved_again(owner, officer_bogor, admin_bogor):
    claim = account_services.business_claim_submit(actor=owner, **NEW)
    services.business_claim_decide(actor=officer_bogor, claim=claim, approve=True)
    before = _state()
    with pytest.raises(ValidationError) as exc:
        services.business_claim_decide(actor=admin_bogor, claim=claim, approve=True)
    assert exc.value.messages == ["Klaim ini sudah diputuskan."]
    assert _state() == before


@pytest.mark.django_db
def test_claim_pages_from_sign_up_to_approval(client, officer_bogor, settings):
    client.post(
        "/akun/daftar/",
        {
            "full_name": "Ujang Saputra",
            "email": "ujang@sinergi.test",
            "password": "kopi-tubruk-77",
            "consent": "on",
        },
    )
    form = {"name": "Batik Bogor Tradisiku", "region_4": "32.71.01.1001", "address": "Jl. Pahlawan 3"}
    assert client.post("/akun/klaim/", form, REMOTE_ADDR="192.0.2.10").status_code == 302
    claim = BusinessClaim.objects.get(user__email="ujang@sinergi.test")
    assert (claim.organization, claim.client) == (None, "192.0.2.10")
    assert "Batik Bogor Tradisiku" in client.get("/akun/klaim/").content.decode()
    client.post("/akun/klaim/", form | {"name": "Batik Kedua"}, REMOTE_ADDR="192.0.2.10")
    client.post("/akun/klaim/", form | {"name": "Batik Ketiga"}, REMOTE_ADDR="192.0.2.10")
    refused = client.post("/akun/klaim/", form | {"name": "Batik Keempat"}, REMOTE_ADDR="192.0.2.10")
    assert refused.status_code == 200
    assert "Anda sudah mengirim 3 klaim dalam 24 jam terakhir." in refused.content.decode()
    assert BusinessClaim.objects.count() == 3

    client.force_login(officer_bogor)
    listing = client.get("/akun/klaim/tinjau/").content.decode()
    assert "Batik Bogor Tradisiku" in listing and f"/registri/klaim/{claim.pk}/putuskan/" in listing
    decided = client.post(f"/registri/klaim/{claim.pk}/putuskan/", {"decision": "approve", "note": ""})
    assert decided.status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.organization.name) == ("approved", "Batik Bogor Tradisiku")
    assert (
        account_selectors.organization_list(user=officer_bogor).filter(name="Batik Bogor Tradisiku").exists()
    )
