"""Issue 13, point 8: no input on the `qonys-department` command line ends in a Python error.

As tests/cli/test_fuzz.py for `qonys`: hypothesis draws argument vectors over every command
and option of the Department's console and runs ``main`` in-process on a fresh copy of an
enrolled Department store, with a real mission package, a real decision package, a damaged
file and a folder among the files it may be given. Exit codes 0, 1, 2 only; no traceback.
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

from desktop.department import cli
from desktop.department.service import Department
from tests.cli.argv_fuzz import argv_for, commands, plausible_paths
from tests.department.helpers import BUNDLE_PASSWORD, case, export, identity

PASSWORD = "department-fuzz-pw"
LEAVES = [(w, p) for w, p in commands(cli.build_parser()) if w != ["init"]]
COUNTER = itertools.count()


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    base = tmp_path_factory.mktemp("dep-fuzz")
    dep = Department.init(base / "department", {"admin": PASSWORD})
    try:
        bundle = base / "ber.bundle"
        bundle.write_bytes(dep.enrol_mission("KZ-BER", "Embassy in Berlin", BUNDLE_PASSWORD))
        [pkg] = export(identity(bundle), base / "usb", [case(1)], sequence=1, previous=None)
        foreign = base / "other"
        other = Department.init(foreign, {"admin": PASSWORD})
        try:
            other_bundle = base / "other.bundle"
            other_bundle.write_bytes(other.enrol_mission("KZ-BER", "x", BUNDLE_PASSWORD))
            [stranger] = export(
                identity(other_bundle), base / "foreign", [case(2)], sequence=1, previous=None
            )
        finally:
            other.close()
    finally:
        dep.close()
    files = [str(pkg.path), str(stranger.path), str(bundle)]
    return base / "department", files


def test_every_command_is_drawn() -> None:
    names = {w[0] for w, _ in LEAVES}
    assert {"receive", "decide", "send", "cases", "reset-chain", "trust-list"} <= names


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_department_command_line_ends_in_a_python_error(
    data: st.DataObject,
    pristine: tuple[Path, list[str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source, files = pristine
    run = tmp_path / f"run{next(COUNTER)}"
    run.mkdir()
    store = run / "department"
    shutil.copytree(source, store)
    monkeypatch.chdir(run)
    for name in (
        "QONYS_PASSWORD",
        "QONYS_BUNDLE_PASSWORD",
        "QONYS_KEY_PASSWORD",
        "QONYS_NEW_PASSWORD",
    ):
        monkeypatch.setenv(name, PASSWORD if name == "QONYS_PASSWORD" else "fuzz-pw-12345")
    monkeypatch.delenv("QONYS_DEPARTMENT_DB", raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    # `serve` would serve until stopped: its options and checks run, the serving does not
    # (tests/online start real servers).
    monkeypatch.setattr("desktop.department.server.run", lambda *args, **kwargs: None)
    plausible = [
        *plausible_paths(run),
        *files,
        "KZ-BER",
        "KZ-BER-2026-0001",
        "case-1",
        "2026-11-20",
        "1",
    ]
    words, parser = data.draw(st.sampled_from(LEAVES), label="command")
    argv = ["--data-dir", str(store), *data.draw(argv_for(words, parser, plausible), label="argv")]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    assert code in (0, 1, 2), (argv, code, err.getvalue()[-2000:])
    assert "Traceback" not in err.getvalue(), (argv, err.getvalue()[-2000:])


def test_a_package_from_an_unknown_ca_is_one_line_without_a_traceback(
    pristine: tuple[Path, list[str]], tmp_path: Path
) -> None:
    """pyHanko logs a traceback for a certificate path it cannot build; none reaches stderr.
    (A real process: in-process, pytest's own log capture would hide what a user sees.)"""
    import os
    import subprocess

    source, files = pristine
    store = tmp_path / "department"
    shutil.copytree(source, store)
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from desktop.department.cli import main; raise SystemExit(main())",
            "--data-dir",
            str(store),
            "receive",
            files[1],
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(root), "QONYS_PASSWORD": PASSWORD},
    )
    name = Path(files[1]).name
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"{name}: refused — {name} is signed by a certificate this side did not issue or does "
        "not trust (unknown sender); refused"
    ]
