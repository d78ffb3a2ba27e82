"""`sinergi health_assess`: one JSON document on stdout, readable tables, errors that exit non-zero."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from sinergi.health.scoring import assess, assess_indicative
from sinergi.health.tests.test_scoring_engine import GOLDEN, GOLDEN_DICT, INCOMPLETE

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def report_file(tmp_path):
    def write(data, name="laporan.json"):
        path = tmp_path / name
        path.write_text(json.dumps(data), encoding="utf-8")
        return str(path)

    return write


def test_json_for_one_report_is_one_object(report_file, capsys):
    call_command("health_assess", report_file(GOLDEN), "--json")
    out = capsys.readouterr().out
    assert json.loads(out) == GOLDEN_DICT


def test_json_for_a_list_is_a_list(report_file, capsys):
    call_command("health_assess", report_file([GOLDEN, INCOMPLETE]), "--json")
    documents = json.loads(capsys.readouterr().out)
    assert [d["total"] for d in documents] == ["72.05", "53.60"]
    assert [d["predicate"] for d in documents] == ["cukup_sehat", None]


def test_rules_and_indicative_options(report_file, capsys):
    call_command("health_assess", report_file(GOLDEN), "--json", "--rules", "permen-14-2009")
    assert json.loads(capsys.readouterr().out) == assess(GOLDEN, rules="permen-14-2009").to_dict()
    call_command("health_assess", report_file(GOLDEN), "--json", "--indicative")
    document = json.loads(capsys.readouterr().out)
    assert document == assess_indicative(GOLDEN).to_dict()
    assert (document["official"], document["total"]) == (False, "66.00")


def test_reads_stdin_with_a_dash(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(GOLDEN)))
    call_command("health_assess", "-", "--json")
    assert json.loads(capsys.readouterr().out)["total"] == "72.05"


def test_decimal_amounts_in_the_file_stay_exact(report_file, capsys):
    path = Path(report_file({}))
    path.write_text('{"modal_sendiri": 46.405, "total_aset": 100}', encoding="utf-8")
    call_command("health_assess", str(path), "--json")
    assert json.loads(capsys.readouterr().out)["aspects"][0]["components"][0]["ratio"] == "46.41"


def test_readable_table_per_report(report_file, capsys):
    call_command("health_assess", report_file([GOLDEN, INCOMPLETE]))
    out = capsys.readouterr().out
    assert out.count("Penilaian kesehatan koperasi / Cooperative health assessment") == 2
    assert "Total: 72.05   Predikat / Predicate: Cukup Sehat / Fairly sound (cukup_sehat)" in out
    assert "1a   Rasio modal sendiri terhadap total aset" in out
    assert "40 < x ≤ 60" in out
    assert "Total: 53.60   Predikat / Predicate: – (belum lengkap / incomplete)" in out
    assert "Data kurang / Missing: atmr, hibah, manajemen.likuiditas, modal_tertimbang" in out


def test_indicative_table_says_unofficial(report_file, capsys):
    call_command("health_assess", report_file(GOLDEN), "--indicative")
    out = capsys.readouterr().out
    assert "INDIKATIF, TIDAK RESMI / INDICATIVE, UNOFFICIAL" in out
    assert "Jumlah skor / Sum of scores: 36.30 / 55.00" in out


def test_invalid_reports_print_a_json_error_and_fail(report_file, capsys):
    with pytest.raises(CommandError):
        call_command("health_assess", report_file([GOLDEN, {"kas": "abc"}, {"kass": 1}]), "--json")
    assert json.loads(capsys.readouterr().out) == {
        "error": "Laporan tidak valid / Invalid report",
        "detail": [
            "[1] kas: 'abc' bukan angka desimal / is not a decimal number",
            "[2] kass: kolom tidak dikenal / unknown field",
        ],
    }


def test_invalid_report_without_json_fails_with_the_detail(report_file, capsys):
    with pytest.raises(CommandError) as caught:
        call_command("health_assess", report_file({"bank": -1}))
    assert "bank: tidak boleh negatif (-1) / must not be negative (-1)" in str(caught.value)
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ("{not json", "Berkas bukan JSON yang sah / The file is not valid JSON"),
        ('{"kas": NaN}', "Berkas bukan JSON yang sah / The file is not valid JSON"),
    ],
)
def test_unreadable_json_is_an_error(tmp_path, capsys, content, error):
    path = tmp_path / "rusak.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("health_assess", str(path), "--json")
    assert json.loads(capsys.readouterr().out)["error"] == error


def test_missing_file_and_unknown_rules_are_errors(report_file, tmp_path, capsys):
    with pytest.raises(CommandError):
        call_command("health_assess", str(tmp_path / "tidak-ada.json"), "--json")
    assert json.loads(capsys.readouterr().out)["error"] == "Berkas tidak dapat dibaca / Cannot read the file"
    with pytest.raises(CommandError):
        call_command("health_assess", report_file(GOLDEN), "--json", "--rules", "juknis-15-2021")
    document = json.loads(capsys.readouterr().out)
    assert document["error"] == "Aturan penilaian tidak dikenal / Unknown rule set: 'juknis-15-2021'"


def test_the_real_command_line_exits_non_zero_with_one_json_document(report_file):
    ok = subprocess.run(
        [sys.executable, "-m", "sinergi", "health_assess", report_file(GOLDEN), "--json"],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout) == GOLDEN_DICT
    failed = subprocess.run(
        [sys.executable, "-m", "sinergi", "health_assess", report_file({"kas": "x"}), "--json"],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert failed.returncode != 0
    assert json.loads(failed.stdout)["detail"] == ["kas: 'x' bukan angka desimal / is not a decimal number"]
    assert "CommandError" in failed.stderr
