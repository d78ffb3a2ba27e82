"""Reads of personal data through the registry's doors: one audit event per request that returned a
person's data unmasked (how many rows, which fields, the filters — never the values), none for a
masked read, and no page or answer with personal data kept by a browser or a proxy."""

import pytest
from django.urls import reverse

from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.accounts.services import api_token_create
from sinergi.core.audit import PERSONAL_DATA_READ
from sinergi.core.models import AuditEvent
from sinergi.registry.models import BusinessProfile
from sinergi.registry.services import business_register, cooperative_register, member_save

NIK = "3271064107850003"
MEMBER_NIK = "3271060101800001"


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=user, name='t')[1]}"}


def reads():
    return list(AuditEvent.objects.filter(action=PERSONAL_DATA_READ).order_by("pk"))


def _businesses(count: int) -> None:
    """`count` businesses in Kota Bogor, each with its owner's NIK, phone and address."""
    orgs = Organization.objects.bulk_create(
        Organization(
            kind=OrganizationKind.UMKM,
            name=f"Usaha {n:03d}",
            region_id="32.71.06.1003",
            phone=f"62812000{n:05d}",
            address=f"Gg. Mawar {n}",
        )
        for n in range(count)
    )
    profiles = [
        BusinessProfile(organization=org, owner_nik=f"3271064107{n:06d}", name_key=org.name.lower())
        for n, org in enumerate(orgs)
    ]
    for profile in profiles:
        profile.copy_region(profile.organization.region_id)
    BusinessProfile.objects.bulk_create(profiles)


@pytest.fixture
def business(officer_bogor):
    return business_register(
        actor=officer_bogor, name="Keripik Talas", region_code="32.71.06.1003", owner_nik=NIK,
        phone="081234567890", address="Gg. Mawar RT 02/05",
    )  # fmt: skip


# --- the registry API ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_488_unmasked_niks_read_through_the_list_leave_one_event_per_request(client, officer_bogor):
    _businesses(488)
    headers = bearer(officer_bogor)
    AuditEvent.objects.all().delete()

    first = client.get("/api/v1/registry/businesses/?page_size=100", **headers).json()

    assert first["count"] == 488 and len(first["items"]) == 100
    assert first["items"][0]["owner_nik"] == "3271064107000000"
    [event] = reads()
    assert (event.actor, event.object_type, event.object_id, event.region_code, event.organization_id) == (
        officer_bogor, "registry.businessprofile", "", "32.71", None,
    )  # fmt: skip
    assert event.after == {
        "rows": 100,
        "fields": ["address", "owner_nik", "phone"],
        "filters": {},
        "via": "api",
    }

    for page in range(2, 6):
        client.get(f"/api/v1/registry/businesses/?page_size=100&page={page}", **headers)
    assert [e.after["rows"] for e in reads()] == [100, 100, 100, 100, 88]


@pytest.mark.django_db
def test_the_read_event_never_holds_a_value(client, officer_bogor):
    _businesses(3)
    BusinessProfile.objects.filter(owner_nik="3271064107000001").update(nib="1234567890123")
    AuditEvent.objects.all().delete()
    # A number searched for may be a person's: the trail keeps that there was one, not which.
    client.get("/api/v1/registry/businesses/?q=1234567890123", **bearer(officer_bogor))
    [event] = reads()
    assert event.after["filters"] == {"q": "•••"} and event.after["rows"] == 1
    stored = str(event.after) + event.object_repr
    assert "3271064107" not in stored and "62812000" not in stored and "Mawar" not in stored


@pytest.mark.django_db
def test_a_viewers_masked_read_leaves_no_event(client, business, viewer_bogor):
    _businesses(5)
    headers = bearer(viewer_bogor)
    AuditEvent.objects.all().delete()
    listed = client.get("/api/v1/registry/businesses/", **headers).json()
    detail = client.get(f"/api/v1/registry/businesses/{business.pk}", **headers).json()
    assert len(listed["items"]) == 6 and all(item["masked"] for item in listed["items"])
    assert detail["owner_nik"] == "3271********0003"
    assert reads() == []


