"""Every page of every demo login, at phone width and at desktop width, is finished.

Signed in as each demo login, the crawl visits the home page, every menu page, the first item of
every list and one sub-page of that item (`crawl.py` says which links it follows), and fails on a
5xx, a console error or a CSP violation, a page wider than the window, an element narrower than
its text, an English phrase of the catalogue on the Indonesian screen, an image without alt text
or a form control without a label. Each page's screenshot lands in
`test-artifacts/crawl/<role>-<width>/`, and the pages crawled per role in
`test-artifacts/crawl/pages.txt` (`crawl-postgresql/` on PostgreSQL).
"""

import dataclasses
import json
import sqlite3
import time

import pytest
from django.core.management import call_command
from django.db import connection

from conftest import ARTIFACTS
from sinergi.accounts import demo as accounts_demo
from sinergi.accounts.models import Organization, OrganizationKind, User
from sinergi.accounts.services import business_claim_submit
from sinergi.tests.crawl import Crawler, report

pytestmark = [pytest.mark.browser]

OUT = ARTIFACTS / ("crawl" if connection.vendor == "sqlite" else f"crawl-{connection.vendor}")
WIDTHS = ((360, 780), (1366, 900))
# One demo login per role (the demo command prints them all).
LOGINS = {
    "superuser": "admin@sinergi.test",
    "office-admin": "admin.kotabogor@sinergi.test",
    "officer": "staf.kotabogor@sinergi.test",
    "viewer": "pemantau.kotabogor@sinergi.test",
    "province-officer": "staf.jabar@sinergi.test",
    "cooperative-manager": "pengurus@sinergi.test",
    "network-member": "pengurus.bandung@sinergi.test",
    "network-coordinator": "koordinator@sinergi.test",
    "umkm-owner": "pemilik@sinergi.test",
    "supplier": "pemasok@sinergi.test",
    "bank-partner": "mitra.bank@sinergi.test",
    "expert": "pakar@sinergi.test",
    "outlet": "gerai@sinergi.test",
    "cooperative-outlet": "gerai.pkpri@sinergi.test",
}


def _write_pages(role: str, lines: list[str]) -> None:
    """Replace this role's block in pages.txt, keeping the other roles'."""
    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / "pages.txt"
    blocks: dict[str, list[str]] = {}
    if target.exists():
        current = None
        for line in target.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith(" ") and line.split(" ", 1)[0] != current:
                current = line.split(" ", 1)[0]
                blocks[current] = [line]
            elif current:
                blocks[current].append(line)
    blocks[role] = lines
    ordered = [r for r in LOGINS if r in blocks]
    target.write_text("\n".join(line for r in ordered for line in blocks[r]) + "\n", encoding="utf-8")


_SAVED: list = []  # the world as first built, on SQLite in memory: later roles get a copy


def _world() -> None:
    """The demo world (built once per run on SQLite, copied back for each role)."""
    memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
    if memory and _SAVED:
        connection.ensure_connection()
        _SAVED[0].backup(connection.connection)
        return
    _build_world()
    if memory:
        saved = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(saved)
        _SAVED.append(saved)


