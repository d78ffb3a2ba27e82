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

