"""Health pages: status, permission and the main path of each; the assessment page shows the numbers
`sinergi health_assess` computes from the report's JSON."""

import io
import json
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook

from sinergi.core.models import Job
from sinergi.health import services
from sinergi.health.models import AnnualReport, QuestionnaireVersion, ReportAttachment
from sinergi.health.tests.factories import AnnualReportFactory

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"health:{name}", args=args)


def test_login_required(client):
    response = client.get(url("report_list"))
    assert response.status_code == 302
    assert "/masuk/" in response["Location"]


def test_list_shows_only_the_reach(as_user, officer_bogor, ksp_bogor, ksp_bandung):
    AnnualReportFactory(cooperative=ksp_bogor)
    AnnualReportFactory(cooperative=ksp_bandung)
    response = as_user(officer_bogor).get(url("report_list"))
    assert response.status_code == 200
    assert "Koperasi Sejahtera Bersama" in response.text
    assert "Koperasi Mekar Sari" not in response.text


def test_list_fragment_for_htmx(as_user, coop_manager, ksp_bogor):
    AnnualReportFactory(cooperative=ksp_bogor)
    response = as_user(coop_manager).get(url("report_list"), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "1 laporan" in response.text


def test_list_is_not_for_others(as_user, umkm_owner):
    assert as_user(umkm_owner).get(url("report_list")).status_code == 403


def test_create_page_shows_every_question(as_user, coop_manager, ksp_bogor):
    response = as_user(coop_manager).get(url("report_create"))
    assert response.status_code == 200
    assert response.text.count('type="radio"') == 38 * 2
    assert "Manajemen likuiditas" in response.text


def test_create_from_the_form(as_user, coop_manager, ksp_bogor):
    data = {
        "cooperative": ksp_bogor.pk,
        "year": "2024",
        "rat_date": "2025-03-15",
        "total_aset": "1.250.000.000",
        "kas": "Rp 60.000.000",
        "bank": "90 jt",
        "q_umum_1": "ya",
        "q_umum_2": "tidak",
    }
    response = as_user(coop_manager).post(url("report_create"), data)
    report = AnnualReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("report_detail", report.pk)
    assert (report.total_aset, report.kas, report.bank) == (
        Decimal("1250000000.00"),
        Decimal("60000000.00"),
        Decimal("90000000.00"),
    )
    assert report.manajemen["umum"][:3] == [True, False, None]


def test_create_shows_errors_on_fields(as_user, coop_manager, ksp_bogor):
    data = {
        "cooperative": ksp_bogor.pk,
        "year": "2024",
        "total_aset": "100.000",
        "kas": "200.000",
        "bank": "lima",
    }
    response = as_user(coop_manager).post(url("report_create"), data)
    assert response.status_code == 200
    assert "Bukan jumlah uang yang sah" in response.text
    assert AnnualReport.objects.count() == 0
    data["bank"] = "0"
    response = as_user(coop_manager).post(url("report_create"), data)
    assert "melebihi total aset" in response.text
    assert AnnualReport.objects.count() == 0


def test_create_is_not_for_a_supervisor(as_user, coop_supervisor, ksp_bogor):
    assert as_user(coop_supervisor).get(url("report_create")).status_code == 403


def test_detail_other_region_is_404(as_user, officer_bandung, draft):
    assert as_user(officer_bandung).get(url("report_detail", draft.pk)).status_code == 404


def test_detail_actions_follow_the_role(as_user, draft, coop_manager, officer_bogor, coop_supervisor):
    page = as_user(coop_manager).get(url("report_detail", draft.pk)).text
    assert "Ajukan ke dinas" in page
    page = as_user(coop_supervisor).get(url("report_detail", draft.pk)).text
    assert "Ajukan ke dinas" not in page
    services.annual_report_submit(actor=coop_manager, report=draft)
    page = as_user(officer_bogor).get(url("report_detail", draft.pk)).text
    assert "Verifikasi dan nilai" in page
    assert "SHU sebelum pajak" in page  # the stored warning


def test_edit_and_submit_and_verify(as_user, draft, coop_manager, officer_bogor, client):
    client = as_user(coop_manager)
    form = client.get(url("report_edit", draft.pk))
    assert form.status_code == 200
    assert 'value="60.000.000"' in form.text
    data = {"year": "2024", "rat_date": "2025-03-15", "total_aset": "1.250.000.000", "kas": "61.000.000"}
    assert client.post(url("report_edit", draft.pk), data).status_code == 302
    draft.refresh_from_db()
    assert draft.kas == Decimal("61000000.00")
    assert draft.bank is None
    assert client.post(url("report_submit", draft.pk)).status_code == 302
    assert client.get(url("report_edit", draft.pk)).status_code == 403
    client.force_login(officer_bogor)
    response = client.post(url("report_verify", draft.pk), {"comment": "ok"})
    assert response["Location"] == url("assessment_detail", draft.pk)
    draft.refresh_from_db()
    assert draft.status == "verified"


def test_return_without_comment_is_refused(as_user, submitted, officer_bogor):
    client = as_user(officer_bogor)
    response = client.post(url("report_return", submitted.pk), {"comment": ""}, follow=True)
    assert "Tuliskan apa yang perlu diperbaiki" in response.text
    submitted.refresh_from_db()
    assert submitted.status == "submitted"
    client.post(url("report_return", submitted.pk), {"comment": "Kas tidak sesuai neraca"})
    submitted.refresh_from_db()
    assert submitted.status == "returned"


def test_manager_cannot_verify(as_user, submitted, coop_manager):
    response = as_user(coop_manager).post(url("report_verify", submitted.pk), follow=True)
    assert "petugas dinas" in response.text
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_delete_draft(as_user, draft, coop_manager):
    assert as_user(coop_manager).post(url("report_delete", draft.pk)).status_code == 302
    assert AnnualReport.objects.count() == 0


def test_attachment_upload_and_download(as_user, draft, coop_manager, officer_bandung):
    client = as_user(coop_manager)
    pdf = SimpleUploadedFile("notulen.pdf", b"%PDF-1.4 notulen", content_type="application/pdf")
    client.post(url("attachment_add", draft.pk), {"file": pdf})
    attachment = ReportAttachment.objects.get()
    response = client.get(url("attachment_download", draft.pk, attachment.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 notulen"
    assert 'attachment; filename="notulen.pdf"' in response["Content-Disposition"]
    client.force_login(officer_bandung)
    assert client.get(url("attachment_download", draft.pk, attachment.pk)).status_code == 404
    client.force_login(coop_manager)
    client.post(url("attachment_remove", draft.pk, attachment.pk))
    assert ReportAttachment.objects.count() == 0


def test_report_json_is_the_scoring_input(as_user, draft, coop_manager):
    response = as_user(coop_manager).get(url("report_json", draft.pk))
    assert response.status_code == 200
    assert json.loads(response.content) == services.report_input(draft)


def page_numbers(text):
    """The total and every component score as the assessment page shows them (Indonesian format)."""
    total = re.search(r'data-testid="total">([\d.,]+)<', text).group(1)
    scores = dict(re.findall(r'data-testid="skor-(\w+)">.*?<strong>([\d.,]+)</strong>', text, re.S))

    def plain(number):
        return number.replace(".", "").replace(",", ".")

    return plain(total), {code: plain(value) for code, value in scores.items()}


def test_the_cli_reproduces_the_numbers_of_the_page(as_user, verified, coop_manager, tmp_path, capsys):
    client = as_user(coop_manager)
    page = client.get(url("assessment_detail", verified.pk))
    assert page.status_code == 200
    path = tmp_path / "laporan.json"
    path.write_bytes(client.get(url("report_json", verified.pk)).content)
    call_command("health_assess", str(path), "--json")
    cli = json.loads(capsys.readouterr().out)
    total, scores = page_numbers(page.text)
    assert total == cli["total"] == "72.05"
    expected = {c["code"]: c["skor"] for a in cli["aspects"] for c in a["components"]}
    assert scores == expected
    assert "Peraturan Deputi Bidang Pengawasan No. 06/Per/Dep.6/IV/2016" in page.text
    assert "40 &lt; x ≤ 60" in page.text
    assert 'id="health-trend-data"' in page.text
    assert 'data-code="A1"' in page.text


def test_assessment_page_scope_and_pdf(as_user, verified, officer_bandung, officer_bogor):
    client = as_user(officer_bandung)
    assert client.get(url("assessment_detail", verified.pk)).status_code == 404
    assert client.get(url("assessment_pdf", verified.pk)).status_code == 404
    client.force_login(officer_bogor)
    response = client.get(url("assessment_pdf", verified.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_cooperative_health_page(as_user, verified, coop_manager, officer_bandung, ksp_bogor):
    client = as_user(coop_manager)
    response = client.get(url("cooperative_health", ksp_bogor.pk))
    assert response.status_code == 200
    assert "72,05" in response.text
    client.force_login(officer_bandung)
    assert client.get(url("cooperative_health", ksp_bogor.pk)).status_code == 404


def test_questionnaire_pages(as_user, admin_bogor, officer_bogor):
    client = as_user(officer_bogor)
    assert client.get(url("questionnaire")).status_code == 200
    assert client.get(url("questionnaire_edit")).status_code == 403
    client.force_login(admin_bogor)
    current = services.questionnaire_current()
    data = {"note": "Rumusan baru"}
    for q in current.questions.all():
        data[f"{q.group}_{q.number}"] = q.text
        data[f"{q.group}_{q.number}_en"] = q.text_en
    data["umum_1"] = "Pertanyaan umum pertama yang baru?"
    assert client.post(url("questionnaire_edit"), data).status_code == 302
    version = QuestionnaireVersion.objects.get(is_current=True)
    assert version.questions.get(group="umum", number=1).text == "Pertanyaan umum pertama yang baru?"
    assert client.get(url("questionnaire_version", current.pk)).status_code == 200


def test_import_flow(as_user, coop_manager, ksp_bogor, django_capture_on_commit_callbacks):
    client = as_user(coop_manager)
    assert client.get(url("report_import")).status_code == 200
    template = client.get(url("import_template"))
    assert template.content[:2] == b"PK"
    workbook = Workbook()
    workbook.active.append(["koperasi_id", "year", "rat_date", "total_aset", "kas"])
    workbook.active.append([ksp_bogor.pk, 2024, "2025-03-15", 1_000_000_000, "50.000.000"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("laporan.xlsx", buffer.getvalue())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("report_import"), {"file": upload})
    job = Job.objects.get()
    assert response["Location"] == reverse("job_detail", args=[job.pk])
    job.refresh_from_db()
    assert job.status == "done"
    assert job.result["created"] == 1
    result = client.get(url("import_result", job.pk))
    assert "laporan baru" in result.text
    assert AnnualReport.objects.get().kas == Decimal("50000000.00")


def test_import_is_not_for_others(as_user, umkm_owner):
    assert as_user(umkm_owner).get(url("report_import")).status_code == 403


def test_rescore_page(as_user, verified, officer_bogor, coop_manager, django_capture_on_commit_callbacks):
    client = as_user(coop_manager)
    assert client.get(url("rescore")).status_code == 403
    client.force_login(officer_bogor)
    assert client.get(url("rescore")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("rescore"), {"year": "2024", "rules": "permen-14-2009"})
    job = Job.objects.get(kind="health.score_year")
    assert response["Location"] == reverse("job_detail", args=[job.pk])
    job.refresh_from_db()
    assert (job.status, job.result["scored"]) == ("done", 1)
    verified.assessment.refresh_from_db()
    assert verified.assessment.rules == "permen-14-2009"
