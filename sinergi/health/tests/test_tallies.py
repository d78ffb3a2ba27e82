"""The health tallies: exact after every service path, equal to a recount after random writes, and
untouched by a refused or failing write."""

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import Workbook

from sinergi.core import tallies as core_tallies
from sinergi.health import batch, notices, services, tallies
from sinergi.health.importers import import_reports
from sinergi.health.models import AnnualReport, Assessment, AssessmentTally, ReportTally
from sinergi.health.selectors_tallies import assessment_tally, assessment_totals, report_tally, report_totals
from sinergi.health.tests.factories import AnnualReportFactory, CooperativeProfileFactory
from sinergi.insights import verify

pytestmark = pytest.mark.django_db

BOGOR = "32.71.06.1001"  # the village of Koperasi Sejahtera Bersama (ksp_bogor)


def reports_now() -> dict:
    """The stored report tally, rows at zero left out."""
    return {k: v for k, v in core_tallies.villages(tallies.REPORTS).items() if any(v)}


def health_lines() -> list[str]:
    """What `insights_verify` says of the health tallies (registry profiles here come from factories,
    outside the registry's services)."""
    (verifier,) = [v for v in verify.VERIFIERS if v.name == "health"]
    return [line for item in verifier.differences() for line in verifier.describe(item)]


def assessments_now() -> dict:
    return {k: v for k, v in core_tallies.villages(tallies.ASSESSMENTS).items() if any(v)}


def test_a_draft_counts_nowhere(draft):
    assert reports_now() == {}
    assert assessments_now() == {}
    assert tallies.differences() == []


def test_submit_return_verify_keep_exact_tallies(draft, coop_manager, officer_bogor):
    services.annual_report_submit(actor=coop_manager, report=draft)
    assert reports_now() == {(BOGOR, 2024): [1, 0, 0, 0]}

    services.annual_report_return(actor=officer_bogor, report=draft, comment="Lengkapi neraca.")
    assert reports_now() == {(BOGOR, 2024): [0, 0, 1, 0]}

    services.annual_report_submit(actor=coop_manager, report=draft)
    services.annual_report_verify(actor=officer_bogor, report=draft)
    assessment = Assessment.objects.get(report=draft)
    assert assessment.predicate == "cukup_sehat"
    # Verified with its RAT date (15-03-2025): the RAT of financial year 2024 was held.
    assert reports_now() == {(BOGOR, 2024): [0, 1, 0, 1]}
    assert assessments_now() == {(BOGOR, 2024, "cukup_sehat", True): [1]}
    assert tallies.differences() == []


def test_the_place_columns_follow_the_village(verified):
    row = AssessmentTally.objects.get(layer=0)
    assert (row.region_code, row.district_code, row.regency_code, row.province_code) == (
        BOGOR,
        "32.71.06",
        "32.71",
        "32",
    )


def test_a_returned_report_moved_to_another_year_moves_its_row(submitted, coop_manager, officer_bogor):
    services.annual_report_return(actor=officer_bogor, report=submitted, comment="Tahun buku keliru.")
    services.annual_report_update(actor=coop_manager, report=submitted, year=2023)
    assert reports_now() == {(BOGOR, 2023): [0, 0, 1, 0]}
    assert tallies.differences() == []


def test_deleting_a_draft_leaves_the_tallies(draft, coop_manager):
    services.annual_report_delete(actor=coop_manager, report=draft)
    assert reports_now() == {}
    assert tallies.differences() == []


def test_rescoring_moves_the_assessment_between_predicates(verified, officer_bogor):
    assessment = services.assessment_score(actor=officer_bogor, report=verified, rules="permen-14-2009")
    assert assessments_now() == {(BOGOR, 2024, assessment.predicate or "", True): [1]}
    assert tallies.differences() == []


def test_an_indicative_score_is_counted_apart(officer_bogor, coop_manager, values, answers):
    serba_usaha = CooperativeProfileFactory(region="32.71.03.1002", cooperative_type="serba_usaha")
    report = AnnualReportFactory(cooperative=serba_usaha, year=2024, status="submitted")
    tallies.rebuild()
    services.annual_report_verify(actor=officer_bogor, report=report)
    assessment = Assessment.objects.get(report=report)
    assert assessment.official is False
    assert assessments_now() == {("32.71.03.1002", 2024, assessment.predicate or "", False): [1]}
    assert tallies.differences() == []


