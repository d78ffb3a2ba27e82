"""What the report and assessment screens say: the draft saves as the user goes, no stored code shows,
the technical download is for offices, and a non-KSP assessment says it is indicative."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.urls import reverse

from sinergi.core.models import AuditEvent, Job
from sinergi.health import services
from sinergi.health.models import AnnualReport, ReportStatus
from sinergi.health.scoring import RULE_SETS
from sinergi.registry.models import CooperativeProfile, CooperativeType

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"health:{name}", args=args)


def edit_data(**changes):
    data = {"year": "2024", "rat_date": "2025-03-15", "total_aset": "1.250.000.000", "kas": "60.000.000"}
    data.update(changes)
    return data


def test_draft_save_keeps_what_is_typed_and_does_not_submit(client, draft, coop_manager):
    client.force_login(coop_manager)
    response = client.post(url("report_draft_save", draft.pk), edit_data(kas="75.000.000", bank="", q_umum_1="tidak"))
    assert response.status_code == 200
    answer = response.json()
    draft.refresh_from_db()
    assert answer["saved"] is True
    assert answer["stamp"] == draft.updated_at.isoformat()
    assert (draft.status, draft.kas, draft.bank) == (ReportStatus.DRAFT, Decimal("75000000.00"), None)
    assert draft.manajemen["umum"][0] is False
    assert AuditEvent.objects.filter(action="annual_report.update", object_id=str(draft.pk)).count() == 1


def test_draft_save_skips_a_figure_not_yet_valid(client, draft, coop_manager):
    client.force_login(coop_manager)
    response = client.post(url("report_draft_save", draft.pk), edit_data(kas="70.000.000", bank="lima"))
    answer = response.json()
    draft.refresh_from_db()
    assert answer["saved"] is True
    assert answer["errors"] == {"bank": ["Bukan jumlah uang yang sah: lima"]}
    assert draft.kas == Decimal("70000000.00")
    assert draft.bank == Decimal("90000000.00")  # the golden value stays until a valid one is typed


def test_draft_save_refused_by_the_update_rule_changes_nothing(client, draft, coop_manager):
    client.force_login(coop_manager)
    before = AnnualReport.objects.filter(pk=draft.pk).values().get()
    response = client.post(url("report_draft_save", draft.pk), edit_data(kas="2.000.000.000", bank="0"))
    assert response.status_code == 422
    assert response.json()["saved"] is False
    assert "melebihi total aset" in response.json()["errors"]["kas"][0]
    assert AnnualReport.objects.filter(pk=draft.pk).values().get() == before


def test_draft_save_is_not_for_a_submitted_report_or_others(client, submitted, coop_manager, officer_bandung):
    client.force_login(coop_manager)
    assert client.post(url("report_draft_save", submitted.pk), edit_data(kas="1")).status_code == 403
    client.force_login(officer_bandung)
    assert client.post(url("report_draft_save", submitted.pk), edit_data(kas="1")).status_code == 404
    submitted.refresh_from_db()
    assert submitted.kas == Decimal("60000000.00")


def test_first_draft_save_creates_the_report(client, coop_manager, ksp_bogor):
    client.force_login(coop_manager)
    waiting = client.post(url("report_draft_create"), {"cooperative": ksp_bogor.pk, "kas": "5.000.000"})
    assert waiting.status_code == 202
    assert AnnualReport.objects.count() == 0
    response = client.post(url("report_draft_create"), {"cooperative": ksp_bogor.pk, "year": "2024", "kas": "5.000.000"})
    report = AnnualReport.objects.get()
    assert response.json()["edit_url"] == url("report_edit", report.pk)
    assert response.json()["draft_url"] == url("report_draft_save", report.pk)
    assert (report.status, report.year, report.kas) == (ReportStatus.DRAFT, 2024, Decimal("5000000.00"))


def test_form_has_no_field_codes_and_keeps_its_totals(client, draft, coop_manager):
    client.force_login(coop_manager)
    text = client.get(url("report_edit", draft.pk)).text
    assert "total_aset</small>" not in text
    assert 'data-terms="kas:1 bank:1" data-compare="total_aset" data-kind="at_most"' in text
    assert "data-autosave-status" in text
    assert f'data-draft-url="{url("report_draft_save", draft.pk)}"' in text


def test_rejected_form_shows_a_summary_at_the_top(client, coop_manager, ksp_bogor):
    client.force_login(coop_manager)
    data = {"cooperative": ksp_bogor.pk, "year": "2024", "total_aset": "100.000", "bank": "lima"}
    text = client.post(url("report_create"), data).text
    summary = text.index("data-form-errors")
    assert summary < text.index('id="bagian-neraca"')
    assert '<a href="#id_bank">Bank</a>: Bukan jumlah uang yang sah: lima' in text


def test_report_page_speaks_in_words_and_hides_the_json_from_cooperatives(client, draft, coop_manager, officer_bogor):
    client.force_login(coop_manager)
    text = client.get(url("report_detail", draft.pk)).text
    assert "<small class=\"muted\">total_aset</small>" not in text
    assert "annual_report.create" not in text
    assert "Laporan dibuat" in text
    assert url("report_json", draft.pk) not in text
    client.force_login(officer_bogor)
    text = client.get(url("report_detail", draft.pk)).text
    assert '<details class="advanced no-print"><summary>Lanjutan</summary>' in text
    assert url("report_json", draft.pk) in text


def test_assessment_page_names_the_rule_set_and_writes_formulas_in_words(client, verified, coop_manager):
    client.force_login(coop_manager)
    text = client.get(url("assessment_detail", verified.pk)).text
    assert "perdep-06-2016" not in text
    assert "reference.md" not in text
    assert "modal_sendiri" not in text
    assert 'data-testid="formula-1a">modal sendiri / total aset × 100<' in text
    assert "Penilaian resmi koperasi simpan pinjam" in text
    assert url("report_json", verified.pk) not in text


def test_assessment_of_a_non_ksp_is_indicative_and_says_so(client, ksp_bogor, coop_manager, officer_bogor, values, answers):
    CooperativeProfile.objects.filter(pk=ksp_bogor.pk).update(cooperative_type=CooperativeType.KONSUMEN)
    ksp_bogor.refresh_from_db()
    report = services.annual_report_create(
        actor=coop_manager,
        cooperative=ksp_bogor,
        year=2024,
        rat_date=dt.date(2025, 3, 15),
        values=values,
        manajemen=answers,
    )
    services.annual_report_submit(actor=coop_manager, report=report)
    services.annual_report_verify(actor=officer_bogor, report=report)
    report.refresh_from_db()
    assert report.assessment.official is False
    client.force_login(officer_bogor)
    text = client.get(url("assessment_detail", report.pk)).text
    assert 'data-testid="indicative">Metode indikatif (bukan penilaian resmi)<' in text
    assert " / 55,00 × 100.</span>" in text
    assert "Peraturan Deputi 06/2016 hanya berlaku" not in text


def test_rescore_job_names_the_rule_set(client, verified, officer_bogor, django_capture_on_commit_callbacks):
    client.force_login(officer_bogor)
    response = client.post(url("rescore"), {"year": "2024", "rules": "permen-14-2009"})
    assert response.status_code == 302
    job = Job.objects.get()
    assert "permen-14-2009" not in job.label
    assert json.dumps(job.params) == '{"year": 2024, "rules": "permen-14-2009"}'


def test_after_a_rescore_the_page_shows_only_the_rule_set_used(client, verified, officer_bogor):
    services.assessment_score(actor=officer_bogor, report=verified, rules="permen-14-2009")
    client.force_login(officer_bogor)
    text = client.get(url("assessment_detail", verified.pk)).text
    name = RULE_SETS["permen-14-2009"].name
    assert text.count(name) == 2  # the summary and the history row
    assert RULE_SETS["permen-14-2009"].regulation in text
    assert RULE_SETS["perdep-06-2016"].name not in text
    assert RULE_SETS["perdep-06-2016"].regulation not in text
    assert 'data-testid="stale"' not in text
