"""Printable documents of the health slice, rendered by WeasyPrint from HTML templates.

The print templates carry their own stylesheet inline and load nothing from outside: the base URL
is the project's own folder and no template refers to a remote font, image or stylesheet, so a PDF
renders the same offline.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string


def render_pdf(template: str, context: dict) -> bytes:
    import weasyprint  # imported on use: it loads system libraries the rest of the app never needs

    html = render_to_string(template, context)
    return weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
