"""Pages of events: the list, an event, its form, invitations, registration, attendance on a
phone, materials and certificates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sinergi.accounts.selectors import object_timeline
from sinergi.core.forms import apply_errors
from sinergi.core.htmx import render_page
from sinergi.events import access, selectors, services
from sinergi.events.filters import EventFilters
from sinergi.events.forms import CancelForm, EventForm, MaterialForm, RegistrationForm
from sinergi.events.models import EventKind
from sinergi.events.pdf import certificate_pdf
from sinergi.events.rules import attendance_problem


@login_required
def event_list(request):
    filters = EventFilters.from_params(request.GET)
    qs = selectors.event_list(user=request.user, filters=filters)
    context = {
        "page_obj": Paginator(qs, 25).get_page(request.GET.get("page")),
        "filters": filters,
        "kinds": EventKind.choices,
        "can_create": access.organizing_offices(request.user).exists(),
        "today": timezone.localdate(),
    }
    return render_page(request, "events/event_list.html", context, partial="rows")


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request):
    offices = list(access.organizing_offices(request.user).order_by("name"))
    if not offices:
        raise PermissionDenied
    form = EventForm(request.POST or None, offices=offices)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(actor=request.user, office=form.chosen_office(), **form.values())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Kegiatan disimpan."))
            return redirect("events:event_detail", pk=event.pk)
    return render(request, "events/event_form.html", {"form": form, "title": _("Kegiatan baru")})


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, pk: int):
    event = selectors.access_event(user=request.user, pk=pk)
    if not access.may_manage(request.user, event):
        raise PermissionDenied
    form = EventForm(request.POST or None, event=event, initial=EventForm.initial_for(event))
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(actor=request.user, event=event, **form.values())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Perubahan disimpan."))
            return redirect("events:event_detail", pk=event.pk)
    return render(
        request, "events/event_form.html", {"form": form, "event": event, "title": _("Ubah kegiatan")}
    )


@login_required
def event_detail(request, pk: int):
    event = selectors.access_event(user=request.user, pk=pk)
    return render(request, "events/event_detail.html", _detail_context(request, event))


def _detail_context(request, event, *, cancel_form: CancelForm | None = None) -> dict:
    manages = access.may_manage(request.user, event)
    today = timezone.localdate()
    registrations = selectors.registration_list(user=request.user, event=event)
    attended = sum(1 for r in registrations if hasattr(r, "attendance"))
    open_for_changes = not event.is_cancelled and event.date >= today
    return {
        "event": event,
        "manages": manages,
        "registrations": registrations,
        "attended": attended,
        "invitations": selectors.invitation_list(user=request.user, event=event),
        "materials": list(event.materials.all()),
        "material_form": MaterialForm() if manages and not event.is_cancelled else None,
        "can_register": open_for_changes
        and (
            manages
            or bool(selectors.registrable_organizations(user=request.user, event=event, manages=False))
        ),
        "registration_open": open_for_changes,
        "attendance_open": not event.is_cancelled
        and attendance_problem(event_date=event.date, today=today) is None,
        # Offered while the event can still be cancelled: before it is over, attendance untaken.
        "cancel_form": (cancel_form or CancelForm()) if manages and open_for_changes and not attended else None,
        "timeline": object_timeline(user=request.user, obj=event) if manages else [],
    }


@login_required
@require_POST
def event_cancel(request, pk: int):
    event = selectors.access_event(user=request.user, pk=pk)
    if not access.may_manage(request.user, event):
        raise PermissionDenied
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            services.event_cancel(actor=request.user, event=event, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Kegiatan dibatalkan; peserta diberi tahu."))
            return redirect("events:event_detail", pk=event.pk)
    event.refresh_from_db()
    return render(request, "events/event_detail.html", _detail_context(request, event, cancel_form=form))


@login_required
@require_http_methods(["GET", "POST"])
def event_invite(request, pk: int):
    event = selectors.access_event(user=request.user, pk=pk)
    if not access.may_manage(request.user, event):
        raise PermissionDenied
    if request.method == "POST":
        chosen = selectors.invitable_organizations(
            user=request.user, event=event, q="", limit=None, pks=request.POST.getlist("organization")
        )
        for organization in chosen:
            try:
                services.invitation_add(actor=request.user, event=event, organization=organization)
            except ValidationError as exc:
                messages.error(request, f"{organization.name}: {' '.join(exc.messages)}")
        if chosen:
            messages.success(request, _("%(n)s organisasi diundang.") % {"n": len(chosen)})
        return redirect("events:event_invite", pk=event.pk)
    q = (request.GET.get("q") or "").strip()[:100]
    context = {
        "event": event,
        "q": q,
        "candidates": selectors.invitable_organizations(user=request.user, event=event, q=q),
        "invitations": selectors.invitation_list(user=request.user, event=event),
    }
    return render_page(request, "events/event_invite.html", context, partial="candidates")


@login_required
@require_POST
def invitation_remove(request, pk: int, invitation_pk: int):
    event = selectors.access_event(user=request.user, pk=pk)
    invitation = next(
        (i for i in selectors.invitation_list(user=request.user, event=event) if i.pk == invitation_pk), None
    )
    if invitation is None:
        raise PermissionDenied
    try:
        services.invitation_remove(actor=request.user, invitation=invitation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Undangan dicabut."))
    return redirect("events:event_invite", pk=event.pk)


@login_required
@require_http_methods(["GET", "POST"])
def event_register(request, pk: int):
    event = selectors.access_event(user=request.user, pk=pk)
    manages = access.may_manage(request.user, event)
    q = (request.GET.get("q") or "").strip()[:100] if manages else ""
    chosen = request.POST.getlist("organization") if manages and request.method == "POST" else None
    organizations = selectors.registrable_organizations(
        user=request.user, event=event, manages=manages, q=q, pks=chosen
    )
    if not organizations and not manages:
        raise PermissionDenied
    initial = {"attendee_name": "" if manages else request.user.full_name}
    form = RegistrationForm(request.POST or None, organizations=organizations, initial=initial)
    back_to_attendance = request.GET.get("kembali") == "kehadiran"
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_add(
                actor=request.user,
                event=event,
                organization=form.chosen(),
                attendee_name=form.cleaned_data["attendee_name"],
                attendee_position=form.cleaned_data["attendee_position"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Pendaftaran disimpan."))
            if back_to_attendance:
                return redirect("events:attendance", pk=event.pk)
            return redirect("events:event_detail", pk=event.pk)
    context = {
        "event": event,
        "form": form,
        "manages": manages,
        "q": q,
        "back_to_attendance": back_to_attendance,
    }
    return render(request, "events/event_register.html", context)


@login_required
@require_POST
def registration_cancel(request, pk: int, registration_pk: int):
    event = selectors.access_event(user=request.user, pk=pk)
    registration = selectors.access_registration(user=request.user, event=event, pk=registration_pk)
    try:
        services.registration_cancel(actor=request.user, registration=registration)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Pendaftaran dibatalkan."))
    return redirect("events:event_detail", pk=event.pk)


@login_required
def attendance(request, pk: int):
    event = selectors.access_event(user=request.user, pk=pk)
    if not access.may_manage(request.user, event):
        raise PermissionDenied
    registrations = selectors.registration_list(user=request.user, event=event)
    today = timezone.localdate()
    context = {
        "event": event,
        "registrations": registrations,
        "attended": sum(1 for r in registrations if hasattr(r, "attendance")),
        "problem": attendance_problem(event_date=event.date, today=today),
        "registration_open": event.date >= today,
    }
    return render(request, "events/attendance.html", context)


@login_required
@require_POST
def attendance_toggle(request, pk: int, registration_pk: int):
    event = selectors.access_event(user=request.user, pk=pk)
    registration = selectors.access_registration(user=request.user, event=event, pk=registration_pk)
    error = ""
    try:
        if request.POST.get("present") == "1":
            services.attendance_mark(actor=request.user, registration=registration)
        else:
            services.attendance_unmark(actor=request.user, registration=registration)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if not getattr(request, "htmx", False):
        if error:
            messages.error(request, error)
        return redirect("events:attendance", pk=event.pk)
    registration = selectors.access_registration(user=request.user, event=event, pk=registration_pk)
    attended, registered = selectors.attendance_count(event=event)
    context = {"event": event, "r": registration, "attended": attended, "total": registered, "error": error}
    return render(request, "events/attendance.html#toggle", context)


@login_required
@require_POST
def material_add(request, pk: int):
    event = selectors.access_event(user=request.user, pk=pk)
    form = MaterialForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.material_add(
                actor=request.user,
                event=event,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
    if form.errors:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    else:
        messages.success(request, _("Materi diunggah."))
    return redirect(reverse("events:event_detail", args=[event.pk]) + "#materi")


@login_required
def material_download(request, pk: int, material_pk: int):
    event = selectors.access_event(user=request.user, pk=pk)
    material = selectors.access_material(user=request.user, event=event, pk=material_pk)
    return FileResponse(
        material.file.open("rb"),
        as_attachment=True,
        filename=material.name,
        content_type=material.content_type,
    )


@login_required
@require_POST
def material_remove(request, pk: int, material_pk: int):
    event = selectors.access_event(user=request.user, pk=pk)
    material = selectors.access_material(user=request.user, event=event, pk=material_pk)
    services.material_remove(actor=request.user, material=material)
    messages.success(request, _("Materi dihapus."))
    return redirect(reverse("events:event_detail", args=[event.pk]) + "#materi")


@login_required
def certificate(request, pk: int, registration_pk: int):
    event = selectors.access_event(user=request.user, pk=pk)
    registration = selectors.access_registration(user=request.user, event=event, pk=registration_pk)
    if not access.may_read_certificate(request.user, registration):
        raise PermissionDenied
    try:
        pdf = certificate_pdf(registration)
    except ValidationError as exc:
        raise PermissionDenied(" ".join(exc.messages)) from None
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="sertifikat-{event.pk}-{registration.pk}.pdf"'
    return response
