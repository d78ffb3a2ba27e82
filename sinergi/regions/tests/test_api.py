import pytest


@pytest.mark.django_db
def test_resolve_endpoint_answers_code_and_confidence(client, officer_bogor):
    client.force_login(officer_bogor)
    response = client.get("/api/v1/regions/resolve", {"q": "Kec. Bogor Tengah"})
    assert response.status_code == 200
    body = response.json()
    assert body["code"] == "32.71.03" and body["confidence"] == 0.95 and body["candidates"] == []


@pytest.mark.django_db
def test_resolve_endpoint_lists_candidates_when_ambiguous(client, officer_bogor):
    client.force_login(officer_bogor)
    body = client.get("/api/v1/regions/resolve", {"q": "Bogor"}).json()
    assert body["code"] is None and body["problem"] == "ambiguous"
    assert "32.71" in [c["code"] for c in body["candidates"]]


WEST_JAVA_FIRST = ["32.02", "32.72", "32.02.32", "18.71.12"]


def _candidates(client, q: str, **headers) -> list[str]:
    body = client.get("/api/v1/regions/resolve", {"q": q}, **headers).json()
    assert (body["code"], body["problem"]) == (None, "ambiguous")
    return [c["code"] for c in body["candidates"]]


@pytest.mark.django_db
def test_resolve_offers_the_officers_own_province_first(client, officer_bogor, superuser):
    client.force_login(superuser)  # no office, no organisation: larger regions first
    assert _candidates(client, "Sukabumi")[:4] == ["32.02", "32.72", "18.71.12", "32.02.32"]
    client.force_login(officer_bogor)
    codes = _candidates(client, "Sukabumi")
    # Kabupaten and Kota Sukabumi, then the kecamatan Sukabumi, all in West Java like Kota Bogor,
    # before the kecamatan of that name in Bandar Lampung (Sumatra).
    assert codes[:4] == WEST_JAVA_FIRST
    assert codes[:3] == [c for c in codes if c.startswith("32")]


@pytest.mark.django_db
def test_resolve_prefers_the_jurisdiction_for_a_token_too(client, officer_bogor):
    from sinergi.accounts.services import api_token_create

    token = api_token_create(actor=officer_bogor, name="t")[1]
    assert _candidates(client, "Sukabumi", HTTP_AUTHORIZATION=f"Bearer {token}")[:4] == WEST_JAVA_FIRST


@pytest.mark.django_db
def test_resolve_prefers_the_regency_of_the_users_organisation(client):
    from sinergi.accounts.tests.factories import MembershipFactory, OrganizationFactory

    # A cooperative in Kota Bandar Lampung: its own kota first, then Lampung, then the rest.
    lampung = OrganizationFactory(kind="cooperative", name="Koperasi Teluk Betung", region_id="18.71")
    manager = MembershipFactory(organization=lampung, role="pengurus").user
    client.force_login(manager)
    assert _candidates(client, "Sukabumi")[:4] == ["18.71.12", "18.71.12.1002", "18.04.10.2006", "32.02"]


@pytest.mark.django_db
def test_region_endpoints_need_authentication(client):
    assert client.get("/api/v1/regions/resolve", {"q": "Bogor"}).status_code == 401
    assert client.get("/api/v1/regions/").json() == {"detail": "Perlu masuk atau token API yang valid."}


@pytest.mark.django_db
def test_region_children_are_paginated(client, officer_bogor):
    client.force_login(officer_bogor)
    body = client.get("/api/v1/regions/", {"parent": "32.71"}).json()
    assert body["count"] == 6
    # Sorted by name: Bogor Barat (32.71.04) first, Tanah Sareal (32.71.06) last.
    assert [r["code"] for r in body["items"]] == [
        "32.71.04",
        "32.71.01",
        "32.71.03",
        "32.71.02",
        "32.71.05",
        "32.71.06",
    ]
    detail = client.get("/api/v1/regions/32.71.03.1002").json()
    assert detail["postal_code"] == "16122"
    assert client.get("/api/v1/regions/99.99").status_code == 404
