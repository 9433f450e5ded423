"""The backup container: a consistent snapshot of the encrypted database plus its key vault.

A backup must survive a dead disk and still open on another machine with an officer's password
or the Department's recovery key, and it must never hold a byte in clear that the store does not.
So the database goes in *as it is on disk*: the store's own SQLCipher 4 files, encrypted with
the store's data key (each page AES-256 with its own HMAC, SQLCipher's authenticated format),
copied byte for byte — never decrypted and re-encrypted (version 2; version 1 held a copy made
through SQLite's backup API, which re-encrypts every page and ran at a tenth of a file copy).
The vault rides along in the header, so the same key slots (officers' Argon2id slots, the
recovery slot) unlock it. Nothing is encrypted with a construction of our own.

A consistent copy while officers keep working (version 2): one read transaction is held for
the whole copy, and the database file and its write-ahead log are copied as they stand. While
a reader holds its place in the log, SQLite neither restarts the log nor copies into the
database file anything past that place; a page the checkpointer does copy meanwhile is also in
the copied log, which SQLite replays over the database when the restored store is first opened
(frames after the last complete commit are ignored by the log's own checksums). A reader whose
snapshot is the database file alone (the log was wholly checkpointed) blocks every checkpoint
until it ends, so the database file stays as it was; the log may then be restarted by a writer
and copied with some commits made after the backup began — whole commits only, each chained
to the one before by the log's checksums, so the restored store is the store as it stood at a
commit during the backup, never a mixture. The copy streams as `hashcopy` says: the bytes
hashed are the bytes written.

Layout (all integers big-endian):

    MAGIC                 8 bytes   b"QONYSBK\\x01"
    header length         4 bytes
    header                JSON (format, version, store id, mission code, created, sizes,
                          schema revision, MAC salt, the vault file)
    database              `db_size` bytes: the SQLCipher database file
    write-ahead log       `wal_size` bytes (version 2; 0 when the log was empty)
    TRAILER_MAGIC         8 bytes   b"QONYSEND"
    SHA-256               32 bytes  over everything before TRAILER_MAGIC
    HMAC-SHA256           32 bytes  keyed by HKDF-SHA256(data key, salt = header.mac_salt,
                                    info = "qonys-backup/1 mac"); version 2: over the SHA-256
                                    above (hash, then MAC the digest: one pass over the data);
                                    version 1: over the same bytes as the SHA-256

The SHA-256 lets anyone check a backup for damage without a password (`backup verify`); the
HMAC, which needs the data key, proves the backup was made by this store and not altered
deliberately (a forger can recompute a bare hash, never the HMAC). The header is inside both.
Both are computed while streaming, in 1 MiB chunks: memory stays bounded for any size.
Version 1 files (made before) verify and restore as before.

Version 3 (issue 19) adds the store's scan files (`scanfiles.py`: each page AES-256-GCM under a
key derived from the data key), copied as they are, after the log: for each file its name
(38 ASCII bytes), its size (8 bytes) and its bytes; an entry of 38 zero bytes and size 0 ends
the section. Which files: every scan file in the store's folder once the database and its log
are copied. The copied log may hold commits made after the backup began (see above); each of
them wrote its files durably before it committed, so they are on disk by then, and none is
removed from the moment the backup starts until it ends (`ScanFiles.held`). Files no row names
(a transaction rolled back meanwhile) ride along and are swept after a restore. Versions 1 and
2 hold no files: their scans are inside the database.
"""

from __future__ import annotations

import base64
import contextlib
import errno
import hashlib
import hmac
import json
import os
import queue
import secrets
import struct
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import Engine

from desktop.storage import hashcopy
from desktop.storage.files import (
    RESTORE_TAG,
    atomic_writer,
    fsync_dir,
    hold,
    make_private_dir,
)
from desktop.storage.scanfiles import ScanFiles, scan_files_of, valid_name

MAGIC = b"QONYSBK\x01"
TRAILER_MAGIC = b"QONYSEND"
FORMAT = "qonys-backup"
VERSION = 3
READABLE_VERSIONS = (1, 2, 3)
_ENTRY = struct.Struct(">38sQ")  # a scan file's name and size (version 3)
_END = _ENTRY.pack(b"", 0)  # the end of the scan files' section
MAX_HEADER = 4 << 20  # a vault is a few KiB; anything near this is not our file
_LEN = struct.Struct(">I")
TRAILER_SIZE = len(TRAILER_MAGIC) + 32 + 32
SUFFIX = ".qonys-backup"

Progress = Callable[[int, int], None]  # (bytes done, bytes total)


