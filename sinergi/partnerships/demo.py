"""The partnerships part of the demo world: the three programmes of the seeds that run on
agreements, built through the services.

- Kota Bogor's business consortium (Temu Koperasi, Mal BTM, 18 October 2019): the office, the
  cooperative association, a cooperative, the university and the mall sign a MoU on marketing,
  capacity building and distribution; the university's training is measured from attendance, the
  association's mentoring from evidence (and it is overdue).
- Kabupaten Bogor's cooperative–UMKM collaboration (4 November 2024): a cooperative, three UMKM and
  Bank BJB sign a MoU on capital access, capacity building, distribution and marketing; the bank
  reports loans disbursed with evidence.
- Bandung's JUK (25 February 2020): the network's lead cooperative signs a PKS with Perum Bulog;
  its volume bought and savings are measured from the Belanja Bareng rounds.

A referral of a Kota Bogor business to Bank BJB waits for the bank (`mitra.bank@`), whose lending
criteria are set. Runs after the accounts, registry, health, clinic, events and purchasing demos
(what is missing is skipped). Idempotent: agreements are found by title before they are created.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.accounts.scoping import organization_managers
from sinergi.partnerships import services
from sinergi.partnerships.models import Agreement, Referral

KOTA_BOGOR = "Dinas Koperasi dan UMKM Kota Bogor"
KAB_BOGOR = "Dinas Koperasi dan UKM Kabupaten Bogor"
KOTA_BANDUNG = "Dinas Koperasi dan UMKM Kota Bandung"
BANK = "Bank BJB Kantor Cabang Bogor"
BULOG = "Perum Bulog Kantor Wilayah Jawa Barat"

CONSORTIUM_TITLE = "Nota Kesepahaman Konsorsium Bisnis Kota Bogor"
KAB_TITLE = "Nota Kesepahaman Kolaborasi Koperasi dan Usaha Mikro Kabupaten Bogor"
JUK_TITLE = "Perjanjian Kerja Sama Pengadaan Beras JUK Kota Bandung dengan Perum Bulog"


def _org(name: str):
    return Organization.objects.filter(name=name, merged_into__isnull=True, is_active=True).first()


def _first(kind: str, region: str, count: int = 1) -> list:
    return list(
        Organization.objects.filter(
            kind=kind, region__code__startswith=region + ".", is_active=True, merged_into__isnull=True
        ).order_by("name")[:count]
    )


# The position that signs for each kind of organisation when the seeds name nobody.
SIGNING_POSITION = {
    OrganizationKind.COOPERATIVE: "Ketua Pengurus",
    OrganizationKind.UMKM: "Pemilik",
    OrganizationKind.BANK: "Pemimpin Cabang",
    OrganizationKind.COMPANY: "Pimpinan",
    OrganizationKind.UNIVERSITY: "Wakil Rektor Bidang Kerja Sama",
    OrganizationKind.ASSOCIATION: "Ketua",
    OrganizationKind.GOVERNMENT: "Kepala Dinas",
}
# Officials the seeds name.
SIGNATORIES = {
    KOTA_BOGOR: ("Anas S. Rasmana", "Kepala Dinas Koperasi dan UMKM Kota Bogor"),
    KAB_BOGOR: ("Iman Wahyu Budiana", "Kepala Dinas Koperasi dan UKM Kabupaten Bogor"),
}


def _signed(actor, agreement, on: dt.date) -> None:
    """Every party signs on `on`: the official the seeds name, else the person acting for it in the
    demo, else its leadership by position."""
    for party in agreement.parties.select_related("organization"):
        org = party.organization
        person = organization_managers([org.pk]).first()
        position = SIGNING_POSITION.get(org.kind, "Pimpinan")
        name, title = SIGNATORIES.get(
            org.name, (person.full_name if person else f"{position} {org.name}", position)
        )
        services.party_sign(
            actor=actor, party=party, signatory_name=name, signatory_title=title, signed_on=on
        )


def _party(agreement, organization):
    return agreement.parties.get(organization=organization)


def _consortium(actor, today: dt.date) -> Agreement | None:
    from sinergi.registry.models import Network

    office = _org(KOTA_BOGOR)
    names = (
        "Dekopinda Kota Bogor",
        "Koperasi Sejahtera Bersama",
        "IPB University",
        "Mal Bogor Trade Mall (BTM)",
    )
    others = [o for o in (_org(n) for n in names) if o is not None]
    if office is None or len(others) < 2:
        return None
    agreement = Agreement.objects.filter(title=CONSORTIUM_TITLE).first()
    if agreement is not None:
        return agreement
    start = dt.date(2019, 10, 18)
    agreement = services.agreement_create(
        actor=actor,
        office=office,
        kind="mou",
        title=CONSORTIUM_TITLE,
        number="518/01-Diskop/X/2019",
        purpose=(
            "Pemerintah Kota Bogor, koperasi, asosiasi koperasi dan dunia pendidikan membentuk konsorsium "
            "bisnis agar koperasi saling menguatkan (Temu Koperasi, Mal BTM, 18 Oktober 2019)."
        ),
        start_on=start,
        end_on=dt.date(today.year + 3, 10, 17),
        scopes=["marketing", "capacity", "distribution"],
        parties=[office, *others],
        network=Network.objects.filter(name="Konsorsium Bisnis Kota Bogor").first(),
    )
    _signed(actor, agreement, start)
    dekopinda, ipb = _org("Dekopinda Kota Bogor"), _org("IPB University")
    if ipb is not None:
        services.obligation_add(
            actor=actor, agreement=agreement, party=_party(agreement, ipb), measure="trained",
            description="Melatih pengurus dan pengelola koperasi anggota konsorsium",
            target=Decimal(60), due_on=dt.date(today.year, 12, 31), start_on=dt.date(today.year, 1, 1),
        )  # fmt: skip
    if dekopinda is not None:
        overdue = services.obligation_add(
            actor=actor, agreement=agreement, party=_party(agreement, dekopinda), measure="evidence",
            description="Mendampingi 10 koperasi menyelenggarakan RAT tepat waktu",
            target=Decimal(10), due_on=today - dt.timedelta(days=20),
            start_on=dt.date(today.year, 1, 1) if today - dt.timedelta(days=20) >= dt.date(today.year, 1, 1) else None,
        )  # fmt: skip
        for days, amount, note in ((120, 4, "RAT 4 koperasi di Bogor Tengah (berita acara terlampir)"),
                                   (60, 2, "RAT Koperasi Sejahtera Bersama dan satu koperasi karyawan")):  # fmt: skip
            services.progress_add(
                actor=actor, obligation=overdue, recorded_on=today - dt.timedelta(days=days),
                amount=Decimal(amount), note=note,
            )  # fmt: skip
    btm = _org("Mal Bogor Trade Mall (BTM)")
    if btm is not None:
        services.obligation_add(
            actor=actor, agreement=agreement, party=_party(agreement, btm), measure="stocked",
            description="Menyediakan ruang pamer untuk 20 produk UMKM binaan",
            target=Decimal(20), due_on=dt.date(today.year, 12, 31),
        )  # fmt: skip
    return agreement


def _kabupaten(actor, today: dt.date) -> Agreement | None:
    office, bank = _org(KAB_BOGOR), _org(BANK)
    cooperatives = _first(OrganizationKind.COOPERATIVE, "32.01")
    businesses = _first(OrganizationKind.UMKM, "32.01", 3)
    if office is None or not cooperatives or not businesses:
        return None
    agreement = Agreement.objects.filter(title=KAB_TITLE).first()
    if agreement is not None:
        return agreement
    start = dt.date(2024, 11, 4)
    parties = [cooperatives[0], *businesses] + ([bank] if bank is not None else [])
    agreement = services.agreement_create(
        actor=actor,
        office=office,
        kind="mou",
        title=KAB_TITLE,
        number="500/112-Diskopukm/XI/2024",
        purpose=(
            "Kolaborasi koperasi dan usaha mikro di Kabupaten Bogor: akses permodalan, peningkatan "
            "kapasitas, distribusi dan pemasaran go digital (peluncuran 4 November 2024)."
        ),
        start_on=start,
        end_on=dt.date(2027, 11, 3),
        scopes=["capital", "capacity", "distribution", "marketing"],
        parties=parties,
    )
    _signed(actor, agreement, start)
    coop = cooperatives[0]
    services.obligation_add(
        actor=actor, agreement=agreement, party=_party(agreement, coop), measure="stocked",
        description="Memasarkan produk UMKM pihak di gerai koperasi", target=Decimal(12),
        due_on=dt.date(2026, 12, 31) if dt.date(2026, 12, 31) <= agreement.end_on else agreement.end_on,
    )  # fmt: skip
    services.obligation_add(
        actor=actor, agreement=agreement, party=_party(agreement, coop), measure="trained",
        description="Pelatihan pemasaran digital bagi pelaku usaha mikro", target=Decimal(30),
        due_on=dt.date(2027, 6, 30),
    )  # fmt: skip
    if bank is not None:
        loans = services.obligation_add(
            actor=actor, agreement=agreement, party=_party(agreement, bank), measure="loans",
            description="Menyalurkan kredit usaha rakyat kepada UMKM pihak", target=Decimal(300_000_000),
            due_on=dt.date(2027, 6, 30),
        )  # fmt: skip
        for days, amount, note in ((200, 75_000_000, "KUR untuk 3 UMKM (daftar akad terlampir)"),
                                   (40, 50_000_000, "KUR untuk 2 UMKM")):  # fmt: skip
            on = today - dt.timedelta(days=days)
            if on >= start:
                services.progress_add(
                    actor=actor, obligation=loans, recorded_on=on, amount=Decimal(amount), note=note
                )
    return agreement


def _juk(actor, today: dt.date) -> Agreement | None:
    from sinergi.registry.models import Network, NetworkMember

    network = Network.objects.filter(name="JUK Kota Bandung").select_related("lead").first()
    office, bulog = _org(KOTA_BANDUNG), _org(BULOG)
    if network is None or office is None or bulog is None:
        return None
    agreement = Agreement.objects.filter(title=JUK_TITLE).first()
    if agreement is not None:
        return agreement
    # The lead and the first member cooperatives that joined sign with the supplier.
    members = [
        m.organization
        for m in NetworkMember.objects.filter(network=network, state="member")
        .exclude(organization=network.lead)
        .select_related("organization")
        .order_by("organization__name")[:2]
    ]
    start = dt.date(2020, 2, 25)
    agreement = services.agreement_create(
        actor=actor,
        office=office,
        kind="pks",
        title=JUK_TITLE,
        number="027/JUK-BDG/II/2020",
        purpose="Koperasi JUK Kota Bandung belanja bareng beras dan bahan pokok langsung dari Bulog.",
        start_on=start,
        end_on=dt.date(today.year + 2, 2, 24),
        scopes=["procurement", "distribution"],
        parties=[network.lead, *members, bulog],
        network=network,
    )
    _signed(actor, agreement, start)
    lead = _party(agreement, network.lead)
    services.obligation_add(
        actor=actor, agreement=agreement, party=lead, measure="purchase_volume",
        description="Belanja bahan pokok lewat Belanja Bareng JUK tahun ini", target=Decimal(50_000_000),
        start_on=dt.date(today.year, 1, 1), due_on=dt.date(today.year, 12, 31),
    )  # fmt: skip
    services.obligation_add(
        actor=actor, agreement=agreement, party=lead, measure="purchase_savings",
        description="Penghematan anggota JUK dibanding belanja sendiri tahun ini", target=Decimal(2_000_000),
        start_on=dt.date(today.year, 1, 1), due_on=dt.date(today.year, 12, 31),
    )  # fmt: skip
    for member in members:
        services.obligation_add(
            actor=actor, agreement=agreement, party=_party(agreement, member), measure="purchase_volume",
            description="Belanja anggota lewat Belanja Bareng JUK tahun ini", target=Decimal(5_000_000),
            start_on=dt.date(today.year, 1, 1), due_on=dt.date(today.year, 12, 31),
        )  # fmt: skip
    return agreement


def _bank(actor) -> None:
    office, bank = _org(KOTA_BOGOR), _org(BANK)
    if office is None or bank is None:
        return
    services.lending_criteria_set(
        actor=actor, bank=bank, scales=["mikro", "kecil"], kbli_prefixes=["10", "47", "56"],
        predicates=["sehat", "cukup_sehat"],
    )  # fmt: skip
    business = _first(OrganizationKind.UMKM, "32.71")
    if business and not Referral.objects.filter(partner=bank, organization=business[0]).exists():
        services.referral_send(
            actor=actor, office=office, partner=bank, organization=business[0], scope="capital",
            note="Butuh modal kerja untuk menambah alat produksi; usaha berjalan 4 tahun.",
        )  # fmt: skip


def seed(*, actor, today: dt.date | None = None) -> list[tuple[str, str]]:
    """Build the three programmes' agreements, the bank's criteria and a referral. Returns no new
    logins: the officers, `mitra.bank@` and the cooperative managers come from earlier demos."""
    today = today or timezone.localdate()
    _consortium(actor, today)
    _kabupaten(actor, today)
    _juk(actor, today)
    _bank(actor)
    return []
