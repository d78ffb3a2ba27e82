"""Moving an organisation (pindah wilayah): one source of truth for its region.

An edit never moves an organisation. Inside one office's jurisdiction its writers move it at once;
anything else is a request that the office of the receiving region approves, and until then the
organisation stays in its office's lists. Approving moves the organisation and the registry's copy
of its region together, so the old office stops listing it and the new one lists it.
"""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.models import F

from sinergi.accounts.models import Membership, Organization
from sinergi.accounts.services import api_token_create
from sinergi.core.models import AuditEvent
from sinergi.registry import selectors, services
from sinergi.registry.models import BusinessProfile, CooperativeProfile, OrganizationMove

BANDUNG_VILLAGE = "32.73.02.1004"
BOGOR_VILLAGE = "32.71.06.1001"
OTHER_BOGOR_VILLAGE = "32.71.03.1002"

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks between threads need PostgreSQL (DATABASE_URL)"
)


@pytest.fixture
def ksb(officer_bogor):
    """Koperasi Sejahtera Bersama, registered in Kota Bogor."""
    return services.cooperative_register(
        actor=officer_bogor, name="Koperasi Sejahtera Bersama", region_code=BOGOR_VILLAGE
    )


@pytest.fixture
def ksb_manager(ksb):
    from sinergi.accounts.tests.factories import MembershipFactory, UserFactory

    return MembershipFactory(
        user=UserFactory(email="pengurus.ksb@sinergi.test", full_name="Dedi Suryana"),
        organization=ksb.organization,
        role="pengurus",
    ).user


@pytest.fixture
def admin_bandung(office_bandung):
    from sinergi.accounts.tests.factories import MembershipFactory, UserFactory

    return MembershipFactory(
        user=UserFactory(email="admin.bandung@sinergi.test", full_name="Yayat Supriatna"),
        organization=office_bandung,
        role="admin",
    ).user


def copies(profile):
    profile.refresh_from_db()
    return (profile.organization.region_id, profile.region_code, profile.district_code, profile.regency_code)


def listed(user):
    return [p.organization.name for p in selectors.cooperative_list(user=user)]


def state(ksb):
    """Everything a refused or pending move must leave as it was."""
    return (
        copies(ksb),
        list(OrganizationMove.objects.order_by("pk").values_list("status", "to_region_id")),
        AuditEvent.objects.filter(action__startswith="organization.move").count(),
    )


def copies_agree() -> bool:
    """Every profile's copy is its organisation's region, kecamatan and regency."""
    for model in (CooperativeProfile, BusinessProfile):
        if model.objects.exclude(region_code=F("organization__region")).exists():
            return False
        for profile in model.objects.all():
            code = profile.organization.region_id
            if (profile.district_code, profile.regency_code) != (code[:8], code[:5]):
                return False
    return True


# --- the bug: an edit moved the organisation and left the copy ----------------------------------


@pytest.mark.django_db
def test_a_manager_cannot_move_their_cooperative_by_editing_it(
    client, ksb, ksb_manager, officer_bogor, officer_bandung
):
    _token, raw = api_token_create(actor=ksb_manager, name="uji")
    before = state(ksb)
    response = client.patch(
        f"/api/v1/organizations/{ksb.pk}",
        {"region": BANDUNG_VILLAGE},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"region": ["Wilayah tidak diubah di sini: ajukan pindah wilayah."]}
    assert state(ksb) == before
    assert copies(ksb) == (BOGOR_VILLAGE, BOGOR_VILLAGE, "32.71.06", "32.71")
    assert (listed(officer_bogor), listed(officer_bandung)) == (["Koperasi Sejahtera Bersama"], [])


@pytest.mark.django_db
def test_the_registry_edit_page_cannot_move_it_either(client, ksb, officer_bogor):
    client.force_login(officer_bogor)
    before = state(ksb)
    response = client.post(
        f"/registri/koperasi/{ksb.pk}/ubah/",
        {
            "name": "Koperasi Sejahtera Bersama",
            "region_1": "32",
            "region_2": "32.71",
            "region_3": "32.71.03",
            "region_4": OTHER_BOGOR_VILLAGE,
            "region": OTHER_BOGOR_VILLAGE,
            "form": "primer",
            "fiscal_year_end_month": "12",
            "members_male": "0",
            "members_female": "0",
        },
    )
    # The edit page has no place field: a posted region is ignored, the rest is saved.
    assert response.status_code == 302
    assert state(ksb) == before
    page = client.get(f"/registri/koperasi/{ksb.pk}/ubah/").content.decode()
    assert 'name="region"' not in page and 'name="region_4"' not in page
    assert f'href="/registri/pindah-wilayah/organisasi/{ksb.organization_id}/"' in page


