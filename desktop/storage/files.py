"""Atomic, private file writes: a crash or a power cut leaves the old file or the new one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` via a temp file (mkstemp: mode 0600), fsync, rename, fsync the folder."""
    with atomic_writer(path) as handle:
        handle.write(data)


@contextlib.contextmanager
def atomic_writer(
    path: Path,
    *,
    encoding: str | None = None,
    newline: str | None = None,
    buffering: int = -1,
    on_open: Callable[[int], None] | None = None,
) -> Iterator[IO[Any]]:
    """A handle on a temp file beside `path` (mkstemp: 0600) that becomes `path` when the block
    ends well (flush, fsync, rename, fsync the folder); removed when it does not. Binary unless
    `encoding` is given; `buffering=0` for a writer that hands whole blocks; `on_open` gets the
    file descriptor first (backups lock it). The one atomic write of the program (stores, keys,
    exports, backups)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        if on_open is not None:
            on_open(fd)
        mode = "wb" if encoding is None else "w"
        with os.fdopen(fd, mode, buffering, encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


def publish(staged: Path, path: Path) -> None:
    """Give a finished, fsynced file its final name, durably (rename, fsync the folder)."""
    staged.replace(path)
    fsync_dir(path.parent)


def make_private(path: Path) -> None:
    """Create `path` empty and owner-only (0600) if it is missing, or make it so (POSIX).

    For files that a library creates with the process umask (SQLite: the database, and its
    WAL and shared-memory files take the database file's mode).
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        os.close(fd)
    except FileExistsError:
        if os.name == "posix":
            path.chmod(0o600)


def make_private_dir(path: Path) -> None:
    """Create the folder (and parents) and make it owner-only (0700) (POSIX)."""
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        path.chmod(0o700)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); folders cannot be opened for fsync on Windows."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive OS lock on `path` (created 0600) across processes until the block ends.

    A read-modify-write of a small state file (the key vault, its failed-login counters) is
    done under it, so two programs at once cannot lose each other's update. The lock is
    advisory (POSIX `flock`, Windows `msvcrt.locking`) and dies with the process holding it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
    try:
        if os.name == "posix":
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
        else:  # pragma: no cover - Windows
            import msvcrt
            import time

            while True:
                try:
                    msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # type: ignore[attr-defined]
                    break
                except OSError:  # LK_LOCK gives up after ~10 s; keep waiting
                    time.sleep(0.1)
        try:
            yield
        finally:
            if os.name == "posix":
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_UN)
            else:  # pragma: no cover - Windows
                import msvcrt

                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
    finally:
        os.close(fd)
