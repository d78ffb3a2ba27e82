"""Annual reports, attachments, assessments and the questionnaire: every transition and every denial.

A denial test also checks that nothing changed: same status, same figures, no new audit event.
"""

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from sinergi.core.models import AuditEvent
from sinergi.health import services
from sinergi.health.models import AnnualReport, Assessment, QuestionnaireVersion, ReportAttachment
from sinergi.health.scoring import assess, assess_indicative, questionnaire
from sinergi.health.scoring.decimals import display
from sinergi.health.scoring.stored import compact_inputs, component_scores, explain
from sinergi.health.tests.factories import AnnualReportFactory
from sinergi.registry.models import CooperativeProfile

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def xlsx_bytes():
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def state(report):
    """Everything a denied call must leave as it was."""
    report.refresh_from_db()
    return (report.status, report.kas, report.review_comment, report.updated_at, AuditEvent.objects.count())


# --- create ---------------------------------------------------------------------------------------


def test_manager_creates_a_draft_with_exact_figures(coop_manager, ksp_bogor, values, answers):
    report = services.annual_report_create(
        actor=coop_manager, cooperative=ksp_bogor, year=2024, rat_date=dt.date(2025, 3, 15), values=values, manajemen=answers
    )
    report.refresh_from_db()
    assert report.status == "draft"
    assert report.total_aset == Decimal("1250000000.00")
    assert report.modal_sendiri is None
    assert report.manajemen == answers
    assert report.questionnaire.code == questionnaire.VERSION
    assert report.created_by == coop_manager
    event = AuditEvent.objects.get(action="annual_report.create")
    assert event.organization_id == ksp_bogor.organization_id
    assert event.region_code == "32.71.06.1001"
    assert event.after["total_aset"] == "1250000000.00"
    # The golden figures carry other income: SHU before tax is not SHU kotor less costs.
    assert [c["code"] for c in report.checks] == ["shu_consistency"]


def test_missing_answers_are_kept_as_unanswered(coop_manager, ksp_bogor):
    report = services.annual_report_create(actor=coop_manager, cooperative=ksp_bogor, year=2024)
    assert report.manajemen["umum"] == [None] * 12
    assert report.manajemen["likuiditas"] == [None] * 5
    assert report.checks == []


@pytest.mark.parametrize("who", ["coop_staff", "officer_bogor", "admin_bogor", "superuser"])
def test_entry_roles_may_create(request, who, ksp_bogor):
    actor = request.getfixturevalue(who)
    report = services.annual_report_create(actor=actor, cooperative=ksp_bogor, year=2023)
    assert report.created_by == actor


@pytest.mark.parametrize("who", ["coop_supervisor", "viewer_bogor", "officer_bandung", "umkm_owner", "bandung_manager"])
def test_others_may_not_create(request, who, ksp_bogor):
    actor = request.getfixturevalue(who)
    events = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        services.annual_report_create(actor=actor, cooperative=ksp_bogor, year=2023)
    assert AnnualReport.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_one_report_per_year(draft, coop_manager, ksp_bogor):
    with pytest.raises(ValidationError) as caught:
        services.annual_report_create(actor=coop_manager, cooperative=ksp_bogor, year=2024)
    assert "year" in caught.value.message_dict
    assert AnnualReport.objects.count() == 1


def test_year_must_be_closed(coop_manager, ksp_bogor):
    this_year = dt.date.today().year
    with pytest.raises(ValidationError) as caught:
        services.annual_report_create(actor=coop_manager, cooperative=ksp_bogor, year=this_year)
    assert "belum ditutup" in caught.value.message_dict["year"][0]
    assert AnnualReport.objects.count() == 0


@pytest.mark.parametrize(
    ("rat_date", "message"),
    [(dt.date(2024, 12, 31), "setelah tutup buku"), (dt.date.today() + dt.timedelta(days=1), "masa depan")],
)
def test_rat_date_follows_the_year_end_and_is_not_in_the_future(coop_manager, ksp_bogor, rat_date, message):
    with pytest.raises(ValidationError) as caught:
        services.annual_report_create(actor=coop_manager, cooperative=ksp_bogor, year=2024, rat_date=rat_date)
    assert message in caught.value.message_dict["rat_date"][0]


