"""The foundation of the demo world: the five offices of the pilot regions, their officers, and
the partners every later capability works with (a Bulog branch, a bank, a university …).

Idempotent: organisations are found by kind and name, users by e-mail. All places are real
villages (Kepmendagri 2025 codes).
"""

from __future__ import annotations

from sinergi.accounts.models import ROLE_NAMES, Membership, Organization, OrganizationKind, Role, User
from sinergi.accounts.services import organization_create
from sinergi.accounts.services.users import user_update_profile

DEMO_PASSWORD = "sinergi-demo-2026"
DOMAIN = "sinergi.test"

# (name, jurisdiction, office village, address, short key for the e-mails)
OFFICES = [
    ("Dinas Koperasi dan UMKM Kota Bogor", "32.71", "32.71.03.1005", "Jl. Dadali No. 6", "kotabogor"),
    (
        "Dinas Koperasi dan UKM Kabupaten Bogor",
        "32.01",
        "32.01.01.1008",
        "Jl. Tegar Beriman, Cibinong",
        "kabbogor",
    ),
    ("Dinas Koperasi dan UMKM Kota Bandung", "32.73", "32.73.19.1003", "Jl. Kawaluyaan Indah", "kotabandung"),
    (
        "Dinas Koperasi, UKM, Perdagangan dan Perindustrian Kota Sukabumi",
        "32.72",
        "32.72.02.1001",
        "Jl. Jenderal Sudirman",
        "kotasukabumi",
    ),
    (
        "Dinas Koperasi dan UKM Kabupaten Sukabumi",
        "32.02",
        "32.02.01.1001",
        "Jl. Siliwangi, Palabuhanratu",
        "kabsukabumi",
    ),
    (
        "Dinas Koperasi dan Usaha Kecil Provinsi Jawa Barat",
        "32",
        "32.73.09.1003",
        "Jl. Soekarno-Hatta No. 705",
        "jabar",
    ),
]

# The officers of each office, by the key of its e-mails: (admin, staff[, viewer]).
OFFICERS = {
    "kotabogor": ("Dewi Lestari", "Asep Saepudin", "Rina Marlina"),
    "kabbogor": ("Yusuf Maulana", "Nurul Hidayah"),
    "kotabandung": ("Ujang Permana", "Lilis Suryani"),
    "kotasukabumi": ("Cecep Firmansyah", "Siti Maryam"),
    "kabsukabumi": ("Teti Rohaeti", "Dadang Sudrajat"),
    "jabar": ("Agus Setiawan", "Yuyun Wahyuni"),
}

# (kind, name, village, address, demo user key, role, person's name). Cooperatives and businesses
# are registered by the registry's demo, with their profiles.
PARTNERS = [
    (OrganizationKind.COMPANY, "Perum Bulog Kantor Wilayah Jawa Barat", "32.73.13.1007", "Jl. Asia Afrika No. 116",
     "pemasok", Role.SUPPLIER, "Hendra Gunawan"),
    (OrganizationKind.BANK, "Bank BJB Kantor Cabang Bogor", "32.71.03.1006", "Jl. Ir. H. Juanda No. 18",
     "mitra.bank", Role.PARTNER, "Ratna Sumarni"),
    (OrganizationKind.UNIVERSITY, "IPB University", "32.01.30.2008", "Jl. Raya Dramaga, Kampus IPB",
     "pakar", Role.EXPERT, "Dr. Iwan Hermawan"),
    (OrganizationKind.COMPANY, "Mal Bogor Trade Mall (BTM)", "32.71.03.1002", "Jl. Ir. H. Juanda No. 68",
     "gerai", Role.OUTLET, "Wulan Pratama"),
    (OrganizationKind.ASSOCIATION, "Dekopinda Kota Bogor", "32.71.03.1005", "Jl. Dadali No. 6", None, None, None),
]  # fmt: skip


def demo_user(email: str, full_name: str, *, superuser: bool = False) -> User:
    """A demo login with the demo password (created once).

    A login still named after its role ("Staf Koperasi dan UMKM Kota Bogor") gets its person's name;
    a name its owner chose is kept."""
    user = User.objects.filter(email=email).first()
    if user is None:
        if superuser:
            user = User.objects.create_superuser(email=email, password=DEMO_PASSWORD, full_name=full_name)
        else:
            user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=full_name)
    elif user.full_name != full_name and _named_after_a_role(user.full_name):
        user = user_update_profile(actor=user, full_name=full_name, phone=user.phone)
    return user


def _named_after_a_role(full_name: str) -> bool:
    words = (full_name or "").split()
    return not words or words[0].lower() in ROLE_NAMES


def _org(actor: User, kind: str, name: str, village: str, address: str, jurisdiction: str | None = None):
    org = Organization.objects.filter(kind=kind, name=name).first()
    if org is None:
        org = organization_create(
            actor=actor,
            kind=kind,
            name=name,
            region_code=village,
            address=address,
            jurisdiction_code=jurisdiction,
        )
    return org


def _member(user: User, org: Organization, role: str) -> None:
    Membership.objects.get_or_create(user=user, organization=org, defaults={"role": role})


def seed(*, actor: User) -> list[tuple[str, str]]:
    """Create the offices, officers and partners; return (e-mail, description) of every login."""
    logins: list[tuple[str, str]] = []
    admin = demo_user(f"admin@{DOMAIN}", "Administrator Sinergi", superuser=True)
    logins.append((admin.email, "superuser (semua wilayah)"))
    for name, jurisdiction, village, address, key in OFFICES:
        office = _org(actor, OrganizationKind.GOVERNMENT, name, village, address, jurisdiction)
        roles = [(Role.ADMIN, "admin"), (Role.STAFF, "staf"), (Role.VIEWER, "pemantau")]
        for (role, prefix), person in zip(roles, OFFICERS[key], strict=False):
            user = demo_user(f"{prefix}.{key}@{DOMAIN}", person)
            _member(user, office, role)
            logins.append((user.email, f"{Role(role).label}, {name}"))
    for kind, name, village, address, key, role, person in PARTNERS:
        org = _org(actor, kind, name, village, address)
        if key:
            user = demo_user(f"{key}@{DOMAIN}", person)
            _member(user, org, role)
            logins.append((user.email, f"{Role(role).label}, {name}"))
    return logins
