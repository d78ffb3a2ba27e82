"""Small pieces the Belanja Bareng pages share."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse


def attempt(request, action, success: str, **kwargs) -> bool:
    """Run a service for a button press; show its refusal as a message instead of an error page."""
    try:
        action(actor=request.user, **kwargs)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return False
    except PermissionDenied as exc:
        messages.error(request, str(exc) or "Akses ditolak.")
        return False
    messages.success(request, success)
    return True


def download(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
