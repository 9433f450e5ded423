"""kill -9 in the middle of committed writes loses nothing committed and leaves no half-write."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.services import cases, session
from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 12


@pytest.mark.slow
def test_kill_9_loses_nothing_committed(demo_dir: Path) -> None:
    rng = random.Random(4)
    committed: set[int] = set()
    for _ in range(ROUNDS):
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.storage.crash_writer", str(demo_dir)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert child.stdout is not None
        # Wait for a first commit so every round kills a process that is writing.
        first = child.stdout.readline()
        assert first.strip().isdigit(), "the writer did not start"
        committed.add(int(first))
        time.sleep(rng.uniform(0.05, 0.4))
        child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate()
        committed.update(int(line) for line in rest.split() if line.strip().isdigit())
    ctx = session.login(demo_dir, "admin", PASSWORD)
    try:
        assert ctx.store.integrity() == ["ok"]
        for case_id in committed:
            detail = cases.get_case(ctx, case_id)
            # Both writes of a reported case are there (the id is printed after both).
            assert detail.questionnaire.patronymic == "Қайратұлы"
            assert [e.kind for e in detail.events] == ["case_opened", "questionnaire_updated"]
        assert session.audit_report(ctx).ok
    finally:
        ctx.close()
    assert len(committed) >= ROUNDS
