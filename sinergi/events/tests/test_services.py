import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sinergi.accounts.tests.factories import OfficeFactory
from sinergi.core.models import AuditEvent
from sinergi.events import services
from sinergi.events.models import Attendance, Event, EventInvitation, EventKind, Material, Registration
from sinergi.events.tests.conftest import day
from sinergi.events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def audit_count():
    return AuditEvent.objects.count()


# --- events -----------------------------------------------------------------------------------


def test_create_event_records_fields_and_audit(officer_bogor, office_bogor):
    event = services.event_create(
        actor=officer_bogor,
        office=office_bogor,
        kind=EventKind.TRAINING,
        title="  Pelatihan Pembukuan Koperasi ",
        date=day(10),
        start_time=dt.time(8, 30),
        end_time=dt.time(15, 0),
        place="Aula Dinas",
        region_id="32.71.06",
        organizers="Dinas Koperasi dan UMKM Kota Bogor",
        speakers="Dr. Rina Kusuma\n\nH. Ahmad Fauzi\n",
    )
    event.refresh_from_db()
    assert event.title == "Pelatihan Pembukuan Koperasi"
    assert event.office_id == office_bogor.pk
    assert event.created_by_id == officer_bogor.pk
    assert event.speaker_list() == ["Dr. Rina Kusuma", "H. Ahmad Fauzi"]
    entry = AuditEvent.objects.get(action="event.create")
    assert entry.region_code == "32.71.06"
    assert entry.organization_id == office_bogor.pk
    assert entry.after["title"] == "Pelatihan Pembukuan Koperasi"
    assert entry.after["region"] == "32.71.06"


def test_officer_of_another_office_cannot_create_for_bogor(officer_bandung, office_bogor):
    before = audit_count()
    with pytest.raises(PermissionDenied):
        services.event_create(
            actor=officer_bandung,
            office=office_bogor,
            kind=EventKind.FGD,
            title="FGD",
            date=day(3),
            place="Bandung",
            region_id="32.71",
        )
    assert Event.objects.count() == 0
    assert audit_count() == before


def test_viewer_cannot_create(viewer_bogor, office_bogor):
    with pytest.raises(PermissionDenied):
        services.event_create(
            actor=viewer_bogor,
            office=office_bogor,
            kind=EventKind.FGD,
            title="FGD",
            date=day(3),
            place="Balai",
            region_id="32.71",
        )
    assert Event.objects.count() == 0


def test_region_outside_the_office_jurisdiction_is_refused(officer_bogor, office_bogor):
    before = audit_count()
    with pytest.raises(ValidationError) as exc:
        services.event_create(
            actor=officer_bogor,
            office=office_bogor,
            kind=EventKind.FGD,
            title="FGD",
            date=day(3),
            place="Bandung",
            region_id="32.73",
        )
    assert exc.value.message_dict == {
        "region": ["Wilayah kegiatan harus di dalam wilayah kerja dinas penyelenggara."]
    }
    assert Event.objects.count() == 0
    assert audit_count() == before


def test_end_before_start_is_refused(officer_bogor, office_bogor):
    with pytest.raises(ValidationError) as exc:
        services.event_create(
            actor=officer_bogor,
            office=office_bogor,
            kind=EventKind.FGD,
            title="FGD",
            date=day(3),
            start_time=dt.time(13, 0),
            end_time=dt.time(9, 0),
            place="Balai",
            region_id="32.71",
        )
    assert exc.value.message_dict == {"end_time": ["Jam selesai tidak boleh sebelum jam mulai."]}
    assert Event.objects.count() == 0


def test_update_changes_only_given_fields_and_audits_the_difference(officer_bogor, upcoming):
    services.event_update(
        actor=officer_bogor, event=upcoming, place="Gedung Kemuning Gading", title=upcoming.title
    )
    upcoming.refresh_from_db()
    assert upcoming.place == "Gedung Kemuning Gading"
    entry = AuditEvent.objects.get(action="event.update")
    assert entry.before == {"place": "Balai Kota Bogor"}
    assert entry.after == {"place": "Gedung Kemuning Gading"}


