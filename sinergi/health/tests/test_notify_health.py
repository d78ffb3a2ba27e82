"""The notification centre's health events: the WhatsApp links offered to the acting person, the
daily RAT-overdue notice, the import notice, the dissolution link and one history line per
autosave session."""

import datetime as dt
import io
import json
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from sinergi.core.models import AuditEvent, Job, Notification, NotificationPreference
from sinergi.health import services
from sinergi.health.importers import import_reports
from sinergi.health.supervision import services as supervision
from sinergi.health.supervision.reminders import rat_overdue_notify
from sinergi.registry.models import CooperativeProfile

pytestmark = pytest.mark.django_db

MANAGERS = ["pengawas@sinergi.test", "pengurus@sinergi.test", "staf.koperasi@sinergi.test"]


def received(event):
    return sorted(Notification.objects.filter(event=event).values_list("recipient__email", flat=True))


@pytest.fixture
def people(coop_manager, coop_staff, coop_supervisor, bandung_manager, officer_bogor):
    """The cooperative's three managers, a manager elsewhere and the officer."""


@pytest.fixture
def site(settings):
    settings.SITE_URL = "https://sinergi.example"


def with_phone(user, phone="0812-3456-7890"):
    user.phone = phone
    user.save(update_fields=["phone"])
    return user


# --- WhatsApp links for the acting person -------------------------------------------------------


def return_report(client, officer, report):
    client.force_login(officer)
    return client.post(
        reverse("health:report_return", args=[report.pk]), {"comment": "Lampirkan notulen RAT."}, follow=True
    )


def test_returning_a_report_offers_the_managers_whatsapp_links(
    people, site, submitted, coop_manager, officer_bogor, client
):
    with_phone(coop_manager)
    page = return_report(client, officer_bogor, submitted).content.decode()
    text = (
        "Laporan%20tahunan%202024%20dikembalikan%20untuk%20diperbaiki%0A%0ACatatan%20pemeriksa%3A%20"
        f"Lampirkan%20notulen%20RAT.%0A%0Ahttps%3A//sinergi.example/kesehatan/laporan/{submitted.pk}/"
    )
    assert (
        '<li class="msg msg-whatsapp info"><span class="whatsapp-offer-lead">Kirim juga lewat WhatsApp:</span> '
        f'<a class="whatsapp-offer" href="https://wa.me/6281234567890?text={text}" target="_blank" '
        'rel="noopener">Dedi Suryana</a></li>'
    ) in page
    assert page.count("https://wa.me/") == 1
    # The message is shown once: the next page has no links any more.
    assert "Kirim juga lewat WhatsApp" not in client.get(reverse("health:report_list")).content.decode()


def test_each_recipient_with_a_number_has_a_link_by_name(
    people, site, submitted, coop_manager, coop_staff, officer_bogor, client
):
    with_phone(coop_manager)
    with_phone(coop_staff, "+62 857 1111 2222")
    page = return_report(client, officer_bogor, submitted).content.decode()
    assert page.count('class="whatsapp-offer"') == 2
    assert 'href="https://wa.me/6285711112222?text=Laporan%20tahunan%202024' in page
    names = [coop_manager.full_name, coop_staff.full_name]
    assert all(f'rel="noopener">{name}</a>' in page for name in names)


def test_no_links_when_no_recipient_has_a_usable_number(
    people, submitted, coop_manager, coop_staff, officer_bogor, client
):
    with_phone(coop_staff, "12")
    NotificationPreference.objects.create(user=with_phone(coop_manager), whatsapp=False)
    page = return_report(client, officer_bogor, submitted).content.decode()
    assert "Laporan dikembalikan kepada koperasi." in page
    assert received("report_returned") == MANAGERS
    assert "Kirim juga lewat WhatsApp" not in page and "wa.me" not in page


def test_a_refused_action_offers_nothing(people, draft, coop_manager, officer_bogor, client):
    with_phone(coop_manager)
    page = return_report(client, officer_bogor, draft).content.decode()  # a draft cannot be returned
    assert Notification.objects.count() == 0
    assert "Kirim juga lewat WhatsApp" not in page


