"""The exchange package: a ZIP of CMS EnvelopedData members plus a signed manifest.

Format version 1 (docs/package-format.md). In the spirit of ETSI ASiC-E:

    mimetype                      "application/vnd.qonys.package+zip", stored, first
    data/000001.p7m ...           each a CMS EnvelopedData (DER), AES-256-CBC, RSA recipient
    META-INF/manifest.json        sender, recipient, sequence, previous package hash, members
    META-INF/manifest.json.p7s    detached CMS SignedData over manifest.json (DER)

The container is *canonical*: stored (no compression), fixed timestamps and attributes, no
extra fields or comments, members back to back. A reader checks that every byte of the file is
either a header it can recompute, member data covered by a digest in the signed manifest, the
manifest itself, or its signature — so any single changed byte is rejected.

Memory is bounded by the largest member: members are encrypted, hashed and written one by one,
and read back one by one.
"""

from __future__ import annotations

import collections
import contextlib
import hashlib
import json
import os
import queue
import re
import struct
import threading
import uuid
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, BinaryIO

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa

from desktop.storage.files import fsync_dir
from desktop.sync import cms
from desktop.sync.errors import (
    BrokenChainError,
    DigestMismatchError,
    MalformedPackageError,
    PackageError,
    ReplayError,
    RollbackError,
    SequenceGapError,
    TruncatedPackageError,
    UnknownSenderError,
    UnsupportedVersionError,
    UntrustedSignerError,
    WrongRecipientError,
)
from desktop.sync.trust import fingerprint

FORMAT = "qonys.package"
FORMAT_VERSION = 1
MIMETYPE = b"application/vnd.qonys.package+zip"
MANIFEST_NAME = "META-INF/manifest.json"
SIGNATURE_NAME = "META-INF/manifest.json.p7s"
MEMBER_KINDS = ("records", "scan")
SUFFIX = ".qpkg"

_MAX_MANIFEST = 64 * 1024 * 1024  # far above 65,535 members; guards a hostile size field
_MAX_MEMBERS = 65_000  # the classic ZIP holds 65,535 entries; we never need zip64
_ZIP_LIMIT = 0xFFFF_FFFF - 1
_CHUNK = 1024 * 1024
_RELEASE_EVERY = 32 * 1024 * 1024
_BUFFER_UNIT = 256 * 1024
_RESERVED_MEMBERS = ("mimetype", MANIFEST_NAME, SIGNATURE_NAME)  # entries besides data/
_MEMBER_RE = re.compile(r"^data/[0-9]{6}\.p7m$")

# --- the canonical stored ZIP ------------------------------------------------------------
_LOCAL = struct.Struct("<IHHHHHIIIHH")  # PKZIP APPNOTE 4.3.7
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")  # 4.3.12
_END = struct.Struct("<IHHHHIIH")  # 4.3.16
_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01: timestamps carry nothing, the manifest does
_VERSION = 20
_MADE_BY = (3 << 8) | _VERSION  # Unix, so unzip restores plain 0644 files
_EXTERNAL = 0o100644 << 16


def _local_header(name: bytes, crc: int, size: int) -> bytes:
    return (
        _LOCAL.pack(0x04034B50, _VERSION, 0, 0, 0, _DOS_DATE, crc, size, size, len(name), 0) + name
    )


def _central_header(name: bytes, crc: int, size: int, offset: int) -> bytes:
    return (
        _CENTRAL.pack(
            0x02014B50,
            _MADE_BY,
            _VERSION,
            0,
            0,
            0,
            _DOS_DATE,
            crc,
            size,
            size,
            len(name),
            0,
            0,
            0,
            0,
            _EXTERNAL,
            offset,
        )
        + name
    )


def _end_record(count: int, cd_size: int, cd_offset: int) -> bytes:
    return _END.pack(0x06054B50, 0, 0, count, count, cd_size, cd_offset, 0)


@dataclass(frozen=True)
class _Entry:
    name: str
    crc: int
    size: int
    offset: int  # of the local header

    @property
    def data_offset(self) -> int:
        return self.offset + _LOCAL.size + len(self.name.encode("ascii"))


