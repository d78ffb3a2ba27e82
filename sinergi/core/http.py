"""HTTP headers shared by the pages and the API.

`no_store`: a page or an API answer that carries personal data (UU PDP 27/2022) is sent with
`Cache-Control: private, no-store`, so neither a shared proxy nor the browser's cache keeps it —
the back button of a shared computer at a village office must not bring a list of NIKs back.
"""

from __future__ import annotations

from functools import wraps

from django.utils.cache import patch_cache_control


def no_store(view):
    """Send `view`'s every response (downloads, redirects and errors too) with
    `Cache-Control: private, no-store`. Also a django-ninja router decorator (`mode="view"`)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return response

    return wrapped
