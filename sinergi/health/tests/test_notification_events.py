"""Annual-report and dissolution events reach the cooperative's managers, and no one else."""

import datetime as dt

import pytest
from django.core import mail

from conftest import login
from sinergi.core.models import AuditEvent, Notification
from sinergi.health import services
from sinergi.health.supervision import services as supervision
from sinergi.registry.models import CooperativeProfile

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def received(event):
    return sorted(Notification.objects.filter(event=event).values_list("recipient__email", flat=True))


MANAGERS = ["pengawas@sinergi.test", "pengurus@sinergi.test", "staf.koperasi@sinergi.test"]


@pytest.fixture
def people(coop_manager, coop_staff, coop_supervisor, bandung_manager, officer_bogor):
    """The cooperative's three managers, a manager elsewhere and the officer."""


def test_returned_report(people, submitted, officer_bogor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.annual_report_return(actor=officer_bogor, report=submitted, comment="Lampirkan notulen RAT.")
    assert received("report_returned") == MANAGERS
    notification = Notification.objects.filter(event="report_returned").first()
    assert notification.subject == f"Laporan tahunan {submitted.year} dikembalikan untuk diperbaiki"
    assert notification.body == "Catatan pemeriksa: Lampirkan notulen RAT."
    assert notification.url == f"/kesehatan/laporan/{submitted.pk}/"
    assert sorted(m.to[0] for m in mail.outbox) == MANAGERS


def test_verified_report_once_with_its_score(people, submitted, officer_bogor):
    services.annual_report_verify(actor=officer_bogor, report=submitted)
    assert received("report_verified") == MANAGERS
    # The first score comes with the verification, not as a second notice.
    assert received("report_scored") == []
    assert Notification.objects.count() == 3
    total = submitted.assessment.total
    body = Notification.objects.filter(event="report_verified").first().body
    assert body.startswith(f"Nilai kesehatan koperasi: {str(total).replace('.', ',')} (")
    # The predicate is worded as on the pages, never as its stored code.
    labels = {"sehat": "Sehat", "cukup_sehat": "Cukup Sehat", "dalam_pengawasan": "Dalam Pengawasan",
              "dalam_pengawasan_khusus": "Dalam Pengawasan Khusus", "kurang_sehat": "Kurang Sehat",
              "tidak_sehat": "Tidak Sehat", "sangat_tidak_sehat": "Sangat Tidak Sehat"}  # fmt: skip
    predicate = submitted.assessment.predicate
    assert body == f"Nilai kesehatan koperasi: {str(total).replace('.', ',')} ({labels[predicate]})."


def test_rescored_report(people, verified, officer_bogor):
    Notification.objects.all().delete()
    services.assessment_score(actor=officer_bogor, report=verified)
    assert received("report_scored") == MANAGERS
    assert Notification.objects.count() == 3


def test_refused_return_tells_no_one(people, submitted, bandung_manager):
    with pytest.raises(Exception):
        services.annual_report_return(actor=bandung_manager, report=submitted, comment="x")
    assert Notification.objects.count() == 0


def test_each_dissolution_step(people, ksp_bogor, officer_bogor):
    CooperativeProfile.objects.filter(pk=ksp_bogor.pk).update(last_rat_date=dt.date(2018, 1, 1))
    ksp_bogor.refresh_from_db()
    case = supervision.dissolution_case_open(
        actor=officer_bogor,
        cooperative=ksp_bogor,
        ground="no_activity",
        facts="Tidak ada kegiatan sejak 2018.",
    )
    assert Notification.objects.count() == 0  # the plan is the office's own until the notice
    today = dt.date.today()
    supervision.dissolution_notice_issue(
        actor=officer_bogor, case=case, notice_number="518/12/Diskop",
        notice_date=today - dt.timedelta(days=3), received_on=today - dt.timedelta(days=1), signatory="Kepala Dinas",
    )  # fmt: skip
    assert received("dissolution_step") == MANAGERS
    assert Notification.objects.first().subject == "Proses pembubaran koperasi: Pemberitahuan dikirim"
    case.refresh_from_db()
    supervision.dissolution_objection_record(
        actor=officer_bogor, case=case, received_on=today, summary="Masih aktif."
    )
    assert Notification.objects.filter(subject="Proses pembubaran koperasi: Keberatan diajukan").count() == 3
    assert Notification.objects.count() == 6


# --- bulk RAT reminders ----------------------------------------------------------------------


@pytest.fixture
def overdue(ksp_bogor, ksp_bandung):
    """Both cooperatives without a RAT since 2018, so both are overdue; Bogor's has a WhatsApp number."""
    CooperativeProfile.objects.update(last_rat_date=dt.date(2018, 6, 1))
    ksp_bogor.organization.phone = "0812-3456-7890"
    ksp_bogor.organization.save(update_fields=["phone"])
    return ksp_bogor


def test_rat_reminder_reaches_the_overdue_cooperatives_managers(people, overdue, officer_bogor, client):
    client.force_login(officer_bogor)
    page = client.get("/kesehatan/pengawasan/rat/").content.decode()
    assert "Kirim pengingat ke 1 koperasi" in page and 'data-confirm="Pengingat RAT akan dikirim' in page
    response = client.post("/kesehatan/pengawasan/rat/ingatkan/", {"region": "", "q": ""})
    assert response.status_code == 200
    assert received("rat_overdue") == MANAGERS  # Bandung's manager is outside the officer's reach
    html = response.content.decode()
    assert "Pengingat dikirim ke 1 koperasi (3 pengurus" in html
    assert 'href="https://wa.me/6281234567890?text=Pengingat%3A%20RAT%20tahun%20buku%20' in html
    event = AuditEvent.objects.get(action="health.rat_reminder.send")
    assert (event.actor, event.after, event.region_code) == (
        officer_bogor,
        {"cooperatives": 1, "people": 3, "region": "", "q": ""},
        "32.71",
    )


def test_rat_reminder_of_another_regency_reaches_no_one(people, overdue, officer_bandung, client):
    client.force_login(officer_bandung)
    response = client.post("/kesehatan/pengawasan/rat/ingatkan/", {"region": "32.71", "q": ""})
    assert response.status_code == 200
    assert Notification.objects.count() == 0
    assert AuditEvent.objects.get(action="health.rat_reminder.send").after["cooperatives"] == 0


def test_rat_reminder_refused_to_a_viewer(people, overdue, viewer_bogor, client):
    client.force_login(viewer_bogor)
    assert "Kirim pengingat" not in client.get("/kesehatan/pengawasan/rat/").content.decode()
    assert client.post("/kesehatan/pengawasan/rat/ingatkan/").status_code == 403
    assert Notification.objects.count() == 0
    assert not AuditEvent.objects.filter(action="health.rat_reminder.send").exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_rat_reminder_asks_first(page, people, overdue, officer_bogor):
    login(page, officer_bogor.email)
    page.wait_for_url(page.base_url + "/")
    page.goto(page.base_url + "/kesehatan/pengawasan/rat/")
    page.click("button:has-text('Kirim pengingat ke 1 koperasi')")
    dialog = page.locator("#confirm-dialog")
    dialog.wait_for(state="visible")
    assert "Pengingat RAT akan dikirim ke pengurus 1 koperasi" in dialog.inner_text()
    dialog.locator("[data-confirm-cancel]").click()
    dialog.wait_for(state="hidden")
    assert Notification.objects.count() == 0
    page.click("button:has-text('Kirim pengingat ke 1 koperasi')")
    page.click("#confirm-dialog [data-confirm-go]")
    page.wait_for_selector("h1:has-text('Pengingat RAT terkirim')")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.locator("a[href^='https://wa.me/6281234567890']").count() == 1
    assert received("rat_overdue") == MANAGERS
