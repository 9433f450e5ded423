"""Scan pages in encrypted files of their own beside a SQLCipher store (issue 19).

SQLCipher decrypts and authenticates a store page by page (4 KiB each): reading a megabyte of
scan out of the database cost 1.6–2 ms of CPU (bench.exchange), most of an export's time. A
page of scan in a file of its own, sealed with AES-256-GCM, reads at about 0.1 ms per MB. So a
SQLCipher store keeps each new scan page in a file under its data folder:

    DIR/scans/ab/<32 random hex digits>.qscan     (no personal data in the name)

    MAGIC b"QSCN" | version (1 byte, 1) | nonce (12 random bytes) | AES-256-GCM ciphertext+tag

The key is derived from the store's data key (HKDF-SHA256, info "qonys/scan-files/v1"), so
every officer's password and the recovery key open the files as they open the database. The
associated data binds a file to the row that names it: the header, the file's name and the
SHA-256 of the page that the row records. A file renamed, swapped for another page's, replaced
by another store's or altered fails its tag (`ScanFileDamaged`); a missing one is named as such.

Durability: a file is written under a temporary name, fsynced, renamed and its folder fsynced
*before* the transaction naming it commits (the session hook of `scanrows`). A file named by no
row any more is removed after the commit; a crash between the two leaves an orphan, removed by
`sweep` (files older than `ORPHAN_AGE` named by no row). While a backup copies the files it
holds `held()`: removals then leave the files to a later sweep, so a backup never loses a page
its snapshot of the database names.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop.storage.files import fsync_dir, make_private_dir, write_atomic

SCANS_DIR = "scans"
MAGIC = b"QSCN"
VERSION = 1
NONCE_BYTES = 12
TAG_BYTES = 16
HEADER_BYTES = len(MAGIC) + 1 + NONCE_BYTES
OVERHEAD = HEADER_BYTES + TAG_BYTES
SUFFIX = ".qscan"
NAME_LENGTH = 32 + len(SUFFIX)
ORPHAN_AGE = 15 * 60  # seconds: far longer than any transaction that writes a page
ATTRIBUTE = "qonys_scan_files"  # where the engine's dialect carries its ScanFiles
_INFO = b"qonys/scan-files/v1"
_NAME = re.compile(r"^[0-9a-f]{32}\.qscan$")
_LOCK = ".lock"


class ScanFileError(Exception):
    """A scan page's file is missing, damaged, or not the file its row names."""


class ScanFileMissing(ScanFileError):
    pass


class ScanFileDamaged(ScanFileError):
    pass


def new_name() -> str:
    return uuid.uuid4().hex + SUFFIX


def valid_name(name: str) -> bool:
    return bool(_NAME.match(name))


