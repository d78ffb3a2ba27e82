"""`assistance_select` (one JSON document, clear errors) and `assistance_daily`."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

DOC = {
    "budget": "5000000",
    "target_regions": ["32.71.06"],
    "max_scale": "mikro",
    "min_months_operating": 12,
    "weights": {"retail_nearby": "2", "revenue_drop": "1"},
    "packages": [{"id": 1, "unit_cost": "3000000", "stock": 1}, {"id": 2, "unit_cost": "2500000", "stock": 3}],
    "applications": [
        {"id": 10, "package": 1, "region": "32.71.06.1001", "scale": "mikro", "months_operating": 30,
         "aided_recently": False, "nik_valid": True, "applied_at": "2026-03-01T08:00:00+07:00",
         "criteria": {"retail_nearby": 0.9, "revenue_drop": 0.5}},
        {"id": 11, "package": 2, "region": "32.71.06.1002", "scale": "mikro", "months_operating": 30,
         "aided_recently": False, "nik_valid": True, "applied_at": "2026-03-01T09:00:00+07:00",
         "criteria": {"retail_nearby": 0.5, "revenue_drop": 0.5}},
        {"id": 12, "package": 2, "region": "32.71.06.1002", "scale": "mikro", "months_operating": 30,
         "aided_recently": False, "nik_valid": True, "applied_at": "2026-03-01T07:00:00+07:00",
         "criteria": {"retail_nearby": 0.5, "revenue_drop": 0.5}},
        {"id": 13, "package": 1, "region": "32.73.01.1001", "scale": "menengah", "months_operating": 3,
         "aided_recently": True, "nik_valid": False, "applied_at": "2026-03-01T07:00:00+07:00", "criteria": {}},
    ],
}  # fmt: skip


def run(tmp_path, doc, *args):
    path = tmp_path / "in.json"
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc))
    out = io.StringIO()
    call_command("assistance_select", str(path), *args, stdout=out)
    return out.getvalue()


def test_select_json(tmp_path):
    assert json.loads(run(tmp_path, DOC, "--json")) == {
        "selected": [{"application": 10, "package": 1, "score": "2.300000"}],
        "skipped": [{"application": 12, "reason": "budget"}, {"application": 11, "reason": "budget"}],
        "ineligible": [{"application": 13, "reasons": ["region", "scale", "months", "aided", "nik"]}],
        "budget_left": "2000000",
        "stock_left": {"1": 0, "2": 3},
    }


def test_bad_input_exits_non_zero_with_one_json_error(tmp_path):
    out = io.StringIO()
    path = tmp_path / "in.json"
    path.write_text("{not json")
    with pytest.raises(CommandError):
        call_command("assistance_select", str(path), "--json", stdout=out)
    assert json.loads(out.getvalue())["error"] == "Berkas bukan JSON yang sah / The file is not valid JSON"
    bad = {**DOC, "packages": [{"id": 1, "unit_cost": "x", "stock": 1}]}
    with pytest.raises(CommandError, match="unit_cost"):
        run(tmp_path, bad)


@pytest.mark.django_db
def test_daily_prints_one_json_document(db):
    out = io.StringIO()
    call_command("assistance_daily", "--json", stdout=out)
    document = json.loads(out.getvalue())
    assert (document["escalated"], document["visits_due"]) == ([], 0)
