"""Demo events of the Kota Bogor office: a Temu Koperasi held today, with its invitations,
registrations and a part of its attendance taken (the rest is left for trying the phone checklist),
and a training for cooperative staff two weeks ahead that the demo cooperatives may register for.

Idempotent: an event already seeded (by title and office) is left as it is.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.events import services
from sinergi.events.models import Event, EventKind

OFFICE = "Dinas Koperasi dan UMKM Kota Bogor"
TEMU = "Temu Koperasi Kota Bogor: Koperasi Naik Kelas"
TRAINING = "Pelatihan Pembukuan dan Penyusunan Laporan RAT"
# Names of the people each invited organisation sends to the Temu Koperasi (made up).
ATTENDEES = (
    ("Dedi Suryana", "Ketua"),
    ("Yuni Kartika", "Bendahara"),
    ("Hendra Wijaya", "Sekretaris"),
    ("Siti Aminah", "Ketua"),
    ("Bambang Prasetyo", "Manajer"),
    ("Lilis Suryani", "Ketua"),
    ("Agus Firmansyah", "Pengawas"),
    ("Nani Rohaeni", "Bendahara"),
)


def _participants() -> list[Organization]:
    """The demo personas' cooperative and business first, then cooperatives of Kota Bogor by name."""
    named = list(
        Organization.objects.filter(
            name__in=("Koperasi Sejahtera Bersama", "PKPRI Kota Bogor", "Keripik Talas Bu Euis"),
            region__code__startswith="32.71.",
            merged_into__isnull=True,
        ).order_by("name")
    )
    others = list(
        Organization.objects.filter(
            kind=OrganizationKind.COOPERATIVE, region__code__startswith="32.71.", merged_into__isnull=True
        )
        .exclude(pk__in=[o.pk for o in named])
        .order_by("name")[:5]
    )
    return named + others


def _temu(actor, office: Organization, today: dt.date, participants: list[Organization]) -> Event:
    event = services.event_create(
        actor=actor,
        office=office,
        kind=EventKind.TEMU_KOPERASI,
        title=TEMU,
        date=today,
        start_time=dt.time(8, 30),
        end_time=dt.time(12, 30),
        place="Gedung Kemuning Gading, Jl. Pahlawan, Kota Bogor",
        region_id="32.71",
        organizers="Dinas Koperasi dan UMKM Kota Bogor\nDekopinda Kota Bogor",
        speakers="Kepala Dinas Koperasi dan UMKM Kota Bogor\nBank BJB Kantor Cabang Bogor\nKetua Dekopinda Kota Bogor",
        description=(
            "Pertemuan tahunan koperasi se-Kota Bogor: capaian pembinaan, akses permodalan dari bank, "
            "dan berbagi pengalaman koperasi yang berhasil."
        ),
    )
    for organization in participants:
        services.invitation_add(actor=actor, event=event, organization=organization)
    # Seven of the invited register; four of those are marked present, three are left to try the
    # attendance checklist with.
    for index, (organization, (name, position)) in enumerate(zip(participants[:7], ATTENDEES, strict=False)):
        registration = services.registration_add(
            actor=actor,
            event=event,
            organization=organization,
            attendee_name=name,
            attendee_position=position,
        )
        if index < 4:
            services.attendance_mark(actor=actor, registration=registration)
    return event


def _training(actor, office: Organization, today: dt.date, participants: list[Organization]) -> Event:
    event = services.event_create(
        actor=actor,
        office=office,
        kind=EventKind.TRAINING,
        title=TRAINING,
        date=today + dt.timedelta(days=14),
        start_time=dt.time(9, 0),
        end_time=dt.time(15, 0),
        place="Aula Dinas Koperasi dan UMKM Kota Bogor, Jl. Dadali No. 6",
        region_id="32.71.03",
        organizers="Dinas Koperasi dan UMKM Kota Bogor",
        speakers="Dr. Rina Kusuma, SE, Ak. (IPB University)",
        description="Pelatihan bagi pengurus dan staf koperasi: pembukuan simpan pinjam dan laporan tahunan untuk RAT.",
    )
    cooperatives = [o for o in participants if o.kind == OrganizationKind.COOPERATIVE]
    for organization in cooperatives[:4]:
        services.invitation_add(actor=actor, event=event, organization=organization)
    if len(cooperatives) > 1:
        services.registration_add(
            actor=actor,
            event=event,
            organization=cooperatives[1],
            attendee_name="Hendra Wijaya",
            attendee_position="Staf pembukuan",
        )
    return event


def seed(*, actor, today: dt.date | None = None) -> list[tuple[str, str]]:
    """Seed the Kota Bogor events; no new logins (the office's and cooperatives' people use them)."""
    today = today or timezone.localdate()
    office = Organization.objects.filter(kind=OrganizationKind.GOVERNMENT, name=OFFICE).first()
    if office is None:
        return []
    participants = _participants()
    if not Event.objects.filter(office=office, title=TEMU).exists():
        _temu(actor, office, today, participants)
    if not Event.objects.filter(office=office, title=TRAINING).exists():
        _training(actor, office, today, participants)
    return []
