"""An office's letterhead (kop surat) and signing officer: the rules, the one service that saves
them, and the form that shapes the settings page's input.

The rules are plain functions returning a problem code; the form and the service both call them
and word the problem the same way.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from sinergi.accounts.models import Letterhead, Organization
from sinergi.accounts.selectors import letterhead_of
from sinergi.core.audit import audit_record
from sinergi.insights import access

NIP_LENGTH = 18
LOGO_MAX_BYTES = 1024 * 1024
LOGO_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}
FIELDS = (
    "government",
    "office_name",
    "address",
    "contact",
    "city",
    "signer_title",
    "signer_name",
    "signer_nip",
)

PROBLEMS = {
    "nip_length": _("NIP terdiri atas 18 angka."),
    "logo_too_large": _("Berkas logo paling besar 1 MB."),
    "logo_not_image": _("Logo harus berupa gambar PNG atau JPEG."),
}


def nip_problem(value: str) -> str | None:
    """A civil servant's NIP (Nomor Induk Pegawai) is 18 digits; empty means not filled in yet."""
    value = (value or "").strip()
    if not value:
        return None
    if len(value) != NIP_LENGTH or not value.isascii() or not value.isdigit():
        return "nip_length"
    return None


def logo_problem(upload) -> str | None:
    """A logo is a PNG or JPEG image of at most `LOGO_MAX_BYTES`, checked by reading the image
    itself, not by trusting its name or the browser's content type."""
    if upload is None:
        return None
    if upload.size > LOGO_MAX_BYTES:
        return "logo_too_large"
    from PIL import Image

    try:
        upload.seek(0)
        with Image.open(upload) as image:
            kind = image.format
            image.verify()
    except Exception:  # Pillow raises many kinds of errors for a file that is not an image
        return "logo_not_image"
    finally:
        upload.seek(0)
    if kind not in LOGO_FORMATS:
        return "logo_not_image"
    return None


may_edit_letterhead = access.may_edit_letterhead


@transaction.atomic
def letterhead_save(
    actor, office: Organization, *, logo=None, remove_logo: bool = False, **values
) -> Letterhead:
    """Save an office's letterhead. `values` are the text fields (see `FIELDS`); `logo` a new
    uploaded image, `remove_logo` drops the current one."""
    if not may_edit_letterhead(actor, office):
        raise PermissionDenied
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown letterhead fields: {sorted(unknown)}")
    values = {key: (value or "").strip() for key, value in values.items()}
    errors = {}
    if "signer_nip" in values and (code := nip_problem(values["signer_nip"])):
        errors["signer_nip"] = PROBLEMS[code]
    if logo is not None and (code := logo_problem(logo)):
        errors["logo"] = PROBLEMS[code]
    if errors:
        raise ValidationError(errors)
    letterhead = letterhead_of(office)
    before = {key: getattr(letterhead, key) for key in FIELDS} | {"logo": bool(letterhead.logo)}
    for key, value in values.items():
        setattr(letterhead, key, value)
    if remove_logo and letterhead.logo:
        letterhead.logo.delete(save=False)
        letterhead.logo = ""
    if logo is not None:
        suffix = "png" if LOGO_FORMATS.get(_image_format(logo)) == "image/png" else "jpg"
        letterhead.logo.save(f"kop-{office.pk}.{suffix}", logo, save=False)
    letterhead.full_clean(exclude=["office", "logo"])
    letterhead.save()
    after = {key: getattr(letterhead, key) for key in FIELDS} | {"logo": bool(letterhead.logo)}
    changed_before = {k: v for k, v in before.items() if after[k] != v or (k == "logo" and logo is not None)}
    changed_after = {k: after[k] for k in changed_before}
    if changed_before or logo is not None:
        audit_record(
            actor=actor,
            action="letterhead.save",
            obj=letterhead,
            before=changed_before,
            after=changed_after,
            region_code=office.jurisdiction_id or "",
            organization_id=office.pk,
        )
    return letterhead


def _image_format(upload) -> str | None:
    from PIL import Image

    upload.seek(0)
    try:
        with Image.open(upload) as image:
            return image.format
    finally:
        upload.seek(0)


class LetterheadForm(forms.Form):
    """Shapes the settings page's input; the rules are the service's."""

    government = forms.CharField(
        label=_("Pemerintah daerah"),
        max_length=150,
        required=False,
        help_text=_("Misalnya: Pemerintah Kabupaten Bogor"),
    )
    office_name = forms.CharField(label=_("Nama dinas"), max_length=200, required=False)
    address = forms.CharField(label=_("Alamat"), max_length=300, required=False)
    contact = forms.CharField(label=_("Telepon, e-mail, laman"), max_length=200, required=False)
    city = forms.CharField(
        label=_("Kota tempat penandatanganan"),
        max_length=100,
        required=False,
        help_text=_("Ditulis di atas tanda tangan, misalnya: Cibinong"),
    )
    signer_title = forms.CharField(label=_("Jabatan penanda tangan"), max_length=150, required=False)
    signer_name = forms.CharField(label=_("Nama penanda tangan"), max_length=150, required=False)
    signer_nip = forms.CharField(
        label=_("NIP penanda tangan"),
        max_length=30,
        required=False,
        help_text=_("18 angka, tanpa spasi."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("Gambar PNG atau JPEG, paling besar 1 MB."),
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    remove_logo = forms.BooleanField(label=_("Hapus logo yang sekarang"), required=False)

    def clean_signer_nip(self):
        value = self.cleaned_data["signer_nip"].strip()
        if code := nip_problem(value):
            raise ValidationError(PROBLEMS[code], code=code)
        return value

    def clean_logo(self):
        upload = self.cleaned_data.get("logo")
        if upload and (code := logo_problem(upload)):
            raise ValidationError(PROBLEMS[code], code=code)
        return upload or None
