import pytest
from django.core import mail
from django.urls import reverse

from sinergi.accounts.models import BusinessClaim, Invitation, LoginFailure, Membership, Organization, User
from sinergi.accounts.services import invitation_create
from sinergi.accounts.tests.factories import UserFactory
from sinergi.core.models import AuditEvent


@pytest.mark.django_db
def test_login_page_and_successful_login(client, officer_bogor):
    assert client.get("/masuk/").status_code == 200
    response = client.post("/masuk/", {"username": officer_bogor.email, "password": "rahasia-uji-123"})
    assert response.status_code == 302 and response.url == "/"
    home = client.get("/")
    assert home.status_code == 200
    assert "Dinas Koperasi dan UMKM Kota Bogor" in home.content.decode()


@pytest.mark.django_db
def test_login_is_throttled_after_failures(client, officer_bogor, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        assert (
            client.post("/masuk/", {"username": officer_bogor.email, "password": "salah"}).status_code == 400
        )
    blocked = client.post("/masuk/", {"username": officer_bogor.email, "password": "rahasia-uji-123"})
    assert blocked.status_code == 429
    assert "_auth_user_id" not in client.session
    assert LoginFailure.objects.filter(email=officer_bogor.email).count() == 3


@pytest.mark.django_db
def test_pages_require_login(client):
    for url in ["/", "/akun/profil/", "/akun/organisasi/", "/akun/audit/"]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/masuk/")


@pytest.mark.django_db
def test_organization_list_is_scoped(client, officer_bandung, cooperative_bogor, cooperative_bandung):
    client.force_login(officer_bandung)
    html = client.get("/akun/organisasi/").content.decode()
    assert cooperative_bandung.name in html and cooperative_bogor.name not in html
    assert client.get(f"/akun/organisasi/{cooperative_bogor.pk}/").status_code == 404


@pytest.mark.django_db
def test_organization_list_htmx_returns_rows_only(client, officer_bogor, cooperative_bogor):
    client.force_login(officer_bogor)
    response = client.get("/akun/organisasi/?q=sejahtera", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Koperasi Sejahtera Bersama" in html and "<html" not in html


@pytest.mark.django_db
def test_member_cannot_open_office_pages(client, coop_manager):
    client.force_login(coop_manager)
    assert client.get("/akun/organisasi/").status_code == 403
    assert client.get("/akun/audit/").status_code == 403
    assert client.get("/akun/klaim/tinjau/").status_code == 403


@pytest.mark.django_db
def test_officer_creates_organization_with_region_picker(client, officer_bogor):
    client.force_login(officer_bogor)
    response = client.post(
        "/akun/organisasi/baru/",
        {
            "kind": "company",
            "name": "Roti Unyil Venus",
            "region_1": "32",
            "region_2": "32.71",
            "region_3": "32.71.03",
            "region_4": "32.71.03.1002",
            "phone": "0251-8312345",
        },
    )
    org = Organization.objects.get(name="Roti Unyil Venus")
    assert response.status_code == 302 and response.url == f"/akun/organisasi/{org.pk}/"
    assert org.region_id == "32.71.03.1002"


@pytest.mark.django_db
def test_create_organization_shows_errors_and_keeps_nothing(client, officer_bogor):
    client.force_login(officer_bogor)
    response = client.post(
        "/akun/organisasi/baru/", {"kind": "company", "name": "X", "region_1": "32", "region_2": "32.71"}
    )
    assert response.status_code == 200
    assert "Pilih wilayah sampai kecamatan." in response.content.decode()
    assert not Organization.objects.filter(name="X").exists()


@pytest.mark.django_db
def test_create_outside_jurisdiction_shows_denial(client, officer_bandung):
    client.force_login(officer_bandung)
    response = client.post(
        "/akun/organisasi/baru/",
        {"kind": "company", "name": "Y", "region_1": "32", "region_2": "32.71", "region_3": "32.71.03"},
    )
    assert "di luar wilayah kerja" in response.content.decode()
    assert not Organization.objects.filter(name="Y").exists()


@pytest.mark.django_db
def test_invite_and_accept_through_pages(client, admin_bogor, cooperative_bogor):
    client.force_login(admin_bogor)
    response = client.post(
        f"/akun/organisasi/{cooperative_bogor.pk}/undang/",
        {"email": "sekretaris@ksb.test", "role": "pengawas", "phone": "081234567890", "full_name": "Imas"},
    )
    assert response.status_code == 302
    detail = client.get(f"/akun/organisasi/{cooperative_bogor.pk}/").content.decode()
    assert "https://wa.me/6281234567890" in detail
    link = detail.split('data-testid="invite-link">')[1].split("<")[0]
    client.logout()
    path = link.replace("http://127.0.0.1:8000", "")
    accept = client.post(path, {"full_name": "Imas Nurhayati", "password": "teh-manis-99", "consent": "on"})
    assert accept.status_code == 302
    assert User.objects.get(email="sekretaris@ksb.test").memberships.get().role == "pengawas"


@pytest.mark.django_db
def test_office_staff_cannot_invite_or_remove_people(client, officer_bogor, cooperative_bogor, coop_manager):
    """Only office admins manage people (docs/architecture.md): staff get no invitation form and
    the door refuses them with nothing written or sent."""
    client.force_login(officer_bogor)
    detail = client.get(f"/akun/organisasi/{cooperative_bogor.pk}/").content.decode()
    assert f"/akun/organisasi/{cooperative_bogor.pk}/undang/" not in detail
    membership = Membership.objects.get(user=coop_manager)
    before = (sorted(Membership.objects.values_list("pk", "role")), AuditEvent.objects.count())
    invited = client.post(
        f"/akun/organisasi/{cooperative_bogor.pk}/undang/",
        {"email": "pengurus.baru@ksb.test", "role": "pengurus", "full_name": "Imas"},
    )
    removed = client.post(f"/akun/keanggotaan/{membership.pk}/hapus/")
    assert (invited.status_code, removed.status_code) == (403, 403)
    assert not Invitation.objects.exists()
    assert (sorted(Membership.objects.values_list("pk", "role")), AuditEvent.objects.count()) == before
    assert mail.outbox == []


@pytest.mark.django_db
def test_office_admin_invites_through_the_page(client, admin_bogor, cooperative_bogor):
    client.force_login(admin_bogor)
    response = client.post(
        f"/akun/organisasi/{cooperative_bogor.pk}/undang/",
        {"email": "pengurus.baru@ksb.test", "role": "pengurus", "full_name": "Imas"},
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.organization, invitation.role) == (
        "pengurus.baru@ksb.test",
        cooperative_bogor,
        "pengurus",
    )


@pytest.mark.django_db
def test_register_and_claim_flow(client, umkm_bogor, officer_bogor):
    response = client.post(
        "/akun/daftar/",
        {
            "full_name": "Ujang Saputra",
            "email": "ujang@sinergi.test",
            "password": "kopi-tubruk-77",
            "consent": "on",
        },
    )
    assert response.status_code == 302 and response.url == reverse("accounts:claim_start")
    search = client.get("/akun/klaim/?q=talas").content.decode()
    assert "Keripik Talas Bu Euis" in search
    client.post("/akun/klaim/", {"organization": umkm_bogor.pk, "evidence": "NIB 9120001234567"})
    claim = BusinessClaim.objects.get(user__email="ujang@sinergi.test")
    client.force_login(officer_bogor)
    assert "Ujang Saputra" in client.get("/akun/klaim/tinjau/").content.decode()
    client.post(f"/registri/klaim/{claim.pk}/putuskan/", {"decision": "approve", "note": "ok"})
    claim.refresh_from_db()
    assert claim.status == "approved"


@pytest.mark.django_db
def test_register_without_consent_shows_error(client):
    response = client.post(
        "/akun/daftar/", {"full_name": "A", "email": "a@sinergi.test", "password": "kopi-tubruk-77"}
    )
    assert response.status_code == 200
    assert "pemberitahuan privasi" in response.content.decode()
    assert not User.objects.filter(email="a@sinergi.test").exists()


@pytest.mark.django_db
def test_profile_token_shown_once_and_my_data(client, umkm_owner):
    client.force_login(umkm_owner)
    client.post("/akun/profil/token/", {"name": "Skrip"})
    first = client.get("/akun/profil/").content.decode()
    assert 'data-testid="new-token">sng_' in first
    assert 'data-testid="new-token"' not in client.get("/akun/profil/").content.decode()
    data = client.get("/akun/profil/data-saya/")
    assert data["Content-Disposition"].startswith("attachment")
    assert data.json()["akun"]["email"] == umkm_owner.email


@pytest.mark.django_db
def test_switch_membership_changes_home(client, officer_bogor, cooperative_bogor):
    from sinergi.accounts.models import Membership

    m = Membership.objects.create(user=officer_bogor, organization=cooperative_bogor, role="pengawas")
    client.force_login(officer_bogor)
    assert "organisasi dalam jangkauan" in client.get("/").content.decode()
    client.post("/akun/ganti-organisasi/", {"membership": m.pk, "next": "/"})
    assert "Lihat data organisasi" in client.get("/").content.decode()


@pytest.mark.django_db
def test_language_switch_to_english(client, officer_bogor):
    client.force_login(officer_bogor)
    client.post("/bahasa/", {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert "Organisations" in html and 'lang="en"' in html


@pytest.mark.django_db
def test_security_headers_present(client):
    response = client.get("/masuk/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_audit_page_for_admin(client, admin_bogor, officer_bogor, cooperative_bogor):
    from sinergi.accounts.services import organization_update

    organization_update(actor=officer_bogor, organization=cooperative_bogor, name="KSB")
    client.force_login(admin_bogor)
    html = client.get("/akun/audit/").content.decode()
    assert "Nama diubah dari Koperasi Sejahtera Bersama menjadi KSB oleh Siti Nurhayati" in html
    assert "<code>organization.update</code>" not in html and "staf.bogor@sinergi.test" not in html


@pytest.mark.django_db
def test_invitation_link_unknown_is_404(client):
    assert client.get("/akun/undangan/tidak-ada/").status_code == 404


@pytest.mark.django_db
def test_invitation_page_for_expired(client, admin_bogor, cooperative_bogor):
    import datetime as dt

    from django.utils import timezone

    inv, link, _ = invitation_create(
        actor=admin_bogor, organization=cooperative_bogor, email="z@z.test", role="pengawas"
    )
    inv.expires_at = timezone.now() - dt.timedelta(days=1)
    inv.save()
    html = client.get(link.replace("http://127.0.0.1:8000", "")).content.decode()
    assert "kedaluwarsa" in html


@pytest.mark.django_db
@pytest.mark.parametrize("caller", ["coop_manager", "viewer_bogor"])
def test_inviting_by_email_reveals_no_account_to_whoever_may_not_manage_people(
    client, request, caller, cooperative_bogor
):
    """The invitation form answers 403 before it reads the address: the same for an address with
    an account, one without, and one that is not an address at all; nothing is written."""
    client.force_login(request.getfixturevalue(caller))
    UserFactory(email="ada@ksb.test")
    before = (Membership.objects.count(), Invitation.objects.count(), AuditEvent.objects.count())
    statuses = [
        client.post(
            f"/akun/organisasi/{cooperative_bogor.pk}/undang/", {"email": email, "role": "pengawas"}
        ).status_code
        for email in ("ada@ksb.test", "tidak.ada@ksb.test", "bukan-email")
    ]
    assert statuses == [403, 403, 403]
    assert (Membership.objects.count(), Invitation.objects.count(), AuditEvent.objects.count()) == before
