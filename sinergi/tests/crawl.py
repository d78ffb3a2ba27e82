"""The crawl of every page: which pages a login reaches, and what is checked on each.

`Crawler.run()` signs in, reads the menu from the DOM (whatever its shape at this width), visits
the home page, every menu page, the first item of every list and one sub-page of each item, takes a
full-page screenshot of each, and collects every problem it finds as a `Finding`.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import polib
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"

# Links the crawl never follows: files, the logout, the API, language switches and Django's admin.
SKIP = re.compile(
    r"/ekspor/|/export|\.csv\b|\.xlsx\b|\.pdf\b|\.json\b|download|unduh|/keluar|/logout|/api/|/i18n/"
    r"|setlang|/admin/|/media/|/static/",
    re.IGNORECASE,
)
PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdifr]|\{[\w.]*\}")

# Records every CSP violation of the page into window.__csp before any script of the page runs.
CSP_RECORDER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`
    + (e.sourceFile ? ` (${e.sourceFile.split('/').pop()}:${e.lineNumber})` : '')
    + (e.sample ? ` «${e.sample.slice(0, 60)}»` : ''));
});
"""

# One pass over the DOM for the checks that need the layout.
PAGE_CHECKS = """
() => {
  const describe = (el) => {
    const parts = [];
    for (let node = el; node && node.nodeType === 1 && parts.length < 4; node = node.parentElement) {
      let part = node.tagName.toLowerCase();
      if (node.id) { parts.unshift(part + '#' + node.id); break; }
      const classes = [...node.classList].filter(c => !c.startsWith('htmx-')).slice(0, 2);
      if (classes.length) part += '.' + classes.join('.');
      parts.unshift(part);
      if (node.tagName === 'MAIN' || node.tagName === 'BODY') break;
    }
    return parts.join(' > ');
  };
  const shown = (el) => {
    if (!el.getClientRects().length) return false;
    const cs = getComputedStyle(el);
    return cs.visibility !== 'hidden' && cs.display !== 'none';
  };
  const ownText = (el) => [...el.childNodes]
    .filter(n => n.nodeType === 3).map(n => n.textContent).join(' ').replace(/\\s+/g, ' ').trim();
  const scrolls = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  const insideScroller = (el) => {
    for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) {
      if (node.matches('.table-wrap') || scrolls(node)) return true;
    }
    return false;
  };
  const result = {};

  // Horizontal overflow of the page, with the deepest elements that stick out on the right.
  const viewport = window.innerWidth;
  result.scrollWidth = document.documentElement.scrollWidth;
  result.viewport = viewport;
  result.overflowing = [];
  if (result.scrollWidth > viewport + 1) {
    const out = [...document.body.querySelectorAll('*')].filter(el =>
      shown(el) && el.getBoundingClientRect().right > viewport + 1 && !insideScroller(el));
    const deepest = out.filter(el => !out.some(other => other !== el && el.contains(other)));
    result.overflowing = deepest.slice(0, 4).map(el =>
      `${describe(el)} (right edge ${Math.round(el.getBoundingClientRect().right)} px)`);
  }

  // Elements narrower than their own text: the text is cut off, spills over, or is clipped below.
  result.narrow = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('.table-wrap, pre, input, select, textarea, option, script, style, svg, dialog:not([open])')) continue;
    const text = ownText(el);
    if (!text || !shown(el)) continue;
    const cs = getComputedStyle(el);
    if (['auto', 'scroll'].includes(cs.overflowX)) continue;  // the rest is a scroll away
    if (!el.clientWidth) continue;  // an inline box wraps with its text
    if (el.closest('.visually-hidden') || cs.clip.startsWith('rect')) continue;  // for screen readers only
    if (insideScroller(el)) continue;
    const wide = el.scrollWidth > el.clientWidth + 1;
    const clipped = ['hidden', 'clip'].includes(cs.overflowY) && el.scrollHeight > el.clientHeight + 1;
    // A deliberate ellipsis is fine when the title gives the whole text.
    const explained = cs.textOverflow === 'ellipsis' && (el.getAttribute('title') || '').trim() === el.textContent.trim();
    if ((wide || clipped) && !explained) {
      result.narrow.push(`${describe(el)} «${text.slice(0, 50)}»: ` + (wide
        ? `${el.clientWidth} px wide, its content needs ${el.scrollWidth} px`
        : `${el.clientHeight} px high, its content needs ${el.scrollHeight} px`));
    }
  }

  result.noAlt = [...document.querySelectorAll('img:not([alt])')].map(el =>
    `${describe(el)} src=${(el.getAttribute('src') || '').split('?')[0]}`);

  // Form controls without a name a screen reader can read.
  result.unlabelled = [];
  for (const el of document.querySelectorAll('input, select, textarea')) {
    const type = (el.getAttribute('type') || '').toLowerCase();
    if (el.tagName === 'INPUT' && ['hidden', 'submit', 'button', 'reset', 'image'].includes(type)) continue;
    if ([...(el.labels || [])].some(label => label.textContent.trim())) continue;
    if ((el.getAttribute('aria-label') || '').trim()) continue;
    const by = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
    if (by.some(id => (document.getElementById(id)?.textContent || '').trim())) continue;
    const twice = el.id && document.querySelectorAll(`[id="${el.id}"]`).length > 1;
    result.unlabelled.push(describe(el) + (el.name ? ` name=${el.name}` : '')
      + (twice ? ` (its id is used twice on the page: the label belongs to the other)` : ''));
  }

  result.csp = window.__csp || [];
  result.text = [...document.querySelectorAll('header, nav, main')]
    .filter(el => !el.parentElement.closest('header, nav, main'))
    .map(el => el.innerText).join('\\n') + '\\n' + document.title;
  return result;
}
"""


