"""The desk syncs in the background: the GUI keeps answering, and a lock stops the transfer,
which resumes after unlocking (issue 16)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from desktop.services import exchange as exchange_service
from desktop.services import sync_online
from desktop.sync import exchange
from desktop.ui.desk import Desk
from desktop.ui.sync_status import LinkLabel, SyncRunner, transfer_label
from tests.conftest import PASSWORD
from tests.online.conftest import Server
from tests.online.helpers import FlakyProxy, built_package, mission_store


def test_the_desk_answers_during_a_transfer_and_a_lock_stops_it(
    served: tuple[Server, exchange.Identity], tmp_path: Path, qtbot: QtBot
) -> None:
    srv, me = served
    proxy = FlakyProxy(srv.port, rate=1 << 20)  # 1 MB/s: several seconds for the package
    ctx = mission_store(tmp_path, srv.bundle, proxy.url)  # type: ignore[attr-defined]
    built_package(ctx, me, tmp_path / "out", pages=6, page_size=1 << 20)
    desk = Desk(ctx, tmp_path / "mission", lang="en")
    runner = SyncRunner(desk)
    label = LinkLabel(desk, runner)
    steps: list[sync_online.Step] = []
    runner.progress.connect(steps.append)
    ticks: list[int] = []  # progress reports seen at each tick
    timer = QTimer()
    timer.setInterval(20)
    # Counted only while the sync runs: a GUI thread blocked by it would count none.
    timer.timeout.connect(lambda: runner.running and ticks.append(len(steps)))
    timer.start()
    try:
        runner.start()
        # The event loop runs while bytes go: timer ticks arrive between progress reports.
        qtbot.waitUntil(lambda: len(steps) > 10, timeout=60_000)
        assert runner.running
        assert "Department: syncing" in label.text()
        assert len(ticks) > 10
        # Locking stops the transfer at its next piece; what was sent is kept.
        desk.lock()
        assert desk.is_locked
        qtbot.waitUntil(lambda: not runner.running, timeout=30_000)
        assert steps[-1].done < steps[-1].total
        desk.unlock(PASSWORD)  # the runner starts again and resumes the upload
        with qtbot.waitSignal(runner.finished, timeout=120_000) as done:
            pass
        report = done.args[0]
        assert isinstance(report, sync_online.SyncReport), report
        assert report.delivered == [(1, "accepted")]
        assert label.text() == "Department: online"
        ctx = desk.ctx
        assert [e.state for e in exchange_service.outbox(ctx)] == ["acknowledged"]
        view = sync_online.transfers(ctx)[1]
        assert transfer_label(view, "en", "") == "Delivered online, awaiting acknowledgement"
    finally:
        timer.stop()
        runner.timer.stop()
        desk.close()
        proxy.close()
