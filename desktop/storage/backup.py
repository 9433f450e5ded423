"""The backup container: a consistent snapshot of the encrypted database plus its key vault.

A backup must survive a dead disk and still open on another machine with an officer's password
or the Department's recovery key, and it must never hold a byte in clear that the store does not.
So the database goes in *as it is on disk*: a SQLCipher 4 file encrypted with the store's data
key (each page AES-256 with its own HMAC-SHA512, SQLCipher's own authenticated format). The
vault rides along in the header, so the same key slots (officers' Argon2id slots, the recovery
slot) unlock it. Nothing is re-encrypted with a construction of our own.

Layout (all integers big-endian):

    MAGIC                 8 bytes   b"QONYSBK\\x01"
    header length         4 bytes
    header                JSON (format, version, store id, mission code, created, sizes,
                          schema revision, MAC salt, the vault file)
    database              `db_size` bytes: the SQLCipher snapshot
    TRAILER_MAGIC         8 bytes   b"QONYSEND"
    SHA-256               32 bytes  over everything before TRAILER_MAGIC
    HMAC-SHA256           32 bytes  over the same bytes, keyed by HKDF-SHA256(data key,
                                    salt = header.mac_salt, info = "qonys-backup/1 mac")

The SHA-256 lets anyone check a backup for damage without a password (`backup verify`); the
HMAC, which needs the data key, proves the backup was made by this store and not altered
deliberately (a forger can recompute a bare hash, never the HMAC). The header is inside both.
Both are computed while streaming, in 1 MiB chunks: memory stays bounded for any size.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
import secrets
import struct
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

import sqlcipher3
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import Engine

from desktop.storage.engine import key_pragmas
from desktop.storage.files import fsync_dir

MAGIC = b"QONYSBK\x01"
TRAILER_MAGIC = b"QONYSEND"
FORMAT = "qonys-backup"
VERSION = 1
CHUNK = 1 << 20
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

    def to_bytes(self) -> bytes:
        doc: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "store_id": self.store_id,
            "mission_code": self.mission_code,
            "created_at": self.created_at.isoformat(),
            "app_version": self.app_version,
            "schema_revision": self.schema_revision,
            "db_size": self.db_size,
            "db_format": "sqlcipher-4",
            "mac": "HMAC-SHA256/HKDF-SHA256",
            "mac_salt": base64.b64encode(self.mac_salt).decode(),
            "vault": base64.b64encode(self.vault).decode(),
        }
        return json.dumps(doc, sort_keys=True, separators=(",", ":")).encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> BackupHeader:
        try:
            doc = json.loads(raw)
            if doc.get("format") != FORMAT:
                raise BackupDamaged("not a Qonys backup")
            if doc.get("version") != VERSION:
                raise BackupDamaged(f"unsupported backup version {doc.get('version')!r}")
            if doc.get("db_format") != "sqlcipher-4":
                raise BackupDamaged(f"unsupported database format {doc.get('db_format')!r}")
            size = int(doc["db_size"])
            if size < 0:
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


# --- snapshot ------------------------------------------------------------------------------


def snapshot(engine: Engine, key: bytes | bytearray, target: Path) -> int:
    """Copy the live database into `target` with SQLite's online backup API, in one step.

    One step (`pages=-1`) holds one read transaction for the whole copy: in WAL mode writers
    carry on meanwhile, and the copy is the database as of one instant (a stepwise copy would
    restart whenever another process writes). The target is keyed with the same data key, so
    SQLCipher re-encrypts every page as it writes: the copy is never in clear, not even in a
    temporary file. Returns the snapshot's size in bytes.
    """
    if target.exists():
        raise FileExistsError(target)
    with engine.connect() as conn:
        source = conn.connection.driver_connection
        if source is None:  # pragma: no cover - a pooled connection always has one
            raise RuntimeError("no DB-API connection")
        # SQLite's backup copies pages as they are laid out: same page format on both sides.
        [(algorithm,)] = source.execute("PRAGMA cipher_hmac_algorithm").fetchall()
        dest = sqlcipher3.dbapi2.connect(str(target))
        try:
            for pragma in key_pragmas(key, algorithm):
                dest.execute(pragma)
            # The snapshot is a scratch file: the container written from it is what gets fsynced.
            dest.execute("PRAGMA journal_mode = OFF")
            dest.execute("PRAGMA synchronous = OFF")
            source.backup(dest, pages=-1)
        finally:
            dest.close()
    return target.stat().st_size


# --- writing -------------------------------------------------------------------------------


def write_container(
    out: Path,
    header: BackupHeader,
    db_file: Path,
    data_key: bytes | bytearray,
    *,
    progress: Progress | None = None,
) -> str:
    """Stream header + database + trailer into `out` atomically; return the SHA-256 (hex).

    The file is built under a temporary name beside `out`, fsynced, then renamed: a power cut
    leaves the previous backup of that name or the new one, never half a file.
    """
    size = db_file.stat().st_size
    if size != header.db_size:
        raise ValueError("the snapshot size differs from the header")
    out.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    mac = hmac.new(mac_key(data_key, header.mac_salt), digestmod=hashlib.sha256)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as sink:

            def emit(block: bytes | memoryview) -> None:
                digest.update(block)
                mac.update(block)
                sink.write(block)

            raw_header = header.to_bytes()
            emit(MAGIC)
            emit(_LEN.pack(len(raw_header)))
            emit(raw_header)
            done = 0
            with db_file.open("rb") as source:
                for block in _chunks(source, size):
                    emit(block)
                    done += len(block)
                    if progress is not None:
                        progress(done, size)
            checksum = digest.digest()
            sink.write(TRAILER_MAGIC + checksum + mac.digest())
            sink.flush()
            os.fsync(sink.fileno())
        tmp.replace(out)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    fsync_dir(out.parent)
    return checksum.hex()


# --- reading -------------------------------------------------------------------------------


def read_header(path: Path) -> BackupHeader:
    with path.open("rb") as source:
        header, _ = _read_header(source, path.stat().st_size)
    return header


def verify(path: Path, data_key: bytes | bytearray | None = None) -> VerifyResult:
    """Check a backup end to end without restoring it: structure, SHA-256, and (with the data
    key) the HMAC. Raises BackupDamaged on any difference."""
    return _scan(path, data_key, sink=None)


def extract_database(
    path: Path,
    data_key: bytes | bytearray,
    target: Path,
    *,
    progress: Progress | None = None,
) -> VerifyResult:
    """Write the database out of a backup into `target`, checking SHA-256 and HMAC on the way.

    `target` appears only when every byte checked out (temp file, fsync, rename).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as sink:
            result = _scan(path, data_key, sink=sink, progress=progress)
            sink.flush()
            os.fsync(sink.fileno())
        tmp.replace(target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    fsync_dir(target.parent)
    return result


def _scan(
    path: Path,
    data_key: bytes | bytearray | None,
    *,
    sink: IO[bytes] | None,
    progress: Progress | None = None,
) -> VerifyResult:
    try:
        total = path.stat().st_size
        source = path.open("rb")
    except FileNotFoundError:
        raise BackupDamaged(f"no such file: {path.name}") from None
    with source:
        header, raw_header = _read_header(source, total)
        expected = len(MAGIC) + _LEN.size + len(raw_header) + header.db_size + TRAILER_SIZE
        if total != expected:
            raise BackupDamaged("the backup is truncated or has bytes added")
        digest = hashlib.sha256()
        mac = (
            hmac.new(mac_key(data_key, header.mac_salt), digestmod=hashlib.sha256)
            if data_key is not None
            else None
        )
        prefix = MAGIC + _LEN.pack(len(raw_header)) + raw_header
        digest.update(prefix)
        if mac is not None:
            mac.update(prefix)
        done = 0
        for block in _chunks(source, header.db_size):
            digest.update(block)
            if mac is not None:
                mac.update(block)
            if sink is not None:
                sink.write(block)
            done += len(block)
            if progress is not None:
                progress(done, header.db_size)
        trailer = source.read(TRAILER_SIZE)
    if trailer[: len(TRAILER_MAGIC)] != TRAILER_MAGIC:
        raise BackupDamaged("the backup's trailer is damaged")
    stored_digest = trailer[len(TRAILER_MAGIC) : len(TRAILER_MAGIC) + 32]
    stored_mac = trailer[len(TRAILER_MAGIC) + 32 :]
    checksum = digest.digest()
    if not hmac.compare_digest(checksum, stored_digest):
        raise BackupDamaged("checksum mismatch: the backup was damaged or altered")
    if mac is not None and not hmac.compare_digest(mac.digest(), stored_mac):
        # The key came from this backup's own vault: a good checksum with a bad MAC means the
        # bytes were altered by someone who could recompute a hash but not the keyed MAC.
        raise BackupDamaged("authentication failed: the backup was altered")
    return VerifyResult(header, total, checksum.hex(), mac is not None)


def _read_header(source: IO[bytes], total: int) -> tuple[BackupHeader, bytes]:
    start = source.read(len(MAGIC) + _LEN.size)
    if len(start) < len(MAGIC) + _LEN.size or start[: len(MAGIC)] != MAGIC:
        raise BackupDamaged("not a Qonys backup")
    (length,) = _LEN.unpack(start[len(MAGIC) :])
    if length > MAX_HEADER or length > total:
        raise BackupDamaged("the backup header is damaged")
    raw = source.read(length)
    if len(raw) != length:
        raise BackupDamaged("the backup is truncated")
    return BackupHeader.from_bytes(raw), raw


def _chunks(source: IO[bytes], size: int) -> Iterator[bytes]:
    left = size
    while left > 0:
        block = source.read(min(CHUNK, left))
        if not block:
            raise BackupDamaged("the backup is truncated")
        left -= len(block)
        yield block