# --- requests across jurisdictions ---------------------------------------------------------------


@pytest.mark.django_db
def test_a_request_waits_for_the_receiving_office_and_then_moves_everything(
    ksb, ksb_manager, officer_bogor, officer_bandung
):
    move = services.organization_move_request(
        actor=ksb_manager, organization=ksb.organization, region_code=BANDUNG_VILLAGE, reason="Pindah alamat"
    )
    assert (move.status, move.from_region_id, move.to_region_id, move.requested_by, move.reason) == (
        "pending",
        BOGOR_VILLAGE,
        BANDUNG_VILLAGE,
        ksb_manager,
        "Pindah alamat",
    )
    # Until approved the cooperative stays where it is, in the old office's lists only.
    assert copies(ksb) == (BOGOR_VILLAGE, BOGOR_VILLAGE, "32.71.06", "32.71")
    assert (listed(officer_bogor), listed(officer_bandung)) == (["Koperasi Sejahtera Bersama"], [])
    assert list(selectors.organization_move_queue(user=officer_bandung)) == [move]
    assert list(selectors.organization_move_queue(user=officer_bogor)) == []

    services.organization_move_decide(actor=officer_bandung, move=move, approve=True, note="Sesuai")
    move.refresh_from_db()
    assert (move.status, move.decided_by, move.decision_note) == ("approved", officer_bandung, "Sesuai")
    assert copies(ksb) == (BANDUNG_VILLAGE, BANDUNG_VILLAGE, "32.73.02", "32.73")
    assert (listed(officer_bogor), listed(officer_bandung)) == ([], ["Koperasi Sejahtera Bersama"])
    assert selectors.activity_summary(user=officer_bogor)["total"]["registered"] == 0
    assert selectors.activity_summary(user=officer_bandung)["total"]["registered"] == 1
    events = AuditEvent.objects.filter(action__startswith="organization.move").order_by("pk")
    assert list(events.values_list("action", "region_code", "organization_id")) == [
        ("organization.move_request", BOGOR_VILLAGE, ksb.pk),
        ("organization.move", BANDUNG_VILLAGE, ksb.pk),
        ("organization.move_approve", BANDUNG_VILLAGE, ksb.pk),
    ]
    assert events[1].before == {"region": BOGOR_VILLAGE}
    assert events[1].after == {"region": BANDUNG_VILLAGE, "move": move.pk}
    assert copies_agree()


@pytest.mark.django_db
def test_a_business_moves_with_its_copy(officer_bogor, officer_bandung):
    business = services.business_register(
        actor=officer_bogor, name="Keripik Talas Bu Euis", region_code=BOGOR_VILLAGE
    )
    move = services.organization_move_request(
        actor=officer_bogor, organization=business.organization, region_code=BANDUNG_VILLAGE
    )
    assert move.status == "pending"
    services.organization_move_decide(actor=officer_bandung, move=move, approve=True)
    assert copies(business) == (BANDUNG_VILLAGE, BANDUNG_VILLAGE, "32.73.02", "32.73")
    assert [p.pk for p in selectors.business_list(user=officer_bandung)] == [business.pk]
    assert list(selectors.business_list(user=officer_bogor)) == []
    assert copies_agree()


@pytest.mark.django_db
def test_a_refusal_leaves_everything_where_it_was(ksb, ksb_manager, officer_bandung, officer_bogor):
    move = services.organization_move_request(
        actor=ksb_manager, organization=ksb.organization, region_code=BANDUNG_VILLAGE
    )
    services.organization_move_decide(
        actor=officer_bandung, move=move, approve=False, note="Alamat tidak jelas"
    )
    move.refresh_from_db()
    assert (move.status, move.decided_by, move.decision_note) == (
        "refused",
        officer_bandung,
        "Alamat tidak jelas",
    )
    assert copies(ksb) == (BOGOR_VILLAGE, BOGOR_VILLAGE, "32.71.06", "32.71")
    assert (listed(officer_bogor), listed(officer_bandung)) == (["Koperasi Sejahtera Bersama"], [])
    assert list(selectors.organization_move_queue(user=officer_bandung)) == []


