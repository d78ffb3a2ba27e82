import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from sinergi.core.models import AuditEvent
from sinergi.events import services
from sinergi.events.models import Attendance, Event, EventInvitation, Registration
from sinergi.events.tests.conftest import day
from sinergi.tests.html_forms import form_data

pytestmark = pytest.mark.django_db


def test_list_shows_the_office_its_events(as_user, officer_bogor, upcoming):
    response = as_user(officer_bogor).get(reverse("events:event_list"))
    assert response.status_code == 200
    assert [e.pk for e in response.context["page_obj"]] == [upcoming.pk]
    assert "Temu Koperasi Kota Bogor" in response.content.decode()


def test_other_region_sees_nothing(as_user, officer_bandung, upcoming):
    client = as_user(officer_bandung)
    assert list(client.get(reverse("events:event_list")).context["page_obj"]) == []
    assert client.get(reverse("events:event_detail", args=[upcoming.pk])).status_code == 404
    assert client.get(reverse("events:attendance", args=[upcoming.pk])).status_code == 404


def test_organisation_sees_only_events_it_is_invited_to(
    as_user, officer_bogor, coop_manager, cooperative_bogor, make_event
):
    invited = make_event(5, title="Pelatihan Akuntansi")
    make_event(6, title="FGD Pemasaran")
    services.invitation_add(actor=officer_bogor, event=invited, organization=cooperative_bogor)
    client = as_user(coop_manager)
    assert [e.title for e in client.get(reverse("events:event_list")).context["page_obj"]] == [
        "Pelatihan Akuntansi"
    ]
    other = Event.objects.get(title="FGD Pemasaran")
    assert client.get(reverse("events:event_detail", args=[other.pk])).status_code == 404
    page = client.get(reverse("events:event_detail", args=[invited.pk]))
    assert page.status_code == 200
    assert page.context["can_register"] is True
    assert page.context["manages"] is False


def test_list_filters_by_kind_and_time(as_user, officer_bogor, make_event):
    make_event(5, title="Pelatihan", kind="training")
    make_event(-5, title="Temu lalu")
    client = as_user(officer_bogor)
    titles = lambda q: [e.title for e in client.get(reverse("events:event_list"), q).context["page_obj"]]  # noqa: E731
    assert titles({"kind": "training"}) == ["Pelatihan"]
    assert titles({"when": "past"}) == ["Temu lalu"]
    assert titles({"when": "upcoming"}) == ["Pelatihan"]