def test_update_without_change_writes_no_audit(officer_bogor, upcoming):
    before = audit_count()
    services.event_update(actor=officer_bogor, event=upcoming, place="Balai Kota Bogor", date=upcoming.date)
    assert audit_count() == before


def test_update_by_other_region_is_refused(officer_bandung, upcoming):
    before = audit_count()
    with pytest.raises(PermissionDenied):
        services.event_update(actor=officer_bandung, event=upcoming, place="Bandung")
    upcoming.refresh_from_db()
    assert upcoming.place == "Balai Kota Bogor"
    assert audit_count() == before


def test_date_cannot_move_once_attendance_is_taken(officer_bogor, today_event, cooperative_bogor):
    registration = services.registration_add(
        actor=officer_bogor, event=today_event, organization=cooperative_bogor, attendee_name="Dedi"
    )
    services.attendance_mark(actor=officer_bogor, registration=registration)
    before = audit_count()
    with pytest.raises(ValidationError) as exc:
        services.event_update(actor=officer_bogor, event=today_event, date=day(5))
    assert exc.value.message_dict == {
        "date": ["Tanggal kegiatan tidak dapat diubah setelah kehadiran dicatat."]
    }
    today_event.refresh_from_db()
    assert today_event.date == day(0)
    assert audit_count() == before


# --- invitations ------------------------------------------------------------------------------


def test_invite_organisation(officer_bogor, upcoming, cooperative_bogor):
    invitation = services.invitation_add(actor=officer_bogor, event=upcoming, organization=cooperative_bogor)
    assert invitation.invited_by_id == officer_bogor.pk
    entry = AuditEvent.objects.get(action="event.invite")
    assert entry.organization_id == cooperative_bogor.pk
    assert entry.after == {
        "organization": cooperative_bogor.pk,
        "organization_name": "Koperasi Sejahtera Bersama",
    }


def test_invite_twice_is_refused(officer_bogor, upcoming, cooperative_bogor):
    services.invitation_add(actor=officer_bogor, event=upcoming, organization=cooperative_bogor)
    before = audit_count()
    with pytest.raises(ValidationError) as exc:
        services.invitation_add(actor=officer_bogor, event=upcoming, organization=cooperative_bogor)
    assert exc.value.message_dict == {"organization": ["Organisasi ini sudah diundang."]}
    assert EventInvitation.objects.count() == 1
    assert audit_count() == before


def test_invite_office_is_refused(officer_bogor, upcoming, office_bogor):
    with pytest.raises(ValidationError):
        services.invitation_add(actor=officer_bogor, event=upcoming, organization=office_bogor)
    assert EventInvitation.objects.count() == 0


def test_invite_organisation_out_of_reach_is_refused(officer_bogor, upcoming, cooperative_bandung):
    before = audit_count()
    with pytest.raises(PermissionDenied):
        services.invitation_add(actor=officer_bogor, event=upcoming, organization=cooperative_bandung)
    assert EventInvitation.objects.count() == 0
    assert audit_count() == before


def test_remove_unused_invitation(officer_bogor, upcoming, cooperative_bogor):
    invitation = services.invitation_add(actor=officer_bogor, event=upcoming, organization=cooperative_bogor)
    services.invitation_remove(actor=officer_bogor, invitation=invitation)
    assert EventInvitation.objects.count() == 0
    assert AuditEvent.objects.filter(action="event.uninvite").count() == 1


def test_remove_used_invitation_is_refused(officer_bogor, upcoming, cooperative_bogor, coop_manager):
    invitation = services.invitation_add(actor=officer_bogor, event=upcoming, organization=cooperative_bogor)
    services.registration_add(
        actor=coop_manager, event=upcoming, organization=cooperative_bogor, attendee_name="Dedi"
    )
    before = audit_count()
    with pytest.raises(ValidationError):
        services.invitation_remove(actor=officer_bogor, invitation=invitation)
    assert EventInvitation.objects.count() == 1
    assert audit_count() == before


# --- registration -----------------------------------------------------------------------------