class ScanFiles:
    """The scan files of one store: `root` is DIR/scans."""

    def __init__(self, root: Path, data_key: bytes | bytearray) -> None:
        self.root = root
        self._root = os.fspath(root)
        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(
            bytes(data_key)
        )
        self._aead = AESGCM(key)
        self._sealed = threading.local()  # each thread's buffer for ``read_into``

    def path(self, name: str) -> Path:
        return Path(self._path(name))

    def _path(self, name: str) -> str:
        # A string: an export opens a thousand files a gigabyte, and pathlib's parsing of
        # each name held the interpreter's lock longer than the file's read (py-spy).
        if not valid_name(name):
            raise ScanFileDamaged(f"not a scan file name: {name!r}")
        return f"{self._root}{os.sep}{name[:2]}{os.sep}{name}"

    @staticmethod
    def _aad(header: bytes, name: str, sha256: str) -> bytes:
        return header + b"|" + name.encode("ascii") + b"|" + sha256.encode("ascii")

    def seal(self, name: str, data: bytes, sha256: str) -> bytes:
        header = MAGIC + bytes([VERSION]) + os.urandom(NONCE_BYTES)
        return header + self._aead.encrypt(
            header[-NONCE_BYTES:], data, self._aad(header, name, sha256)
        )

    def _checked_header(self, name: str, sealed: bytes | memoryview) -> bytes:
        """The header of a sealed file (magic, version, nonce), checked."""
        header = bytes(sealed[:HEADER_BYTES])
        if len(sealed) < OVERHEAD or header[: len(MAGIC)] != MAGIC:
            raise ScanFileDamaged(f"scan file {name} is not a Qonys scan file")
        if header[len(MAGIC)] != VERSION:
            raise ScanFileDamaged(f"scan file {name} has unknown version {header[len(MAGIC)]}")
        return header

    def open(self, name: str, sealed: bytes, sha256: str) -> bytes:
        header = self._checked_header(name, sealed)
        try:
            # A view, not a slice: a page's megabyte is not copied once more (bench.exchange).
            return self._aead.decrypt(
                header[-NONCE_BYTES:],
                memoryview(sealed)[HEADER_BYTES:],
                self._aad(header, name, sha256),
            )
        except InvalidTag:
            raise self._damaged(name) from None

    @staticmethod
    def _damaged(name: str) -> ScanFileDamaged:
        return ScanFileDamaged(
            f"scan file {name} does not open: damaged, swapped for another page's, "
            "or another store's"
        )

    def read_into(self, name: str, sha256: str, out: bytearray) -> memoryview:
        """``read``, into ``out``: a view of the page at its start.

        For the export's encrypting threads (``package.Deferred``). ``read`` takes a fresh
        megabyte for the file and another for the page; faulting them in and copying into
        them cost the export as much as the GCM itself (bench.exchange). Here the file goes
        into a buffer this thread keeps for its next page, and the page into the caller's,
        which must hold ``size(name)`` bytes (a ``ValueError`` if the file has grown since).
        """
        try:
            handle = open(self._path(name), "rb", buffering=0)  # noqa: PTH123, SIM115 - see _path
        except FileNotFoundError:
            raise ScanFileMissing(f"scan file {name} is missing from {self.root}") from None
        with handle:
            length = os.fstat(handle.fileno()).st_size
            buffer: bytearray | None = getattr(self._sealed, "buffer", None)
            if buffer is None or len(buffer) < length:
                buffer = self._sealed.buffer = bytearray(length)
            sealed = memoryview(buffer)[:length]
            done = 0
            while done < length:
                got = handle.readinto(sealed[done:])
                if not got:  # shorter than when it was measured: the tag check says so
                    break
                done += got
        sealed = sealed[:done]
        header = self._checked_header(name, sealed)
        size = done - OVERHEAD
        if size > len(out):
            raise ValueError(f"scan file {name} holds more than the {len(out)} bytes expected")
        page = memoryview(out)[:size]
        try:
            self._aead.decrypt_into(
                header[-NONCE_BYTES:], sealed[HEADER_BYTES:], self._aad(header, name, sha256), page
            )
        except InvalidTag:
            raise self._damaged(name) from None
        return page

    def write(self, name: str, data: bytes, sha256: str) -> None:
        """Seal `data` into its file durably (temp file, fsync, rename, fsync the folder)."""
        folder = self.path(name).parent
        if not folder.is_dir():
            make_private_dir(self.root)
            make_private_dir(folder)
            fsync_dir(self.root)
        write_atomic(folder / name, self.seal(name, data, sha256))

    def read(self, name: str, sha256: str) -> bytes:
        try:
            sealed = self.path(name).read_bytes()
        except FileNotFoundError:
            raise ScanFileMissing(f"scan file {name} is missing from {self.root}") from None
        return self.open(name, sealed, sha256)

    def size(self, name: str) -> int:
        """The page's size in bytes (GCM: the ciphertext is as long as the page)."""
        try:
            return max(0, os.stat(self._path(name)).st_size - OVERHEAD)  # noqa: PTH116 - _path
        except FileNotFoundError:
            return 0

    # --- removal, orphans, backups ---------------------------------------------------------

    @contextlib.contextmanager
    def _lock(self, shared: bool) -> Iterator[bool]:
        """The removal lock: shared for a backup (waits), exclusive for removals (never waits:
        False when a backup holds it). Always granted where there are no POSIX locks."""
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: one desk per store
            yield True
            return
        make_private_dir(self.root)
        fd = os.open(self.root / _LOCK, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """No file is removed while the block runs (a backup copies the files)."""
        with self._lock(shared=True):
            yield

    def remove(self, names: Iterable[str]) -> int:
        """Remove files no committed row names any more; left to `sweep` during a backup."""
        names = [n for n in names if valid_name(n)]
        if not names:
            return 0
        removed = 0
        with self._lock(shared=False) as granted:
            if not granted:
                return 0
            for name in names:
                with contextlib.suppress(FileNotFoundError):
                    self.path(name).unlink()
                    removed += 1
        return removed

    def on_disk(self) -> Iterator[Path]:
        """Every file in the scan folders (scan files and temp files)."""
        if not self.root.is_dir():
            return
        for folder in self.root.iterdir():
            if folder.is_dir() and len(folder.name) == 2:
                yield from (p for p in folder.iterdir() if p.is_file())

    def sweep(self, named: set[str], *, now: float | None = None) -> int:
        """Remove files older than ORPHAN_AGE that no row names (`named`: every name the
        store's rows hold, read after listing the folder is not needed: a file younger than
        the age is never touched, and a row naming an older file was committed before)."""
        limit = (self._file_system_now() if now is None else now) - ORPHAN_AGE
        removed = 0
        with self._lock(shared=False) as granted:
            if not granted:
                return 0
            for path in list(self.on_disk()):
                if path.name in named:
                    continue
                try:
                    if path.stat().st_mtime > limit:
                        continue
                    path.unlink()
                    removed += 1
                except FileNotFoundError:
                    continue
        return removed

    def _file_system_now(self) -> float:
        """Now, by the clock that stamps the files: a fresh file's modification time. A file's
        age is then one clock's difference, whatever this process's clock says (a shared
        folder's server, a clock set by hand, a test run under faketime)."""
        if not self.root.is_dir():
            return time.time()
        fd, name = tempfile.mkstemp(prefix=".clock-", dir=self.root)
        try:
            return os.fstat(fd).st_mtime
        finally:
            os.close(fd)
            Path(name).unlink()


def scan_files_of(dialect: object) -> ScanFiles | None:
    """The scan files of the store an engine opens (None: scans stay in the table)."""
    files = getattr(dialect, ATTRIBUTE, None)
    return files if isinstance(files, ScanFiles) else None
