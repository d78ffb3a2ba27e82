"""The printable outcome report of a programme, rendered by WeasyPrint from an HTML template
headed by the office's letterhead (`accounts.selectors.letterhead_context`)."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string


def render_pdf(template: str, context: dict) -> bytes:
    import weasyprint  # imported on use: it loads system libraries the rest of the app never needs

    html = render_to_string(template, context)
    return weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