class BackupDamaged(Exception):
    """The file is not a Qonys backup, is truncated, or its checksum or MAC does not match."""


@dataclass(frozen=True, slots=True)
class BackupHeader:
    store_id: str
    mission_code: str
    created_at: datetime
    app_version: str
    schema_revision: str
    db_size: int
    mac_salt: bytes
    vault: bytes  # the vault file as saved (JSON), failed-login records dropped
    wal_size: int = 0
    version: int = VERSION

    @property
    def payload_size(self) -> int:
        """The database and its log (version 3: the scan files' section follows)."""
        return self.db_size + self.wal_size

    def to_bytes(self) -> bytes:
        doc: dict[str, Any] = {
            "format": FORMAT,
            "version": self.version,
            "store_id": self.store_id,
            "mission_code": self.mission_code,
            "created_at": self.created_at.isoformat(),
            "app_version": self.app_version,
            "schema_revision": self.schema_revision,
            "db_size": self.db_size,
            "db_format": "sqlcipher-4",
            "mac": "HMAC-SHA256/HKDF-SHA256"
            if self.version == 1
            else "HMAC-SHA256(SHA-256)/HKDF-SHA256",
            "mac_salt": base64.b64encode(self.mac_salt).decode(),
            "vault": base64.b64encode(self.vault).decode(),
        }
        if self.version >= 2:
            doc["wal_size"] = self.wal_size
        if self.version >= 3:
            doc["scans_format"] = "qscan-1"
        return json.dumps(doc, sort_keys=True, separators=(",", ":")).encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> BackupHeader:
        try:
            doc = json.loads(raw)
            if doc.get("format") != FORMAT:
                raise BackupDamaged("not a Qonys backup")
            version = doc.get("version")
            if version not in READABLE_VERSIONS:
                raise BackupDamaged(f"unsupported backup version {version!r}")
            if doc.get("db_format") != "sqlcipher-4":
                raise BackupDamaged(f"unsupported database format {doc.get('db_format')!r}")
            size = int(doc["db_size"])
            wal_size = int(doc.get("wal_size", 0)) if version >= 2 else 0
            if version >= 3 and doc.get("scans_format") != "qscan-1":
                raise BackupDamaged(f"unsupported scan file format {doc.get('scans_format')!r}")
            if min(size, wal_size) < 0:
                raise BackupDamaged("negative database size")
            return cls(
                store_id=str(doc["store_id"]),
                mission_code=str(doc["mission_code"]),
                created_at=datetime.fromisoformat(doc["created_at"]),
                app_version=str(doc["app_version"]),
                schema_revision=str(doc["schema_revision"]),
                db_size=size,
                mac_salt=base64.b64decode(doc["mac_salt"], validate=True),
                vault=base64.b64decode(doc["vault"], validate=True),
                wal_size=wal_size,
                version=version,
            )
        except BackupDamaged:
            raise
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise BackupDamaged("the backup header is damaged") from exc


@dataclass(frozen=True, slots=True)
class VerifyResult:
    header: BackupHeader
    size: int
    sha256: str
    mac_checked: bool


def mac_key(data_key: bytes | bytearray, salt: bytes) -> bytes:
    """A key for the backup's HMAC only, separate from the database key (HKDF, RFC 5869)."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"qonys-backup/1 mac").derive(
        bytes(data_key)
    )


def new_mac_salt() -> bytes:
    return secrets.token_bytes(16)


class _Seal:
    """The trailer's SHA-256 and HMAC, fed while streaming (see the module docstring)."""

    def __init__(self, header: BackupHeader, data_key: bytes | bytearray | None) -> None:
        self._digest = hashlib.sha256()
        self._key = None if data_key is None else mac_key(data_key, header.mac_salt)
        # Version 1 MACs every byte (a second full pass); version 2 MACs the digest.
        self._mac = (
            hmac.new(self._key, digestmod=hashlib.sha256)
            if self._key is not None and header.version == 1
            else None
        )

    def update(self, block: bytes | memoryview) -> None:
        self._digest.update(block)
        if self._mac is not None:
            self._mac.update(block)

    def finish(self) -> tuple[bytes, bytes | None]:
        """(SHA-256, HMAC or None without a key)."""
        checksum = self._digest.digest()
        if self._mac is not None:
            return checksum, self._mac.digest()
        if self._key is None:
            return checksum, None
        return checksum, hmac.digest(self._key, checksum, "sha256")


