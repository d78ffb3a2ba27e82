"""Small pieces the registry pages share."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, StreamingHttpResponse

from sinergi.accounts.scoping import reach_of
from sinergi.core.audit import audit_record
from sinergi.registry import exporters


def picker_root(user) -> str | None:
    """The region the pickers start from: the user's single jurisdiction, if they have one."""
    codes = reach_of(user).office_codes()
    return codes[0] if len(codes) == 1 else None


def require_officer(user) -> None:
    if not reach_of(user).is_officer:
        raise PermissionDenied


def require_office_writer(user) -> None:
    reach = reach_of(user)
    if not (reach.everything or reach.office_codes(frozenset({"admin", "staff"}))):
        raise PermissionDenied


def export_response(request, *, kind: str, rows_for, label: str, filters: dict, masked: bool):
    """CSV (streamed, any size) or XLSX; every export is recorded in the audit trail."""
    fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    stamp = dt.date.today().strftime("%Y%m%d")
    name = f"{label}{'-tersamar' if masked else ''}-{stamp}.{fmt}"
    audit_record(
        actor=request.user,
        action=f"registry.export.{kind}",
        object_type="registry.export",
        object_repr=name,
        after={"format": fmt, "masked": masked, "filters": filters},
        region_code=picker_root(request.user) or "",
    )
    rows = rows_for(masked=masked)
    if fmt == "xlsx":
        content = exporters.xlsx_bytes(kind, rows, masked=masked, title=label)
        response = HttpResponse(
            content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    else:
        response = StreamingHttpResponse(
            exporters.csv_stream(kind, rows), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
