"""Personal API tokens: an optional expiry, and every token revoked when the password changes."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from sinergi.accounts import services
from sinergi.accounts.models import ApiToken
from sinergi.accounts.tests.factories import UserFactory
from sinergi.core.models import AuditEvent

PASSWORD = "rahasia-uji-123"
NEW_PASSWORD = "kopi-tubruk-baru-77"


class Clock:
    def __init__(self, start: dt.datetime):
        self.now = start

    def advance(self, **delta) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    clock = Clock(timezone.now().replace(microsecond=0))
    monkeypatch.setattr(timezone, "now", lambda: clock.now)
    return clock


def bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def me(client, raw: str) -> int:
    return client.get("/api/v1/me", **bearer(raw)).status_code


# --- expiry ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_expired_token_is_refused_with_401(client, clock, officer_bogor):
    token, raw = services.api_token_create(
        actor=officer_bogor, name="Impor malam", expires_at=clock.now + dt.timedelta(days=2)
    )
    assert token.expires_at == clock.now + dt.timedelta(days=2)
    assert me(client, raw) == 200
    clock.advance(days=2)
    response = client.get("/api/v1/me", **bearer(raw))
    assert response.status_code == 401
    assert response.json() == {"detail": "Perlu masuk atau token API yang valid."}
    assert services.api_token_authenticate(raw) is None
    # A token without expiry keeps working.
    _token, forever = services.api_token_create(actor=officer_bogor, name="Dasbor")
    clock.advance(days=3650)
    assert me(client, forever) == 200


@pytest.mark.django_db
def test_expiry_must_lie_ahead_and_within_ten_years(clock, officer_bogor):
    for when, message in [
        (clock.now, "Tanggal berlaku harus di masa depan."),
        (clock.now - dt.timedelta(days=1), "Tanggal berlaku harus di masa depan."),
        (
            clock.now + dt.timedelta(days=3654),
            "Tanggal berlaku paling lambat 10 tahun lagi. Kosongkan agar token berlaku sampai dicabut.",
        ),
    ]:
        with pytest.raises(ValidationError) as exc:
            services.api_token_create(actor=officer_bogor, name="Skrip", expires_at=when)
        assert exc.value.message_dict == {"expires_at": [message]}
    assert ApiToken.objects.count() == 0
    assert AuditEvent.objects.filter(action="api_token.create").count() == 0


@pytest.mark.django_db
def test_expired_tokens_do_not_count_towards_the_limit(clock, umkm_owner):
    for i in range(20):
        services.api_token_create(
            actor=umkm_owner, name=f"t{i}", expires_at=clock.now + dt.timedelta(hours=1)
        )
    with pytest.raises(ValidationError):
        services.api_token_create(actor=umkm_owner, name="t20")
    clock.advance(hours=1)
    services.api_token_create(actor=umkm_owner, name="t20")
    assert ApiToken.objects.filter(user=umkm_owner).count() == 21


@pytest.mark.django_db
def test_the_profile_page_sets_an_expiry_through_the_chosen_day(client, clock, officer_bogor):
    client.force_login(officer_bogor)
    day = timezone.localdate(clock.now) + dt.timedelta(days=30)
    response = client.post("/akun/profil/token/", {"name": "Impor bulanan", "expires_on": day.isoformat()})
    assert response.status_code == 302
    token = ApiToken.objects.get(user=officer_bogor)
    expected = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))
    assert (token.name, token.expires_at) == ("Impor bulanan", expected)
    page = client.get("/akun/profil/").content.decode()
    assert 'type="date" name="expires_on"' in page
    assert expected.astimezone(timezone.get_current_timezone()).strftime("%d-%m-%Y %H:%M") in page


@pytest.mark.django_db
def test_the_profile_page_refuses_a_past_expiry(client, clock, officer_bogor):
    client.force_login(officer_bogor)
    yesterday = timezone.localdate(clock.now) - dt.timedelta(days=2)
    response = client.post(
        "/akun/profil/token/", {"name": "Lama", "expires_on": yesterday.isoformat()}, follow=True
    )
    assert "Tanggal berlaku harus di masa depan." in response.content.decode()
    assert ApiToken.objects.count() == 0
    response = client.post("/akun/profil/token/", {"name": "Rusak", "expires_on": "31-02-2026"}, follow=True)
    assert ApiToken.objects.count() == 0
    assert response.status_code == 200


@pytest.mark.django_db
def test_the_api_creates_lists_and_revokes_tokens(client, clock, officer_bogor):
    _first, raw = services.api_token_create(actor=officer_bogor, name="Induk")
    until = clock.now + dt.timedelta(days=7)
    created = client.post(
        "/api/v1/me/tokens",
        {"name": "Skrip mingguan", "expires_at": until.isoformat()},
        content_type="application/json",
        **bearer(raw),
    )
    assert created.status_code == 201
    body = created.json()
    assert body["name"] == "Skrip mingguan" and body["token"].startswith(body["prefix"])
    assert dt.datetime.fromisoformat(body["expires_at"]) == until
    assert me(client, body["token"]) == 200
    listed = client.get("/api/v1/me/tokens", **bearer(raw)).json()
    assert [(t["name"], t["prefix"]) for t in listed["items"]] == [
        ("Skrip mingguan", body["prefix"]),
        ("Induk", _first.prefix),
    ]
    assert all("token" not in t and "key_hash" not in t for t in listed["items"])
    assert client.delete(f"/api/v1/me/tokens/{body['id']}", **bearer(raw)).status_code == 204
    assert me(client, body["token"]) == 401


@pytest.mark.django_db
def test_the_api_refuses_a_past_expiry_and_someone_elses_token(client, clock, officer_bogor, officer_bandung):
    _token, raw = services.api_token_create(actor=officer_bogor, name="Induk")
    refused = client.post(
        "/api/v1/me/tokens",
        {"name": "Lama", "expires_at": (clock.now - dt.timedelta(hours=1)).isoformat()},
        content_type="application/json",
        **bearer(raw),
    )
    assert refused.status_code == 400
    assert refused.json()["errors"] == {"expires_at": ["Tanggal berlaku harus di masa depan."]}
    theirs, their_raw = services.api_token_create(actor=officer_bandung, name="Milik Bandung")
    assert client.delete(f"/api/v1/me/tokens/{theirs.pk}", **bearer(raw)).status_code == 404
    assert ApiToken.objects.get(pk=theirs.pk).revoked_at is None
    assert me(client, their_raw) == 200
    assert ApiToken.objects.filter(user=officer_bogor).count() == 1


@pytest.mark.django_db
def test_an_expiring_token_cannot_make_one_that_outlives_it(client, clock, officer_bogor):
    _parent, raw = services.api_token_create(
        actor=officer_bogor, name="Sementara", expires_at=clock.now + dt.timedelta(days=1)
    )
    for payload in [
        {"name": "Abadi"},
        {"name": "Lebih lama", "expires_at": (clock.now + dt.timedelta(days=2)).isoformat()},
    ]:
        response = client.post("/api/v1/me/tokens", payload, content_type="application/json", **bearer(raw))
        assert response.status_code == 400
        assert response.json()["errors"] == {
            "expires_at": ["Token baru tidak boleh berlaku lebih lama dari token yang membuatnya."]
        }
    assert ApiToken.objects.filter(user=officer_bogor).count() == 1
    shorter = {"name": "Lebih pendek", "expires_at": (clock.now + dt.timedelta(hours=12)).isoformat()}
    assert (
        client.post("/api/v1/me/tokens", shorter, content_type="application/json", **bearer(raw)).status_code
        == 201
    )


# --- revoked with the password ---------------------------------------------------------------------


@pytest.mark.django_db
def test_changing_the_password_revokes_every_token(client, clock, officer_bogor):
    tokens = [services.api_token_create(actor=officer_bogor, name=f"Skrip {i}") for i in range(3)]
    other_user_raw = services.api_token_create(actor=UserFactory(), name="Orang lain")[1]
    client.force_login(officer_bogor)
    response = client.post(
        "/akun/sandi/ganti/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302 and response.url == "/akun/profil/"
    assert [me(client.__class__(), raw) for _token, raw in tokens] == [401, 401, 401]
    assert me(client, other_user_raw) == 200
    assert set(ApiToken.objects.filter(user=officer_bogor).values_list("revoked_at", flat=True)) == {
        clock.now
    }
    event = AuditEvent.objects.get(action="user.password_change")
    assert event.actor == officer_bogor and event.object_id == str(officer_bogor.pk)
    assert event.after == {"api_tokens_revoked": sorted(t.prefix for t, _raw in tokens)}
    # This browser stays signed in; the new password works.
    assert client.get("/akun/profil/").status_code == 200
    officer_bogor.refresh_from_db()
    assert officer_bogor.check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_a_refused_password_change_revokes_nothing(client, clock, officer_bogor):
    _token, raw = services.api_token_create(actor=officer_bogor, name="Skrip")
    client.force_login(officer_bogor)
    response = client.post(
        "/akun/sandi/ganti/",
        {"old_password": "bukan-sandi-lama", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert me(client, raw) == 200
    assert ApiToken.objects.get(user=officer_bogor).revoked_at is None
    assert not AuditEvent.objects.filter(action="user.password_change").exists()
    officer_bogor.refresh_from_db()
    assert officer_bogor.check_password(PASSWORD)


@pytest.mark.django_db
def test_resetting_the_password_revokes_every_token(client, clock, officer_bogor):
    tokens = [services.api_token_create(actor=officer_bogor, name=f"Skrip {i}") for i in range(2)]
    client.post("/sandi/lupa/", {"email": officer_bogor.email})
    link = re.search(r"https?://\S+/sandi/atur/\S+/", mail.outbox[0].body).group(0)
    form_page = client.get("/" + link.split("://", 1)[1].split("/", 1)[1], follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done.url == "/sandi/atur/selesai/"
    assert [me(client, raw) for _token, raw in tokens] == [401, 401]
    event = AuditEvent.objects.get(action="user.password_reset")
    assert event.actor == officer_bogor
    assert event.after == {"api_tokens_revoked": sorted(t.prefix for t, _raw in tokens)}
    officer_bogor.refresh_from_db()
    assert officer_bogor.check_password(NEW_PASSWORD)
    # The link is spent with the old password.
    spent = client.get(set_url)
    assert spent.status_code == 200 and spent.context["validlink"] is False


@pytest.mark.django_db
def test_the_password_services_apply_the_password_rules(officer_bogor):
    _token, raw = services.api_token_create(actor=officer_bogor, name="Skrip")
    with pytest.raises(ValidationError):
        services.user_password_change(actor=officer_bogor, password="12345")
    officer_bogor.refresh_from_db()
    assert officer_bogor.check_password(PASSWORD)
    assert services.api_token_authenticate(raw) == officer_bogor


@pytest.mark.django_db
def test_djangos_changepassword_command_revokes_every_token(monkeypatch, officer_bogor):
    """The command line sets the password without the profile page: the tokens go all the same."""
    from django.core.management import call_command

    made = [services.api_token_create(actor=officer_bogor, name=f"skrip {n}")[0] for n in (1, 2)]
    answers = iter([NEW_PASSWORD, NEW_PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    call_command("changepassword", officer_bogor.email, stdout=None)
    officer_bogor.refresh_from_db()
    assert officer_bogor.check_password(NEW_PASSWORD)
    assert not ApiToken.objects.filter(user=officer_bogor, revoked_at__isnull=True).exists()
    event = AuditEvent.objects.get(action="api_token.revoke_on_password")
    assert event.after == {"api_tokens_revoked": sorted(t.prefix for t in made)}
    assert event.object_id == str(officer_bogor.pk)


@pytest.mark.django_db
def test_saving_a_user_without_a_new_password_keeps_the_tokens(officer_bogor):
    token, _raw = services.api_token_create(actor=officer_bogor, name="skrip")
    officer_bogor.full_name = "Siti N."
    officer_bogor.save()
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
    assert not AuditEvent.objects.filter(action="api_token.revoke_on_password").exists()
