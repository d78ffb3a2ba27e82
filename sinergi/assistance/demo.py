"""Demo of warung aid: Koperasi Sejahtera Bersama's "Warung Tetangga Kita" programme in Kota
Bogor (Temu Koperasi 2019: KSB gives small neighbourhood shops capital goods so they hold out
beside modern retail), in its monitoring stage: three packages, fifteen warung of Tanah Sareal
applied, the selection ran, the selected received their goods about seven months ago with a drawn
signature, and their 3-month visits are recorded. One appeal waits for an answer.

Idempotent: a programme already seeded (by name and cooperative) is left as it is.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from decimal import Decimal

from django.utils import timezone

from sinergi.accounts.models import Organization, OrganizationKind
from sinergi.assistance import services
from sinergi.assistance.models import Application, Programme, Status

NAME = "Warung Tetangga Kita (Warga Kita)"
KSB = "Koperasi Sejahtera Bersama"
KSB_NIK = "3271060010001"
DISTRICT = "32.71.06"  # Tanah Sareal
# (name, village suffix, owner, woman, NIK, nearness to modern retail, revenue drop, monthly revenue)
WARUNG = [
    ("Warung Bu Iis", "1001", "Iis Suryani", True, "3271064203780001", "0.9", "0.6", 3_200_000),
    ("Warung Pak Ujang", "1002", "Ujang Sopandi", False, "3271061506700002", "0.8", "0.7", 2_800_000),
    ("Warung Bu Entin", "1003", "Entin Kartini", True, "3271065008810003", "0.7", "0.8", 2_500_000),
    ("Warung Mang Asep", "1004", "Asep Saepudin", False, "3271060304750004", "0.6", "0.4", 4_100_000),
    ("Warung Bu Nining", "1005", "Nining Rahayu", True, "3271064411830005", "0.9", "0.9", 1_900_000),
    ("Warung Teh Rina", "1006", "Rina Marlina", True, "3271066107900006", "0.5", "0.5", 3_000_000),
    ("Warung Pak Dadang", "1007", "Dadang Suherman", False, "3271060201680007", "0.4", "0.6", 3_600_000),
    ("Warung Bu Oom", "1008", "Oom Komariah", True, "3271064909720008", "0.8", "0.3", 2_200_000),
    ("Warung Kang Yayan", "1009", "Yayan Hidayat", False, "3271061212850009", "0.3", "0.2", 5_200_000),
    ("Warung Bu Titin", "1010", "Titin Sumarni", True, "3271065705790010", "0.6", "0.7", 2_700_000),
    ("Warung Pak Engkos", "1011", "Engkos Kosasih", False, "3271060808660011", "0.7", "0.5", 3_300_000),
    ("Warung Bu Lilis", "1001", "Lilis Karlina", True, "3271066303870012", "0.2", "0.4", 4_000_000),
    ("Warung Mak Icih", "1002", "Icih Sukaesih", True, "3271064506620013", "1", "0.8", 1_600_000),
    ("Warung Pak Jajang", "1003", "Jajang Nurjaman", False, "3271061410770014", "0.5", "0.3", 3_900_000),
    ("Warung Bu Yeti", "1004", "Yeti Rohayati", True, "3271065112840015", "0.6", "0.6", 2_400_000),
]
PACKAGES = [
    ("Etalase kaca", Decimal(2_500_000), 5, "Etalase kaca 1 m\nRak gantung"),
    ("Freezer", Decimal(4_000_000), 3, "Freezer 100 L\nStabilizer"),
    ("Paket stok awal", Decimal(1_500_000), 6, "Stok sembako awal"),
]


def _signature() -> str:
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (240, 80), (0, 0, 0, 0))
    ImageDraw.Draw(image).line(
        [(10, 60), (60, 20), (110, 55), (170, 15), (230, 50)], fill=(20, 20, 20, 255), width=3
    )
    out = io.BytesIO()
    image.save(out, format="PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


def _cooperative(actor) -> Organization:
    from sinergi.registry import services as registry
    from sinergi.registry.models import CooperativeProfile

    found = CooperativeProfile.objects.filter(nik_koperasi=KSB_NIK).select_related("organization").first()
    if found is not None:
        return found.organization
    org = Organization.objects.filter(kind=OrganizationKind.COOPERATIVE, name=KSB).first()
    if org is not None:
        return org
    return registry.cooperative_register(
        actor=actor, name=KSB, region_code="32.71.06.1001", address="Jl. KH. Sholeh Iskandar No. 2",
        nik_koperasi=KSB_NIK, founded_on=dt.date(1997, 11, 1),
    ).organization  # fmt: skip


def _warung(actor, today: dt.date) -> list[Organization]:
    from sinergi.registry import services as registry
    from sinergi.registry.models import BusinessProfile

    found = []
    for i, (name, village, owner, woman, nik, *_rest) in enumerate(WARUNG):
        profile = BusinessProfile.objects.filter(owner_nik=nik).select_related("organization").first()
        if profile is None:
            profile = registry.business_register(
                actor=actor,
                name=name,
                region_code=f"{DISTRICT}.{village}",
                address=f"Gg. Melati RT 0{1 + i % 8}/0{1 + i % 5} No. {10 + i}",
                phone=f"08128800{i:04d}",
                owner_name=owner,
                owner_nik=nik,
                owner_gender="P" if woman else "L",
                kbli="47111",
                capital=5_000_000 + i * 500_000,
                annual_sales=30_000_000 + i * 2_000_000,
                employees=1,
                founded_on=dt.date(today.year - 3 - i % 6, 1 + i % 12, 1),
            )
        found.append(profile.organization)
    return found


def seed(*, actor, today: dt.date | None = None) -> list[tuple[str, str]]:
    """Seed the programme in its monitoring stage; returns no new logins (the cooperative's
    pengurus and the Kota Bogor officers of the registry and accounts demos run it)."""
    today = today or timezone.localdate()
    cooperative = _cooperative(actor)
    if Programme.objects.filter(organization=cooperative, name=NAME).exists():
        return []
    shops = _warung(actor, today)
    opens_on = today - dt.timedelta(days=300)
    programme = services.programme_create(
        actor=actor,
        organization=cooperative,
        name=NAME,
        budget=Decimal(30_000_000),
        opens_on=opens_on,
        closes_on=opens_on + dt.timedelta(days=30),
        target_regions=["32.71.06"],
        weights={"retail_nearby": "3", "revenue_drop": "2", "woman_owner": "1", "years_operating": "1"},
        min_months_operating=24,
        aided_within_months=24,
        revolving_fund=True,
        amount_due=Decimal(1_000_000),
    )
    packages = [
        services.package_add(actor=actor, programme=programme, name=n, unit_cost=c, stock=s, items=items)
        for n, c, s, items in PACKAGES
    ]
    for i, (shop, row) in enumerate(zip(shops, WARUNG, strict=True)):
        services.application_submit(
            actor=actor,
            programme=programme,
            business=shop,
            package=packages[i % 3],
            baseline_revenue=Decimal(row[7]),
            criteria={"retail_nearby": row[5], "revenue_drop": row[6]},
            applied_at=timezone.make_aware(
                dt.datetime.combine(opens_on + dt.timedelta(days=2 + i), dt.time(9, i))
            ),
        )
    services.applications_close(actor=actor, programme=programme)
    services.selection_run(actor=actor, programme=programme)
    handed_on = today - dt.timedelta(days=210)
    signature = _signature()
    for application in Application.objects.filter(programme=programme, status=Status.SELECTED).select_related(
        "package", "business"
    ):
        record, _link = services.handover_record(
            actor=actor,
            application=application,
            handed_on=handed_on,
            items=application.package.items,
            serial_numbers=f"KSB-WK-{application.pk:04d}",
            address=application.business.address,
            confirmation="signature",
            signature=signature,
        )
        visit = record.visits.get(month=3)
        growth = Decimal(100 + 5 * (application.pk % 4)) / 100
        services.visit_record(
            actor=actor,
            visit=visit,
            visited_on=visit.due_on + dt.timedelta(days=2),
            revenue=(application.baseline_revenue * growth).quantize(Decimal(1000)),
            stock_turnover=Decimal("3.5"),
            operating=True,
            goods_in_use={item: True for item in services.handover_items(record)},
            notes="Barang terpasang dan dipakai.",
        )
        services.repayment_record(
            actor=actor, application=application, paid_on=visit.due_on, amount=Decimal(250_000)
        )
    skipped = Application.objects.filter(programme=programme, status=Status.SKIPPED).first()
    if skipped is not None:
        services.grievance_file(
            actor=actor,
            programme=programme,
            kind="appeal",
            text="Warung kami dekat minimarket baru; mohon ditinjau kembali.",
            application=skipped,
            today=today - dt.timedelta(days=3),
        )
    return []
