"""The partnership pages: status, scoping (another region sees nothing), the creation form with the
jurisdiction rule, signing, obligations, documents, the summary PDF, scorecards, referrals and
matchmaking."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from sinergi.accounts.tests.factories import OrganizationFactory
from sinergi.core.models import AuditEvent
from sinergi.partnerships import services
from sinergi.partnerships.models import Agreement, MatchDecision, Referral
from sinergi.partnerships.tests.factories import fake_pdf, pdf_upload

pytestmark = pytest.mark.django_db


def test_index_lists_the_agreements_of_the_jurisdiction_only(as_user, officer_kab, officer_bandung, draft):
    page = as_user(officer_kab).get(reverse("partnerships:index"))
    assert page.status_code == 200
    assert "MoU Kolaborasi Koperasi dan Usaha Mikro" in page.content.decode()
    other = as_user(officer_bandung).get(reverse("partnerships:index"))
    assert "MoU Kolaborasi Koperasi dan Usaha Mikro" not in other.content.decode()
    assert (
        as_user(officer_bandung).get(reverse("partnerships:agreement_detail", args=[draft.pk])).status_code
        == 404
    )


def test_a_party_sees_its_agreement_and_the_bank_its_scorecard(
    as_user, coop_kab_manager, bank_staff, bank, draft, umkm_owner
):
    assert (
        as_user(coop_kab_manager).get(reverse("partnerships:agreement_detail", args=[draft.pk])).status_code
        == 200
    )
    card = as_user(bank_staff).get(reverse("partnerships:scorecard", args=[bank.pk]))
    assert card.status_code == 200
    assert "Rapor Bank BJB Kantor Cabang Bogor" in card.content.decode()
    assert (
        as_user(umkm_owner).get(reverse("partnerships:agreement_detail", args=[draft.pk])).status_code == 404
    )
    assert as_user(umkm_owner).get(reverse("partnerships:scorecard", args=[bank.pk])).status_code == 404


def _form(office, parties, **extra):
    data = {"office": office.pk, "kind": "mou", "title": "MoU Baru", "number": "", "purpose": "",
            "start_on": "2026-01-01", "end_on": "2027-12-31", "scopes": ["capital", "marketing"]}  # fmt: skip
    for i, org in enumerate(parties, start=1):
        data[f"party_{i}"] = org.pk
    data.update(extra)
    return data


def test_create_form_refuses_when_no_party_is_inside_the_jurisdiction(as_user, officer_kab, office_kab, bank):
    bulog = OrganizationFactory(kind="company", name="Perum Bulog", region_id="32.73.13.1007")
    page = as_user(officer_kab).post(
        reverse("partnerships:agreement_create"), _form(office_kab, [bank, bulog])
    )
    assert page.status_code == 200
    assert "Paling sedikit satu pihak harus berada di wilayah kerja dinas Anda." in page.content.decode()
    assert Agreement.objects.count() == 0


def test_create_form_records_a_draft(as_user, officer_kab, office_kab, coop_kab, bank):
    page = as_user(officer_kab).post(
        reverse("partnerships:agreement_create"), _form(office_kab, [coop_kab, bank])
    )
    agreement = Agreement.objects.get()
    assert page.status_code == 302 and page.url == reverse(
        "partnerships:agreement_detail", args=[agreement.pk]
    )
    assert (agreement.scopes, agreement.parties.count(), agreement.start_on) == (
        ["capital", "marketing"],
        2,
        dt.date(2026, 1, 1),
    )


def test_party_members_may_not_open_the_create_form(as_user, coop_kab_manager):
    assert as_user(coop_kab_manager).get(reverse("partnerships:agreement_create")).status_code == 403


def test_sign_page_and_non_pdf_document(as_user, officer_kab, draft):
    party = draft.parties.first()
    client = as_user(officer_kab)
    url = reverse("partnerships:party_sign", args=[draft.pk, party.pk])
    assert client.get(url).status_code == 200
    client.post(
        url, {"signatory_name": "Ujang", "signatory_title": "Ketua", "signed_on": draft.start_on.isoformat()}
    )
    party.refresh_from_db()
    assert party.signatory_name == "Ujang"
    page = client.post(
        reverse("partnerships:document_add", args=[draft.pk]),
        {"title": "MoU", "file": fake_pdf()},
        follow=True,
    )
    assert "Dokumen harus berupa PDF." in page.content.decode()
    assert not draft.documents.exists()
    client.post(reverse("partnerships:document_add", args=[draft.pk]), {"title": "MoU", "file": pdf_upload()})
    document = draft.documents.get()
    download = client.get(reverse("partnerships:document_download", args=[draft.pk, document.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF-")


def test_obligation_form_refuses_a_due_date_before_the_start(as_user, officer_kab, active):
    party = active.parties.first()
    data = {"party": party.pk, "measure": "evidence", "description": "Awal", "target": "5",
            "due_on": (active.start_on - dt.timedelta(days=1)).isoformat()}  # fmt: skip
    page = as_user(officer_kab).post(reverse("partnerships:obligation_add", args=[active.pk]), data)
    assert "Batas waktu kewajiban tidak boleh sebelum perjanjian mulai berlaku." in page.content.decode()
    assert not active.obligations.exists()


def test_obligation_page_records_evidence(as_user, bank_staff, officer_kab, active, today):
    obligation = services.obligation_add(
        actor=officer_kab, agreement=active, party=active.parties.get(organization__kind="bank"), measure="loans",
        description="KUR", target=Decimal(100_000_000), due_on=today,
    )  # fmt: skip
    client = as_user(bank_staff)
    page = client.post(
        reverse("partnerships:obligation_detail", args=[obligation.pk]),
        {
            "recorded_on": today.isoformat(),
            "amount": "100000000",
            "note": "Akad KUR",
            "file": pdf_upload("akad.pdf"),
        },
    )
    assert page.status_code == 302
    obligation.refresh_from_db()
    assert (obligation.achieved, obligation.state) == (Decimal(100_000_000), "met_on_time")
    detail = client.get(reverse("partnerships:obligation_detail", args=[obligation.pk])).content.decode()
    assert "Rp100.000.000 / Rp100.000.000" in detail
    assert "Tercapai tepat waktu" in detail


def test_summary_pdf_on_the_letterhead(as_user, officer_kab, active):
    response = as_user(officer_kab).get(reverse("partnerships:agreement_pdf", args=[active.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_terminate_page_needs_a_reason(as_user, officer_kab, coop_kab_manager, active):
    url = reverse("partnerships:agreement_terminate", args=[active.pk])
    assert as_user(coop_kab_manager).post(url, {"reason": "x"}).status_code == 403
    active.refresh_from_db()
    assert active.status == "active"
    as_user(officer_kab).post(url, {"reason": "Program selesai lebih awal"})
    active.refresh_from_db()
    assert active.status == "terminated"


def test_referral_pages_for_office_and_bank(as_user, officer_kab, office_kab, bank, bank_staff, umkm_kab):
    client = as_user(officer_kab)
    assert client.get(reverse("partnerships:referral_create")).status_code == 200
    client.post(reverse("partnerships:referral_create"), {"office": office_kab.pk, "organization": umkm_kab[1].pk,
                                                          "partner": bank.pk, "scope": "capital", "note": "Modal"})  # fmt: skip
    referral = Referral.objects.get()
    inbox = as_user(bank_staff).get(reverse("partnerships:referral_list")).content.decode()
    assert "Keripik Singkong Ceu Iis" in inbox
    as_user(bank_staff).post(
        reverse("partnerships:referral_answer", args=[referral.pk]), {"status": "accepted", "answer": "OK"}
    )
    referral.refresh_from_db()
    assert referral.status == "accepted"


def test_matches_page_words_the_reasons_and_records_decisions(as_user, officer_kab, umkm_kab, coop_kab, bank):
    client = as_user(officer_kab)
    page = client.get(reverse("partnerships:matches"), {"seeker": umkm_kab[0].pk, "needs": ["capital"]})
    text = page.content.decode()
    assert "+30 di kecamatan yang sama" in text
    assert "same_district" not in text
    response = client.post(reverse("partnerships:match_decide", args=[umkm_kab[0].pk]),
                           {"candidate": coop_kab.pk, "then": "agreement"})  # fmt: skip
    assert (
        response.url
        == reverse("partnerships:agreement_create") + f"?party_1={umkm_kab[0].pk}&party_2={coop_kab.pk}"
    )
    decision = MatchDecision.objects.get()
    assert (decision.decision, decision.score) == ("accepted", 30)
    assert AuditEvent.objects.filter(action="partnerships.match.decide").count() == 1


def test_lending_criteria_page_saves_and_refuses_strangers(as_user, bank, bank_staff, officer_kab):
    url = reverse("partnerships:lending_criteria_edit", args=[bank.pk])
    assert as_user(officer_kab).get(url).status_code == 404
    response = as_user(bank_staff).post(
        url, {"scales": ["mikro"], "kbli_prefixes": "10, 56", "predicates": ["sehat"]}
    )
    assert response.status_code == 302
    stored = bank.lending_criteria
    assert (stored.scales, stored.kbli_prefixes, stored.predicates) == (["mikro"], ["10", "56"], ["sehat"])
