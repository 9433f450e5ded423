"""Writing a package: members encrypted, hashed and written one by one, then the signed
manifest; the file appears under its name only when complete.
"""

from __future__ import annotations

import collections
import contextlib
import hashlib
import os
import queue
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from cryptography import x509

from desktop.storage.files import fsync_dir
from desktop.sync import cms
from desktop.sync.errors import (
    MalformedPackageError,
)
from desktop.sync.package.container import (
    _BUFFER_UNIT,
    _LOCAL,
    _MAX_MEMBERS,
    _RELEASE_EVERY,
    _RESERVED_MEMBERS,
    _ZIP_LIMIT,
    MANIFEST_NAME,
    MEMBER_KINDS,
    MIMETYPE,
    SIGNATURE_NAME,
    _central_header,
    _end_record,
    _Entry,
    _local_header,
    crc32,
)
from desktop.sync.package.manifest import Manifest, MemberInfo
from desktop.sync.trust import fingerprint

# --- writing -------------------------------------------------------------------------------
# Members encrypted or waiting to be written: each holds its plaintext and its DER, about two
# scan pages, so a package in progress holds about 2 x 6 MB of members at most.
_SINK_DEPTH = 6


@dataclass(frozen=True)
class WrittenPackage:
    path: Path
    sha256: str
    size: int
    manifest: Manifest
    manifest_sha256: str = ""  # SHA-256 of the signed manifest.json: the chain's link


