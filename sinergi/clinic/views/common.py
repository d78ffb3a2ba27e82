"""What the clinic pages share."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from sinergi.core.forms import apply_errors


def attempt(form, call):
    """Run a service for a valid form; its refusal lands on the form. Returns the result or None."""
    try:
        return call()
    except ValidationError as exc:
        apply_errors(form, exc)
        return None
