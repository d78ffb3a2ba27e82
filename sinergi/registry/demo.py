"""The registry part of the demo world: hundreds of cooperatives and thousands of UMKM in real
villages of the five pilot regions, imported through the real importer (so the demo also shows
its audit trail and duplicate candidates), with a few planted duplicates and a cluster each.
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from pathlib import Path

from sinergi.accounts.demo import demo_user
from sinergi.accounts.models import Membership, Organization, OrganizationKind, Role
from sinergi.accounts.services import membership_add
from sinergi.registry import services
from sinergi.registry.importers import IMPORTERS
from sinergi.registry.models import BusinessProfile, Cluster, CooperativeProfile, Network, NetworkKind
from sinergi.registry.services import networks as network_services
from sinergi.registry.synthetic import Generator

DOMAIN = "sinergi.test"
# (jurisdiction, cooperatives, businesses): about one eighth of the real counts in the press.
REGIONS = [
    ("32.71", 60, 600),
    ("32.01", 110, 1100),
    ("32.73", 90, 900),
    ("32.72", 35, 350),
    ("32.02", 70, 700),
]
CLUSTERS = {
    "32.71": ("Kampung Koperasi Talas Tanah Sareal", "Talas", "32.71.06"),
    "32.01": ("Kampung Koperasi Kopi Babakan Madang", "Kopi", "32.01.05"),
    "32.73": ("Kampung Koperasi Konveksi Cigondewah", "Konveksi", "32.73.03"),
    "32.72": ("Kampung Koperasi Moci Cikole", "Moci", "32.72.02"),
    "32.02": ("Kampung Koperasi Nelayan Palabuhanratu", "Ikan", "32.02.01"),
}


def _named(actor) -> list[tuple[str, str]]:
    """The organisations the demo personas act for."""
    logins = []
    ksb = CooperativeProfile.objects.filter(nik_koperasi="3271060010001").first()
    if ksb is None:
        ksb = services.cooperative_register(
            actor=actor,
            name="Koperasi Sejahtera Bersama",
            region_code="32.71.06.1001",
            address="Jl. KH. Sholeh Iskandar No. 2",
            phone="0251-8312345",
            nik_koperasi="3271060010001",
            legal_number="518/BH/XIII.4/1998",
            legal_date=dt.date(1998, 4, 12),
            cooperative_type="serba_usaha",
            group="masyarakat",
            kbli="47111,64141",
            founded_on=dt.date(1997, 11, 1),
            members_male=212,
            members_female=305,
            last_rat_date=dt.date(2026, 3, 28),
        )
    pkpri = CooperativeProfile.objects.filter(nik_koperasi="3271030020002").first()
    if pkpri is None:
        pkpri = services.cooperative_register(
            actor=actor,
            name="PKPRI Kota Bogor",
            region_code="32.71.03.1002",
            address="Jl. Paledang No. 12",
            nik_koperasi="3271030020002",
            legal_number="0012/BH/XIII/1985",
            legal_date=dt.date(1985, 6, 3),
            cooperative_type="konsumen",
            group="kpri",
            form="sekunder",
            members_male=18,
            members_female=14,
            last_rat_date=dt.date(2026, 4, 20),
        )
    talas = BusinessProfile.objects.filter(nib="9120001234567").first()
    if talas is None:
        talas = services.business_register(
            actor=actor,
            name="Keripik Talas Bu Euis",
            region_code="32.71.06.1003",
            address="Gg. Mawar RT 02/05 Kedung Badak",
            phone="081234567890",
            owner_name="Euis Rahmawati",
            owner_nik="3271064107850003",
            owner_gender="P",
            nib="9120001234567",
            kbli="10792",
            capital=25_000_000,
            annual_sales=180_000_000,
            employees=3,
            founded_on=dt.date(2015, 6, 1),
        )
        services.business_set_cooperatives(actor=actor, business=talas, cooperatives=[ksb.organization])
    for email, name, org, role in (
        (f"pengurus@{DOMAIN}", "Dedi Suryana", ksb.organization, Role.PENGURUS),
        (f"pemilik@{DOMAIN}", "Euis Rahmawati", talas.organization, Role.OWNER),
    ):
        user = demo_user(email, name)
        if not Membership.objects.filter(user=user, organization=org).exists():
            membership_add(actor=actor, organization=org, user=user, role=role)
        logins.append((email, f"{Role(role).label}, {org.name}"))
    if not ksb.organization.members.exists():
        gen = Generator(seed=3271, prefixes=("32.71.06",))
        for number in range(1, 41):
            person, gender, _first = gen.person()
            village = gen.rng.choice(gen.villages)
            services.member_save(
                actor=actor,
                cooperative=ksb.organization,
                member_number=f"KSB-{number:04d}",
                name=person,
                nik=gen.nik(village, gender),
                gender=gender,
                joined_on=dt.date(1998 + number % 27, 1 + number % 12, 1 + number % 27),
                savings_pokok=100_000,
                savings_wajib=gen.rng.randint(6, 120) * 10_000 * 12,
                savings_sukarela=gen.rng.randint(0, 50) * 100_000,
            )
    return logins


def _import(actor, kind: str, rows: list[dict]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{kind}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        IMPORTERS[kind](actor=actor).run(path)


def _generated(actor, today: dt.date) -> None:
    for index, (code, coops, businesses) in enumerate(REGIONS):
        already = BusinessProfile.objects.filter(regency_code=code).count()
        if already >= businesses:
            continue
        gen = Generator(seed=int(code.replace(".", "")), prefixes=(code,))
        _import(
            actor, "cooperative", [gen.cooperative(100_000 * (index + 1) + i, today) for i in range(coops)]
        )
        _import(actor, "umkm", list(gen.businesses(businesses, duplicate_share=0.01)))


def _clusters(actor) -> None:
    for code, (name, commodity, district) in CLUSTERS.items():
        if Cluster.objects.filter(name=name).exists():
            continue
        coops = list(
            Organization.objects.filter(
                kind=OrganizationKind.COOPERATIVE, cooperativeprofile__district_code=district
            )[:4]
        )
        if not coops:
            coops = list(
                Organization.objects.filter(
                    kind=OrganizationKind.COOPERATIVE, cooperativeprofile__regency_code=code
                )[:3]
            )
        flagship = coops[0] if coops else None
        if (
            flagship is not None
            and not CooperativeProfile.objects.filter(
                district_code=flagship.cooperativeprofile.district_code, is_flagship=True
            ).exists()
        ):
            services.cooperative_update(
                actor=actor, cooperative=flagship.cooperativeprofile, is_flagship=True
            )
        businesses = list(
            Organization.objects.filter(kind=OrganizationKind.UMKM, businessprofile__district_code=district)[
                :12
            ]
        )
        services.cluster_save(
            actor=actor,
            name=name,
            commodity=commodity,
            district_code=district,
            flagship=flagship,
            cooperatives=coops,
            businesses=businesses,
        )


def seed(*, actor, today: dt.date | None = None) -> list[tuple[str, str]]:
    today = today or dt.date.today()
    logins = _named(actor)
    _generated(actor, today)
    _clusters(actor)
    _networks(actor)
    return logins


CONSORTIUM = "Konsorsium Bisnis Kota Bogor"
# Temu Koperasi, Mal BTM, 18 October 2019: the city, its cooperatives, the cooperative association
# and the universities agreed to build a business consortium.
CONSORTIUM_FORMED = dt.date(2019, 10, 18)
CONSORTIUM_MEMBERS = (
    "Dekopinda Kota Bogor",
    "PKPRI Kota Bogor",
    "Koperasi Sejahtera Bersama",
    "IPB University",
    "Mal Bogor Trade Mall (BTM)",
)


def _networks(actor) -> None:
    """Kota Bogor's business consortium, led by the office. Needs the accounts demo's offices and
    partners; the JUK Kota Bandung buying network comes with the purchasing demo."""
    office = Organization.objects.filter(name="Dinas Koperasi dan UMKM Kota Bogor").first()
    if office is None or Network.objects.filter(name=CONSORTIUM).exists():
        return
    network = network_services.network_create(
        actor=actor,
        name=CONSORTIUM,
        kind=NetworkKind.CONSORTIUM,
        region_code="32.71",
        lead=office,
        purpose=(
            "Pemerintah Kota Bogor, koperasi, asosiasi koperasi dan dunia pendidikan bersinergi "
            "menggali potensi bersama agar koperasi saling menguatkan (Temu Koperasi, 18 Oktober 2019): "
            "Warung Tetangga Kita (Warga Kita) KSB dan minimarket PKPRI yang menampung produk UMKM."
        ),
    )
    for name in CONSORTIUM_MEMBERS:
        organization = Organization.objects.filter(name=name, merged_into__isnull=True).first()
        if organization is not None:
            network_services.network_member_add(
                actor=actor, network=network, organization=organization, joined_on=CONSORTIUM_FORMED
            )
