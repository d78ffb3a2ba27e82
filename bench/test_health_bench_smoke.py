"""A tiny run of the health benchmark so it cannot rot (the real one is run by hand)."""

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).with_name("health_bench.py")


def test_health_bench_runs_end_to_end(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            str(BENCH),
            "--rows",
            "120",
            "--sample",
            "30",
            "--workers",
            "1",
            "--workdir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert (result["rows"], result["stored"], result["scored"], result["failed"]) == (120, 120, 120, 0)
    assert sum(result["predicates"].values()) == 120
    assert result["sample"] == {"checked": 30, "mismatches": []}
    assert result["ours_s"] > 0 and result["baseline_s"] > 0 and result["ratio"] > 0
    assert result["reports_per_s"] > 0
    # A row keeps the inputs and component scores, a small part of the explanation it can give back.
    assert 0 < result["bytes_per_assessment"] * 5 < result["explanation_bytes"]