# --- manifest ------------------------------------------------------------------------------
@dataclass(frozen=True)
class MemberInfo:
    name: str
    kind: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    """The signed description of a package (docs/package-format.md, "Manifest")."""

    package_id: str
    sender: str
    recipient: str
    recipient_cert: str  # SHA-256 fingerprint of the recipient's encryption certificate
    sequence: int
    previous_sha256: str | None
    created_at: datetime
    records_schema: int
    members: tuple[MemberInfo, ...]
    # SHA-256 of the previous package's signed manifest.json: what the chain is checked by
    # (the file's own bytes are not all signed). None from writers before it existed, and
    # after a sender's upgrade until it has written one package knowing it.
    previous_manifest_sha256: str | None = None
    # The sender's audit checkpoint (docs/package-format.md, "Audit checkpoint"), or None.
    audit: dict[str, Any] | None = None

    def to_json(self) -> bytes:
        doc = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "package_id": self.package_id,
            "sender": self.sender,
            "recipient": self.recipient,
            "recipient_cert_sha256": self.recipient_cert,
            "sequence": self.sequence,
            "previous_sha256": self.previous_sha256,
            "previous_manifest_sha256": self.previous_manifest_sha256,
            "created_at": self.created_at.astimezone(UTC).isoformat(timespec="seconds"),
            "records_schema": self.records_schema,
            "members": [
                {"name": m.name, "kind": m.kind, "size": m.size, "sha256": m.sha256}
                for m in self.members
            ],
        }
        if self.audit is not None:
            doc["audit"] = self.audit
        return json.dumps(doc, indent=1).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> Manifest:
        try:
            doc = json.loads(data)
            if not isinstance(doc, dict) or doc.get("format") != FORMAT:
                raise MalformedPackageError("the manifest is not a Qonys package manifest")
            if doc.get("format_version") != FORMAT_VERSION:
                raise UnsupportedVersionError(
                    f"package format version {doc.get('format_version')} is not supported "
                    f"(this program reads version {FORMAT_VERSION}); update Qonys"
                )
            members = tuple(
                MemberInfo(str(m["name"]), str(m["kind"]), int(m["size"]), str(m["sha256"]))
                for m in doc["members"]
            )
            prev = doc["previous_sha256"]
            prev_manifest = doc.get("previous_manifest_sha256")
            manifest = cls(
                package_id=str(doc["package_id"]),
                sender=str(doc["sender"]),
                recipient=str(doc["recipient"]),
                recipient_cert=str(doc["recipient_cert_sha256"]),
                sequence=int(doc["sequence"]),
                previous_sha256=str(prev) if prev is not None else None,
                created_at=datetime.fromisoformat(doc["created_at"]),
                records_schema=int(doc["records_schema"]),
                members=members,
                previous_manifest_sha256=(
                    str(prev_manifest) if prev_manifest is not None else None
                ),
                audit=_audit_checkpoint(doc.get("audit")),
            )
        except (MalformedPackageError, UnsupportedVersionError):
            raise
        except (KeyError, TypeError, ValueError) as exc:
            raise MalformedPackageError(f"the manifest is malformed ({exc})") from exc
        if manifest.sequence < 1:
            raise MalformedPackageError("the manifest's sequence number must be 1 or more")
        for m in members:
            if m.kind not in MEMBER_KINDS or not _MEMBER_RE.match(m.name):
                raise MalformedPackageError(f"the manifest lists an unexpected member {m.name!r}")
        return manifest