# --- the live store's files ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoreFiles:
    """The store's database file and write-ahead log, with the sizes to copy of each, and its
    scan files (listed once the database is copied: module docstring)."""

    db: Path
    db_size: int
    wal: Path
    wal_size: int
    scan_files: ScanFiles | None = None

    def parts(self) -> list[tuple[Path, int]]:
        return [(self.db, self.db_size), (self.wal, self.wal_size)]

    def scans(self) -> list[tuple[str, Path, int]]:
        """(name, path, size) of every scan file in the store's folder now."""
        if self.scan_files is None:
            return []
        found = []
        for path in self.scan_files.on_disk():
            if valid_name(path.name):
                with contextlib.suppress(FileNotFoundError):
                    found.append((path.name, path, path.stat().st_size))
        return sorted(found)


@contextlib.contextmanager
def frozen_store(engine: Engine, db: Path) -> Iterator[StoreFiles]:
    """Hold one read transaction on the store while its files are copied (module docstring).

    Writers carry on meanwhile (WAL): they append to the log, which is copied only up to its
    length when the transaction began. A passive checkpoint first keeps the log short.
    """
    wal = db.with_name(db.name + "-wal")
    files = scan_files_of(engine.dialect)
    held = files.held() if files is not None else contextlib.nullcontext()
    with held, engine.connect() as conn:
        source = conn.connection.driver_connection
        if source is None:  # pragma: no cover - a pooled connection always has one
            raise RuntimeError("no DB-API connection")
        source.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        source.execute("BEGIN")
        try:
            # The first read takes the transaction's place in the log.
            source.execute("SELECT count(*) FROM sqlite_master").fetchall()
            wal_size = wal.stat().st_size if wal.exists() else 0
            yield StoreFiles(db, db.stat().st_size, wal, wal_size, files)
        finally:
            source.execute("ROLLBACK")


# --- writing -------------------------------------------------------------------------------


def write_container(
    out: Path,
    header: BackupHeader,
    parts: list[tuple[Path, int]],
    data_key: bytes | bytearray,
    *,
    progress: Progress | None = None,
    stages: hashcopy.Stages | None = None,
    scans: Callable[[], list[tuple[str, Path, int]]] | None = None,
) -> str:
    """Stream header + the parts (file, bytes to take) + trailer into `out` atomically; return
    the SHA-256 (hex). The parts' sizes must add up to the header's payload.

    The file is built under a temporary name beside `out`, fsynced, then renamed: a power cut
    leaves the previous backup of that name or the new one, never half a file. The bytes are
    copied as `hashcopy` says (reused buffers, hashing and writing on two threads).
    """
    total = sum(size for _, size in parts)
    if total != header.payload_size:
        raise ValueError("the parts' sizes differ from the header")
    seal = _Seal(header, data_key)
    done = 0

    def step(length: int) -> None:
        nonlocal done
        done += length
        if progress is not None:
            progress(done, total)

    # `hold`: a half-written file is known as left over when no one holds it any more.
    with (
        atomic_writer(out, buffering=0, on_open=hold) as sink,
        hashcopy.Writer(stages) as writer,
    ):
        raw_header = header.to_bytes()
        start = MAGIC + _LEN.pack(len(raw_header)) + raw_header
        seal.update(start)
        writer.write(sink, start)

        def everything() -> Iterator[tuple[Path, int] | bytes]:
            nonlocal total
            yield from parts
            if header.version >= 3:  # listed only now, once the database is copied
                listed = scans() if scans is not None else []
                total = max(total, done + sum(size for _, _, size in listed))
                yield from _scan_parts(listed)

        for part in everything():
            if isinstance(part, bytes):
                seal.update(part)
                writer.write(sink, part)
                continue
            path, size = part
            if size == 0:
                continue
            with path.open("rb", buffering=0) as source:
                try:
                    hashcopy.pump(
                        source,
                        size,
                        seal.update,
                        writer=writer,
                        sink=sink,
                        step=step,
                        stages=stages,
                    )
                except hashcopy.ShortRead:
                    raise OSError(f"{path.name} became shorter while it was copied") from None
        checksum, mac = seal.finish()
        assert mac is not None  # written with the key
        writer.write(sink, TRAILER_MAGIC + checksum + mac)
        writer.finish()
        hashcopy.fsync(sink, stages)
    return checksum.hex()


def _scan_parts(scans: list[tuple[str, Path, int]]) -> list[tuple[Path, int] | bytes]:
    parts: list[tuple[Path, int] | bytes] = []
    for name, path, size in scans:
        parts.append(_ENTRY.pack(name.encode("ascii"), size))
        parts.append((path, size))
    parts.append(_END)
    return parts


