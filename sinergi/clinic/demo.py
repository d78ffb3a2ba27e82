"""The clinic part of the demo world: the Kota Bogor coaching clinic in the second year of its
programme, after the 2017 story (a team of academics and practitioners diagnoses cooperatives and
UMKM, 30 a year, at least 10 ending good).

Two experts (the IPB academic `pakar@` and the Bank BJB banker `mitra.bank@`), a catalogue of
problems, and cases at every stage, all built through the services: a business owner's request
waiting for the office, the demo cooperative enrolled and waiting for its intake questionnaire,
cooperatives from the early-warning list in diagnosis (one rating in, the academic's still due),
with an agreed diagnosis, and in follow-up with recommendations and visits (one overdue), and two
closed cases whose outcome was measured from the data: a cooperative whose awaited annual report
the office verified, and a business whose yearly sales went up.

Runs after the registry and health demos. Idempotent: the programme, experts, problems and each
participant's case are found before they are created.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from sinergi.accounts.models import Organization, OrganizationKind, User
from sinergi.clinic import services
from sinergi.clinic.models import Case, Expert, Problem, Programme, Stage
from sinergi.health import services as health_services
from sinergi.health.models import AnnualReport, ReportStatus
from sinergi.health.supervision.selectors import early_warning_list
from sinergi.registry.models import BusinessProfile, CooperativeProfile
from sinergi.registry.services import business_update

DOMAIN = "sinergi.test"
OFFICE = "Dinas Koperasi dan UMKM Kota Bogor"
CITY = "32.71"
KSB_NIK = "3271060010001"

CATALOGUE = [
    ("K01", "Permodalan sendiri lemah", "finance", 3),
    ("K02", "Pinjaman bermasalah tinggi", "finance", 3),
    ("K03", "Likuiditas kurang", "finance", 2),
    ("M01", "RAT tidak tepat waktu", "management", 2),
    ("M02", "Tata kelola dan pembukuan lemah", "management", 2),
    ("P01", "Pasar terbatas pada anggota", "marketing", 1),
    ("P02", "Belum memanfaatkan penjualan digital", "marketing", 1),
    ("D01", "Kualitas dan kemasan produk", "production", 1),
    ("L01", "Legalitas usaha belum lengkap", "legal", 2),
    ("S01", "Kapasitas pengurus dan karyawan", "hr", 2),
    ("T01", "Belum memakai aplikasi akuntansi", "technology", 1),
]


def _programme(actor, office, year: int) -> Programme:
    programme = Programme.objects.filter(office=office, year=year).first()
    if programme is None:
        programme = services.programme_create(
            actor=actor,
            office=office,
            year=year,
            name="Klinik Konsultasi Koperasi dan UMKM Kota Bogor",
            start_year=year - 1,
            horizon_years=5,
            target_participants=30,
            target_good=10,
        )
    return programme


def _experts(actor, office) -> list[Expert]:
    experts = []
    for email, kind, areas, affiliation in [
        (f"pakar@{DOMAIN}", "academic", ["finance", "management", "hr"], "IPB University"),
        (f"mitra.bank@{DOMAIN}", "banker", ["finance", "marketing"], "Bank BJB Kantor Cabang Bogor"),
    ]:
        user = User.objects.filter(email=email).first()
        if user is None:
            continue
        expert = Expert.objects.filter(user=user).first()
        if expert is None:
            expert = services.expert_register(
                actor=actor, office=office, user=user, kind=kind, areas=areas, affiliation=affiliation
            )
        experts.append(expert)
    return experts


def _catalogue(actor, office) -> dict[str, Problem]:
    found = {p.code: p for p in Problem.objects.filter(office=office)}
    for code, name, area, severity in CATALOGUE:
        if code not in found:
            found[code] = services.problem_save(
                actor=actor, office=office, code=code, name=name, area=area, severity=severity
            )
    return found


def _case(programme, organization) -> Case | None:
    return Case.objects.filter(programme=programme, participant=organization).first()


def _enrol(actor, programme, organization, source, enrolled_on) -> Case:
    return _case(programme, organization) or services.case_enrol(
        actor=actor, programme=programme, participant=organization, source=source, enrolled_on=enrolled_on
    )


def _diagnose(
    actor, case: Case, experts, problems: list[Problem], raters: list[tuple[Expert, int, str]]
) -> Case:
    if case.stage == Stage.ENROLLED:
        case = services.case_team_assign(actor=actor, case=case, experts=experts)
    for expert, severity, comment in raters:
        if case.stage == Stage.DIAGNOSIS and not case.ratings.filter(expert=expert).exists():
            services.rating_submit(
                actor=expert.user, case=case, problems=problems, severity=severity, comment=comment
            )
    return case


def _agree(actor, case: Case, problems: list[Problem], note: str, **goal) -> Case:
    if case.stage == Stage.DIAGNOSIS:
        case = services.diagnosis_agree(actor=actor, case=case, problems=problems, note=note, **goal)
    return case


def seed(*, actor, today: dt.date | None = None) -> list[tuple[str, str]]:
    """Create the Kota Bogor clinic; return the demo logins with what waits for each."""
    today = today or timezone.localdate()
    office = Organization.objects.filter(kind=OrganizationKind.GOVERNMENT, name=OFFICE).first()
    if office is None:
        return []
    programme = _programme(actor, office, today.year)
    experts = _experts(actor, office)
    problems = _catalogue(actor, office)
    if len(experts) < 2:
        return []
    enrolled_on = today - dt.timedelta(days=60)
    logins: list[tuple[str, str]] = []

    # A business owner asked for the clinic from her home page: the office has yet to accept.
    talas = BusinessProfile.objects.filter(
        owner_name="Euis Rahmawati", region_code__startswith=CITY + "."
    ).first()
    owner = User.objects.filter(email=f"pemilik@{DOMAIN}").first()
    if talas is not None and owner is not None and _case(programme, talas.organization) is None:
        services.case_request(
            actor=owner,
            participant=talas.organization,
            note="Ingin memperluas pemasaran keripik ke toko modern dan mengurus izin edar.",
            year=today.year,
        )

    # The demo cooperative, enrolled from a registry search; its pengurus fills in the intake.
    ksb = CooperativeProfile.objects.filter(nik_koperasi=KSB_NIK).select_related("organization").first()
    if ksb is not None:
        _enrol(actor, programme, ksb.organization, "registry", enrolled_on)

    # Cooperatives from the early-warning list, highest risk first (once: the list moves as the
    # office verifies reports, and a second run must not enrol the next ones).
    if not Case.objects.filter(programme=programme, source="early_warning").exists():
        _from_early_warning(actor, programme, experts, problems, ksb, today, enrolled_on)
    _business_closed(actor, programme, experts, problems, today, enrolled_on)

    logins.append((f"pakar@{DOMAIN}", "Pakar klinik: beri penilaian kasus yang ditugaskan"))
    logins.append((f"mitra.bank@{DOMAIN}", "Pakar klinik (bankir): kasus klinik yang ditugaskan"))
    return logins


def _from_early_warning(actor, programme, experts, problems, ksb, today, enrolled_on) -> None:
    academic, banker = experts
    warned = [
        f
        for f in early_warning_list(user=actor, region=CITY, today=today)
        if f.pk != getattr(ksb, "pk", None)
    ]
    organizations = Organization.objects.in_bulk([f.pk for f in warned])
    warned_orgs = [organizations[f.pk] for f in warned if f.pk in organizations]
    awaiting = set(
        AnnualReport.objects.filter(
            status=ReportStatus.SUBMITTED, cooperative__regency_code=CITY
        ).values_list("cooperative_id", flat=True)
    )
    # The closed cooperative case needs a report still to verify: its outcome is measured from it.
    closing = next((o for o in warned_orgs if o.pk in awaiting), None)
    others = [o for o in warned_orgs if o is not closing]

    if len(others) >= 1:
        case = _enrol(actor, programme, others[0], "early_warning", enrolled_on)
        _diagnose(
            actor,
            case,
            experts,
            [problems["K02"], problems["M02"]],
            [(banker, 3, "Kolektibilitas pinjaman memburuk dua tahun berturut-turut.")],
        )
    if len(others) >= 2:
        case = _enrol(actor, programme, others[1], "early_warning", enrolled_on)
        case = _diagnose(
            actor,
            case,
            experts,
            [problems["M01"], problems["S01"]],
            [(academic, 2, "RAT terlambat; pengurus perlu pelatihan."), (banker, 2, "")],
        )
        _agree(
            actor, case, [problems["M01"], problems["S01"]], "RAT terlambat dan kapasitas pengurus terbatas."
        )
    if len(others) >= 3:
        case = _enrol(actor, programme, others[2], "early_warning", enrolled_on)
        case = _diagnose(
            actor,
            case,
            experts,
            [problems["K01"], problems["K02"]],
            [(academic, 3, "Modal sendiri tipis."), (banker, 2, "Perlu restrukturisasi pinjaman macet.")],
        )
        case = _agree(
            actor,
            case,
            [problems["K01"], problems["K02"]],
            "Modal sendiri lemah dan pinjaman bermasalah tinggi.",
        )
        if not case.recommendations.exists():
            bank = Organization.objects.filter(kind=OrganizationKind.BANK, name__icontains="BJB").first()
            services.recommendation_add(
                actor=actor, case=case, kind="mentoring", description="Pendampingan penagihan dan restrukturisasi pinjaman macet",
                responsible="expert", responsible_user=academic.user, due_on=today - dt.timedelta(days=5),
            )  # fmt: skip
            if bank is not None:
                services.recommendation_add(
                    actor=actor, case=case, kind="capital", description="Kredit modal kerja dengan penjaminan",
                    responsible="bank", responsible_org=bank, target_org=bank, due_on=today + dt.timedelta(days=45),
                )  # fmt: skip
            done = services.visit_schedule(
                actor=actor,
                case=case,
                planned_on=enrolled_on + dt.timedelta(days=20),
                purpose="Pemeriksaan buku pinjaman",
            )
            services.visit_record(
                actor=actor,
                visit=done,
                visited_on=enrolled_on + dt.timedelta(days=21),
                notes="Daftar pinjaman macet disusun bersama pengurus.",
            )
            services.visit_schedule(
                actor=actor,
                case=case,
                planned_on=today - dt.timedelta(days=2),
                purpose="Tindak lanjut restrukturisasi",
            )
    if closing is not None and _case(programme, closing) is None:
        case = _enrol(actor, programme, closing, "early_warning", enrolled_on)
        case = _diagnose(
            actor,
            case,
            experts,
            [problems["M02"]],
            [(academic, 2, "Pembukuan perlu dirapikan."), (banker, 1, "")],
        )
        case = _agree(actor, case, [problems["M02"]], "Pembukuan dan pelaporan lemah.")
        services.recommendation_add(
            actor=actor, case=case, kind="training", description="Pelatihan pembukuan koperasi", responsible="officer",
            responsible_user=User.objects.filter(email=f"staf.kotabogor@{DOMAIN}").first() or academic.user,
            due_on=enrolled_on + dt.timedelta(days=30),
        )  # fmt: skip
        reco = case.recommendations.first()
        services.recommendation_status_set(
            actor=actor, recommendation=reco, status="done", done_on=enrolled_on + dt.timedelta(days=28)
        )
        # The annual report awaiting verification is verified: the outcome is measured from it.
        report = (
            AnnualReport.objects.filter(cooperative_id=closing.pk, status=ReportStatus.SUBMITTED)
            .order_by("-year")
            .first()
        )
        health_services.annual_report_verify(actor=actor, report=report)
        # An incomplete assessment measures nothing: the case then stays in follow-up, as its page says.
        with contextlib.suppress(ValidationError):
            services.case_close(
                actor=actor, case=case, note="Diukur dari laporan tahunan terbaru.", today=today
            )


def _business_closed(actor, programme, experts, problems, today, enrolled_on) -> None:
    _academic, banker = experts
    # A business whose sales went up after the marketing plan: closed, measured.
    business = (
        BusinessProfile.objects.filter(region_code__startswith=CITY + ".", annual_sales__gt=0)
        .exclude(owner_name="Euis Rahmawati")
        .order_by("pk")
        .first()
    )
    if business is not None and _case(programme, business.organization) is None:
        case = _enrol(actor, programme, business.organization, "registry", enrolled_on)
        case = _diagnose(actor, case, experts, [problems["P02"]], [(banker, 1, "Belum berjualan daring.")])
        case = _agree(
            actor,
            case,
            [problems["P02"]],
            "Pemasaran hanya dari mulut ke mulut.",
            goal_kind="sales",
            goal_sales_pct=Decimal("15"),
        )
        services.recommendation_add(
            actor=actor, case=case, kind="market", description="Pendampingan berjualan di lokapasar", responsible="expert",
            responsible_user=banker.user, due_on=enrolled_on + dt.timedelta(days=40),
        )  # fmt: skip
        business_update(
            actor=actor,
            business=business,
            annual_sales=(business.annual_sales * Decimal("1.2")).quantize(Decimal("1")),
        )
        services.case_close(actor=actor, case=case, note="Omzet naik setelah berjualan daring.", today=today)