def _audit_checkpoint(value: Any) -> dict[str, Any] | None:
    """{"entries": int, "head": hex, "anchors": {count: hex}} or absent."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise TypeError("audit checkpoint")
    anchors = value.get("anchors", {})
    if not isinstance(anchors, dict) or len(anchors) > 64:
        raise TypeError("audit anchors")
    return {
        "entries": int(value["entries"]),
        "head": str(value["head"]),
        "anchors": {str(int(k)): str(v) for k, v in anchors.items()},
    }


# --- writing -------------------------------------------------------------------------------
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


class _MemberSink:
    """Writes encrypted members to the file on a thread of its own.

    CRC-32, SHA-256 and the kernel's copy into the page cache all release the GIL, so writing
    member n overlaps the encryption of member n+1 (bench.exchange). At most ``depth`` members
    wait: memory stays bounded by a few members. The first error (a full disk) stops the sink
    and is raised, unchanged, by the next ``put`` or by ``drain``.
    """

    _STOP = None

    def __init__(self, write: Callable[[str, str, memoryview], None], depth: int = 8) -> None:
        self._write = write
        self._queue: queue.Queue[tuple[str, str, memoryview] | None] = queue.Queue(maxsize=depth)
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
            try:
                self._write(*item)
            except BaseException as exc:  # handed to the producer, raised there
                self._error = exc

    def _raise_pending(self) -> None:
        if self._error is not None:
            raise self._error

    def put(self, name: str, kind: str, data: memoryview) -> None:
        self._raise_pending()
        self._queue.put((name, kind, data))

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
        self._sink = _MemberSink(self._write_member)
        self._envelope = cms.Envelope(recipient_cert)
        # Buffers members are encrypted into, back from the sink once written: a fresh
        # megabyte per member costs page faults as dear as the cipher (bench.exchange).
        self._buffers: collections.deque[bytearray] = collections.deque()
        self.audit_checkpoint: dict[str, Any] | None = None  # put into the manifest

    @property
    def size(self) -> int:
        """Bytes in the package so far (what the file will be, less the manifest, its signature
        and the directory), counting members still on their way to the disk."""
        return self._planned_size

    @property
    def member_count(self) -> int:
        return self._member_count

    def _put(self, name: str, data: bytes | memoryview) -> None:
        raw = name.encode("ascii")
        crc = zlib.crc32(data)
        entry = _Entry(name, crc, len(data), self._out.offset)
        self._out.write(_local_header(raw, crc, len(data)))
        self._out.write(data)
        self._entries.append(entry)

    def _write_member(self, name: str, kind: str, der: memoryview) -> None:
        self._put(name, der)
        self._members.append(MemberInfo(name, kind, len(der), hashlib.sha256(der).hexdigest()))
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
        """
        if not hasattr(os, "posix_fadvise"):  # Windows: no such advice; the cache manages
            return
        self._handle.flush()
        # Linux starts writing back what is dirty and drops what is clean already (written
        # back since the last call), without waiting: durability is finish()'s fsync.
        os.posix_fadvise(self._handle.fileno(), 0, self._out.offset, os.POSIX_FADV_DONTNEED)
        self._released = self._out.offset

    def add(self, kind: str, plaintext: bytes) -> str:
        """Encrypt ``plaintext`` to the recipient and queue it; returns the member's name."""
        if kind not in MEMBER_KINDS:
            raise ValueError(f"unknown member kind {kind!r}")
        if self._member_count + len(_RESERVED_MEMBERS) >= _MAX_MEMBERS:
            raise MalformedPackageError("too many members for one package; split the export")
        name = f"data/{self._member_count + 1:06d}.p7m"
        size = self._envelope.size(len(plaintext))
        grown = self._planned_size + _LOCAL.size + len(name) + size
        if grown > _ZIP_LIMIT:
            raise MalformedPackageError("a package cannot exceed 4 GiB; split the export")
        buffer = self._buffer(size)
        length = self._envelope.encrypt_into(plaintext, buffer)
        self._sink.put(name, kind, memoryview(buffer)[:length])
        self._member_count += 1
        self._planned_size = grown
        return name

    def finish(self) -> WrittenPackage:
        """Write manifest, signature and directory; fsync; rename into place."""
        self._sink.drain()
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


# --- reading -------------------------------------------------------------------------------
def _read_exact(handle: IO[bytes], size: int) -> bytes:
    data = handle.read(size)
    if len(data) != size:
        raise TruncatedPackageError("the package is truncated")
    return data


