"""The partnerships API: the same services and scoping as the pages."""

import datetime as dt

import pytest

from sinergi.accounts.tests.factories import OrganizationFactory
from sinergi.partnerships.models import Agreement

pytestmark = pytest.mark.django_db
BASE = "/api/v1/partnerships"


def test_create_sign_obligation_progress_and_scorecard(
    api, officer_kab, office_kab, coop_kab, bank, bank_staff, today
):
    client = api(officer_kab)
    payload = {"office_id": office_kab.pk, "kind": "mou", "title": "MoU API", "start_on": (today - dt.timedelta(days=10)).isoformat(),
               "end_on": (today + dt.timedelta(days=100)).isoformat(), "scopes": ["capital"],
               "party_ids": [coop_kab.pk, bank.pk]}  # fmt: skip
    created = client.post(f"{BASE}/agreements/", payload, content_type="application/json")
    assert created.status_code == 201
    body = created.json()
    assert (body["status"], [p["organization_name"] for p in body["parties"]]) == (
        "draft",
        ["Koperasi Tani Mandiri", "Bank BJB Kantor Cabang Bogor"],
    )
    for party in body["parties"]:
        signed = client.post(f"{BASE}/agreements/{body['id']}/parties/{party['id']}/sign",
                             {"signatory_name": "A", "signed_on": (today - dt.timedelta(days=10)).isoformat()},
                             content_type="application/json")  # fmt: skip
        assert signed.status_code == 200
    assert signed.json()["status"] == "active"
    bank_party = body["parties"][1]["id"]
    too_early = client.post(f"{BASE}/agreements/{body['id']}/obligations",
                            {"party_id": bank_party, "measure": "loans", "description": "KUR", "target": "1000",
                             "due_on": (today - dt.timedelta(days=11)).isoformat()}, content_type="application/json")  # fmt: skip
    assert too_early.status_code == 400
    assert too_early.json()["errors"]["due_on"] == [
        "Batas waktu kewajiban tidak boleh sebelum perjanjian mulai berlaku."
    ]
    obligation = client.post(f"{BASE}/agreements/{body['id']}/obligations",
                             {"party_id": bank_party, "measure": "loans", "description": "KUR", "target": "1000",
                              "due_on": today.isoformat()}, content_type="application/json").json()  # fmt: skip
    progress = api(bank_staff).post(f"{BASE}/obligations/{obligation['id']}/progress",
                                    {"recorded_on": today.isoformat(), "amount": "1000", "note": "Akad"},
                                    content_type="application/json")  # fmt: skip
    assert progress.status_code == 201
    assert progress.json()["state"] == "met_on_time"
    card = api(bank_staff).get(f"{BASE}/scorecards/{bank.pk}").json()
    assert card["counts"] == {"met_on_time": 1, "met_late": 0, "missed": 0, "overdue": 0, "on_track": 0}
    assert card["on_time_rate"] == 100


def test_other_region_sees_nothing(api, officer_bandung, draft):
    assert api(officer_bandung).get(f"{BASE}/agreements/").json()["items"] == []
    assert api(officer_bandung).get(f"{BASE}/agreements/{draft.pk}").status_code == 404


def test_outside_parties_only_are_refused(api, officer_kab, office_kab, bank, today):
    bulog = OrganizationFactory(kind="company", name="Perum Bulog", region_id="32.73.13.1007")
    response = api(officer_kab).post(
        f"{BASE}/agreements/",
        {"office_id": office_kab.pk, "kind": "pks", "title": "Luar", "start_on": today.isoformat(),
         "end_on": today.isoformat(), "scopes": ["procurement"], "party_ids": [bank.pk, bulog.pk]},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 400
    assert response.json()["errors"]["parties"] == [
        "Paling sedikit satu pihak harus berada di wilayah kerja dinas Anda."
    ]
    assert Agreement.objects.count() == 0


def test_terminate_and_matches_and_referrals(
    api, officer_kab, office_kab, active, umkm_kab, coop_kab, bank, bank_staff
):
    ended = api(officer_kab).post(f"{BASE}/agreements/{active.pk}/terminate", {"reason": "Selesai"},
                                  content_type="application/json")  # fmt: skip
    assert ended.json()["status"] == "terminated"
    found = api(officer_kab).get(f"{BASE}/matches/{umkm_kab[0].pk}", {"needs": "capital"}).json()
    assert [(m["name"], m["score"]) for m in found] == [
        ("Koperasi Tani Mandiri", 30),
        ("Bank BJB Kantor Cabang Bogor", 25),
    ]
    sent = api(officer_kab).post(f"{BASE}/referrals/", {"office_id": office_kab.pk, "partner_id": bank.pk,
                                                        "organization_id": umkm_kab[0].pk, "scope": "capital"},
                                 content_type="application/json")  # fmt: skip
    assert sent.status_code == 201
    inbox = api(bank_staff).get(f"{BASE}/referrals/").json()["items"]
    assert [r["organization_id"] for r in inbox] == [umkm_kab[0].pk]
    answered = api(bank_staff).post(f"{BASE}/referrals/{inbox[0]['id']}/answer", {"status": "refused"},
                                    content_type="application/json")  # fmt: skip
    assert answered.json()["status"] == "refused"


def test_lending_criteria_for_the_bank_and_its_office_only(api, bank, bank_staff, officer_bogor, officer_kab):
    url = f"{BASE}/lending-criteria/{bank.pk}"
    body = {"scales": ["mikro"], "kbli_prefixes": ["10"], "predicates": ["sehat"]}
    assert api(officer_kab).put(url, body, content_type="application/json").status_code == 404
    assert api(bank_staff).put(url, body, content_type="application/json").json() == body
    assert api(officer_bogor).get(url).json() == body
    bad = api(bank_staff).put(url, {**body, "kbli_prefixes": ["makanan"]}, content_type="application/json")
    assert bad.status_code == 400
    assert api(bank_staff).get(url).json() == body