def test_office_registers_any_organisation_it_reaches(officer_bogor, upcoming, umkm_bogor):
    registration = services.registration_add(
        actor=officer_bogor,
        event=upcoming,
        organization=umkm_bogor,
        attendee_name=" Euis Rahmawati ",
        attendee_position="Pemilik",
    )
    assert (registration.attendee_name, registration.attendee_position) == ("Euis Rahmawati", "Pemilik")
    entry = AuditEvent.objects.get(action="event.register")
    assert entry.after["attendee_name"] == "Euis Rahmawati"
    assert entry.organization_id == umkm_bogor.pk


def test_invited_member_registers_own_organisation(officer_bogor, upcoming, cooperative_bogor, coop_manager):
    services.invitation_add(actor=officer_bogor, event=upcoming, organization=cooperative_bogor)
    registration = services.registration_add(
        actor=coop_manager, event=upcoming, organization=cooperative_bogor, attendee_name="Dedi Suryana"
    )
    assert registration.registered_by_id == coop_manager.pk


def test_uninvited_member_cannot_register(upcoming, cooperative_bogor, coop_manager):
    before = audit_count()
    with pytest.raises(ValidationError) as exc:
        services.registration_add(
            actor=coop_manager, event=upcoming, organization=cooperative_bogor, attendee_name="Dedi"
        )
    assert exc.value.messages == ["Hanya organisasi yang diundang yang dapat mendaftar sendiri."]
    assert Registration.objects.count() == 0
    assert audit_count() == before


def test_member_cannot_register_another_organisation(
    officer_bogor, upcoming, other_cooperative_bogor, coop_manager
):
    services.invitation_add(actor=officer_bogor, event=upcoming, organization=other_cooperative_bogor)
    with pytest.raises(PermissionDenied):
        services.registration_add(
            actor=coop_manager, event=upcoming, organization=other_cooperative_bogor, attendee_name="Dedi"
        )
    assert Registration.objects.count() == 0


def test_participant_registers_once(officer_bogor, upcoming, cooperative_bogor):
    services.registration_add(
        actor=officer_bogor, event=upcoming, organization=cooperative_bogor, attendee_name="A"
    )
    before = audit_count()
    with pytest.raises(ValidationError) as exc:
        services.registration_add(
            actor=officer_bogor, event=upcoming, organization=cooperative_bogor, attendee_name="B"
        )
    assert exc.value.messages == ["Organisasi ini sudah terdaftar pada kegiatan ini."]
    assert list(Registration.objects.values_list("attendee_name", flat=True)) == ["A"]
    assert audit_count() == before


def test_registration_closed_after_the_event(officer_bogor, make_event, cooperative_bogor):
    past = make_event(-1)
    before = audit_count()
    with pytest.raises(ValidationError) as exc:
        services.registration_add(
            actor=officer_bogor, event=past, organization=cooperative_bogor, attendee_name="A"
        )
    assert exc.value.messages == ["Pendaftaran sudah ditutup karena kegiatan telah lewat."]
    assert Registration.objects.count() == 0
    assert audit_count() == before


def test_registration_open_on_the_day(officer_bogor, today_event, cooperative_bogor):
    services.registration_add(
        actor=officer_bogor, event=today_event, organization=cooperative_bogor, attendee_name="A"
    )
    assert Registration.objects.count() == 1


def test_registration_needs_an_attendee_name(officer_bogor, upcoming, cooperative_bogor):
    with pytest.raises(ValidationError) as exc:
        services.registration_add(
            actor=officer_bogor, event=upcoming, organization=cooperative_bogor, attendee_name=" "
        )
    assert exc.value.message_dict == {"attendee_name": ["Isi nama orang yang hadir."]}
    assert Registration.objects.count() == 0


def test_bandung_officer_cannot_register_at_bogor_event(officer_bandung, upcoming, cooperative_bandung):
    with pytest.raises(PermissionDenied):
        services.registration_add(
            actor=officer_bandung, event=upcoming, organization=cooperative_bandung, attendee_name="A"
        )
    assert Registration.objects.count() == 0