# --- reading -------------------------------------------------------------------------------


def read_header(path: Path) -> BackupHeader:
    with path.open("rb") as source:
        header, _ = _read_header(source, path.stat().st_size)
    return header


def verify(
    path: Path,
    data_key: bytes | bytearray | None = None,
    *,
    stages: hashcopy.Stages | None = None,
) -> VerifyResult:
    """Check a backup end to end without restoring it: structure, SHA-256, and (with the data
    key) the HMAC. Raises BackupDamaged on any difference."""
    return _scan(path, data_key, stages=stages)


def extract_database(
    path: Path,
    data_key: bytes | bytearray,
    target: Path,
    *,
    scans: Path | None = None,
    progress: Progress | None = None,
    stages: hashcopy.Stages | None = None,
) -> VerifyResult:
    """Write the database (and, from version 2, its write-ahead log beside it) out of a backup
    into `target`, checking SHA-256 and HMAC on the way. SQLite replays the log over the
    database when the store is first opened.

    `progress(done, total)` counts the backup file's bytes (its size is the total: the scan
    files' section has no total of its own), reported as they are copied — the database and
    its log block by block, the scan files file by file — and reaches the total only once
    every byte checked out. An exception raised by `progress` (a Cancel) stops the restore
    there, between two blocks or two files: the temp files are removed; the scan files
    already written are the caller's to remove (`restore_backup`).

    `target` appears only when every byte checked out (temp files, fsync, rename); the scan
    files (version 3) are written into `scans` before it, each fsynced.
    """
    wal_target = target.with_name(target.name + "-wal")
    # The log gets its name first, the database last: the database appears only when both
    # are complete (a log without its database is never opened).
    # Temp names a later restore or login knows for a killed restore's own, locked while
    # written (store.remove_restore_leftovers).
    with (
        atomic_writer(target, buffering=0, tag=RESTORE_TAG, on_open=hold) as db_sink,
        atomic_writer(wal_target, buffering=0, tag=RESTORE_TAG, on_open=hold) as wal_sink,
    ):
        with hashcopy.Writer(stages) as writer:
            result = _scan(
                path,
                data_key,
                writer=writer,
                sinks=(db_sink, wal_sink),
                scans=scans,
                progress=progress,
                stages=stages,
            )
            writer.finish()
        hashcopy.fsync(wal_sink, stages)
        hashcopy.fsync(db_sink, stages)
    if not result.header.wal_size:
        wal_target.unlink()  # a backup of a store with an empty log: no log beside it
        fsync_dir(target.parent)
    return result


def _scan(
    path: Path,
    data_key: bytes | bytearray | None,
    *,
    writer: hashcopy.Writer | None = None,
    sinks: tuple[IO[bytes], IO[bytes]] | None = None,
    scans: Path | None = None,
    progress: Progress | None = None,
    stages: hashcopy.Stages | None = None,
) -> VerifyResult:
    try:
        total = path.stat().st_size
        source = path.open("rb", buffering=0)
    except FileNotFoundError:
        raise BackupDamaged(f"no such file: {path.name}") from None
    with source:
        header, raw_header = _read_header(source, total)
        expected = len(MAGIC) + _LEN.size + len(raw_header) + header.payload_size + TRAILER_SIZE
        if header.version >= 3:
            expected += _ENTRY.size  # at least the scan files' end
            if total < expected:
                raise BackupDamaged("the backup is truncated")
        elif total != expected:
            raise BackupDamaged("the backup is truncated or has bytes added")
        seal = _Seal(header, data_key)
        seal.update(MAGIC + _LEN.pack(len(raw_header)) + raw_header)
        # Every byte of the file counts (issue 19: the bar stood at 100 % from the end of the
        # log while the scan files, nearly all the bytes, were still being written).
        done = len(MAGIC) + _LEN.size + len(raw_header)

        def step(length: int) -> None:
            nonlocal done
            done += length
            if progress is not None:
                progress(min(done, total - TRAILER_SIZE), total)

        db_sink, wal_sink = sinks if sinks is not None else (None, None)
        try:
            for size, sink in ((header.db_size, db_sink), (header.wal_size, wal_sink)):
                hashcopy.pump(
                    source,
                    size,
                    seal.update,
                    writer=writer,
                    sink=sink,
                    step=step,
                    stages=stages,
                )
            if header.version >= 3:
                _scan_files(source, seal.update, scans, stages, step)
                if total - source.tell() != TRAILER_SIZE:
                    raise BackupDamaged("the backup is truncated or has bytes added")
        except hashcopy.ShortRead:
            raise BackupDamaged("the backup is truncated") from None
        trailer = _read_exactly(source, TRAILER_SIZE)
    if trailer[: len(TRAILER_MAGIC)] != TRAILER_MAGIC:
        raise BackupDamaged("the backup's trailer is damaged")
    stored_digest = trailer[len(TRAILER_MAGIC) : len(TRAILER_MAGIC) + 32]
    stored_mac = trailer[len(TRAILER_MAGIC) + 32 :]
    checksum, mac = seal.finish()
    if not hmac.compare_digest(checksum, stored_digest):
        raise BackupDamaged("checksum mismatch: the backup was damaged or altered")
    if mac is not None and not hmac.compare_digest(mac, stored_mac):
        # The key came from this backup's own vault: a good checksum with a bad MAC means the
        # bytes were altered by someone who could recompute a hash but not the keyed MAC.
        raise BackupDamaged("authentication failed: the backup was altered")
    if progress is not None:
        progress(total, total)
    return VerifyResult(header, total, checksum.hex(), mac is not None)