@pytest.mark.django_db
@pytest.mark.parametrize("decider", ["officer_bogor", "viewer_bogor", "ksb_manager"])
def test_only_the_receiving_office_decides(request, decider, ksb, ksb_manager, office_bandung):
    move = services.organization_move_request(
        actor=ksb_manager, organization=ksb.organization, region_code=BANDUNG_VILLAGE
    )
    before = state(ksb)
    with pytest.raises(PermissionDenied):
        services.organization_move_decide(actor=request.getfixturevalue(decider), move=move, approve=True)
    assert state(ksb) == before


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["viewer_bogor", "officer_bandung", "umkm_owner"])
def test_who_may_not_ask_to_move_an_organization(request, who, ksb):
    before = state(ksb)
    with pytest.raises(PermissionDenied):
        services.organization_move_request(
            actor=request.getfixturevalue(who), organization=ksb.organization, region_code=BANDUNG_VILLAGE
        )
    assert state(ksb) == before


@pytest.mark.django_db
def test_a_decided_request_is_not_decided_again(
    ksb, ksb_manager, officer_bandung, office_bandung, admin_bandung
):
    move = services.organization_move_request(
        actor=ksb_manager, organization=ksb.organization, region_code=BANDUNG_VILLAGE
    )
    services.organization_move_decide(actor=officer_bandung, move=move, approve=False)
    before = state(ksb)
    with pytest.raises(ValidationError) as exc:
        services.organization_move_decide(actor=admin_bandung, move=move, approve=True)
    assert exc.value.messages == ["Permintaan pindah wilayah ini sudah diputuskan."]
    assert state(ksb) == before


@pytest.mark.django_db
def test_one_open_request_per_organization(ksb, ksb_manager, officer_bogor):
    services.organization_move_request(
        actor=ksb_manager, organization=ksb.organization, region_code=BANDUNG_VILLAGE
    )
    before = state(ksb)
    for actor, code in ((ksb_manager, "32.73.19.1003"), (officer_bogor, OTHER_BOGOR_VILLAGE)):
        with pytest.raises(ValidationError) as exc:
            services.organization_move_request(actor=actor, organization=ksb.organization, region_code=code)
        assert exc.value.message_dict == {
            "region": ["Masih ada permintaan pindah wilayah yang menunggu keputusan untuk organisasi ini."]
        }
    assert state(ksb) == before


@pytest.mark.django_db
def test_the_requester_or_the_sending_office_withdraws_a_request(
    ksb, ksb_manager, officer_bogor, officer_bandung
):
    move = services.organization_move_request(
        actor=ksb_manager, organization=ksb.organization, region_code=BANDUNG_VILLAGE
    )
    with pytest.raises(PermissionDenied):
        services.organization_move_cancel(actor=officer_bandung, move=move)
    services.organization_move_cancel(actor=officer_bogor, move=move)
    move.refresh_from_db()
    assert (move.status, move.decided_by) == ("cancelled", officer_bogor)
    assert copies(ksb) == (BOGOR_VILLAGE, BOGOR_VILLAGE, "32.71.06", "32.71")
    with pytest.raises(ValidationError):
        services.organization_move_decide(actor=officer_bandung, move=move, approve=True)


# --- moves inside one jurisdiction ----------------------------------------------------------------


@pytest.mark.django_db
def test_an_office_writer_moves_inside_its_jurisdiction_at_once(ksb, officer_bogor):
    move = services.organization_move_request(
        actor=officer_bogor, organization=ksb.organization, region_code=OTHER_BOGOR_VILLAGE
    )
    assert (move.status, move.decided_by, move.requested_by) == ("approved", officer_bogor, officer_bogor)
    assert copies(ksb) == (OTHER_BOGOR_VILLAGE, OTHER_BOGOR_VILLAGE, "32.71.03", "32.71")
    assert [p.organization.name for p in selectors.cooperative_list(user=officer_bogor)] == [
        "Koperasi Sejahtera Bersama"
    ]
    assert copies_agree()


@pytest.mark.django_db
def test_a_manager_asks_even_inside_one_jurisdiction(ksb, ksb_manager, officer_bogor):
    move = services.organization_move_request(
        actor=ksb_manager, organization=ksb.organization, region_code=OTHER_BOGOR_VILLAGE
    )
    assert move.status == "pending"
    assert copies(ksb) == (BOGOR_VILLAGE, BOGOR_VILLAGE, "32.71.06", "32.71")
    assert list(selectors.organization_move_queue(user=officer_bogor)) == [move]


@pytest.mark.django_db
def test_an_office_writer_sending_across_its_border_asks(ksb, officer_bogor, officer_bandung):
    move = services.organization_move_request(
        actor=officer_bogor, organization=ksb.organization, region_code=BANDUNG_VILLAGE
    )
    assert move.status == "pending"
    assert (listed(officer_bogor), listed(officer_bandung)) == (["Koperasi Sejahtera Bersama"], [])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "message"),
    [
        (BOGOR_VILLAGE, "Organisasi ini sudah berada di wilayah tersebut."),
        ("32.73", "Pilih wilayah sampai kecamatan atau kelurahan/desa."),
        ("99.99.99.9999", "Kode wilayah tidak dikenal: 99.99.99.9999"),
    ],
)
def test_a_move_needs_another_known_village(ksb, officer_bogor, code, message):
    before = state(ksb)
    with pytest.raises(ValidationError) as exc:
        services.organization_move_request(
            actor=officer_bogor, organization=ksb.organization, region_code=code
        )
    assert exc.value.message_dict == {"region": [message]}
    assert state(ksb) == before


@pytest.mark.django_db
def test_a_reason_is_a_sentence_not_a_document(ksb, ksb_manager):
    before = state(ksb)
    with pytest.raises(ValidationError) as exc:
        services.organization_move_request(
            actor=ksb_manager, organization=ksb.organization, region_code=BANDUNG_VILLAGE, reason="x" * 501
        )
    assert exc.value.message_dict == {"reason": ["Paling banyak 500 karakter."]}
    assert state(ksb) == before


@pytest.mark.django_db
def test_a_flagship_leaves_its_title_in_its_old_kecamatan(ksb, officer_bogor):
    services.cooperative_update(actor=officer_bogor, cooperative=ksb, is_flagship=True)
    services.organization_move_request(
        actor=officer_bogor, organization=ksb.organization, region_code=OTHER_BOGOR_VILLAGE
    )
    ksb.refresh_from_db()
    assert (ksb.is_flagship, ksb.district_code) == (False, "32.71.03")
    event = AuditEvent.objects.get(action="organization.move_approve")
    assert event.after["flagship_cleared"] == "32.71.06"


# --- doors: API and pages --------------------------------------------------------------------------


def bearer(user):
    _token, raw = api_token_create(actor=user, name="uji")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.mark.django_db
def test_moves_through_the_api(client, ksb, ksb_manager, officer_bogor, officer_bandung):
    created = client.post(
        "/api/v1/registry/moves/",
        {"organization": ksb.pk, "region": BANDUNG_VILLAGE, "reason": "Pindah alamat"},
        content_type="application/json",
        **bearer(ksb_manager),
    )
    assert created.status_code == 201
    body = created.json()
    assert {
        k: body[k] for k in ("organization_id", "organization_name", "from_region", "to_region", "status")
    } == {
        "organization_id": ksb.pk,
        "organization_name": "Koperasi Sejahtera Bersama",
        "from_region": BOGOR_VILLAGE,
        "to_region": BANDUNG_VILLAGE,
        "status": "pending",
    }
    queue = client.get("/api/v1/registry/moves/?pending_for_me=true", **bearer(officer_bandung)).json()
    assert [m["id"] for m in queue["items"]] == [body["id"]]
    refused = client.post(
        f"/api/v1/registry/moves/{body['id']}/decision",
        {"approve": True},
        content_type="application/json",
        **bearer(officer_bogor),
    )
    assert refused.status_code == 403
    assert copies(ksb)[0] == BOGOR_VILLAGE
    approved = client.post(
        f"/api/v1/registry/moves/{body['id']}/decision",
        {"approve": True, "note": "Sesuai"},
        content_type="application/json",
        **bearer(officer_bandung),
    )
    assert (approved.status_code, approved.json()["status"]) == (200, "approved")
    assert copies(ksb) == (BANDUNG_VILLAGE, BANDUNG_VILLAGE, "32.73.02", "32.73")
    again = client.post(
        f"/api/v1/registry/moves/{body['id']}/decision",
        {"approve": False},
        content_type="application/json",
        **bearer(officer_bandung),
    )
    assert (again.status_code, again.json()["detail"]) == (
        400,
        "Permintaan pindah wilayah ini sudah diputuskan.",
    )


@pytest.mark.django_db
def test_the_api_hides_moves_of_other_regions(client, ksb, ksb_manager, cooperative_bandung, officer_bandung):
    move = services.organization_move_request(
        actor=ksb_manager, organization=ksb.organization, region_code=OTHER_BOGOR_VILLAGE
    )
    assert client.get("/api/v1/registry/moves/", **bearer(officer_bandung)).json()["items"] == []
    answer = client.post(f"/api/v1/registry/moves/{move.pk}/cancel", **bearer(officer_bandung))
    assert answer.status_code == 404
    other = client.post(
        "/api/v1/registry/moves/",
        {"organization": ksb.pk, "region": BANDUNG_VILLAGE},
        content_type="application/json",
        **bearer(officer_bandung),
    )
    assert other.status_code == 404
    move.refresh_from_db()
    assert move.status == "pending"


