"""The chain of packages on one channel: sequence numbers, gaps, replays, rollbacks and the
previous package's hash.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.sync.errors import (
    BrokenChainError,
    PackageError,
    ReplayError,
    RollbackError,
    SequenceGapError,
)
from desktop.sync.package.manifest import Manifest
from desktop.sync.package.reader import read_manifest


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