def _scan_files(
    source: IO[bytes],
    update: hashcopy.Update,
    scans: Path | None,
    stages: hashcopy.Stages | None = None,
    step: hashcopy.Step | None = None,
) -> None:
    """The scan files' section (version 3): read through and hashed, and written under `scans`
    if given (every file and folder fsynced before this returns). `step(length)` follows each
    file hashed (its entry and its bytes), on the caller's thread.

    Where the kernel can copy them (`KERNEL_COPY`), it does, and the caller hashes each file
    as restored (`_copy_scan_files`). Elsewhere (Windows), the caller reads each file and
    hashes it piece by piece as it arrives (`_read_hashed`); a pool writes the whole files
    meanwhile (`_FileWriters`): in line, a restore of a 1 GiB store ran at 0.2× a plain copy
    (issue 19). A file's buffer is not touched once it is read and hashed. Either way the
    bytes hashed are the bytes written.
    """
    stages = stages if stages is not None else hashcopy.Stages()
    if scans is not None and KERNEL_COPY:
        _copy_scan_files(source, update, scans, stages, step)
        return
    end = os.fstat(source.fileno()).st_size
    buffers = _Buffers()
    writers = _FileWriters(scans, stages, buffers) if scans is not None else None
    entry_buffer = bytearray(_ENTRY.size)
    try:
        while True:
            entry = bytes(_read_hashed(source, _ENTRY.size, update, stages, entry_buffer))
            if entry == _END:
                break
            raw_name, size = _ENTRY.unpack(entry)
            name = raw_name.decode("ascii", "replace")
            if not valid_name(name) or size > _MAX_SCAN:
                raise BackupDamaged("the backup's list of scan files is damaged")
            if size > end - source.tell():  # before a buffer is found for it
                raise hashcopy.ShortRead
            buffer = buffers.take(size)
            data = _read_hashed(source, size, update, stages, buffer)
            if writers is not None:
                writers.put(name, data, buffer)
            else:
                buffers.give(buffer)
            if step is not None:
                step(_ENTRY.size + size)
        if writers is not None:
            writers.finish()
    finally:
        if writers is not None:
            writers.close()


_MAX_SCAN = 1 << 30  # no scan page comes near; a larger size is a damaged entry
_PIECE = 256 << 10  # read and hashed while in the CPU's cache (see hashcopy.CHUNK)
# Writers of a restore's scan files (`_FileWriters`): with two the reader waited for them
# (3–5 s of a 10 s restore) when the file system was slow; with four or eight it never did.
_WRITERS = 8
_IN_FLIGHT = 16  # files read and not yet written: 16 MiB of 1 MiB pages


def _read_hashed(
    source: IO[bytes],
    size: int,
    update: hashcopy.Update,
    stages: hashcopy.Stages,
    buffer: bytearray,
) -> memoryview:
    """`size` bytes into `buffer` (at least that long), each piece hashed right after it is
    read, while it is still in the CPU's cache: a thread of its own for the hash cost more CPU
    time than it saved (`backup verify` of 1.1 GB: 0.9 s against 0.65 s of user time, under
    load) and gained nothing on two cores, where the pool's writes already take the other one.
    Raises ShortRead if the source ends first."""
    view = memoryview(buffer)[:size]
    done = 0
    while done < size:
        started = time.perf_counter()
        length = source.readinto(view[done : done + _PIECE])  # type: ignore[attr-defined]
        read = time.perf_counter()
        stages.read += read - started
        if not length:
            raise hashcopy.ShortRead
        update(view[done : done + length])
        stages.hash += time.perf_counter() - read
        done += length
    return view


