"""Kampung Koperasi API: scoped list and detail."""

import pytest

from sinergi.accounts.services import api_token_create
from sinergi.registry import services


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=user, name='t')[1]}"}


@pytest.mark.django_db
def test_clusters_scoped(client, officer_bogor, officer_bandung):
    ksp = services.cooperative_register(actor=officer_bogor, name="KSP Talas", region_code="32.71.06.1003")
    talas = services.business_register(actor=officer_bogor, name="Keripik Talas", region_code="32.71.06.1003")
    cluster = services.cluster_save(
        actor=officer_bogor, name="Kampung Talas", commodity="Talas", district_code="32.71.06",
        flagship=ksp.organization, cooperatives=[ksp.organization], businesses=[talas.organization],
    )  # fmt: skip
    body = client.get("/api/v1/registry/clusters/", **bearer(officer_bogor)).json()
    assert body["count"] == 1
    assert body["items"][0] == {
        "id": cluster.pk, "name": "Kampung Talas", "commodity": "Talas", "district_code": "32.71.06",
        "district_name": "Tanah Sareal", "flagship_id": ksp.pk, "flagship_name": "KSP Talas", "n_cooperatives": 1,
        "n_businesses": 1,
    }  # fmt: skip
    detail = client.get(f"/api/v1/registry/clusters/{cluster.pk}", **bearer(officer_bogor)).json()
    assert (detail["cooperative_ids"], detail["business_ids"]) == ([ksp.pk], [talas.pk])
    assert client.get("/api/v1/registry/clusters/", **bearer(officer_bandung)).json()["count"] == 0
    assert client.get(f"/api/v1/registry/clusters/{cluster.pk}", **bearer(officer_bandung)).status_code == 404
