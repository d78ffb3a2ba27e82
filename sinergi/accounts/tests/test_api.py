import pytest

from sinergi.accounts.models import Invitation, Membership, Organization, User
from sinergi.accounts.services import api_token_create
from sinergi.accounts.tests.factories import UserFactory
from sinergi.core.models import AuditEvent


def bearer(user):
    _token, raw = api_token_create(actor=user, name="uji")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.mark.django_db
def test_token_auth_and_scoped_list(client, officer_bandung, cooperative_bogor, cooperative_bandung):
    response = client.get("/api/v1/organizations/", **bearer(officer_bandung))
    assert response.status_code == 200
    names = [o["name"] for o in response.json()["items"]]
    assert cooperative_bandung.name in names and cooperative_bogor.name not in names
    assert (
        client.get(f"/api/v1/organizations/{cooperative_bogor.pk}", **bearer(officer_bandung)).status_code
        == 404
    )


@pytest.mark.django_db
def test_bad_token_is_401(client):
    response = client.get("/api/v1/organizations/", HTTP_AUTHORIZATION="Bearer sng_nope")
    assert response.status_code == 401 and "detail" in response.json()


@pytest.mark.django_db
def test_create_organization_validation_error_shape(client, officer_bogor):
    response = client.post(
        "/api/v1/organizations/",
        {"kind": "umkm", "name": "Warung", "region": "99.99.99"},
        content_type="application/json",
        **bearer(officer_bogor),
    )
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Kode wilayah tidak dikenal: 99.99.99" and "region" in body["errors"]
    assert not Organization.objects.filter(name="Warung").exists()


@pytest.mark.django_db
def test_create_outside_jurisdiction_is_403(client, officer_bandung):
    response = client.post(
        "/api/v1/organizations/",
        {"kind": "umkm", "name": "Warung", "region": "32.71.03.1002"},
        content_type="application/json",
        **bearer(officer_bandung),
    )
    assert response.status_code == 403
    assert not Organization.objects.filter(name="Warung").exists()


@pytest.mark.django_db
def test_create_and_patch_organization(client, officer_bogor):
    headers = bearer(officer_bogor)
    created = client.post(
        "/api/v1/organizations/",
        {"kind": "umkm", "name": "Asinan Gedung Dalam", "region": "32.71.03.1002", "phone": "0251 8324 123"},
        content_type="application/json",
        **headers,
    )
    assert created.status_code == 201
    body = created.json()
    assert body["region_path"] == "Paledang, Bogor Tengah, Kota Bogor, Jawa Barat"
    patched = client.patch(
        f"/api/v1/organizations/{body['id']}",
        {"name": "Asinan Bogor"},
        content_type="application/json",
        **headers,
    )
    assert patched.status_code == 200 and patched.json()["name"] == "Asinan Bogor"


@pytest.mark.django_db
def test_schema_errors_use_the_same_shape(client, officer_bogor):
    response = client.post(
        "/api/v1/organizations/", {"name": 1}, content_type="application/json", **bearer(officer_bogor)
    )
    assert response.status_code == 422
    body = response.json()
    assert "detail" in body and "kind" in body["errors"]


@pytest.mark.django_db
def test_memberships_endpoints(client, admin_bogor, cooperative_bogor, coop_manager):
    headers = bearer(admin_bogor)
    listed = client.get(f"/api/v1/organizations/{cooperative_bogor.pk}/memberships", **headers).json()
    assert [m["user_email"] for m in listed["items"]] == ["pengurus@sinergi.test"]
    person = UserFactory(email="baru@ksb.test")
    added = client.post(
        f"/api/v1/organizations/{cooperative_bogor.pk}/memberships",
        {"email": person.email, "role": "pengawas"},
        content_type="application/json",
        **headers,
    )
    assert added.status_code == 201
    dup = client.post(
        f"/api/v1/organizations/{cooperative_bogor.pk}/memberships",
        {"email": person.email, "role": "pengawas"},
        content_type="application/json",
        **headers,
    )
    assert dup.status_code == 400
    unknown = client.post(
        f"/api/v1/organizations/{cooperative_bogor.pk}/memberships",
        {"email": "tidak.ada@ksb.test", "role": "pengawas"},
        content_type="application/json",
        **headers,
    )
    assert unknown.status_code == 400
    membership_id = added.json()["id"]
    assert client.delete(f"/api/v1/memberships/{membership_id}", **headers).status_code == 204
    assert not Membership.objects.filter(pk=membership_id).exists()


