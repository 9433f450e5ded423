"""Scan pages read ahead on their own connection while the export encrypts the last one."""

from __future__ import annotations

import collections
import hashlib
import queue
import threading
from collections.abc import Generator, Iterable
from functools import partial

from sqlalchemy import Connection, Engine, select

from desktop.storage.engine import streaming_reader
from desktop.storage.models import AttachmentRow
from desktop.storage.scanfiles import scan_files_of
from desktop.sync.package import Deferred

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


_PAGE_SQL = "SELECT data, sha256, scan_file FROM attachments WHERE id = ?"


def read_pages(
    conn: Connection, ids: Iterable[int]
) -> Generator[tuple[int, bytes | Deferred, str], None, None]:
    """``(id, bytes, SHA-256)`` of each scan page, in the order of ``ids``, in one read
    transaction of ``conn`` (a ``streaming_reader``).

    On SQLCipher the driver's own cursor runs one prepared statement per page (the sqlite3
    module keeps it compiled): through SQLAlchemy's Core each page cost ~0.3 ms of Python, a
    quarter of this thread's CPU in an export (bench.exchange, py-spy), for a statement that
    never changes. SQLAlchemy still begins the transaction, so every page comes from one
    snapshot. A page in a scan file of its own (issue 19) is named here and read later, by the
    thread that encrypts it into the package (a ``package.Deferred`` of the file's page size):
    read, opened (AES-GCM) and encrypted on one core, on every core. A PostgreSQL store's pages
    are sealed by the column type: they go through Core.
    """
    if conn.dialect.name != "sqlite":
        for aid in ids:
            data, digest = conn.execute(
                select(AttachmentRow.stored, AttachmentRow.sha256).where(AttachmentRow.id == aid)
            ).one()
            yield aid, bytes(data), digest or hashlib.sha256(data).hexdigest()
        return
    files = scan_files_of(conn.dialect)
    conn.execute(select(AttachmentRow.id).limit(1)).all()  # BEGIN: one snapshot for all pages
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        for aid in ids:
            row = cursor.execute(_PAGE_SQL, (aid,)).fetchone()
            if row is None:
                raise LookupError(f"scan page {aid} is gone from the store")
            data, digest, name = row
            if name is not None and files is not None:
                if digest:
                    # Read and opened by the package's encrypting thread (package.Deferred).
                    yield (
                        aid,
                        Deferred(
                            files.size(name),
                            partial(files.read, name, digest),
                            partial(files.read_into, name, digest),
                        ),
                        digest,
                    )
                    continue
                page = files.read(name, "")
                yield aid, page, hashlib.sha256(page).hexdigest()
                continue
            page = data if isinstance(data, bytes) else bytes(data)
            if digest is None:  # a page stored before revision 0005
                digest = hashlib.sha256(page).hexdigest()
            yield aid, page, digest
    finally:
        cursor.close()


_Item = tuple[int, bytes | Deferred | BaseException, str]


class Prefetcher:
    """Reads scan pages ahead on its own connection while the caller encrypts the last one.

    SQLite releases the GIL while it reads and decrypts pages, so the read of page n+1 overlaps
    the encryption of page n. Pages are handed over in batches, at most ``depth`` waiting: a
    page read from the store's table ends its batch, so at most ``depth`` such pages wait and
    memory stays bounded; a scan file's page is only named (a ``Deferred``), and up to
    ``_BATCH`` of them go at once: handed over one by one, each woke this thread and the
    caller's once more, and the package's threads waited for the interpreter's lock meanwhile
    (bench.exchange). Batches grow from one page, so the first page is not kept waiting.
    """

    _BATCH = 64

    def __init__(self, engine: Engine, ids: list[int], depth: int = 2) -> None:
        self._ids = ids
        self._engine = engine
        self._queue: queue.Queue[list[_Item]] = queue.Queue(maxsize=depth)
        self._ready: collections.deque[_Item] = collections.deque()
        self._digests: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="scan-prefetch", daemon=True)
        self._thread.start()

    def _put(self, batch: list[_Item]) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(batch, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _run(self) -> None:
        batch: list[_Item] = []
        size = 1
        try:
            with streaming_reader(self._engine) as conn:
                for aid, page, digest in read_pages(conn, self._ids):
                    batch.append((aid, page, digest))
                    if len(batch) >= size or not isinstance(page, Deferred):
                        if not self._put(batch):
                            return
                        batch, size = [], min(size * 2, self._BATCH)
            if batch:
                self._put(batch)
        except BaseException as exc:  # noqa: BLE001 - the thread's top: raised again by get()
            self._put([*batch, (-1, exc, "")])

    def get(self, attachment_id: int) -> bytes | Deferred:
        if not self._ready:
            self._ready.extend(self._queue.get())
        got, data, digest = self._ready.popleft()
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
        self._ready.clear()
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        self._thread.join()