@pytest.mark.django_db
def test_moves_through_the_pages(client, ksb, ksb_manager, officer_bandung, viewer_bogor):
    client.force_login(viewer_bogor)
    assert client.get(f"/registri/pindah-wilayah/organisasi/{ksb.pk}/").status_code == 403
    client.force_login(ksb_manager)
    page = client.get(f"/registri/pindah-wilayah/organisasi/{ksb.pk}/")
    assert page.status_code == 200
    posted = client.post(
        f"/registri/pindah-wilayah/organisasi/{ksb.pk}/",
        {"region": BANDUNG_VILLAGE, "reason": "Pindah alamat"},
    )
    assert posted.status_code == 302
    move = OrganizationMove.objects.get()
    assert (move.status, move.to_region_id) == ("pending", BANDUNG_VILLAGE)
    client.force_login(officer_bandung)
    queue = client.get("/registri/pindah-wilayah/").content.decode()
    assert "Koperasi Sejahtera Bersama" in queue and f"/registri/pindah-wilayah/{move.pk}/putuskan/" in queue
    decided = client.post(
        f"/registri/pindah-wilayah/{move.pk}/putuskan/", {"decision": "approve", "note": ""}
    )
    assert decided.status_code == 302
    assert copies(ksb) == (BANDUNG_VILLAGE, BANDUNG_VILLAGE, "32.73.02", "32.73")


@pytest.mark.django_db
def test_the_organization_page_offers_a_move_not_a_region_field(client, ksb, ksb_manager):
    client.force_login(ksb_manager)
    detail = client.get(f"/akun/organisasi/{ksb.pk}/").content.decode()
    assert f"/registri/pindah-wilayah/organisasi/{ksb.pk}/" in detail
    edit = client.get(f"/akun/organisasi/{ksb.pk}/ubah/").content.decode()
    assert 'name="region"' not in edit
    saved = client.post(f"/akun/organisasi/{ksb.pk}/ubah/", {"name": "KSB", "region": BANDUNG_VILLAGE})
    assert saved.status_code == 302
    assert copies(ksb)[0] == BOGOR_VILLAGE
    assert Organization.objects.get(pk=ksb.pk).name == "KSB"


# --- the same request decided twice at once ------------------------------------------------------


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_approvals_at_once_move_the_organization_once(ksb, ksb_manager, officer_bandung, admin_bandung):
    move = services.organization_move_request(
        actor=ksb_manager, organization=ksb.organization, region_code=BANDUNG_VILLAGE
    )
    results = [None, None]
    start = threading.Barrier(2)

    def approve(i, actor):
        try:
            start.wait()
            results[i] = services.organization_move_decide(actor=actor, move=move, approve=True)
        except Exception as exc:  # the test inspects it
            results[i] = exc
        finally:
            connection.close()

    threads = [
        threading.Thread(target=approve, args=(i, a)) for i, a in enumerate((officer_bandung, admin_bandung))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    winners = [r for r in results if isinstance(r, OrganizationMove)]
    losers = [r for r in results if isinstance(r, ValidationError)]
    assert (len(winners), len(losers)) == (1, 1), results
    assert losers[0].messages == ["Permintaan pindah wilayah ini sudah diputuskan."]
    assert copies(ksb) == (BANDUNG_VILLAGE, BANDUNG_VILLAGE, "32.73.02", "32.73")
    assert AuditEvent.objects.filter(action="organization.move").count() == 1
    assert AuditEvent.objects.filter(action="organization.move_approve").count() == 1
    assert Membership.objects.filter(user=ksb_manager).count() == 1


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_requests_at_once_leave_one_open(ksb, ksb_manager, officer_bogor):
    results = [None, None]
    start = threading.Barrier(2)

    def ask(i, actor, code):
        try:
            start.wait()
            results[i] = services.organization_move_request(
                actor=actor, organization=ksb.organization, region_code=code
            )
        except Exception as exc:  # the test inspects it
            results[i] = exc
        finally:
            connection.close()

    threads = [
        threading.Thread(target=ask, args=(0, ksb_manager, BANDUNG_VILLAGE)),
        threading.Thread(target=ask, args=(1, officer_bogor, "32.73.19.1003")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(type(r).__name__ for r in results) == ["OrganizationMove", "ValidationError"], results
    assert OrganizationMove.objects.filter(status="pending").count() == 1
    assert copies(ksb)[0] == BOGOR_VILLAGE