def _parse_directory(handle: BinaryIO, length: int) -> list[_Entry]:
    """Parse the central directory, insisting on the canonical layout (see module doc)."""
    if length < _END.size:
        raise TruncatedPackageError("the file is too short to be a package (truncated?)")
    handle.seek(length - _END.size)
    end = _END.unpack(_read_exact(handle, _END.size))
    sig, disk, cd_disk, n_disk, count, cd_size, cd_offset, comment = end
    if sig != 0x06054B50:
        raise TruncatedPackageError("not a package: no ZIP directory at the end (truncated?)")
    if (disk, cd_disk, comment) != (0, 0, 0) or n_disk != count or count < 3:
        raise MalformedPackageError("the package's ZIP directory is not canonical")
    if cd_offset + cd_size + _END.size != length:
        raise TruncatedPackageError("the package's ZIP directory is out of place (truncated?)")
    handle.seek(cd_offset)
    directory = _read_exact(handle, cd_size)
    entries: list[_Entry] = []
    pos = 0
    expected_offset = 0
    for _ in range(count):
        if pos + _CENTRAL.size > len(directory):
            raise TruncatedPackageError("the package's ZIP directory is truncated")
        fields = _CENTRAL.unpack_from(directory, pos)
        name_len = fields[10]
        raw = directory[pos + _CENTRAL.size : pos + _CENTRAL.size + name_len]
        try:
            name = raw.decode("ascii")
        except UnicodeDecodeError as exc:
            raise MalformedPackageError("a member name is not ASCII") from exc
        crc, size, offset = fields[7], fields[8], fields[16]
        # Every header field must be exactly what the writer produces.
        if (
            _central_header(raw, crc, size, offset)
            != directory[pos : pos + _CENTRAL.size + name_len]
        ):
            raise MalformedPackageError(f"the ZIP entry for {name!r} is not canonical")
        if offset != expected_offset:
            raise MalformedPackageError("the package has gaps or overlaps between members")
        entries.append(_Entry(name, crc, size, offset))
        expected_offset = offset + _LOCAL.size + name_len + size
        pos += _CENTRAL.size + name_len
    if pos != len(directory) or expected_offset != cd_offset:
        raise MalformedPackageError("the package's ZIP directory does not match its contents")
    names = [e.name for e in entries]
    if names[0] != "mimetype" or names[-2:] != [MANIFEST_NAME, SIGNATURE_NAME]:
        raise MalformedPackageError("the package's members are not in the expected order")
    if len(set(names)) != len(names):
        raise MalformedPackageError("the package has duplicate members")
    return entries


@dataclass(frozen=True)
class VerifiedPackage:
    """A package whose structure, signature and member digests have been checked.

    The sender's identity is ``signer`` (a certificate chaining to the trust anchors); whether
    that sender is known, not revoked, and in sequence is for the caller to decide with
    ``check_sequence`` and its own records.
    """

    path: Path
    sha256: str
    size: int
    manifest: Manifest
    signer: x509.Certificate
    _entries: dict[str, _Entry]
    manifest_sha256: str = ""  # SHA-256 of the signed manifest.json: the chain's link

    def member_ciphertext(self, name: str) -> bytes:
        """Read one member again and check its digest (the file could change under us)."""
        entry = self._entries[name]
        info = next(m for m in self.manifest.members if m.name == name)
        with self.path.open("rb") as handle:
            handle.seek(entry.data_offset)
            data = _read_exact(handle, entry.size)
        if hashlib.sha256(data).hexdigest() != info.sha256:
            raise DigestMismatchError(f"member {name} changed after verification")
        return data

    def decrypt(self, name: str, cert: x509.Certificate, key: rsa.RSAPrivateKey) -> bytes:
        return cms.decrypt(self.member_ciphertext(name), cert, key)

    def members(self, kind: str | None = None) -> Iterator[MemberInfo]:
        return (m for m in self.manifest.members if kind is None or m.kind == kind)


def read_manifest(path: Path) -> Manifest:
    """The manifest of a package, *unverified* (to sort several files before receiving)."""
    with Path(path).open("rb") as handle:
        length = os.fstat(handle.fileno()).st_size
        entries = _parse_directory(handle, length)
        entry = entries[-2]
        if entry.size > _MAX_MANIFEST:
            raise MalformedPackageError("the manifest is implausibly large")
        handle.seek(entry.data_offset)
        return Manifest.from_json(_read_exact(handle, entry.size))


