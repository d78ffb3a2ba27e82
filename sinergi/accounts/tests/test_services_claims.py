"""Self-registration claims (klaim usaha): a new business stays a claim until an officer approves it,
and claims are limited per account and per client."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sinergi.accounts import selectors, services
from sinergi.accounts.models import BusinessClaim, Organization
from sinergi.accounts.tests.factories import UserFactory
from sinergi.core.models import AuditEvent

NEW = {
    "new_name": "Batik Bogor Tradisiku",
    "new_region_code": "32.71.01.1001",
    "new_address": "Jl. Pahlawan 3",
}


def _state():
    return (
        Organization.objects.count(),
        list(BusinessClaim.objects.order_by("pk").values_list("pk", "status")),
        AuditEvent.objects.count(),
    )


@pytest.mark.django_db
def test_a_new_business_stays_a_claim_out_of_every_list_and_count(officer_bogor, officer_bandung):
    owner = UserFactory(email="pemilik.batik@sinergi.test", full_name="Ujang Saputra")
    counts = selectors.organization_counts(user=officer_bogor)
    organizations = Organization.objects.count()
    claim = services.business_claim_submit(actor=owner, ip="203.0.113.7", **NEW)
    assert (
        claim.organization,
        claim.created_new,
        claim.new_name,
        claim.new_region_id,
        claim.new_address,
    ) == (
        None,
        True,
        "Batik Bogor Tradisiku",
        "32.71.01.1001",
        "Jl. Pahlawan 3",
    )
    assert (claim.status, claim.client, claim.business_name) == (
        "pending",
        "203.0.113.7",
        "Batik Bogor Tradisiku",
    )
    assert Organization.objects.count() == organizations
    assert not Organization.objects.filter(name="Batik Bogor Tradisiku").exists()
    assert list(selectors.organization_list(user=officer_bogor).filter(name__icontains="Batik")) == []
    overview = selectors.office_overview(user=officer_bogor)
    assert selectors.organization_counts(user=officer_bogor) == counts
    assert overview["pending_claims"] == 1
    # The office whose village it names decides it; no other office sees it.
    assert list(selectors.claim_list(user=officer_bogor)) == [claim]
    assert list(selectors.claim_list(user=officer_bandung)) == []
    event = AuditEvent.objects.get(action="claim.submit")
    assert (event.region_code, event.organization_id, event.after) == (
        "32.71.01.1001",
        None,
        {
            "organization": None,
            "created_new": True,
            "name": "Batik Bogor Tradisiku",
            "region": "32.71.01.1001",
        },
    )


@pytest.mark.django_db
def test_the_same_new_business_is_not_claimed_twice_while_waiting():
    owner = UserFactory()
    services.business_claim_submit(actor=owner, **NEW)
    before = _state()
    with pytest.raises(ValidationError) as exc:
        services.business_claim_submit(actor=owner, **NEW | {"new_name": "batik bogor TRADISIKU"})
    assert exc.value.messages == ["Klaim Anda untuk usaha ini masih menunggu konfirmasi."]
    assert _state() == before


@pytest.mark.django_db
def test_accounts_alone_cannot_approve_a_new_business(officer_bogor):
    """Approving registers the business in the registry (registry.services.business_claim_decide)."""
    claim = services.business_claim_submit(actor=UserFactory(), **NEW)
    before = _state()
    with pytest.raises(ValidationError) as exc:
        services.business_claim_decide(actor=officer_bogor, claim=claim, approve=True)
    assert exc.value.messages == ["Usaha baru didaftarkan di registri saat klaimnya disetujui."]
    assert _state() == before


@pytest.mark.django_db
def test_claims_per_account_are_limited_with_the_time_to_try_again(umkm_bogor):
    owner = UserFactory()
    for n in range(3):
        services.business_claim_submit(actor=owner, **NEW | {"new_name": f"Usaha {n}"})
    first = BusinessClaim.objects.filter(user=owner).order_by("created_at").first()
    before = _state()
    for attempt in (NEW, {"organization": umkm_bogor}):
        with pytest.raises(ValidationError) as exc:
            services.business_claim_submit(actor=owner, **attempt)
        again = timezone.localtime(first.created_at + dt.timedelta(hours=24)).strftime("%d-%m-%Y %H:%M")
        assert exc.value.messages == [
            f"Anda sudah mengirim 3 klaim dalam 24 jam terakhir. Coba lagi setelah {again}."
        ]
    assert _state() == before
    # A day later the account may claim again.
    BusinessClaim.objects.filter(user=owner).update(created_at=timezone.now() - dt.timedelta(hours=25))
    assert services.business_claim_submit(actor=owner, **NEW).status == "pending"


@pytest.mark.django_db
def test_claims_per_client_are_limited_across_accounts():
    for n in range(10):
        services.business_claim_submit(
            actor=UserFactory(), ip="198.51.100.4", **NEW | {"new_name": f"Usaha {n}"}
        )
    first = BusinessClaim.objects.order_by("created_at").first()
    before = _state()
    with pytest.raises(ValidationError) as exc:
        services.business_claim_submit(actor=UserFactory(), ip="198.51.100.4", **NEW)
    again = timezone.localtime(first.created_at + dt.timedelta(hours=1)).strftime("%d-%m-%Y %H:%M")
    assert exc.value.messages == [
        f"Terlalu banyak klaim dari jaringan Anda dalam satu jam terakhir. Coba lagi setelah {again}."
    ]
    assert _state() == before
    # Another client is not held back, nor is an IPv6 client by its neighbours' /64.
    assert (
        services.business_claim_submit(actor=UserFactory(), ip="198.51.100.5", **NEW).client == "198.51.100.5"
    )
    v6 = services.business_claim_submit(actor=UserFactory(), ip="2001:db8:1:2::7", **NEW)
    assert v6.client == "2001:db8:1:2::/64"


@pytest.mark.django_db
def test_download_my_data_names_a_business_still_waiting():
    owner = UserFactory()
    services.business_claim_submit(actor=owner, **NEW)
    claims = selectors.personal_data_export(user=owner)["klaim_usaha"]
    assert [(c["usaha"], c["status"]) for c in claims] == [("Batik Bogor Tradisiku", "pending")]
