"""The one way to run work off the GUI thread (STYLE.md §3).

`run_task(fn, on_done, on_failed)` runs `fn()` on a QThreadPool and delivers its result (or its
exception) back on the GUI thread through a queued signal. Workers never touch widgets; the
callbacks do, on the GUI thread. An owner that no longer wants a result (the list was filtered
again, the desk was locked) calls `Task.cancel()`: the result is then dropped.

Long work that shows progress (a scanner batch: a page at a time) uses
`run_reporting_task(fn, on_done, on_failed, on_report)`: `fn(report)` calls `report(payload)`
as often as it likes, and `on_report(payload)` runs on the GUI thread, in order, always before
`on_done`/`on_failed`. Cancelling stops the deliveries; stopping the work itself is the
worker's business (it checks its own flag, e.g. the scanner's cancel token).

One long-lived dispatcher object carries every result: no Qt object is created per task, so
none can be deleted on the wrong thread or while the pool still holds it.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal, Slot

R = TypeVar("R")


@dataclass
class Task(Generic[R]):
    """A handle on one piece of background work."""

    id: int
    on_done: Callable[[R], None]
    on_failed: Callable[[BaseException], None]
    owner: QObject | None = None
    cancelled: bool = field(default=False)
    on_report: Callable[[object], None] | None = None

    def cancel(self) -> None:
        self.cancelled = True


class _Dispatcher(QObject):
    """Lives on the GUI thread. Signals: finished(int task id, bool ok, object result) and
    reported(int task id, object payload)."""

    finished = Signal(int, bool, object)
    reported = Signal(int, object)

    def __init__(self) -> None:
        super().__init__()
        self.pending: dict[int, Task[Any]] = {}
        self.finished.connect(self._on_finished)
        self.reported.connect(self._on_reported)

    @Slot(int, object)
    def _on_reported(self, task_id: int, payload: object) -> None:
        task = self.pending.get(task_id)
        if task is None or task.cancelled or task.on_report is None:
            return
        if task.owner is not None and not shiboken6.isValid(task.owner):
            return
        task.on_report(payload)

    @Slot(int, bool, object)
    def _on_finished(self, task_id: int, ok: bool, payload: object) -> None:
        task = self.pending.pop(task_id, None)
        if task is None or task.cancelled:
            return
        if task.owner is not None and not shiboken6.isValid(task.owner):
            return  # the widget that asked was closed meanwhile
        if ok:
            task.on_done(payload)
        else:
            assert isinstance(payload, BaseException)
            task.on_failed(payload)


_ids = itertools.count(1)
_dispatcher: _Dispatcher | None = None


def _the_dispatcher() -> _Dispatcher:
    global _dispatcher
    if _dispatcher is None:
        _dispatcher = _Dispatcher()
        app = QCoreApplication.instance()
        if app is not None:
            _dispatcher.moveToThread(app.thread())
    return _dispatcher


def run_task(
    fn: Callable[[], R],
    on_done: Callable[[R], None],
    on_failed: Callable[[BaseException], None],
    *,
    owner: QObject | None = None,
    pool: QThreadPool | None = None,
) -> Task[R]:
    """Run `fn` on a worker thread; call `on_done(result)` or `on_failed(exc)` on the GUI thread.

    With an `owner`, the result is dropped if that object was deleted before it arrived.
    """
    return _start(lambda _report: fn(), on_done, on_failed, None, owner, pool)


def run_reporting_task(
    fn: Callable[[Callable[[object], None]], R],
    on_done: Callable[[R], None],
    on_failed: Callable[[BaseException], None],
    on_report: Callable[[object], None],
    *,
    owner: QObject | None = None,
    pool: QThreadPool | None = None,
) -> Task[R]:
    """Like `run_task`, but `fn(report)` may send payloads (progress, a page just scanned) to
    `on_report` on the GUI thread while it works. Reports come in the order they were made and
    before the result, so nothing reported is lost when the work fails later."""
    return _start(fn, on_done, on_failed, on_report, owner, pool)


def _start(
    fn: Callable[[Callable[[object], None]], R],
    on_done: Callable[[R], None],
    on_failed: Callable[[BaseException], None],
    on_report: Callable[[object], None] | None,
    owner: QObject | None,
    pool: QThreadPool | None,
) -> Task[R]:
    dispatcher = _the_dispatcher()
    task: Task[R] = Task(next(_ids), on_done, on_failed, owner, on_report=on_report)
    dispatcher.pending[task.id] = task
    finished = dispatcher.finished
    reported = dispatcher.reported
    task_id = task.id

    def report(payload: object) -> None:
        with contextlib.suppress(RuntimeError):  # shutting down: nobody is left to tell
            reported.emit(task_id, payload)

    def work() -> None:
        ok: bool
        payload: object
        try:
            result: object = fn(report)
        except Exception as exc:  # noqa: BLE001 - the worker's top: delivered to on_failed
            ok, payload = False, exc
        else:
            ok, payload = True, result
        # RuntimeError: the application is shutting down and nobody is left to tell.
        with contextlib.suppress(RuntimeError):
            finished.emit(task_id, ok, payload)

    (pool or QThreadPool.globalInstance()).start(work)
    return task


def wait_for_all(pool: QThreadPool | None = None, msecs: int = 30000) -> bool:
    """For shutdown, locking and tests: let running workers finish before the store closes."""
    return (pool or QThreadPool.globalInstance()).waitForDone(msecs)