@dataclass(frozen=True)
class Finding:
    role: str
    width: int
    url: str
    check: str
    detail: str

    def line(self) -> str:
        return f"{self.role} @ {self.width}px {self.url} [{self.check}] {self.detail}"


@cache
def english_phrases() -> tuple[str, ...]:
    """The English of the catalogue that must never show on an Indonesian screen, longest first.

    Every translation (or, with placeholders, every literal piece of it) that differs from its
    msgid, has at least two words or eight letters, and is not part of an Indonesian msgid. Read
    once per run."""
    catalogue = polib.pofile(str(CATALOGUE))
    entries = [e for e in catalogue if not e.obsolete]
    indonesian = {e.msgid.strip() for e in entries} | {
        e.msgid_plural.strip() for e in entries if e.msgid_plural
    }
    every_msgid = "\0".join(indonesian)
    phrases: set[str] = set()
    for entry in entries:
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for msgstr in translations:
            if not msgstr or msgstr.strip() in (entry.msgid.strip(), entry.msgid_plural.strip()):
                continue
            for piece in PLACEHOLDER.split(msgstr):
                for line in piece.splitlines():
                    phrase = line.strip(" \t.,:;!?()[]«»\"'·…-–—/")
                    if phrase and (" " in phrase or len(phrase) >= 8) and phrase not in every_msgid:
                        phrases.add(phrase)
    return tuple(sorted(phrases, key=len, reverse=True))


def english_in(text: str) -> list[str]:
    """The catalogue's English phrases in `text`, each matched case-sensitively as a whole phrase."""
    present = [phrase for phrase in english_phrases() if phrase in text]  # longest first
    if not present:
        return []
    pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(p) for p in present)})(?![\w-])")
    return sorted({m.group(0) for m in pattern.finditer(text)})


def slug(path: str) -> str:
    cleaned = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")
    return (cleaned or "beranda")[:60]


