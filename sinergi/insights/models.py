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
