"""The progress of a restore counts every byte of the backup, the scan files (nearly all of
them) included, and a Cancel stops a restore between two scan files: everything it wrote is
removed and the folder is left as it was (issue 19)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.services import admin as admin_service
from desktop.services import backup as backup_service
from desktop.services import session
from desktop.services.context import DeskContext
from desktop.storage import backup as container
from tests.conftest import PASSWORD, MovableClock
from tests.storage.backup_helpers import dump
from tests.storage.test_restore_scan_files import _backup, _key, kernel_copy  # noqa: F401

PAGES = 12


def _scan_section_start(out: Path) -> int:
    """Where the scan files' section begins in the backup file."""
    with out.open("rb") as source:
        header, raw = container._read_header(source, out.stat().st_size)
    return len(container.MAGIC) + container._LEN.size + len(raw) + header.payload_size


def test_progress_counts_every_byte_and_reaches_the_total_only_when_the_store_is_whole(
    admin: DeskContext,
    tmp_path: Path,
    clock: MovableClock,
    kernel_copy: bool,  # noqa: F811
) -> None:
    out = _backup(admin, tmp_path, pages=PAGES)
    before = dump(admin)
    target = tmp_path / "restored"
    size = out.stat().st_size
    reports: list[tuple[int, int]] = []
    whole_at_the_total: list[bool] = []

    def progress(done: int, total: int) -> None:
        reports.append((done, total))
        if done == total:
            whole_at_the_total.append((target / "qonys.vault").exists())

    backup_service.restore_backup(out, target, _key(out), actor="admin", progress=progress)

    assert {total for _, total in reports} == {size}  # the whole file, known from the start
    done = [d for d, _ in reports]
    assert done == sorted(done), "progress went back"
    assert done[-1] == size and done.count(size) == 1  # the total once, at the very end
    assert whole_at_the_total == [True]  # reported after the vault: the store is whole
    scans_from = _scan_section_start(out)
    during_scans = [d for d in done if scans_from < d < size]
    assert len(during_scans) >= PAGES - 1, reports  # file by file, not one jump at the end
    assert max(d for d in done if d < size) > (scans_from + size) // 2
    ctx = session.login(target, "admin", PASSWORD, clock=clock)
    try:
        assert dump(ctx) == before
    finally:
        ctx.close()


@pytest.mark.parametrize("folder", ["new", "empty", "with other files"])
def test_a_cancel_among_the_scan_files_leaves_the_folder_as_it_was(
    admin: DeskContext,
    tmp_path: Path,
    clock: MovableClock,
    kernel_copy: bool,  # noqa: F811
    folder: str,
) -> None:
    out = _backup(admin, tmp_path, pages=PAGES)
    before = dump(admin)
    target = tmp_path / "restored"
    kept: dict[str, bytes] = {}
    if folder != "new":
        target.mkdir()
    if folder == "with other files":
        kept = {"notes.txt": b"an officer's file", ".qonys.db.x1y2z3w4.tmp": b"not the restore's"}
        for name, data in kept.items():
            (target / name).write_bytes(data)
    scans_from = _scan_section_start(out)
    size = out.stat().st_size
    seen: list[int] = []
    files_at_cancel: list[int] = []

    def progress(done: int, _total: int) -> None:
        seen.append(done)

    def should_stop() -> bool:
        # Half-way through the scan files: some are written, more are still to come.
        if seen and seen[-1] > scans_from + (size - scans_from) // 2:
            scans = target / "scans"
            files_at_cancel.append(len(list(scans.rglob("*.qscan"))) if scans.is_dir() else 0)
            return True
        return False

    with pytest.raises(admin_service.Cancelled):
        admin_service.restore_from_file(
            out, target, "admin", PASSWORD, progress=progress, should_stop=should_stop
        )
    assert files_at_cancel and files_at_cancel[0] > 0  # stopped among the scan files
    assert max(seen) < size
    if folder == "new":
        assert not target.exists()
    else:
        assert {p.name: p.read_bytes() for p in target.iterdir()} == kept

    backup_service.restore_backup(out, target, _key(out), actor="admin")  # a retry proceeds
    ctx = session.login(target, "admin", PASSWORD, clock=clock)
    try:
        assert dump(ctx) == before
    finally:
        ctx.close()
