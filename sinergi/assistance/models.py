"""Bantuan warung: capital-goods aid programmes for small neighbourhood shops (the "Warung
Tetangga Kita" programme of Koperasi Sejahtera Bersama, Kota Bogor, 2019).

A programme (program bantuan) is run by a cooperative or by the Dinas, with a budget, an
application period, target regions and packages (paket bantuan: a display case, a freezer, starter
stock). Warung apply (permohonan); eligibility rules and a weighted selection decide who receives
what within the budget and the stock; each recipient's handover (serah terima) is proven by a
photo and a signature or a code; visits at 3, 6 and 12 months measure the outcome.

Every row carries the warung's or the programme's region code so each scoped read is a region
prefix test like the rest of Sinergi (DESIGN.md §6).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sinergi.accounts.models import Organization
from sinergi.core.models import TimeStamped
from sinergi.registry.models import TallyPlace

MONEY = {"max_digits": 18, "decimal_places": 0}


class Cycle(models.TextChoices):
    """The programme's cycle, in order: no step runs before the one it depends on (`rules`)."""

    OPEN = "open", _("Pendaftaran dibuka")
    CLOSED = "closed", _("Pendaftaran ditutup")
    SELECTED = "selected", _("Seleksi selesai")
    HANDED_OVER = "handed_over", _("Serah terima")
    MONITORED = "monitored", _("Pemantauan")
    FINISHED = "finished", _("Program ditutup")


class MaxScale(models.TextChoices):
    MIKRO = "mikro", _("Usaha mikro")
    KECIL = "kecil", _("Usaha mikro dan kecil")


class Criterion(models.TextChoices):
    """The fixed catalogue of selection criteria; each programme weighs them. Each value is 0–1:
    entered already normalised by the officer, or computed from the registry."""

    RETAIL_NEARBY = "retail_nearby", _("Dekat ritel modern")
    REVENUE_DROP = "revenue_drop", _("Penurunan omzet")
    DEPENDANTS = "dependants", _("Jumlah tanggungan")
    WOMAN_OWNER = "woman_owner", _("Pemilik perempuan")
    YEARS_OPERATING = "years_operating", _("Lama usaha")


# Criteria the service computes from the registry instead of asking for a value.
COMPUTED_CRITERIA = frozenset({Criterion.WOMAN_OWNER, Criterion.YEARS_OPERATING})


class Programme(TimeStamped):
    """Program bantuan warung: who runs it, its money, its period, where and to whom it gives."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="assistance_programmes",
        verbose_name=_("penyelenggara"),
    )
    # The cooperative's village or the office's jurisdiction, copied for scoped reads.
    region_code = models.CharField(_("kode wilayah"), max_length=13)
    name = models.CharField(_("nama program"), max_length=200)
    budget = models.DecimalField(_("anggaran (Rp)"), **MONEY)
    opens_on = models.DateField(_("pendaftaran dibuka"))
    closes_on = models.DateField(_("pendaftaran ditutup"))
    # Kemendagri code prefixes: a regency/city, a kecamatan or a village each.
    target_regions = models.JSONField(_("wilayah sasaran"), default=list)
    max_scale = models.CharField(
        _("skala usaha terbesar"), max_length=6, choices=MaxScale.choices, default="mikro"
    )
    min_months_operating = models.PositiveSmallIntegerField(_("lama usaha minimal (bulan)"), default=12)
    # 0 turns the rule off.
    aided_within_months = models.PositiveSmallIntegerField(_("belum dibantu dalam (bulan)"), default=24)
    check_nik = models.BooleanField(_("periksa NIK pemilik"), default=True)
    # Criterion code → weight as a decimal string.
    weights = models.JSONField(_("bobot kriteria"), default=dict)
    cycle = models.CharField(_("tahap"), max_length=12, choices=Cycle.choices, default=Cycle.OPEN)
    revolving_fund = models.BooleanField(_("dana bergulir"), default=False)
    amount_due = models.DecimalField(_("angsuran yang dikembalikan per penerima (Rp)"), default=0, **MONEY)
    supplier = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assistance_supplied",
        verbose_name=_("koperasi pemasok"),
    )
    grievance_days = models.PositiveSmallIntegerField(_("batas jawaban pengaduan (hari)"), default=14)
    selected_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opens_on", "name"]
        verbose_name = _("program bantuan warung")
        verbose_name_plural = _("program bantuan warung")
        indexes = [
            # The programme list of a jurisdiction.
            models.Index(fields=["region_code", "opens_on"], name="assist_programme_region"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def year(self) -> int:
        return self.opens_on.year

    def weight_of(self, criterion: str) -> Decimal:
        return Decimal(str(self.weights.get(criterion, "0")))


class Package(TimeStamped):
    """Paket bantuan: one kind of goods the programme gives, its unit cost and its stock."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="packages")
    name = models.CharField(_("nama paket"), max_length=150)
    unit_cost = models.DecimalField(_("harga satuan (Rp)"), **MONEY)
    stock = models.PositiveIntegerField(_("stok"))
    # The goods of one package, one per line ("Etalase kaca 1 m"): each is checked at every visit.
    items = models.TextField(_("barang dalam paket"), blank=True)

    class Meta:
        ordering = ["programme", "name"]
        verbose_name = _("paket bantuan")
        verbose_name_plural = _("paket bantuan")

    def __str__(self) -> str:
        return self.name

    @property
    def item_list(self) -> list[str]:
        return [line.strip() for line in self.items.splitlines() if line.strip()] or [self.name]


