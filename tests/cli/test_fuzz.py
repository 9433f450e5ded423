"""Issue 13, point 8: no input on the `qonys` command line ends in a Python error.

Hypothesis draws argument vectors over every command and its options (tests/cli/argv_fuzz.py)
and runs ``desktop.cli.main`` in-process on a fresh copy of a demo store. Every run must end
with exit code 0, 1 or 2 — never 70 ("internal error") — and nothing on stderr may be a
traceback. A failure prints the argument vector that caused it.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import desktop.cli
from desktop.services import demo
from tests.cli.argv_fuzz import argv_for, commands, plausible_paths
from tests.conftest import FAST_KDF, PASSWORD

# The desk (no command) would start a GUI; `passwd`, `recover` and `restore` change who can
# log in, which only makes every later command a wrong-password refusal.
SKIP = {
    ("gui",),
    ("passwd",),
    ("recover",),
    ("restore",),
    ("scan", "device"),
    ("scan", "devices"),
    ("demo",),
}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("fuzz") / "store"
    demo.create_demo(store, cases=6, seed=3, password=PASSWORD, kdf=FAST_KDF)
    return store


PARSER = desktop.cli.build_parser()
LEAVES = [(w, p) for w, p in commands(PARSER) if tuple(w) not in SKIP]


def test_every_command_is_drawn() -> None:
    names = {w[0] for w, _ in LEAVES}
    assert {
        "cases",
        "case",
        "checklist",
        "export",
        "import",
        "scan",
        "verify",
        "backup",
        "monitoring",
        "settings",
        "print",
        "reset-chain",
    } <= names


@settings(
    max_examples=160,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_command_line_ends_in_a_python_error(
    data: st.DataObject, pristine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = tmp_path / f"run{next(COUNTER)}"
    run.mkdir()
    store = run / "store"
    shutil.copytree(pristine, store)
    monkeypatch.chdir(run)
    monkeypatch.setenv("QONYS_PASSWORD", PASSWORD)
    monkeypatch.setenv("QONYS_OFFICER", "admin")
    monkeypatch.setenv("QONYS_LOG_DIR", str(run / "log"))
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    plausible = [*plausible_paths(run), "KZ-BER-2026-00001", "1", "passport", "2026-11-20"]
    words, parser = data.draw(st.sampled_from(LEAVES), label="command")
    argv = ["--data-dir", str(store), *data.draw(argv_for(words, parser, plausible), label="argv")]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = desktop.cli.main(argv)
        except SystemExit as exc:  # argparse: usage errors (2) and --help (0)
            code = exc.code if isinstance(exc.code, int) else 2
    assert code in (0, 1, 2), (argv, code, err.getvalue()[-2000:])
    assert "Traceback" not in err.getvalue(), (argv, err.getvalue()[-2000:])


COUNTER = itertools.count()