def test_a_june_year_end_closes_the_year_in_june(coop_manager, ksp_bogor):
    CooperativeProfile.objects.filter(pk=ksp_bogor.pk).update(fiscal_year_end_month=6)
    ksp_bogor.refresh_from_db()
    with pytest.raises(ValidationError):
        services.annual_report_create(actor=coop_manager, cooperative=ksp_bogor, year=2024, rat_date=dt.date(2024, 6, 1))
    report = services.annual_report_create(actor=coop_manager, cooperative=ksp_bogor, year=2024, rat_date=dt.date(2024, 9, 1))
    assert report.rat_date == dt.date(2024, 9, 1)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kas": Decimal("-1")}, "kas"),
        ({"total_aset": Decimal("1.005")}, "total_aset"),
        ({"kas": Decimal("1200000000")}, "kas"),
        ({"pinjaman_berisiko": Decimal("1100000000")}, "pinjaman_berisiko"),
        ({"pinjaman_macet": Decimal("960000000")}, "pinjaman_macet"),
        ({"volume_pinjaman_anggota": Decimal("1900000000")}, "volume_pinjaman_anggota"),
        ({"partisipasi_neto": Decimal("250000000")}, "partisipasi_neto"),
        ({"shu_bagian_anggota": Decimal("80000000")}, "shu_bagian_anggota"),
        ({"modal_sendiri": Decimal("1250000001")}, "modal_sendiri"),
        ({"cadangan_risiko": Decimal("0"), "pinjaman_diberikan": Decimal("1150000000")}, "pinjaman_diberikan"),
        ({"kas_tunai": Decimal("1")}, "kas_tunai"),
        ({"bank": "sejuta"}, "bank"),
    ],
)
def test_impossible_figures_are_refused(coop_manager, ksp_bogor, values, changes, field):
    values.update(changes)
    with pytest.raises(ValidationError) as caught:
        services.annual_report_create(actor=coop_manager, cooperative=ksp_bogor, year=2024, values=values)
    assert field in caught.value.message_dict
    assert AnnualReport.objects.count() == 0


def test_signed_fields_may_be_negative_and_sums_have_a_tolerance(coop_manager, ksp_bogor, values):
    values.update(
        cadangan=Decimal("-20000000"),
        shu_sebelum_pajak=Decimal("-5000000"),
        shu_bagian_anggota=Decimal("0"),
        # kas + bank exceed total assets by Rp 500: rounding, within the Rp 1.000 tolerance.
        kas=Decimal("1160000500"),
        bank=Decimal("90000000"),
        pinjaman_diberikan=Decimal("0"),
        cadangan_risiko=Decimal("0"),
        pinjaman_berisiko=Decimal("0"),
        pinjaman_kurang_lancar=Decimal("0"),
        pinjaman_diragukan=Decimal("0"),
        pinjaman_macet=Decimal("0"),
    )
    report = services.annual_report_create(actor=coop_manager, cooperative=ksp_bogor, year=2024, values=values)
    assert report.cadangan == Decimal("-20000000")


def test_answers_of_the_wrong_length_are_refused(coop_manager, ksp_bogor):
    with pytest.raises(ValidationError) as caught:
        services.annual_report_create(
            actor=coop_manager, cooperative=ksp_bogor, year=2024, manajemen={"umum": [True] * 11, "lain": []}
        )
    assert set(caught.value.message_dict) == {"manajemen.umum", "manajemen.lain"}


def test_no_report_for_a_dissolved_cooperative(coop_manager, ksp_bogor):
    CooperativeProfile.objects.filter(pk=ksp_bogor.pk).update(status="dibubarkan")
    ksp_bogor.refresh_from_db()
    with pytest.raises(ValidationError):
        services.annual_report_create(actor=coop_manager, cooperative=ksp_bogor, year=2024)