def test_batch_rescoring_keeps_the_tallies(ksp_bogor, ksp_bandung, system):
    reports = [
        AnnualReportFactory(cooperative=ksp_bogor, year=2024),
        AnnualReportFactory(cooperative=ksp_bandung, year=2024, kas=Decimal("75000000"), manajemen={}),
        AnnualReportFactory(cooperative=ksp_bogor, year=2023),
        AnnualReportFactory(cooperative=CooperativeProfileFactory(), year=2024, status="submitted"),
    ]
    tallies.rebuild()
    assert assessments_now() == {}
    result = batch.assessments_score_year(actor=system, year=2024, rules="perdep-06-2016")
    assert result.scored == 2
    expected = {}
    for report in reports[:2]:
        a = Assessment.objects.get(report=report)
        key = (report.cooperative.region_code, 2024, a.predicate or "", True)
        expected[key] = [expected.get(key, [0])[0] + 1]
    assert assessments_now() == expected
    assert sum(v[0] for v in assessments_now().values()) == 2
    # Scoring again under other rules replaces each assessment: still two, none counted twice.
    batch.assessments_score_year(actor=system, year=2024, rules="permen-14-2009")
    assert sum(v[0] for v in assessments_now().values()) == 2
    assert tallies.differences() == []


def test_the_importer_keeps_the_tallies(tmp_path, ksp_bogor, coop_manager):
    workbook = Workbook()
    workbook.active.append(["koperasi_id", "tahun_buku", "tanggal_rat", "total_aset"])
    workbook.active.append([ksp_bogor.pk, 2024, "15-03-2025", "1250000000"])
    workbook.active.append([ksp_bogor.pk, 2023, "10-03-2024", "1000000000"])
    path = tmp_path / "laporan.xlsx"
    workbook.save(path)
    result = import_reports(actor=coop_manager, path=str(path), submit=True)
    assert (result.created, result.rejected) == (2, [])
    assert reports_now() == {(BOGOR, 2024): [1, 0, 0, 0], (BOGOR, 2023): [1, 0, 0, 0]}
    assert tallies.differences() == []


def test_a_refused_write_changes_no_tally(submitted, officer_bandung):
    before = (reports_now(), assessments_now())
    with pytest.raises(PermissionDenied):
        services.annual_report_verify(actor=officer_bandung, report=submitted)
    assert (reports_now(), assessments_now()) == before == ({(BOGOR, 2024): [1, 0, 0, 0]}, {})


def test_an_invalid_write_changes_no_tally(coop_manager, ksp_bogor, values):
    report = services.annual_report_create(
        actor=coop_manager, cooperative=ksp_bogor, year=2024, values=values
    )
    with pytest.raises(ValidationError):
        services.annual_report_submit(actor=coop_manager, report=report)  # no RAT date
    assert reports_now() == {}


