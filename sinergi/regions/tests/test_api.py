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