def test_year_on_year_outlier_is_a_warning(coop_manager, ksp_bogor, values):
    for year, assets in ((2020, 1000), (2021, 1100), (2022, 1210), (2023, 1331)):
        AnnualReportFactory(cooperative=ksp_bogor, year=year, total_aset=Decimal(assets) * 1_000_000)
    values["total_aset"] = Decimal("2500000000")
    report = services.annual_report_create(actor=coop_manager, cooperative=ksp_bogor, year=2024, values=values)
    outliers = [c for c in report.checks if c["code"] == "outlier"]
    assert [c["field"] for c in outliers] == ["total_aset"]
    assert "+88%" in outliers[0]["message"]
    assert "+10%" in outliers[0]["message"]


# --- update and delete ---------------------------------------------------------------------------


def test_update_a_draft_records_only_what_changed(draft, coop_manager):
    services.annual_report_update(actor=coop_manager, report=draft, values={"kas": Decimal("65000000")})
    draft.refresh_from_db()
    assert draft.kas == Decimal("65000000")
    event = AuditEvent.objects.filter(action="annual_report.update").get()
    assert event.before == {"kas": "60000000.00"}
    assert event.after == {"kas": "65000000.00"}


def test_update_may_clear_a_figure(draft, coop_manager):
    services.annual_report_update(actor=coop_manager, report=draft, values={"pea": None})
    draft.refresh_from_db()
    assert draft.pea is None


def test_update_a_returned_report(submitted, officer_bogor, coop_manager):
    returned = services.annual_report_return(actor=officer_bogor, report=submitted, comment="Kas salah")
    services.annual_report_update(actor=coop_manager, report=returned, values={"kas": Decimal("61000000")})
    returned.refresh_from_db()
    assert (returned.status, returned.kas) == ("returned", Decimal("61000000"))


def test_a_submitted_report_cannot_change(submitted, coop_manager):
    before = state(submitted)
    with pytest.raises(ValidationError):
        services.annual_report_update(actor=coop_manager, report=submitted, values={"kas": Decimal("1")})
    assert state(submitted) == before


def test_a_verified_report_is_locked(verified, officer_bogor):
    before = state(verified)
    with pytest.raises(ValidationError):
        services.annual_report_update(actor=officer_bogor, report=verified, values={"kas": Decimal("1")})
    with pytest.raises(ValidationError):
        services.annual_report_return(actor=officer_bogor, report=verified, comment="ulang")
    with pytest.raises(ValidationError):
        services.annual_report_delete(actor=officer_bogor, report=verified)
    assert state(verified) == before


@pytest.mark.parametrize("who", ["coop_supervisor", "officer_bandung", "viewer_bogor"])
def test_others_may_not_update(request, who, draft):
    before = state(draft)
    with pytest.raises(PermissionDenied):
        services.annual_report_update(actor=request.getfixturevalue(who), report=draft, values={"kas": Decimal("1")})
    assert state(draft) == before


def test_update_to_a_taken_year(draft, coop_manager, ksp_bogor):
    other = services.annual_report_create(actor=coop_manager, cooperative=ksp_bogor, year=2023)
    with pytest.raises(ValidationError):
        services.annual_report_update(actor=coop_manager, report=other, year=2024)
    other.refresh_from_db()
    assert other.year == 2023


def test_update_refuses_unknown_changes(draft, coop_manager):
    with pytest.raises(ValidationError):
        services.annual_report_update(actor=coop_manager, report=draft, status="verified")


def test_delete_a_draft(draft, coop_manager, django_capture_on_commit_callbacks):
    services.report_attachment_add(actor=coop_manager, report=draft, upload=upload("notulen.pdf", PDF))
    stored = ReportAttachment.objects.get().file
    with django_capture_on_commit_callbacks(execute=True):
        services.annual_report_delete(actor=coop_manager, report=draft)
    assert AnnualReport.objects.count() == 0
    assert not stored.storage.exists(stored.name)
    assert AuditEvent.objects.filter(action="annual_report.delete").count() == 1


