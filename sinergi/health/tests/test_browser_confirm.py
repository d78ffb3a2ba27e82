"""Every destructive or irreversible step of the health pages asks first and says what will happen:
"Batal" changes nothing, the go-ahead does it."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from conftest import login
from sinergi.core.models import AuditEvent, Job
from sinergi.health import services
from sinergi.health.models import (
    AnnualReport,
    DissolutionCase,
    ReportAttachment,
    ReportStatus,
    StatusProposal,
)
from sinergi.health.supervision import services as supervision
from sinergi.registry.models import CooperativeProfile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def ask_then_cancel(page, button, sentence):
    """Click the action; the dialog says what will happen; "Batal" closes it."""
    page.click(button)
    dialog = page.locator("#confirm-dialog")
    dialog.wait_for(state="visible")
    assert sentence in dialog.inner_text()
    dialog.get_by_role("button", name="Batal", exact=True).click()
    dialog.wait_for(state="hidden")


def ask_then_go(page, button, yes):
    page.click(button)
    dialog = page.locator("#confirm-dialog")
    dialog.wait_for(state="visible")
    dialog.get_by_role("button", name=yes, exact=True).click()
    page.wait_for_load_state("load")


def open_as(page, user, path):
    """Sign in as `user` and open `path` (under /kesehatan/)."""
    login(page, user.email)
    page.wait_for_url(page.base_url + "/")
    page.goto(page.base_url + "/kesehatan/" + path)


def open_case(officer, cooperative):
    return supervision.dissolution_case_open(
        actor=officer, cooperative=cooperative, ground="no_activity", facts="Tidak ada kegiatan usaha."
    )


def notify(officer, case, received):
    return supervision.dissolution_notice_issue(
        actor=officer,
        case=case,
        notice_number="518/7/Diskop",
        notice_date=received - dt.timedelta(days=2),
        received_on=received,
        signatory="Kepala Dinas",
    )


def test_delete_draft_asks_first(page, draft, coop_manager):
    open_as(page, coop_manager, f"laporan/{draft.pk}/")
    delete = "button:has-text('Hapus konsep')"
    ask_then_cancel(page, delete, "Konsep laporan ini dan lampirannya akan dihapus untuk selamanya.")
    assert AnnualReport.objects.filter(pk=draft.pk).exists()
    ask_then_go(page, delete, "Hapus konsep")
    page.wait_for_selector(".msg:has-text('Konsep laporan dihapus.')")
    assert not AnnualReport.objects.filter(pk=draft.pk).exists()


def test_remove_attachment_asks_first(page, draft, coop_manager):
    upload = SimpleUploadedFile("notulen.pdf", b"%PDF-1.4 notulen", content_type="application/pdf")
    services.report_attachment_add(actor=coop_manager, report=draft, upload=upload)
    open_as(page, coop_manager, f"laporan/{draft.pk}/")
    remove = "#lampiran button:has-text('Hapus')"
    ask_then_cancel(page, remove, "Lampiran notulen.pdf akan dihapus dari laporan ini.")
    assert ReportAttachment.objects.filter(report=draft).count() == 1
    ask_then_go(page, remove, "Hapus lampiran")
    page.wait_for_selector(".msg:has-text('Lampiran dihapus.')")
    assert ReportAttachment.objects.filter(report=draft).count() == 0


def test_return_report_asks_first(page, submitted, officer_bogor):
    open_as(page, officer_bogor, f"laporan/{submitted.pk}/")
    page.fill("#id_comment", "Lampirkan notulen RAT.")
    back = "button:has-text('Kembalikan dengan catatan')"
    ask_then_cancel(page, back, "Laporan akan dikembalikan kepada koperasi bersama catatan Anda")
    submitted.refresh_from_db()
    assert (submitted.status, submitted.review_comment) == (ReportStatus.SUBMITTED, "")
    ask_then_go(page, back, "Kembalikan")
    page.wait_for_selector(".msg-warning:has-text('Lampirkan notulen RAT.')")
    submitted.refresh_from_db()
    assert (submitted.status, submitted.review_comment) == (ReportStatus.RETURNED, "Lampirkan notulen RAT.")


def test_dissolution_decision_asks_first(page, ksp_bogor, officer_bogor):
    today = timezone.localdate()
    case = open_case(officer_bogor, ksp_bogor)
    received = today - dt.timedelta(days=130)
    notify(officer_bogor, case, received)
    open_as(page, officer_bogor, f"pengawasan/pembubaran/{case.pk}/")
    page.check("input[name='decision-dissolve'][value='1']")
    page.fill("#id_decision-decided_on", today.isoformat())
    page.fill("#id_decision-number", "K/12/2026")
    page.fill("#id_decision-reason", "Tidak ada kegiatan usaha dua tahun")
    page.fill("#id_decision-signatory", "Kepala Dinas")
    decide = "button:has-text('Catat keputusan')"
    ask_then_cancel(page, decide, "Langkah ini tidak dapat diurungkan.")
    case.refresh_from_db()
    assert case.state == "notified"
    assert CooperativeProfile.objects.get(pk=ksp_bogor.pk).status != "dibubarkan"
    ask_then_go(page, decide, "Catat keputusan")
    page.wait_for_selector("[data-testid=state]:has-text('Dibubarkan')")
    assert DissolutionCase.objects.get(pk=case.pk).state == "dissolved"
    assert CooperativeProfile.objects.get(pk=ksp_bogor.pk).status == "dibubarkan"


def test_withdraw_dissolution_plan_asks_first(page, ksp_bogor, officer_bogor):
    case = open_case(officer_bogor, ksp_bogor)
    open_as(page, officer_bogor, f"pengawasan/pembubaran/{case.pk}/")
    page.fill("#id_withdraw-reason", "Koperasi sudah mengadakan RAT.")
    withdraw = "#langkah button:text-is('Batalkan')"
    ask_then_cancel(page, withdraw, "Rencana pembubaran ini akan dibatalkan dan ditutup")
    assert DissolutionCase.objects.get(pk=case.pk).state == "draft"
    ask_then_go(page, withdraw, "Batalkan rencana")
    page.wait_for_selector("[data-testid=state]:has-text('Dibatalkan')")
    assert DissolutionCase.objects.get(pk=case.pk).state == "cancelled"


def test_rescore_asks_first(page, verified, officer_bogor):
    open_as(page, officer_bogor, "nilai-ulang/")
    page.fill("#id_year", "2024")
    start = "button:has-text('Mulai')"
    ask_then_cancel(page, start, "hasil sebelumnya diganti")
    assert Job.objects.count() == 0
    ask_then_go(page, start, "Nilai ulang")
    page.wait_for_url("**/tugas/**")
    assert Job.objects.get().params == {"year": 2024, "rules": "perdep-06-2016"}


@pytest.fixture
def dormant(ksp_bogor):
    last = timezone.localdate() - dt.timedelta(days=5 * 365)
    CooperativeProfile.objects.filter(pk=ksp_bogor.pk).update(last_rat_date=last)
    ksp_bogor.refresh_from_db()
    return ksp_bogor


def test_propose_all_and_confirm_inactive_ask_first(page, dormant, officer_bogor):
    open_as(page, officer_bogor, "pengawasan/tidak-aktif/")
    propose = "button:has-text('Usulkan semua kandidat')"
    ask_then_cancel(page, propose, "akan diusulkan berstatus tidak aktif")
    assert StatusProposal.objects.count() == 0
    ask_then_go(page, propose, "Usulkan semua")
    page.wait_for_selector("#usulan button:has-text('Konfirmasi tidak aktif')")
    proposal = StatusProposal.objects.get()
    assert proposal.state == "open"

    confirm = "#usulan button:has-text('Konfirmasi tidak aktif')"
    ask_then_cancel(page, confirm, "akan berstatus tidak aktif di registri")
    proposal.refresh_from_db()
    assert proposal.state == "open"
    assert CooperativeProfile.objects.get(pk=dormant.pk).status == "aktif"
    ask_then_go(page, confirm, "Konfirmasi tidak aktif")
    page.wait_for_selector("text=Tidak ada usulan yang menunggu.")
    proposal.refresh_from_db()
    assert proposal.state == "confirmed"
    assert CooperativeProfile.objects.get(pk=dormant.pk).status == "tidak_aktif"


def test_notice_of_dissolution_asks_first(page, ksp_bogor, officer_bogor):
    case = open_case(officer_bogor, ksp_bogor)
    today = timezone.localdate()
    open_as(page, officer_bogor, f"pengawasan/pembubaran/{case.pk}/")
    page.fill("#id_notice-notice_number", "518/7/Diskop")
    page.fill("#id_notice-notice_date", (today - dt.timedelta(days=3)).isoformat())
    page.fill("#id_notice-received_on", (today - dt.timedelta(days=1)).isoformat())
    page.fill("#id_notice-signatory", "Kepala Dinas")
    notice = "button:has-text('Catat pemberitahuan')"
    ask_then_cancel(page, notice, "batas waktu keberatan mulai berjalan")
    assert DissolutionCase.objects.get(pk=case.pk).state == "draft"
    ask_then_go(page, notice, "Catat pemberitahuan")
    page.wait_for_selector("[data-testid=state]:has-text('Pemberitahuan dikirim')")
    case.refresh_from_db()
    assert (case.state, case.notice_number) == ("notified", "518/7/Diskop")


def test_objection_decision_asks_first(page, ksp_bogor, officer_bogor):
    today = timezone.localdate()
    case = open_case(officer_bogor, ksp_bogor)
    notify(officer_bogor, case, today - dt.timedelta(days=20))
    supervision.dissolution_objection_record(
        actor=officer_bogor,
        case=case,
        received_on=today - dt.timedelta(days=10),
        summary="Koperasi masih berjalan dan akan mengadakan RAT.",
    )
    events = AuditEvent.objects.count()
    open_as(page, officer_bogor, f"pengawasan/pembubaran/{case.pk}/")
    page.check("input[name='objection_decision-accepted'][value='0']")
    page.fill("#id_objection_decision-decided_on", today.isoformat())
    page.fill("#id_objection_decision-number", "K/13/2026")
    page.fill("#id_objection_decision-reason", "Tidak ada bukti kegiatan usaha")
    decide = "button:has-text('Catat keputusan atas keberatan')"
    ask_then_cancel(page, decide, "Keputusan atas keberatan akan dicatat dan tidak dapat diubah lagi.")
    case.refresh_from_db()
    assert (case.state, case.objection_decided_on, case.objection_decision_number) == ("objected", None, "")
    assert AuditEvent.objects.count() == events
    ask_then_go(page, decide, "Catat keputusan")
    page.wait_for_selector("[data-testid=state]:has-text('Keberatan ditolak')")
    case.refresh_from_db()
    assert (
        case.state,
        case.objection_decided_on,
        case.objection_accepted,
        case.objection_decision_number,
    ) == (
        "objection_rejected",
        today,
        False,
        "K/13/2026",
    )
    assert AuditEvent.objects.filter(action="dissolution.objection_decision").count() == 1
