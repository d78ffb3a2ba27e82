from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStamped(models.Model):
    """Base for rows that remember when they were made and last changed."""

    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        abstract = True


class AuditEvent(models.Model):
    """Jejak audit: who did what to which object, with the state before and after.

    `region_code` copies the region of the object acted on so an office admin can browse the
    events of their own jurisdiction without joining every table.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept when the user is deleted, and used for the system actor of commands and tasks.
    actor_label = models.CharField(_("pelaku"), max_length=200)
    action = models.CharField(_("tindakan"), max_length=80)
    object_type = models.CharField(_("jenis objek"), max_length=80)
    object_id = models.CharField(_("ID objek"), max_length=64, blank=True)
    object_repr = models.CharField(_("objek"), max_length=300, blank=True)
    region_code = models.CharField(_("kode wilayah"), max_length=13, blank=True)
    organization_id = models.BigIntegerField(_("organisasi"), null=True, blank=True)
    before = models.JSONField(_("sebelum"), null=True, blank=True)
    after = models.JSONField(_("sesudah"), null=True, blank=True)
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("jejak audit")
        verbose_name_plural = _("jejak audit")
        indexes = [
            # The admin's audit page: events of one jurisdiction, newest first.
            models.Index(fields=["region_code", "-created_at"], name="audit_region_time"),
            # The timeline on an object's detail page.
            models.Index(fields=["object_type", "object_id", "-created_at"], name="audit_object_time"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"


class Job(TimeStamped):
    """Pekerjaan latar: a long piece of work (an import, a batch scoring) with visible progress.

    The task updates `done`/`total` as it goes; pages poll the row. `result` holds the summary a
    finished job shows (counts, rejected rows, the file to download).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("menunggu")
        RUNNING = "running", _("berjalan")
        DONE = "done", _("selesai")
        FAILED = "failed", _("gagal")

    kind = models.CharField(_("jenis"), max_length=60)
    label = models.CharField(_("judul"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organization_id = models.BigIntegerField(null=True, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    params = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # An exclusive job (an import that writes) names a lock and the region it covers: while it runs,
    # no other job with the same lock over an overlapping region may start ("" covers everywhere).
    lock = models.CharField(max_length=60, blank=True)
    lock_scope = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("pekerjaan")
        verbose_name_plural = _("pekerjaan")
        indexes = [
            models.Index(fields=["created_by", "-created_at"], name="job_user_time"),
            # The running jobs: who holds a lock, and the sweep for jobs that stopped reporting.
            models.Index(fields=["updated_at"], condition=models.Q(status="running"), name="job_running"),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.total:
            return 0
        return min(100, int(self.done * 100 / self.total))

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def failed(self) -> bool:
        return self.status == self.Status.FAILED


class NotificationEvent(models.TextChoices):
    """What a notification is about; the preferences and the digest group by it."""

    REPORT_RETURNED = "report_returned", _("Laporan tahunan dikembalikan")
    REPORT_VERIFIED = "report_verified", _("Laporan tahunan diverifikasi")
    REPORT_SCORED = "report_scored", _("Laporan tahunan dinilai")
    RAT_OVERDUE = "rat_overdue", _("RAT terlambat")
    DISSOLUTION_STEP = "dissolution_step", _("Tahap pembubaran")
    ROUND_OPENED = "round_opened", _("Putaran dibuka")
    ROUND_CLOSING = "round_closing", _("Putaran segera ditutup")
    ROUND_OPTIMISED = "round_optimised", _("Putaran dioptimalkan")
    BILL_READY = "bill_ready", _("Tagihan siap")
    PURCHASE_ORDER_SENT = "purchase_order_sent", _("Surat pesanan dikirim")
    CLAIM_DECIDED = "claim_decided", _("Klaim usaha diputuskan")
    CORRECTION_HANDLED = "correction_handled", _("Permintaan koreksi ditangani")
    IMPORT_FINISHED = "import_finished", _("Impor selesai")
    CLINIC_RECOMMENDATION_DUE = "clinic_reco_due", _("Rekomendasi klinik jatuh tempo")
    CLINIC_VISIT_DUE = "clinic_visit_due", _("Kunjungan klinik jatuh tempo")
    EVENT_INVITED = "event_invited", _("Undangan kegiatan")
    EVENT_CANCELLED = "event_cancelled", _("Kegiatan dibatalkan")
    PRODUCT_CURATION = "product_curation", _("Kurasi produk")
    LEGALITY_EXPIRING = "legality_expiring", _("Izin produk berakhir")
    AGREEMENT_RENEWAL = "agreement_renewal", _("Perjanjian kemitraan segera berakhir")
    OBLIGATION_OVERDUE = "obligation_overdue", _("Kewajiban kemitraan lewat batas waktu")
    REFERRAL = "referral", _("Rujukan mitra")
    GRIEVANCE_ESCALATED = "grievance_escalated", _("Pengaduan bantuan dinaikkan")
    REMINDER = "reminder", _("Pengingat")


class Notification(models.Model):
    """Pemberitahuan: one message to one person, shown in the notification centre.

    Subject and body are stored already rendered in the recipient's language, so the centre and
    the digest show what was true when it was sent. `emailed_at` stays empty for a person who
    takes the daily digest until the digest goes out.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    event = models.CharField(_("peristiwa"), max_length=30, choices=NotificationEvent.choices)
    subject = models.CharField(_("judul"), max_length=200)
    body = models.TextField(_("isi"), blank=True)
    url = models.CharField(_("tautan"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("dikirim lewat e-mail"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("pemberitahuan")
        verbose_name_plural = _("pemberitahuan")
        indexes = [
            # The bell's count and the centre's list: a person's notifications, unread, newest first.
            models.Index(fields=["recipient", "read_at", "-created_at"], name="notif_user_unread"),
            # The daily digest: notifications not e-mailed yet.
            models.Index(fields=["emailed_at"], condition=models.Q(emailed_at__isnull=True), name="notif_unsent"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id}: {self.subject}"


class NotificationPreference(models.Model):
    """Pengaturan pemberitahuan: how one person wants to hear about events.

    No row means the defaults: e-mail right away and a WhatsApp link.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email = models.BooleanField(_("kirim e-mail"), default=True)
    whatsapp = models.BooleanField(_("tawarkan tautan WhatsApp"), default=True)
    daily_digest = models.BooleanField(_("satu e-mail ringkasan per hari"), default=False)

    class Meta:
        verbose_name = _("pengaturan pemberitahuan")
        verbose_name_plural = _("pengaturan pemberitahuan")

    def __str__(self) -> str:
        return f"{self.user_id}"
