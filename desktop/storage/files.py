"""Atomic, private file writes: a crash or a power cut leaves the old file or the new one."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

# The temp files of a restore (database, its log, the vault) carry this in their names and are
# locked while written: what a killed restore left is known for its own
# (store.remove_restore_leftovers).
RESTORE_TAG = "restore-"


def write_atomic(
    path: Path, data: bytes, *, tag: str = "", on_open: Callable[[int], None] | None = None
) -> None:
    """Write `data` to `path` via a temp file (mkstemp: mode 0600), fsync, rename, fsync the folder."""
    with atomic_writer(path, tag=tag, on_open=on_open) as handle:
        handle.write(data)


@contextlib.contextmanager
def atomic_writer(
    path: Path,
    *,
    encoding: str | None = None,
    newline: str | None = None,
    buffering: int = -1,
    on_open: Callable[[int], None] | None = None,
    tag: str = "",
) -> Iterator[IO[Any]]:
    """A handle on a temp file beside `path` (mkstemp: 0600) that becomes `path` when the block
    ends well (flush, fsync, rename, fsync the folder); removed when it does not. Binary unless
    `encoding` is given; `buffering=0` for a writer that hands whole blocks; `on_open` gets the
    file descriptor first (backups lock it); `tag` marks the temp file's name
    (``.NAME.TAGxxxxxxxx.tmp``) as one a later run may know for its own
    (`remove_abandoned_temporaries`). The one atomic write of the program (stores, keys,
    exports, backups)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.{tag}", suffix=".tmp", dir=path.parent)
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


def hold(fd: int) -> None:
    """Lock an open file for as long as this process keeps it open (the kernel drops the
    lock when the process dies, however it dies). Nothing where locks are not available."""
    try:
        import fcntl
    except ImportError:  # Windows: one desk per store writes its backups
        return
    with contextlib.suppress(OSError):
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def in_use(path: Path) -> bool:
    """Whether a process holds ``path`` (see ``hold``); False once its writer has died."""
    try:
        import fcntl
    except ImportError:
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def remove_abandoned_temporaries(folder: Path, names: Iterable[str], tag: str) -> tuple[Path, ...]:
    """Remove the temp files that `atomic_writer(folder / NAME, tag=tag, on_open=hold)` left
    when its process died before the rename: exactly ``.NAME.TAG`` + mkstemp's eight
    characters + ``.tmp``, a plain file (no link), and held by no living process (a writer
    holds its file while it writes: ``hold``). Nothing else in `folder` is touched."""
    if not tag:
        raise ValueError("only tagged temporaries are known for one's own")
    pattern = re.compile(
        "|".join(rf"\.{re.escape(name)}\.{re.escape(tag)}[a-z0-9_]{{8}}\.tmp" for name in names)
    )
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return ()
    for entry in entries:
        if not pattern.fullmatch(entry.name) or not entry.is_file(follow_symlinks=False):
            continue
        path = Path(entry.path)
        if in_use(path):
            continue
        try:
            path.unlink()
        except OSError:  # gone meanwhile, or (Windows) still open
            continue
        removed.append(path)
    return tuple(removed)


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