def test_a_submitted_or_returned_report_cannot_be_deleted(submitted, officer_bogor, coop_manager):
    with pytest.raises(ValidationError):
        services.annual_report_delete(actor=coop_manager, report=submitted)
    services.annual_report_return(actor=officer_bogor, report=submitted, comment="perbaiki")
    with pytest.raises(ValidationError):
        services.annual_report_delete(actor=coop_manager, report=submitted)
    assert AnnualReport.objects.count() == 1


def test_others_may_not_delete(draft, coop_supervisor):
    with pytest.raises(PermissionDenied):
        services.annual_report_delete(actor=coop_supervisor, report=draft)
    assert AnnualReport.objects.count() == 1


# --- submit, return, verify ----------------------------------------------------------------------


def test_submit(draft, coop_manager):
    report = services.annual_report_submit(actor=coop_manager, report=draft)
    report.refresh_from_db()
    assert report.status == "submitted"
    assert report.submitted_by == coop_manager
    assert report.submitted_at is not None
    event = AuditEvent.objects.get(action="annual_report.submit")
    assert event.before == {"status": "draft"}
    assert event.after == {"status": "submitted", "warnings": 1}


@pytest.mark.parametrize(("field", "message"), [("rat_date", "tanggal RAT"), ("total_aset", "total aset")])
def test_submit_needs_the_rat_date_and_total_assets(coop_manager, ksp_bogor, field, message):
    data = {"rat_date": dt.date(2025, 3, 15), "values": {"total_aset": Decimal("1000000000")}}
    if field == "rat_date":
        data.pop("rat_date")
    else:
        data["values"] = {}
    report = services.annual_report_create(actor=coop_manager, cooperative=ksp_bogor, year=2024, **data)
    before = state(report)
    with pytest.raises(ValidationError) as caught:
        services.annual_report_submit(actor=coop_manager, report=report)
    assert message in caught.value.message_dict[field][0]
    assert state(report) == before


def test_submit_twice_is_refused(submitted, coop_manager):
    before = state(submitted)
    with pytest.raises(ValidationError):
        services.annual_report_submit(actor=coop_manager, report=submitted)
    assert state(submitted) == before


@pytest.mark.parametrize("who", ["coop_supervisor", "officer_bandung", "viewer_bogor"])
def test_others_may_not_submit(request, who, draft):
    before = state(draft)
    with pytest.raises(PermissionDenied):
        services.annual_report_submit(actor=request.getfixturevalue(who), report=draft)
    assert state(draft) == before


def test_return_with_comments(submitted, officer_bogor):
    report = services.annual_report_return(actor=officer_bogor, report=submitted, comment="Lampirkan notulen RAT.")
    report.refresh_from_db()
    assert (report.status, report.review_comment, report.reviewed_by) == (
        "returned",
        "Lampirkan notulen RAT.",
        officer_bogor,
    )
    assert AuditEvent.objects.get(action="annual_report.return").after["comment"] == "Lampirkan notulen RAT."


def test_return_needs_a_comment(submitted, officer_bogor):
    before = state(submitted)
    with pytest.raises(ValidationError):
        services.annual_report_return(actor=officer_bogor, report=submitted, comment="  ")
    assert state(submitted) == before


def test_return_a_draft_is_refused(draft, officer_bogor):
    with pytest.raises(ValidationError):
        services.annual_report_return(actor=officer_bogor, report=draft, comment="x")


@pytest.mark.parametrize("who", ["coop_manager", "viewer_bogor", "officer_bandung"])
def test_only_the_office_returns(request, who, submitted):
    before = state(submitted)
    with pytest.raises(PermissionDenied):
        services.annual_report_return(actor=request.getfixturevalue(who), report=submitted, comment="x")
    assert state(submitted) == before


def test_resubmit_after_return(submitted, officer_bogor, coop_manager):
    services.annual_report_return(actor=officer_bogor, report=submitted, comment="Kas salah")
    report = services.annual_report_submit(actor=coop_manager, report=submitted)
    assert report.status == "submitted"


