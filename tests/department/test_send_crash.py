"""A Department `send` killed (-9) at any step leaves no package the database does not know.

Before, the package was renamed to its real name before the commit: a kill in between left a
signed package with a number the database would give again. Now the real name appears only
after the commit; a send killed after the commit is finished by the next one.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.department.service import Department
from desktop.department.store import SentPackage
from desktop.sync import exchange, package
from tests.department.conftest import PASSWORD
from tests.department.helpers import case, export

ROOT = Path(__file__).resolve().parents[2]


def _kill_send_at(run, out: Path, point: str) -> None:  # type: ignore[no-untyped-def]
    child = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.department.send_child",
            str(run.data_dir),
            run.db_url or "-",
            str(out),
            point,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.returncode == -signal.SIGKILL, child.stderr


def _sent(run) -> list[tuple[int, str, str]]:  # type: ignore[no-untyped-def]
    dep = Department.open(run.data_dir, "admin", PASSWORD, db_url=run.db_url)
    try:
        with dep.uow() as s:
            return [
                (p.sequence, p.sha256, p.file_name)
                for p in s.scalars(select(SentPackage).order_by(SentPackage.sequence))
            ]
    finally:
        dep.close()


def _chain(me: exchange.Identity, paths: list[Path]) -> None:
    """The mission accepts the packages in order: numbers and previous-package hashes agree."""
    state = package.ChannelState(0, None)
    seen: dict[int, package.Link] = {}
    for path in paths:
        incoming = exchange.open_incoming(path, me, state, seen.get)
        v = incoming.verified
        seen[incoming.manifest.sequence] = package.Link(v.sha256, v.manifest_sha256)
        state = package.ChannelState(incoming.manifest.sequence, v.sha256, v.manifest_sha256)


@pytest.fixture
def decided(run, enrolled, tmp_path: Path):  # type: ignore[no-untyped-def]
    [pkg] = export(enrolled, tmp_path / "in", [case(1), case(2)], sequence=1, previous=None)
    assert run("receive", str(pkg.path))[0] == 0
    code, _, err = run(
        "decide",
        "KZ-BER-2026-0001",
        "--kind",
        "permission",
        "--police-department",
        "Алматы ПД",
        "--number",
        "7/26",
        "--date",
        dt.date(2026, 11, 20).isoformat(),
    )
    assert code == 0, err
    return enrolled


@pytest.mark.slow
@pytest.mark.parametrize("point", ["writing", "written"])
def test_send_killed_before_its_commit(run, decided, tmp_path: Path, point: str) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "back"
    out.mkdir()
    _kill_send_at(run, out, point)
    assert _sent(run) == []
    # Nothing anyone could carry; what is left is hidden and unnamed as a package.
    assert not list(out.glob("*.qpkg"))
    assert list(out.iterdir())
    code, stdout, err = run("send", "--mission", "KZ-BER", "--out", str(out))
    assert code == 0, err
    assert "package 1 for KZ-BER: 1 decisions" in stdout and "finished the earlier" not in stdout
    # Issue 13, point 7: the leftovers are removed, and the send says so.
    assert "removed, left by an interrupted send (it was never recorded)" in stdout
    # The number is given again, and the leftovers are gone.
    assert sorted(p.name for p in out.iterdir()) == ["CSD-to-KZ-BER-000001.qpkg"]
    [(_, sha, name)] = _sent(run)
    assert (
        package.verify_package(
            out / name, [decided.ca], recipient="KZ-BER", recipient_cert=decided.encryption_cert
        ).sha256
        == sha
    )
    _chain(decided, [out / name])


@pytest.mark.slow
def test_send_killed_after_its_commit_is_finished_by_the_next(run, decided, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "back"
    out.mkdir()
    _kill_send_at(run, out, "committed")
    [(seq, sha, name)] = _sent(run)
    assert seq == 1 and not (out / name).exists()
    # The next send (to another folder, even) publishes package 1 where it was written.
    other = tmp_path / "other"
    code, stdout, err = run("send", "--mission", "KZ-BER", "--out", str(other))
    assert code == 0, err
    assert f"{out / name}: finished the earlier package" in stdout
    assert "package 2 for KZ-BER" in stdout
    assert sorted(p.name for p in out.iterdir()) == [name]
    assert [s[0] for s in _sent(run)] == [1, 2]
    first = package.verify_package(
        out / name, [decided.ca], recipient="KZ-BER", recipient_cert=decided.encryption_cert
    )
    assert first.sha256 == sha
    _chain(decided, [out / name, other / "CSD-to-KZ-BER-000002.qpkg"])
    # And nothing left to finish afterwards.
    code, stdout, err = run("send", "--mission", "KZ-BER", "--out", str(other))
    assert code == 0 and "interrupted" not in stdout and "package 3" in stdout