def test_create_event_through_the_form(as_user, officer_bogor, office_bogor):
    client = as_user(officer_bogor)
    assert client.get(reverse("events:event_create")).status_code == 200
    response = client.post(
        reverse("events:event_create"),
        {
            "kind": "fgd",
            "title": "FGD Digitalisasi Koperasi",
            "date": day(12).isoformat(),
            "start_time": "09:00",
            "end_time": "11:30",
            "place": "Ruang Rapat Dinas",
            "region_1": "32",
            "region_2": "32.71",
            "region_3": "32.71.06",
            "speakers": "Dr. Rina Kusuma",
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("events:event_detail", args=[event.pk])
    assert (event.region_id, event.office_id, event.end_time) == (
        "32.71.06",
        office_bogor.pk,
        dt.time(11, 30),
    )


def test_create_refused_for_organisation_people(as_user, coop_manager):
    assert as_user(coop_manager).get(reverse("events:event_create")).status_code == 403


def test_create_form_shows_the_rule_refusal(as_user, officer_bogor):
    response = as_user(officer_bogor).post(
        reverse("events:event_create"),
        {
            "kind": "fgd",
            "title": "FGD",
            "date": day(3).isoformat(),
            "start_time": "13:00",
            "end_time": "09:00",
            "place": "Balai",
            "region_2": "32.71",
        },
    )
    assert response.status_code == 200
    assert "Jam selesai tidak boleh sebelum jam mulai." in response.content.decode()
    assert Event.objects.count() == 0


@pytest.mark.parametrize("language", ["id", "en"])
def test_untouched_edit_changes_nothing(as_user, officer_bogor, upcoming, language):
    client = as_user(officer_bogor)
    url = reverse("events:event_edit", args=[upcoming.pk])
    with translation.override(language):
        data, dates = form_data(client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode(), "title")
    assert dates == {"date": upcoming.date.isoformat()}
    before = AuditEvent.objects.count()
    assert client.post(url, data).status_code == 302
    upcoming.refresh_from_db()
    assert (upcoming.date, upcoming.start_time, upcoming.region_id) == (day(7), dt.time(9, 0), "32.71")
    assert AuditEvent.objects.count() == before


def test_edit_refused_for_viewer(as_user, viewer_bogor, upcoming):
    assert as_user(viewer_bogor).get(reverse("events:event_edit", args=[upcoming.pk])).status_code == 403


def test_invite_page_searches_and_invites(
    as_user, officer_bogor, upcoming, cooperative_bogor, umkm_bogor, cooperative_bandung
):
    client = as_user(officer_bogor)
    page = client.get(reverse("events:event_invite", args=[upcoming.pk]), {"q": "Koperasi"})
    assert [o.name for o in page.context["candidates"]] == ["Koperasi Sejahtera Bersama"]
    response = client.post(
        reverse("events:event_invite", args=[upcoming.pk]),
        {"organization": [cooperative_bogor.pk, umkm_bogor.pk, cooperative_bandung.pk]},
    )
    assert response.status_code == 302
    assert sorted(EventInvitation.objects.values_list("organization__name", flat=True)) == [
        "Keripik Talas Bu Euis",
        "Koperasi Sejahtera Bersama",
    ]


def test_member_registers_on_the_phone_form(
    as_user, officer_bogor, coop_manager, cooperative_bogor, upcoming
):
    services.invitation_add(actor=officer_bogor, event=upcoming, organization=cooperative_bogor)
    client = as_user(coop_manager)
    url = reverse("events:event_register", args=[upcoming.pk])
    assert client.get(url).context["form"].initial["attendee_name"] == "Dedi Suryana"
    response = client.post(
        url,
        {"organization": cooperative_bogor.pk, "attendee_name": "Dedi Suryana", "attendee_position": "Ketua"},
    )
    assert response.status_code == 302
    assert Registration.objects.get().attendee_position == "Ketua"


def test_register_page_refused_without_an_invitation(as_user, coop_manager, upcoming):
    assert as_user(coop_manager).get(reverse("events:event_register", args=[upcoming.pk])).status_code == 404


def test_attendance_checklist_toggles_with_one_tap(as_user, officer_bogor, today_event, cooperative_bogor):
    registration = services.registration_add(
        actor=officer_bogor, event=today_event, organization=cooperative_bogor, attendee_name="Dedi Suryana"
    )
    client = as_user(officer_bogor)
    page = client.get(reverse("events:attendance", args=[today_event.pk]))
    assert "0 dari 1 peserta hadir" in page.content.decode()
    url = reverse("events:attendance_toggle", args=[today_event.pk, registration.pk])
    response = client.post(url, {"present": "1"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'aria-pressed="true"' in body
    assert "1 dari 1 peserta hadir" in body and 'hx-swap-oob="true"' in body
    assert Attendance.objects.count() == 1
    client.post(url, {"present": "0"}, HTTP_HX_REQUEST="true")
    assert Attendance.objects.count() == 0


def test_attendance_before_the_day_is_refused_on_the_page(
    as_user, officer_bogor, upcoming, cooperative_bogor
):
    registration = services.registration_add(
        actor=officer_bogor, event=upcoming, organization=cooperative_bogor, attendee_name="Dedi"
    )
    client = as_user(officer_bogor)
    assert (
        "Kehadiran baru dapat dicatat pada hari kegiatan."
        in client.get(reverse("events:attendance", args=[upcoming.pk])).content.decode()
    )
    before = AuditEvent.objects.count()
    response = client.post(
        reverse("events:attendance_toggle", args=[upcoming.pk, registration.pk]),
        {"present": "1"},
        HTTP_HX_REQUEST="true",
    )
    assert "Kehadiran baru dapat dicatat pada hari kegiatan." in response.content.decode()
    assert Attendance.objects.count() == 0
    assert AuditEvent.objects.count() == before


def test_participant_cannot_open_the_attendance_list(
    as_user, officer_bogor, coop_manager, cooperative_bogor, today_event
):
    services.invitation_add(actor=officer_bogor, event=today_event, organization=cooperative_bogor)
    assert as_user(coop_manager).get(reverse("events:attendance", args=[today_event.pk])).status_code == 403


def test_certificate_only_for_attendees(as_user, officer_bogor, coop_manager, cooperative_bogor, today_event):
    services.invitation_add(actor=officer_bogor, event=today_event, organization=cooperative_bogor)
    registration = services.registration_add(
        actor=coop_manager, event=today_event, organization=cooperative_bogor, attendee_name="Dedi Suryana"
    )
    client = as_user(coop_manager)
    url = reverse("events:certificate", args=[today_event.pk, registration.pk])
    assert client.get(url).status_code == 403
    services.attendance_mark(actor=officer_bogor, registration=registration)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_certificate_text(officer_bogor, cooperative_bogor, today_event):
    from django.template.loader import render_to_string

    from sinergi.events.pdf import certificate_context

    registration = services.registration_add(
        actor=officer_bogor, event=today_event, organization=cooperative_bogor, attendee_name="Dedi Suryana"
    )
    services.attendance_mark(actor=officer_bogor, registration=registration)
    html = render_to_string("events/pdf/certificate.html", certificate_context(registration))
    assert "Dedi Suryana" in html and "Koperasi Sejahtera Bersama" in html
    assert f"Nomor {registration.pk:04d}/KEG-{today_event.pk:04d}/{today_event.date.year}" in html
    assert "Dinas Koperasi dan UMKM Kota Bogor" in html


def test_certificate_on_the_office_letterhead(officer_bogor, office_bogor, cooperative_bogor):
    from django.template.loader import render_to_string

    from sinergi.accounts.models import Letterhead
    from sinergi.events.pdf import certificate_context
    from sinergi.events.tests.factories import EventFactory

    Letterhead.objects.create(
        office=office_bogor, government="Pemerintah Kota Bogor", office_name="Dinas KUKM Kota Bogor",
        city="Bogor", signer_title="Kepala Dinas", signer_name="Drs. H. Ahmad Sanusi",
        signer_nip="196805121990031004",
    )  # fmt: skip
    event = EventFactory(office=office_bogor, date=dt.date(2026, 3, 5), title="Temu Koperasi 2026")
    registration = Registration.objects.create(
        event=event, organization=cooperative_bogor, attendee_name="Dedi"
    )
    Attendance.objects.create(registration=registration)
    with translation.override("id"):
        html = render_to_string("events/pdf/certificate.html", certificate_context(registration))
    for text in (
        "Pemerintah Kota Bogor", "Dinas KUKM Kota Bogor", "Kepala Dinas", "Drs. H. Ahmad Sanusi",
        "NIP 196805121990031004", "yang diselenggarakan pada 5 Maret 2026 di Balai Kota Bogor.",
    ):  # fmt: skip
        assert text in html, text


def test_no_certificate_without_attendance(officer_bogor, cooperative_bogor, today_event):
    from django.core.exceptions import ValidationError

    from sinergi.events.pdf import certificate_context

    registration = services.registration_add(
        actor=officer_bogor, event=today_event, organization=cooperative_bogor, attendee_name="Dedi"
    )
    with pytest.raises(ValidationError) as exc:
        certificate_context(registration)
    assert exc.value.messages == ["Sertifikat hanya untuk peserta yang hadir."]


def test_material_upload_and_download(as_user, officer_bogor, upcoming, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sinergi.events.tests.test_services import PDF

    settings.MEDIA_ROOT = tmp_path
    client = as_user(officer_bogor)
    response = client.post(
        reverse("events:material_add", args=[upcoming.pk]),
        {"title": "Agenda", "file": SimpleUploadedFile("agenda.pdf", PDF, content_type="application/pdf")},
    )
    assert response.status_code == 302
    material = upcoming.materials.get()
    download = client.get(reverse("events:material_download", args=[upcoming.pk, material.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


def test_history_on_the_cooperative_page(
    as_user, officer_bogor, officer_bandung, coop_manager, cooperative_bogor, make_event
):
    from sinergi.health.tests.factories import CooperativeProfileFactory

    profile = CooperativeProfileFactory(organization=cooperative_bogor, region=cooperative_bogor.region_id)
    attended = make_event(0, title="Pelatihan Pembukuan")
    invited = make_event(9, title="Temu Koperasi 2027")
    make_event(10, title="FGD lain")
    registration = services.registration_add(
        actor=officer_bogor, event=attended, organization=cooperative_bogor, attendee_name="Dedi"
    )
    services.attendance_mark(actor=officer_bogor, registration=registration)
    services.invitation_add(actor=officer_bogor, event=invited, organization=cooperative_bogor)
    page = as_user(coop_manager).get(reverse("registry:cooperative_detail", args=[profile.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Riwayat kegiatan" in body
    assert "Pelatihan Pembukuan" in body and "Temu Koperasi 2027" in body and "FGD lain" not in body
    assert reverse("events:event_detail", args=[attended.pk]) in body


def test_history_rows(officer_bogor, officer_bandung, cooperative_bogor, make_event):
    from sinergi.events.selectors import event_history

    attended = make_event(0, title="Pelatihan Pembukuan")
    invited = make_event(9, title="Temu Koperasi 2027")
    registration = services.registration_add(
        actor=officer_bogor, event=attended, organization=cooperative_bogor, attendee_name="Dedi"
    )
    services.attendance_mark(actor=officer_bogor, registration=registration)
    services.invitation_add(actor=officer_bogor, event=invited, organization=cooperative_bogor)
    rows = event_history(user=officer_bogor, organization=cooperative_bogor)
    assert [
        (r["event"].title, r["attended"], r["registration"] is not None, r["openable"]) for r in rows
    ] == [
        ("Temu Koperasi 2027", False, False, True),
        ("Pelatihan Pembukuan", True, True, True),
    ]
    # An office elsewhere (a cooperative that moved) sees the history but cannot open the events.
    rows = event_history(user=officer_bandung, organization=cooperative_bogor)
    assert [r["openable"] for r in rows] == [False, False]


def test_participant_cancels_its_registration(
    as_user, officer_bogor, coop_manager, cooperative_bogor, upcoming
):
    services.invitation_add(actor=officer_bogor, event=upcoming, organization=cooperative_bogor)
    registration = services.registration_add(
        actor=coop_manager, event=upcoming, organization=cooperative_bogor, attendee_name="Dedi"
    )
    response = as_user(coop_manager).post(
        reverse("events:registration_cancel", args=[upcoming.pk, registration.pk])
    )
    assert response.status_code == 302
    assert Registration.objects.count() == 0


def test_participant_cannot_cancel_another_registration(
    as_user, officer_bogor, coop_manager, cooperative_bogor, other_cooperative_bogor, upcoming
):
    services.invitation_add(actor=officer_bogor, event=upcoming, organization=cooperative_bogor)
    other = services.registration_add(
        actor=officer_bogor, event=upcoming, organization=other_cooperative_bogor, attendee_name="Rudi"
    )
    before = AuditEvent.objects.count()
    response = as_user(coop_manager).post(reverse("events:registration_cancel", args=[upcoming.pk, other.pk]))
    assert response.status_code == 404
    assert Registration.objects.count() == 1
    assert AuditEvent.objects.count() == before


def test_office_withdraws_an_invitation(as_user, officer_bogor, cooperative_bogor, upcoming):
    invitation = services.invitation_add(actor=officer_bogor, event=upcoming, organization=cooperative_bogor)
    response = as_user(officer_bogor).post(
        reverse("events:invitation_remove", args=[upcoming.pk, invitation.pk])
    )
    assert response.status_code == 302
    assert EventInvitation.objects.count() == 0


def test_participant_cannot_remove_material_or_invite(
    as_user, officer_bogor, coop_manager, cooperative_bogor, upcoming, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sinergi.events.tests.test_services import PDF

    settings.MEDIA_ROOT = tmp_path
    services.invitation_add(actor=officer_bogor, event=upcoming, organization=cooperative_bogor)
    material = services.material_add(
        actor=officer_bogor, event=upcoming, title="Agenda", upload=SimpleUploadedFile("a.pdf", PDF)
    )
    client = as_user(coop_manager)
    before = AuditEvent.objects.count()
    assert client.post(reverse("events:material_remove", args=[upcoming.pk, material.pk])).status_code == 403
    assert client.get(reverse("events:event_invite", args=[upcoming.pk])).status_code == 403
    assert client.get(reverse("events:material_download", args=[upcoming.pk, material.pk])).status_code == 200
    assert upcoming.materials.count() == 1
    assert AuditEvent.objects.count() == before


def test_office_registers_a_walk_in_from_the_attendance_page(
    as_user, officer_bogor, cooperative_bogor, today_event
):
    client = as_user(officer_bogor)
    attendance_page = client.get(reverse("events:attendance", args=[today_event.pk])).content.decode()
    url = reverse("events:event_register", args=[today_event.pk])
    assert f"{url}?kembali=kehadiran" in attendance_page
    assert client.get(url, {"kembali": "kehadiran"}).context["form"].fields["organization"].choices == []
    found = client.get(url, {"kembali": "kehadiran", "q": "Sejahtera"})
    assert found.context["form"].fields["organization"].choices == [
        (str(cooperative_bogor.pk), "Koperasi Sejahtera Bersama")
    ]
    response = client.post(
        f"{url}?kembali=kehadiran&q=Sejahtera",
        {"organization": cooperative_bogor.pk, "attendee_name": "Dedi"},
    )
    assert response["Location"] == reverse("events:attendance", args=[today_event.pk])
    assert Registration.objects.get().organization_id == cooperative_bogor.pk


def test_walk_in_search_stays_in_the_office_reach(as_user, officer_bogor, cooperative_bandung, today_event):
    client = as_user(officer_bogor)
    url = reverse("events:event_register", args=[today_event.pk])
    assert client.get(url, {"q": "Mekar"}).context["form"].fields["organization"].choices == []
    response = client.post(url, {"organization": cooperative_bandung.pk, "attendee_name": "Asep"})
    assert response.status_code == 200
    assert Registration.objects.count() == 0


def test_attendance_without_javascript(as_user, officer_bogor, today_event, cooperative_bogor):
    registration = services.registration_add(
        actor=officer_bogor, event=today_event, organization=cooperative_bogor, attendee_name="Dedi"
    )
    response = as_user(officer_bogor).post(
        reverse("events:attendance_toggle", args=[today_event.pk, registration.pk]), {"present": "1"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("events:attendance", args=[today_event.pk])
    assert Attendance.objects.count() == 1
