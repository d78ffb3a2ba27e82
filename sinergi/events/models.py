"""Events and training (kegiatan pembinaan): clinic sessions, Temu Koperasi, business meetings,
FGDs and training for cooperative staff.

An office (Dinas) organises an event in a region inside its jurisdiction, invites organisations,
registers participants — or lets an invited organisation's people register themselves — takes
attendance on the day and shares the materials. Attendance earns a certificate and shows in the
participant's event history on its registry page. Events are scoped by `region` like every other
office record: the office of a region sees the events held there.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sinergi.core.models import TimeStamped


class EventKind(models.TextChoices):
    CLINIC_SESSION = "clinic_session", _("Sesi klinik")
    TEMU_KOPERASI = "temu_koperasi", _("Temu Koperasi")
    BUSINESS_MEETING = "business_meeting", _("Temu bisnis")
    FGD = "fgd", _("Diskusi kelompok terarah (FGD)")
    TRAINING = "training", _("Pelatihan")


class Event(TimeStamped):
    """Kegiatan pembinaan: one event on one day, organised by an office.

    `organizers` and `speakers` are the names as printed on the invitation (narasumber may come from
    outside Sinergi: a bank, a university, a successful practitioner), one per line.
    """

    kind = models.CharField(_("jenis kegiatan"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("judul"), max_length=200)
    date = models.DateField(_("tanggal"))
    start_time = models.TimeField(_("jam mulai"), null=True, blank=True)
    end_time = models.TimeField(_("jam selesai"), null=True, blank=True)
    place = models.CharField(_("tempat"), max_length=300)
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("wilayah")
    )
    office = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.PROTECT,
        related_name="organized_events",
        verbose_name=_("dinas penyelenggara"),
    )
    organizers = models.TextField(_("penyelenggara"), blank=True)
    speakers = models.TextField(_("narasumber"), blank=True)
    description = models.TextField(_("uraian"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A cancelled event stays on record (its invitations and registrations are history), shown as
    # cancelled with the reason; nobody registers, attends or changes it any more.
    cancelled_at = models.DateTimeField(_("dibatalkan pada"), null=True, blank=True)
    cancel_reason = models.TextField(_("alasan pembatalan"), blank=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("kegiatan")
        verbose_name_plural = _("kegiatan")
        indexes = [
            # The scoped event list: a region prefix, newest first.
            models.Index(fields=["region", "-date"], name="event_region_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_time__isnull=True)
                | models.Q(end_time__isnull=True)
                | models.Q(end_time__gte=models.F("start_time")),
                name="event_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    def speaker_list(self) -> list[str]:
        return [line.strip() for line in self.speakers.splitlines() if line.strip()]

    def organizer_list(self) -> list[str]:
        return [line.strip() for line in self.organizers.splitlines() if line.strip()]


class EventInvitation(models.Model):
    """Undangan kegiatan: an organisation invited to an event. Its people may then register."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    organization = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.PROTECT,
        related_name="event_invitations",
        verbose_name=_("organisasi"),
    )
    invited_at = models.DateTimeField(_("diundang"), auto_now_add=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["organization__name", "id"]
        verbose_name = _("undangan kegiatan")
        verbose_name_plural = _("undangan kegiatan")
        constraints = [
            models.UniqueConstraint(fields=["event", "organization"], name="event_invitation_once"),
        ]

    def __str__(self) -> str:
        return f"{self.event} — {self.organization}"


class Registration(models.Model):
    """Pendaftaran peserta: one participating organisation at one event, with the name of the person
    it sends. An organisation registers once per event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    organization = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.PROTECT,
        related_name="event_registrations",
        verbose_name=_("peserta"),
    )
    attendee_name = models.CharField(_("nama yang hadir"), max_length=200)
    attendee_position = models.CharField(_("jabatan"), max_length=100, blank=True)
    registered_at = models.DateTimeField(_("didaftarkan"), auto_now_add=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["attendee_name", "id"]
        verbose_name = _("pendaftaran kegiatan")
        verbose_name_plural = _("pendaftaran kegiatan")
        constraints = [
            models.UniqueConstraint(fields=["event", "organization"], name="event_registration_once"),
        ]
        indexes = [
            # A participant's event history on its registry page.
            models.Index(fields=["organization", "event"], name="event_reg_org"),
        ]

    def __str__(self) -> str:
        return f"{self.attendee_name} ({self.organization})"


class Attendance(models.Model):
    """Daftar hadir: a registered participant marked present on the day of the event. Only attendance
    earns a certificate (sertifikat kehadiran)."""

    registration = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="attendance")
    marked_at = models.DateTimeField(_("dicatat"), auto_now_add=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["marked_at", "id"]
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")

    def __str__(self) -> str:
        return str(self.registration)

    @property
    def event(self) -> Event:
        return self.registration.event

    @property
    def organization(self):
        return self.registration.organization


class Material(models.Model):
    """Materi kegiatan: a file shared with the participants (slides, handouts, the agenda)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("judul materi"), max_length=200)
    file = models.FileField(_("berkas"), upload_to="events/materials/%Y/%m/")
    name = models.CharField(_("nama berkas"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("ukuran"))
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("materi kegiatan")
        verbose_name_plural = _("materi kegiatan")

    def __str__(self) -> str:
        return self.title