class _HashingFile:
    """Writes to a file and hashes every byte written (the package's own SHA-256)."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()
        self.offset = 0

    def write(self, data: bytes | memoryview) -> None:
        self.handle.write(data)
        self.digest.update(data)
        self.offset += len(data)


@dataclass(frozen=True)
class Deferred:
    """A member's plaintext of known size, read only when it is encrypted, on the thread
    that encrypts it.

    A scan page read and decrypted (AES-GCM) on the core that then encrypts and hashes it
    crosses no other core's cache, and the read runs on every core, not on one reading thread
    (bench.exchange). ``read`` must return exactly ``size`` bytes; what it raises (a missing
    or damaged scan file) fails the package, unchanged.
    """

    size: int
    read: Callable[[], bytes]
    # Or the same bytes read into a buffer of at least ``size`` bytes the encrypting thread
    # keeps for its next member: a view of them there (no fresh megabyte per page).
    read_into: Callable[[bytearray], memoryview] | None = None

    def __len__(self) -> int:
        return self.size


@dataclass(frozen=True)
class _Sealed:
    """One member, encrypted: its DER (a view of a reusable buffer), SHA-256 and CRC-32."""

    der: memoryview
    sha256: str
    crc: int


def _encryptors() -> int:
    """Threads that encrypt members: one per core, at most four (memory stays bounded by the
    sink's depth, not by this)."""
    return max(1, min(4, os.cpu_count() or 1))


class _MemberSink:
    """Writes encrypted members to the file, in order, on a thread of its own.

    Members are encrypted on a pool of threads (``PackageWriter.add``), each also hashing its
    member and computing its CRC-32: AES-CBC and SHA-256 release the GIL, so the members'
    encryption runs on every core. What has to be sequential stays here: the kernel's copy
    into the page cache and the whole file's SHA-256 (bench.exchange). At most ``depth``
    members wait: memory stays bounded by a few members. The first error (a full disk, a
    failed encryption) stops the sink and is raised, unchanged, by the next ``put`` or by
    ``drain``.
    """

    _STOP = None

    def __init__(
        self, write: Callable[[str, str, _Sealed], None], depth: int = _SINK_DEPTH
    ) -> None:
        self._write = write
        self._queue: queue.Queue[tuple[str, str, Future[_Sealed]] | None] = queue.Queue(
            maxsize=depth
        )
        self._error: BaseException | None = None
        self._abandoned = threading.Event()
        self._thread = threading.Thread(target=self._run, name="package-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None or self._abandoned.is_set():
                return
            if self._error is not None:
                continue  # keep taking items so a producer never blocks on a dead sink
            name, kind, sealing = item
            try:
                self._write(name, kind, sealing.result())
            except BaseException as exc:  # noqa: BLE001 - the thread's top: raised in the producer
                self._error = exc

    def _raise_pending(self) -> None:
        if self._error is not None:
            raise self._error

    def put(self, name: str, kind: str, sealing: Future[_Sealed]) -> None:
        self._raise_pending()
        self._queue.put((name, kind, sealing))

    def drain(self) -> None:
        """Wait until every member is on disk; raise the sink's error if there was one."""
        if self._thread.is_alive():
            self._queue.put(self._STOP)
            self._thread.join()
        self._raise_pending()

    def abandon(self) -> None:
        self._abandoned.set()
        if self._thread.is_alive():
            with contextlib.suppress(queue.Full):
                while True:  # unblock the thread if it waits for room, then stop it
                    self._queue.put_nowait(self._STOP)
            self._thread.join()


class PackageWriter:
    """Build one package, member by member; ``finish()`` signs and publishes it atomically.

    Use as a context manager: leaving the block with an exception (a full disk, say) removes
    the temporary file and leaves no package behind.
    """

    def __init__(
        self,
        path: Path,
        *,
        sender: str,
        recipient: str,
        recipient_cert: x509.Certificate,
        signer_cert: x509.Certificate,
        signer_key: cms.SigningKey,
        sequence: int,
        previous_sha256: str | None,
        records_schema: int,
        created_at: datetime | None = None,
        previous_manifest_sha256: str | None = None,
    ) -> None:
        self.path = Path(path)
        self._tmp = self.path.with_name(f".{self.path.name}.partial")
        self._sender = sender
        self._recipient = recipient
        self._recipient_cert = recipient_cert
        self._signer_cert = signer_cert
        self._signer_key = signer_key
        self._sequence = sequence
        self._previous = previous_sha256
        self._previous_manifest = previous_manifest_sha256
        self._schema = records_schema
        self._created = created_at or datetime.now(UTC)
        self._entries: list[_Entry] = []
        self._members: list[MemberInfo] = []
        self._planned_size = 0
        self._member_count = 0
        fd = os.open(
            self._tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600
        )
        self._handle: BinaryIO = os.fdopen(fd, "wb")
        self._out = _HashingFile(self._handle)
        self._closed = False
        self._put("mimetype", MIMETYPE)
        self._planned_size = self._out.offset
        self._released = 0
        self._envelope = cms.Envelope(recipient_cert)
        self._sealers = ThreadPoolExecutor(_encryptors(), thread_name_prefix="package-encrypt")
        self._adviser = ThreadPoolExecutor(1, thread_name_prefix="package-writeback")
        self._advice: Future[None] | None = None
        self._sink = _MemberSink(self._write_member)
        # Buffers members are encrypted into, back from the sink once written: a fresh
        # megabyte per member costs page faults as dear as the cipher (bench.exchange).
        self._buffers: collections.deque[bytearray] = collections.deque()
        self._pages = threading.local()  # each encrypting thread's, for Deferred plaintexts
        self.audit_checkpoint: dict[str, Any] | None = None  # put into the manifest
        self.store: str | None = None  # the sending store's id, put into the manifest

    @property
    def size(self) -> int:
        """Bytes in the package so far (what the file will be, less the manifest, its signature
        and the directory), counting members still on their way to the disk."""
        return self._planned_size

    @property
    def member_count(self) -> int:
        return self._member_count

    def _put(self, name: str, data: bytes | memoryview, crc: int | None = None) -> None:
        raw = name.encode("ascii")
        if crc is None:
            crc = crc32(data, 0)
        entry = _Entry(name, crc, len(data), self._out.offset)
        self._out.write(_local_header(raw, crc, len(data)))
        self._out.write(data)
        self._entries.append(entry)

    def _page_buffer(self, size: int) -> bytearray:
        """This encrypting thread's buffer for a ``Deferred`` member's plaintext."""
        buffer: bytearray | None = getattr(self._pages, "buffer", None)
        if buffer is None or len(buffer) < size:
            buffer = self._pages.buffer = bytearray(-(-size // _BUFFER_UNIT) * _BUFFER_UNIT)
        return buffer

    def _seal(self, member: bytes | Deferred, buffer: bytearray) -> _Sealed:
        """Encrypt one member into ``buffer``, and hash it: on a thread of the pool."""
        plaintext: bytes | memoryview
        if not isinstance(member, Deferred):
            plaintext = member
        else:
            if member.read_into is not None:
                plaintext = member.read_into(self._page_buffer(member.size))
            else:
                plaintext = member.read()
            if len(plaintext) != member.size:
                raise ValueError(
                    f"a member read {len(plaintext)} bytes where {member.size} were due"
                )
        digest = hashlib.sha256()
        crc = 0

        def observe(piece: memoryview) -> None:
            nonlocal crc
            digest.update(piece)
            crc = crc32(piece, crc)

        der = memoryview(buffer)[: self._envelope.encrypt_into(plaintext, buffer, observe)]
        return _Sealed(der, digest.hexdigest(), crc)

    def _write_member(self, name: str, kind: str, sealed: _Sealed) -> None:
        der = sealed.der
        self._put(name, der, sealed.crc)
        self._members.append(MemberInfo(name, kind, len(der), sealed.sha256))
        buffer = der.obj
        der.release()
        assert isinstance(buffer, bytearray)
        self._buffers.append(buffer)
        if self._out.offset - self._released >= _RELEASE_EVERY:
            self._release_written()

    def _buffer(self, size: int) -> bytearray:
        """A buffer of at least ``size`` bytes: a written member's, or a new one."""
        while self._buffers:
            buffer = self._buffers.popleft()
            if len(buffer) >= size:
                return buffer
        return bytearray(-(-size // _BUFFER_UNIT) * _BUFFER_UNIT)

    def _release_written(self) -> None:
        """Hand the page-cache pages of what is written back to the kernel.

        A package of a gigabyte is written once and not read again here: keeping it cached
        only makes the kernel take fresh memory for every write (measured: a quarter of an
        export's CPU went to copying into new page-cache pages). Recycling a few tens of MB
        of cache keeps the copies cheap, and the final fsync short.

        The advice is given on a thread of its own: Linux submits the writeback of what is
        dirty within the call, ~6 ms per 32 MB here, and the writing thread (the one stage
        that runs in order) stalled that long while the encrypting threads filled the sink
        and waited (bench.exchange). One call at a time: one still running covers the range.
        """
        if not hasattr(os, "posix_fadvise"):  # Windows: no such advice; the cache manages
            return
        if self._advice is not None and not self._advice.done():
            return
        self._handle.flush()
        # Linux starts writing back what is dirty and drops what is clean already (written
        # back since the last call), without waiting: durability is finish()'s fsync.
        self._advice = self._adviser.submit(
            os.posix_fadvise, self._handle.fileno(), 0, self._out.offset, os.POSIX_FADV_DONTNEED
        )
        self._released = self._out.offset

    def _stop_advice(self) -> None:
        """Wait for the last advice (the file stays open until then); raise its error."""
        self._adviser.shutdown()
        if self._advice is not None:
            self._advice.result()

    def add(self, kind: str, plaintext: bytes | Deferred) -> str:
        """Queue ``plaintext`` to be encrypted to the recipient and written; returns the
        member's name. Members are encrypted in parallel and written in the order added; a
        ``Deferred`` plaintext is read then, on the encrypting thread."""
        if kind not in MEMBER_KINDS:
            raise ValueError(f"unknown member kind {kind!r}")
        if self._member_count + len(_RESERVED_MEMBERS) >= _MAX_MEMBERS:
            raise MalformedPackageError("too many members for one package; split the export")
        name = f"data/{self._member_count + 1:06d}.p7m"
        size = self._envelope.size(len(plaintext))
        grown = self._planned_size + _LOCAL.size + len(name) + size
        if grown > _ZIP_LIMIT:
            raise MalformedPackageError("a package cannot exceed 4 GiB; split the export")
        self._sink.put(name, kind, self._sealers.submit(self._seal, plaintext, self._buffer(size)))
        self._member_count += 1
        self._planned_size = grown
        return name

    def finish(self) -> WrittenPackage:
        """Write manifest, signature and directory; fsync; rename into place."""
        self._sink.drain()
        self._sealers.shutdown()
        self._stop_advice()
        manifest = Manifest(
            package_id=str(uuid.uuid4()),
            sender=self._sender,
            recipient=self._recipient,
            recipient_cert=fingerprint(self._recipient_cert),
            sequence=self._sequence,
            previous_sha256=self._previous,
            created_at=self._created,
            records_schema=self._schema,
            members=tuple(self._members),
            previous_manifest_sha256=self._previous_manifest,
            audit=self.audit_checkpoint,
            store=self.store,
        )
        manifest_bytes = manifest.to_json()
        self._put(MANIFEST_NAME, manifest_bytes)
        self._put(
            SIGNATURE_NAME, cms.sign_detached(manifest_bytes, self._signer_cert, self._signer_key)
        )
        if self._out.offset > _ZIP_LIMIT:
            raise MalformedPackageError("a package cannot exceed 4 GiB; split the export")
        cd_offset = self._out.offset
        directory = b"".join(
            _central_header(e.name.encode("ascii"), e.crc, e.size, e.offset) for e in self._entries
        )
        self._out.write(directory)
        self._out.write(_end_record(len(self._entries), len(directory), cd_offset))
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._handle.close()
        self._closed = True
        self._tmp.replace(self.path)
        fsync_dir(self.path.parent)
        return WrittenPackage(
            self.path,
            self._out.digest.hexdigest(),
            self._out.offset,
            manifest,
            hashlib.sha256(manifest_bytes).hexdigest(),
        )

    def abort(self) -> None:
        try:
            self._sink.abandon()
            self._sealers.shutdown(cancel_futures=True)
            with contextlib.suppress(OSError):
                self._stop_advice()  # before the file is closed: the advice names its fd
            if not self._closed:
                self._closed = True
                # Closing flushes the buffer, which fails again on a full disk: ignore that,
                # the file is going anyway.
                with contextlib.suppress(OSError):
                    self._handle.close()
        finally:
            self._tmp.unlink(missing_ok=True)

    def __enter__(self) -> PackageWriter:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is not None or not self._closed:
            self.abort()