def test_cancel_registration(officer_bogor, upcoming, cooperative_bogor, coop_manager):
    services.invitation_add(actor=officer_bogor, event=upcoming, organization=cooperative_bogor)
    registration = services.registration_add(
        actor=coop_manager, event=upcoming, organization=cooperative_bogor, attendee_name="Dedi"
    )
    services.registration_cancel(actor=coop_manager, registration=registration)
    assert Registration.objects.count() == 0
    assert AuditEvent.objects.get(action="event.unregister").before["attendee_name"] == "Dedi"


def test_cancel_after_attendance_is_refused(officer_bogor, today_event, cooperative_bogor):
    registration = services.registration_add(
        actor=officer_bogor, event=today_event, organization=cooperative_bogor, attendee_name="Dedi"
    )
    services.attendance_mark(actor=officer_bogor, registration=registration)
    before = audit_count()
    with pytest.raises(ValidationError) as exc:
        services.registration_cancel(actor=officer_bogor, registration=registration)
    assert exc.value.messages == ["Peserta yang sudah hadir tidak dapat dibatalkan."]
    assert Registration.objects.count() == 1
    assert audit_count() == before


# --- attendance -------------------------------------------------------------------------------


def test_attendance_before_the_event_day_is_refused(officer_bogor, upcoming, cooperative_bogor):
    registration = services.registration_add(
        actor=officer_bogor, event=upcoming, organization=cooperative_bogor, attendee_name="Dedi"
    )
    before = audit_count()
    with pytest.raises(ValidationError) as exc:
        services.attendance_mark(actor=officer_bogor, registration=registration)
    assert exc.value.messages == ["Kehadiran baru dapat dicatat pada hari kegiatan."]
    assert Attendance.objects.count() == 0
    assert audit_count() == before


def test_attendance_on_the_day_and_undo(officer_bogor, today_event, cooperative_bogor):
    registration = services.registration_add(
        actor=officer_bogor, event=today_event, organization=cooperative_bogor, attendee_name="Dedi"
    )
    attendance = services.attendance_mark(actor=officer_bogor, registration=registration)
    assert attendance.marked_by_id == officer_bogor.pk
    again = services.attendance_mark(actor=officer_bogor, registration=registration)
    assert again.pk == attendance.pk
    assert AuditEvent.objects.filter(action="event.attend").count() == 1
    services.attendance_unmark(actor=officer_bogor, registration=registration)
    assert Attendance.objects.count() == 0
    assert AuditEvent.objects.filter(action="event.unattend").count() == 1


def test_attendance_after_the_event_from_the_paper_list(officer_bogor, office_bogor, cooperative_bogor):
    past = EventFactory(office=office_bogor, date=day(-2))
    from sinergi.events.models import Registration as R

    registration = R.objects.create(event=past, organization=cooperative_bogor, attendee_name="Dedi")
    services.attendance_mark(actor=officer_bogor, registration=registration)
    assert Attendance.objects.count() == 1


def test_participant_cannot_mark_own_attendance(officer_bogor, today_event, cooperative_bogor, coop_manager):
    registration = services.registration_add(
        actor=officer_bogor, event=today_event, organization=cooperative_bogor, attendee_name="Dedi"
    )
    before = audit_count()
    with pytest.raises(PermissionDenied):
        services.attendance_mark(actor=coop_manager, registration=registration)
    assert Attendance.objects.count() == 0
    assert audit_count() == before


def test_watchers_are_called_inside_the_attendance_transaction(officer_bogor, today_event, cooperative_bogor):
    registration = services.registration_add(
        actor=officer_bogor, event=today_event, organization=cooperative_bogor, attendee_name="Dedi"
    )
    seen = []

    def watcher(attendance):
        seen.append((attendance.organization.pk, attendance.event.pk))

    services.ATTENDANCE_WATCHERS.append(watcher)
    try:
        services.attendance_mark(actor=officer_bogor, registration=registration)
    finally:
        services.ATTENDANCE_WATCHERS.remove(watcher)
    assert seen == [(cooperative_bogor.pk, today_event.pk)]


