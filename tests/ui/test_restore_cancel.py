"""The administration window's restore: its progress bar moves while the scan files (nearly all
the bytes) are written, and Cancel, or closing the window, stops the restore there and leaves
the folder as it was (issue 19). The copy of each scan file is made slow by a monkeypatch, so
that a small backup shows what a large one does."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.services import backup as backup_service
from desktop.services import session
from desktop.storage import backup as container
from desktop.ui.admin_window import AdminWindow
from desktop.ui.desk import Desk
from desktop.ui.tasks import wait_for_all
from tests.conftest import FAST_KDF, PASSWORD, MovableClock
from tests.storage.backup_helpers import add_scan

pytestmark = pytest.mark.skipif(not container.KERNEL_COPY, reason="slowed at the kernel copy")

PAGES = 16
HELD_FROM = 6  # the copies of the files from this one on wait for the test


@pytest.fixture
def desk(demo_dir: Path, clock: MovableClock) -> Iterator[Desk]:
    ctx = session.login(demo_dir, "admin", PASSWORD, clock=clock)
    d = Desk(ctx, demo_dir, lang="ru", clock=clock)
    yield d
    d.close()


@pytest.fixture
def window(qtbot: QtBot, desk: Desk) -> AdminWindow:
    win = AdminWindow(desk, kdf=FAST_KDF)
    qtbot.addWidget(win)
    win.show()
    win.show_page("backup")
    return win


@pytest.fixture
def backup_file(desk: Desk, tmp_path: Path) -> Path:
    for page in range(PAGES):
        add_scan(desk.ctx, 1 + page % 3, os.urandom(200_000), page=page + 1)
    return backup_service.backup_store(desk.ctx, tmp_path / "b.qonys-backup").path


class SlowCopy:
    """Each scan file's copy takes a while; from the `HELD_FROM`th on, it waits until let go."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.go = threading.Event()
        self._count = 0
        self._lock = threading.Lock()
        real = container._copy_range

        def slow(src: int, dst: int, offset: int, size: int) -> None:
            with self._lock:
                self._count += 1
                number = self._count
            # Polled with sleeps: a timed wait on an Event does not return under faketime.
            if number >= HELD_FROM:
                for _ in range(3000):
                    if self.go.is_set():
                        break
                    time.sleep(0.01)
            else:
                time.sleep(0.05)
            real(src, dst, offset, size)

        monkeypatch.setattr(container, "_copy_range", slow)


def _per_mille_of_scans(out: Path) -> int:
    with out.open("rb") as source:
        header, raw = container._read_header(source, out.stat().st_size)
    start = len(container.MAGIC) + container._LEN.size + len(raw) + header.payload_size
    return 1000 * start // out.stat().st_size


def _start(window: AdminWindow, out: Path, target: Path) -> list[int]:
    values: list[int] = []
    window.progress.valueChanged.connect(values.append)
    window.restore_file_edit.setText(str(out))
    window.restore_folder_edit.setText(str(target))
    window.restore_login_edit.setText("admin")
    window.restore_password_edit.setText(PASSWORD)
    window.restore_button.click()
    return values


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_the_bar_moves_during_the_scan_files_and_reaches_the_end_only_when_done(
    qtbot: QtBot,
    window: AdminWindow,
    backup_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    slow = SlowCopy(monkeypatch)
    target = tmp_path / "restored"
    scans_from = _per_mille_of_scans(backup_file)
    values = _start(window, backup_file, target)
    # Files 1–5 are written and counted while the rest wait: the bar stands among the scans.
    qtbot.waitUntil(lambda: any(v > scans_from for v in values), timeout=30_000)
    qtbot.wait(100)
    assert scans_from < window.progress.value() < 1000
    assert window.progress.isVisible() and window.cancel_button.isEnabled()
    with qtbot.waitSignal(window.finished_action, timeout=60_000):
        slow.go.set()
    among_scans = {v for v in values if scans_from < v < 1000}
    assert len(among_scans) > 2, values  # moved file by file, not in one jump
    assert values == sorted(values) and values.count(1000) == 1 and values[-1] == 1000
    session.login(target, "admin", PASSWORD).close()


@pytest.mark.qt_log_ignore("propagateSizeHints")
@pytest.mark.parametrize("how", ["Cancel", "closing the window"])
def test_cancel_among_the_scan_files_leaves_nothing_behind(
    qtbot: QtBot,
    window: AdminWindow,
    backup_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    how: str,
) -> None:
    slow = SlowCopy(monkeypatch)
    target = tmp_path / "restored"
    scans_from = _per_mille_of_scans(backup_file)
    values = _start(window, backup_file, target)
    qtbot.waitUntil(lambda: any(v > scans_from for v in values), timeout=30_000)
    assert any((target / "scans").rglob("*.qscan"))  # scan files are written already
    if how == "Cancel":
        window.cancel_button.click()
        assert not window.progress.isVisible() and window.restore_button.isEnabled()
    else:
        window.close()
    slow.go.set()  # the held copies end; the restore stops at its next file
    assert wait_for_all(msecs=60_000)
    assert not target.exists()  # the restore made the folder: it is gone with all it held
    backup_service.restore_backup(
        backup_file,
        target,
        backup_service.key_from_password(container.read_header(backup_file), "admin", PASSWORD),
        actor="admin",
    )
