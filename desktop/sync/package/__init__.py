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
and read back one by one."""

from __future__ import annotations

from desktop.sync.package.container import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST_NAME,
    MEMBER_KINDS,
    MIMETYPE,
    SIGNATURE_NAME,
    SUFFIX,
    _central_header,
    _end_record,
    _local_header,
    _parse_directory,
)
from desktop.sync.package.manifest import (
    Manifest,
    MemberInfo,
)
from desktop.sync.package.reader import (
    VerifiedPackage,
    file_sha256,
    read_manifest,
    verify_package,
)
from desktop.sync.package.sequence import (
    ChannelState,
    Link,
    check_sequence,
    describe_manifest,
    sort_by_sequence,
)
from desktop.sync.package.writer import (
    Deferred,
    PackageWriter,
    WrittenPackage,
    _HashingFile,
)

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "MANIFEST_NAME",
    "MEMBER_KINDS",
    "MIMETYPE",
    "SIGNATURE_NAME",
    "SUFFIX",
    "ChannelState",
    "Deferred",
    "Link",
    "Manifest",
    "MemberInfo",
    "PackageWriter",
    "VerifiedPackage",
    "WrittenPackage",
    "_HashingFile",
    "_central_header",
    "_end_record",
    "_local_header",
    "_parse_directory",
    "check_sequence",
    "describe_manifest",
    "file_sha256",
    "read_manifest",
    "sort_by_sequence",
    "verify_package",
]
