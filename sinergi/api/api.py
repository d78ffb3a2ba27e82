"""The REST API at /api/v1/: each slice's router mounted here, with one error shape for all.

Every error answers `{"detail": "<message>"}` with the right status; validation errors add
`"errors": {"<field>": ["<message>", ...]}` (`core.schemas.ErrorOut`). The published document
lists, for every operation, the error answers it really gives: 401 and 422 are given here for any
operation (`document_api_errors`), the others each operation declares with `core.schemas.errors`.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from sinergi.accounts.api import router as accounts_router
from sinergi.api.auth import AUTH
from sinergi.assistance.api import router as assistance_router
from sinergi.clinic.api import router as clinic_router
from sinergi.consignment.api import router as consignment_router
from sinergi.core.schemas import ErrorOut
from sinergi.events.api import router as events_router
from sinergi.health.api import router as health_router
from sinergi.insights.api import router as insights_router
from sinergi.insights.api_open import router as open_statistics_router
from sinergi.market.api import router as market_router
from sinergi.partnerships.api import router as partnerships_router
from sinergi.purchasing.api import router as purchasing_router
from sinergi.regions.api import router as regions_router
from sinergi.registry.api import router as registry_router

ERROR_REF = "#/components/schemas/ErrorOut"


def _error_response(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": ERROR_REF}}}}


def document_api_errors(document: dict) -> dict:
    """Add to every operation of an OpenAPI document the errors the API gives whatever the
    operation: 401 where it needs credentials, 422 where it reads parameters or a body."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("ErrorOut", ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}"))
    for path_item in document["paths"].values():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            # Keyed by int, as django-ninja keys the operation's own answers.
            if operation.get("security"):
                responses.setdefault(401, _error_response("Unauthorized"))
            if operation.get("parameters") or operation.get("requestBody"):
                responses.setdefault(422, _error_response("Unprocessable Content"))
    return document


class SinergiAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        document = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return document_api_errors(document)


api = SinergiAPI(
    title="Sinergi API",
    version="1",
    description=(
        "API Sinergi untuk Dinas Koperasi dan UMKM. Autentikasi: token pribadi "
        "(`Authorization: Bearer sng_…`, dibuat di halaman profil) atau sesi peramban. "
        "/ Sinergi API. Authenticate with a personal token or the browser session."
    ),
    auth=AUTH,
    urls_namespace="api",
)


def _field_errors(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {
            field: [str(m) for e in errors for m in e.messages] for field, errors in exc.error_dict.items()
        }
    return {"__all__": [str(m) for m in exc.messages]}


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    errors = _field_errors(exc)
    first = next(iter(errors.values()))[0] if errors else _("Data tidak valid.")
    return api.create_response(request, {"detail": first, "errors": errors}, status=400)


@api.exception_handler(NinjaValidationError)
def on_schema_error(request, exc: NinjaValidationError):
    errors: dict[str, list[str]] = {}
    detail = None
    for err in exc.errors:
        loc = [str(p) for p in err.get("loc", []) if p not in ("body", "query", "path", "payload", "form")]
        errors.setdefault(".".join(loc) or "__all__", []).append(err.get("msg", ""))
        if detail is None and err.get("type") == "text_refused":
            # The text rule words its refusal for people; the generic message would hide it.
            detail = err["msg"]
    return api.create_response(
        request, {"detail": detail or _("Data tidak valid / invalid input."), "errors": errors}, status=422
    )


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    return api.create_response(request, {"detail": str(exc) or _("Akses ditolak.")}, status=403)


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return api.create_response(request, {"detail": _("Tidak ditemukan.")}, status=404)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request, exc):
    return api.create_response(request, {"detail": _("Perlu masuk atau token API yang valid.")}, status=401)


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


api.add_router("/regions/", regions_router)
api.add_router("/registry/", registry_router)
api.add_router("/health/", health_router)
api.add_router("/purchasing/", purchasing_router)
api.add_router("/clinic/", clinic_router)
api.add_router("/events/", events_router)
# Products and the open feed (market) and outlets, stock, sales and settlements (consignment) share
# one prefix: the contract names /api/v1/market/sales and /api/v1/market/stock.
api.add_router("/market/", market_router)
api.add_router("/market/", consignment_router)
api.add_router("/partnerships/", partnerships_router)
api.add_router("/assistance/", assistance_router)
api.add_router("/insights/open/", open_statistics_router)
api.add_router("/insights/", insights_router)
api.add_router("/", accounts_router)
