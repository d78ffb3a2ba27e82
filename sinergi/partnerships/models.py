"""Kemitraan: agreements (Nota Kesepahaman, Perjanjian Kerja Sama) between any organisations, the
obligations each party takes on and how they are measured, referrals of an office to a partner, and
the matchmaking decisions an officer records.

An agreement's region is the recording office's village (or the first party's), copied when it is
created, so tallies count it in one place; officers reach it through that region or through any of
its parties' regions (a consortium may span a regency line).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sinergi.accounts.models import Organization
from sinergi.core.models import TimeStamped
from sinergi.registry.models import TallyPlace


def money(verbose_name, **kwargs) -> models.DecimalField:
    """Whole Rupiah, or a whole count (people, products): targets and progress share the column."""
    return models.DecimalField(verbose_name, max_digits=18, decimal_places=0, **kwargs)


class AgreementKind(models.TextChoices):
    MOU = "mou", _("Nota Kesepahaman (MoU)")
    PKS = "pks", _("Perjanjian Kerja Sama (PKS)")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Konsep")
    SIGNED = "signed", _("Ditandatangani")
    ACTIVE = "active", _("Berlaku")
    EXPIRED = "expired", _("Berakhir")
    TERMINATED = "terminated", _("Diakhiri")


class Scope(models.TextChoices):
    CAPITAL = "capital", _("Akses permodalan")
    CAPACITY = "capacity", _("Peningkatan kapasitas")
    DISTRIBUTION = "distribution", _("Distribusi")
    MARKETING = "marketing", _("Pemasaran")
    PROCUREMENT = "procurement", _("Pengadaan")
    OTHER = "other", _("Lainnya")


class Measure(models.TextChoices):
    LOANS = "loans", _("Pinjaman yang disalurkan (Rp)")
    TRAINED = "trained", _("Orang yang dilatih")
    STOCKED = "stocked", _("Produk yang masuk gerai")
    CONSIGNMENT_SALES = "consignment_sales", _("Penjualan titipan di gerai (Rp)")
    PURCHASE_VOLUME = "purchase_volume", _("Belanja lewat jaringan belanja bareng (Rp)")
    PURCHASE_SAVINGS = "purchase_savings", _("Penghematan belanja bareng (Rp)")
    CLINIC_REFERRALS = "clinic_referrals", _("Rujukan klinik yang selesai")
    EVIDENCE = "evidence", _("Lainnya, dengan bukti")


MONEY_MEASURES = frozenset({"loans", "consignment_sales", "purchase_volume", "purchase_savings"})


class ObligationState(models.TextChoices):
    ON_TRACK = "on_track", pgettext_lazy("obligation state", "Berjalan")
    MET_ON_TIME = "met_on_time", _("Tercapai tepat waktu")
    MET_LATE = "met_late", _("Tercapai terlambat")
    MISSED = "missed", _("Tidak tercapai")
    OVERDUE = "overdue", _("Lewat batas waktu")


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Dikirim")
    ACCEPTED = "accepted", _("Diterima")
    REFUSED = "refused", pgettext_lazy("partner answer", "Ditolak")
    COMPLETED = "completed", _("Selesai")


class Decision(models.TextChoices):
    ACCEPTED = "accepted", _("Diterima")
    REFUSED = "refused", pgettext_lazy("partner answer", "Ditolak")


class Agreement(TimeStamped):
    """Nota Kesepahaman / Perjanjian Kerja Sama: a written agreement between two or more
    organisations, with its scopes, dates, parties and obligations.

    konsep → ditandatangani (every party signed; at least two parties) → berlaku (the start date
    reached) → berakhir (the end date passed) or diakhiri (ended early, with the reason).
    """

    Status = AgreementStatus

    kind = models.CharField(_("jenis"), max_length=4, choices=AgreementKind.choices)
    number = models.CharField(_("nomor"), max_length=100, blank=True)
    title = models.CharField(_("judul"), max_length=250)
    purpose = models.TextField(_("maksud dan tujuan"), blank=True)
    office = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recorded_agreements",
        verbose_name=_("dinas pencatat"),
    )
    region_code = models.CharField(_("kode wilayah"), max_length=13)
    network = models.ForeignKey(
        "registry.Network",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements",
        verbose_name=_("jaringan"),
        help_text=_("Jaringan atau konsorsium yang perjanjiannya ini."),
    )
    scopes = models.JSONField(_("ruang lingkup"), default=list)
    start_on = models.DateField(_("tanggal mulai"))
    end_on = models.DateField(_("tanggal berakhir"))
    status = models.CharField(
        _("status"), max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    signed_on = models.DateField(_("tanggal lengkap ditandatangani"), null=True, blank=True)
    terminated_on = models.DateField(_("tanggal diakhiri"), null=True, blank=True)
    termination_reason = models.TextField(_("alasan diakhiri"), blank=True)
    # The last renewal reminder sent, so the daily run reminds once per agreement.
    reminded_on = models.DateField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-start_on", "-pk"]
        verbose_name = _("perjanjian kerja sama")
        verbose_name_plural = _("perjanjian kerja sama")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_on__gte=models.F("start_on")), name="agreement_ends_after_start"
            ),
        ]
        indexes = [
            # An office's list: region code prefix, newest first.
            models.Index(fields=["region_code", "-start_on"], name="agreement_region_start"),
            # The daily run: signed agreements starting, active ones ending.
            models.Index(fields=["status", "end_on"], name="agreement_status_end"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def scope_labels(self) -> list[str]:
        return [str(Scope(code).label) for code in self.scopes if code in Scope.values]


class Party(models.Model):
    """Pihak: one organisation bound by an agreement, with who signs for it and when."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="agreement_parties", verbose_name=_("organisasi")
    )
    position = models.PositiveSmallIntegerField(_("urutan pihak"), default=1)
    signatory_name = models.CharField(_("nama penanda tangan"), max_length=150, blank=True)
    signatory_title = models.CharField(_("jabatan penanda tangan"), max_length=150, blank=True)
    signed_on = models.DateField(_("tanggal tanda tangan"), null=True, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("pihak")
        verbose_name_plural = _("pihak")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "organization"], name="party_once_per_agreement"),
        ]
        indexes = [
            # A party's agreements (its scorecard, its own list).
            models.Index(fields=["organization", "agreement"], name="party_org_agreement"),
        ]

    def __str__(self) -> str:
        return str(self.organization)


