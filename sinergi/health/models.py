"""Health and supervision of cooperatives (kesehatan dan pengawasan koperasi).

Annual reports (laporan tahunan, the figures approved at the Rapat Anggota Tahunan) are entered by a
cooperative, verified by the Dinas and scored by the pure package `health/scoring/`; the result is
kept as an `Assessment`. Supervision adds proposals to mark inactive cooperatives and the procedure
of dissolution by the government (UU 25/1992 Pasal 47, PP 17/1994).

Reports and assessments are scoped through their cooperative's profile (`cooperative__region_code`):
the registry keeps the region code on the profile, so a cooperative that moves takes its history to
the office of its new region.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from psycopg.types.json import Jsonb

from sinergi.core.models import TimeStamped
from sinergi.registry.models import CooperativeProfile, CooperativeStatus, TallyPlace

AMOUNT = {"max_digits": 18, "decimal_places": 2, "null": True, "blank": True}


class QuestionGroup(models.TextChoices):
    """The five groups of the management questionnaire (aspect 3, components 3a–3e)."""

    UMUM = "umum", _("Manajemen umum")
    KELEMBAGAAN = "kelembagaan", _("Kelembagaan")
    PERMODALAN = "permodalan", _("Manajemen permodalan")
    AKTIVA = "aktiva", _("Manajemen aktiva")
    LIKUIDITAS = "likuiditas", _("Manajemen likuiditas")


class QuestionnaireVersion(models.Model):
    """Versi kuesioner manajemen: one wording of the 38 yes/no questions of aspect 3.

    Permen KUKM 14/2009 Tabel 9–13 (reused by Perdep 06/2016) fix the structure — 12, 6, 5, 10 and 5
    questions — but the official wording was not retrieved, so administrators may reword them. A
    change is a new version; old versions are kept, and every report points at the version it was
    answered against. Exactly one version is current.
    """

    code = models.CharField(_("versi"), max_length=20, unique=True)
    note = models.CharField(_("catatan perubahan"), max_length=300, blank=True)
    is_current = models.BooleanField(_("berlaku"), default=False)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("versi kuesioner manajemen")
        verbose_name_plural = _("versi kuesioner manajemen")
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="health_one_current_questionnaire",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class Question(models.Model):
    """Pertanyaan kuesioner manajemen: one yes/no question; `number` is its place in its group, which
    is the place of its answer in a report's `manajemen.<group>` list."""

    version = models.ForeignKey(QuestionnaireVersion, on_delete=models.CASCADE, related_name="questions")
    group = models.CharField(_("kelompok"), max_length=12, choices=QuestionGroup.choices)
    number = models.PositiveSmallIntegerField(_("nomor"))
    # 1–38 across the groups, in the order the questionnaire is shown.
    position = models.PositiveSmallIntegerField()
    text = models.TextField(_("pertanyaan"))
    text_en = models.TextField(_("pertanyaan (Inggris)"), blank=True)

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("pertanyaan kuesioner")
        verbose_name_plural = _("pertanyaan kuesioner")
        constraints = [
            models.UniqueConstraint(fields=["version", "group", "number"], name="health_question_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.group}-{self.number:02d}"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Konsep")
    SUBMITTED = "submitted", _("Diajukan")
    RETURNED = "returned", _("Dikembalikan")
    VERIFIED = "verified", _("Terverifikasi")


class AnnualReport(TimeStamped):
    """Laporan tahunan koperasi: the figures of one financial year (tahun buku) approved at the Rapat
    Anggota Tahunan (RAT), in the input schema of the health assessment (`scoring.Report`).

    Every amount is Rupiah, `Decimal(18, 2)`, and null when not entered: missing data is not zero
    (reference.md Decision 6). A report is entered as a draft, submitted by the cooperative, then
    verified by the Dinas — which records the RAT date in the registry and scores the report — or
    returned with comments for correction. A submitted report cannot change until it is returned; a
    verified one never changes.
    """

    cooperative = models.ForeignKey(
        CooperativeProfile,
        on_delete=models.PROTECT,
        related_name="annual_reports",
        verbose_name=_("koperasi"),
    )
    year = models.PositiveSmallIntegerField(_("tahun buku"))
    rat_date = models.DateField(_("tanggal RAT"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    questionnaire = models.ForeignKey(
        QuestionnaireVersion,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("versi kuesioner"),
    )
    # {"umum": [true, false, null, …], …}: one answer per question in question order; null is
    # unanswered, which leaves the group's component not assessable rather than scored as "Tidak".
    manajemen = models.JSONField(_("jawaban kuesioner manajemen"), default=dict, blank=True)

    # Permodalan (capital)
    simpanan_pokok = models.DecimalField(_("simpanan pokok"), **AMOUNT)
    simpanan_wajib = models.DecimalField(_("simpanan wajib"), **AMOUNT)
    simpanan_lain_berkarakter_wajib = models.DecimalField(
        _("simpanan lain berkarakter simpanan wajib"), **AMOUNT
    )
    hibah = models.DecimalField(_("hibah"), **AMOUNT)
    cadangan = models.DecimalField(_("cadangan"), **AMOUNT)
    modal_penyertaan = models.DecimalField(_("modal penyertaan"), **AMOUNT)
    modal_sendiri = models.DecimalField(_("modal sendiri (bila dinyatakan langsung)"), **AMOUNT)
    modal_tertimbang = models.DecimalField(_("modal sendiri tertimbang"), **AMOUNT)
    atmr = models.DecimalField(_("aktiva tertimbang menurut risiko (ATMR)"), **AMOUNT)
    # Neraca (balance sheet)
    total_aset = models.DecimalField(_("total aset"), **AMOUNT)
    kas = models.DecimalField(_("kas"), **AMOUNT)
    bank = models.DecimalField(_("bank"), **AMOUNT)
    kewajiban_lancar = models.DecimalField(_("kewajiban lancar"), **AMOUNT)
    dana_diterima = models.DecimalField(_("dana yang diterima"), **AMOUNT)
    # Pinjaman (loans)
    pinjaman_diberikan = models.DecimalField(_("pinjaman yang diberikan"), **AMOUNT)
    pinjaman_berisiko = models.DecimalField(_("pinjaman yang berisiko"), **AMOUNT)
    volume_pinjaman = models.DecimalField(_("volume pinjaman"), **AMOUNT)
    volume_pinjaman_anggota = models.DecimalField(_("volume pinjaman pada anggota"), **AMOUNT)
    pinjaman_kurang_lancar = models.DecimalField(_("pinjaman kurang lancar"), **AMOUNT)
    pinjaman_diragukan = models.DecimalField(_("pinjaman diragukan"), **AMOUNT)
    pinjaman_macet = models.DecimalField(_("pinjaman macet"), **AMOUNT)
    cadangan_risiko = models.DecimalField(_("cadangan risiko"), **AMOUNT)
    # Perhitungan hasil usaha (income statement) and member participation
    partisipasi_bruto = models.DecimalField(_("partisipasi bruto"), **AMOUNT)
    partisipasi_neto = models.DecimalField(_("partisipasi neto"), **AMOUNT)
    beban_operasi_anggota = models.DecimalField(_("beban operasi anggota"), **AMOUNT)
    beban_usaha = models.DecimalField(_("beban usaha"), **AMOUNT)
    beban_perkoperasian = models.DecimalField(_("beban perkoperasian"), **AMOUNT)
    shu_kotor = models.DecimalField(_("SHU kotor"), **AMOUNT)
    shu_sebelum_pajak = models.DecimalField(_("SHU sebelum pajak"), **AMOUNT)
    shu_bagian_anggota = models.DecimalField(_("SHU bagian anggota"), **AMOUNT)
    biaya_karyawan = models.DecimalField(_("biaya karyawan"), **AMOUNT)
    pendapatan = models.DecimalField(_("pendapatan dari non-anggota"), **AMOUNT)
    pea = models.DecimalField(_("promosi ekonomi anggota (PEA)"), **AMOUNT)

    # Warnings of the entry checks at the last save (errors are refused, never stored).
    checks = models.JSONField(_("peringatan pemeriksaan"), default=list, blank=True)
    review_comment = models.TextField(_("catatan pemeriksa"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("diajukan"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("diperiksa"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-year", "cooperative_id"]
        verbose_name = _("laporan tahunan")
        verbose_name_plural = _("laporan tahunan")
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "year"], name="health_report_one_per_year"),
            models.CheckConstraint(
                condition=models.Q(year__gte=1945, year__lte=2200), name="health_report_year_range"
            ),
        ]
        indexes = [
            # Batch scoring: the verified reports of one year, read in primary-key chunks.
            models.Index(fields=["year", "status", "id"], name="health_report_year_status"),
            # The review queue and the cooperative's own list: by status, newest year first.
            models.Index(fields=["status", "-year"], name="health_report_status_year"),
        ]

    def __str__(self) -> str:
        return f"{self.cooperative} {self.year}"

    @property
    def editable(self) -> bool:
        return self.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)


class ReportAttachment(models.Model):
    """Lampiran laporan tahunan: a scanned or exported document backing the figures (the signed RAT
    minutes, the audited statements). PDF, JPEG, PNG or XLSX, size-limited."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("berkas"), upload_to="health/reports/%Y/%m/")
    name = models.CharField(_("nama berkas"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("ukuran"))
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("lampiran laporan")
        verbose_name_plural = _("lampiran laporan")

    def __str__(self) -> str:
        return self.name


class EncodedJSON(str):
    """A JSON document already encoded as text: batch scoring encodes what it stores in its worker
    processes, in parallel, so the database write must not encode it a second time."""


def _as_is(text: str) -> str:
    return text


class ResultJSONField(models.JSONField):
    """A JSONField that writes `EncodedJSON` text as it is and anything else as JSONField does."""

    def get_db_prep_value(self, value, connection, prepared=False):
        if isinstance(value, EncodedJSON):
            if connection.vendor == "postgresql":
                return Jsonb(value, dumps=_as_is)
            return str(value)
        return super().get_db_prep_value(value, connection, prepared)


class Assessment(TimeStamped):
    """Penilaian kesehatan koperasi: the score of one verified annual report under one rule set
    (Perdep 06/Per/Dep.6/IV/2016 by default, or Permen KUKM 14/2009).

    The row keeps what decides the assessment, not its explanation (`scoring/stored.py`): `inputs`
    (the report as scored, in the input schema, empty amounts left out), `rules` and `rules_version`
    (the rule set and the edition of its tables) and `scores` (the skor of every component, null when
    not assessable). The explanation of every number — inputs, ratio, band, nilai, bobot and skor,
    reference.md Decision 5 — is computed again from them by the pure engine when it is shown.
    `total` is the total as shown (2 decimals, half up); the predicate was banded on the unrounded
    sum (Decision 3) and is null while the assessment is incomplete (Decision 10). `official` is
    false for the indicative score of a cooperative without a savings-and-loan business
    (Decision 11). Scoring again (another rule set, `health_score`) replaces the row; the audit trail
    keeps what it was.
    """

    report = models.OneToOneField(AnnualReport, on_delete=models.CASCADE, related_name="assessment")
    cooperative = models.ForeignKey(CooperativeProfile, on_delete=models.CASCADE, related_name="assessments")
    year = models.PositiveSmallIntegerField(_("tahun buku"))
    rules = models.CharField(_("aturan penilaian"), max_length=30)
    official = models.BooleanField(_("resmi"), default=True)
    total = models.DecimalField(_("skor total"), max_digits=6, decimal_places=2)
    predicate = models.CharField(_("predikat"), max_length=30, null=True, blank=True)
    complete = models.BooleanField(_("lengkap"))
    rules_version = models.CharField(_("versi tabel aturan"), max_length=20)
    inputs = ResultJSONField(_("data yang dinilai"))
    scores = ResultJSONField(_("skor komponen"))
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["cooperative_id", "-year"]
        verbose_name = _("penilaian kesehatan")
        verbose_name_plural = _("penilaian kesehatan")
        indexes = [
            # The history of one cooperative (trend chart, pillars, early warning): newest year first.
            models.Index(fields=["cooperative", "-year"], name="health_assessment_coop_year"),
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.rules}: {self.total}"


class ProposalState(models.TextChoices):
    OPEN = "open", _("Menunggu keputusan")
    CONFIRMED = "confirmed", _("Dikonfirmasi")
    DISMISSED = "dismissed", _("Ditolak")


class StatusProposal(models.Model):
    """Usulan status tidak aktif: a cooperative without a RAT for N consecutive years
    (SINERGI_INACTIVE_AFTER_YEARS, reference.md Decision 8 and §4.3) is proposed for the status
    "tidak aktif". An officer confirms it — the registry then records the status change — or
    dismisses it with a reason. Inactivity does not end legal personality; dissolution is its own
    procedure (`DissolutionCase`).
    """

    cooperative = models.ForeignKey(
        CooperativeProfile, on_delete=models.CASCADE, related_name="status_proposals"
    )
    proposed_status = models.CharField(
        _("status yang diusulkan"),
        max_length=12,
        choices=CooperativeStatus.choices,
        default=CooperativeStatus.TIDAK_AKTIF,
    )
    reason = models.TextField(_("alasan"))
    # The last RAT the proposal was based on, as it stood then (null: never recorded).
    last_rat_date = models.DateField(_("RAT terakhir"), null=True, blank=True)
    state = models.CharField(_("keadaan"), max_length=10, choices=ProposalState.choices, default="open")
    created_at = models.DateTimeField(_("diusulkan"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.TextField(_("catatan keputusan"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("usulan status koperasi")
        verbose_name_plural = _("usulan status koperasi")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative"], condition=models.Q(state="open"), name="health_one_open_proposal"
            ),
        ]
        indexes = [models.Index(fields=["state", "-created_at"], name="health_proposal_state")]

    def __str__(self) -> str:
        return f"{self.cooperative} → {self.get_proposed_status_display()}"


class DissolutionGround(models.TextChoices):
    """Grounds for dissolution by the government: UU 25/1992 Pasal 47(1) as set out in PP 17/1994
    Pasal 3 (reference.md §4.3; the two-year ground is recorded there from memory)."""

    NON_COMPLIANCE = (
        "non_compliance",
        _("Tidak memenuhi ketentuan UU 25/1992 dan/atau tidak melaksanakan anggaran dasarnya"),
    )
    PUBLIC_ORDER = (
        "public_order",
        _(
            "Kegiatannya bertentangan dengan ketertiban umum dan/atau kesusilaan (putusan pengadilan "
            "berkekuatan hukum tetap)"
        ),
    )
    BANKRUPT = (
        "bankrupt",
        _(
            "Kelangsungan hidupnya tidak dapat diharapkan: dinyatakan pailit dengan putusan pengadilan "
            "berkekuatan hukum tetap"
        ),
    )
    NO_ACTIVITY = (
        "no_activity",
        _(
            "Kelangsungan hidupnya tidak dapat diharapkan: tidak melakukan kegiatan usaha secara nyata "
            "selama dua tahun berturut-turut sejak pengesahan akta pendirian"
        ),
    )


class CaseState(models.TextChoices):
    DRAFT = "draft", _("Rencana")
    NOTIFIED = "notified", _("Pemberitahuan dikirim")
    OBJECTED = "objected", _("Keberatan diajukan")
    OBJECTION_REJECTED = "objection_rejected", _("Keberatan ditolak")
    DISSOLVED = "dissolved", _("Dibubarkan")
    CANCELLED = "cancelled", _("Dibatalkan")


CLOSED_CASE_STATES = (CaseState.DISSOLVED, CaseState.CANCELLED)


class DissolutionCase(TimeStamped):
    """Pembubaran koperasi oleh Pemerintah (UU 25/1992 Pasal 46–47, PP 17/1994).

    The office notifies the cooperative of the plan to dissolve it and why; the cooperative may
    object within 2 months of receiving the notice; an objection is decided within 1 month of its
    receipt; the decision on the dissolution is due within 4 months of the cooperative receiving the
    notice (Pasal 47(2)–(4)). Every step is dated; `supervision.deadlines` derives the due dates
    from these dates, and the decision to dissolve sets the registry status "dibubarkan".
    """

    cooperative = models.ForeignKey(
        CooperativeProfile,
        on_delete=models.PROTECT,
        related_name="dissolution_cases",
        verbose_name=_("koperasi"),
    )
    state = models.CharField(_("tahap"), max_length=20, choices=CaseState.choices, default=CaseState.DRAFT)
    ground = models.CharField(_("alasan pembubaran"), max_length=20, choices=DissolutionGround.choices)
    facts = models.TextField(_("fakta dan bukti"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Pemberitahuan rencana pembubaran
    notice_number = models.CharField(_("nomor surat pemberitahuan"), max_length=100, blank=True)
    notice_date = models.DateField(_("tanggal surat pemberitahuan"), null=True, blank=True)
    notice_received_on = models.DateField(_("tanggal pemberitahuan diterima koperasi"), null=True, blank=True)
    notice_signatory = models.CharField(_("penanda tangan pemberitahuan"), max_length=200, blank=True)
    # Keberatan
    objection_received_on = models.DateField(_("tanggal keberatan diterima"), null=True, blank=True)
    objection_summary = models.TextField(_("ringkasan keberatan"), blank=True)
    objection_decided_on = models.DateField(_("tanggal keputusan atas keberatan"), null=True, blank=True)
    objection_accepted = models.BooleanField(_("keberatan diterima"), null=True, blank=True)
    objection_decision_number = models.CharField(
        _("nomor keputusan atas keberatan"), max_length=100, blank=True
    )
    objection_decision_reason = models.TextField(_("pertimbangan keputusan atas keberatan"), blank=True)
    # Keputusan
    decided_on = models.DateField(_("tanggal keputusan"), null=True, blank=True)
    decision_number = models.CharField(_("nomor keputusan"), max_length=100, blank=True)
    dissolved = models.BooleanField(_("dibubarkan"), null=True, blank=True)
    decision_reason = models.TextField(_("pertimbangan keputusan"), blank=True)
    decision_signatory = models.CharField(_("penanda tangan keputusan"), max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("perkara pembubaran koperasi")
        verbose_name_plural = _("perkara pembubaran koperasi")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative"],
                condition=~models.Q(state__in=["dissolved", "cancelled"]),
                name="health_one_open_dissolution",
            ),
        ]
        indexes = [models.Index(fields=["state", "-created_at"], name="health_case_state")]

    def __str__(self) -> str:
        return _("Pembubaran %(coop)s") % {"coop": self.cooperative}

    @property
    def closed(self) -> bool:
        return self.state in CLOSED_CASE_STATES


class AssessmentTally(TallyPlace):
    """Rekap penilaian: assessed cooperatives per village, financial year, predicate and whether the
    score is official or indicative.

    Kept by every health write in the same transaction (`health.tallies`); one assessment per
    cooperative and year (the report's). An incomplete assessment has predicate ''. Rows at zero are
    kept; `insights_verify` treats them as absent.
    """

    year = models.PositiveSmallIntegerField()
    predicate = models.CharField(max_length=30)
    official = models.BooleanField()
    count = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("rekap penilaian kesehatan")
        verbose_name_plural = _("rekap penilaian kesehatan")
        constraints = [
            models.UniqueConstraint(
                fields=["region_code", "layer", "year", "predicate", "official"],
                name="health_assess_tally_key",
            ),
        ]
        indexes = [
            models.Index(fields=["layer", "regency_code", "district_code"], name="health_assess_tally_reg_l"),
            models.Index(fields=["layer", "district_code", "region_code"], name="health_assess_tally_dist_l"),
        ]

    def __str__(self) -> str:
        return f"{self.region_code} {self.year} {self.predicate} {self.official}: {self.count}"


class ReportTally(TallyPlace):
    """Rekap laporan tahunan: reports per village and financial year by their present status, and
    the RAT held for that year (a verified report with its RAT date, as supervision reads it)."""

    year = models.PositiveSmallIntegerField()
    submitted = models.BigIntegerField(default=0)
    verified = models.BigIntegerField(default=0)
    returned = models.BigIntegerField(default=0)
    rat_held = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("rekap laporan tahunan")
        verbose_name_plural = _("rekap laporan tahunan")
        constraints = [
            models.UniqueConstraint(fields=["region_code", "layer", "year"], name="health_report_tally_key"),
        ]
        indexes = [
            models.Index(fields=["layer", "regency_code", "district_code"], name="health_report_tally_reg_l"),
            models.Index(fields=["layer", "district_code", "region_code"], name="health_report_tally_dist_l"),
        ]

    def __str__(self) -> str:
        return f"{self.region_code} {self.year}: {self.verified}"
