"""Duplicate queue API: scoped and paginated list, merge, distinct, revert."""

from decimal import Decimal

import pytest

from sinergi.accounts.models import Organization
from sinergi.accounts.services import api_token_create
from sinergi.registry import services
from sinergi.registry.models import DuplicateCandidate, MergeRecord


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=user, name='t')[1]}"}


@pytest.fixture
def pair(officer_bogor):
    a = services.business_register(actor=officer_bogor, name="Bakso Mang Ujang", region_code="32.71.06.1003")
    b = services.business_register(
        actor=officer_bogor, name="Bakso Mang Ujang 2", region_code="32.71.06.1003"
    )
    return DuplicateCandidate.objects.create(
        kind="umkm", left=a.organization, right=b.organization, score=Decimal("97.50"),
        reasons={"name": 100.0}, region_code="32.71.06.1003",
    )  # fmt: skip


@pytest.mark.django_db
def test_list_scoped_and_paginated(client, pair, officer_bogor, officer_bandung):
    body = client.get("/api/v1/registry/duplicates/", **bearer(officer_bogor)).json()
    assert body["count"] == 1
    item = body["items"][0]
    assert (item["id"], item["score"], item["status"], item["left"]["id"], item["right"]["name"]) == (
        pair.pk, 97.5, "open", pair.left_id, "Bakso Mang Ujang 2",
    )  # fmt: skip
    assert client.get("/api/v1/registry/duplicates/", **bearer(officer_bandung)).json()["count"] == 0
    assert client.get(f"/api/v1/registry/duplicates/{pair.pk}", **bearer(officer_bandung)).status_code == 404


@pytest.mark.django_db
def test_merge_and_revert(client, pair, officer_bogor, admin_bogor):
    bad = client.post(f"/api/v1/registry/duplicates/{pair.pk}/merge", {"keep": 999999},
                      content_type="application/json", **bearer(officer_bogor))  # fmt: skip
    assert bad.status_code == 400 and "keep" in bad.json()["errors"]
    response = client.post(f"/api/v1/registry/duplicates/{pair.pk}/merge", {"keep": pair.right_id},
                           content_type="application/json", **bearer(officer_bogor))  # fmt: skip
    assert response.status_code == 201
    body = response.json()
    assert (body["kept"], body["merged"], body["reverted_at"]) == (pair.right_id, pair.left_id, None)
    assert Organization.objects.get(pk=pair.left_id).merged_into_id == pair.right_id
    denied = client.post(f"/api/v1/registry/merges/{body['id']}/revert", **bearer(officer_bogor))
    assert denied.status_code == 404  # staff do not see the merge history
    reverted = client.post(f"/api/v1/registry/merges/{body['id']}/revert", **bearer(admin_bogor))
    assert reverted.status_code == 200 and reverted.json()["reverted_at"] is not None
    assert Organization.objects.get(pk=pair.left_id).merged_into_id is None


@pytest.mark.django_db
def test_merge_by_viewer_is_403_and_changes_nothing(client, pair, viewer_bogor):
    response = client.post(f"/api/v1/registry/duplicates/{pair.pk}/merge", {"keep": pair.left_id},
                           content_type="application/json", **bearer(viewer_bogor))  # fmt: skip
    assert response.status_code == 403
    assert not MergeRecord.objects.exists()
    assert DuplicateCandidate.objects.get(pk=pair.pk).status == "open"


@pytest.mark.django_db
def test_mark_distinct(client, pair, officer_bogor):
    response = client.post(f"/api/v1/registry/duplicates/{pair.pk}/distinct", {"note": "beda gerobak"},
                           content_type="application/json", **bearer(officer_bogor))  # fmt: skip
    assert response.status_code == 200 and response.json()["status"] == "distinct"
    again = client.post(f"/api/v1/registry/duplicates/{pair.pk}/distinct", {},
                        content_type="application/json", **bearer(officer_bogor))  # fmt: skip
    assert again.status_code == 400
    listing = client.get("/api/v1/registry/duplicates/?status=distinct", **bearer(officer_bogor)).json()
    assert [i["id"] for i in listing["items"]] == [pair.pk]
