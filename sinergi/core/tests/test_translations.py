"""The English catalogue is complete and compiled: no empty or fuzzy entry, and the .mo holds every
entry of the .po (a forgotten compilemessages would show Indonesian on English pages)."""

import ast
import gettext
from pathlib import Path

import sinergi

LOCALE = Path(sinergi.__file__).parent / "locale" / "en" / "LC_MESSAGES"


def po_entries() -> list[dict]:
    """Entries of the .po as {"flags", "msgid", "msgid_plural", "msgstr", "msgstr[0]", …}."""
    entries, entry, key = [], {"flags": ""}, None
    for line in (LOCALE / "django.po").read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if "msgid" in entry:
                entries.append(entry)
            entry, key = {"flags": ""}, None
        elif line.startswith("#,"):
            entry["flags"] += line[2:]
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += ast.literal_eval(line)
        else:
            key, _, value = line.partition(" ")
            entry[key] = ast.literal_eval(value)
    return entries


def test_every_entry_is_translated_and_none_is_fuzzy():
    entries = [e for e in po_entries() if e["msgid"]]
    assert len(entries) > 1500
    untranslated = [
        e["msgid"] for e in entries if not (e.get("msgstr") or (e.get("msgstr[0]") and e.get("msgstr[1]")))
    ]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert (untranslated, fuzzy) == ([], [])


def test_the_compiled_catalogue_matches_the_po():
    with open(LOCALE / "django.mo", "rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog
    for entry in po_entries():
        if not entry["msgid"]:
            continue
        # A message with a context is stored under "context\x04msgid".
        key = f"{entry['msgctxt']}\x04{entry['msgid']}" if entry.get("msgctxt") else entry["msgid"]
        if "msgid_plural" in entry:
            assert catalog[(key, 0)] == entry["msgstr[0]"], entry["msgid"]
        else:
            assert catalog[key] == entry["msgstr"], entry["msgid"]
