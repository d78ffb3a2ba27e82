"""A tiny run of the purchasing benchmark, so that it cannot rot (the real run is by hand)."""

import json

import purchasing_bench

TINY = {"cooperatives": 12, "products": 10, "per_cooperative": 4}


def test_generated_round_is_realistic_and_servable():
    instance = purchasing_bench.generate_instance(seed=3, **TINY)
    assert {line.district for line in instance.orders} <= set(purchasing_bench.DISTRICTS)
    assert len({line.product for line in instance.orders}) <= TINY["products"]
    assert len(instance.suppliers) == 5
    beras = [o for o in instance.offers if o.product == "beras-premium-5kg"]
    # 5 kg of Badan Pangan's Bandung price (≈ Rp 15,300/kg), at wholesale: Rp 60,000–80,000 a sack.
    assert beras and all(60_000 <= o.tiers[0].unit_price <= 80_000 for o in beras)


def test_benchmark_line(monkeypatch, capsys):
    monkeypatch.setattr(purchasing_bench, "SMALL", TINY)
    purchasing_bench.main(["--small", "--seed", "3"])
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    figures = json.loads(out)
    assert figures["ours_status"] == "optimal"
    assert figures["monolithic_status"] == "Optimal"
    assert figures["ours_gap"] <= 0.001
    # Both answers are proven within 0.1 % of the same optimum.
    assert abs(figures["total_cost"] - figures["monolithic_cost"]) <= 0.002 * figures["total_cost"]
    assert figures["lower_bound"] <= figures["total_cost"] <= figures["alone_cost"]
    assert figures["savings"] == figures["alone_cost"] - figures["total_cost"]
