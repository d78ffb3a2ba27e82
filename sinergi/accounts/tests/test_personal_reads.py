"""Reads of personal data through the accounts doors — organisations, memberships, "unduh data
saya" — leave one audit event per request that returned a person's data unmasked (never the
values), none for a masked read; the pages and answers with personal data are not kept."""

import json

import pytest
from django.urls import reverse

from sinergi.accounts.models import Organization
from sinergi.accounts.services import api_token_create
from sinergi.core.audit import PERSONAL_DATA_READ
from sinergi.core.models import AuditEvent
from sinergi.registry.services import business_register

PHONE = "6281234567890"
ADDRESS = "Gg. Mawar RT 02/05"
EMAIL = "euis@example.com"


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=user, name='t')[1]}"}


def reads():
    return list(AuditEvent.objects.filter(action=PERSONAL_DATA_READ).order_by("pk"))


def not_kept(response) -> bool:
    return {d.strip() for d in response["Cache-Control"].split(",")} >= {"private", "no-store"}


@pytest.fixture
def business(officer_bogor):
    profile = business_register(
        actor=officer_bogor, name="Keripik Talas", region_code="32.71.06.1003",
        owner_nik="3271064107850003", phone="081234567890", address=ADDRESS,
    )  # fmt: skip
    Organization.objects.filter(pk=profile.pk).update(email=EMAIL)
    return profile


@pytest.mark.django_db
def test_organizations_read_with_an_owners_contact_leave_one_event(client, business, officer_bogor):
    business_register(actor=officer_bogor, name="Kopi Gunung", region_code="32.71.06.1003", phone="081299998888")
    headers = bearer(officer_bogor)
    AuditEvent.objects.all().delete()

    listed = client.get("/api/v1/organizations/?kind=umkm", **headers).json()

    assert [o["masked"] for o in listed["items"]] == [False, False]
    [event] = reads()
    assert (event.object_type, event.object_id, event.region_code, event.organization_id) == (
        "accounts.organization", "", "32.71", None,
    )  # fmt: skip
    assert event.after == {
        "rows": 2, "fields": ["address", "email", "phone"], "filters": {"kind": "umkm"}, "via": "api",
    }  # fmt: skip

    client.get(f"/api/v1/organizations/{business.pk}", **headers)
    detail = reads()[-1]
    assert (detail.object_id, detail.object_repr, detail.region_code, detail.organization_id, detail.after) == (
        str(business.pk), "Keripik Talas", "32.71.06.1003", business.pk,
        {"rows": 1, "fields": ["address", "email", "phone"], "filters": {}, "via": "api"},
    )  # fmt: skip
    stored = str([e.after for e in reads()]) + "".join(e.object_repr for e in reads())
    assert PHONE not in stored and ADDRESS not in stored and EMAIL not in stored


@pytest.mark.django_db
def test_a_viewers_masked_read_of_organizations_leaves_no_event(client, business, viewer_bogor):
    headers = bearer(viewer_bogor)
    AuditEvent.objects.all().delete()
    assert client.get("/api/v1/organizations/?kind=umkm", **headers).json()["items"][0]["masked"] is True
    assert client.get(f"/api/v1/organizations/{business.pk}", **headers).json()["masked"] is True
    assert reads() == []


@pytest.mark.django_db
def test_a_cooperatives_own_contact_is_no_personal_read(client, cooperative_bogor, officer_bogor):
    Organization.objects.filter(pk=cooperative_bogor.pk).update(phone="6282111112222", address="Jl. Koperasi 1")
    AuditEvent.objects.all().delete()
    client.get(f"/api/v1/organizations/{cooperative_bogor.pk}", **bearer(officer_bogor))
    client.get("/api/v1/organizations/?kind=cooperative", **bearer(officer_bogor))
    assert reads() == []


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "events"), [("viewer_bogor", 0), ("officer_bogor", 1), ("umkm_owner", 0)])
def test_memberships_read_with_others_emails_leave_one_event(client, umkm_owner, umkm_bogor, who, events, request):
    user = request.getfixturevalue(who)
    headers = bearer(user)
    AuditEvent.objects.all().delete()
    response = client.get(f"/api/v1/organizations/{umkm_bogor.pk}/memberships", **headers)
    assert response.status_code == 200 and len(response.json()["items"]) == 1
    # The owner reads only their own address; the viewer reads it masked.
    assert len(reads()) == events
    if events:
        [event] = reads()
        assert (event.object_type, event.organization_id, event.region_code, event.after) == (
            "accounts.membership", umkm_bogor.pk, umkm_bogor.region_id,
            {"rows": 1, "fields": ["email"], "filters": {"organization": umkm_bogor.pk}, "via": "api"},
        )  # fmt: skip


@pytest.mark.django_db
def test_downloading_my_data_is_audited_and_not_kept(client, umkm_owner):
    client.force_login(umkm_owner)
    AuditEvent.objects.all().delete()
    response = client.get(reverse("accounts:my_data"))
    assert response.status_code == 200 and not_kept(response)
    assert json.loads(response.content)["akun"]["email"] == umkm_owner.email
    [event] = reads()
    assert (event.actor, event.object_type, event.object_id) == (umkm_owner, "accounts.user", str(umkm_owner.pk))
    assert event.after["rows"] == 1 and "email" in event.after["fields"] and event.after["via"] == "web"
    assert umkm_owner.email not in str(event.after) + event.object_repr


@pytest.mark.django_db
def test_accounts_pages_and_answers_with_personal_data_are_not_kept(client, business, officer_bogor):
    client.force_login(officer_bogor)
    for url in (
        reverse("accounts:profile"),
        reverse("accounts:organization_list"),
        reverse("accounts:organization_detail", args=[business.pk]),
        reverse("accounts:organization_edit", args=[business.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200 and not_kept(response), url
    headers = bearer(officer_bogor)
    for path in (
        "/api/v1/organizations/",
        f"/api/v1/organizations/{business.pk}",
        f"/api/v1/organizations/{business.pk}/memberships",
        "/api/v1/me",
    ):
        response = client.get(path, **headers)
        assert response.status_code == 200 and response["Cache-Control"] == "private, no-store", path


@pytest.mark.django_db
def test_the_audit_page_words_a_read(client, business, officer_bogor, admin_bogor):
    client.get(f"/api/v1/organizations/{business.pk}", **bearer(officer_bogor))
    client.force_login(admin_bogor)
    html = client.get(reverse("accounts:audit_list")).content.decode()
    assert "Membaca data pribadi tanpa samaran" in html and "1 baris" in html and "lewat API" in html
    assert f"<code>{PERSONAL_DATA_READ}</code>" not in html
