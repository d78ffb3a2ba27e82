"""Shared fixtures: the region tree, and the named personas every scoped test uses.

Personas (STYLE.md): an officer of Kota Bogor, an officer of Kota Bandung, an admin of Kota
Bogor, a cooperative manager, a UMKM owner, a clinic expert, a supplier.
"""

import os
import shutil
from pathlib import Path

import pytest

from sinergi.accounts.tests.factories import (
    MembershipFactory,
    OfficeFactory,
    OrganizationFactory,
    UserFactory,
)

CHROMIUM = "/usr/bin/chromium"
# The tests load West Java (all provinces and regencies, and everything inside 32): enough for
# every fixture, and fast on both databases.
TEST_REGIONS = ("32",)


def pytest_collection_modifyitems(config, items):
    # Browser tests run against a live server in transactional tests, which empty every table
    # afterwards; running them last keeps the region tree loaded once for all other tests.
    # Transactional tests empty every table afterwards; running them (and the browser tests, which
    # are transactional too) last keeps the region tree loaded once for all the others.
    def order(item):
        if item.get_closest_marker("browser"):
            return 2
        marker = item.get_closest_marker("django_db")
        return 1 if marker is not None and marker.kwargs.get("transaction") else 0

    items.sort(key=order)
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        if os.environ.get("SINERGI_REQUIRE_BROWSER") == "1":
            raise pytest.UsageError(
                f"{CHROMIUM} is missing and SINERGI_REQUIRE_BROWSER=1: install Debian's chromium"
            )
        skip = pytest.mark.skip(
            reason=f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)"
        )
        for item in items:
            if item.get_closest_marker("browser"):
                item.add_marker(skip)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached counts must not leak from one test's rolled-back data into the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language (Indonesian), whatever an earlier test left active:
    a service words its refusals in the active language."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from sinergi.regions.services import regions_load

    with django_db_blocker.unblock():
        regions_load(only=TEST_REGIONS)


@pytest.fixture
def office_bogor(db):
    return OfficeFactory(
        name="Dinas Koperasi dan UMKM Kota Bogor", region_id="32.71.03.1005", jurisdiction_id="32.71"
    )


@pytest.fixture
def office_bandung(db):
    return OfficeFactory(
        name="Dinas Koperasi dan UMKM Kota Bandung", region_id="32.73.19.1003", jurisdiction_id="32.73"
    )


@pytest.fixture
def officer_bogor(office_bogor):
    """Staf dinas Kota Bogor: reaches everything in 32.71."""
    return MembershipFactory(
        user=UserFactory(email="staf.bogor@sinergi.test", full_name="Siti Nurhayati"),
        organization=office_bogor,
        role="staff",
    ).user


@pytest.fixture
def admin_bogor(office_bogor):
    return MembershipFactory(
        user=UserFactory(email="admin.bogor@sinergi.test", full_name="Agus Setiawan"),
        organization=office_bogor,
        role="admin",
    ).user


@pytest.fixture
def viewer_bogor(office_bogor):
    return MembershipFactory(
        user=UserFactory(email="pemantau.bogor@sinergi.test", full_name="Rina Wijaya"),
        organization=office_bogor,
        role="viewer",
    ).user


@pytest.fixture
def officer_bandung(office_bandung):
    """Staf dinas Kota Bandung: reaches 32.73 and nothing of Kota Bogor."""
    return MembershipFactory(
        user=UserFactory(email="staf.bandung@sinergi.test", full_name="Dadang Hermawan"),
        organization=office_bandung,
        role="staff",
    ).user


@pytest.fixture
def cooperative_bogor(db):
    return OrganizationFactory(
        kind="cooperative", name="Koperasi Sejahtera Bersama", region_id="32.71.06.1001"
    )


@pytest.fixture
def cooperative_bandung(db):
    return OrganizationFactory(kind="cooperative", name="Koperasi Mekar Sari", region_id="32.73.02.1004")


@pytest.fixture
def coop_manager(cooperative_bogor):
    """Pengurus of Koperasi Sejahtera Bersama (Kota Bogor)."""
    return MembershipFactory(
        user=UserFactory(email="pengurus@sinergi.test", full_name="Dedi Suryana"),
        organization=cooperative_bogor,
        role="pengurus",
    ).user