def test_verify_scores_exactly_and_records_the_rat(submitted, officer_bogor, ksp_bogor):
    report = services.annual_report_verify(actor=officer_bogor, report=submitted, comment="Sesuai")
    report.refresh_from_db()
    assert (report.status, report.review_comment, report.reviewed_by) == ("verified", "Sesuai", officer_bogor)
    expected = assess(services.report_input(report))
    assessment = report.assessment
    assert assessment.total == Decimal(display(expected.total)) == Decimal("72.05")
    assert assessment.predicate == expected.predicate == "cukup_sehat"
    assert assessment.rules == "perdep-06-2016"
    assert assessment.complete is True
    assert assessment.official is True
    assert assessment.rules_version == "1"
    assert assessment.inputs == compact_inputs(services.report_input(report))
    assert assessment.scores == component_scores(expected)
    assert assessment.scores["1a"] == expected.component("1a").to_dict()["skor"]
    assert explain(assessment.inputs, assessment.rules, official=True) == expected.to_dict(detail=True)
    assert (assessment.cooperative_id, assessment.year) == (ksp_bogor.pk, 2024)
    ksp_bogor.refresh_from_db()
    assert ksp_bogor.last_rat_date == dt.date(2025, 3, 15)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"annual_report.verify", "assessment.score", "cooperative.rat"} <= actions


def test_verify_a_cooperative_without_savings_and_loans_gives_the_indicative_score(
    coop_manager, officer_bogor, ksp_bogor, values, answers
):
    CooperativeProfile.objects.filter(pk=ksp_bogor.pk).update(cooperative_type="serba_usaha")
    ksp_bogor.refresh_from_db()
    report = services.annual_report_create(
        actor=coop_manager, cooperative=ksp_bogor, year=2024, rat_date=dt.date(2025, 3, 15), values=values, manajemen=answers
    )
    services.annual_report_submit(actor=coop_manager, report=report)
    services.annual_report_verify(actor=officer_bogor, report=report)
    expected = assess_indicative(services.report_input(report))
    assessment = Assessment.objects.get(report=report)
    assert assessment.official is False
    assert assessment.total == Decimal(display(expected.total))
    assert explain(assessment.inputs, assessment.rules, official=False)["scaling"] == expected.scaling.to_dict()


def test_verify_with_the_rules_setting(submitted, officer_bogor, settings):
    settings.SINERGI_HEALTH_RULES = "permen-14-2009"
    services.annual_report_verify(actor=officer_bogor, report=submitted)
    assessment = Assessment.objects.get(report=submitted)
    assert assessment.rules == "permen-14-2009"
    assert assessment.predicate == "cukup_sehat"


@pytest.mark.parametrize("who", ["coop_manager", "viewer_bogor", "officer_bandung", "coop_supervisor"])
def test_only_the_office_verifies(request, who, submitted, ksp_bogor):
    before = state(submitted)
    with pytest.raises(PermissionDenied):
        services.annual_report_verify(actor=request.getfixturevalue(who), report=submitted)
    assert state(submitted) == before
    assert Assessment.objects.count() == 0
    ksp_bogor.refresh_from_db()
    assert ksp_bogor.last_rat_date == dt.date(2024, 4, 20)


def test_verify_a_draft_or_twice_is_refused(draft, officer_bogor, coop_manager):
    with pytest.raises(ValidationError):
        services.annual_report_verify(actor=officer_bogor, report=draft)
    services.annual_report_submit(actor=coop_manager, report=draft)
    services.annual_report_verify(actor=officer_bogor, report=draft)
    with pytest.raises(ValidationError):
        services.annual_report_verify(actor=officer_bogor, report=draft)
    assert Assessment.objects.count() == 1


def test_an_older_rat_keeps_the_registry_date(coop_manager, officer_bogor, ksp_bogor):
    CooperativeProfile.objects.filter(pk=ksp_bogor.pk).update(last_rat_date=dt.date(2026, 3, 1))
    ksp_bogor.refresh_from_db()
    report = services.annual_report_create(
        actor=coop_manager, cooperative=ksp_bogor, year=2023, rat_date=dt.date(2024, 3, 1), values={"total_aset": 10**9}
    )
    services.annual_report_submit(actor=coop_manager, report=report)
    services.annual_report_verify(actor=officer_bogor, report=report)
    ksp_bogor.refresh_from_db()
    assert ksp_bogor.last_rat_date == dt.date(2026, 3, 1)
    assert Assessment.objects.get(report=report).complete is False


