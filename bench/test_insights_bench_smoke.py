"""A tiny run of the insights benchmark so it cannot rot (the real one is run by hand)."""

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).with_name("insights_bench.py")


def test_insights_bench_runs_end_to_end(tmp_path):
    args = [
        "--big",
        "300",
        "--small",
        "100",
        "--import-rows",
        "200",
        "--repeats",
        "1",
        "--workdir",
        str(tmp_path),
    ]
    done = subprocess.run(
        [sys.executable, str(BENCH), *args], capture_output=True, text=True, check=False, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["scenario"] == "insights"
    assert set(result["dashboard_ratio_cold"]) == {"regency", "kecamatan", "province", "api_regency"}
    # The generated sheet plants a few duplicate rows beside the 200 asked for: each is a row too.
    assert result["import_created"] == result["import_rows"] >= 200
    assert result["verify_differences"] == 0
    assert 0 < result["tally_share"] < 1
