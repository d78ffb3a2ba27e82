"""Template filters shared by every slice."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.translation import get_language, gettext

from sinergi.core.audit import REDACTED
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
def show_changes(before, after):
    """An audit event's before/after as one list of fields: old value struck through, new beside."""
    before = before if isinstance(before, dict) else {}
    after = after if isinstance(after, dict) else {}
    keys = list(dict.fromkeys([*after.keys(), *before.keys()]))
    rows = [{"field": k, "old": before.get(k), "new": after.get(k), "had_old": k in before} for k in keys]
    for row in rows:
        # Personal data is never in the trail (core.audit.redact): say that it changed, not to what.
        if row["new"] == REDACTED and row["old"] == REDACTED:
            row.update(had_old=False, new=gettext("diubah (data pribadi tidak dicatat)"))
        for side in ("old", "new"):
            if row[side] == REDACTED:
                row[side] = gettext("data pribadi (tidak dicatat)")
    return {"rows": rows}
