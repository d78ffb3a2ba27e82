"""Login throttling holds the attacker, never the account's owner; reset and unlock e-mails are
limited without telling whether an address exists."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from sinergi.accounts import services
from sinergi.accounts.models import AccountEmailRequest, LoginFailure, LoginThrottle, User
from sinergi.accounts.services.logins import backoff_seconds
from sinergi.accounts.tests.factories import UserFactory
from sinergi.core.models import AuditEvent

PASSWORD = "rahasia-uji-123"
ATTACKER = "198.51.100.66"
OWNER = "203.0.113.5"
PROXY = "10.0.0.2"


class Clock:
    """Time that moves only when the test says so."""

    def __init__(self, start: dt.datetime):
        self.now = start

    def advance(self, **delta) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    clock = Clock(timezone.now().replace(microsecond=0))
    monkeypatch.setattr(timezone, "now", lambda: clock.now)
    return clock


@pytest.fixture
def limits(settings):
    settings.LOGIN_FAILURE_LIMIT = 5
    settings.LOGIN_FAILURE_WINDOW_MINUTES = 1440
    settings.LOGIN_BACKOFF_SECONDS = 60
    settings.LOGIN_BACKOFF_MAX_SECONDS = 3600
    settings.LOGIN_CLIENT_FAILURE_LIMIT = 20
    settings.LOGIN_CLIENT_WINDOW_MINUTES = 15
    settings.LOGIN_UNLOCK_VALID_MINUTES = 60
    settings.ACCOUNT_EMAIL_LIMIT_PER_ADDRESS = 3
    settings.ACCOUNT_EMAIL_LIMIT_PER_CLIENT = 10
    settings.ACCOUNT_EMAIL_WINDOW_MINUTES = 60
    settings.SINERGI_TRUSTED_PROXIES = []
    settings.SINERGI_CLIENT_IP_HEADER = "X-Forwarded-For"
    return settings


def sign_in(client, email, password, ip, **extra):
    return client.post("/masuk/", {"username": email, "password": password}, REMOTE_ADDR=ip, **extra)


def signed_in_as(client) -> int | None:
    value = client.session.get("_auth_user_id")
    return int(value) if value is not None else None


def pair(email, ip):
    return (
        LoginThrottle.objects.filter(email=email, client=ip).values_list("failures", "locked_until").first()
    )


# --- the client's address ------------------------------------------------------------------------


def test_without_trusted_proxies_the_header_is_ignored():
    assert services.client_address(remote_addr=ATTACKER, forwarded=OWNER, trusted=[]) == ATTACKER
    assert services.client_address(remote_addr=None, forwarded=OWNER, trusted=[]) is None


def test_behind_a_trusted_proxy_the_right_most_untrusted_address_is_the_client():
    trusted = ["10.0.0.0/8", "192.0.2.1"]
    assert services.client_address(remote_addr=PROXY, forwarded=OWNER, trusted=trusted) == OWNER
    # Two proxies: nginx in front of a load balancer, both trusted.
    chain = f"{OWNER}, 192.0.2.1"
    assert services.client_address(remote_addr=PROXY, forwarded=chain, trusted=trusted) == OWNER
    # What the client wrote itself, left of what the proxy appended, is not believed.
    spoofed = f"1.2.3.4, 5.6.7.8, {ATTACKER}"
    assert services.client_address(remote_addr=PROXY, forwarded=spoofed, trusted=trusted) == ATTACKER
    # No header: the proxy itself is all we know.
    assert services.client_address(remote_addr=PROXY, forwarded=None, trusted=trusted) == PROXY


def test_the_header_is_ignored_when_the_connection_is_not_from_a_trusted_proxy():
    trusted = ["10.0.0.0/8"]
    assert services.client_address(remote_addr=ATTACKER, forwarded=OWNER, trusted=trusted) == ATTACKER


def test_malformed_and_all_trusted_forwarded_headers():
    trusted = ["10.0.0.0/8"]
    assert (
        services.client_address(remote_addr=PROXY, forwarded="nonsense, 10.0.0.9", trusted=trusted)
        == "10.0.0.9"
    )
    assert (
        services.client_address(remote_addr=PROXY, forwarded="10.0.0.7, 10.0.0.9", trusted=trusted)
        == "10.0.0.7"
    )
    assert (
        services.client_address(remote_addr=PROXY, forwarded="[2001:db8::7]:443", trusted=trusted)
        == "2001:db8::7"
    )
    assert services.client_address(remote_addr=PROXY, forwarded="203.0.113.5:5123", trusted=trusted) == OWNER


def test_client_key_groups_an_ipv6_subscriber_by_its_64():
    assert services.client_key("2001:db8:1:2:aaaa::1") == "2001:db8:1:2::/64"
    assert services.client_key("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
    assert services.client_key("::ffff:203.0.113.5") == OWNER
    assert services.client_key(OWNER) == OWNER
    assert services.client_key(None) == ""
    assert services.client_key("not an address") == ""


def test_backoff_doubles_from_the_limit_and_is_capped(limits):
    assert [backoff_seconds(n) for n in range(1, 13)] == [
        0, 0, 0, 0, 60, 120, 240, 480, 960, 1920, 3600, 3600,
    ]  # fmt: skip
    assert backoff_seconds(10_000) == 3600


# --- per (account, client) back-off ---------------------------------------------------------------


@pytest.mark.django_db
def test_five_failures_make_that_pair_wait_one_minute_then_doubling(limits, clock):
    email = "siti@sinergi.test"
    for _ in range(4):
        services.login_failure_record(email=email, ip=ATTACKER)
    assert services.login_throttle(email=email, ip=ATTACKER) is None
    services.login_failure_record(email=email, ip=ATTACKER)
    assert services.login_throttle(email=email, ip=ATTACKER) == services.Throttle("account", 60)
    clock.advance(seconds=30)
    assert services.login_throttle(email=email, ip=ATTACKER) == services.Throttle("account", 30)
    clock.advance(seconds=30)
    assert services.login_throttle(email=email, ip=ATTACKER) is None
    services.login_failure_record(email=email, ip=ATTACKER)
    assert services.login_throttle(email=email, ip=ATTACKER) == services.Throttle("account", 120)
    clock.advance(seconds=120)
    services.login_failure_record(email=email, ip=ATTACKER)
    assert services.login_throttle(email=email, ip=ATTACKER) == services.Throttle("account", 240)
    # The same account from another client, and another account from this client, do not wait.
    assert services.login_throttle(email=email, ip=OWNER) is None
    assert services.login_throttle(email="agus@sinergi.test", ip=ATTACKER) is None
    assert pair(email, ATTACKER) == (7, clock.now + dt.timedelta(seconds=240))


@pytest.mark.django_db
def test_a_pair_quiet_for_the_window_starts_afresh(limits, clock):
    email = "siti@sinergi.test"
    for _ in range(6):
        clock.advance(hours=1)
        services.login_failure_record(email=email, ip=ATTACKER)
    assert pair(email, ATTACKER) == (6, clock.now + dt.timedelta(seconds=120))
    clock.advance(minutes=1441)
    services.login_failure_record(email=email, ip=ATTACKER)
    assert pair(email, ATTACKER) == (1, None)
    assert services.login_throttle(email=email, ip=ATTACKER) is None


@pytest.mark.django_db
def test_success_clears_only_its_own_pair(limits, clock):
    email = "siti@sinergi.test"
    for ip in (ATTACKER, OWNER):
        for _ in range(3):
            services.login_failure_record(email=email, ip=ip)
    services.login_succeeded(email=email, ip=OWNER)
    assert pair(email, OWNER) is None
    assert pair(email, ATTACKER) == (3, None)
    assert LoginFailure.objects.filter(email=email).count() == 6


@pytest.mark.django_db
def test_a_client_trying_many_accounts_is_slowed_alone(limits, clock):
    for i in range(19):
        services.login_failure_record(email=f"orang{i}@sinergi.test", ip=ATTACKER)
        clock.advance(seconds=10)
    assert services.login_throttle(email="baru@sinergi.test", ip=ATTACKER) is None
    services.login_failure_record(email="orang19@sinergi.test", ip=ATTACKER)
    # The first failure was 190 s ago: it leaves the 15-minute window in 710 s.
    assert services.login_throttle(email="baru@sinergi.test", ip=ATTACKER) == services.Throttle("client", 710)
    assert services.login_throttle(email="baru@sinergi.test", ip=OWNER) is None
    clock.advance(seconds=710)
    assert services.login_throttle(email="baru@sinergi.test", ip=ATTACKER) is None


@pytest.mark.django_db
def test_an_ipv6_attacker_cannot_escape_by_changing_address_within_its_64(limits, clock):
    email = "siti@sinergi.test"
    for i in range(5):
        services.login_failure_record(email=email, ip=f"2001:db8:1:2::{i + 1}")
    assert services.login_throttle(email=email, ip="2001:db8:1:2::99") == services.Throttle("account", 60)
    assert services.login_throttle(email=email, ip="2001:db8:1:3::1") is None


# --- the sign-in page -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_fifty_failures_from_one_client_do_not_stop_the_owner_on_another(
    client, limits, clock, officer_bogor
):
    attacker = client.__class__()
    statuses = []
    for _ in range(50):
        statuses.append(sign_in(attacker, officer_bogor.email, "tebakan-salah", ATTACKER).status_code)
        clock.advance(hours=1)  # waiting out every lock: all fifty are real guesses
    assert statuses == [400] * 50
    assert pair(officer_bogor.email, ATTACKER)[0] == 50
    assert signed_in_as(attacker) is None
    response = sign_in(client, officer_bogor.email, PASSWORD, OWNER)
    assert response.status_code == 302 and response.url == "/"
    assert signed_in_as(client) == officer_bogor.pk
    # The attacker's own pair still holds: one more guess waits an hour.
    assert sign_in(attacker, officer_bogor.email, "tebakan-salah", ATTACKER).status_code == 400
    assert sign_in(attacker, officer_bogor.email, PASSWORD, ATTACKER).status_code == 429


@pytest.mark.django_db
def test_hammering_without_waiting_is_refused_before_the_password_is_checked(
    client, limits, clock, officer_bogor
):
    attacker = client.__class__()
    statuses = [
        sign_in(attacker, officer_bogor.email, "tebakan-salah", ATTACKER).status_code for _ in range(50)
    ]
    assert statuses == [400] * 5 + [429] * 45
    assert LoginFailure.objects.filter(email=officer_bogor.email).count() == 5
    assert sign_in(client, officer_bogor.email, PASSWORD, OWNER).status_code == 302
    assert signed_in_as(client) == officer_bogor.pk


@pytest.mark.django_db
def test_a_throttled_attempt_changes_nothing_and_offers_the_unlock_link(client, limits, clock, officer_bogor):
    for _ in range(5):
        sign_in(client, officer_bogor.email, "salah", OWNER)
    failures_before = list(LoginFailure.objects.values_list("pk", flat=True))
    pair_before = pair(officer_bogor.email, OWNER)
    clock.advance(seconds=15)
    response = sign_in(client, officer_bogor.email, PASSWORD, OWNER)
    assert response.status_code == 429
    assert response["Retry-After"] == "45"
    html = response.content.decode()
    assert "Coba lagi dalam 1 menit." in html
    assert 'action="/akun/buka-kunci/"' in html and f'name="email" value="{officer_bogor.email}"' in html
    assert signed_in_as(client) is None
    assert list(LoginFailure.objects.values_list("pk", flat=True)) == failures_before
    assert pair(officer_bogor.email, OWNER) == pair_before
    # Once the minute is over the right password works from this client too, and its pair is cleared.
    clock.advance(seconds=45)
    assert sign_in(client, officer_bogor.email, PASSWORD, OWNER).status_code == 302
    assert pair(officer_bogor.email, OWNER) is None


@pytest.mark.django_db
def test_behind_the_proxy_each_client_is_throttled_apart(client, limits, clock, officer_bogor):
    limits.SINERGI_TRUSTED_PROXIES = ["10.0.0.0/8"]
    attacker = client.__class__()
    for _ in range(10):
        sign_in(attacker, officer_bogor.email, "salah", PROXY, HTTP_X_FORWARDED_FOR=ATTACKER)
    assert (
        sign_in(attacker, officer_bogor.email, PASSWORD, PROXY, HTTP_X_FORWARDED_FOR=ATTACKER).status_code
        == 429
    )
    assert set(LoginFailure.objects.values_list("client", flat=True)) == {ATTACKER}
    response = sign_in(client, officer_bogor.email, PASSWORD, PROXY, HTTP_X_FORWARDED_FOR=OWNER)
    assert response.status_code == 302 and signed_in_as(client) == officer_bogor.pk


@pytest.mark.django_db
def test_a_forged_header_from_an_untrusted_connection_is_ignored(client, limits, clock, officer_bogor):
    limits.SINERGI_TRUSTED_PROXIES = ["10.0.0.0/8"]
    attacker = client.__class__()
    # Naming a new address in each request does not give the attacker new clients.
    for i in range(6):
        sign_in(attacker, officer_bogor.email, "salah", ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{i}")
    assert set(LoginFailure.objects.values_list("client", flat=True)) == {ATTACKER}
    assert (
        sign_in(
            attacker, officer_bogor.email, PASSWORD, ATTACKER, HTTP_X_FORWARDED_FOR="192.0.2.99"
        ).status_code
        == 429
    )
    # Nor can it make the owner's address wait by naming it.
    assert LoginThrottle.objects.filter(client=OWNER).count() == 0
    assert sign_in(client, officer_bogor.email, PASSWORD, OWNER).status_code == 302


@pytest.mark.django_db
def test_unknown_accounts_are_throttled_like_known_ones(client, limits, clock):
    statuses = [sign_in(client, "tidak.ada@sinergi.test", "salah", ATTACKER).status_code for _ in range(6)]
    assert statuses == [400] * 5 + [429]


# --- the unlock link ------------------------------------------------------------------------------


def _link_in(message) -> str:
    return re.search(r"http://\S+/akun/buka-kunci/\S+/", message.body).group(0)


def _path(link: str) -> str:
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def _without_csrf(html: str) -> str:
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r'"X-CSRFToken": "[^"]*"', "", html)


@pytest.mark.django_db
def test_unlock_link_lets_the_owner_in_once(
    client, limits, clock, officer_bogor, django_capture_on_commit_callbacks
):
    for _ in range(5):
        sign_in(client, officer_bogor.email, "salah", OWNER)
    assert sign_in(client, officer_bogor.email, PASSWORD, OWNER).status_code == 429
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post("/akun/buka-kunci/", {"email": officer_bogor.email}, REMOTE_ADDR=OWNER)
    assert sent.status_code == 200 and 'data-testid="unlock-sent"' in sent.content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [officer_bogor.email]
    path = _path(_link_in(mail.outbox[0]))

    # Opening the link (as a mail scanner would) uses nothing.
    assert client.get(path).status_code == 200
    assert User.objects.get(pk=officer_bogor.pk).login_unlocked_at is None

    used = client.post(path)
    assert used.status_code == 302 and used.url == "/masuk/"
    assert User.objects.get(pk=officer_bogor.pk).login_unlocked_at == clock.now
    assert AuditEvent.objects.filter(action="user.login_unlock", object_id=str(officer_bogor.pk)).count() == 1
    # The form is filled in for the owner, and the wait does not apply to this browser.
    assert f'value="{officer_bogor.email}"' in client.get("/masuk/").content.decode()
    assert sign_in(client, officer_bogor.email, PASSWORD, OWNER).status_code == 302
    assert signed_in_as(client) == officer_bogor.pk

    # Used once: a second use, from anywhere, is refused and grants nothing.
    other = client.__class__()
    assert other.get(path).status_code == 400
    assert other.post(path).status_code == 400
    assert "sinergi_login_unlock" not in other.session
    assert User.objects.get(pk=officer_bogor.pk).login_unlocked_at == clock.now
    assert AuditEvent.objects.filter(action="user.login_unlock").count() == 1


@pytest.mark.django_db
def test_unlock_link_expires(client, limits, clock, officer_bogor):
    link = services.login_unlock_link(user=officer_bogor)
    clock.advance(minutes=60, seconds=1)
    assert client.get(_path(link)).status_code == 400
    assert client.post(_path(link)).status_code == 400
    assert User.objects.get(pk=officer_bogor.pk).login_unlocked_at is None


@pytest.mark.django_db
def test_unlock_link_dies_with_a_password_change_and_refuses_forgeries(client, limits, clock, officer_bogor):
    link = services.login_unlock_link(user=officer_bogor)
    services.user_password_change(actor=officer_bogor, password="kopi-tubruk-baru-77")
    assert client.post(_path(link)).status_code == 400
    tampered = services.login_unlock_link(user=UserFactory())[:-3] + "abc/"
    assert client.post(_path(tampered)).status_code == 400
    assert client.post("/akun/buka-kunci/bukan-tautan/").status_code == 400
    assert User.objects.filter(login_unlocked_at__isnull=False).count() == 0


@pytest.mark.django_db
def test_the_unlock_grant_covers_one_account_and_a_few_tries(
    client, limits, clock, officer_bogor, admin_bogor
):
    for email in (officer_bogor.email, admin_bogor.email):
        for _ in range(5):
            sign_in(client, email, "salah", OWNER)
    client.post(_path(services.login_unlock_link(user=officer_bogor)))
    # Another account stays throttled for this browser.
    assert sign_in(client, admin_bogor.email, "rahasia-uji-123", OWNER).status_code == 429
    # Five more wrong guesses spend the grant; then the wait is back.
    assert [sign_in(client, officer_bogor.email, "salah", OWNER).status_code for _ in range(5)] == [400] * 5
    assert sign_in(client, officer_bogor.email, PASSWORD, OWNER).status_code == 429
    assert signed_in_as(client) is None


@pytest.mark.django_db
def test_unlock_request_reveals_nothing_and_is_limited(
    client, limits, clock, officer_bogor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        unknown = client.post("/akun/buka-kunci/", {"email": "tidak.ada@sinergi.test"}, REMOTE_ADDR=ATTACKER)
        known = client.post("/akun/buka-kunci/", {"email": officer_bogor.email}, REMOTE_ADDR=ATTACKER)
    assert unknown.status_code == known.status_code == 200
    assert _without_csrf(unknown.content.decode()) == _without_csrf(known.content.decode())
    assert [m.to for m in mail.outbox] == [[officer_bogor.email]]
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(4):
            client.post("/akun/buka-kunci/", {"email": officer_bogor.email}, REMOTE_ADDR=ATTACKER)
    # Three e-mails per address an hour.
    assert len(mail.outbox) == 3
    assert AccountEmailRequest.objects.filter(kind="login_unlock").count() == 6


# --- password-reset e-mails -----------------------------------------------------------------------


def reset(client, email, ip):
    return client.post("/sandi/lupa/", {"email": email}, REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_reset_emails_are_limited_per_address_without_revealing_it(client, limits, clock, officer_bogor):
    answers = [reset(client, officer_bogor.email, OWNER) for _ in range(5)]
    assert [(a.status_code, a.url) for a in answers] == [(302, "/sandi/lupa/terkirim/")] * 5
    assert len(mail.outbox) == 3 and {tuple(m.to) for m in mail.outbox} == {(officer_bogor.email,)}
    unknown = reset(client, "tidak.ada@sinergi.test", OWNER)
    assert (unknown.status_code, unknown.url) == (302, "/sandi/lupa/terkirim/")
    assert len(mail.outbox) == 3
    # An hour later the address may receive one again.
    clock.advance(minutes=61)
    reset(client, officer_bogor.email, OWNER)
    assert len(mail.outbox) == 4


@pytest.mark.django_db
def test_reset_requests_are_limited_per_client(client, limits, clock, officer_bogor):
    for i in range(10):
        assert reset(client, f"orang{i}@sinergi.test", ATTACKER).status_code == 302
    requests_before = AccountEmailRequest.objects.count()
    refused = reset(client, officer_bogor.email, ATTACKER)
    assert refused.status_code == 429
    assert "Terlalu banyak permintaan dari perangkat ini." in refused.content.decode()
    assert AccountEmailRequest.objects.count() == requests_before == 10
    assert mail.outbox == []
    # Another client is not affected.
    assert reset(client, officer_bogor.email, OWNER).status_code == 302
    assert [m.to for m in mail.outbox] == [[officer_bogor.email]]


@pytest.mark.django_db
def test_reset_and_unlock_emails_share_the_address_limit(
    client, limits, clock, officer_bogor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/akun/buka-kunci/", {"email": officer_bogor.email}, REMOTE_ADDR=OWNER)
        client.post("/akun/buka-kunci/", {"email": officer_bogor.email}, REMOTE_ADDR=OWNER)
    reset(client, officer_bogor.email, OWNER)
    reset(client, officer_bogor.email, OWNER)
    assert len(mail.outbox) == 3