# --- assessments ---------------------------------------------------------------------------------


def test_rescore_with_other_rules_replaces_the_assessment(verified, officer_bogor):
    assessment = services.assessment_score(actor=officer_bogor, report=verified, rules="permen-14-2009")
    assert Assessment.objects.count() == 1
    assert assessment.rules == "permen-14-2009"
    event = AuditEvent.objects.filter(action="assessment.score").latest("id")
    assert event.before == {"rules": "perdep-06-2016", "total": "72.05", "predicate": "cukup_sehat"}


def test_rescore_refuses_unknown_rules_and_unverified_reports(verified, submitted, officer_bogor):
    with pytest.raises(ValidationError):
        services.assessment_score(actor=officer_bogor, report=verified, rules="kkpkk-2021")
    assert Assessment.objects.get().rules == "perdep-06-2016"


def test_rescore_an_unverified_report_is_refused(submitted, officer_bogor):
    with pytest.raises(ValidationError):
        services.assessment_score(actor=officer_bogor, report=submitted)


def test_rescore_is_for_the_office(verified, coop_manager):
    with pytest.raises(PermissionDenied):
        services.assessment_score(actor=coop_manager, report=verified, rules="permen-14-2009")
    assert Assessment.objects.get().rules == "perdep-06-2016"


# --- attachments ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("notulen RAT.pdf", PDF, "application/pdf"),
        ("foto.png", PNG, "image/png"),
        ("scan.JPG", b"\xff\xd8\xff\xe0" + b"\x00" * 20, "image/jpeg"),
        ("neraca.xlsx", None, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_attach_accepted_types(draft, coop_manager, name, content, content_type):
    content = content if content is not None else xlsx_bytes()
    attachment = services.report_attachment_add(actor=coop_manager, report=draft, upload=upload(name, content))
    assert (attachment.name, attachment.content_type, attachment.size) == (name, content_type, len(content))
    with attachment.file.open("rb") as handle:
        assert handle.read() == content
    assert AuditEvent.objects.filter(action="annual_report.attachment_add").count() == 1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("laporan.docx", b"PK\x03\x04"),
        ("palsu.pdf", PNG),
        ("kosong.pdf", b""),
        ("arsip.xlsx", None),
    ],
)
def test_attach_refuses_other_files(draft, coop_manager, name, content):
    if content is None:  # a zip that is not a workbook
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("isi.txt", "bukan xlsx")
        content = buffer.getvalue()
    with pytest.raises(ValidationError) as caught:
        services.report_attachment_add(actor=coop_manager, report=draft, upload=upload(name, content))
    assert "file" in caught.value.message_dict
    assert ReportAttachment.objects.count() == 0


def test_attach_refuses_large_files(draft, coop_manager, settings):
    settings.SINERGI_HEALTH_MAX_ATTACHMENT_BYTES = 1024 * 1024
    with pytest.raises(ValidationError) as caught:
        services.report_attachment_add(actor=coop_manager, report=draft, upload=upload("besar.pdf", PDF + b"0" * 1024 * 1024))
    assert "1 MB" in caught.value.message_dict["file"][0]


def test_attach_only_while_editable(submitted, coop_manager):
    with pytest.raises(ValidationError):
        services.report_attachment_add(actor=coop_manager, report=submitted, upload=upload("a.pdf", PDF))
    assert ReportAttachment.objects.count() == 0


def test_attach_is_for_those_who_enter(draft, coop_supervisor, officer_bandung):
    for actor in (coop_supervisor, officer_bandung):
        with pytest.raises(PermissionDenied):
            services.report_attachment_add(actor=actor, report=draft, upload=upload("a.pdf", PDF))
    assert ReportAttachment.objects.count() == 0