def verify_package(
    path: Path,
    anchors: Sequence[x509.Certificate],
    *,
    recipient: str,
    recipient_cert: x509.Certificate,
) -> VerifiedPackage:
    """Check a package end to end, reading it once from start to end.

    Raises a subclass of ``PackageError`` naming what is wrong. Checks, in order: canonical
    container (every header byte), mimetype, manifest signature and its chain to ``anchors``
    (pyHanko), recipient, that the members are exactly those the manifest lists, and each
    member's SHA-256 and CRC.
    """
    path = Path(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise MalformedPackageError(f"cannot read {path.name}: {exc.strerror}") from exc
    with handle:
        length = os.fstat(handle.fileno()).st_size
        entries = _parse_directory(handle, length)
        manifest_entry, sig_entry = entries[-2], entries[-1]
        if manifest_entry.size > _MAX_MANIFEST or sig_entry.size > _MAX_MANIFEST:
            raise MalformedPackageError("the manifest is implausibly large")

        def small(entry: _Entry) -> bytes:
            handle.seek(entry.offset)
            header = _read_exact(handle, entry.data_offset - entry.offset)
            if header != _local_header(entry.name.encode("ascii"), entry.crc, entry.size):
                raise MalformedPackageError(f"the ZIP header of {entry.name!r} is not canonical")
            data = _read_exact(handle, entry.size)
            if zlib.crc32(data) != entry.crc:
                raise MalformedPackageError(f"{entry.name!r} does not match its ZIP checksum")
            return data

        if small(entries[0]) != MIMETYPE:
            raise MalformedPackageError("not a Qonys package (wrong mimetype member)")
        manifest_bytes = small(manifest_entry)
        signature = small(sig_entry)
        try:
            verified = cms.verify_detached(manifest_bytes, signature, anchors)
        except UntrustedSignerError as exc:
            raise UnknownSenderError(
                f"{path.name} is signed by a certificate this side did not issue or does not"
                " trust (unknown sender); refused"
            ) from exc
        manifest = Manifest.from_json(manifest_bytes)
        if manifest.recipient != recipient or manifest.recipient_cert != fingerprint(
            recipient_cert
        ):
            raise WrongRecipientError(
                f"this package is addressed to {manifest.recipient!r}, not to {recipient!r}"
            )
        data_entries = entries[1:-2]
        if [e.name for e in data_entries] != [m.name for m in manifest.members]:
            raise MalformedPackageError("the package's members differ from the signed manifest")

        # One pass over the data: every member's digest and CRC, and the whole file's hash.
        whole = hashlib.sha256()
        handle.seek(0)
        pos = 0
        for entry, info in zip(data_entries, manifest.members, strict=True):
            # Bytes up to this member's data (headers, verified above or below) go to `whole`.
            whole.update(_read_exact(handle, entry.offset - pos))
            header = _read_exact(handle, entry.data_offset - entry.offset)
            whole.update(header)
            if header != _local_header(entry.name.encode("ascii"), entry.crc, entry.size):
                raise MalformedPackageError(f"the ZIP header of {entry.name!r} is not canonical")
            if entry.size != info.size:
                raise DigestMismatchError(f"member {entry.name} has the wrong size")
            digest = hashlib.sha256()
            crc = 0
            left = entry.size
            while left:
                chunk = _read_exact(handle, min(_CHUNK, left))
                digest.update(chunk)
                whole.update(chunk)
                crc = zlib.crc32(chunk, crc)
                left -= len(chunk)
            if digest.hexdigest() != info.sha256:
                raise DigestMismatchError(
                    f"member {entry.name} does not match the signed manifest (altered)"
                )
            if crc != entry.crc:
                raise MalformedPackageError(f"member {entry.name} does not match its ZIP checksum")
            pos = entry.data_offset + entry.size
        while chunk := handle.read(_CHUNK):
            whole.update(chunk)
    return VerifiedPackage(
        path=path,
        sha256=whole.hexdigest(),
        size=length,
        manifest=manifest,
        signer=verified.signer,
        _entries={e.name: e for e in data_entries},
        manifest_sha256=hashlib.sha256(manifest_bytes).hexdigest(),
    )


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# --- sequence ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Link:
    """What a receiver keeps of one accepted package: the file's SHA-256 and its signed
    manifest's (None for packages recorded before the chain was by manifest)."""

    sha256: str
    manifest_sha256: str | None = None

    def same_package(self, sha256: str, manifest_sha256: str | None) -> bool:
        if self.manifest_sha256 is not None and manifest_sha256 is not None:
            return self.manifest_sha256 == manifest_sha256
        return self.sha256 == sha256


@dataclass(frozen=True)
class ChannelState:
    """What a receiver remembers about one sender: the last package accepted.

    ``last_sha256`` None means the next package is taken whatever it names as previous: the
    first package, or the first after an administrator's chain reset.
    """

    last_sequence: int
    last_sha256: str | None
    last_manifest_sha256: str | None = None


def check_sequence(
    manifest: Manifest,
    package_sha256: str,
    state: ChannelState,
    received: Callable[[int], Link | None],
    *,
    allow_gap: bool = False,
    manifest_sha256: str | None = None,
) -> None:
    """Decide whether a verified package continues the sender's sequence (DESIGN: trust model).

    Packages are chained by their signed manifests: ``manifest.previous_manifest_sha256``
    must be the SHA-256 of the last accepted package's manifest.json. Where either side
    predates that (no manifest hash on record, or none in the package), the whole file's
    SHA-256 (``previous_sha256``) is compared, as before.

    ``received(n)`` returns what was accepted under number ``n``, if anything.
    Raises ``ReplayError`` (the same package again: harmless), ``RollbackError`` (an older or
    a different package under a number already used), ``SequenceGapError`` (packages missing
    in between) or ``BrokenChainError`` (next number, but a different previous package).
    """
    seq = manifest.sequence
    who = manifest.sender
    if seq <= state.last_sequence:
        earlier = received(seq)
        if earlier is not None and earlier.same_package(package_sha256, manifest_sha256):
            raise ReplayError(f"package {seq} from {who} was already received; nothing changed")
        raise RollbackError(
            f"package {seq} from {who} is older than the last one received ({state.last_sequence})"
            " and differs from what was received under that number: the sender's store may"
            " have been restored from an old backup; refused"
        )
    if seq > state.last_sequence + 1:
        missing = range(state.last_sequence + 1, seq)
        if not allow_gap:
            first, last = missing[0], missing[-1]
            span = f"{first}" if first == last else f"{first}–{last}"
            raise SequenceGapError(
                f"package {seq} from {who} arrived before package(s) {span}: receive those first",
                missing,
            )
        return
    if state.last_sha256 is None:
        return
    if manifest.previous_manifest_sha256 is not None and state.last_manifest_sha256 is not None:
        continues = manifest.previous_manifest_sha256 == state.last_manifest_sha256
    else:
        continues = manifest.previous_sha256 == state.last_sha256
    if not continues:
        raise BrokenChainError(
            f"package {seq} from {who} does not continue package {state.last_sequence} "
            "received here (different previous-package hash); refused"
        )


def describe_manifest(manifest: Manifest) -> dict[str, Any]:
    """A plain summary for listings and logs (no personal data lives in a manifest)."""
    return {
        "package_id": manifest.package_id,
        "sender": manifest.sender,
        "recipient": manifest.recipient,
        "sequence": manifest.sequence,
        "created_at": manifest.created_at.isoformat(),
        "members": len(manifest.members),
    }


def sort_by_sequence(paths: Iterable[Path]) -> list[Path]:
    """Sort package files by (sender, sequence), so several can be received in one go.

    Unreadable files sort first and are reported in their turn by the real verification.
    """

    def key(p: Path) -> tuple[str, int, str]:
        try:
            m = read_manifest(p)
        except (PackageError, OSError):
            return ("", 0, p.name)
        return (m.sender, m.sequence, p.name)

    return sorted(paths, key=key)
