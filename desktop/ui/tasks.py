"""The one way to run work off the GUI thread (STYLE.md §3).

`run_task(fn, on_done, on_failed)` runs `fn()` on the global QThreadPool and delivers its result
(or its exception) back on the GUI thread through a queued signal. Workers never touch widgets;
the callbacks do, on the GUI thread. A task whose owner went away (the widget was deleted, the
desk was locked) is dropped by the owner with `Task.cancel()`: its result is then ignored.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

R = TypeVar("R")


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues the call back here."""

    succeeded = Signal(object)
    failed = Signal(object)


class Task(QRunnable, Generic[R]):
    """One unit of background work.

    Signals (on `task.relay`): succeeded(object), failed(object: the exception).
    """

    def __init__(self, fn: Callable[[], R]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # _pending keeps it alive until the result is delivered
        self._fn = fn
        self.relay = _Relay()
        self.cancelled = False

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # delivered to on_failed; a bug is shown there, not lost
            self.relay.failed.emit(exc)
        else:
            self.relay.succeeded.emit(result)

    def cancel(self) -> None:
        self.cancelled = True


_pending: set[Task[Any]] = set()


def run_task(
    fn: Callable[[], R],
    on_done: Callable[[R], None],
    on_failed: Callable[[BaseException], None],
    *,
    pool: QThreadPool | None = None,
) -> Task[R]:
    """Run `fn` on a worker thread; call `on_done(result)` or `on_failed(exc)` on the GUI thread."""
    task: Task[R] = Task(fn)

    @Slot(object)
    def _done(result: object) -> None:
        _pending.discard(task)
        if not task.cancelled:
            on_done(result)  # type: ignore[arg-type]  # the relay carries R as object

    @Slot(object)
    def _failed(exc: object) -> None:
        _pending.discard(task)
        if not task.cancelled:
            assert isinstance(exc, BaseException)
            on_failed(exc)

    task.relay.succeeded.connect(_done)
    task.relay.failed.connect(_failed)
    _pending.add(task)
    (pool or QThreadPool.globalInstance()).start(task)
    return task


def wait_for_all(pool: QThreadPool | None = None, msecs: int = 30000) -> bool:
    """For shutdown and tests: let running workers finish before the store closes."""
    return (pool or QThreadPool.globalInstance()).waitForDone(msecs)
