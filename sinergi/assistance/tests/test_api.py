"""The API: the select answer's exact shape, re-running identically, scope and refusals."""

import datetime as dt

import pytest
from django.utils import timezone

from sinergi.assistance.models import Application, Handover
from sinergi.assistance.tests.factories import signature_url

pytestmark = pytest.mark.django_db
BASE = "/api/v1/assistance"


@pytest.fixture
def api(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user


def test_select_answers_the_exact_shape_and_reruns_identically(
    api, coop_manager, programme, apply, shops, etalase, freezer
):
    a = apply(shops[0], etalase, retail="1")
    b = apply(shops[1], freezer)
    c = apply(shops[2], etalase, retail="0.1", drop="0")
    d = apply(shops[3], etalase, retail="0.1", drop="0", minutes=1)
    client = api(coop_manager)
    refused = client.post(f"{BASE}/programmes/{programme.pk}/select")
    assert refused.status_code == 400
    assert client.post(f"{BASE}/programmes/{programme.pk}/close").status_code == 200
    first = client.post(f"{BASE}/programmes/{programme.pk}/select")
    assert first.status_code == 200
    assert first.json() == {
        "selected": [
            {"application": a.pk, "package": etalase.pk, "score": "3.500000"},
            {"application": b.pk, "package": freezer.pk, "score": "1.500000"},
            {"application": c.pk, "package": etalase.pk, "score": "1.200000"},
        ],
        "skipped": [{"application": d.pk, "reason": "stock"}],
        "ineligible": [],
        "budget_left": "0",
        "stock_left": {str(etalase.pk): 0, str(freezer.pk): 0},
    }
    assert client.post(f"{BASE}/programmes/{programme.pk}/select").json() == first.json()


def test_apply_outside_period_refused(api, coop_manager, programme, etalase, shops):
    programme.opens_on = timezone.localdate() + dt.timedelta(days=1)
    programme.save()
    response = api(coop_manager).post(
        f"{BASE}/programmes/{programme.pk}/applications",
        {"business_id": shops[0].pk, "package_id": etalase.pk, "baseline_revenue": "1000", "criteria": {}},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"applied_at": ["Permohonan di luar masa pendaftaran program."]}
    assert Application.objects.count() == 0


def test_handover_visit_and_outcomes(api, coop_manager, programme, apply, shops, etalase):
    application = apply(shops[0], etalase)
    client = api(coop_manager)
    handover = {"handed_on": (timezone.localdate() - dt.timedelta(days=100)).isoformat(), "items": "Etalase kaca 1 m",
                "address": "Jl. A", "confirmation": "signature", "signature": signature_url()}  # fmt: skip
    early = client.post(
        f"{BASE}/applications/{application.pk}/handover", handover, content_type="application/json"
    )
    assert early.status_code == 400 and Handover.objects.count() == 0
    client.post(f"{BASE}/programmes/{programme.pk}/close")
    client.post(f"{BASE}/programmes/{programme.pk}/select")
    done = client.post(
        f"{BASE}/applications/{application.pk}/handover", handover, content_type="application/json"
    )
    assert done.status_code == 201
    assert [v["month"] for v in done.json()["visits"]] == [3, 6, 12]
    visit = {"month": 3, "visited_on": timezone.localdate().isoformat(), "revenue": "3300000", "operating": True,
             "goods_in_use": {"Etalase kaca 1 m": True}}  # fmt: skip
    recorded = client.post(
        f"{BASE}/applications/{application.pk}/visits", visit, content_type="application/json"
    )
    assert recorded.status_code == 200 and recorded.json()["goods_in_use"] == {"Etalase kaca 1 m": True}
    outcome = client.get(f"{BASE}/programmes/{programme.pk}/outcomes").json()
    assert (outcome["revenue_change_pct"], outcome["in_use_pct"], outcome["recipients"]) == (
        "10.0",
        "100.0",
        1,
    )


def test_other_region_gets_404(api, officer_bandung, programme):
    client = api(officer_bandung)
    assert client.get(f"{BASE}/programmes/{programme.pk}").status_code == 404
    assert client.post(f"{BASE}/programmes/{programme.pk}/select").status_code == 404
    assert client.get(f"{BASE}/programmes/").json()["items"] == []
