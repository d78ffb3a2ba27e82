"""The certificate of attendance (sertifikat kehadiran), rendered by WeasyPrint on the organising
office's letterhead. The template carries its own stylesheet and loads nothing remote.

The letterhead (kop surat) is the office's, read through `accounts.selectors.letterhead_context`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone

from sinergi.accounts.selectors import letterhead_context
from sinergi.events.models import Attendance, Registration
from sinergi.events.rules import PROBLEMS, certificate_problem


def certificate_number(registration: Registration) -> str:
    """A number that names the event and the participant and never changes: 0012/KEG-0003/2026."""
    event = registration.event
    return f"{registration.pk:04d}/KEG-{event.pk:04d}/{event.date.year}"


def certificate_context(registration: Registration) -> dict:
    attended = Attendance.objects.filter(registration=registration).exists()
    if code := certificate_problem(attended=attended):
        raise ValidationError(PROBLEMS[code], code=code)
    event = registration.event
    return {
        **letterhead_context(event.office),
        "registration": registration,
        "event": event,
        "office": event.office,
        "number": certificate_number(registration),
        "event_day": event.date,
        "dated": timezone.localdate(),
    }


def certificate_pdf(registration: Registration) -> bytes:
    import weasyprint  # imported on use: it loads system libraries the rest of the app never needs

    html = render_to_string("events/pdf/certificate.html", certificate_context(registration))
    return weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