def test_a_write_failing_after_the_tally_rolls_it_back(submitted, officer_bogor, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("pemberitahuan gagal")

    monkeypatch.setattr(notices, "report_verified", broken)
    with pytest.raises(RuntimeError):
        services.annual_report_verify(actor=officer_bogor, report=submitted)
    assert reports_now() == {(BOGOR, 2024): [1, 0, 0, 0]}
    assert assessments_now() == {}
    assert tallies.differences() == []


def test_randomized_writes_agree_with_a_recount(coop_manager, officer_bogor, ksp_bogor, values, answers):
    rng = random.Random(12)
    others = [CooperativeProfileFactory(region=code) for code in ("32.71.03.1002", "32.71.06.1001")]
    cooperatives = [ksp_bogor, *others]
    for _ in range(60):
        cooperative = rng.choice(cooperatives)
        year = rng.choice((2022, 2023, 2024))
        report = AnnualReport.objects.filter(cooperative=cooperative, year=year).first()
        try:
            if report is None:
                services.annual_report_create(
                    actor=officer_bogor,
                    cooperative=cooperative,
                    year=year,
                    rat_date=rng.choice((None, dt.date(year + 1, 3, 1))),
                    values=values,
                    manajemen=answers,
                )
            elif report.status in ("draft", "returned"):
                action = rng.choice(("submit", "submit", "update", "move", "delete"))
                if action == "submit":
                    services.annual_report_submit(actor=officer_bogor, report=report)
                elif action == "update":
                    services.annual_report_update(
                        actor=officer_bogor, report=report, rat_date=dt.date(year + 1, 4, 2)
                    )
                elif action == "move":
                    services.annual_report_update(
                        actor=officer_bogor, report=report, year=rng.choice((2021, 2025))
                    )
                else:
                    services.annual_report_delete(actor=officer_bogor, report=report)
            elif report.status == "submitted":
                if rng.random() < 0.4:
                    services.annual_report_return(actor=officer_bogor, report=report, comment="Periksa lagi.")
                else:
                    services.annual_report_verify(actor=officer_bogor, report=report)
            else:
                services.assessment_score(
                    actor=officer_bogor, report=report, rules=rng.choice(("perdep-06-2016", "permen-14-2009"))
                )
        except ValidationError:
            pass
    assert AnnualReport.objects.filter(status="verified").exists()
    assert tallies.differences() == []
    assert health_lines() == []


def test_verify_reports_and_repairs_a_health_difference(verified):
    ReportTally.objects.filter(region_code=BOGOR, year=2024).update(verified=3)
    lines = health_lines()
    assert lines == [
        "Laporan tahunan di 32.71.06.1001, tahun buku 2024: terverifikasi tercatat 3, dihitung 1"
    ]
    assert set(lines) <= set(verify.repair())
    assert health_lines() == []
    assert reports_now() == {(BOGOR, 2024): [0, 1, 0, 1]}


def test_verify_names_a_missing_assessment_row(verified):
    AssessmentTally.objects.filter(layer=0).delete()
    assert health_lines() == [
        "Penilaian kesehatan di 32.71.06.1001, tahun buku 2024, Cukup Sehat, resmi: tercatat 0, dihitung 1"
    ]


def test_rebuild_gives_what_the_writes_kept(verified, coop_manager, ksp_bogor, values):
    services.annual_report_create(
        actor=coop_manager, cooperative=ksp_bogor, year=2023, rat_date=dt.date(2024, 3, 1), values=values
    )
    kept = (reports_now(), assessments_now())
    tallies.rebuild()
    assert (reports_now(), assessments_now()) == kept


# --- selectors ----------------------------------------------------------------------------------


@pytest.fixture
def spread(officer_bogor):
    """Verified reports in two kecamatan of Kota Bogor and one in Kota Bandung, counted by rebuild."""
    for region in ("32.71.06.1001", "32.71.06.1001", "32.71.03.1002", "32.73.01.1001"):
        AnnualReportFactory(cooperative=CooperativeProfileFactory(region=region), year=2024)
    AnnualReportFactory(
        cooperative=CooperativeProfileFactory(region="32.71.03.1002"), year=2024, status="submitted"
    )
    tallies.rebuild()


def test_report_tally_drills_down_by_place(spread):
    assert report_tally(region="32.71") == [
        {"place": "32.71.03", "submitted": 1, "verified": 1, "returned": 0, "rat_held": 1},
        {"place": "32.71.06", "submitted": 0, "verified": 2, "returned": 0, "rat_held": 2},
    ]
    assert report_totals(region="")["verified"] == 4
    assert report_tally(region="32", by=("place", "year")) == [
        {"place": "32.71", "year": 2024, "submitted": 1, "verified": 3, "returned": 0, "rat_held": 3},
        {"place": "32.73", "year": 2024, "submitted": 0, "verified": 1, "returned": 0, "rat_held": 1},
    ]


def test_selectors_keep_to_the_users_jurisdiction(spread, officer_bogor):
    assert report_totals(user=officer_bogor, region="32")["verified"] == 3
    assert assessment_totals(user=officer_bogor, region="32", year=2024) == {"count": 0}


def test_assessment_tally_groups_by_predicate(verified):
    assert assessment_tally(region="32.71.06", by=("place", "predicate", "official")) == [
        {"place": BOGOR, "predicate": "cukup_sehat", "official": True, "count": 1}
    ]
    with pytest.raises(ValueError):
        assessment_tally(by=("rules",))


def test_the_data_migration_fills_what_the_writes_kept(verified, coop_manager, ksp_bogor, values):
    import importlib

    from django.apps import apps

    services.annual_report_create(
        actor=coop_manager, cooperative=ksp_bogor, year=2023, rat_date=dt.date(2024, 3, 1), values=values
    )
    services.annual_report_submit(actor=coop_manager, report=AnnualReport.objects.get(year=2023))
    kept = (reports_now(), assessments_now())
    assert kept == (
        {(BOGOR, 2024): [0, 1, 0, 1], (BOGOR, 2023): [1, 0, 0, 0]},
        {(BOGOR, 2024, "cukup_sehat", True): [1]},
    )
    importlib.import_module("sinergi.health.migrations.0005_fill_tallies").fill(apps, None)
    assert (reports_now(), assessments_now()) == kept


def test_a_registry_move_takes_the_reports_to_the_new_village(draft, coop_manager, officer_bogor):
    from sinergi.registry.services import organization_move_request

    services.annual_report_submit(actor=coop_manager, report=draft)
    services.annual_report_verify(actor=officer_bogor, report=draft)
    # Within Kota Bogor the office moves it at once (Paledang, Bogor Tengah).
    move = organization_move_request(
        actor=officer_bogor, organization=draft.cooperative.organization, region_code="32.71.03.1002"
    )
    assert move.status == "approved"
    assert reports_now() == {("32.71.03.1002", 2024): [0, 1, 0, 1]}
    assert assessments_now() == {("32.71.03.1002", 2024, "cukup_sehat", True): [1]}
    assert tallies.differences() == []
