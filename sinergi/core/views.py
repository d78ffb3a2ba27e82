import logging

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseForbidden, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.views.decorators.cache import never_cache

from sinergi.core.htmx import render_page
from sinergi.core.jobs import access_job
from sinergi.core.middleware import request_language

logger = logging.getLogger(__name__)

# The last resort when even the 500 page cannot be drawn (a broken template or static manifest).
SERVER_ERROR_FALLBACK = (
    '<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Sinergi</title></head>'
    "<body><h1>Terjadi kesalahan di server</h1><p>Server error.</p>"
    '<p><a href="/">Beranda</a></p></body></html>'
)


@login_required
def job_detail(request, pk: int):
    """A job's progress; the page polls its own #progress partial until the job finishes."""
    job = access_job(user=request.user, pk=pk)
    return render_page(request, "core/job_detail.html", {"job": job}, partial="progress")


def robots_txt(request):
    """Search engines may read the public pages (the product catalogue and the open statistics)
    and nothing else; the catalogue's sitemap lists its pages."""
    sitemap = request.build_absolute_uri("/katalog/sitemap.xml")
    lines = [
        "User-agent: *",
        "Allow: /katalog/",
        "Allow: /statistik/",
        "Disallow: /",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@never_cache
def health(request):
    """Liveness for load balancers and process managers: the app answers, nothing else is checked."""
    return HttpResponse("ok", content_type="text/plain")


def server_error(request, template_name: str = "500.html"):
    """The 500 page, in the person's language.

    Whatever broke may be the database, the session or a context processor, so the page is drawn
    from the template alone: no query, no context processors, no request context.
    """
    language = request_language(request)
    try:
        with translation.override(language):
            html = loader.render_to_string(template_name, {"LANGUAGE_CODE": language})
    except Exception:  # the page that reports a failure must not fail in turn
        logger.exception("the 500 page could not be drawn")
        html = SERVER_ERROR_FALLBACK
    return HttpResponseServerError(html)


def csrf_failure(request, reason: str = ""):
    """A form refused by the CSRF check: most often a page left open too long, or cookies off.

    Rendered with the request, so the page carries a fresh token and the site's menu."""
    return render(request, "403_csrf.html", status=HttpResponseForbidden.status_code)