def _build_world() -> None:
    """The demo world, and what it lacks to show every page: business claims waiting for an officer,
    one for a registered business (the oldest, listed first: the crawl opens that business from the
    claim list) and one for a new business."""
    call_command("demo", "--quiet")
    owner = User.objects.get(email=LOGINS["umkm-owner"])
    registered = (
        Organization.objects.filter(
            kind=OrganizationKind.UMKM, region__code__startswith="32.71.", businessprofile__isnull=False
        )
        .exclude(memberships__user=owner)
        .order_by("pk")
        .first()
    )
    business_claim_submit(actor=owner, organization=registered, evidence="Usaha milik keluarga.")
    business_claim_submit(
        actor=owner,
        new_name="Warung Talas Bu Euis",
        new_region_code="32.71.06.1003",
        new_address="Jl. Kedung Badak No. 5",
        evidence="Usaha kedua, belum terdaftar.",
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", list(LOGINS))
def test_every_page_is_finished(role, chromium, live_server):
    _world()
    names = {
        *Organization.objects.values_list("name", flat=True),
        *User.objects.values_list("full_name", flat=True),
    }
    data = sorted((name for name in names if name), key=len, reverse=True)
    findings, lines = [], []
    # One browser tab signs in once and crawls at each width in turn.
    (width, height), *_ = WIDTHS
    context = chromium.new_context(viewport={"width": width, "height": height}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        for number, (width, height) in enumerate(WIDTHS):
            started = time.monotonic()
            page.set_viewport_size({"width": width, "height": height})
            crawler = Crawler(page, live_server.url, role, width, OUT / f"{role}-{width}", data=data)
            if number == 0:
                crawler.run(LOGINS[role], accounts_demo.DEMO_PASSWORD)
            else:
                crawler.run()
            findings += crawler.findings
            lines.append(
                f"{role} ({LOGINS[role]}) at {width} px: {len(crawler.visited)} pages in "
                f"{time.monotonic() - started:.1f} s ("
                + ", ".join(f"{phase} {seconds:.1f} s" for phase, seconds in crawler.seconds.items())
                + ")"
            )
            lines += [f"  {path}" for path in crawler.visited]
    finally:
        context.close()
    _write_pages(role, lines)
    print("\n" + "\n".join(lines))
    (OUT / f"findings-{role}.json").write_text(
        json.dumps([dataclasses.asdict(f) for f in findings], ensure_ascii=False, indent=1), encoding="utf-8"
    )
    assert not findings, report(findings)


@pytest.mark.django_db(transaction=True)
def test_the_public_pages_are_finished(chromium, live_server):
    """An anonymous visitor: the sign-in page, the open statistics down to a kecamatan, the footer,
    the public catalogue with a product, its producer and page 2."""
    _world()
    data = sorted(
        (n for n in Organization.objects.values_list("name", flat=True) if n), key=len, reverse=True
    )
    findings, lines = [], []
    (width, height), *_ = WIDTHS
    context = chromium.new_context(viewport={"width": width, "height": height}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        for width, height in WIDTHS:
            page.set_viewport_size({"width": width, "height": height})
            crawler = Crawler(
                page, live_server.url, "anonymous", width, OUT / f"anonymous-{width}", data=data
            )
            footer: list[str] = []
            for path in ("/masuk/", "/statistik/"):
                crawler.visit(path)
                footer = footer or crawler.links("footer a[href]")
            for _level in ("regency", "kecamatan"):
                places = [link for link in crawler.links("main table a[href]") if link not in crawler.visited]
                if places:
                    crawler.visit(places[0])
            for path in footer:
                if path not in crawler.visited and not path.startswith("/api/"):
                    crawler.visit(path)
            # The public catalogue: a product's page, its producer's page and the catalogue's page 2.
            crawler.visit("/katalog/")
            for selector in (
                "a[href^='/katalog/produk/']",
                "a[href^='/katalog/usaha/']",
                "a[href*='page=2']",
            ):
                found = [link for link in crawler.links(f"main {selector}") if link not in crawler.visited]
                if found:
                    crawler.visit(found[0])
            findings += crawler.findings
            lines.append(f"anonymous at {width} px: {len(crawler.visited)} pages")
            lines += [f"  {path}" for path in crawler.visited]
    finally:
        context.close()
    print("\n" + "\n".join(lines))
    assert len([line for line in lines if "/statistik/" in line]) >= 6, lines
    assert len([line for line in lines if "/katalog/" in line]) >= 6, lines
    assert not findings, report(findings)


SAMPLE = "http://crawl.test"
BAD_PAGE = """<!doctype html><html lang="id"><head><title>Contoh</title>
<link rel="stylesheet" href="/sample.css"><link rel="stylesheet" href="/broken.css">
<script src="/sample.js"></script></head><body>
<header><a href="/">Beranda</a></header>
<main>
  <h1>Annual reports</h1>
  <div class="wide">lebar</div>
  <p class="cut">Koperasi Sejahtera Bersama Kota Bogor</p>
  <p class="cut" title="Koperasi Sejahtera Bersama Kota Bogor">Koperasi Sejahtera Bersama Kota Bogor</p>
  <span class="visually-hidden">Hanya untuk pembaca layar yang panjang sekali</span>
  <div class="table-wrap"><p class="cut">Koperasi Sejahtera Bersama Kota Bogor</p></div>
  <p class="inline" style="color: red">gaya</p>
  <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
  <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">
  <form>
    <input name="q">
    <label for="nama">Nama</label><input id="nama" name="nama">
    <label>Kota <select name="kota"></select></label>
    <textarea name="catatan" aria-label="Catatan"></textarea>
    <input type="hidden" name="rahasia"><button type="submit">Cari</button>
  </form>
</main></body></html>"""
GOOD_PAGE = """<!doctype html><html lang="id"><head><title>Contoh</title>
<link rel="stylesheet" href="/sample.css"><script src="/quiet.js"></script></head><body>
<header><a href="/">Beranda</a></header><main><h1>Laporan tahunan</h1>
<p class="cut" title="Koperasi Sejahtera Bersama Kota Bogor">Koperasi Sejahtera Bersama Kota Bogor</p>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Logo">
<form><label for="nama">Nama</label><input id="nama" name="nama"></form></main></body></html>"""
SAMPLE_CSS = """
.wide { width: 900px; }
.cut { width: 80px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.table-wrap { overflow-x: auto; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
"""


def _serve_samples(page):
    files = {
        "/bad/": (200, "text/html", BAD_PAGE),
        "/good/": (200, "text/html", GOOD_PAGE),
        "/sample.css": (200, "text/css", SAMPLE_CSS),
        "/broken.css": (500, "text/css", ""),
        "/sample.js": (
            200,
            "text/javascript",
            "window.htmx = {}; console.error('rusak'); missingFunction();",
        ),
        "/quiet.js": (200, "text/javascript", "window.htmx = {};"),
    }

    def fulfil(route):
        status, kind, body = files[route.request.url.removeprefix(SAMPLE)]
        route.fulfill(
            status=status,
            content_type=kind,
            body=body,
            headers={"Content-Security-Policy": "default-src 'self'; img-src 'self' data:"},
        )

    page.route(f"{SAMPLE}/**", fulfil)


def test_the_checks_catch_each_problem_and_pass_a_finished_page(chromium, tmp_path):
    context = chromium.new_context(viewport={"width": 360, "height": 780}, locale="id-ID")
    page = context.new_page()
    _serve_samples(page)
    crawler = Crawler(page, SAMPLE, "contoh", 360, tmp_path)
    try:
        assert crawler.visit("/good/")
        assert crawler.findings == []
        assert crawler.visit("/bad/")
    finally:
        context.close()
    found = [(f.check, f.detail) for f in crawler.findings]
    expected = [
        ("5xx", "500 http://crawl.test/broken.css"),
        ("console error", "Failed to load resource: the server responded with a status of 500"),
        ("console error", "rusak http://crawl.test/sample.js"),
        ("script error", "missingFunction is not defined"),
        ("console error", "Applying inline style violates the following Content Security Policy"),
        ("CSP violation", "style-src-attr blocked inline (:12)"),
        (
            "horizontal overflow",
            "page is 908 px wide in a 360 px window; main > div.wide (right edge 908 px)",
        ),
        (
            "narrower than its text",
            "main > p.cut «Koperasi Sejahtera Bersama Kota Bogor»: 80 px wide, its content",
        ),
        ("English on the Indonesian screen", "«Annual reports»"),
        ("image without alt", "main > img src=data:image/gif;base64,R0lGODlhAQABAAAAACw="),
        ("control without label", "main > form > input name=q"),
    ]
    assert len(found) == len(expected), found
    for (check, detail), (want_check, want_start) in zip(sorted(found), sorted(expected), strict=True):
        assert (check, detail[: len(want_start)]) == (want_check, want_start)
    assert [p.name for p in sorted(tmp_path.glob("*.png"))] == ["01-good.png", "02-bad.png"]
