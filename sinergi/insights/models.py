"""What insights owns: what it derives from the slices' tallies, never the tallies themselves.

- `Snapshot`: one month's figures of one place, taken by `sinergi insights_snapshot`, for trends
  and for the yearly open statistics.
- `Letterhead`: an office's letterhead and signing officer, printed on its recap reports.
- `RecapReport`: a monthly recap generated for an office (PDF and XLSX), kept to download again.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sinergi.accounts.models import Organization
from sinergi.core.models import Job


class Snapshot(models.Model):
    """The figures of one place (province, regency or kecamatan code) at the end of one month."""

    month = models.DateField(_("bulan"), help_text=_("Hari pertama bulan itu."))
    region_code = models.CharField(_("kode wilayah"), max_length=13)
    # indicator key → number (Decimal amounts as strings), as `insights.dashboard` names them
    figures = models.JSONField(_("angka"), default=dict)
    taken_at = models.DateTimeField(_("diambil pada"), auto_now=True)

    class Meta:
        verbose_name = _("potret bulanan")
        verbose_name_plural = _("potret bulanan")
        constraints = [models.UniqueConstraint(fields=["month", "region_code"], name="snapshot_month_region")]
        indexes = [models.Index(fields=["region_code", "month"], name="snapshot_region_month")]

    def __str__(self):
        return f"{self.region_code} {self.month:%Y-%m}"


class Letterhead(models.Model):
    """An office's letterhead and the officer who signs its recap reports."""

    office = models.OneToOneField(Organization, on_delete=models.CASCADE, primary_key=True, related_name="+")
    logo = models.ImageField(_("logo"), upload_to="kop/", blank=True)
    government = models.CharField(
        _("pemerintah daerah"), max_length=150, blank=True, help_text=_("Misalnya: Pemerintah Kabupaten Bogor")
    )
    office_name = models.CharField(_("nama dinas"), max_length=200, blank=True)
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    contact = models.CharField(_("telepon, e-mail, laman"), max_length=200, blank=True)
    city = models.CharField(_("kota tempat penandatanganan"), max_length=100, blank=True)
    signer_title = models.CharField(_("jabatan penanda tangan"), max_length=150, blank=True)
    signer_name = models.CharField(_("nama penanda tangan"), max_length=150, blank=True)
    signer_nip = models.CharField(_("NIP penanda tangan"), max_length=18, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kop surat")
        verbose_name_plural = _("kop surat")

    def __str__(self):
        return self.office_name or str(self.office_id)


class RecapReport(models.Model):
    """The monthly recap of a place for an office: a PDF for the head of office and an XLSX."""

    office = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    region_code = models.CharField(_("kode wilayah"), max_length=13)
    month = models.DateField(_("bulan"))
    job = models.ForeignKey(Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    pdf = models.FileField(_("PDF"), upload_to="rekap/%Y/%m/", blank=True)
    xlsx = models.FileField(_("XLSX"), upload_to="rekap/%Y/%m/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rekap bulanan")
        verbose_name_plural = _("rekap bulanan")
        ordering = ["-month", "-created_at"]
        indexes = [models.Index(fields=["office", "month"], name="recap_office_month")]

    def __str__(self):
        return f"{self.region_code} {self.month:%Y-%m}"