def test_the_rat_reminder_page_keeps_its_own_links_only(
    people, site, ksp_bogor, coop_manager, officer_bogor, client
):
    CooperativeProfile.objects.update(last_rat_date=dt.date(2018, 6, 1))
    with_phone(coop_manager, "0813-0000-1111")
    ksp_bogor.organization.phone = "0812-3456-7890"
    ksp_bogor.organization.save(update_fields=["phone"])
    client.force_login(officer_bogor)
    page = client.post("/kesehatan/pengawasan/rat/ingatkan/", {"region": "", "q": ""}).content.decode()
    assert received("rat_overdue") == MANAGERS
    assert "https://wa.me/6281234567890?text=" in page
    assert "6281300001111" not in page
    assert "Kirim juga lewat WhatsApp" not in client.get(reverse("health:report_list")).content.decode()


# --- the daily RAT-overdue notice ----------------------------------------------------------------


@pytest.fixture
def overdue(ksp_bogor, ksp_bandung):
    """Both cooperatives without a RAT since June 2018: on 5-12-2026 the RAT of 2025 is overdue."""
    CooperativeProfile.objects.update(last_rat_date=dt.date(2018, 6, 1))
    return ksp_bogor


def test_rat_overdue_notice_once_per_cooperative_and_year(people, overdue, ksp_bogor):
    assert rat_overdue_notify(today=dt.date(2026, 12, 5)) == 2
    assert received("rat_overdue") == sorted([*MANAGERS, "pengurus.bandung@sinergi.test"])
    notification = Notification.objects.get(recipient__email="pengurus@sinergi.test")
    assert notification.subject == "RAT tahun buku 2025 lewat jatuh tempo"
    assert notification.body == (
        "RAT Koperasi Sejahtera Bersama untuk tahun buku 2025 seharusnya diadakan paling lambat 30-06-2026. "
        "Segera adakan RAT dan kirim laporan tahunannya lewat Sinergi."
    )
    assert notification.url == "/kesehatan/laporan/"
    event = AuditEvent.objects.get(action="health.rat_overdue_notice.send", organization_id=ksp_bogor.pk)
    assert (event.object_id, event.after, event.region_code, event.actor.is_system) == (
        f"{ksp_bogor.pk}:2025",
        {"year": 2025, "people": 3},
        ksp_bogor.region_code,
        True,
    )
    # Running again the same day or any later day of the same year tells nobody again.
    assert rat_overdue_notify(today=dt.date(2026, 12, 5)) == 0
    assert rat_overdue_notify(today=dt.date(2027, 6, 30)) == 0
    assert Notification.objects.count() == 4
    # The next tahun buku becomes overdue: told once more.
    assert rat_overdue_notify(today=dt.date(2027, 7, 1)) == 2
    assert Notification.objects.filter(subject="RAT tahun buku 2026 lewat jatuh tempo").count() == 4
    assert AuditEvent.objects.filter(action="health.rat_overdue_notice.send").count() == 4


def test_rat_overdue_notice_skips_recorded_rat_and_waits_for_managers(ksp_bogor, ksp_bandung, coop_manager):
    CooperativeProfile.objects.filter(pk=ksp_bogor.pk).update(last_rat_date=dt.date(2026, 4, 1))
    CooperativeProfile.objects.filter(pk=ksp_bandung.pk).update(last_rat_date=dt.date(2018, 6, 1))
    # Bogor held the RAT of 2025; Bandung is overdue but has no managers yet.
    assert rat_overdue_notify(today=dt.date(2026, 12, 5)) == 0
    assert Notification.objects.count() == 0
    assert not AuditEvent.objects.filter(action="health.rat_overdue_notice.send").exists()


def test_health_supervise_notify_step(people, overdue, capsys):
    call_command("health_supervise", "--notify", "--json")
    first = json.loads(capsys.readouterr().out)
    call_command("health_supervise", "--notify", "--json")
    second = json.loads(capsys.readouterr().out)
    assert (first["rat_overdue_notified"], second["rat_overdue_notified"]) == (2, 0)
    assert Notification.objects.filter(event="rat_overdue").count() == 4
    call_command("health_supervise", "--json")
    assert "rat_overdue_notified" not in json.loads(capsys.readouterr().out)


# --- the import notice ------------------------------------------------------------------------------


def workbook_bytes(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


ROWS = [
    ["koperasi_id", "year", "rat_date", "total_aset", "kas"],
    ["{bogor}", 2024, "2025-03-15", 1_000_000_000, "50.000.000"],
    ["{bogor}", 2023, "2024-03-15", 900_000_000, "lima"],
    ["", 2022, "", 1, 1],
]


def rows_for(ksp):
    return [[ksp.pk if cell == "{bogor}" else cell for cell in row] for row in ROWS]


def test_import_through_the_page_tells_the_uploader(
    as_user, coop_manager, ksp_bogor, django_capture_on_commit_callbacks
):
    client = as_user(coop_manager)
    upload = SimpleUploadedFile("laporan-2024.xlsx", workbook_bytes(rows_for(ksp_bogor)))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("health:report_import"), {"file": upload})
    job = Job.objects.get()
    notification = Notification.objects.get(event="import_finished")
    assert notification.recipient == coop_manager
    assert notification.subject == "Impor laporan tahunan laporan-2024.xlsx selesai"
    assert notification.body == "1 baru, 0 diperbarui, 0 diajukan, 2 baris ditolak."
    assert notification.url == f"/kesehatan/impor/{job.pk}/"


def test_import_with_submission_counts_the_submitted(tmp_path, coop_manager, ksp_bogor):
    path = tmp_path / "laporan.xlsx"
    path.write_bytes(workbook_bytes(rows_for(ksp_bogor)[:2]))
    result = import_reports(actor=coop_manager, path=str(path), submit=True, name="tahunan.xlsx")
    assert (result.created, result.submitted) == (1, 1)
    notification = Notification.objects.get(event="import_finished")
    assert (notification.subject, notification.body, notification.url) == (
        "Impor laporan tahunan tahunan.xlsx selesai",
        "1 baru, 0 diperbarui, 1 diajukan, 0 baris ditolak.",
        "",
    )


def test_dry_run_and_the_system_account_tell_no_one(tmp_path, coop_manager, ksp_bogor, system):
    path = tmp_path / "laporan.xlsx"
    path.write_bytes(workbook_bytes(rows_for(ksp_bogor)[:2]))
    import_reports(actor=coop_manager, path=str(path), dry_run=True)
    assert Notification.objects.count() == 0
    call_command("health_import", str(path), "--json")
    assert Notification.objects.count() == 0


# --- the dissolution link -------------------------------------------------------------------------


def test_dissolution_notice_links_to_the_cooperatives_own_page(
    people, ksp_bogor, officer_bogor, coop_manager, client
):
    CooperativeProfile.objects.filter(pk=ksp_bogor.pk).update(last_rat_date=dt.date(2018, 1, 1))
    ksp_bogor.refresh_from_db()
    case = supervision.dissolution_case_open(
        actor=officer_bogor,
        cooperative=ksp_bogor,
        ground="no_activity",
        facts="Tidak ada kegiatan sejak 2018.",
    )
    today = dt.date.today()
    supervision.dissolution_notice_issue(
        actor=officer_bogor, case=case, notice_number="518/12/Diskop",
        notice_date=today - dt.timedelta(days=3), received_on=today - dt.timedelta(days=1), signatory="Kepala Dinas",
    )  # fmt: skip
    urls = set(Notification.objects.filter(event="dissolution_step").values_list("url", flat=True))
    assert urls == {f"/registri/koperasi/{ksp_bogor.pk}/"}
    client.force_login(coop_manager)
    assert client.get(f"/registri/koperasi/{ksp_bogor.pk}/").status_code == 200
    # The case page itself is the office's.
    assert client.get(reverse("health:case_detail", args=[case.pk])).status_code == 403