@pytest.mark.django_db
def test_membership_delete_by_other_region_is_404_and_keeps_row(client, officer_bandung, coop_manager):
    membership = Membership.objects.get(user=coop_manager)
    assert client.delete(f"/api/v1/memberships/{membership.pk}", **bearer(officer_bandung)).status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.django_db
def test_session_auth_requires_csrf_for_writes(officer_bogor):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(officer_bogor)
    assert csrf_client.get("/api/v1/me").status_code == 200
    response = csrf_client.post(
        "/api/v1/organizations/",
        {"kind": "umkm", "name": "Z", "region": "32.71.03.1002"},
        content_type="application/json",
    )
    assert response.status_code in (401, 403)
    assert not Organization.objects.filter(name="Z").exists()


@pytest.mark.django_db
def test_openapi_docs_served(client):
    assert client.get("/api/v1/openapi.json").status_code == 200
    assert client.get("/api/v1/docs").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("caller", ["coop_manager", "viewer_bogor"])
def test_adding_a_member_by_email_reveals_no_account_to_whoever_may_not_manage_people(
    client, request, caller, cooperative_bogor
):
    """Both callers see the cooperative, neither manages its people: a known and an unknown address
    get the same 403, and nothing is written."""
    headers = bearer(request.getfixturevalue(caller))
    UserFactory(email="ada@ksb.test")
    before = (
        Membership.objects.count(),
        Invitation.objects.count(),
        AuditEvent.objects.count(),
        User.objects.count(),
    )
    answers = [
        client.post(
            f"/api/v1/organizations/{cooperative_bogor.pk}/memberships",
            {"email": email, "role": "pengawas"},
            content_type="application/json",
            **headers,
        )
        for email in ("ada@ksb.test", "tidak.ada@ksb.test")
    ]
    assert [(a.status_code, a.json()) for a in answers] == [
        (403, {"detail": "Anda tidak berhak mengatur anggota organisasi ini."})
    ] * 2
    after = (
        Membership.objects.count(),
        Invitation.objects.count(),
        AuditEvent.objects.count(),
        User.objects.count(),
    )
    assert after == before


def _people():
    return (
        sorted(Membership.objects.values_list("user_id", "organization_id", "role")),
        Invitation.objects.count(),
        AuditEvent.objects.filter(action__startswith="membership.").count(),
    )


@pytest.mark.django_db
def test_office_staff_cannot_give_anyone_a_role_over_a_cooperative(
    client, officer_bogor, cooperative_bogor, coop_manager
):
    """Only office admins manage people: a manager's role reaches members' NIKs and ordering."""
    person = UserFactory(email="calon.pengurus@ksb.test")
    membership = Membership.objects.get(user=coop_manager)
    before = _people()
    headers = bearer(officer_bogor)
    added = client.post(
        f"/api/v1/organizations/{cooperative_bogor.pk}/memberships",
        {"email": person.email, "role": "pengurus"},
        content_type="application/json",
        **headers,
    )
    assert (added.status_code, added.json()) == (
        403,
        {"detail": "Anda tidak berhak mengatur anggota organisasi ini."},
    )
    removed = client.delete(f"/api/v1/memberships/{membership.pk}", **headers)
    assert removed.status_code == 403
    assert _people() == before


@pytest.mark.django_db
def test_office_admin_gives_a_role_over_a_cooperative(client, admin_bogor, cooperative_bogor):
    person = UserFactory(email="calon.pengurus@ksb.test")
    added = client.post(
        f"/api/v1/organizations/{cooperative_bogor.pk}/memberships",
        {"email": person.email, "role": "pengurus"},
        content_type="application/json",
        **bearer(admin_bogor),
    )
    assert added.status_code == 201
    assert (added.json()["organization_id"], added.json()["role"]) == (cooperative_bogor.pk, "pengurus")
    assert Membership.objects.get(user=person).role == "pengurus"
