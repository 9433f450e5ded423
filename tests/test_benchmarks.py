"""Every benchmark still runs: each command, with tiny inputs, prints its figures and targets.

The figures themselves are not asserted (speed targets live in bench/, not in tests); this
keeps the commands that administrators and the issues cite from rotting unseen.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

SMALL = {
    "store": ["--cases", "300"],
    "shared_store": ["--cases", "300", "--desks", "2", "--per-desk", "10"],
    "desk": ["--cases", "300", "--runs", "1", "--login-runs", "1"],
    "procedure": ["--cases", "100"],
    "documents": ["--runs", "2", "--batch", "2"],
    "exchange": ["--scan-mb", "4", "--page-kb", "512", "--cases", "50"],
    "scanning": ["--samples=3", "--pages=1", "--copies=1", "--camera=2", "--small=2"],
    "backup": ["--size-mb", "4", "--runs", "1", "--skip-startup"],
    "verifier": ["--runs", "3"],
    "console": ["--cases", "2000", "--missions", "4", "--sessions", "4", "--runs", "3"],
    "sync": ["--size-mb", "2", "--cases", "20"],
}


def test_every_benchmark_is_covered() -> None:
    modules = {p.stem for p in (ROOT / "bench").glob("*.py")} - {
        "__init__",
        "__main__",
        "common",
        "login_probe",
    }
    assert modules == set(SMALL)


@pytest.mark.parametrize("name", sorted(SMALL))
def test_benchmark_runs_and_prints_its_targets(name: str) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", f"bench.{name}", *SMALL[name]],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert "target" in done.stdout
