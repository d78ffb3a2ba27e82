"""Networks in the registry: kinds, a lead, members pledging, joining and leaving with dates;
who may do what (denials change nothing); the pages and the API."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from sinergi.accounts.tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from sinergi.core.models import AuditEvent
from sinergi.registry import network_rules as rules
from sinergi.registry import selectors_networks as selectors
from sinergi.registry.models import Network, NetworkMember
from sinergi.registry.services import networks as services

pytestmark = pytest.mark.django_db

LAUNCH = dt.date(2020, 2, 25)


@pytest.fixture
def juk_lead(db):
    return OrganizationFactory(
        kind="cooperative", name="Koperasi Sekunder JUK Bandung", region_id="32.73.19.1003"
    )


@pytest.fixture
def lead_staff(juk_lead):
    return MembershipFactory(
        user=UserFactory(email="koordinator@sinergi.test", full_name="Wawan Kurniawan"),
        organization=juk_lead,
        role="coordinator",
    ).user


@pytest.fixture
def juk(officer_bandung, juk_lead, cooperative_bandung):
    network = services.network_create(
        actor=officer_bandung,
        name="JUK Kota Bandung",
        region_code="32.73",
        lead=juk_lead,
        purpose="Belanja bareng",
    )
    services.network_member_add(
        actor=officer_bandung, network=network, organization=cooperative_bandung, joined_on=LAUNCH
    )
    return network


@pytest.fixture
def bandung_manager(cooperative_bandung):
    return MembershipFactory(
        user=UserFactory(email="pengurus.bandung@sinergi.test", full_name="Neneng Rosita"),
        organization=cooperative_bandung,
        role="pengurus",
    ).user


@pytest.fixture
def newcomer(db):
    return OrganizationFactory(kind="cooperative", name="Koperasi Baru", region_id="32.73.08.1002")


@pytest.fixture
def consortium(officer_bogor, office_bogor):
    return services.network_create(
        actor=officer_bogor,
        name="Konsorsium Bisnis Kota Bogor",
        kind="consortium",
        region_code="32.71",
        lead=office_bogor,
        purpose="Pemerintah, koperasi, asosiasi dan perguruan tinggi bersinergi.",
    )


def rows(network):
    return [
        (m.organization.name, m.state, m.pledged_on, m.joined_on, m.left_on)
        for m in NetworkMember.objects.filter(network=network).order_by("organization__name", "id")
    ]


# --- the rules, without the database ---------------------------------------------------------------


def test_rules_of_the_membership_steps():
    today = dt.date(2026, 12, 6)
    assert rules.pledge_problem(current_state=None, pledged_on=today, today=today) is None
    assert rules.pledge_problem(current_state="member", pledged_on=today, today=today) == "already_current"
    assert (
        rules.pledge_problem(current_state=None, pledged_on=today + dt.timedelta(days=1), today=today)
        == "future"
    )
    assert (
        rules.join_problem(current_state="pledged", pledged_on=LAUNCH, joined_on=LAUNCH, today=today) is None
    )
    assert (
        rules.join_problem(
            current_state="pledged", pledged_on=LAUNCH, joined_on=dt.date(2020, 2, 24), today=today
        )
        == "join_before_pledge"
    )
    assert (
        rules.join_problem(current_state="member", pledged_on=None, joined_on=today, today=today)
        == "already_member"
    )
    assert (
        rules.leave_problem(
            current_state="member",
            pledged_on=None,
            joined_on=LAUNCH,
            left_on=dt.date(2020, 2, 1),
            today=today,
        )
        == "leave_before_join"
    )
    assert (
        rules.leave_problem(current_state=None, pledged_on=None, joined_on=None, left_on=today, today=today)
        == "not_current"
    )
    assert (
        rules.leave_problem(
            current_state="pledged", pledged_on=LAUNCH, joined_on=None, left_on=LAUNCH, today=today
        )
        is None
    )


# --- setting a network up ------------------------------------------------------------------------


def test_office_sets_up_a_buying_network(officer_bandung, juk_lead):
    network = services.network_create(
        actor=officer_bandung, name=" JUK Kota Bandung ", region_code="32.73", lead=juk_lead
    )
    assert (network.name, network.kind, network.region_id, network.lead_id) == (
        "JUK Kota Bandung", "buying", "32.73", juk_lead.pk,
    )  # fmt: skip
    event = AuditEvent.objects.get(action="registry.network.create")
    assert (event.region_code, event.organization_id) == ("32.73", juk_lead.pk)


def test_other_offices_and_non_officers_cannot_set_up(officer_bogor, lead_staff, supplier, juk_lead):
    for user in (officer_bogor, lead_staff, supplier):
        with pytest.raises(PermissionDenied):
            services.network_create(actor=user, name="JUK", region_code="32.73", lead=juk_lead)
    assert (
        not Network.objects.exists()
        and not AuditEvent.objects.filter(action__startswith="registry.network").exists()
    )


def test_a_buying_network_is_led_by_a_cooperative_association_or_company_of_the_area(
    officer_bandung, cooperative_bogor, office_bandung
):
    for org in (
        cooperative_bogor,
        OrganizationFactory(kind="umkm", region_id="32.73.02.1004"),
        office_bandung,
    ):
        with pytest.raises(ValidationError) as info:
            services.network_create(actor=officer_bandung, name="JUK", region_code="32.73", lead=org)
        assert list(info.value.error_dict) == ["lead"]
    # A consortium may be led by the office itself.
    forum = services.network_create(
        actor=officer_bandung,
        name="Forum Koperasi Bandung",
        kind="forum",
        region_code="32.73",
        lead=office_bandung,
    )
    assert (forum.kind, forum.lead_id) == ("forum", office_bandung.pk)
    with pytest.raises(ValidationError) as info:
        services.network_create(
            actor=officer_bandung, name="X", kind="klub", region_code="32.73", lead=office_bandung
        )
    assert list(info.value.error_dict) == ["kind"]
    assert Network.objects.count() == 1


def test_office_updates_the_network(officer_bandung, officer_bogor, juk, cooperative_bandung):
    with pytest.raises(PermissionDenied):
        services.network_update(actor=officer_bogor, network=juk, name="Lain")
    services.network_update(actor=officer_bandung, network=juk, name="JUK Bandung", lead=cooperative_bandung)
    juk.refresh_from_db()
    assert (juk.name, juk.lead_id) == ("JUK Bandung", cooperative_bandung.pk)
    event = AuditEvent.objects.get(action="registry.network.update")
    assert event.after == {"name": "JUK Bandung", "lead": cooperative_bandung.pk}
    services.network_update(actor=officer_bandung, network=juk, name="JUK Bandung")
    assert AuditEvent.objects.filter(action="registry.network.update").count() == 1  # unchanged: no event
    with pytest.raises(ValidationError):
        services.network_update(actor=officer_bandung, network=juk, kind="forum")


# --- members: pledge, join, leave -------------------------------------------------------------------


def test_pledge_then_join_then_leave_keeps_the_dates(lead_staff, juk, newcomer):
    services.network_member_pledge(actor=lead_staff, network=juk, organization=newcomer, pledged_on=LAUNCH)
    with pytest.raises(ValidationError):
        services.network_member_pledge(
            actor=lead_staff, network=juk, organization=newcomer, pledged_on=LAUNCH
        )
    services.network_member_add(
        actor=lead_staff, network=juk, organization=newcomer, joined_on=dt.date(2020, 6, 1)
    )
    services.network_member_leave(
        actor=lead_staff, network=juk, organization=newcomer, left_on=dt.date(2024, 1, 31)
    )
    assert rows(juk)[0] == ("Koperasi Baru", "left", LAUNCH, dt.date(2020, 6, 1), dt.date(2024, 1, 31))
    # Rejoining adds a new row: the history stays.
    services.network_member_add(
        actor=lead_staff, network=juk, organization=newcomer, joined_on=dt.date(2025, 3, 3)
    )
    assert [r for r in rows(juk) if r[0] == "Koperasi Baru"] == [
        ("Koperasi Baru", "left", LAUNCH, dt.date(2020, 6, 1), dt.date(2024, 1, 31)),
        ("Koperasi Baru", "member", None, dt.date(2025, 3, 3), None),
    ]
    actions = list(
        AuditEvent.objects.filter(action__startswith="registry.network.member")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "registry.network.member_add",  # the fixture's first member
        "registry.network.member_pledge",
        "registry.network.member_add",
        "registry.network.member_leave",
        "registry.network.member_add",
    ]


def test_dates_in_the_wrong_order_are_refused(lead_staff, juk, newcomer):
    services.network_member_pledge(actor=lead_staff, network=juk, organization=newcomer, pledged_on=LAUNCH)
    with pytest.raises(ValidationError) as info:
        services.network_member_add(
            actor=lead_staff, network=juk, organization=newcomer, joined_on=dt.date(2020, 1, 1)
        )
    assert info.value.messages == ["Tanggal bergabung tidak boleh sebelum tanggal berkomitmen."]
    with pytest.raises(ValidationError) as info:
        services.network_member_add(
            actor=lead_staff,
            network=juk,
            organization=newcomer,
            joined_on=timezone.localdate() + dt.timedelta(days=1),
        )
    assert info.value.messages == ["Tanggal tidak boleh di masa depan."]
    services.network_member_add(
        actor=lead_staff, network=juk, organization=newcomer, joined_on=dt.date(2020, 3, 1)
    )
    with pytest.raises(ValidationError) as info:
        services.network_member_leave(
            actor=lead_staff, network=juk, organization=newcomer, left_on=dt.date(2020, 2, 1)
        )
    assert info.value.messages == ["Tanggal keluar tidak boleh sebelum tanggal bergabung."]
    assert rows(juk)[0] == ("Koperasi Baru", "member", LAUNCH, dt.date(2020, 3, 1), None)


def test_the_database_holds_the_rules_too(juk, cooperative_bandung, newcomer):
    with pytest.raises(IntegrityError), transaction.atomic():
        NetworkMember.objects.create(
            network=juk, organization=cooperative_bandung, state="pledged", pledged_on=LAUNCH
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        NetworkMember.objects.create(network=juk, organization=newcomer, state="member")
    with pytest.raises(IntegrityError), transaction.atomic():
        NetworkMember.objects.create(
            network=juk, organization=newcomer, state="left", joined_on=LAUNCH, left_on=dt.date(2020, 1, 1)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        NetworkMember.objects.create(network=juk, organization=newcomer, state="pledged", joined_on=LAUNCH)
    assert NetworkMember.objects.filter(organization=newcomer).count() == 0


def test_buying_network_members_are_active_cooperatives_of_the_area(
    lead_staff, juk, cooperative_bogor, supplier
):
    company = supplier.memberships.get().organization
    inactive = OrganizationFactory(kind="cooperative", region_id="32.73.08.1002", is_active=False)
    for org in (cooperative_bogor, company, inactive):
        with pytest.raises(ValidationError):
            services.network_member_add(actor=lead_staff, network=juk, organization=org)
    assert juk.memberships.count() == 1


def test_a_consortium_takes_any_kind_from_the_province(
    officer_bogor, consortium, cooperative_bogor, umkm_bogor
):
    university = OrganizationFactory(kind="university", name="IPB University", region_id="32.01.30.2008")
    association = OrganizationFactory(
        kind="association", name="Dekopinda Kota Bogor", region_id="32.71.03.1005"
    )
    for org in (university, association, cooperative_bogor, umkm_bogor):
        services.network_member_add(
            actor=officer_bogor, network=consortium, organization=org, joined_on=dt.date(2019, 10, 18)
        )
    assert [r[:2] for r in rows(consortium)] == [
        ("Dekopinda Kota Bogor", "member"),
        ("IPB University", "member"),
        (umkm_bogor.name, "member"),
        ("Koperasi Sejahtera Bersama", "member"),
    ]
    # A consortium's partners may lie anywhere in the province; a buying network's only in its area.
    assert selectors.member_area(consortium) == "32"
    assert sorted(o.name for o in consortium.members.all()) == sorted(
        ["IPB University", "Dekopinda Kota Bogor", cooperative_bogor.name, umkm_bogor.name]
    )
    assert list(selectors.network_list(user=officer_bogor, kind="consortium")) == [consortium]
    assert selectors.network_list(user=officer_bogor).get().n_members == 4


def test_members_and_other_offices_cannot_run_the_network(bandung_manager, officer_bogor, juk, newcomer):
    for user in (bandung_manager, officer_bogor):
        for step in (services.network_member_add, services.network_member_pledge):
            with pytest.raises(PermissionDenied):
                step(actor=user, network=juk, organization=newcomer)
        with pytest.raises(PermissionDenied):
            services.network_member_leave(actor=user, network=juk, organization=juk.members.get())
    assert rows(juk) == [("Koperasi Mekar Sari", "member", None, LAUNCH, None)]
    assert AuditEvent.objects.filter(action__startswith="registry.network.member").count() == 1


# --- reads ---------------------------------------------------------------------------------------


def test_who_reaches_which_network(
    juk, consortium, officer_bandung, officer_bogor, lead_staff, bandung_manager, umkm_owner, superuser
):
    def names(user):
        return [n.name for n in selectors.network_list(user=user)]

    assert names(officer_bandung) == ["JUK Kota Bandung"]
    assert names(officer_bogor) == ["Konsorsium Bisnis Kota Bogor"]
    assert names(lead_staff) == ["JUK Kota Bandung"]
    assert names(bandung_manager) == ["JUK Kota Bandung"]
    assert names(umkm_owner) == []
    assert names(superuser) == ["JUK Kota Bandung", "Konsorsium Bisnis Kota Bogor"]
    with pytest.raises(Http404):
        selectors.access_network(user=officer_bogor, pk=juk.pk)
    assert selectors.reaches_networks(bandung_manager) and not selectors.reaches_networks(umkm_owner)


# --- pages ---------------------------------------------------------------------------------------


def test_network_pages(as_user, officer_bandung, lead_staff, officer_bogor, juk, newcomer):
    client = as_user(officer_bandung)
    page = client.get("/registri/jaringan/").text
    assert f'href="/registri/jaringan/{juk.pk}/"' in page and "Jaringan belanja bareng (JUK)" in page
    assert as_user(officer_bogor).get(f"/registri/jaringan/{juk.pk}/").status_code == 404
    client = as_user(lead_staff)
    response = client.post(
        f"/registri/jaringan/{juk.pk}/komitmen/", {"organization": newcomer.pk, "on": "2020-02-25"}
    )
    assert response.status_code == 302
    page = client.get(f"/registri/jaringan/{juk.pk}/").text
    assert "1 berkomitmen bergabung" in page and "berkomitmen 25-02-2020" in page
    client.post(f"/registri/jaringan/{juk.pk}/anggota/{newcomer.pk}/bergabung/", {"on": "2020-06-01"})
    client.post(f"/registri/jaringan/{juk.pk}/anggota/{newcomer.pk}/keluar/", {"on": "2024-01-31"})
    page = client.get(f"/registri/jaringan/{juk.pk}/").text
    assert "bergabung 01-06-2020, keluar 31-01-2024" in page
    assert rows(juk)[0] == ("Koperasi Baru", "left", LAUNCH, dt.date(2020, 6, 1), dt.date(2024, 1, 31))
    # The lead's staff run the members but do not rename the network.
    assert client.get(f"/registri/jaringan/{juk.pk}/ubah/").status_code == 403


def test_office_creates_and_edits_a_network_on_its_pages(as_user, officer_bandung, juk_lead):
    client = as_user(officer_bandung)
    page = client.get("/registri/jaringan/baru/")
    assert page.status_code == 200 and "Koperasi Sekunder JUK Bandung" in page.text
    response = client.post(
        "/registri/jaringan/baru/",
        {"name": "JUK Kota Bandung", "kind": "buying", "region": "32.73", "lead": juk_lead.pk, "purpose": ""},
    )
    network = Network.objects.get()
    assert (response.status_code, response["Location"]) == (302, f"/registri/jaringan/{network.pk}/")
    edit = client.get(f"/registri/jaringan/{network.pk}/ubah/")
    assert edit.status_code == 200
    client.post(
        f"/registri/jaringan/{network.pk}/ubah/",
        {"name": "JUK Bandung Raya", "lead": juk_lead.pk, "purpose": "Belanja bareng", "is_active": "on"},
    )
    network.refresh_from_db()
    assert (network.name, network.purpose) == ("JUK Bandung Raya", "Belanja bareng")


def test_members_cannot_step_on_the_pages(as_user, bandung_manager, juk, cooperative_bandung):
    client = as_user(bandung_manager)
    response = client.post(
        f"/registri/jaringan/{juk.pk}/anggota/{cooperative_bandung.pk}/keluar/", {"on": "2024-01-31"}
    )
    assert response.status_code == 403
    assert rows(juk) == [("Koperasi Mekar Sari", "member", None, LAUNCH, None)]


# --- API -----------------------------------------------------------------------------------------


def test_api_lists_creates_and_steps(api, officer_bandung, lead_staff, officer_bogor, juk_lead, newcomer):
    client = api(officer_bandung)
    created = client.post(
        "/api/v1/registry/networks/",
        {"name": "JUK Kota Bandung", "kind": "buying", "region": "32.73", "lead": juk_lead.pk},
        content_type="application/json",
    )
    assert created.status_code == 201
    network_id = created.json()["id"]
    assert {k: created.json()[k] for k in ("kind", "lead_id", "lead_name", "n_members", "members")} == {
        "kind": "buying", "lead_id": juk_lead.pk, "lead_name": "Koperasi Sekunder JUK Bandung",
        "n_members": 0, "members": [],
    }  # fmt: skip
    client = api(lead_staff)
    pledged = client.post(
        f"/api/v1/registry/networks/{network_id}/members",
        {"organization": newcomer.pk, "state": "pledged", "on": "2020-02-25"},
        content_type="application/json",
    )
    assert pledged.status_code == 201 and pledged.json() == {
        "organization_id": newcomer.pk, "name": "Koperasi Baru", "organization_kind": "cooperative",
        "state": "pledged", "pledged_on": "2020-02-25", "joined_on": None, "left_on": None,
    }  # fmt: skip
    joined = client.post(
        f"/api/v1/registry/networks/{network_id}/members",
        {"organization": newcomer.pk, "on": "2020-06-01"},
        content_type="application/json",
    )
    assert (joined.status_code, joined.json()["state"], joined.json()["joined_on"]) == (
        201,
        "member",
        "2020-06-01",
    )
    listed = client.get("/api/v1/registry/networks/?kind=buying").json()
    assert [(n["name"], n["n_members"], n["n_pledged"]) for n in listed["items"]] == [
        ("JUK Kota Bandung", 1, 0)
    ]
    left = client.post(
        f"/api/v1/registry/networks/{network_id}/members/{newcomer.pk}/leave",
        {"on": "2024-01-31"},
        content_type="application/json",
    )
    assert (left.status_code, left.json()["state"], left.json()["left_on"]) == (200, "left", "2024-01-31")
    patched = client.patch(
        f"/api/v1/registry/networks/{network_id}", {"name": "Lain"}, content_type="application/json"
    )
    assert patched.status_code == 403
    assert api(officer_bogor).get(f"/api/v1/registry/networks/{network_id}").status_code == 404
    assert Network.objects.get().name == "JUK Kota Bandung"


# --- demo ------------------------------------------------------------------------------------------


def test_demo_builds_kota_bogors_consortium(office_bogor, cooperative_bogor):
    from sinergi.accounts.services import system_user
    from sinergi.registry import demo

    OrganizationFactory(kind="association", name="Dekopinda Kota Bogor", region_id="32.71.03.1005")
    OrganizationFactory(kind="university", name="IPB University", region_id="32.01.30.2008")
    demo._networks(system_user())
    demo._networks(system_user())  # found by its name the second time
    network = Network.objects.get()
    assert (network.name, network.kind, network.lead_id) == (
        "Konsorsium Bisnis Kota Bogor",
        "consortium",
        office_bogor.pk,
    )
    assert rows(network) == [
        ("Dekopinda Kota Bogor", "member", None, dt.date(2019, 10, 18), None),
        ("IPB University", "member", None, dt.date(2019, 10, 18), None),
        ("Koperasi Sejahtera Bersama", "member", None, dt.date(2019, 10, 18), None),
    ]
