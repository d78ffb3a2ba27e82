"""Klinik konsultasi (coaching clinic): programmes with targets, experts and their teams, the
catalogue of problems ("penyakit"), and the cases that run from intake to a measured outcome.

A case's region is the participant's, copied at enrolment, so every scoped read is a region-code
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


class Area(models.TextChoices):
    FINANCE = "finance", _("Keuangan")
    MANAGEMENT = "management", _("Manajemen")
    MARKETING = "marketing", _("Pemasaran")
    PRODUCTION = "production", _("Produksi")
    LEGAL = "legal", _("Legalitas")
    HR = "hr", _("SDM")
    TECHNOLOGY = "technology", _("Teknologi")


class ExpertKind(models.TextChoices):
    ACADEMIC = "academic", _("Akademisi")
    PRACTITIONER = "practitioner", _("Praktisi")
    BANKER = "banker", _("Bankir")
    OFFICER = "officer", _("Petugas dinas")


class Severity(models.IntegerChoices):
    MILD = 1, _("Ringan")
    MODERATE = 2, _("Sedang")
    SEVERE = 3, _("Berat")


class Programme(TimeStamped):
    """Program klinik konsultasi: one office's clinic for one year, with its targets and its
    meaning of a "good" outcome (the default follows the Kota Bogor clinic: Sehat or Cukup Sehat, or
    one predicate better, with the RAT up to date; a UMKM reaching its action plan's goal)."""

    office = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="clinic_programmes")
    # The office's jurisdiction, copied: programmes are scoped like everything else.
    region_code = models.CharField(_("kode wilayah"), max_length=13)
    year = models.PositiveSmallIntegerField(_("tahun"))
    name = models.CharField(_("nama program"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("tahun mulai"))
    horizon_years = models.PositiveSmallIntegerField(_("jangka waktu (tahun)"), default=5)
    target_participants = models.PositiveIntegerField(_("target peserta per tahun"), default=30)
    target_good = models.PositiveIntegerField(_("target berakhir baik"), default=10)
    # "Good" for a cooperative: a sound predicate, or this many predicates better than at intake.
    good_predicate_steps = models.PositiveSmallIntegerField(
        _("kenaikan predikat yang dihitung baik"), default=1
    )
    good_requires_rat = models.BooleanField(_("RAT harus tepat waktu"), default=True)
    # "Good" for a UMKM whose goal is sales: sales up by at least this percentage.
    good_sales_growth_pct = models.DecimalField(
        _("kenaikan omzet minimal (%)"), max_digits=6, decimal_places=2, default=Decimal("10")
    )

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("program klinik")
        verbose_name_plural = _("program klinik")
        constraints = [
            models.UniqueConstraint(fields=["office", "year"], name="clinic_programme_office_year")
        ]
        indexes = [
            # The programme list of a jurisdiction.
            models.Index(fields=["region_code", "year"], name="clinic_programme_region"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def programme_year(self) -> int:
        """Which year of the programme's horizon this is (1 for the first)."""
        return self.year - self.start_year + 1


class Expert(TimeStamped):
    """Pakar klinik: an academic, practitioner, banker or officer who diagnoses cases, with their
    areas of expertise. Registered by an office, which assigns them to cases of its jurisdiction."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinic_expert"
    )
    office = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="clinic_experts")
    region_code = models.CharField(_("kode wilayah"), max_length=13)
    kind = models.CharField(_("jenis pakar"), max_length=14, choices=ExpertKind.choices)
    # Area codes (`Area`), a short list.
    areas = models.JSONField(_("bidang keahlian"), default=list, blank=True)
    affiliation = models.CharField(_("lembaga asal"), max_length=200, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["user__full_name"]
        verbose_name = _("pakar klinik")
        verbose_name_plural = _("pakar klinik")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def area_labels(self) -> list[str]:
        return [str(Area(code).label) for code in self.areas if code in Area.values]


class Problem(TimeStamped):
    """Penyakit: a problem in the office's catalogue, with its code, area and severity."""

    office = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="clinic_problems")
    region_code = models.CharField(_("kode wilayah"), max_length=13)
    code = models.CharField(_("kode"), max_length=20)
    name = models.CharField(_("nama"), max_length=200)
    area = models.CharField(_("bidang"), max_length=12, choices=Area.choices)
    severity = models.PositiveSmallIntegerField(_("tingkat keparahan"), choices=Severity.choices)
    description = models.TextField(_("keterangan"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("penyakit")
        verbose_name_plural = _("katalog penyakit")
        constraints = [models.UniqueConstraint(fields=["office", "code"], name="clinic_problem_office_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Stage(models.TextChoices):
    REQUESTED = "requested", _("Diminta peserta")
    ENROLLED = "enrolled", _("Terdaftar")
    DIAGNOSIS = "diagnosis", _("Diagnosis tim")
    PLAN = "plan", _("Diagnosis disepakati")
    FOLLOW_UP = "follow_up", _("Pendampingan")
    CLOSED = "closed", _("Selesai")


class Source(models.TextChoices):
    EARLY_WARNING = "early_warning", _("Daftar peringatan dini")
    REGISTRY = "registry", _("Pencarian registri")
    REQUEST = "request", _("Permintaan peserta")


class Result(models.TextChoices):
    IMPROVED = "improved", _("Membaik")
    UNCHANGED = "unchanged", _("Tetap")
    WORSE = "worse", _("Memburuk")


class GoalKind(models.TextChoices):
    """The measurable goal of a UMKM's action plan."""

    SALES = "sales", _("Kenaikan omzet")
    LEGALITY = "legality", _("Memperoleh legalitas (NIB)")


class Case(TimeStamped):
    """Kasus klinik: one participant (koperasi or UMKM) in one programme, from intake to outcome.

    `baseline` keeps the facts at enrolment (predicate, score, RAT, members, sales, NIB) that the
    outcome is measured against; `evidence` the early-warning signals it was enrolled with.
    """

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="cases")
    participant = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="clinic_cases")
    region_code = models.CharField(_("kode wilayah"), max_length=13)
    stage = models.CharField(_("tahap"), max_length=12, choices=Stage.choices, default=Stage.ENROLLED)
    source = models.CharField(_("jalur masuk"), max_length=14, choices=Source.choices)
    requested_at = models.DateTimeField(_("diminta"), null=True, blank=True)
    request_note = models.TextField(_("alasan permintaan"), blank=True)
    enrolled_on = models.DateField(_("tanggal terdaftar"), null=True, blank=True)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    evidence = models.JSONField(_("sinyal saat masuk"), default=list, blank=True)
    baseline = models.JSONField(_("data awal"), default=dict, blank=True)
    # Intake questionnaire: area code → {"felt": bool, "note": str}.
    intake = models.JSONField(_("kuesioner masalah"), default=dict, blank=True)
    intake_at = models.DateTimeField(_("kuesioner diisi"), null=True, blank=True)
    team = models.ManyToManyField(Expert, blank=True, related_name="cases", verbose_name=_("tim diagnosis"))
    agreed_problems = models.ManyToManyField(
        Problem, blank=True, related_name="+", verbose_name=_("diagnosis yang disepakati")
    )
    diagnosis_note = models.TextField(_("ringkasan diagnosis"), blank=True)
    agreed_at = models.DateTimeField(_("diagnosis disepakati"), null=True, blank=True)
    goal_kind = models.CharField(_("sasaran terukur"), max_length=10, choices=GoalKind.choices, blank=True)
    goal_sales_pct = models.DecimalField(
        _("target kenaikan omzet (%)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    result = models.CharField(_("hasil"), max_length=10, choices=Result.choices, blank=True)
    good = models.BooleanField(_("berakhir baik"), null=True, blank=True)
    outcome = models.JSONField(_("data akhir"), default=dict, blank=True)
    outcome_note = models.TextField(_("catatan hasil"), blank=True)
    closed_on = models.DateField(_("tanggal selesai"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("kasus klinik")
        verbose_name_plural = _("kasus klinik")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "participant"], name="clinic_case_one_per_programme"
            ),
        ]
        indexes = [
            # Cases of a jurisdiction, by stage.
            models.Index(fields=["region_code", "stage"], name="clinic_case_region_stage"),
        ]

    def __str__(self) -> str:
        return f"{self.participant} — {self.programme}"

    @property
    def is_closed(self) -> bool:
        return self.stage == Stage.CLOSED


class PreDiagnosis(models.Model):
    """Pra-diagnosis: a problem found automatically in Sinergi's data, with its evidence link."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="prediagnosis")
    kind = models.CharField(max_length=30)
    area = models.CharField(_("bidang"), max_length=12, choices=Area.choices)
    # The values that show the problem; `label`, `detail` and `evidence_label` put them into words
    # in the reader's language (`clinic.findings`).
    params = models.JSONField(_("nilai temuan"), default=dict, blank=True)
    evidence_url = models.CharField(_("tautan bukti"), max_length=300, blank=True)
    found_at = models.DateTimeField(_("ditemukan"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("pra-diagnosis")
        verbose_name_plural = _("pra-diagnosis")

    def __str__(self) -> str:
        return self.label

    def _words(self) -> tuple[str, str, str]:
        from sinergi.clinic.findings import describe

        return describe(self.kind, self.params or {})

    @property
    def label(self) -> str:
        return self._words()[0]

    @property
    def detail(self) -> str:
        return self._words()[1]

    @property
    def evidence_label(self) -> str:
        return self._words()[2]


class Rating(TimeStamped):
    """Penilaian pakar: one team member's independent diagnosis of a case — the problems they see,
    how serious the case is overall, and their comment. Hidden from the other raters until the
    team agrees the diagnosis."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="ratings")
    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="ratings")
    problems = models.ManyToManyField(Problem, blank=True, related_name="+", verbose_name=_("penyakit"))
    severity = models.PositiveSmallIntegerField(_("tingkat masalah"), choices=Severity.choices)
    comment = models.TextField(_("komentar"), blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("penilaian pakar")
        verbose_name_plural = _("penilaian pakar")
        constraints = [models.UniqueConstraint(fields=["case", "expert"], name="clinic_rating_once")]

    def __str__(self) -> str:
        return f"{self.expert}: {self.case}"


class RecommendationKind(models.TextChoices):
    MENTORING = "mentoring", _("Pendampingan")
    CAPITAL = "capital", _("Akses permodalan")
    MOTIVATION = "motivation", _("Motivasi dari praktisi sukses")
    TRAINING = "training", _("Pelatihan")
    MARKET = "market", _("Akses pasar")
    LEGALITY = "legality", _("Legalitas")
    RESTRUCTURING = "restructuring", _("Restrukturisasi")


class Responsible(models.TextChoices):
    OFFICER = "officer", _("Petugas dinas")
    EXPERT = "expert", _("Pakar")
    BANK = "bank", _("Bank")
    PARTNER = "partner", _("Organisasi mitra")


class RecommendationStatus(models.TextChoices):
    PLANNED = "planned", _("Direncanakan")
    IN_PROGRESS = "in_progress", _("Berjalan")
    DONE = "done", _("Selesai")
    CANCELLED = "cancelled", _("Dibatalkan")


class Recommendation(TimeStamped):
    """Rekomendasi: one action of the case's plan, who carries it, by when, and where it leads (a
    bank, an outlet, a buying network's organisation)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="recommendations")
    kind = models.CharField(_("jenis"), max_length=14, choices=RecommendationKind.choices)
    description = models.TextField(_("uraian"))
    responsible = models.CharField(_("penanggung jawab"), max_length=10, choices=Responsible.choices)
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clinic_recommendations",
        verbose_name=_("petugas atau pakar"),
    )
    responsible_org = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="clinic_recommendations",
        verbose_name=_("bank atau mitra"),
    )
    target_org = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="clinic_referrals",
        verbose_name=_("tujuan (bank, gerai, jaringan)"),
    )
    # A training recommendation points at the event where it is given; attending it counts as done.
    target_event = models.ForeignKey(
        "events.Event",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clinic_recommendations",
        verbose_name=_("kegiatan pelatihan"),
    )
    due_on = models.DateField(_("batas waktu"))
    status = models.CharField(
        _("status"), max_length=12, choices=RecommendationStatus.choices, default=RecommendationStatus.PLANNED
    )
    done_on = models.DateField(_("tanggal selesai"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("rekomendasi")
        verbose_name_plural = _("rekomendasi")
        indexes = [
            # The daily reminder: open recommendations by due date.
            models.Index(fields=["status", "due_on"], name="clinic_reco_status_due"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.case.participant}"

    @property
    def is_open(self) -> bool:
        return self.status in (RecommendationStatus.PLANNED, RecommendationStatus.IN_PROGRESS)


class Visit(TimeStamped):
    """Kunjungan pendampingan: a scheduled follow-up visit, and its notes once made."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="visits")
    planned_on = models.DateField(_("tanggal rencana"))
    visited_on = models.DateField(_("tanggal kunjungan"), null=True, blank=True)
    purpose = models.CharField(_("tujuan kunjungan"), max_length=300)
    notes = models.TextField(_("catatan"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["planned_on", "pk"]
        verbose_name = _("kunjungan")
        verbose_name_plural = _("kunjungan")
        indexes = [
            # The daily reminder: visits not yet made, by date.
            models.Index(fields=["visited_on", "planned_on"], name="clinic_visit_due"),
        ]

    def __str__(self) -> str:
        return f"{self.case.participant} {self.planned_on:%d-%m-%Y}"


class VisitAttachment(models.Model):
    """Lampiran kunjungan: a photo or document from a visit."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("berkas"), upload_to="clinic/visits/%Y/%m/")
    name = models.CharField(_("nama berkas"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("ukuran"))
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class ReminderSent(models.Model):
    """That a due or overdue reminder went out for one item on one day (sent once per item a day)."""

    item = models.CharField(max_length=40)  # "recommendation:12", "visit:5"
    day = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "day"], name="clinic_reminder_once_a_day")]

    def __str__(self) -> str:
        return f"{self.item} {self.day}"


class CaseTally(TallyPlace):
    """Rekap klinik: clinic cases per village, programme year, kind of participant, stage, result
    and whether the outcome was good. Kept by every clinic write in the same transaction
    (`clinic.tallies`); the insights panel sums it over any region."""

    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=12)
    stage = models.CharField(max_length=12)
    result = models.CharField(max_length=10)
    good = models.BooleanField()
    count = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("rekap klinik")
        verbose_name_plural = _("rekap klinik")
        constraints = [
            models.UniqueConstraint(
                fields=["region_code", "layer", "year", "kind", "stage", "result", "good"],
                name="clinic_case_tally_key",
            ),
        ]
        indexes = [
            # Drill-down reads: a regency's kecamatan, a kecamatan's villages.
            models.Index(fields=["layer", "regency_code", "district_code"], name="clinic_tally_reg_l"),
            models.Index(fields=["layer", "district_code", "region_code"], name="clinic_tally_dist_l"),
        ]

    def __str__(self) -> str:
        return f"{self.region_code} {self.year} {self.kind} {self.stage} {self.result}: {self.count}"