@pytest.mark.django_db
def test_a_business_read_in_detail_is_filed_under_the_business(client, business, officer_bogor):
    AuditEvent.objects.all().delete()
    assert client.get(f"/api/v1/registry/businesses/{business.pk}", **bearer(officer_bogor)).status_code == 200
    [event] = reads()
    assert (event.object_type, event.object_id, event.object_repr, event.region_code, event.organization_id) == (
        "registry.businessprofile", str(business.pk), "Keripik Talas", "32.71.06.1003", business.pk,
    )  # fmt: skip
    assert event.after == {"rows": 1, "fields": ["address", "owner_nik", "phone"], "filters": {}, "via": "api"}


@pytest.mark.django_db
def test_a_business_without_personal_data_is_no_personal_read(client, officer_bogor):
    bare = business_register(actor=officer_bogor, name="Warung Tanpa Data", region_code="32.71.06.1003")
    AuditEvent.objects.all().delete()
    client.get(f"/api/v1/registry/businesses/{bare.pk}", **bearer(officer_bogor))
    client.get("/api/v1/registry/businesses/", **bearer(officer_bogor))
    assert reads() == []


@pytest.mark.django_db
def test_a_refused_read_leaves_no_event(client, business, officer_bandung):
    AuditEvent.objects.all().delete()
    assert client.get(f"/api/v1/registry/businesses/{business.pk}", **bearer(officer_bandung)).status_code == 404
    assert client.get("/api/v1/registry/businesses/", **bearer(officer_bandung)).json()["items"] == []
    assert reads() == []


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "events"), [("viewer_bogor", 0), ("officer_bogor", 1)])
def test_members_read_with_their_niks_leave_one_event(client, officer_bogor, who, events, request):
    coop = cooperative_register(actor=officer_bogor, name="KSP Mekar", region_code="32.71.03.1002")
    for n in range(3):
        member_save(
            actor=officer_bogor, cooperative=coop.organization, member_number=f"A-{n}", name=f"Anggota {n}",
            nik=MEMBER_NIK[:-1] + str(n + 1),
        )  # fmt: skip
    AuditEvent.objects.all().delete()
    response = client.get(f"/api/v1/registry/cooperatives/{coop.pk}/members", **bearer(request.getfixturevalue(who)))
    assert response.status_code == 200 and len(response.json()["items"]) == 3
    assert len(reads()) == events
    if events:
        [event] = reads()
        assert (event.object_type, event.region_code, event.organization_id, event.after) == (
            "registry.member", "32.71.03.1002", coop.pk,
            {"rows": 3, "fields": ["nik"], "filters": {"cooperative": coop.pk}, "via": "api"},
        )  # fmt: skip


# --- no-store -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_registry_api_answers_are_not_kept(client, business, officer_bogor):
    headers = bearer(officer_bogor)
    for url in (
        "/api/v1/registry/businesses/",
        f"/api/v1/registry/businesses/{business.pk}",
        "/api/v1/registry/cooperatives/",
        "/api/v1/registry/businesses/999999999",
    ):
        response = client.get(url, **headers)
        assert response["Cache-Control"] == "private, no-store", url


@pytest.mark.django_db
def test_registry_pages_with_personal_data_are_not_kept(client, business, officer_bogor):
    coop = cooperative_register(actor=officer_bogor, name="KSP Mekar", region_code="32.71.03.1002")
    client.force_login(officer_bogor)
    for url in (
        reverse("registry:business_list"),
        reverse("registry:business_detail", args=[business.pk]),
        reverse("registry:business_edit", args=[business.pk]),
        reverse("registry:cooperative_list"),
        reverse("registry:cooperative_detail", args=[coop.pk]),
        reverse("registry:cooperative_members", args=[coop.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives, url
