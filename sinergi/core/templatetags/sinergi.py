"""Template filters shared by every slice."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.translation import get_language

from sinergi.core.audit_text import change_lines, object_type_label, prepare
from sinergi.core.audit_text import event_text as present_event
from sinergi.core.money import format_rupiah
from sinergi.core.privacy import mask_nik, mask_phone

register = template.Library()


@register.filter
def rupiah(value, decimals=False):
    try:
        return format_rupiah(value, decimals=bool(decimals))
    except (InvalidOperation, TypeError, ValueError):
        return value


@register.filter
def number(value, places=0):
    """Thousands grouped the way the active language writes them (1.234 in Indonesian)."""
    if value is None or value == "":
        return "–"
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return value
    text = f"{amount:,.{int(places)}f}"
    if (get_language() or "id").startswith("id"):
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


@register.filter
def percent(value, places=1):
    if value is None or value == "":
        return "–"
    return f"{number(value, places)}%"


@register.filter
def nik_masked(value):
    return mask_nik(value)


@register.filter
def phone_masked(value):
    return mask_phone(value)


@register.filter
def get_item(mapping, key):
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.inclusion_tag("includes/changes.html")
def show_changes(before, after, object_type=""):
    """An audit event's before/after as sentences, one per field ("Alamat diubah dari … menjadi …").

    With the event's `object_type` the fields are named by their labels and the values formatted
    by their kind (`core.audit_text`); personal data is never in the trail, so it stays unsaid.
    """
    return {"lines": change_lines(object_type or "", before, after)}


@register.filter
def row_changes(changes, object_type):
    """An import row's changes ({field: [old, new]}) as sentences, like the audit trail's."""
    pairs = changes if isinstance(changes, dict) else {}
    before = {k: v[0] for k, v in pairs.items() if isinstance(v, list | tuple) and len(v) == 2}
    after = {k: v[1] for k, v in pairs.items() if isinstance(v, list | tuple) and len(v) == 2}
    return change_lines(object_type or "", before, after, also=("accounts.organization",))


@register.filter
def audit_ready(events):
    """A page's events with the names of the rows they mention loaded at once (`for e in
    timeline|audit_ready`), so that `event_text` asks nothing more of the database."""
    return prepare(events or [])


@register.filter
def event_text(event):
    """An audit event in words: `.headline`, `.lines` and `.when` (`core.audit_text.EventText`)."""
    return present_event(event)


@register.filter
def object_type_name(object_type):
    return object_type_label(object_type or "")
