import pytest
from django.http import Http404

from sinergi.events import access, selectors, services
from sinergi.events.filters import EventFilters

pytestmark = pytest.mark.django_db


def test_viewer_sees_but_does_not_manage(viewer_bogor, upcoming):
    assert [e.pk for e in selectors.event_list(user=viewer_bogor)] == [upcoming.pk]
    assert access.may_manage(viewer_bogor, upcoming) is False
    assert list(access.organizing_offices(viewer_bogor)) == []


def test_superuser_sees_every_event(superuser, upcoming):
    assert [e.pk for e in selectors.event_list(user=superuser)] == [upcoming.pk]
    assert access.may_manage(superuser, upcoming) is True


def test_other_region_and_strangers_see_nothing(officer_bandung, umkm_owner, clinic_expert, upcoming):
    for user in (officer_bandung, umkm_owner, clinic_expert):
        assert list(selectors.event_list(user=user)) == []
        with pytest.raises(Http404):
            selectors.access_event(user=user, pk=upcoming.pk)


def test_registered_but_uninvited_organisation_sees_its_event(
    officer_bogor, umkm_owner, umkm_bogor, upcoming
):
    services.registration_add(
        actor=officer_bogor, event=upcoming, organization=umkm_bogor, attendee_name="Euis"
    )
    assert [e.pk for e in selectors.event_list(user=umkm_owner)] == [upcoming.pk]
    assert [r.attendee_name for r in selectors.registration_list(user=umkm_owner, event=upcoming)] == ["Euis"]


def test_counts_on_the_list(officer_bogor, today_event, cooperative_bogor, umkm_bogor):
    first = services.registration_add(
        actor=officer_bogor, event=today_event, organization=cooperative_bogor, attendee_name="Dedi"
    )
    services.registration_add(
        actor=officer_bogor, event=today_event, organization=umkm_bogor, attendee_name="Euis"
    )
    services.attendance_mark(actor=officer_bogor, registration=first)
    event = selectors.event_list(user=officer_bogor).get()
    assert (event.registered, event.attended) == (2, 1)
    assert selectors.attendance_count(event=today_event) == (1, 2)


def test_search_by_title_or_place(officer_bogor, make_event):
    make_event(3, title="Pelatihan Pemasaran Digital", place="Aula Dinas")
    make_event(4, title="Temu Bisnis", place="Hotel Salak")
    titles = lambda q: [e.title for e in selectors.event_list(user=officer_bogor, filters=EventFilters(q=q))]  # noqa: E731
    assert titles("digital") == ["Pelatihan Pemasaran Digital"]
    assert titles("salak") == ["Temu Bisnis"]


def test_invitable_organisations_are_those_in_reach_not_yet_invited(
    officer_bogor, upcoming, cooperative_bogor, umkm_bogor, cooperative_bandung, office_bogor
):
    services.invitation_add(actor=officer_bogor, event=upcoming, organization=umkm_bogor)
    names = [o.name for o in selectors.invitable_organizations(user=officer_bogor, event=upcoming, q="")]
    assert names == ["Koperasi Sejahtera Bersama"]


def test_registrable_organisations(officer_bogor, coop_manager, upcoming, cooperative_bogor, umkm_bogor):
    services.invitation_add(actor=officer_bogor, event=upcoming, organization=cooperative_bogor)
    services.invitation_add(actor=officer_bogor, event=upcoming, organization=umkm_bogor)
    manager = selectors.registrable_organizations(user=coop_manager, event=upcoming, manages=False)
    assert [o.name for o in manager] == ["Koperasi Sejahtera Bersama"]
    office = selectors.registrable_organizations(user=officer_bogor, event=upcoming, manages=True)
    assert [o.name for o in office] == ["Keripik Talas Bu Euis", "Koperasi Sejahtera Bersama"]
    services.registration_add(
        actor=coop_manager, event=upcoming, organization=cooperative_bogor, attendee_name="Dedi"
    )
    assert selectors.registrable_organizations(user=coop_manager, event=upcoming, manages=False) == []


def test_events_of_past_days_are_listed_as_past(officer_bogor, make_event):
    make_event(-3, title="Lalu")
    make_event(0, title="Hari ini")
    assert [
        e.title for e in selectors.event_list(user=officer_bogor, filters=EventFilters(when="upcoming"))
    ] == ["Hari ini"]


def test_menu_reaches_events(
    officer_bogor, viewer_bogor, coop_manager, supplier, cooperative_bogor, upcoming
):
    assert selectors.reaches_events(officer_bogor) is True
    assert selectors.reaches_events(viewer_bogor) is True
    assert selectors.reaches_events(coop_manager) is False
    assert selectors.reaches_events(supplier) is False
    services.invitation_add(actor=officer_bogor, event=upcoming, organization=cooperative_bogor)
    assert selectors.reaches_events(coop_manager) is True