class _Buffers:
    """The buffers that files are read into, used again once written: a fresh megabyte per file
    is fresh memory from the kernel each time (page faults, zeroing), as `hashcopy` found for
    the blocks of a copy. A buffer comes back only when its file is written, so no bytes
    are read into it while they are being written."""

    def __init__(self) -> None:
        self._free: queue.SimpleQueue[bytearray] = queue.SimpleQueue()

    def take(self, size: int) -> bytearray:
        try:
            buffer = self._free.get_nowait()
        except queue.Empty:
            return bytearray(size)
        return buffer if len(buffer) >= size else bytearray(size)  # a smaller one is dropped

    def give(self, buffer: bytearray) -> None:
        self._free.put(buffer)


class _FileWriters:
    """Writes whole scan files into `root` on a pool of threads while the caller reads and
    hashes the next ones, then fsyncs them and their folders (`finish`). Where the kernel
    copies the files (`_copy_scan_files`), what is said here of folders, write-back and
    fsyncs holds for its pool too.

    What a restore of one file per page waits on is the file system and the CPU, not the disk
    (issue 19, measured on a 2-core VM under load: 1,024 files of 1 MiB in 253 folders):

    * creating a file or a folder waits on the journal (0.4–1.2 ms each): the pool does it;
      a folder is made by the first file that finds it missing (`mkdir` with exist_ok: two
      writers of one folder may race), so the caller never waits for one and only the
      folders the backup names are made;
    * on a busy machine a restore is bound by CPU time, not by the disk: 0.9–1.1 s of user
      time per GB (the hash, 0.64 s of it) and 1.6–3.7 s of system time (reading, creating
      and writing the files; a plain copy of the same tree costs as much), so its wall time
      follows the machine's load (3.5–14 s for the same 1.1 GB within minutes);
    * the kernel writes a file back only when told: each file is handed to write-back as soon
      as it is written (`hashcopy.start_writeback`), so the disk works during the restore and
      the fsyncs at the end find little left to write (0.1 s instead of 0.7 s). With that, one
      `syncfs(2)` of the whole file system at the end instead of one fsync per file was no
      faster (1.9–2.7 s against 1.2–2.3 s for the whole write), and it would have promised
      less: before Linux 5.8 it reports no write error, on a network file system it may not
      reach the server's disk, and it waits for every other program's writes too. So every
      file and every folder is fsynced, on the pool, before the database that names them
      appears (`extract_database`).

    At most `_IN_FLIGHT` files wait in memory.
    """

    def __init__(self, root: Path, stages: hashcopy.Stages, buffers: _Buffers) -> None:
        from concurrent.futures import ThreadPoolExecutor

        make_private_dir(root)
        self._root = root
        self._stages = stages
        self._buffers = buffers
        self._pool = ThreadPoolExecutor(_WRITERS, thread_name_prefix="qonys-restore-scans")
        self._room = threading.Semaphore(_IN_FLIGHT)
        self._pending: list[Future[None]] = []
        self._written: list[Path] = []
        self._folders: set[Path] = set()
        self._lock = threading.Lock()

    def put(self, name: str, data: memoryview, buffer: bytearray) -> None:
        """Write `data` (a view of `buffer`) as the file `name`; `buffer` goes back to the
        reader's buffers once written."""
        started = time.perf_counter()
        self._room.acquire()
        self._stages.wait += time.perf_counter() - started
        path = self._root / name[:2] / name
        future = self._pool.submit(self._write, path, data, buffer)
        future.add_done_callback(lambda _: self._room.release())
        self._pending.append(future)
        self._written.append(path)
        self._folders.add(path.parent)
        if len(self._pending) > 64:
            self._check(wait=False)

    def _write(self, path: Path, data: memoryview, buffer: bytearray) -> None:
        started = time.perf_counter()
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
        try:
            try:
                fd = os.open(path, flags, 0o600)
            except FileNotFoundError:  # the first file of its folder
                make_private_dir(path.parent)
                fd = os.open(path, flags, 0o600)
            try:
                while data:
                    data = data[os.write(fd, data) :]
                hashcopy.start_writeback(fd)
            finally:
                os.close(fd)
        finally:
            self._buffers.give(buffer)  # written, or given up on: free to read into again
        with self._lock:
            self._stages.write += time.perf_counter() - started

    def _check(self, *, wait: bool) -> None:
        still = []
        for future in self._pending:
            if wait or future.done():
                future.result()  # raises the writer's error (a full disk) here
            else:
                still.append(future)
        self._pending = still

    def finish(self) -> None:
        started = time.perf_counter()
        self._check(wait=True)
        self._stages.wait += time.perf_counter() - started
        started = time.perf_counter()
        # Every file, then every folder that names one, on the disk before the database that
        # names them appears.
        list(self._pool.map(_sync_file, self._written))  # raises a failed fsync here
        list(self._pool.map(fsync_dir, self._folders))
        fsync_dir(self._root)
        self._stages.fsync += time.perf_counter() - started

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


