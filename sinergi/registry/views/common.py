"""Small pieces the registry pages share."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, StreamingHttpResponse

from sinergi.accounts.scoping import reach_of
from sinergi.registry import exporters


def picker_root(user) -> str | None:
    """The region the pickers start from: the user's single jurisdiction, if they have one."""
    codes = reach_of(user).office_codes()
    return codes[0] if len(codes) == 1 else None


def require_officer(user) -> None:
    if not reach_of(user).is_officer:
        raise PermissionDenied


def require_office_writer(user) -> None:
    if not reach_of(user).is_office_writer:
        raise PermissionDenied


def export_response(request, *, kind: str, filters):
    """CSV (streamed, any size) or XLSX of `registry_export`, which masks and audits."""
    fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    export = exporters.registry_export(
        actor=request.user, kind=kind, filters=filters, masked=request.GET.get("masked") == "1", fmt=fmt
    )
    if fmt == "xlsx":
        response = HttpResponse(
            export.xlsx(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    else:
        response = StreamingHttpResponse(export.csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export.filename(fmt)}"'
    # Personal data: never kept by a browser or a proxy.
    response["Cache-Control"] = "private, no-store"
    return response
