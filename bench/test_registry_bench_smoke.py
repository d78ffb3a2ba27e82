"""A tiny run of the registry benchmark so it cannot rot (the real one is run by hand)."""

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).with_name("registry_bench.py")


def test_registry_bench_runs_end_to_end(tmp_path):
    args = [
        "--rows",
        "400",
        "--small-rows",
        "100",
        "--coops",
        "300",
        "--repeats",
        "2",
        "--workdir",
        str(tmp_path),
    ]
    done = subprocess.run(
        [sys.executable, str(BENCH), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["created"] >= 395 and result["rejected"] == 0
    assert result["import_ratio"] > 0 and set(result["list_ms_big"]) >= {
        "first_page",
        "name_search",
        "trivial",
    }
    assert 0.0 <= result["precision"] <= 1.0 and 0.0 <= result["recall"] <= 1.0
    assert result["coop_rows"] >= 300 and result["coop_created"] >= 1
    assert 0.0 <= result["coop_precision"] <= 1.0 and 0.0 <= result["coop_recall"] <= 1.0
    assert result["coop_dedup_vs_import"] >= 0
