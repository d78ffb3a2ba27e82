"""Forms only shape input; the rules live in accounts.services."""

import datetime as dt

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sinergi.accounts.models import ROLES_BY_KIND, OrganizationKind, Role
from sinergi.core.forms import IsoDateInput
from sinergi.regions.widgets import RegionField


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )
    password = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _("Email atau kata sandi salah."),
        "inactive": _("Akun ini tidak aktif."),
    }


class RegisterForm(forms.Form):
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    email = forms.EmailField(label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = forms.CharField(
        label=_("Nomor WhatsApp"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    password = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minimal 10 karakter, jangan hanya angka."),
    )
    consent = forms.BooleanField(
        label=_(
            "Saya telah membaca pemberitahuan privasi dan setuju data saya diproses untuk layanan Sinergi."
        ),
        required=False,
    )


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    password = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minimal 10 karakter, jangan hanya angka."),
    )
    consent = forms.BooleanField(
        label=_(
            "Saya telah membaca pemberitahuan privasi dan setuju data saya diproses untuk layanan Sinergi."
        ),
        required=False,
    )


class ClaimForm(forms.Form):
    organization = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Nama usaha"), max_length=200, required=False)
    region = RegionField(label=_("Lokasi usaha"), required=False, min_level=3)
    address = forms.CharField(label=_("Alamat usaha"), max_length=300, required=False)
    evidence = forms.CharField(
        label=_("Keterangan untuk petugas"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Misalnya NIB, nomor izin, atau siapa yang bisa mengonfirmasi."),
    )


class OrganizationForm(forms.Form):
    # Cooperatives and businesses are registered with their profiles in the registry.
    kind = forms.ChoiceField(
        label=_("Jenis"),
        choices=[(v, label) for v, label in OrganizationKind.choices if v not in ("cooperative", "umkm")],
        help_text=_("Koperasi dan UMKM didaftarkan lewat menu Koperasi dan UMKM."),
    )
    name = forms.CharField(label=_("Nama"), max_length=200)
    region = RegionField(label=_("Wilayah"), min_level=3)
    address = forms.CharField(label=_("Alamat"), max_length=300, required=False)
    phone = forms.CharField(
        label=_("Nomor WhatsApp"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}),
    )
    # Shaped only: the contact rules (accounts.rules) judge the address in the service, as they do
    # for the API and the registry (a browser's own check of type="email" would give another reason).
    email = forms.CharField(
        label=_("Email"), max_length=254, required=False, widget=forms.TextInput(attrs={"inputmode": "email"})
    )
    jurisdiction = RegionField(
        label=_("Wilayah kerja (khusus instansi pemerintah)"), required=False, min_level=1, depth=3
    )


class OrganizationEditForm(forms.Form):
    # No region: an organisation changes region only by a move (registry: pindah wilayah).
    name = forms.CharField(label=_("Nama"), max_length=200)
    address = forms.CharField(label=_("Alamat"), max_length=300, required=False)
    phone = forms.CharField(label=_("Nomor WhatsApp"), max_length=20, required=False)
    email = forms.CharField(
        label=_("Email"), max_length=254, required=False, widget=forms.TextInput(attrs={"inputmode": "email"})
    )


class InvitationForm(forms.Form):
    full_name = forms.CharField(label=_("Nama"), max_length=150, required=False)
    email = forms.CharField(
        label=_("Email"), max_length=254, widget=forms.TextInput(attrs={"inputmode": "email"})
    )
    phone = forms.CharField(
        label=_("Nomor WhatsApp"),
        max_length=20,
        required=False,
        help_text=_("Jika diisi, Anda mendapat tautan WhatsApp berisi undangan untuk dikirim."),
    )
    role = forms.ChoiceField(label=_("Peran"), choices=Role.choices)

    def __init__(self, *args, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organization is not None:
            allowed = ROLES_BY_KIND.get(organization.kind, frozenset())
            self.fields["role"].choices = [(v, label) for v, label in Role.choices if v in allowed]


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    phone = forms.CharField(label=_("Nomor WhatsApp"), max_length=20, required=False)


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Nama token"), max_length=100)
    expires_on = forms.DateField(
        label=_("Berlaku sampai"),
        required=False,
        widget=IsoDateInput,
        help_text=_("Opsional. Kosongkan agar token berlaku sampai dicabut."),
    )

    def clean(self):
        data = super().clean()
        # Valid through the chosen day: it stops at the next midnight, local time.
        day = data.get("expires_on")
        data["expires_at"] = None
        if day is not None and day < dt.date.max:
            data["expires_at"] = timezone.make_aware(
                dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min)
            )
        elif day is not None:
            data["expires_at"] = timezone.make_aware(dt.datetime.combine(day, dt.time.max))
        return data


class CorrectionForm(forms.Form):
    text = forms.CharField(label=_("Data yang perlu dikoreksi"), widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Setujui")), ("reject", _("Tolak"))])
    note = forms.CharField(label=_("Catatan"), required=False, max_length=500)
