"""Crash reports: what a bug left behind, written without personal data.

A bug (anything that is not a `KnownError`) reaching the top of the program is written to
`crash-<time>.txt` in the log folder: versions, platform, the traceback's frames (file, line,
function, source line) and the exception's type with its message passed through the same
redaction as the log. Local variables are never written. The desk shows the report's path in
a dialog (`desktop/ui/crash_dialog.py`); the command line prints it.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from desktop import __version__
from desktop.logs import log_dir, redact

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]
Listener = Callable[[Path, BaseException], None]

_log = logging.getLogger("desktop.crash")
_listeners: list[Listener] = []


def format_report(exc: BaseException, tb: TracebackType | None) -> str:
    import platform  # only for a report: kept out of the desk's start-up

    lines = [
        f"Qonys {__version__} crash report",
        f"time: {datetime.now(UTC).isoformat(timespec='seconds')}",
        f"python: {platform.python_version()} ({platform.python_implementation()})",
        f"platform: {platform.platform()}",
        f"frozen: {bool(getattr(sys, 'frozen', False))}",
    ]
    qt = sys.modules.get("PySide6.QtCore")
    if qt is not None:
        lines.append(f"qt: {getattr(qt, 'qVersion', lambda: '?')()}")
    lines.append("")
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain and len(chain) < 5:
        chain.append(current)
        current = current.__cause__ or current.__context__
    for depth, item in enumerate(reversed(chain)):
        if depth:
            lines.append("\nwhich led to:\n")
        frames = traceback.extract_tb(item.__traceback__ if item is not exc else tb)
        lines.append("Traceback (most recent call last):")
        for frame in frames:
            lines.append(f'  File "{_short(frame.filename)}", line {frame.lineno}, in {frame.name}')
            if frame.line:
                lines.append(f"    {redact(frame.line.strip())}")
        lines.append(f"{type(item).__module__}.{type(item).__qualname__}: {redact(str(item))}")
    return "\n".join(lines) + "\n"


def _short(filename: str) -> str:
    """Paths inside the package only: a home folder may carry the officer's name."""
    path = filename.replace("\\", "/")
    marker = "/desktop/"
    if marker in path:
        return "desktop/" + path.split(marker, 1)[1]
    if "site-packages/" in path:
        return path.split("site-packages/", 1)[1]
    return Path(path).name


def write_report(
    exc: BaseException, tb: TracebackType | None, directory: Path | None = None
) -> Path:
    directory = directory or log_dir()
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    path = directory / f"crash-{stamp}.txt"
    path.write_text(format_report(exc, tb), encoding="utf-8")
    return path


def add_listener(listener: Listener) -> None:
    """Called with the report's path after it is written (the desk shows a dialog)."""
    _listeners.append(listener)


def remove_listener(listener: Listener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def handle(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    directory: Path | None = None,
) -> Path | None:
    if issubclass(exc_type, KeyboardInterrupt):
        return None
    try:
        path = write_report(exc, tb, directory)
    except OSError:
        print(f"qonys: internal error ({exc_type.__name__}); no crash report", file=sys.stderr)
        return None
    _log.error("crash report written: %s (%s)", path.name, exc_type.__name__)
    print(f"qonys: internal error ({exc_type.__name__}); report: {path}", file=sys.stderr)
    for listener in list(_listeners):
        # A failing dialog must not hide the report, which is already on disk.
        with contextlib.suppress(Exception):
            listener(path, exc)
    return path


def install(directory: Path | None = None) -> None:
    """Route uncaught exceptions (main thread and worker threads) to `handle`."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        handle(exc_type, exc, tb, directory)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            handle(args.exc_type, args.exc_value, args.exc_traceback, directory)

    sys.excepthook = hook
    threading.excepthook = thread_hook
