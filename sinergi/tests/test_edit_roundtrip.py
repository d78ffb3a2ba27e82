"""Every edit page, opened and saved untouched in a real browser, changes nothing.

In Indonesian and in English, the browser opens each edit page as the person who uses it and
saves the form as it came. No row of the database may change and no audit event may be written,
and every date input carries `yyyy-mm-dd` (a browser submits any other value as empty: saving an
Indonesian form untouched used to erase its dates).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import URLResolver, get_resolver, resolve
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from conftest import login
from sinergi.accounts.tests.factories import OrganizationFactory
from sinergi.clinic import services as clinic
from sinergi.core.models import AuditEvent
from sinergi.events import services as events
from sinergi.events.models import EventKind
from sinergi.health.supervision import services as supervision
from sinergi.market import services as market
from sinergi.partnerships import services as partnerships
from sinergi.purchasing import services as purchasing
from sinergi.purchasing.models import PriceListItem
from sinergi.purchasing.tests.conftest import order
from sinergi.registry import services as registry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_MINUTE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$")
# Rows outside the pages' reach, or that change on every request whatever the form does.
SKIPPED_APPS = {"regions", "sessions", "contenttypes", "auth", "admin", "django_tasks_database"}
SKIPPED_MODELS = {"core.auditevent"}
# `updated_at` says when a row was last saved, not what it holds; `last_login` moves on signing in.
SKIPPED_FIELDS = {"last_login", "updated_at"}


@dataclass(frozen=True)
class EditPage:
    name: str
    user: str  # the persona who opens it
    path: str
    field: str  # a control of the form saved, to tell it from the page's other forms
    saves: bool = True  # False: the untouched form is refused (a required field is left empty)


@pytest.fixture
def world(
    officer_bogor,
    officer_bandung,
    admin_bogor,
    coop_manager,
    ksp_bogor,
    draft,
    umkm_bogor,
    umkm_owner,
    coordinator,
    supplier,
    network,
    draft_round,
    price_lists,
    products,
    bulog,
    cooperative_bandung,
    cooperative_cahaya,
    system,
    office_bogor,
):
    today = dt.date.today()
    registry.cooperative_update(
        actor=officer_bogor,
        cooperative=ksp_bogor,
        legal_number="518/13/BH/PERINDAGKOP",
        legal_date=today - dt.timedelta(days=4000),
        amendment_date=today - dt.timedelta(days=800),
        founded_on=today - dt.timedelta(days=4100),
        last_rat_date=today - dt.timedelta(days=250),
    )
    ksp_bogor.refresh_from_db()
    registry.cooperative_officer_set(
        actor=officer_bogor,
        cooperative=ksp_bogor,
        officers=[
            {"body": "pengurus", "position": "Ketua", "name": "Dedi Suryana",
             "term_start": today - dt.timedelta(days=700), "term_end": today + dt.timedelta(days=1100)},
            {"body": "pengawas", "position": "Ketua Pengawas", "name": "Siti Aminah",
             "term_start": None, "term_end": None},
        ],
    )  # fmt: skip
    registry.member_save(
        actor=officer_bogor, cooperative=ksp_bogor.organization, member_number="A-001", name="Asep Sunandar",
        nik="3271060101800001", joined_on=today - dt.timedelta(days=900),
    )  # fmt: skip
    business = registry.business_register(
        actor=officer_bogor, name="Keripik Talas Bu Euis", region_code="32.71.06.1003",
        owner_name="Euis Rahmawati", owner_nik="3271064107850003", phone="081234567890",
        founded_on=today - dt.timedelta(days=3000), capital=25_000_000, annual_sales=180_000_000,
    )  # fmt: skip
    cluster = registry.cluster_save(
        actor=officer_bogor, name="Kampung Koperasi Talas", commodity="talas", district_code="32.71.06",
        flagship=ksp_bogor.organization, cooperatives=[ksp_bogor.organization],
        businesses=[business.organization],
    )  # fmt: skip
    case = supervision.dissolution_case_open(
        actor=officer_bogor, cooperative=ksp_bogor, ground="non_compliance", facts="Tidak ada RAT lima tahun."
    )
    open_round = purchasing.round_open(actor=system, round=draft_round)
    order(system, open_round, cooperative_bandung, **{"beras-medium-5kg": 60, "minyak-goreng-2l": 30})
    now = timezone.now()
    later_round = purchasing.round_create(
        actor=system, network=network, name="Belanja Bareng Januari",
        opens_at=now + dt.timedelta(days=20), closes_at=now + dt.timedelta(days=27), suppliers=[bulog],
    )  # fmt: skip
    bulog_list = price_lists["bulog"]
    item = PriceListItem.objects.filter(price_list=bulog_list).order_by("pk").first()
    product = products["beras"]
    event = events.event_create(
        actor=officer_bogor, office=office_bogor, kind=EventKind.TRAINING, title="Pelatihan Pembukuan",
        date=today + dt.timedelta(days=10), start_time=dt.time(9, 0), end_time=dt.time(12, 0),
        place="Aula Dinas", region_id="32.71.06", speakers="Dr. Rina Kusuma\nH. Ahmad Fauzi",
    )  # fmt: skip
    programme = clinic.programme_create(
        actor=officer_bogor, office=office_bogor, year=today.year, name="Klinik Koperasi Kota Bogor"
    )
    problem = clinic.problem_save(
        actor=officer_bogor,
        office=office_bogor,
        code="K01",
        name="Modal kerja kurang",
        area="finance",
        severity=2,
    )
    bank = OrganizationFactory(kind="bank", name="Bank BJB Kantor Cabang Bogor", region_id="32.71.03.1006")
    partnerships.lending_criteria_set(
        actor=officer_bogor, bank=bank, scales=["mikro"], kbli_prefixes=["10"], predicates=["sehat"]
    )
    listed = market.product_create(
        actor=umkm_owner, business=umkm_bogor, name="Keripik Talas Original", category="makanan",
        unit="bungkus 250 g", price=Decimal(15000), description="Keripik talas Bogor, renyah dan gurih.",
    )  # fmt: skip
    legality = market.legality_save(
        actor=umkm_owner, product=listed, kind="pirt", number="P-IRT 2063271010123-29",
        issued_on=today - dt.timedelta(days=100), expires_on=today + dt.timedelta(days=1700),
    )  # fmt: skip
    market.product_submit(actor=umkm_owner, product=listed)
    market.product_publish(actor=officer_bogor, product=listed)
    coop, org = ksp_bogor.pk, ksp_bogor.organization_id
    return [
        EditPage("cooperative", "officer_bogor", f"/registri/koperasi/{coop}/ubah/", "legal_date"),
        EditPage("cooperative status", "officer_bogor", f"/registri/koperasi/{coop}/", "effective_on", saves=False),
        EditPage("cooperative officers", "officer_bogor", f"/registri/koperasi/{coop}/pengurus/", "form-0-name"),
        EditPage("member", "officer_bogor", f"/registri/koperasi/{coop}/anggota/", "member_number", saves=False),
        EditPage("UMKM", "officer_bogor", f"/registri/umkm/{business.pk}/ubah/", "founded_on"),
        EditPage("UMKM scale", "officer_bogor", f"/registri/umkm/{business.pk}/", "scale_override"),
        EditPage("cluster", "officer_bogor", f"/registri/klaster/{cluster.pk}/ubah/", "commodity"),
        EditPage("organisation", "officer_bogor", f"/akun/organisasi/{org}/ubah/", "name"),
        EditPage("event", "officer_bogor", f"/kegiatan/{event.pk}/ubah/", "title"),
        EditPage("clinic programme", "officer_bogor", f"/klinik/program/{programme.pk}/ubah/", "name"),
        EditPage("clinic problem", "officer_bogor", f"/klinik/penyakit/{problem.pk}/", "name"),
        EditPage("market product", "umkm_owner", f"/produk/{listed.pk}/ubah/", "name"),
        EditPage("product legality", "umkm_owner", f"/produk/{listed.pk}/izin/{legality.pk}/", "number"),
        EditPage("lending criteria", "officer_bogor", f"/kemitraan/kriteria/{bank.pk}/", "kbli_prefixes"),
        EditPage("account profile", "coop_manager", "/akun/profil/", "full_name"),
        EditPage("annual report draft", "coop_manager", f"/kesehatan/laporan/{draft.pk}/ubah/", "rat_date"),
        EditPage("questionnaire", "admin_bogor", "/kesehatan/kuesioner/ubah/", "note", saves=False),
        EditPage("dissolution case", "officer_bogor", f"/kesehatan/pengawasan/pembubaran/{case.pk}/",
                 "notice-notice_date", saves=False),  # fmt: skip
        EditPage("product", "officer_bogor", f"/belanja-bareng/katalog/barang/{product.pk}/ubah/", "name"),
        EditPage("price list", "supplier", f"/belanja-bareng/harga/{bulog_list.pk}/ubah/", "valid_from"),
        EditPage("price list item", "supplier", f"/belanja-bareng/harga/{bulog_list.pk}/barang/{item.pk}/",
                 "min_1"),  # fmt: skip
        EditPage("delivery fees", "supplier", "/belanja-bareng/ongkir/", "region"),
        EditPage("network", "officer_bandung", f"/registri/jaringan/{network.pk}/ubah/", "name"),
        EditPage("round", "coordinator", f"/belanja-bareng/putaran/{later_round.pk}/ubah/", "closes_at"),
        EditPage("round suppliers", "coordinator", f"/belanja-bareng/putaran/{later_round.pk}/pemasok/",
                 "suppliers"),  # fmt: skip
        EditPage("order", "coordinator",
                 f"/belanja-bareng/putaran/{open_round.pk}/pesanan/{cooperative_bandung.pk}/", "csrfmiddlewaretoken"),
    ]  # fmt: skip


def view_names(patterns=None, namespace="") -> set[str]:
    """Every named URL of the project, with its namespace."""
    names = set()
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= view_names(entry.url_patterns, inner)
        elif entry.name:
            names.add(namespace + entry.name)
    return names


def database_rows() -> dict[str, dict]:
    """Every row the pages could touch, by model and primary key."""
    rows = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in SKIPPED_APPS or label in SKIPPED_MODELS:
            continue
        pk = model._meta.pk.attname
        rows[label] = {
            row[pk]: {k: v for k, v in row.items() if k not in SKIPPED_FIELDS}
            for row in model._base_manager.order_by("pk").values()
        }
    return rows


def differences(before: dict, after: dict) -> list[str]:
    found = []
    for label, old_rows in before.items():
        new_rows = after[label]
        for pk in old_rows.keys() - new_rows.keys():
            found.append(f"{label} {pk} deleted")
        for pk in new_rows.keys() - old_rows.keys():
            found.append(f"{label} {pk} added")
        for pk in old_rows.keys() & new_rows.keys():
            for field, value in old_rows[pk].items():
                if new_rows[pk][field] != value:
                    found.append(f"{label} {pk} {field}: {value!r} → {new_rows[pk][field]!r}")
    return found


def save_untouched(pg, edit: EditPage, language: str) -> list[str]:
    """Open the page, save its form as it came, and say what went wrong."""
    where = f"{edit.name} ({language})"
    problems = []
    rows, events = database_rows(), AuditEvent.objects.count()
    response = pg.goto(pg.base_url + edit.path)
    if response is None or response.status != 200:
        return [f"{where}: {edit.path} answered {response.status if response else 'nothing'}"]
    if pg.locator("html").get_attribute("lang") != language:
        problems.append(f"{where}: the page is not in {language}")
    dates = pg.locator("input[type=date]").evaluate_all(
        "els => els.map(e => [e.name, e.getAttribute('value') || ''])"
    )
    problems += [f"{where}: date input {n} carries {v!r}" for n, v in dates if v and not ISO_DATE.match(v)]
    moments = pg.locator("input[type=datetime-local]").evaluate_all(
        "els => els.map(e => [e.name, e.getAttribute('value') || ''])"
    )
    problems += [f"{where}: input {n} carries {v!r}" for n, v in moments if v and not ISO_MINUTE.match(v)]
    form = pg.locator(f"main form[method=post]:has([name='{edit.field}'])")
    if form.count() != 1:
        return [*problems, f"{where}: {form.count()} forms hold a field {edit.field}"]
    # A form folded away in <details> (the status change) is unfolded, as a person would.
    form.evaluate(
        "f => { for (let d = f.closest('details'); d; d = d.parentElement.closest('details')) d.open = true; }"
    )
    button = form.locator("button[type=submit]").first
    if edit.saves:
        with pg.expect_navigation():
            button.click()
        refused = pg.locator(".errorlist, .msg-error").all_inner_texts()
        if refused:
            problems.append(f"{where}: saving untouched was refused: {refused}")
    else:
        # The browser itself may hold back a form whose required field is empty.
        try:
            with pg.expect_navigation(timeout=3000):
                button.click()
        except PlaywrightTimeoutError:
            pass
    problems += [f"{where}: {change}" for change in differences(rows, database_rows())]
    new_events = list(AuditEvent.objects.order_by("pk")[events:].values_list("action", "before", "after"))
    if new_events:
        problems.append(f"{where}: audit events written: {new_events}")
    return problems


def test_every_edit_page_saved_untouched_changes_nothing(chromium, live_server, request, world):
    problems = []
    users = sorted({edit.user for edit in world})
    contexts = {}
    try:
        for persona in users:
            context = chromium.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
            pg = context.new_page()
            pg.set_default_timeout(15000)
            pg.base_url = live_server.url
            login(pg, request.getfixturevalue(persona).email)
            pg.wait_for_url(pg.base_url + "/")
            contexts[persona] = (context, pg)
        for language in ("id", "en"):
            for context, _pg in contexts.values():
                context.add_cookies([{"name": "sinergi_lang", "value": language, "url": live_server.url}])
            for edit in world:
                try:
                    problems += save_untouched(contexts[edit.user][1], edit, language)
                except PlaywrightError as exc:
                    problems.append(f"{edit.name} ({language}): {exc.message.splitlines()[0]}")
    finally:
        for context, _pg in contexts.values():
            context.close()
    assert not problems, "\n".join(problems)
    # Every edit page of the project is among them.
    covered = {resolve(edit.path).view_name for edit in world}
    assert {name for name in view_names() if name.endswith("_edit")} <= covered
