"""Forms of the product pages: shape only; every rule is decided by the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sinergi.core.forms import IsoDateInput
from sinergi.market.models import Category, LegalityKind
from sinergi.registry.forms import MoneyField


class ProductForm(forms.Form):
    business = forms.TypedChoiceField(label=_("Usaha"), coerce=int, choices=())
    name = forms.CharField(label=_("Nama produk"), max_length=150)
    category = forms.ChoiceField(label=_("Kategori"), choices=[("", _("Pilih kategori"))] + Category.choices)
    description = forms.CharField(
        label=_("Deskripsi"), required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )
    unit = forms.CharField(
        label=_("Satuan"), max_length=30, help_text=_("Mis. bungkus 250 g, botol 330 ml, buah.")
    )
    price = MoneyField(label=_("Harga"), required=True)
    stock_note = forms.CharField(
        label=_("Keterangan stok"),
        required=False,
        max_length=200,
        help_text=_("Mis. pesan 2 hari sebelumnya."),
    )

    def __init__(self, *args, businesses=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        businesses = list(businesses or [])
        if editing or len(businesses) <= 1:
            del self.fields["business"]
        else:
            self.fields["business"].choices = [(b.pk, b.name) for b in businesses]


class PhotoForm(forms.Form):
    # No `accept` check on the server side here: the service decodes the bytes.
    photo = forms.FileField(
        label=_("Foto produk"),
        help_text=_("JPEG, PNG, atau WebP, paling besar 5 MB. Foto diperkecil otomatis."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )


class LegalityForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Jenis izin"), choices=[("", _("Pilih jenis izin"))] + LegalityKind.choices
    )
    number = forms.CharField(label=_("Nomor izin/sertifikat"), max_length=60)
    issued_on = forms.DateField(label=_("Tanggal terbit"), required=False, widget=IsoDateInput())
    expires_on = forms.DateField(
        label=_("Berlaku sampai"),
        required=False,
        widget=IsoDateInput(),
        help_text=_("Kosongkan untuk sertifikat halal yang berlaku selama produk tidak berubah."),
    )


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan untuk pemilik usaha"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )
