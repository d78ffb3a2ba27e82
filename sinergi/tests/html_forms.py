"""Read a rendered form the way a browser submits it, so a test can post it back untouched."""

from __future__ import annotations

import re
from html.parser import HTMLParser

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # > 0 while inside a form
        self.forms: list[tuple[list, dict]] = []
        self.fields: list[tuple[str, str]] = []
        self.date_values: dict[str, str] = {}
        self._select: dict | None = None
        self._option: dict | None = None
        self._textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and self.depth == 0:
            self.depth = 1
            self.fields, self.date_values = [], {}
            return
        if not self.depth:
            return
        if tag == "form":
            self.depth += 1
        elif tag == "input":
            self._input(a)
        elif tag == "select" and "name" in a:
            self._select = {"name": a["name"], "disabled": "disabled" in a, "first": None, "chosen": []}
        elif tag == "option" and self._select is not None:
            self._option = {"value": a.get("value"), "selected": "selected" in a, "text": ""}
        elif tag == "textarea" and "name" in a:
            self._textarea = {"name": a["name"], "disabled": "disabled" in a, "text": ""}

    def _input(self, a):
        name, kind = a.get("name"), (a.get("type") or "text").lower()
        if not name or "disabled" in a or kind in ("submit", "button", "reset", "file", "image"):
            return
        value = a.get("value", "")
        if kind in ("checkbox", "radio"):
            if "checked" in a:
                self.fields.append((name, a.get("value", "on")))
            return
        if kind == "date":
            self.date_values[name] = value
            # A browser discards a date value that is not yyyy-mm-dd and submits the field empty.
            value = value if ISO_DATE.match(value) else ""
        self.fields.append((name, value))

    def handle_data(self, data):
        if self._option is not None:
            self._option["text"] += data
        if self._textarea is not None:
            self._textarea["text"] += data

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag == "option" and self._option is not None:
            option = self._option
            value = option["value"] if option["value"] is not None else option["text"].strip()
            if self._select["first"] is None:
                self._select["first"] = value
            if option["selected"]:
                self._select["chosen"].append(value)
            self._option = None
        elif tag == "select" and self._select is not None:
            select = self._select
            if not select["disabled"]:
                chosen = select["chosen"] or ([select["first"]] if select["first"] is not None else [])
                self.fields.extend((select["name"], v) for v in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            if not self._textarea["disabled"]:
                # The HTML parser keeps the newline a browser drops right after <textarea>.
                self.fields.append((self._textarea["name"], self._textarea["text"].removeprefix("\n")))
            self._textarea = None
        elif tag == "form":
            self.depth -= 1
            if self.depth == 0:
                self.forms.append((self.fields, self.date_values))


def form_data(page_html: str, field: str) -> tuple[dict[str, list[str]], dict[str, str]]:
    """The fields a browser would submit, unchanged, from the one form that has a control named
    `field`, and the value each of its date inputs carried as rendered."""
    reader = _FormReader()
    reader.feed(page_html)
    found = [(f, d) for f, d in reader.forms if any(name == field for name, _ in f)]
    assert len(found) == 1, f"{len(found)} forms have a field {field!r}"
    fields, dates = found[0]
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    return data, dates
