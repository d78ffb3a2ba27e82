"""Every command with `--json` prints exactly one JSON document on stdout, run as a real process.

Scripts read that stdout: a banner, a progress line or a second document breaks them. Run as a
subprocess, the test sees what a script sees, including what native libraries write on file
descriptor 1 (HiGHS printed its banner there). The commands share one migrated SQLite database
of their own, so this module runs once, in the SQLite run of the suite.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class
from openpyxl import Workbook

from sinergi.assistance.tests.test_commands import DOC as SELECTION
from sinergi.health.tests.test_scoring_engine import GOLDEN
from sinergi.purchasing.tests.test_commands_purchasing_solve import INSTANCE
from sinergi.registry.tests.test_importers import UMKM_HEADER, umkm_row

pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="runs once, in the SQLite run: the commands use a SQLite database of their own",
)


def json_commands() -> set[str]:
    """The project's commands that offer `--json`."""
    found = set()
    for name, app in get_commands().items():
        if not app.startswith("sinergi"):
            continue
        parser = load_command_class(app, name).create_parser("sinergi", name)
        if any("--json" in action.option_strings for action in parser._actions):
            found.add(name)
    return found


@pytest.fixture(scope="module")
def sinergi(tmp_path_factory):
    """Run `sinergi ARGS` on a freshly migrated database; returns (exit code, stdout, stderr)."""
    folder = tmp_path_factory.mktemp("commands")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        # Queued work runs in the command's own process: no worker is running for these tests.
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
    }

    def run(*args: str) -> tuple[int, str, str]:
        done = subprocess.run(
            [sys.executable, "-m", "sinergi", *args],
            env=env,
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=120,
        )
        return done.returncode, done.stdout, done.stderr

    code, _out, err = run("migrate", "--noinput")
    assert code == 0, err
    run.folder = folder
    return run


def one_document(stdout: str):
    """The one JSON document on stdout; fails on anything before, after or between."""
    document, end = json.JSONDecoder().raw_decode(stdout.lstrip())
    assert stdout.lstrip()[end:].strip() == "", f"more than one JSON document on stdout: {stdout!r}"
    return document


def _files(folder: Path) -> dict[str, str]:
    instance = folder / "round.json"
    instance.write_text(json.dumps(INSTANCE), encoding="utf-8")
    report = folder / "laporan.json"
    report.write_text(json.dumps(GOLDEN), encoding="utf-8")
    umkm = folder / "umkm.csv"
    with umkm.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(
            [UMKM_HEADER, umkm_row(1, "Keripik Talas Bu Euis"), umkm_row(2, "Toko Rusak", nik="1")]
        )
    sheet = Workbook()
    sheet.active.append(["koperasi_id", "year", "kas"])
    sheet.active.append([999999, 2024, 1000])
    reports = folder / "laporan.xlsx"
    sheet.save(reports)
    selection = folder / "seleksi.json"
    selection.write_text(json.dumps(SELECTION), encoding="utf-8")
    broken = folder / "rusak.json"
    broken.write_text("{not json", encoding="utf-8")
    return {"round": str(instance), "report": str(report), "umkm": str(umkm), "reports": str(reports),
            "broken": str(broken), "selection": str(selection)}  # fmt: skip


def test_every_json_command_prints_one_json_document(sinergi):
    files = _files(sinergi.folder)
    # (command line, expected exit code, a check on the document)
    cases = [
        (["regions_load", "--json"], 0, lambda d: d["total"] == d["created"] > 90_000),
        (["purchasing_solve", files["round"], "--json"], 0,
         lambda d: (d["status"], d["total_cost"], d["savings"]) == ("optimal", 36050000, 1650000)),
        (["purchasing_solve", files["broken"], "--json"], 1,
         lambda d: d["error"] == "JSON tidak valid / Malformed JSON" and len(d["detail"]) == 1),
        (["purchasing_close_due", "--json"], 0, lambda d: d == {"closed": []}),
        (["registry_import", files["umkm"], "--kind", "umkm", "--json"], 0,
         lambda d: (d["created"], [r["line"] for r in d["rejected"]]) == (1, [3])),
        (["registry_dedup", "--kind", "umkm", "--json"], 0, lambda d: (d["kind"], d["pairs"], d["top"]) == ("umkm", 0, [])),
        (["registry_dedup", "--kind", "toko", "--json"], 1, lambda d: d["error"] != ""),
        (["health_assess", files["report"], "--json"], 0, lambda d: d["total"] == "72.05"),
        (["health_import", files["reports"], "--dry-run", "--json"], 0,
         lambda d: (d["created"], d["dry_run"], len(d["rejected"])) == (0, True, 1)),
        (["health_score", "--year", "2024", "--json", "--poll", "0.01"], 0,
         lambda d: (d["year"], d["rules"], d["scored"]) == (2024, "perdep-06-2016", 0)),
        (["health_supervise", "--json"], 0, lambda d: d == {"proposals_created": 0}),
        (["clinic_progress", "--year", "2026", "--json"], 0, lambda d: d == {"year": 2026, "programmes": []}),
        (["clinic_remind", "--json"], 0, lambda d: d == {"recommendations": 0, "visits": 0, "notifications": 0}),
        (["assistance_select", files["selection"], "--json"], 0,
         lambda d: (d["selected"], d["budget_left"], d["stock_left"])
         == ([{"application": 10, "package": 1, "score": "2.300000"}], "2000000", {"1": 0, "2": 3})),
        (["assistance_select", files["broken"], "--json"], 1,
         lambda d: d["error"] == "Berkas bukan JSON yang sah / The file is not valid JSON"),
        (["assistance_daily", "--json"], 0, lambda d: (d["escalated"], d["visits_due"]) == ([], 0)),
        (["market_settle", "--period", "2026-11", "--json"], 0, lambda d: d == {"statements": []}),
        (["market_settle", "--period", "2026-13", "--json"], 1, lambda d: d["error"] != ""),
        (["market_stock_verify", "--json"], 0, lambda d: d == {"differences": [], "repaired": False}),
        (["market_legality_check", "--json"], 0,
         lambda d: d == {"checked": 0, "changed": 0, "expiring": 0, "expired": 0, "notifications": 0}),
        (["partnerships_daily", "--json"], 0, lambda d: set(d.values()) == {0}),
        (["notifications_digest", "--json"], 0, lambda d: d == {"users": 0, "notifications": 0}),
        (["insights_snapshot", "--month", "2026-01", "--json"], 0,
         # the UMKM imported above: its province, regency and kecamatan
         lambda d: d == {"month": "2026-01", "places": 3, "created": 3, "updated": 0}),
    ]  # fmt: skip
    assert {args[0] for args, _code, _check in cases} == json_commands()
    for args, expected_code, check in cases:
        code, out, err = sinergi(*args)
        assert code == expected_code, (args, out, err)
        assert check(one_document(out)), (args, out)
