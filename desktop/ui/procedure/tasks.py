"""Run a service call off the GUI thread and get its result back on it (STYLE.md, rule 3).

`run_task(parent, fn, on_done, on_error)` runs `fn()` on the global `QThreadPool`; the result
(or the exception) comes back through a queued signal, so `on_done` / `on_error` run on the
GUI thread and may touch widgets. If `parent` is gone by then, nothing is called.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Bridge(QObject):
    """Signals: `finished(object)` with the result, `failed(object)` with the exception."""

    finished = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[], Any], bridge: _Bridge) -> None:
        super().__init__()
        self._fn = fn
        self._bridge = bridge

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # handed to the GUI thread, which decides what to show
            self._deliver(self._bridge.failed, exc)
        else:
            self._deliver(self._bridge.finished, result)

    @staticmethod
    def _deliver(signal: Any, value: object) -> None:
        # The window (or the whole application) closed while the call ran: nobody is left to
        # take the answer, which is not an error.
        with contextlib.suppress(RuntimeError):
            signal.emit(value)


class Task(QObject):
    """One background call; keeps its bridge alive until the answer has been delivered.

    Signals: `done(object)`, `error(object)`.
    """

    done = Signal(object)
    error = Signal(object)

    def __init__(self, parent: QObject, fn: Callable[[], Any]) -> None:
        super().__init__(parent)
        self._bridge = _Bridge()
        self._bridge.finished.connect(self._on_bridge_finished)
        self._bridge.failed.connect(self._on_bridge_failed)
        self._runnable = _Runnable(fn, self._bridge)
        self._runnable.setAutoDelete(False)

    def start(self) -> None:
        QThreadPool.globalInstance().start(self._runnable)

    @Slot(object)
    def _on_bridge_finished(self, result: object) -> None:
        self.done.emit(result)
        self.deleteLater()

    @Slot(object)
    def _on_bridge_failed(self, exc: object) -> None:
        self.error.emit(exc)
        self.deleteLater()


def run_task(
    parent: QObject,
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Any], None],
) -> Task:
    task = Task(parent, fn)
    task.done.connect(on_done)
    task.error.connect(on_error)
    task.start()
    return task
