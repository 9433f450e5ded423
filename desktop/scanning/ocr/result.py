"""What the MRZ reader returns: the reading, the corrections it made, and why it failed."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.scanning.mrz import (
    MrzResult,
)


class NotMrz(Exception):
    """A candidate group of lines turned out not to be an MRZ."""


@dataclass(frozen=True)
class Correction:
    line: int
    column: int
    read: str
    corrected: str
    field: str
    reason: str


@dataclass(frozen=True)
class OcrResult:
    """What the reader found. ``mrz`` is None when no MRZ could be located or read;
    ``error`` then says why. A found MRZ may still have failed checks: see ``mrz.checks``."""

    mrz: MrzResult | None
    lines: tuple[str, ...]
    corrections: tuple[Correction, ...]
    confidence: float  # lowest per-character correlation, 0..1
    error: str | None
    elapsed_ms: float
    unclear: tuple[tuple[int, int], ...] = ()  # (line, column) told apart by a hair, unchecked

    @property
    def ok(self) -> bool:
        return self.mrz is not None and self.mrz.valid
