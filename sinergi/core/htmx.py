"""The one htmx rule of the project: an htmx request gets the page's partial, others the page."""

from django.shortcuts import render


def render_page(request, template: str, context: dict, *, partial: str | None = None, status: int = 200):
    """Render `template`, or only `template#partial` when htmx asks for a fragment."""
    if partial and getattr(request, "htmx", False) and not request.htmx.boosted:
        return render(request, f"{template}#{partial}", context, status=status)
    return render(request, template, context, status=status)
