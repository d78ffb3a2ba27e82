"""Import pages: upload → dry-run preview → import → result, with the rejected rows to download."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sinergi.core.forms import apply_errors
from sinergi.core.jobs import job_sweep_stale
from sinergi.registry import exporters, selectors, services
from sinergi.registry.forms import ImportUploadForm
from sinergi.registry.models import BusinessProfile, CooperativeProfile, ImportBatch, Member

IMPORTED_MODELS = {
    ImportBatch.Kind.COOPERATIVE: CooperativeProfile,
    ImportBatch.Kind.UMKM: BusinessProfile,
    ImportBatch.Kind.MEMBER: Member,
}


@login_required
@require_http_methods(["GET", "POST"])
def import_home(request):
    can_upload = services.may_upload_import(request.user)
    if request.method == "POST" and not can_upload:
        raise PermissionDenied
    form = ImportUploadForm(
        request.POST or None, request.FILES or None, initial={"kind": request.GET.get("kind")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.import_batch_upload(
                actor=request.user, kind=form.cleaned_data["kind"], uploaded_file=form.cleaned_data["file"]
            )
            services.import_batch_preview(actor=request.user, batch=batch)
        except ValidationError as exc:
            apply_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc) or _("Akses ditolak."))
        else:
            return redirect("registry:import_detail", pk=batch.pk)
    batches = selectors.import_batch_list(user=request.user)[:20]
    return render(
        request, "registry/import_home.html", {"form": form, "batches": batches, "can_upload": can_upload}
    )


@login_required
def import_detail(request, pk: int):
    # The page polls while the job runs: a job whose worker died shows as failed, not forever running.
    job_sweep_stale()
    batch = selectors.access_import_batch(user=request.user, pk=pk)
    context = {
        "batch": batch,
        "summary": batch.summary,
        "job": batch.job,
        # The rows' changes are worded by the fields of what they change (core.audit_text).
        "object_type": IMPORTED_MODELS[batch.kind]._meta.label_lower,
    }
    if request.htmx and batch.job and not batch.job.finished:
        return render(request, "registry/import_detail.html#progress", context)
    if request.htmx:
        # The job finished while the page polled: load the whole page with the preview.
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "registry/import_detail.html", context)


@login_required
@require_POST
def import_execute(request, pk: int):
    batch = selectors.access_import_batch(user=request.user, pk=pk)
    try:
        services.import_batch_execute(actor=request.user, batch=batch)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("Akses ditolak."))
    return redirect("registry:import_detail", pk=pk)


@login_required
def import_rejected(request, pk: int):
    batch = selectors.access_import_batch(user=request.user, pk=pk)
    if not batch.rejected_file:
        raise Http404
    return FileResponse(
        batch.rejected_file.open("rb"), as_attachment=True, filename=f"laporan-impor-{batch.filename}.xlsx"
    )


@login_required
def import_template(request, kind: str):
    if kind not in ImportBatch.Kind.values:
        raise Http404
    response = HttpResponse(
        exporters.template_bytes(kind),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="templat-impor-{kind}.xlsx"'
    return response
