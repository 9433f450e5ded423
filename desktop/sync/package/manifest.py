"""The signed manifest: sender, recipient, sequence, previous package hash, members."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from desktop.sync.errors import (
    MalformedPackageError,
    UnsupportedVersionError,
)
from desktop.sync.package.container import _MEMBER_RE, FORMAT, FORMAT_VERSION, MEMBER_KINDS


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
    # The id of the mission store that wrote the package (docs/package-format.md, "Store"):
    # one enrolment, one store. None from writers before it existed.
    store: str | None = None

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
        if self.store is not None:
            doc["store"] = self.store
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
                store=_store_id(doc.get("store")),
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


def _store_id(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _STORE_ID.fullmatch(value):
        raise TypeError("store")
    return value


_STORE_ID = re.compile(r"[0-9a-f]{32}")


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