class Status(models.TextChoices):
    ELIGIBLE = "eligible", _("Memenuhi syarat")
    INELIGIBLE = "ineligible", _("Tidak memenuhi syarat")
    SELECTED = "selected", _("Terpilih")
    SKIPPED = "skipped", _("Tidak terpilih")
    HANDED_OVER = "handed_over", _("Sudah diserahkan")


class Application(TimeStamped):
    """Permohonan bantuan: a registered warung asks for one package of a programme."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="applications")
    business = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="assistance_applications",
        verbose_name=_("warung"),
    )
    package = models.ForeignKey(Package, on_delete=models.PROTECT, related_name="applications")
    region_code = models.CharField(_("kode wilayah"), max_length=13)
    # Copied from the registry at application: the duplicate checks compare these across programmes.
    owner_nik = models.CharField(_("NIK pemilik"), max_length=16, blank=True)
    address_key = models.CharField(max_length=300, blank=True)
    applied_at = models.DateTimeField(_("waktu permohonan"))
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_owner = models.BooleanField(_("diajukan pemilik"), default=False)
    # Criterion code → value 0–1 as a decimal string (entered and computed alike).
    criteria = models.JSONField(_("nilai kriteria"), default=dict)
    # The facts eligibility was judged on, kept so that re-running the selection gives the same
    # answer whatever changes in the registry afterwards.
    scale = models.CharField(_("skala usaha"), max_length=10, blank=True)
    months_operating = models.PositiveIntegerField(_("lama usaha (bulan)"), default=0)
    aided_recently = models.BooleanField(_("baru dibantu program lain"), default=False)
    nik_valid = models.BooleanField(_("NIK valid"), default=True)
    baseline_revenue = models.DecimalField(_("omzet sebulan saat mendaftar (Rp)"), **MONEY)
    photo = models.FileField(_("foto warung"), upload_to="assistance/shops/%Y/%m/", blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.ELIGIBLE)
    reasons = models.JSONField(_("alasan tidak memenuhi syarat"), default=list, blank=True)
    score = models.DecimalField(_("skor"), max_digits=12, decimal_places=6, null=True, blank=True)
    rank = models.PositiveIntegerField(_("peringkat"), null=True, blank=True)
    skip_reason = models.CharField(_("alasan tidak terpilih"), max_length=10, blank=True)
    override_note = models.TextField(_("catatan keputusan panitia"), blank=True)

    class Meta:
        ordering = ["programme", "rank", "applied_at", "pk"]
        verbose_name = _("permohonan bantuan")
        verbose_name_plural = _("permohonan bantuan")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "business"], name="assist_one_application_per_business"
            ),
        ]
        indexes = [
            # Scoped lists of applications in a region.
            models.Index(fields=["region_code"], name="assist_app_region"),
            # Duplicate checks across programmes.
            models.Index(fields=["owner_nik"], name="assist_app_nik"),
            models.Index(fields=["address_key"], name="assist_app_address"),
        ]

    def __str__(self) -> str:
        return f"{self.business} — {self.programme}"


class Confirmation(models.TextChoices):
    SIGNATURE = "signature", _("Tanda tangan di layar")
    CODE = "code", _("Kode lewat WhatsApp")


class Handover(TimeStamped):
    """Berita acara serah terima: the goods of one package given to one recipient, with proof."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="handovers")
    package = models.ForeignKey(Package, on_delete=models.PROTECT, related_name="handovers")
    region_code = models.CharField(_("kode wilayah"), max_length=13)
    handed_on = models.DateField(_("tanggal serah terima"))
    items = models.TextField(_("barang yang diserahkan"))
    serial_numbers = models.TextField(_("nomor seri"), blank=True)
    photo = models.FileField(_("foto serah terima"), upload_to="assistance/handovers/%Y/%m/", blank=True)
    latitude = models.DecimalField(_("lintang"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("bujur"), max_digits=9, decimal_places=6, null=True, blank=True)
    address = models.CharField(_("alamat serah terima"), max_length=300)
    confirmation = models.CharField(_("konfirmasi penerima"), max_length=10, choices=Confirmation.choices)
    signature = models.FileField(_("tanda tangan"), upload_to="assistance/signatures/%Y/%m/", blank=True)
    code_hash = models.CharField(max_length=128, blank=True)
    confirmed_at = models.DateTimeField(_("dikonfirmasi"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-handed_on", "pk"]
        verbose_name = _("serah terima")
        verbose_name_plural = _("serah terima")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "package"], name="assist_one_handover_per_package"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.package} → {self.application.business}"


class Visit(TimeStamped):
    """Kunjungan pemantauan at 3, 6 or 12 months after the handover."""

    handover = models.ForeignKey(Handover, on_delete=models.CASCADE, related_name="visits")
    region_code = models.CharField(_("kode wilayah"), max_length=13)
    month = models.PositiveSmallIntegerField(_("bulan ke"))
    due_on = models.DateField(_("jadwal"))
    visited_on = models.DateField(_("tanggal kunjungan"), null=True, blank=True)
    revenue = models.DecimalField(_("omzet sebulan (Rp)"), null=True, blank=True, **MONEY)
    # How many times a month the stock is sold through and bought again.
    stock_turnover = models.DecimalField(
        _("perputaran stok (kali sebulan)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    operating = models.BooleanField(_("warung masih buka"), null=True)
    # Item name → in use (true/false), one per item of the package.
    goods_in_use = models.JSONField(_("barang dipakai"), default=dict, blank=True)
    photo = models.FileField(_("foto kunjungan"), upload_to="assistance/visits/%Y/%m/", blank=True)
    notes = models.TextField(_("catatan"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["handover", "month"]
        verbose_name = _("kunjungan pemantauan")
        verbose_name_plural = _("kunjungan pemantauan")
        constraints = [
            models.UniqueConstraint(fields=["handover", "month"], name="assist_one_visit_per_month")
        ]

    def __str__(self) -> str:
        return f"{self.handover.application.business} +{self.month}"


class Repayment(TimeStamped):
    """Angsuran dana bergulir: a recipient's repayment to a revolving-fund programme."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="repayments")
    paid_on = models.DateField(_("tanggal bayar"))
    amount = models.DecimalField(_("jumlah (Rp)"), **MONEY)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["paid_on", "pk"]
        verbose_name = _("angsuran")
        verbose_name_plural = _("angsuran")


class GrievanceKind(models.TextChoices):
    COMPLAINT = "complaint", _("Pengaduan")
    APPEAL = "appeal", _("Banding atas keputusan")


class GrievanceStatus(models.TextChoices):
    OPEN = "open", _("Menunggu jawaban")
    ESCALATED = "escalated", _("Dinaikkan ke admin dinas")
    ANSWERED = "answered", _("Sudah dijawab")


class Grievance(TimeStamped):
    """Pengaduan: an applicant's or recipient's complaint or appeal, answered by a deadline; past
    the deadline it is raised to the office's admins (`assistance_daily`)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="grievances")
    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="grievances"
    )
    region_code = models.CharField(_("kode wilayah"), max_length=13)
    kind = models.CharField(_("jenis"), max_length=10, choices=GrievanceKind.choices)
    text = models.TextField(_("isi pengaduan"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filed_on = models.DateField(_("tanggal"))
    due_on = models.DateField(_("batas jawaban"))
    status = models.CharField(_("status"), max_length=10, choices=GrievanceStatus.choices, default="open")
    escalated_on = models.DateField(_("dinaikkan pada"), null=True, blank=True)
    answer = models.TextField(_("jawaban"), blank=True)
    answered_on = models.DateField(_("dijawab pada"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("pengaduan")
        verbose_name_plural = _("pengaduan")
        indexes = [
            # The daily escalation: open grievances past their deadline.
            models.Index(fields=["status", "due_on"], name="assist_grievance_due"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filed_on}"


class ApplicationTally(TallyPlace):
    """Rekap bantuan warung: applications per village of the warung, programme year and status.
    Kept by every assistance write in the same transaction (`assistance.tallies`)."""

    year = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=12)
    count = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("rekap bantuan warung")
        verbose_name_plural = _("rekap bantuan warung")
        constraints = [
            models.UniqueConstraint(
                fields=["region_code", "layer", "year", "status"], name="assist_tally_key"
            ),
        ]
        indexes = [
            # Drill-down reads: a regency's kecamatan, a kecamatan's villages.
            models.Index(fields=["layer", "regency_code", "district_code"], name="assist_tally_reg_l"),
            models.Index(fields=["layer", "district_code", "region_code"], name="assist_tally_dist_l"),
        ]
