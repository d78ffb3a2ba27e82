"""Pages: status, permission, and the whole loop through the forms."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from sinergi.clinic import services
from sinergi.clinic.models import Case, Rating, Recommendation, Visit
from sinergi.clinic.tests.factories import assessed
from sinergi.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def test_index_for_each_role(
    as_user, officer_bogor, clinic_expert, expert, coop_manager, programme, diagnosing
):
    page = as_user(officer_bogor).get(reverse("clinic:index"))
    assert page.status_code == 200
    assert "Klinik Koperasi Kota Bogor" in page.content.decode()
    # The office acts here as the clinic's host, never as a participant asking for it.
    assert "Belum mengikuti klinik konsultasi" not in page.content.decode()
    assert "Minta klinik konsultasi" not in page.content.decode()
    page = as_user(clinic_expert).get(reverse("clinic:index"))
    assert "Kasus yang ditugaskan kepada Anda" in page.content.decode()
    assert "Koperasi Sejahtera Bersama" in page.content.decode()


def test_participant_requests_from_home(as_user, coop_manager, coop_profile, programme, cooperative_bogor):
    client = as_user(coop_manager)
    page = client.get(reverse("home"))
    assert reverse("clinic:request") in page.content.decode()
    response = client.post(reverse("clinic:request"), {"note": "Modal kurang"})
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "clinic:case_detail", args=[case.pk]
    )
    assert (case.stage, case.request_note) == ("requested", "Modal kurang")


def test_programme_page_shows_target_progress(as_user, officer_bogor, programme, enrolled):
    page = as_user(officer_bogor).get(reverse("clinic:programme_detail", args=[programme.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="participants">1</strong> / 30' in text
    assert 'data-testid="good">0</strong> / 10' in text


def test_other_region_gets_404(as_user, officer_bandung, programme, enrolled):
    client = as_user(officer_bandung)
    assert client.get(reverse("clinic:programme_detail", args=[programme.pk])).status_code == 404
    assert client.get(reverse("clinic:case_detail", args=[enrolled.pk])).status_code == 404


def test_unassigned_expert_cannot_open_case(as_user, clinic_expert, expert, enrolled):
    assert as_user(clinic_expert).get(reverse("clinic:case_detail", args=[enrolled.pk])).status_code == 404


def test_participant_does_not_see_ratings(as_user, coop_manager, clinic_expert, diagnosing, problems):
    services.rating_submit(
        actor=clinic_expert, case=diagnosing, problems=[problems["K01"]], severity=3, comment="Rahasia tim"
    )
    page = as_user(coop_manager).get(reverse("clinic:case_detail", args=[diagnosing.pk]))
    assert page.status_code == 200
    assert "Rahasia tim" not in page.content.decode()
    assert as_user(coop_manager).get(reverse("clinic:case_rate", args=[diagnosing.pk])).status_code == 403


def test_expert_does_not_see_other_rating_before_agreement(
    as_user, clinic_expert, expert_two, diagnosing, problems
):
    services.rating_submit(
        actor=expert_two.user,
        case=diagnosing,
        problems=[problems["K01"]],
        severity=1,
        comment="Pendapat kedua",
    )
    page = as_user(clinic_expert).get(reverse("clinic:case_detail", args=[diagnosing.pk]))
    text = page.content.decode()
    assert "Pendapat kedua" not in text
    assert 'data-testid="hidden-ratings"' in text


def test_enrol_from_early_warning_page(as_user, officer_bogor, programme, cooperative_bogor, this_year):
    from sinergi.clinic.tests.factories import CooperativeProfileFactory

    CooperativeProfileFactory(
        organization=cooperative_bogor,
        region=cooperative_bogor.region_id,
        last_rat_date=dt.date(this_year - 4, 3, 1),
    )
    client = as_user(officer_bogor)
    warning = client.get(reverse("health:early_warning"))
    url = reverse("clinic:enrol_warning", args=[cooperative_bogor.pk])
    assert url in warning.content.decode()
    page = client.get(url)
    assert "RAT terlambat (+20)" in page.content.decode()
    response = client.post(url)
    case = Case.objects.get()
    assert response["Location"] == reverse("clinic:case_detail", args=[case.pk])
    assert (case.source, [e["code"] for e in case.evidence]) == ("early_warning", ["rat_overdue"])


def test_early_warning_hides_enrol_for_viewer(as_user, viewer_bogor, programme, cooperative_bogor, this_year):
    from sinergi.clinic.tests.factories import CooperativeProfileFactory

    CooperativeProfileFactory(
        organization=cooperative_bogor,
        region=cooperative_bogor.region_id,
        last_rat_date=dt.date(this_year - 4, 3, 1),
    )
    page = as_user(viewer_bogor).get(reverse("health:early_warning"))
    assert page.status_code == 200
    assert reverse("clinic:enrol_warning", args=[cooperative_bogor.pk]) not in page.content.decode()
    assert (
        as_user(viewer_bogor).post(reverse("clinic:enrol_warning", args=[cooperative_bogor.pk])).status_code
        == 404
    )
    assert Case.objects.count() == 0


def test_whole_loop_through_pages(
    as_user,
    officer_bogor,
    clinic_expert,
    expert,
    expert_two,
    coop_manager,
    programme,
    coop_profile,
    cooperative_bogor,
    problems,
    this_year,
):
    office = as_user(officer_bogor)
    search = office.get(reverse("clinic:enrol", args=[programme.pk]), {"q": "Sejahtera"})
    assert "Koperasi Sejahtera Bersama" in search.content.decode()
    office.post(reverse("clinic:enrol", args=[programme.pk]), {"participant": cooperative_bogor.pk})
    case = Case.objects.get()
    participant = as_user(coop_manager)
    response = participant.post(
        reverse("clinic:case_intake", args=[case.pk]), {"finance_felt": "on", "finance_note": "Modal kerja"}
    )
    assert response.status_code == 302
    office = as_user(officer_bogor)
    office.post(reverse("clinic:case_team", args=[case.pk]), {"experts": [expert.pk, expert_two.pk]})
    expert_client = as_user(clinic_expert)
    assert expert_client.get(reverse("clinic:case_rate", args=[case.pk])).status_code == 200
    expert_client.post(
        reverse("clinic:case_rate", args=[case.pk]),
        {"problems": [problems["K01"].pk], "severity": 3, "comment": "Modal"},
    )
    office = as_user(officer_bogor)
    office.post(
        reverse("clinic:case_agree", args=[case.pk]), {"problems": [problems["K01"].pk], "note": "Sepakat"}
    )
    due = (today() + dt.timedelta(days=20)).isoformat()
    office.post(
        reverse("clinic:recommendation_add", args=[case.pk]),
        {
            "kind": "mentoring",
            "description": "Pendampingan",
            "responsible": "expert",
            "responsible_user": clinic_expert.pk,
            "due_on": due,
        },
    )
    office.post(
        reverse("clinic:visit_add", args=[case.pk]), {"planned_on": today().isoformat(), "purpose": "Cek kas"}
    )
    visit = Visit.objects.get()
    office.post(
        reverse("clinic:visit_record", args=[visit.pk]), {"visited_on": today().isoformat(), "notes": "Rapi"}
    )
    refused = office.post(reverse("clinic:case_close", args=[case.pk]), {"note": ""})
    assert refused.status_code == 200
    assert "Kasus belum dapat ditutup" in refused.content.decode()
    assessed(coop_profile, year=this_year - 1, predicate="cukup_sehat", total="70.00")
    office.post(reverse("clinic:case_close", args=[case.pk]), {"note": "Baik"})
    case.refresh_from_db()
    assert (case.stage, case.result, case.good) == ("closed", "improved", True)
    assert case.intake["finance"] == {"felt": True, "note": "Modal kerja"}
    assert (
        Rating.objects.count(),
        Recommendation.objects.get().responsible_user,
        Visit.objects.get().notes,
    ) == (1, clinic_expert, "Rapi")
    page = office.get(reverse("clinic:programme_detail", args=[programme.pk]))
    assert 'data-testid="good">1</strong> / 10' in page.content.decode()
    detail = office.get(reverse("clinic:case_detail", args=[case.pk]))
    assert detail.status_code == 200 and "Membaik" in detail.content.decode()


def test_programme_create_page(as_user, officer_bogor, office_bogor, this_year):
    client = as_user(officer_bogor)
    assert client.get(reverse("clinic:programme_create")).status_code == 200
    response = client.post(
        reverse("clinic:programme_create"),
        {"office": office_bogor.pk, "name": "Klinik", "year": this_year, "start_year": this_year, "horizon_years": 5,
         "target_participants": 30, "target_good": 40, "good_predicate_steps": 1, "good_sales_growth_pct": "10"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Target berakhir baik tidak boleh melebihi target peserta." in response.content.decode()
    assert not AuditEvent.objects.filter(action="clinic.programme.create").exists()


def test_programme_edit_untouched_changes_nothing(as_user, officer_bogor, programme):
    client = as_user(officer_bogor)
    page = client.get(reverse("clinic:programme_edit", args=[programme.pk]))
    form = page.context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("on" if v is True else v) for k, v in data.items() if v not in (None, False)}
    before = AuditEvent.objects.count()
    client.post(reverse("clinic:programme_edit", args=[programme.pk]), data)
    assert AuditEvent.objects.count() == before


def test_catalogue_and_experts_pages(as_user, officer_bogor, officer_bandung, problems, expert):
    client = as_user(officer_bogor)
    assert "K01" in client.get(reverse("clinic:problem_list")).content.decode()
    assert "Iwan Hermawan" in client.get(reverse("clinic:expert_list")).content.decode()
    assert client.get(reverse("clinic:problem_edit", args=[problems["K01"].pk])).status_code == 200
    other = as_user(officer_bandung)
    assert "K01" not in other.get(reverse("clinic:problem_list")).content.decode()
    assert other.get(reverse("clinic:problem_edit", args=[problems["K01"].pk])).status_code == 404


def test_participant_cannot_open_officer_pages(as_user, coop_manager, enrolled, programme):
    client = as_user(coop_manager)
    assert client.get(reverse("clinic:case_team", args=[enrolled.pk])).status_code == 403
    assert client.get(reverse("clinic:programme_detail", args=[programme.pk])).status_code == 404
    assert client.get(reverse("clinic:problem_list")).status_code == 403


def test_plan_pdf_not_before_agreement(as_user, officer_bogor, diagnosing):
    assert as_user(officer_bogor).get(reverse("clinic:case_pdf", args=[diagnosing.pk])).status_code == 404


def test_plan_pdf_for_participant(as_user, coop_manager, officer_bandung, following):
    client = as_user(coop_manager)
    response = client.get(reverse("clinic:case_pdf", args=[following.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert as_user(officer_bandung).get(reverse("clinic:case_pdf", args=[following.pk])).status_code == 404


def test_progress_report_pdf_and_xlsx(
    as_user, officer_bogor, officer_bandung, clinic_expert, programme, diagnosing
):
    import io

    from openpyxl import load_workbook

    client = as_user(officer_bogor)
    pdf = client.get(reverse("clinic:programme_report", args=[programme.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    xlsx = client.get(reverse("clinic:programme_report", args=[programme.pk, "xlsx"]))
    book = load_workbook(io.BytesIO(xlsx.content))
    assert [row[:2] for row in book["Capaian"].iter_rows(min_row=4, values_only=True)][:3] == [
        ("Target peserta per tahun", 30), ("Target berakhir baik", 10), ("Peserta", 1),
    ]  # fmt: skip
    assert [r[:4] for r in book["Kasus"].iter_rows(min_row=2, values_only=True)] == [
        ("Koperasi Sejahtera Bersama", "Koperasi", "Pencarian registri", "Diagnosis tim")
    ]
    assert client.get(reverse("clinic:programme_report", args=[programme.pk, "csv"])).status_code == 404
    assert (
        as_user(officer_bandung)
        .get(reverse("clinic:programme_report", args=[programme.pk, "pdf"]))
        .status_code
        == 404
    )
    assert (
        as_user(clinic_expert)
        .get(reverse("clinic:programme_report", args=[programme.pk, "xlsx"]))
        .status_code
        == 404
    )


def test_visit_before_enrolment_same_reason_through_form_and_api(as_user, officer_bogor, following):
    from sinergi.accounts.services import api_token_create

    day = (today() - dt.timedelta(days=1)).isoformat()
    reason = "Tanggal kunjungan tidak boleh sebelum tanggal kasus terdaftar."
    before = AuditEvent.objects.count()
    page = as_user(officer_bogor).post(
        reverse("clinic:visit_add", args=[following.pk]), {"planned_on": day, "purpose": "x"}
    )
    assert page.status_code == 200 and reason in page.content.decode()
    _token, raw = api_token_create(actor=officer_bogor, name="uji")
    events = AuditEvent.objects.count()
    from django.test import Client

    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    answer = api.post(
        f"/api/v1/clinic/cases/{following.pk}/visits",
        {"planned_on": day, "purpose": "x"},
        content_type="application/json",
    )
    assert answer.json()["errors"]["planned_on"] == [reason]
    assert Visit.objects.count() == 0
    assert AuditEvent.objects.count() == events and events >= before


def test_stage_filter(as_user, officer_bogor, programme, enrolled, umkm_owner, umkm_bogor, business):
    services.case_request(actor=umkm_owner, participant=umkm_bogor)
    client = as_user(officer_bogor)
    page = client.get(reverse("clinic:programme_detail", args=[programme.pk]), {"tahap": "requested"})
    text = page.content.decode()
    assert "Keripik Talas Bu Euis" in text and "Koperasi Sejahtera Bersama" not in text
    assert 'href="?tahap=enrolled"' in text
    assert "Terdaftar (1)" in text and "Diminta peserta (1)" in text


def test_the_case_page_reads_in_english_with_english_numbers(as_user, officer_bogor, enrolled, settings):
    """Findings and signals are stored as codes and values: each reader sees them in their language."""
    from sinergi.clinic.models import PreDiagnosis

    PreDiagnosis.objects.create(
        case=enrolled, kind="bad_loans_rising", area="finance",
        params={"before": "2.00", "now": "5.50", "y1": 2024, "y2": 2025},
    )  # fmt: skip
    enrolled.evidence = [{"code": "predicate_worst", "label": "Predikat terburuk", "weight": 40}]
    enrolled.save(update_fields=["evidence"])
    client = as_user(officer_bogor)
    client.cookies["sinergi_lang"] = "en"
    html = client.get(reverse("clinic:case_detail", args=[enrolled.pk])).content.decode()
    assert "2.00% (2024) to 5.50% (2025)" in html
    assert "Rasio pinjaman bermasalah naik" not in html
    assert "Predikat terburuk" not in html
    client.cookies["sinergi_lang"] = "id"
    html = client.get(reverse("clinic:case_detail", args=[enrolled.pk])).content.decode()
    assert "2,00% (2024) menjadi 5,50% (2025)" in html
    assert "Predikat terburuk (+40)" in html


def test_plan_pdf_on_the_office_letterhead(as_user, coop_manager, office_bogor, following, monkeypatch):
    """The plan is headed and signed with the office's kop surat, as the recap and certificates are."""
    from django.template.loader import render_to_string

    from sinergi.accounts.models import Letterhead
    from sinergi.clinic.views import cases as case_views

    Letterhead.objects.create(
        office=office_bogor, government="Pemerintah Kota Bogor", office_name="Dinas KUKM Kota Bogor",
        city="Bogor", signer_title="Kepala Dinas", signer_name="Drs. H. Ahmad Sanusi",
        signer_nip="196805121990031004",
    )  # fmt: skip
    monkeypatch.setattr(case_views, "render_pdf", lambda template, context: render_to_string(template, context))
    html = as_user(coop_manager).get(reverse("clinic:case_pdf", args=[following.pk])).content.decode()
    for text in ("Pemerintah Kota Bogor", "Dinas KUKM Kota Bogor", "Bogor, ", "Kepala Dinas",
                 "Drs. H. Ahmad Sanusi", "NIP 196805121990031004"):  # fmt: skip
        assert text in html, text


def test_a_request_waits_on_the_office_home_until_accepted(
    client, coop_manager, coop_profile, programme, officer_bogor, officer_bandung
):
    from sinergi.home import office_queues

    label = "permintaan klinik konsultasi menunggu diterima"
    case = services.case_request(actor=coop_manager, participant=coop_profile.organization)
    assert {q.label: (q.count, q.url) for q in office_queues(officer_bogor)}[label] == (1, "/klinik/")
    assert {q.label: q.count for q in office_queues(officer_bandung)}[label] == 0
    services.case_accept(actor=officer_bogor, case=case)
    assert {q.label: q.count for q in office_queues(officer_bogor)}[label] == 0