class AgreementDocument(models.Model):
    """Dokumen perjanjian: the signed agreement or an annex, as a PDF."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("judul dokumen"), max_length=200)
    file = models.FileField(_("berkas"), upload_to="partnerships/documents/%Y/%m/")
    size = models.PositiveIntegerField(_("ukuran"))
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("dokumen perjanjian")
        verbose_name_plural = _("dokumen perjanjian")

    def __str__(self) -> str:
        return self.title


class Obligation(TimeStamped):
    """Kewajiban: what one party commits to deliver by a due date, measured either from what the
    platform records (`partnerships.measures`) or from progress entries with evidence.

    `achieved`, `met_on` and `state` are kept by `obligation_refresh` (after every progress entry and
    by the daily run); `explanation` says how a computed number was obtained.
    """

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="obligations")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="obligations")
    measure = models.CharField(_("ukuran"), max_length=20, choices=Measure.choices)
    description = models.CharField(_("uraian"), max_length=300)
    target = money(_("target"))
    start_on = models.DateField(_("dihitung mulai"), null=True, blank=True)
    due_on = models.DateField(_("batas waktu"))
    achieved = money(_("capaian"), default=0)
    met_on = models.DateField(_("tanggal tercapai"), null=True, blank=True)
    state = models.CharField(
        _("keadaan"), max_length=12, choices=ObligationState.choices, default=ObligationState.ON_TRACK
    )
    explanation = models.JSONField(default=dict, blank=True, editable=False)
    # The last overdue notice, so the daily run flags an obligation once.
    flagged_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("kewajiban")
        verbose_name_plural = _("kewajiban")
        indexes = [
            # The daily run: obligations not yet met, by due date.
            models.Index(fields=["state", "due_on"], name="obligation_state_due"),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def is_money(self) -> bool:
        return self.measure in MONEY_MEASURES

    @property
    def percent(self) -> int:
        if not self.target:
            return 0
        return min(100, int(self.achieved * 100 / self.target))


class ProgressEntry(models.Model):
    """Catatan capaian: an amount delivered towards an obligation on a date, with its evidence (a
    note and optionally a PDF or photo)."""

    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, related_name="entries")
    recorded_on = models.DateField(_("tanggal"))
    amount = money(_("jumlah"))
    note = models.TextField(_("keterangan bukti"))
    file = models.FileField(_("berkas bukti"), upload_to="partnerships/evidence/%Y/%m/", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_on", "pk"]
        verbose_name = _("catatan capaian")
        verbose_name_plural = _("catatan capaian")

    def __str__(self) -> str:
        return f"{self.obligation}: {self.amount}"


class LendingCriteria(TimeStamped):
    """Kriteria pembiayaan: what a bank lends to — business scales, sectors (KBLI prefixes) and the
    health predicates of cooperatives it accepts. Matchmaking for the bank reads it."""

    bank = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="lending_criteria")
    scales = models.JSONField(_("skala usaha"), default=list, blank=True)
    kbli_prefixes = models.JSONField(_("awalan KBLI"), default=list, blank=True)
    predicates = models.JSONField(_("predikat kesehatan koperasi"), default=list, blank=True)

    class Meta:
        verbose_name = _("kriteria pembiayaan")
        verbose_name_plural = _("kriteria pembiayaan")

    def __str__(self) -> str:
        return str(self.bank)


class Referral(TimeStamped):
    """Rujukan: an office introduces an organisation (a UMKM, a cooperative) to a partner (a bank, a
    cooperative, a company), which accepts or refuses it and reports it completed."""

    Status = ReferralStatus

    office = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="sent_referrals")
    partner = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="received_referrals")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="referrals")
    region_code = models.CharField(_("kode wilayah"), max_length=13)
    scope = models.CharField(_("kebutuhan"), max_length=12, choices=Scope.choices)
    note = models.TextField(_("catatan"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    answer = models.TextField(_("jawaban mitra"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("rujukan")
        verbose_name_plural = _("rujukan")
        indexes = [
            # A partner's inbox; an office's list by region.
            models.Index(fields=["partner", "status"], name="referral_partner_status"),
            models.Index(fields=["region_code"], name="referral_region"),
        ]

    def __str__(self) -> str:
        return f"{self.organization} → {self.partner}"


class MatchDecision(models.Model):
    """Keputusan pencocokan: an officer accepted or refused a suggested match, with the score and
    reasons shown at the time, so the ranking can be judged later."""

    seeker = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    candidate = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    region_code = models.CharField(_("kode wilayah"), max_length=13)
    score = models.IntegerField(_("skor"))
    reasons = models.JSONField(default=list)
    decision = models.CharField(_("keputusan"), max_length=10, choices=Decision.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)
    agreement = models.ForeignKey(
        Agreement, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    referral = models.ForeignKey(Referral, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = _("keputusan pencocokan")
        verbose_name_plural = _("keputusan pencocokan")
        indexes = [models.Index(fields=["seeker", "candidate"], name="match_seeker_candidate")]

    def __str__(self) -> str:
        return f"{self.seeker} ~ {self.candidate}: {self.decision}"


class AgreementTally(TallyPlace):
    """Rekap perjanjian: agreements per village (the agreement's region), status and scope. An
    agreement counts once under scope "" and once under each of its scopes."""

    status = models.CharField(max_length=10)
    scope = models.CharField(max_length=12)
    count = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("rekap perjanjian")
        verbose_name_plural = _("rekap perjanjian")
        constraints = [
            models.UniqueConstraint(
                fields=["region_code", "layer", "status", "scope"], name="partnerships_agreement_tally_key"
            ),
        ]


class ObligationTally(TallyPlace):
    """Rekap kewajiban: obligations per village (their agreement's region), state and measure."""

    state = models.CharField(max_length=12)
    measure = models.CharField(max_length=20)
    count = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("rekap kewajiban")
        verbose_name_plural = _("rekap kewajiban")
        constraints = [
            models.UniqueConstraint(
                fields=["region_code", "layer", "state", "measure"], name="partnerships_obligation_tally_key"
            ),
        ]
