"""The online sync in the desk (issue 16): a background runner and the status bar's link label.

`SyncRunner` runs `sync_online.sync_once` off the GUI thread (tasks.run_reporting_task) when
the desk opens, every two minutes, and at once after a lock ends; it stops between two pieces
of 64 KB when the desk is about to lock or close, so neither waits for the network (what was
sent is kept: the transfer resumes next time). `LinkLabel` shows the link: online, offline
since HH:MM (the reason and next try in its tooltip), syncing NN %.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QWidget

from desktop.domain.calendar import mission_local
from desktop.services import sync_online
from desktop.services.errors import as_known
from desktop.ui.desk import Desk
from desktop.ui.tasks import Task, run_reporting_task

INTERVAL_MS = int(sync_online.IDLE_INTERVAL.total_seconds() * 1000)
STOP_WAIT_MS = 5000


class SyncRunner(QObject):
    """Signals: `progress(object)` a `sync_online.Step`; `finished(object)` the
    `SyncReport` (or None after a failure); `status(object)` a `sync_online.LinkStatus`."""

    progress = Signal(object)
    finished = Signal(object)
    status = Signal(object)

    def __init__(self, desk: Desk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._task: Task[object] | None = None
        self._stop = False
        # Its own thread: a transfer of minutes never holds the pool the case list uses.
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.run)
        desk.about_to_lock.connect(self._on_desk_about_to_lock)
        desk.unlocked.connect(self.start)

    @property
    def running(self) -> bool:
        return self._task is not None

    @Slot()
    def start(self) -> None:
        self.timer.start()
        self.run()

    @Slot()
    def run(self) -> None:
        """One round in the background, unless one is running or the desk is locked."""
        if self._task is not None or self._desk.is_locked:
            return
        ctx = self._desk.ctx
        self._stop = False

        def work(report: object) -> object:
            if not sync_online.config(ctx).url:
                return None
            result = sync_online.sync_once(
                ctx,
                progress=report,  # type: ignore[arg-type]
                should_stop=lambda: self._stop,
            )
            return result, sync_online.link_status(ctx)

        self._task = run_reporting_task(
            work, self._on_done, self._on_failed, self.progress.emit, owner=self, pool=self.pool
        )

    @Slot()
    def _on_desk_about_to_lock(self) -> None:
        self._stop = True  # the worker stops at its next 64 KB piece
        self.timer.stop()
        # The store closes next: wait for the worker (a few seconds at most; one blocked on
        # the server's answer fails harmlessly on the closed store, and the answer is asked
        # for again next time).
        self.pool.waitForDone(STOP_WAIT_MS)

    def _on_done(self, result: object) -> None:
        self._task = None
        if result is None:
            self.status.emit(sync_online.LinkStatus(False, None, None, None, None))
            return
        assert isinstance(result, tuple)
        report, link = result
        self.finished.emit(report)
        self.status.emit(link)

    def _on_failed(self, exc: BaseException) -> None:
        self._task = None
        self.finished.emit(None)
        if as_known(exc) is None and not self._stop:
            raise exc  # a bug: the crash handler reports it


class LinkLabel(QLabel):
    """The status bar's word on the link to the Department (hidden when no server is set)."""

    def __init__(self, desk: Desk, runner: SyncRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._link: sync_online.LinkStatus | None = None
        self._percent: int | None = None
        self.setVisible(False)
        runner.status.connect(self._on_runner_status)
        runner.progress.connect(self._on_runner_progress)
        runner.finished.connect(self._on_runner_finished)

    def _time(self, moment: datetime | None) -> str:
        if moment is None:
            return ""
        return mission_local(
            moment, self._desk.ctx.time_zone if not self._desk.is_locked else ""
        ).strftime("%H:%M")

    def retranslate(self) -> None:
        link = self._link
        if link is None or not link.configured:
            self.setVisible(False)
            return
        self.setVisible(True)
        tip = ""
        if self._percent is not None:
            text = self.tr("Department: syncing {percent} %").format(percent=self._percent)
        elif link.online is None:
            text = self.tr("Department: not yet connected")
        elif link.online:
            text = self.tr("Department: online")
        else:
            text = self.tr("Department: offline since {time}").format(time=self._time(link.since))
            reason = link.reason.get(self._desk.lang) if link.reason else ""
            tip = self.tr("{reason}. Next try at {time}.").format(
                reason=reason, time=self._time(link.next_try_at)
            )
        self.setText(text)
        self.setToolTip(tip)

    @Slot(object)
    def _on_runner_status(self, link: object) -> None:
        assert isinstance(link, sync_online.LinkStatus)
        self._link = link
        self._percent = None
        self.retranslate()

    @Slot(object)
    def _on_runner_progress(self, step: object) -> None:
        assert isinstance(step, sync_online.Step)
        self._percent = int(100 * step.done / step.total) if step.total else 0
        if self._link is None:
            self._link = sync_online.LinkStatus(True, None, None, None, None)
        self.retranslate()

    @Slot(object)
    def _on_runner_finished(self, _report: object) -> None:
        self._percent = None
        self.retranslate()


def transfer_label(view: sync_online.TransferView, lang: str, zone: str) -> str:
    """An outbox package's state on the online road, for the outbox table."""
    translate = QCoreApplication.translate
    if view.state == sync_online.DELIVERED:
        return translate("SyncStatus", "Delivered online, awaiting acknowledgement")
    if view.state == sync_online.UPLOADING:
        return translate("SyncStatus", "Uploading {percent} %").format(percent=view.percent)
    reason = view.reason.get(lang) if view.reason else ""
    if view.state == sync_online.REFUSED:
        return translate("SyncStatus", "Refused by the Department: {reason}").format(reason=reason)
    when = mission_local(view.next_try_at, zone).strftime("%d.%m %H:%M") if view.next_try_at else ""
    return translate("SyncStatus", "{reason}; next try {time}").format(reason=reason, time=when)
