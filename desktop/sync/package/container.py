"""The format's constants and the canonical stored ZIP: the headers a writer emits and the
central directory a reader insists on (PKZIP APPNOTE).
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any, BinaryIO

from desktop.sync.errors import (
    MalformedPackageError,
    TruncatedPackageError,
)


# ZIP's CRC-32 (ISO 3309, the one zlib computes): zlib-ng's folds with carry-less multiplication,
# ~0.03 ms per MB here against zlib's ~0.3 (bench.exchange); zlib where the wheel is missing.
def _crc32() -> Callable[[Any, int], int]:
    try:
        from zlib_ng import zlib_ng
    except ImportError:  # pragma: no cover - a platform without zlib-ng's wheel
        return zlib.crc32
    return zlib_ng.crc32


crc32 = _crc32()

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