# Where a file can be read at an offset (everywhere but Windows), a restore copies each scan
# file inside the kernel and hashes the copy it wrote (`_copy_scan_files`).
KERNEL_COPY = hasattr(os, "preadv")
_AHEAD = 32  # files copied ahead of the hash: in the page cache, none in this process's memory
# Copiers of a restore's scan files: 2, 4 and 8 ran alike on 2 cores (1 GiB, under load);
# more than one, so that a file waiting on the journal to be created holds no other back.
_COPIERS = 4


def _copy_scan_files(
    source: IO[bytes],
    update: hashcopy.Update,
    root: Path,
    stages: hashcopy.Stages,
    step: hashcopy.Step | None = None,
) -> None:
    """The scan files' section copied into `root` by the kernel, each file hashed as written.

    A pool creates each file and copies its bytes from the backup into it (`sendfile(2)`:
    from the page cache into the page cache, no copy through this process), up to `_AHEAD`
    files ahead; the caller meanwhile hashes, in the stream's order, each entry and then the
    file *as it now stands on the disk's side* (read back from the page cache while still
    there), then hands it to write-back on the pool. So the bytes hashed are the bytes the
    restored file holds, as when the caller's buffer was hashed and then written.

    Why (issue 19, 1 GiB store, 2-core VM under load 5, the two ways interleaved): writing
    each file from the caller's buffer cost 3.2–3.6 s of system time (the kernel's copy from
    a process's memory into the page cache was most of it: 3–6 times its copy of the same
    bytes from file to file) and the restore took 6.7–8.4 s; copied by the kernel it takes
    1.1 s of system time, 2.1 s of CPU time in all, and 2.1–4.4 s. Reading a file back to
    hash it costs about what reading it out of the backup did. Measured and not taken: the
    copiers reading each file back into a buffer for the caller to hash (the caller's CPU
    time rose, 1.13 s against 0.97 s: the buffer came from the other core's cache), starting
    the write-back with `sync_file_range(2)` right after the copy (no faster), and pieces of
    128 KiB or 1 MiB instead of `_PIECE` (alike).

    Every file, then every folder, is fsynced before this returns (`_sync_file`). `step` follows
    each file hashed, on the caller's thread; what it raises (a Cancel) stops the copy there.
    """
    from collections import deque
    from concurrent.futures import ThreadPoolExecutor

    src = source.fileno()
    position = source.tell()
    end = os.fstat(src).st_size
    make_private_dir(root)
    pool = ThreadPoolExecutor(_COPIERS, thread_name_prefix="qonys-restore-scans")
    lock = threading.Lock()
    pending: deque[tuple[bytes, Path | None, int, Future[int] | None]] = deque()
    written: list[Path] = []
    folders: set[Path] = set()
    closing: list[Future[None]] = []
    buffer = bytearray(_PIECE)
    view = memoryview(buffer)
    listed = False

    def copy(path: Path, offset: int, size: int) -> int:
        started = time.perf_counter()
        fd = _create(path)
        try:
            _copy_range(src, fd, offset, size)
        except BaseException:
            os.close(fd)
            raise
        with lock:
            stages.write += time.perf_counter() - started
        return fd

    try:
        while True:
            while not listed and len(pending) < _AHEAD:
                entry = os.pread(src, _ENTRY.size, position)
                if len(entry) < _ENTRY.size:
                    raise hashcopy.ShortRead
                position += _ENTRY.size
                if entry == _END:
                    listed = True
                    pending.append((entry, None, 0, None))
                    break
                raw_name, size = _ENTRY.unpack(entry)
                name = raw_name.decode("ascii", "replace")
                if not valid_name(name) or size > _MAX_SCAN:
                    raise BackupDamaged("the backup's list of scan files is damaged")
                if size > end - position:
                    raise hashcopy.ShortRead
                path = root / name[:2] / name
                pending.append((entry, path, size, pool.submit(copy, path, position, size)))
                position += size
            entry, path, size, future = pending.popleft()
            update(memoryview(entry))
            if path is None or future is None:
                break
            started = time.perf_counter()
            fd = future.result()  # raises the copier's error (a full disk) here
            stages.wait += time.perf_counter() - started
            try:
                _hash_back(fd, size, update, view, stages)
            except BaseException:
                os.close(fd)
                raise
            # Handed to the disk and closed on the pool: starting the write-back is the file
            # system's work (allocating its blocks), not the hash's.
            closing.append(pool.submit(_hand_over, fd))
            written.append(path)
            folders.add(path.parent)
            if step is not None:
                step(_ENTRY.size + size)
        source.seek(position)
        started = time.perf_counter()
        for closed in closing:
            closed.result()
        # Every file, then every folder that names one, on the disk before the database that
        # names them appears.
        list(pool.map(_sync_file, written))  # raises a failed fsync here
        list(pool.map(fsync_dir, folders))
        fsync_dir(root)
        stages.fsync += time.perf_counter() - started
    finally:
        for _, _, _, future in pending:  # copied ahead of an error: not hashed, not kept open
            if future is not None and not future.cancel():
                with contextlib.suppress(BaseException):
                    os.close(future.result())
        pool.shutdown(wait=True)  # the files handed over are closed


