"""One presenter decides masking: a viewer never reads an owner's NIK, phone, address or e-mail
unmasked by any door (registry API, organisations API, memberships API, pages, exports), while a
staff officer of the jurisdiction reads them all."""

import csv
import io

import pytest
from django.urls import reverse

from sinergi.accounts.models import Organization
from sinergi.accounts.services import api_token_create
from sinergi.accounts.tests.factories import MembershipFactory
from sinergi.registry.services import business_register, cooperative_register, member_save

NIK = "3271064107850003"
PHONE = "6281234567890"
ADDRESS = "Gg. Mawar RT 02/05"
EMAIL = "euis@example.com"

MASKED = {
    "owner_nik": "3271********0003",
    "phone": "6281******890",
    "address": "******",
    "email": "e***@example.com",
}
PLAIN = {"owner_nik": NIK, "phone": PHONE, "address": ADDRESS, "email": EMAIL}


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=user, name='t')[1]}"}


@pytest.fixture
def business(officer_bogor):
    profile = business_register(
        actor=officer_bogor, name="Keripik Talas", region_code="32.71.06.1003", owner_nik=NIK,
        phone="081234567890", address=ADDRESS,
    )  # fmt: skip
    Organization.objects.filter(pk=profile.pk).update(email=EMAIL)
    profile.organization.refresh_from_db()
    return profile


def _leaks(text: str) -> list[str]:
    return [value for value in (NIK, PHONE, "81234567890", ADDRESS, EMAIL) if value in text]


# --- registry API -----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "expected"), [("viewer_bogor", MASKED), ("officer_bogor", PLAIN)])
def test_registry_business_api(client, business, who, expected, request):
    headers = bearer(request.getfixturevalue(who))
    detail = client.get(f"/api/v1/registry/businesses/{business.pk}", **headers).json()
    listed = client.get("/api/v1/registry/businesses/", **headers).json()["items"][0]
    for body in (detail, listed):
        assert {k: body[k] for k in ("owner_nik", "phone", "address", "masked")} == {
            "owner_nik": expected["owner_nik"], "phone": expected["phone"], "address": expected["address"],
            "masked": expected is MASKED,
        }  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "nik"), [("viewer_bogor", "3271********0001"), ("officer_bogor", "3271060101800001")]
)
def test_registry_members_api(client, officer_bogor, who, nik, request):
    coop = cooperative_register(actor=officer_bogor, name="KSP Mekar", region_code="32.71.03.1002")
    member_save(
        actor=officer_bogor,
        cooperative=coop.organization,
        member_number="A-1",
        name="Asep",
        nik="3271060101800001",
    )
    body = client.get(
        f"/api/v1/registry/cooperatives/{coop.pk}/members", **bearer(request.getfixturevalue(who))
    )
    assert [m["nik"] for m in body.json()["items"]] == [nik]


# --- organisations and memberships API (accounts) ---------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "expected"), [("viewer_bogor", MASKED), ("officer_bogor", PLAIN)])
def test_organizations_api_masks_an_umkm_owners_contact(client, business, who, expected, request):
    headers = bearer(request.getfixturevalue(who))
    detail = client.get(f"/api/v1/organizations/{business.pk}", **headers).json()
    listed = client.get("/api/v1/organizations/?kind=umkm", **headers).json()["items"]
    assert [o["id"] for o in listed] == [business.pk]
    for body in (detail, listed[0]):
        assert {k: body[k] for k in ("phone", "address", "email", "masked")} == {
            "phone": expected["phone"], "address": expected["address"], "email": expected["email"],
            "masked": expected is MASKED,
        }  # fmt: skip


@pytest.mark.django_db
def test_a_cooperatives_own_contact_is_not_a_persons(client, cooperative_bogor, viewer_bogor):
    Organization.objects.filter(pk=cooperative_bogor.pk).update(
        phone="6282111112222", address="Jl. Koperasi 1", email="ksb@example.com"
    )
    body = client.get(f"/api/v1/organizations/{cooperative_bogor.pk}", **bearer(viewer_bogor)).json()
    assert (body["phone"], body["address"], body["email"], body["masked"]) == (
        "6282111112222", "Jl. Koperasi 1", "ksb@example.com", False,
    )  # fmt: skip


@pytest.mark.django_db
def test_memberships_api_masks_emails_for_a_viewer(
    client, umkm_owner, umkm_bogor, viewer_bogor, officer_bogor
):
    url = f"/api/v1/organizations/{umkm_bogor.pk}/memberships"
    seen_by_viewer = client.get(url, **bearer(viewer_bogor)).json()["items"]
    seen_by_staff = client.get(url, **bearer(officer_bogor)).json()["items"]
    seen_by_owner = client.get(url, **bearer(umkm_owner)).json()["items"]
    assert [m["user_email"] for m in seen_by_viewer] == ["p******@sinergi.test"]
    assert [m["user_email"] for m in seen_by_staff] == ["pemilik@sinergi.test"]
    assert [m["user_email"] for m in seen_by_owner] == ["pemilik@sinergi.test"]
    me = client.get("/api/v1/me", **bearer(viewer_bogor)).json()
    assert [m["user_email"] for m in me["memberships"]] == ["pemantau.bogor@sinergi.test"]


# --- pages --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_organization_page_masks_the_owners_contact_for_a_viewer(client, business, umkm_owner, viewer_bogor):
    MembershipFactory(user=umkm_owner, organization=business.organization, role="owner")
    client.force_login(viewer_bogor)
    response = client.get(reverse("accounts:organization_detail", args=[business.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert _leaks(html) == [] and "pemilik@sinergi.test" not in html
    for shown in ("6281******890", "******", "e***@example.com", "p******@sinergi.test"):
        assert shown in html
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_organization_page_shows_the_contact_to_a_staff_officer(client, business, officer_bogor):
    client.force_login(officer_bogor)
    html = client.get(reverse("accounts:organization_detail", args=[business.pk])).content.decode()
    assert f'href="https://wa.me/{PHONE}"' in html and ADDRESS in html and EMAIL in html


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["viewer_bogor", "officer_bogor"])
def test_business_page(client, business, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("registry:business_detail", args=[business.pk]))
    html = response.content.decode()
    assert "no-store" in response["Cache-Control"]
    if who == "viewer_bogor":
        assert _leaks(html) == []
        assert "3271********0003" in html and "6281******890" in html
    else:
        assert NIK in html and f'href="https://wa.me/{PHONE}"' in html and ADDRESS in html


# --- exports --------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "expected"), [("viewer_bogor", MASKED), ("officer_bogor", PLAIN)])
def test_business_export_view(client, business, who, expected, request):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("registry:business_export"))
    assert response["Cache-Control"] == "private, no-store"
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text)))
    assert (row[2], row[6], row[10]) == (expected["owner_nik"], expected["address"], expected["phone"])
    assert ("tersamar" in response["Content-Disposition"]) is (expected is MASKED)
    assert (header[2] == "NIK Pemilik (tersamar)") is (expected is MASKED)
