from django.conf import settings


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


class LanguageMiddleware:
    """Bahasa Indonesia unless the person chose otherwise with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so an officer whose
    phone is set to English would get English without asking; the office works in Indonesian.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils import translation

        wanted = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        codes = {code for code, _name in settings.LANGUAGES}
        language = wanted if wanted in codes else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