def test_the_link_of_the_dissolution_decision_still_opens(
    people, ksp_bogor, officer_bogor, coop_manager, client
):
    CooperativeProfile.objects.filter(pk=ksp_bogor.pk).update(last_rat_date=dt.date(2018, 1, 1))
    ksp_bogor.refresh_from_db()
    case = supervision.dissolution_case_open(
        actor=officer_bogor,
        cooperative=ksp_bogor,
        ground="no_activity",
        facts="Tidak ada kegiatan sejak 2018.",
    )
    today = dt.date.today()
    received_on = today - dt.timedelta(days=90)
    supervision.dissolution_notice_issue(
        actor=officer_bogor, case=case, notice_number="518/12/Diskop",
        notice_date=received_on, received_on=received_on, signatory="Kepala Dinas",
    )  # fmt: skip
    case.refresh_from_db()
    supervision.dissolution_decide(
        actor=officer_bogor, case=case, dissolve=True, decided_on=today, number="518/20/Diskop",
        reason="Tidak ada kegiatan.", signatory="Kepala Dinas",
    )  # fmt: skip
    last = (
        Notification.objects.filter(recipient=coop_manager, event="dissolution_step").order_by("-id").first()
    )
    assert (last.subject, last.url) == (
        "Proses pembubaran koperasi: Dibubarkan",
        f"/registri/koperasi/{ksp_bogor.pk}/",
    )
    client.force_login(coop_manager)
    assert client.get(last.url).status_code == 200


# --- one history line per autosave session --------------------------------------------------------


def autosave(client, report, kas, at):
    data = {"year": "2024", "rat_date": "2025-03-15", "total_aset": "1.250.000.000", "kas": kas}
    with mock.patch("django.utils.timezone.now", return_value=at):
        response = client.post(reverse("health:report_draft_save", args=[report.pk]), data)
    assert response.json()["saved"] is True


def updates(report):
    return AuditEvent.objects.filter(action="annual_report.update", object_id=str(report.pk)).order_by("id")


def test_autosaves_of_one_session_leave_one_line(draft, coop_manager, client):
    client.force_login(coop_manager)
    start = timezone.now()
    autosave(client, draft, "61.000.000", start)
    autosave(client, draft, "62.000.000", start + dt.timedelta(minutes=10))
    autosave(client, draft, "63.000.000", start + dt.timedelta(minutes=25))
    assert [e.after["kas"] for e in updates(draft)] == ["61000000.00"]
    # A pause longer than half an hour starts a new session.
    autosave(client, draft, "64.000.000", start + dt.timedelta(minutes=56))
    assert [e.after["kas"] for e in updates(draft)] == ["61000000.00", "64000000.00"]
    draft.refresh_from_db()
    assert str(draft.kas) == "64000000.00"


def test_the_explicit_save_always_leaves_a_line(draft, coop_manager, client):
    client.force_login(coop_manager)
    start = timezone.now()
    autosave(client, draft, "61.000.000", start)
    services.annual_report_update(actor=coop_manager, report=draft, values={"kas": "62000000"})
    services.annual_report_update(actor=coop_manager, report=draft, values={"kas": "63000000"})
    assert [e.after["kas"] for e in updates(draft)] == ["61000000.00", "62000000.00", "63000000.00"]


def test_another_persons_autosave_is_its_own_line(draft, coop_manager, coop_staff, client):
    client.force_login(coop_manager)
    start = timezone.now()
    autosave(client, draft, "61.000.000", start)
    client.force_login(coop_staff)
    autosave(client, draft, "62.000.000", start + dt.timedelta(minutes=1))
    assert [(e.actor, e.after["kas"]) for e in updates(draft)] == [
        (coop_manager, "61000000.00"),
        (coop_staff, "62000000.00"),
    ]