@dataclass
class Crawler:
    """One login at one width: the pages it visits and what is wrong on them."""

    page: object  # playwright Page
    base_url: str
    role: str
    width: int
    shots: Path
    visited: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    downloads: list[str] = field(default_factory=list)
    data: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(
        default_factory=lambda: {"open": 0.0, "check": 0.0, "screenshot": 0.0}
    )  # names of organisations and people, longest first
    _events: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self):
        # One page serves every width of a login: its listeners are added once and report to the
        # crawler that uses the page now.
        if not hasattr(self.page, "_crawler"):
            page = self.page
            page.add_init_script(CSP_RECORDER)
            page.on("console", lambda message: page._crawler._on_console(message))
            page.on(
                "pageerror", lambda error: page._crawler._events.append(("script error", str(error)[:300]))
            )
            page.on("response", lambda response: page._crawler._on_response(response))
        self.page._crawler = self
        self.shots.mkdir(parents=True, exist_ok=True)
        for old in self.shots.glob("*.png"):
            old.unlink()

    def _on_console(self, message):
        if message.type == "error":
            where = message.location.get("url", "") if message.location else ""
            self._events.append(("console error", f"{message.text[:300]} {where}".strip()))

    def _on_response(self, response):
        if response.status >= 500:
            self._events.append(("5xx", f"{response.status} {response.url}"))

    def _add(self, url: str, check: str, detail: str):
        self.findings.append(Finding(self.role, self.width, url, check, detail))

    def _local(self, href: str | None) -> str | None:
        """The path (and query) of a link the crawl may follow, or None."""
        if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
            return None
        parts = urlsplit(urljoin(self.page.url, href))
        if parts.netloc and parts.netloc != urlsplit(self.base_url).netloc:
            return None
        if SKIP.search(href):
            return None
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def links(self, selector: str) -> list[str]:
        found = []
        hrefs = self.page.eval_on_selector_all(
            selector,
            "(els) => els.filter(el => !el.hasAttribute('download')).map(el => el.getAttribute('href'))",
        )
        for href in hrefs:
            path = self._local(href)
            if path and path not in found:
                found.append(path)
        return found

    def visit(self, path: str) -> bool:
        """Open one page, check it and screenshot it; False when it did not open."""
        url = self.base_url + path
        self._events.clear()
        self.visited.append(path)
        try:
            started = time.monotonic()
            response = self.page.goto(url, wait_until="load")
            self.page.wait_for_function(
                "() => window.htmx && !document.querySelector('.htmx-request, .htmx-added, .htmx-settling')",
                timeout=5000,
            )
        except Exception as error:  # a timeout or a crash is a finding, not the end of the crawl
            if "Download is starting" in str(error):  # a file behind an ordinary link: not a page
                self.visited.pop()
                self.downloads.append(path)
                return False
            self._add(path, "opens", str(error).splitlines()[0][:300])
            return False
        if response is not None and response.status >= 500:
            self._add(path, "5xx", f"status {response.status}")
        elif response is not None and response.status >= 400:
            self._add(path, "4xx", f"status {response.status} on a page the menu or a list links to")
        opened = time.monotonic()
        result = self.page.evaluate(PAGE_CHECKS)
        for check, detail in list(self._events):
            self._add(path, check, detail)
        for violation in result["csp"]:
            self._add(path, "CSP violation", violation)
        if result["scrollWidth"] > result["viewport"] + 1:
            self._add(
                path,
                "horizontal overflow",
                f"page is {result['scrollWidth']} px wide in a {result['viewport']} px window; "
                + "; ".join(result["overflowing"]),
            )
        for detail in result["narrow"]:
            self._add(path, "narrower than its text", detail)
        text = result["text"]
        for name in self.data:  # a name in the data (IPB University) is not interface text
            if name in text:
                text = text.replace(name, " ")
        for phrase in english_in(text):
            self._add(path, "English on the Indonesian screen", f"«{phrase}»")
        for detail in result["noAlt"]:
            self._add(path, "image without alt", detail)
        for detail in result["unlabelled"]:
            self._add(path, "control without label", detail)
        number = len(self.visited)
        checked = time.monotonic()
        self.page.screenshot(path=str(self.shots / f"{number:02d}-{slug(path)}.png"), full_page=True)
        self.seconds["open"] += opened - started
        self.seconds["check"] += checked - opened
        self.seconds["screenshot"] += time.monotonic() - checked
        return True

    def run(self, email: str | None = None, password: str | None = None) -> None:
        """Sign in (unless the page is signed in already: pass no e-mail) and crawl."""
        page = self.page
        if email is not None:
            page.goto(self.base_url + "/masuk/")
            page.fill("#id_username", email)
            page.fill("#id_password", password)
            page.click("form:has(#id_password) button[type=submit]")
            page.wait_for_url(self.base_url + "/")
        self.visit("/")
        menu = self.links("nav.mainnav a[href]")
        header = self.links("header a[href]")  # the profile, the notifications
        seen = {"/"}
        for path in menu + header:
            if path in seen:
                continue
            seen.add(path)
            if not self.visit(path):
                continue
            items = self.links("main table tbody tr a[href]")[:1] or self.links("main .card a[href]")[:1]
            item = next((link for link in items if link not in seen), None)
            # A menu page that is an item itself (the member's own cooperative) opens its sub-pages.
            for sub in self._sub_pages(path, seen | set(items))[:1]:
                seen.add(sub)
                self.visit(sub)
            if item is None:
                continue
            seen.add(item)
            if self.visit(item):
                for sub in self._sub_pages(item, seen)[:1]:
                    seen.add(sub)
                    self.visit(sub)

    def _sub_pages(self, path: str, seen: set[str]) -> list[str]:
        """Links of the page in view (opened from `path`) to the pages under it, in page order.

        Read before navigating: the caller's page is the current one only until the next visit."""
        base = urlsplit(path).path.rstrip("/") + "/"
        return [
            link
            for link in self.links("main a[href]")
            if link not in seen and urlsplit(link).path.startswith(base) and urlsplit(link).path != base
        ]


def report(findings: list[Finding]) -> str:
    """One line per problem, with every width and page it shows on."""
    grouped: dict[tuple[str, str, str], list[str]] = {}
    for f in findings:
        grouped.setdefault((f.role, f.check, f.detail), []).append(f"{f.width}px {f.url}")
    lines = []
    for (role, check, detail), where in grouped.items():
        shown = ", ".join(where[:6]) + (f" and {len(where) - 6} more" if len(where) > 6 else "")
        lines.append(f"{role} [{check}] {detail}\n    on {shown}")
    return f"{len(grouped)} problems:\n" + "\n".join(lines)
