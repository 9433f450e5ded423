"""Scan pages read ahead on their own connection while the export encrypts the last one."""

from __future__ import annotations

import hashlib
import queue
import threading

from sqlalchemy import Engine, select

from desktop.storage.engine import streaming_reader
from desktop.storage.models import AttachmentRow

_MALLOC_KEPT = False


def keep_freed_buffers() -> None:
    """Let glibc keep freed megabyte buffers for reuse instead of returning them to the kernel.

    Every scan page passes through two fresh buffers (SQLite's and Python's): with glibc's
    defaults each was mapped anew and faulted in page by page, which cost as much CPU as
    SQLCipher's decryption (bench.exchange). ``mallopt`` (glibc's documented M_MMAP_THRESHOLD
    and M_TRIM_THRESHOLD) keeps them on the heap; a process keeps at most a few tens of MB it
    freed. Elsewhere (no glibc) nothing changes.
    """
    global _MALLOC_KEPT
    if _MALLOC_KEPT:
        return
    _MALLOC_KEPT = True
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError, TypeError):
        return
    m_trim_threshold, m_mmap_threshold = -1, -3
    mallopt(m_mmap_threshold, 32 * 1024 * 1024)
    mallopt(m_trim_threshold, 64 * 1024 * 1024)


class Prefetcher:
    """Reads scan pages ahead on its own connection while the caller encrypts the last one.

    SQLite releases the GIL while it reads and decrypts pages, so the read of page n+1 overlaps
    the encryption of page n. At most ``depth`` pages wait in the queue: memory stays bounded.
    """

    def __init__(self, engine: Engine, ids: list[int], depth: int = 2) -> None:
        self._ids = ids
        self._engine = engine
        self._queue: queue.Queue[tuple[int, bytes | BaseException, str]] = queue.Queue(
            maxsize=depth
        )
        self._digests: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="scan-prefetch", daemon=True)
        self._thread.start()

    def _put(self, item: tuple[int, bytes | BaseException, str]) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _run(self) -> None:
        try:
            with streaming_reader(self._engine) as conn:
                for aid in self._ids:
                    data, digest = conn.execute(
                        select(AttachmentRow.data, AttachmentRow.sha256).where(
                            AttachmentRow.id == aid
                        )
                    ).one()
                    page = bytes(data)
                    if digest is None:  # a page stored before revision 0005
                        digest = hashlib.sha256(page).hexdigest()
                    if not self._put((aid, page, digest)):
                        return
        except BaseException as exc:  # noqa: BLE001 - the thread's top: raised again by get()
            self._put((-1, exc, ""))

    def get(self, attachment_id: int) -> bytes:
        got, data, digest = self._queue.get()
        if isinstance(data, BaseException):
            raise data
        if got != attachment_id:
            raise RuntimeError("scan pages were read out of order")  # a bug, not user input
        self._digests[got] = digest
        return data

    def digest(self, attachment_id: int) -> str:
        """SHA-256 of a page already handed out by ``get``."""
        return self._digests.pop(attachment_id)

    def close(self) -> None:
        self._stop.set()
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        self._thread.join()
