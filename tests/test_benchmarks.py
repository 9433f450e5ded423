"""Every benchmark still runs: each command, with tiny inputs, prints its figures and targets.

The figures themselves are not asserted (speed targets live in bench/, not in tests); this
keeps the commands that administrators and the issues cite from rotting unseen.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
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


def test_shared_store_benchmark_times_kept_stores_again() -> None:
    """`--keep DIR`: the first run builds both stores and keeps them (and the server's data);
    the second times them again without building."""
    # Not in pytest's tmp_path: run as root, the server runs as `postgres`, which must reach
    # its data folder (pytest's folders are the owner's only).
    kept = Path(tempfile.mkdtemp(prefix="qonys-bench-kept-"))
    kept.chmod(0o755)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    argv = [sys.executable, "-m", "bench.shared_store", "--cases", "200", "--desks", "0"]
    try:
        runs = []
        for _ in range(2):
            done = subprocess.run(
                [*argv, "--keep", str(kept / "stores")],
                cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False,
            )  # fmt: skip
            runs.append(done)
        for done in runs:
            assert done.returncode == 0, done.stderr[-2000:]
            assert "IIN lookup" in done.stdout and "target" in done.stdout
        assert "building both stores" in runs[0].stdout
        assert "building" not in runs[1].stdout
        assert "200 cases" in runs[1].stdout  # the kept stores, found again on a new port
    finally:
        shutil.rmtree(kept, ignore_errors=True)
