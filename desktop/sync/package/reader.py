"""Reading a package: every byte accounted for, the signature and each member's digest checked."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa

from desktop.sync import cms
from desktop.sync.errors import (
    DigestMismatchError,
    MalformedPackageError,
    UnknownSenderError,
    UntrustedSignerError,
    WrongRecipientError,
)
from desktop.sync.package.container import (
    _CHUNK,
    _MAX_MANIFEST,
    MIMETYPE,
    _Entry,
    _local_header,
    _parse_directory,
    _read_exact,
    crc32,
)
from desktop.sync.package.manifest import Manifest, MemberInfo
from desktop.sync.trust import fingerprint


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

        if _small(handle, entries[0]) != MIMETYPE:
            raise MalformedPackageError("not a Qonys package (wrong mimetype member)")
        manifest_bytes = _small(handle, manifest_entry)
        signature = _small(handle, sig_entry)
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

        whole = _hash_members(handle, data_entries, manifest)
    return VerifiedPackage(
        path=path,
        sha256=whole,
        size=length,
        manifest=manifest,
        signer=verified.signer,
        _entries={e.name: e for e in data_entries},
        manifest_sha256=hashlib.sha256(manifest_bytes).hexdigest(),
    )


def _small(handle: BinaryIO, entry: _Entry) -> bytes:
    """A small member (mimetype, manifest, signature), its canonical header and CRC checked."""
    handle.seek(entry.offset)
    header = _read_exact(handle, entry.data_offset - entry.offset)
    if header != _local_header(entry.name.encode("ascii"), entry.crc, entry.size):
        raise MalformedPackageError(f"the ZIP header of {entry.name!r} is not canonical")
    data = _read_exact(handle, entry.size)
    if crc32(data, 0) != entry.crc:
        raise MalformedPackageError(f"{entry.name!r} does not match its ZIP checksum")
    return data


def _hash_members(handle: BinaryIO, data_entries: Sequence[_Entry], manifest: Manifest) -> str:
    """One pass over the data: every member's digest and CRC; returns the whole file's hash."""
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
            crc = crc32(chunk, crc)
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
    return whole.hexdigest()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
