import logging

from django.conf import settings


def request_language(request) -> str:
    """The language the person chose with the language switch, else Bahasa Indonesia."""
    wanted = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    codes = {code for code, _name in settings.LANGUAGES}
    return wanted if wanted in codes else settings.LANGUAGE_CODE


class SecurityHeadersMiddleware:
    """Content security policy and a restrictive permissions policy on every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            policy = settings.CONTENT_SECURITY_POLICY
            if request.path.startswith("/api/v1/docs"):
                policy = settings.CONTENT_SECURITY_POLICY_DOCS
            response["Content-Security-Policy"] = policy
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(self), payment=()")
        return response


class HeadAsGetMiddleware:
    """HEAD is answered wherever GET is: the request runs as a GET and the body is dropped.

    RFC 9110 §9.3.2 asks a server to answer HEAD with the headers GET would send. Django's
    `require_http_methods(["GET", "POST"])` and django-ninja's GET operations refuse it with 405,
    which uptime monitors, link checkers and `curl -I` read as a broken page. Answering it once
    here keeps every page and API operation, present and future, consistent. The length of the
    GET body stays in Content-Length, as the RFC allows.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "HEAD":
            return self.get_response(request)
        request.method = "GET"
        try:
            response = self.get_response(request)
        finally:
            request.method = "HEAD"
        if response.streaming:
            # The file or generator is left unread; a file is still closed with the response.
            response.streaming_content = []
        else:
            response.headers.setdefault("Content-Length", str(len(response.content)))
            response.content = b""
        return response


class LanguageMiddleware:
    """Bahasa Indonesia unless the person chose otherwise with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so an officer whose
    phone is set to English would get English without asking; the office works in Indonesian.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils import translation

        language = request_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class TextGuardMiddleware:
    """Refuses a page request whose address, query string or form fields carry text the text rule
    refuses (`core.text`): a NUL byte, another control character, a bidi override, a zero-width
    character. Such text would reach a search or a form's save, where PostgreSQL refuses a NUL
    with a server error, and the others disguise what is stored. The answer is a 400 page that
    says which character and what to do.

    Form fields may span lines (a textarea sends tab, CR and LF); the address and the query string
    may not. Password fields are left to the login, which never stores them as text. The API is
    left to its own door: its schemas judge every text parameter with the same rule (`core.schemas`).
    """

    API_PREFIX = "/api/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(self.API_PREFIX):
            message = self._refusal(request)
            if message:
                from django.shortcuts import render

                return render(request, "core/text_refused.html", {"message": message}, status=400)
        return self.get_response(request)

    @staticmethod
    def _refusal(request) -> str | None:
        from sinergi.core.text import first_text_problem

        found = first_text_problem([("path", request.path_info)]) or first_text_problem(
            (key, f"{key}={value}") for key, value in _pairs(request.GET)
        )
        if found is None and request.method == "POST":
            found = first_text_problem(
                ((key, f"{key}={value}") for key, value in _pairs(request.POST) if "password" not in key),
                multiline=True,
            )
        return found[2] if found else None


def _pairs(query):
    for key, values in query.lists():
        for value in values:
            yield key, value


class FriendlyErrorsMiddleware:
    """The site's own 404 and 500 pages while DEBUG is on, as in production.

    With DEBUG, Django answers an unknown address or a missing object with its technical 404 page
    and a failure with its traceback page: English, without the site's menu and without a way
    back, which is what a demonstration audience would then see. The 403 page is the site's own
    either way. `SINERGI_FRIENDLY_ERRORS = False` brings the technical pages back for debugging;
    the traceback of a failure is logged to the console in any case. Without DEBUG, Django's own
    handlers already draw these pages and this middleware steps aside.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    @staticmethod
    def _active() -> bool:
        return settings.DEBUG and getattr(settings, "SINERGI_FRIENDLY_ERRORS", True)

    def __call__(self, request):
        response = self.get_response(request)
        # An address that matches no URL never reaches a view: the resolver's Http404 has already
        # become the technical page. `resolver_match` stays None only in that case.
        if self._active() and response.status_code == 404 and request.resolver_match is None:
            from django.http import Http404

            return self._site_page(request, 404, Http404())
        return response

    def process_exception(self, request, exception):
        from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
        from django.http import Http404
        from django.http.multipartparser import MultiPartParserError

        if not self._active():
            return None
        if isinstance(exception, Http404):
            return self._site_page(request, 404, exception)
        if isinstance(exception, PermissionDenied | BadRequest | SuspiciousOperation | MultiPartParserError):
            return None  # Django draws these with the site's own handlers, or as a 400
        from django.core import signals

        logging.getLogger("django.request").error(
            "Internal Server Error: %s", request.path, exc_info=exception, extra={"status_code": 500}
        )
        signals.got_request_exception.send(sender=None, request=request)
        return self._site_page(request, 500, exception)

    @staticmethod
    def _site_page(request, status: int, exception):
        from django.core.handlers.exception import get_exception_response
        from django.urls import get_resolver, get_urlconf

        resolver = get_resolver(get_urlconf())
        if status == 500:  # the 500 handler takes no exception, as in Django's own call
            response = resolver.resolve_error_handler(500)(request)
        else:
            response = get_exception_response(request, resolver, status, exception)
        # The failure or the missing page was logged once already, with the request that caused it.
        response._has_been_logged = True
        return response
