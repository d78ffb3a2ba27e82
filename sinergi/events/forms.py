"""Forms of the events pages: they shape input; the rules are the services'."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sinergi.core.forms import IsoDateInput
from sinergi.events.models import Event, EventKind
from sinergi.regions.widgets import RegionField

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class EventForm(forms.Form):
    office = forms.ChoiceField(label=_("Dinas penyelenggara"))
    kind = forms.ChoiceField(label=_("Jenis kegiatan"), choices=[("", "—"), *EventKind.choices])
    title = forms.CharField(label=_("Judul"), max_length=200)
    date = forms.DateField(label=_("Tanggal"), widget=IsoDateInput())
    start_time = forms.TimeField(label=_("Jam mulai"), required=False, widget=TIME)
    end_time = forms.TimeField(label=_("Jam selesai"), required=False, widget=TIME)
    place = forms.CharField(label=_("Tempat"), max_length=300)
    region = RegionField(label=_("Wilayah"), min_level=2, depth=3)
    organizers = forms.CharField(
        label=_("Penyelenggara"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Satu nama per baris, misalnya dinas dan mitra penyelenggara."),
    )
    speakers = forms.CharField(
        label=_("Narasumber"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Satu nama per baris."),
    )
    description = forms.CharField(label=_("Uraian"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, offices=(), event: Event | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.offices = {str(o.pk): o for o in offices}
        if event is not None or len(self.offices) <= 1:
            # The organising office is chosen once; with one office there is nothing to choose.
            del self.fields["office"]
        else:
            self.fields["office"].choices = [(k, o.name) for k, o in self.offices.items()]
        root = None
        if event is not None:
            root = event.office.jurisdiction_id
        elif len(self.offices) == 1:
            root = next(iter(self.offices.values())).jurisdiction_id
        if root:
            self.fields["region"].widget.root = root

    @staticmethod
    def initial_for(event: Event) -> dict:
        return {
            "kind": event.kind,
            "title": event.title,
            "date": event.date,
            "start_time": event.start_time,
            "end_time": event.end_time,
            "place": event.place,
            "region": event.region_id,
            "organizers": event.organizers,
            "speakers": event.speakers,
            "description": event.description,
        }

    def chosen_office(self):
        if "office" in self.fields:
            return self.offices[self.cleaned_data["office"]]
        return next(iter(self.offices.values()))

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "title": data["title"],
            "date": data["date"],
            "start_time": data["start_time"],
            "end_time": data["end_time"],
            "place": data["place"],
            "region_id": data["region"],
            "organizers": data["organizers"],
            "speakers": data["speakers"],
            "description": data["description"],
        }


class RegistrationForm(forms.Form):
    organization = forms.ChoiceField(label=_("Organisasi peserta"))
    attendee_name = forms.CharField(label=_("Nama yang hadir"), max_length=200)
    attendee_position = forms.CharField(label=_("Jabatan"), max_length=100, required=False)

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organizations = {str(o.pk): o for o in organizations}
        self.fields["organization"].choices = [(k, o.name) for k, o in self.organizations.items()]

    def chosen(self):
        return self.organizations[self.cleaned_data["organization"]]


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan pembatalan"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Contoh: narasumber berhalangan; kegiatan dijadwalkan ulang."),
    )


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Judul materi"), max_length=200, required=False)
    file = forms.FileField(
        label=_("Berkas"),
        help_text=_("PDF, JPG, PNG, XLSX, DOCX, atau PPTX, paling besar 20 MB."),
    )
