"""Network forms: setting a network up, changing it, and one form per membership step."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sinergi.core.forms import IsoDateInput
from sinergi.registry.models import NetworkKind


class NetworkForm(forms.Form):
    name = forms.CharField(label=_("Nama jaringan"), max_length=150)
    kind = forms.ChoiceField(
        label=_("Jenis jaringan"), choices=NetworkKind.choices, initial=NetworkKind.BUYING
    )
    region = forms.ChoiceField(label=_("Wilayah"))
    lead = forms.TypedChoiceField(
        label=_("Organisasi pemimpin"),
        coerce=int,
        help_text=_("Untuk jaringan belanja bareng: koordinator yang menjalankan putaran."),
    )
    purpose = forms.CharField(label=pgettext_lazy("purpose", "Tujuan"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, regions=(), leads=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [(r.code, r.path) for r in regions]
        self.fields["lead"].choices = [(o.pk, f"{o.name} ({o.get_kind_display()})") for o in leads]


class NetworkEditForm(NetworkForm):
    is_active = forms.BooleanField(label=_("Aktif"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["region"]
        del self.fields["kind"]


class MembershipForm(forms.Form):
    """Admit or record a pledge: an organisation from the candidates and the day it happened."""

    organization = forms.TypedChoiceField(label=_("Organisasi"), coerce=int)
    on = forms.DateField(label=_("Tanggal"), widget=IsoDateInput)

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [
            (o.pk, f"{o.name} — {o.get_kind_display()}, {o.region.name}") for o in organizations
        ]
        self.fields["on"].initial = timezone.localdate()


class LeaveForm(forms.Form):
    """A member leaves (or a pledge is withdrawn) on a day."""

    on = forms.DateField(label=_("Tanggal keluar"), widget=IsoDateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()
