"""`sinergi purchasing_solve`: thin wrapper around the optimiser, JSON in and out."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

INSTANCE = {
    "suppliers": [
        {"id": "s1", "delivery_fee": {"32.73.01": 150000}},
        {"id": "s2", "delivery_fee": {"32.73.01": 100000, "32.73.02": 100000}},
    ],
    "offers": [
        {
            "supplier": "s1",
            "product": "beras-5kg",
            "tiers": [{"min_qty": 1, "unit_price": 68000}, {"min_qty": 500, "unit_price": 65000}],
        },
        {"supplier": "s2", "product": "beras-5kg", "tiers": [{"min_qty": 1, "unit_price": 69000}]},
    ],
    "orders": [
        {"buyer": "k1", "district": "32.73.01", "product": "beras-5kg", "qty": 300},
        {"buyer": "k2", "district": "32.73.01", "product": "beras-5kg", "qty": 250},
    ],
    "allocation": "proportional",
}
# Alone: k1 300 × 68,000 + 150,000 = 20,550,000 (s2: 20,700,000 + 100,000); k2 250 × 68,000 +
# 150,000 = 17,150,000 (s2: 17,250,000 + 100,000). Σ 37,700,000. Pooled at s1: 550 ≥ 500 units at
# 65,000 = 35,750,000 + 2 × 150,000 = 36,050,000; savings 1,650,000.


def write(tmp_path, data):
    path = tmp_path / "round.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return str(path)


def test_json_plan(tmp_path, capsys):
    call_command("purchasing_solve", write(tmp_path, INSTANCE), "--json")
    plan = json.loads(capsys.readouterr().out)
    assert {key: plan[key] for key in ("status", "gap", "total_cost", "alone_cost", "savings")} == {
        "status": "optimal",
        "gap": 0.0,
        "total_cost": 36050000,
        "alone_cost": 37700000,
        "savings": 1650000,
    }
    assert [(line["buyer"], line["supplier"], line["qty"], line["unit_price"]) for line in plan["lines"]] == [
        ("k1", "s1", 300, 65000),
        ("k2", "s1", 250, 65000),
    ]
    # 36,050,000 × 20,550,000 / 37,700,000 = 19,650,596.82…; × 17,150,000 / … = 16,399,403.18…;
    # floors sum to 36,049,999: the spare Rupiah goes to k1's larger remainder (.82 > .18).
    assert [(b["buyer"], b["alone_cost"], b["pays"], b["saves"]) for b in plan["buyers"]] == [
        ("k1", 20550000, 19650597, 899403),
        ("k2", 17150000, 16399403, 750597),
    ]


def test_stdin_and_readable_summary(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(INSTANCE)))
    call_command("purchasing_solve", "-")
    out = capsys.readouterr().out
    assert out.startswith("optimal, selisih/gap 0.000%: total Rp 36.050.000, sendiri/alone Rp 37.700.000, ")
    assert "  k1  beras-5kg  300 × Rp 65.000  ← s1\n" in out
    assert "  k2: bayar/pays Rp 16.399.403, sendiri/alone Rp 17.150.000, hemat/saves Rp 750.597\n" in out


def test_unservable_line(tmp_path, capsys):
    data = {**INSTANCE, "orders": [{"buyer": "k3", "district": "32.73.03", "product": "beras-5kg", "qty": 5}]}
    with pytest.raises(CommandError):
        call_command("purchasing_solve", write(tmp_path, data), "--json")
    assert json.loads(capsys.readouterr().out) == {
        "error": "Instance tidak valid / Invalid instance",
        "detail": ["line 1 (k3, beras-5kg): no supplier offering it delivers to district 32.73.03"],
    }


def test_invalid_tiers(tmp_path, capsys):
    offers = [{"supplier": "s1", "product": "beras-5kg", "tiers": [{"min_qty": 5, "unit_price": 68000}]}]
    with pytest.raises(CommandError, match="the first tier must start at min_qty 1"):
        call_command("purchasing_solve", write(tmp_path, {**INSTANCE, "offers": offers}), "--json")
    assert json.loads(capsys.readouterr().out)["detail"][0] == (
        "offer s1/beras-5kg: the first tier must start at min_qty 1, not 5"
    )


def test_malformed_json(tmp_path, capsys):
    with pytest.raises(CommandError):
        call_command("purchasing_solve", write(tmp_path, '{"suppliers": ['), "--json")
    error = json.loads(capsys.readouterr().out)
    assert error["error"] == "JSON tidak valid / Malformed JSON"
    assert len(error["detail"]) == 1


def test_fractional_money_is_rejected(tmp_path, capsys):
    text = json.dumps(INSTANCE).replace("68000", "68000.5")
    with pytest.raises(CommandError):
        call_command("purchasing_solve", write(tmp_path, text), "--json")
    assert json.loads(capsys.readouterr().out)["detail"] == [
        "offer 1 (s1/beras-5kg) tier 1: 'unit_price' must be a whole number, not Decimal('68000.5')"
    ]


def test_missing_file(tmp_path, capsys):
    with pytest.raises(CommandError, match="Cannot read the file"):
        call_command("purchasing_solve", str(tmp_path / "nope.json"), "--json")
    assert json.loads(capsys.readouterr().out)["error"] == "Berkas tidak dapat dibaca / Cannot read the file"
