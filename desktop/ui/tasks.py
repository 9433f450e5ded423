"""The one way to run work off the GUI thread (STYLE.md §3).

`run_task(fn, on_done, on_failed)` runs `fn()` on a QThreadPool and delivers its result (or its
exception) back on the GUI thread through a queued signal. Workers never touch widgets; the
callbacks do, on the GUI thread. An owner that no longer wants a result (the list was filtered
again, the desk was locked) calls `Task.cancel()`: the result is then dropped.

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

    def cancel(self) -> None:
        self.cancelled = True


class _Dispatcher(QObject):
    """Lives on the GUI thread. Signals: finished(int task id, bool ok, object result)."""

    finished = Signal(int, bool, object)

    def __init__(self) -> None:
        super().__init__()
        self.pending: dict[int, Task[Any]] = {}
        self.finished.connect(self._on_finished)

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
    dispatcher = _the_dispatcher()
    task: Task[R] = Task(next(_ids), on_done, on_failed, owner)
    dispatcher.pending[task.id] = task
    signal = dispatcher.finished
    task_id = task.id

    def work() -> None:
        ok: bool
        payload: object
        try:
            result: object = fn()
        except Exception as exc:  # delivered to on_failed: shown there, never lost
            ok, payload = False, exc
        else:
            ok, payload = True, result
        # RuntimeError: the application is shutting down and nobody is left to tell.
        with contextlib.suppress(RuntimeError):
            signal.emit(task_id, ok, payload)

    (pool or QThreadPool.globalInstance()).start(work)
    return task


def wait_for_all(pool: QThreadPool | None = None, msecs: int = 30000) -> bool:
    """For shutdown, locking and tests: let running workers finish before the store closes."""
    return (pool or QThreadPool.globalInstance()).waitForDone(msecs)
