"""A Department killed (-9) in the middle of `receive` keeps nothing half-applied."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.department.service import Department
from tests.department.conftest import PASSWORD
from tests.department.helpers import case, export

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_kill_during_receive(run, enrolled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    n_cases, pages = 120, 2
    [pkg] = export(
        enrolled,
        tmp_path / "out",
        [case(i, pages=pages, page_size=40_000) for i in range(n_cases)],
        sequence=1,
        previous=None,
    )
    argv = [sys.executable, "-m", "desktop.department.cli", "--data-dir", str(run.data_dir)]
    if run.db_url:
        argv += ["--db", run.db_url]
    argv += ["receive", str(pkg.path)]
    env = {**os.environ, "QONYS_PASSWORD": PASSWORD, "PYTHONPATH": str(ROOT)}

    # How long an uninterrupted receive takes here, measured on a copy of the store is not
    # possible (the store is the thing under test), so spread the kills over a wide window.
    killed_mid_way = 0
    for delay in (0.3, 0.6, 0.9, 1.2, 1.5, 1.8, 2.1, 2.5, 3.0, 3.5, 4.0):
        proc = subprocess.Popen(
            argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        time.sleep(delay)
        proc.kill()
        out, err = proc.communicate()
        assert b"Traceback" not in err
        dep = Department.open(run.data_dir, "admin", PASSWORD, db_url=run.db_url)
        try:
            cases = dep.cases()
            scans = dep.scan_count()
        finally:
            dep.close()
        # All or nothing: never some cases, never cases without their scans.
        assert (len(cases), scans) in {(0, 0), (n_cases, n_cases * pages)}, (len(cases), scans)
        if cases:
            break
        killed_mid_way += 1
    assert killed_mid_way >= 1
    code, out, err = run("receive", str(pkg.path))
    assert code == 0, err
    assert ("accepted package 1" in out) or ("replay" in out)
    code, out, _ = run("cases", "--json")
    assert len(json.loads(out)) == n_cases