def test_failing_watcher_undoes_the_attendance(officer_bogor, today_event, cooperative_bogor):
    registration = services.registration_add(
        actor=officer_bogor, event=today_event, organization=cooperative_bogor, attendee_name="Dedi"
    )
    before = audit_count()

    def watcher(attendance):
        raise ValidationError("refused by watcher")

    services.ATTENDANCE_WATCHERS.append(watcher)
    try:
        with pytest.raises(ValidationError):
            services.attendance_mark(actor=officer_bogor, registration=registration)
    finally:
        services.ATTENDANCE_WATCHERS.remove(watcher)
    assert Attendance.objects.count() == 0
    assert audit_count() == before


# --- materials --------------------------------------------------------------------------------


def test_add_and_remove_material(
    officer_bogor, upcoming, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    material = services.material_add(
        actor=officer_bogor,
        event=upcoming,
        title="Materi pembukuan",
        upload=SimpleUploadedFile("materi.pdf", PDF, content_type="application/pdf"),
    )
    assert (material.title, material.name, material.content_type, material.size) == (
        "Materi pembukuan",
        "materi.pdf",
        "application/pdf",
        len(PDF),
    )
    stored = tmp_path / material.file.name
    assert stored.read_bytes() == PDF
    with django_capture_on_commit_callbacks(execute=True):
        services.material_remove(actor=officer_bogor, material=material)
    assert Material.objects.count() == 0
    assert not stored.exists()
    assert [
        e.action for e in AuditEvent.objects.filter(action__startswith="event.material").order_by("id")
    ] == ["event.material_add", "event.material_remove"]


@pytest.mark.parametrize(
    "name, content, message",
    [
        (
            "materi.exe",
            b"MZ\x90\x00",
            "Jenis berkas tidak diterima. Unggah PDF, JPG, PNG, XLSX, DOCX, atau PPTX.",
        ),
        ("materi.pdf", b"<html>not a pdf</html>", "Isi berkas tidak sesuai dengan jenisnya."),
        ("materi.pptx", b"PK\x03\x04garbage", "Isi berkas tidak sesuai dengan jenisnya."),
        ("materi.pdf", b"", "Berkas kosong."),
    ],
)
def test_bad_material_is_refused(officer_bogor, upcoming, settings, tmp_path, name, content, message):
    settings.MEDIA_ROOT = tmp_path
    before = audit_count()
    with pytest.raises(ValidationError) as exc:
        services.material_add(
            actor=officer_bogor, event=upcoming, title="", upload=SimpleUploadedFile(name, content)
        )
    assert exc.value.message_dict == {"file": [message]}
    assert Material.objects.count() == 0
    assert audit_count() == before


def test_material_by_participant_is_refused(
    officer_bogor, upcoming, cooperative_bogor, coop_manager, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    services.invitation_add(actor=officer_bogor, event=upcoming, organization=cooperative_bogor)
    with pytest.raises(PermissionDenied):
        services.material_add(
            actor=coop_manager, event=upcoming, title="x", upload=SimpleUploadedFile("a.pdf", PDF)
        )
    assert Material.objects.count() == 0


def test_system_actor_creates_for_any_office(office_bogor):
    from sinergi.core.actors import system_user

    other = OfficeFactory(
        name="Dinas Koperasi Kabupaten Bogor", region_id="32.01.30.2008", jurisdiction_id="32.01"
    )
    event = services.event_create(
        actor=system_user(),
        office=other,
        kind=EventKind.TRAINING,
        title="Pelatihan",
        date=day(3),
        place="Cibinong",
        region_id="32.01",
    )
    assert event.office_id == other.pk


def test_line_breaks_are_kept_as_line_feeds(officer_bogor, upcoming):
    services.event_update(
        actor=officer_bogor, event=upcoming, speakers="Dr. Rina Kusuma\r\nH. Ahmad Fauzi\r\n"
    )
    upcoming.refresh_from_db()
    assert upcoming.speakers == "Dr. Rina Kusuma\nH. Ahmad Fauzi"
    assert not AuditEvent.objects.filter(action="event.update").exists()