def test_attach_at_most_twenty(draft, coop_manager):
    for number in range(services.MAX_ATTACHMENTS):
        services.report_attachment_add(actor=coop_manager, report=draft, upload=upload(f"{number}.pdf", PDF))
    with pytest.raises(ValidationError):
        services.report_attachment_add(actor=coop_manager, report=draft, upload=upload("lagi.pdf", PDF))


def test_remove_an_attachment(draft, coop_manager, django_capture_on_commit_callbacks):
    attachment = services.report_attachment_add(actor=coop_manager, report=draft, upload=upload("a.pdf", PDF))
    name = attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.report_attachment_remove(actor=coop_manager, attachment=attachment)
    assert ReportAttachment.objects.count() == 0
    assert not attachment.file.storage.exists(name)


def test_remove_after_submit_is_refused(draft, coop_manager):
    attachment = services.report_attachment_add(actor=coop_manager, report=draft, upload=upload("a.pdf", PDF))
    services.annual_report_submit(actor=coop_manager, report=draft)
    with pytest.raises(ValidationError):
        services.report_attachment_remove(actor=coop_manager, attachment=attachment)
    assert ReportAttachment.objects.count() == 1


# --- questionnaire -------------------------------------------------------------------------------


def test_the_default_questionnaire_is_stored_once():
    first = services.questionnaire_current()
    second = services.questionnaire_seed(actor=None)
    assert first == second
    assert QuestionnaireVersion.objects.count() == 1
    assert first.questions.count() == 38
    assert list(first.questions.filter(group="umum").values_list("number", flat=True)) == list(range(1, 13))
    assert first.questions.get(group="likuiditas", number=5).text == questionnaire.group("likuiditas").questions[4].text


def texts(version, changed=None):
    result = {(q.group, q.number): (q.text, q.text_en) for q in version.questions.all()}
    result.update(changed or {})
    return result


def test_admin_publishes_a_new_version_and_old_reports_keep_theirs(draft, admin_bogor, coop_manager, ksp_bogor):
    old = services.questionnaire_current()
    version = services.questionnaire_version_create(
        actor=admin_bogor,
        texts=texts(old, {("umum", 1): ("Apakah koperasi punya visi dan misi tertulis?", "")}),
        note="Sederhanakan pertanyaan umum 1",
    )
    old.refresh_from_db()
    assert (version.is_current, old.is_current) == (True, False)
    assert version.code == f"{dt.date.today().year}.{1 if old.code != f'{dt.date.today().year}.1' else 2}"
    assert version.questions.get(group="umum", number=1).text == "Apakah koperasi punya visi dan misi tertulis?"
    draft.refresh_from_db()
    assert draft.questionnaire == old
    new_report = services.annual_report_create(actor=coop_manager, cooperative=ksp_bogor, year=2023)
    assert new_report.questionnaire == version
    assert AuditEvent.objects.filter(action="questionnaire.version").count() == 1


def test_superuser_may_publish(superuser):
    version = services.questionnaire_version_create(
        actor=superuser, texts=texts(services.questionnaire_current()), note="Ejaan"
    )
    assert version.is_current


@pytest.mark.parametrize("who", ["officer_bogor", "viewer_bogor", "coop_manager"])
def test_only_admins_publish(request, who):
    current = services.questionnaire_current()
    with pytest.raises(PermissionDenied):
        services.questionnaire_version_create(actor=request.getfixturevalue(who), texts=texts(current), note="x")
    assert QuestionnaireVersion.objects.get(is_current=True) == current
    assert QuestionnaireVersion.objects.count() == 1


def test_every_question_and_a_note_are_needed(admin_bogor):
    current = services.questionnaire_current()
    with pytest.raises(ValidationError) as caught:
        services.questionnaire_version_create(
            actor=admin_bogor, texts=texts(current, {("aktiva", 3): ("  ", "")}), note=""
        )
    assert set(caught.value.message_dict) == {"aktiva_3", "note"}
    assert QuestionnaireVersion.objects.count() == 1
