"""The recap pages (the office's monthly recaps, generate one, download) and the letterhead
settings: thin adapters over `insights.recap` and `insights.letterhead`."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from sinergi.insights import letterhead as kop
from sinergi.insights import recap as recaps
from sinergi.regions.models import Region


def _office(request, admin_only: bool = False):
    """The office a page is about: `?kantor=` among the user's offices, else their first."""
    offices = recaps.offices_of(request.user, admin_only=admin_only)
    if not offices:
        raise PermissionDenied
    wanted = request.GET.get("kantor") or request.POST.get("kantor")
    if wanted:
        chosen = next((office for office in offices if str(office.pk) == wanted), None)
        if chosen is None:
            raise Http404
        return chosen, offices
    return offices[0], offices


class RecapForm(forms.Form):
    month = forms.ChoiceField(label=gettext_lazy("Bulan"))
    region_code = forms.ChoiceField(label=gettext_lazy("Wilayah"))

    def __init__(self, *args, office, place: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = recaps.recap_month_choices()
        self.fields["month"].initial = f"{recaps.last_month():%Y-%m}"
        jurisdiction = Region.objects.filter(code=office.jurisdiction_id).first()
        places = []
        if jurisdiction:
            places.append((jurisdiction.code, jurisdiction.name))
            places += [(r.code, f"— {r.name}") for r in jurisdiction.children.order_by("name")]
        self.fields["region_code"].choices = places
        # Asked from a dashboard page ("?wilayah="): that place when it is one of the choices.
        chosen = place if place in {code for code, _name in places} else office.jurisdiction_id
        self.fields["region_code"].initial = chosen

    def clean_month(self):
        year, month = self.cleaned_data["month"].split("-")
        return dt.date(int(year), int(month), 1)


@login_required
@require_http_methods(["GET", "POST"])
def recap_list(request):
    """The office's recaps, newest first, and the form that asks for a new one."""
    office, offices = _office(request)
    may_generate = recaps.may_generate_recap(request.user, office)
    form = (
        RecapForm(request.POST or None, office=office, place=request.GET.get("wilayah"))
        if may_generate
        else None
    )
    if request.method == "POST":
        if not may_generate:
            raise PermissionDenied
        if form.is_valid():
            try:
                recap = recaps.recap_request(
                    request.user, office, form.cleaned_data["region_code"], form.cleaned_data["month"]
                )
            except ValidationError as error:
                for field, problems in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, problems)
            else:
                return redirect("job_detail", pk=recap.job_id)
    items = list(recaps.recap_list(user=request.user, office=office)[:100])
    names = dict(Region.objects.filter(code__in={r.region_code for r in items}).values_list("code", "name"))
    rows = [
        (item, names.get(item.region_code, item.region_code), recaps.month_name(item.month)) for item in items
    ]
    return render(
        request,
        "insights/recap/list.html",
        {"office": office, "offices": offices, "form": form, "rows": rows, "may_generate": may_generate,
         "may_edit_letterhead": kop.may_edit_letterhead(request.user, office)},
    )  # fmt: skip


@login_required
@require_GET
def recap_download(request, pk: int, kind: str):
    """A recap's PDF or XLSX, for the people of its office only."""
    recap = recaps.access_recap(user=request.user, pk=pk)
    if kind not in ("pdf", "xlsx"):
        raise Http404
    stored = getattr(recap, kind)
    if not stored:
        raise Http404
    filename = f"rekap-{recap.region_code.replace('.', '')}-{recap.month:%Y-%m}.{kind}"
    return FileResponse(stored.open("rb"), as_attachment=True, filename=filename)


@login_required
@require_http_methods(["GET", "POST"])
def letterhead_edit(request):
    """The office's letterhead and signing officer, for its admins."""
    office, offices = _office(request, admin_only=True)
    if not kop.may_edit_letterhead(request.user, office):
        raise PermissionDenied
    current = kop.letterhead_of(office)
    initial = {field: getattr(current, field) for field in kop.FIELDS}
    form = kop.LetterheadForm(request.POST or None, request.FILES or None, initial=initial)
    if not current.logo:
        del form.fields["remove_logo"]
    if request.method == "POST" and form.is_valid():
        values = {field: form.cleaned_data[field] for field in kop.FIELDS}
        try:
            kop.letterhead_save(
                request.user,
                office,
                logo=form.cleaned_data["logo"],
                remove_logo=form.cleaned_data.get("remove_logo", False),
                **values,
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(request, _("Kop surat disimpan."))
            return redirect(f"{reverse('insights:letterhead')}?kantor={office.pk}")
    return render(
        request,
        "insights/letterhead/edit.html",
        {"office": office, "offices": offices, "form": form, "letterhead": current},
    )


@login_required
@require_GET
def letterhead_logo(request):
    """The office's current logo, shown on the settings page (media is not served publicly)."""
    office, _offices = _office(request)
    current = kop.letterhead_of(office)
    if not current.logo:
        raise Http404
    return FileResponse(current.logo.open("rb"))
