"""Issue 13, point 6: an export killed (-9) never leaves a package the outbox does not know.

The export writes under a hidden name, commits its outbox rows, and only then gives the
package its real name (as the Department's ``send``). Killed before the commit, it leaves a
hidden file that the next export removes; killed after, a hidden file that the next export
publishes. A package under a carriable name is always one the outbox has recorded: carried,
it can never make the next export look like a rollback at the Department.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.department.service import Department
from desktop.services import demo, session
from desktop.services import exchange as service
from desktop.storage.models import OutboxRow
from tests.conftest import FAST_KDF, PASSWORD

ROOT = Path(__file__).resolve().parents[2]
DEP_PW = "department-pw-1234"


@dataclass(frozen=True)
class Scenario:
    pristine: Path
    department: Path


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    base = tmp_path_factory.mktemp("export-crash")
    store = base / "pristine"
    demo.create_demo(store, cases=12, seed=5, password=PASSWORD, kdf=FAST_KDF)
    dep = Department.init(base / "department", {"admin": DEP_PW})
    try:
        ctx = session.login(store, "admin", PASSWORD)
        try:
            bundle = dep.enrol_mission("KZ-BER", "Embassy in Berlin", "bundle-pw-1234")
            service.install_enrolment(ctx, bundle, "bundle-pw-1234")
        finally:
            ctx.close()
    finally:
        dep.close()
    return Scenario(store, base / "department")


def _copy(sc: Scenario, tmp_path: Path) -> tuple[Path, Path]:
    data_dir, dep_dir = tmp_path / "store", tmp_path / "department"
    shutil.copytree(sc.pristine, data_dir)
    shutil.copytree(sc.department, dep_dir)
    return data_dir, dep_dir


def _kill_at(data_dir: Path, out: Path, wanted: str) -> list[str]:
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.sync.export_child", str(data_dir), str(out), wanted],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.stdout is not None
    seen = []
    for line in child.stdout:
        seen.append(line.strip())
        if line.strip() == wanted:
            child.send_signal(signal.SIGKILL)
            break
    _, err = child.communicate()
    assert wanted in seen, (seen, err)
    assert child.returncode == -signal.SIGKILL
    return seen


def _outbox(data_dir: Path) -> list[tuple[int, str]]:
    ctx = session.login(data_dir, "admin", PASSWORD)
    try:
        with ctx.uow() as uow:
            return [
                (r.sequence, r.file_name)
                for r in uow.session.scalars(select(OutboxRow).order_by(OutboxRow.sequence))
            ]
    finally:
        ctx.close()


def _export_again(data_dir: Path, out: Path) -> service.ExportResult:
    ctx = session.login(data_dir, "admin", PASSWORD)
    try:
        return service.export(ctx, out, include_stages=True)
    finally:
        ctx.close()


def _carriable(out: Path) -> list[str]:
    return sorted(p.name for p in out.glob("*.qpkg"))


def test_killed_before_the_commit_leaves_no_carriable_package(
    scenario: Scenario, tmp_path: Path
) -> None:
    data_dir, dep_dir = _copy(scenario, tmp_path)
    out = tmp_path / "usb"
    _kill_at(data_dir, out, "recorded")
    # Nothing was committed, and nothing carriable is in the folder.
    assert _outbox(data_dir) == []
    assert _carriable(out) == []
    [hidden] = sorted(out.iterdir())
    assert hidden.name.startswith(".")
    # The next export removes the leftover, says so, and writes package 1 afresh.
    result = _export_again(data_dir, out)
    assert result.removed == (hidden,)
    assert [p.sequence for p in result.packages] == [1]
    assert sorted(p.name for p in out.iterdir()) == ["KZ-BER-to-CSD-000001.qpkg"]
    dep = Department.open(dep_dir, "admin", DEP_PW)
    try:
        assert dep.receive(out / "KZ-BER-to-CSD-000001.qpkg").sequence == 1
    finally:
        dep.close()


def test_killed_after_the_commit_is_published_by_the_next_export(
    scenario: Scenario, tmp_path: Path
) -> None:
    data_dir, dep_dir = _copy(scenario, tmp_path)
    out = tmp_path / "usb"
    _kill_at(data_dir, out, "publishing")
    # Recorded, but not yet under the name it travels by.
    assert _outbox(data_dir) == [(1, "KZ-BER-to-CSD-000001.qpkg")]
    assert _carriable(out) == []
    result = _export_again(data_dir, out)
    assert result.recovered == (out / "KZ-BER-to-CSD-000001.qpkg",)
    assert result.packages == []  # nothing new: the recorded package is the export
    assert sorted(p.name for p in out.iterdir()) == ["KZ-BER-to-CSD-000001.qpkg"]
    dep = Department.open(dep_dir, "admin", DEP_PW)
    try:
        assert dep.receive(out / "KZ-BER-to-CSD-000001.qpkg").sequence == 1
    finally:
        dep.close()
    # And the next export continues the chain from it.
    assert _outbox(data_dir) == [(1, "KZ-BER-to-CSD-000001.qpkg")]


def test_a_partial_file_of_a_killed_writer_is_removed_by_the_next_export(
    scenario: Scenario, tmp_path: Path
) -> None:
    """Issue 13, point 7: what a writer killed mid-file leaves is cleaned, and said."""
    data_dir, _ = _copy(scenario, tmp_path)
    out = tmp_path / "usb"
    out.mkdir()
    partial = out / ".KZ-BER-to-CSD-000001.qpkg.partial"
    partial.write_bytes(b"PK\x03\x04 half a package")
    staged_partial = out / ".KZ-BER-to-CSD-000001.qpkg.unpublished.partial"
    staged_partial.write_bytes(b"PK\x03\x04 half a package")
    other = out / "notes.txt"
    other.write_text("not ours")
    result = _export_again(data_dir, out)
    assert set(result.removed) == {partial, staged_partial}
    assert sorted(p.name for p in out.iterdir()) == ["KZ-BER-to-CSD-000001.qpkg", "notes.txt"]
