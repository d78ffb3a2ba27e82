"""A seeded random run of ~200 writes through every registry service and importer: the tallies
kept along the way equal a recount at the end (on SQLite and, with DATABASE_URL, PostgreSQL)."""

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sinergi.accounts import services as account_services
from sinergi.accounts.tests.factories import UserFactory
from sinergi.registry import services, tallies
from sinergi.registry.importers import BusinessImporter, CooperativeImporter
from sinergi.registry.models import (
    BusinessProfile,
    CooperativeProfile,
    DuplicateCandidate,
    MergeRecord,
)
from sinergi.registry.tests.test_importers import COOP_HEADER, UMKM_HEADER, coop_row, umkm_row

VILLAGES = ("32.71.03.1002", "32.71.03.1006", "32.71.01.1001", "32.71.06.1003", "32.71.06.1001")
KINDS = ("simpan_pinjam", "konsumen", "produsen", "jasa", "serba_usaha", "")
STATUSES = ("aktif", "tidak_aktif", "dibekukan", "dibubarkan")
KBLI = ("10792", "47111,10792", "01111", "56101", "", "96011")
UMKM_NAMES = (
    "Roti Unyil",
    "Bakso Mang Ade",
    "Toko Ceu Imas",
    "Keripik Sanjai",
    "Batik Tulis",
    "Kopi Liberika",
)
COOP_SHEET = (("KSP Mekar", "3271030010001", "1/BH/1998"), ("KSU Jaya", "3271030010002", "2/BH/1999"))


def money(rng) -> Decimal | None:
    return rng.choice([None, Decimal(rng.randrange(1, 60)) * Decimal("100000000"), Decimal("2500000.50")])


def run(seed, steps, officer, admin, write_csv):
    rng = random.Random(seed)
    done = {"errors": 0}
    counter = iter(range(10_000))

    def coops():
        return list(CooperativeProfile.objects.filter(organization__merged_into__isnull=True))

    def businesses():
        return list(BusinessProfile.objects.filter(organization__merged_into__isnull=True))

    def register_coop():
        services.cooperative_register(
            actor=officer, name=f"Koperasi {next(counter)}", region_code=rng.choice(VILLAGES),
            cooperative_type=rng.choice(KINDS), form=rng.choice(["primer", "sekunder"]),
            members_male=rng.randrange(0, 50), members_female=rng.randrange(0, 50),
        )  # fmt: skip

    def register_business():
        services.business_register(
            actor=officer, name=f"Usaha {next(counter)}", region_code=rng.choice(VILLAGES),
            owner_gender=rng.choice(["L", "P", ""]), kbli=rng.choice(KBLI), capital=money(rng),
            annual_sales=money(rng), employees=rng.choice([None, 1, 4, 30]),
        )  # fmt: skip

    def update_coop():
        if items := coops():
            services.cooperative_update(
                actor=officer, cooperative=rng.choice(items), cooperative_type=rng.choice(KINDS),
                members_male=rng.randrange(0, 80), form=rng.choice(["primer", "sekunder"]),
            )  # fmt: skip

    def update_business():
        if items := businesses():
            changes = {"kbli": rng.choice(KBLI), "annual_sales": money(rng), "owner_gender": rng.choice("LP")}
            if rng.random() < 0.3:
                changes |= {
                    "scale_override": rng.choice(["kecil", "besar", ""]),
                    "scale_override_reason": "Cek",
                }
            services.business_update(actor=officer, business=rng.choice(items), **changes)

    def set_status():
        if items := coops():
            services.cooperative_set_status(
                actor=officer,
                cooperative=rng.choice(items),
                status=rng.choice(STATUSES),
                reason="Pemeriksaan",
            )

    def record_rat():
        if items := coops():
            day = dt.date(2026, 1, 1) - dt.timedelta(days=rng.randrange(0, 700))
            services.cooperative_record_rat(actor=officer, cooperative=rng.choice(items), rat_date=day)

    def move():
        if items := coops() + businesses():
            org = rng.choice(items).organization
            services.organization_move_request(
                actor=officer, organization=org, region_code=rng.choice(VILLAGES)
            )

    def merge():
        pool = coops() if rng.random() < 0.5 else businesses()
        if len(pool) < 2:
            return
        a, b = sorted(rng.sample(pool, 2), key=lambda p: p.pk)
        kind = "cooperative" if isinstance(a, CooperativeProfile) else "umkm"
        pair, _ = DuplicateCandidate.objects.get_or_create(
            left=a.organization, right=b.organization,
            defaults={"kind": kind, "score": Decimal("90"), "reasons": {}, "region_code": a.region_code},
        )  # fmt: skip
        keep = rng.choice([a, b]).organization
        services.duplicate_merge(actor=officer, candidate=pair, keep=keep)

    def revert():
        if record := MergeRecord.objects.filter(reverted_at__isnull=True).order_by("?").first():
            services.merge_revert(actor=admin, merge=record)

    def import_businesses():
        names = rng.sample(UMKM_NAMES, 3)
        rows = [UMKM_HEADER] + [
            umkm_row(
                i,
                name,
                gender=rng.choice("LP"),
                workers=str(rng.randrange(1, 20)),
                sales=rng.choice(["", "Rp 180.000.000", "Rp 20.000.000.000"]),
                status=rng.choice(["aktif", "tutup", "tidak aktif"]),
            )  # fmt: skip
            for i, name in enumerate(names, 1)
        ]
        BusinessImporter(actor=officer, scope_code="32.71").run(write_csv(rows, name=f"u{next(counter)}.csv"))

    def import_cooperatives():
        name, nik, legal = rng.choice(COOP_SHEET)
        row = coop_row(
            name, nik, legal, status=rng.choice(["aktif", "tidak aktif"]), kind=rng.choice(["KSP", "KSU"])
        )
        CooperativeImporter(actor=officer, scope_code="32.71").run(
            write_csv([COOP_HEADER, row], name=f"k{next(counter)}.csv")
        )

    def claim():
        owner = UserFactory()
        submitted = account_services.business_claim_submit(
            actor=owner,
            new_name=f"Klaim {next(counter)}",
            new_region_code=rng.choice(VILLAGES),
            new_address="Jl. A",
        )
        services.business_claim_decide(actor=officer, claim=submitted, approve=rng.random() < 0.8)

    operations = [
        (register_coop, 4), (register_business, 5), (update_coop, 3), (update_business, 4), (set_status, 3),
        (record_rat, 2), (move, 2), (merge, 2), (revert, 1), (import_businesses, 2), (import_cooperatives, 1),
        (claim, 1),
    ]  # fmt: skip
    functions, weights = zip(*operations, strict=True)
    for _step in range(steps):
        operation = rng.choices(functions, weights)[0]
        try:
            operation()
        except (ValidationError, PermissionDenied):
            done["errors"] += 1
    return done


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [7, 2026])
def test_random_writes_keep_tallies_equal_to_a_recount(seed, officer_bogor, admin_bogor, write_csv):
    done = run(seed, 200, officer_bogor, admin_bogor, write_csv)
    assert tallies.differences() == []
    # The run did write: profiles of both kinds, merges, and some refused writes in between.
    assert CooperativeProfile.objects.count() > 10
    assert BusinessProfile.objects.count() > 10
    assert MergeRecord.objects.exists()
    assert done["errors"] > 0