@pytest.fixture
def umkm_bogor(db):
    return OrganizationFactory(kind="umkm", name="Keripik Talas Bu Euis", region_id="32.71.06.1003")


@pytest.fixture
def umkm_owner(umkm_bogor):
    return MembershipFactory(
        user=UserFactory(email="pemilik@sinergi.test", full_name="Euis Rahmawati"),
        organization=umkm_bogor,
        role="owner",
    ).user


@pytest.fixture
def clinic_expert(db):
    university = OrganizationFactory(kind="university", name="IPB University", region_id="32.01.30.2008")
    return MembershipFactory(
        user=UserFactory(email="pakar@sinergi.test", full_name="Iwan Hermawan"),
        organization=university,
        role="expert",
    ).user


@pytest.fixture
def supplier(db):
    company = OrganizationFactory(kind="company", name="Perum Bulog Kanwil Jabar", region_id="32.73.13.1007")
    return MembershipFactory(
        user=UserFactory(email="pemasok@sinergi.test", full_name="Hendra Gunawan"),
        organization=company,
        role="supplier",
    ).user


@pytest.fixture
def superuser(db):
    return UserFactory(email="super@sinergi.test", full_name="Super", is_superuser=True, is_staff=True)


@pytest.fixture
def as_user(client):
    """as_user(user) → the test client signed in as that user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


# --- browser tests ----------------------------------------------------------------------------

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).parent / "test-artifacts"


@pytest.fixture(scope="session")
def chromium():
    # Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a
    # thread with a running loop unless told that this is the test runner's own thread.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _regions_for_transactional_tests(request):
    """A transactional test may follow another that emptied the tables: load the regions again."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    from sinergi.regions.models import Region
    from sinergi.regions.services import regions_load

    if not Region.objects.filter(pk="32.71.03.1002").exists():
        regions_load(only=TEST_REGIONS)


@pytest.fixture
def page(chromium, live_server, request):
    context = chromium.new_context(viewport={"width": 360, "height": 780}, locale="id-ID")
    pg = context.new_page()
    pg.set_default_timeout(15000)
    pg.base_url = live_server.url
    yield pg
    if getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def htmx_idle(page):
    """Wait until htmx has no request in flight and has processed everything it swapped in.

    htmx inserts new content first and wires its `hx-*` attributes only when the content
    settles; an event fired in between is lost, so a test must not act in that gap."""
    page.wait_for_function(
        "() => window.htmx && !document.querySelector('.htmx-request, .htmx-added, .htmx-settling')"
    )


def pick_region(page, field, codes, first_level=1):
    """Choose `codes` (one per level, top down from `first_level`) in the region picker `field`."""
    for level, code in enumerate(codes, start=first_level):
        select = f"#id_{field}_{level}"
        page.wait_for_selector(f"{select} option[value='{code}']", state="attached")
        htmx_idle(page)
        page.select_option(select, code)
        htmx_idle(page)


def open_menu(page):
    """Open the main menu where it sits behind its "Menu" button (phone width); else do nothing."""
    toggle = page.locator("[data-nav-toggle]")
    if toggle.count() and toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    page.locator("#mainnav").wait_for(state="visible")


def login(page, email, password="rahasia-uji-123"):
    page.goto(page.base_url + "/masuk/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("button[type=submit]:has-text('Masuk')")


_CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile || event.documentURI}:${event.lineNumber}`);
});
"""


def csp_violations(page):
    """Record the content-security-policy violations of every page `page` loads from now on.

    Returns a list that fills as pages load: one entry per `securitypolicyviolation` event and per
    console error in which the browser reports a refused resource. Call it before the first `goto`;
    an empty list at the end means no page broke the policy."""
    found = []
    page.add_init_script(_CSP_LISTENER)

    def on_console(message):
        text = message.text
        if message.type == "error" and (
            text.startswith("CSP violation") or "Content Security Policy" in text
        ):
            found.append(f"{page.url}: {text}")

    page.on("console", on_console)
    return found


@pytest.fixture
def api(client):
    """api(user) → the test client calling the API with a fresh personal token of that user."""
    from sinergi.accounts.services import api_token_create

    def as_user(user):
        _token, raw = api_token_create(actor=user, name="uji")
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
        return client

    return as_user