def _hand_over(fd: int) -> None:
    try:
        hashcopy.start_writeback(fd)
    finally:
        os.close(fd)


def _create(path: Path) -> int:
    flags = os.O_RDWR | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    try:
        return os.open(path, flags, 0o600)
    except FileNotFoundError:  # the first file of its folder (two copiers may race: exist_ok)
        make_private_dir(path.parent)
        return os.open(path, flags, 0o600)


def _copy_range(src: int, dst: int, offset: int, size: int) -> None:
    """`size` bytes of `src` from `offset` to the start of `dst`: by the kernel where it copies
    between these files (Linux), else read and written here."""
    done = 0
    if hasattr(os, "sendfile"):
        try:
            while done < size:
                sent = os.sendfile(dst, src, offset + done, size - done)
                if not sent:
                    raise hashcopy.ShortRead
                done += sent
            return
        except OSError as exc:  # not between these files (macOS: sockets only; some FUSE)
            if exc.errno not in _NO_KERNEL_COPY:
                raise
    buffer = bytearray(min(size - done, 1 << 20))
    while done < size:
        length = os.preadv(src, [memoryview(buffer)[: size - done]], offset + done)
        if not length:
            raise hashcopy.ShortRead
        data = memoryview(buffer)[:length]
        while data:
            put = os.pwrite(dst, data, done)
            data = data[put:]
            done += put


_NO_KERNEL_COPY = {
    getattr(errno, name)
    for name in ("EINVAL", "ENOSYS", "EOPNOTSUPP", "ENOTSOCK", "EXDEV")
    if hasattr(errno, name)
}


def _hash_back(
    fd: int, size: int, update: hashcopy.Update, view: memoryview, stages: hashcopy.Stages
) -> None:
    """Hash the `size` bytes the file `fd` holds, read piece by piece into `view`."""
    done = 0
    while done < size:
        started = time.perf_counter()
        length = os.preadv(fd, [view[: min(len(view), size - done)]], done)
        read = time.perf_counter()
        stages.read += read - started
        if not length:
            raise hashcopy.ShortRead  # shorter than copied: changed under the restore
        update(view[:length])
        stages.hash += time.perf_counter() - read
        done += length


def _sync_file(path: Path) -> None:
    # Written, not read: Windows flushes only a handle that may write.
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _read_header(source: IO[bytes], total: int) -> tuple[BackupHeader, bytes]:
    start = _read_exactly(source, len(MAGIC) + _LEN.size)
    if len(start) < len(MAGIC) + _LEN.size or start[: len(MAGIC)] != MAGIC:
        raise BackupDamaged("not a Qonys backup")
    (length,) = _LEN.unpack(start[len(MAGIC) :])
    if length > MAX_HEADER or length > total:
        raise BackupDamaged("the backup header is damaged")
    raw = _read_exactly(source, length)
    if len(raw) != length:
        raise BackupDamaged("the backup is truncated")
    return BackupHeader.from_bytes(raw), raw


def _read_exactly(source: IO[bytes], size: int) -> bytes:
    """Up to `size` bytes: fewer only at the end of the file (an unbuffered read may return
    fewer at any time)."""
    parts = []
    left = size
    while left > 0:
        block = source.read(left)
        if not block:
            break
        parts.append(block)
        left -= len(block)
    return b"".join(parts)
