"""Failed-login counters kept in a key vault, shared by the mission desk and the Department.

The counters must be written when a password is wrong, that is, without any key: nothing that
writes them can hold a secret, so nothing can stop someone who may write the vault file from
editing it. What can be had, and what this gives:

* **No lost updates.** The caller holds the vault's OS file lock (`files.file_lock`) from
  reading the counter to writing it back, with the password check in between, so twelve
  simultaneous wrong passwords count twelve (and most of them are refused as throttled).
* **Deletion is not a reset.** A vault of this version always has a failure record with a
  checkpoint. If the record or its checkpoint is gone, or its total is below the checkpoint's,
  every login waits `SUSPECT_WAIT` seconds first, and the next successful login is told.
* **Edits are noticed at the next successful login.** Each successful login seals a
  checkpoint (the running total of failures, the sum of the counters) with an HMAC under a key
  derived from the store's data key, which someone without a password cannot compute. A later
  successful login checks that the counters only grew as the running total says; a counter
  lowered, a checkpoint forged or removed shows there, and is reported (audit log, message).
* **Not detectable:** putting back the whole file exactly as it was after the last successful
  login (then try again). Argon2id (~0.1 s per guess, on this computer only) is what makes
  guessing slow for whoever holds a copy of the vault file; the counters only slow the login
  window.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

# Seconds every login waits after the failure record was found removed or rolled back.
SUSPECT_WAIT = 300.0
MAX_TRACKED = 1000  # unknown logins must not grow the file without bound


def throttle_delay(failures: int) -> float:
    """Seconds an officer must wait after `failures` wrong passwords in a row.

    The first mistake costs nothing (typos happen); then 1, 2, 4 … seconds, at most 5 minutes.
    """
    if failures <= 1:
        return 0.0
    return float(min(2 ** (failures - 2), 300))


@dataclass
class FailureRecord:
    count: int
    last: datetime


@dataclass
class FailureLog:
    """The counters by slot id (never a login name), and the running totals."""

    records: dict[str, FailureRecord] = field(default_factory=dict)
    total: int = 0  # failures ever recorded in this vault (only grows)
    dropped: int = 0  # counts of records evicted beyond MAX_TRACKED
    check: dict[str, Any] | None = None  # {"total", "sum", "mac"} at the last success
    suspect_at: datetime | None = None  # when a removed/rolled-back record was found
    present: bool = True  # False: the vault of this version had no failure record at all
    legacy: bool = False  # read from a vault from before checkpoints (upgraded at a login)

    # --- the file --------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "dropped": self.dropped,
            "check": self.check,
            "suspect_at": self.suspect_at.isoformat() if self.suspect_at else None,
            "slots": {
                sid: {"count": r.count, "last": r.last.isoformat()}
                for sid, r in sorted(self.records.items())
            },
        }

    @classmethod
    def from_dict(cls, doc: Any, *, legacy: bool = False) -> FailureLog:
        """Read the record; `legacy`: a vault from before checkpoints (a flat slot map)."""
        log = cls()
        if legacy:
            for sid, f in (doc or {}).items():
                log.records[sid] = FailureRecord(int(f["count"]), datetime.fromisoformat(f["last"]))
            log.total = sum(r.count for r in log.records.values())
            log.legacy = True
            return log
        if not isinstance(doc, dict) or "check" not in doc:
            return cls(present=False)
        for sid, f in doc.get("slots", {}).items():
            log.records[sid] = FailureRecord(int(f["count"]), datetime.fromisoformat(f["last"]))
        log.total = int(doc.get("total", 0))
        log.dropped = int(doc.get("dropped", 0))
        check = doc["check"]
        if check is not None:
            log.check = {
                "total": int(check["total"]),
                "sum": int(check["sum"]),
                "mac": str(check["mac"]),
            }
        if doc.get("suspect_at"):
            log.suspect_at = datetime.fromisoformat(doc["suspect_at"])
        return log

    # --- before a password is tried (no key) ----------------------------------------------
    def wait(self, slot_id: str, now: datetime) -> float:
        """Seconds to wait before this slot may be tried (0: go ahead).

        A record found removed or rolled back starts a wait of `SUSPECT_WAIT` for everyone,
        recorded in the file (the caller saves it), so deleting the record costs time too.
        """
        if not self.present or (self.check is not None and self.total < self.check["total"]):
            self.present = True
            self.suspect_at = now
            if self.check is None:
                self.check = {"total": self.total, "sum": self._sum(), "mac": ""}
            self.total = max(self.total, int(self.check["total"]))
        waits = [0.0]
        if self.suspect_at is not None:
            waits.append(SUSPECT_WAIT - (now - self.suspect_at).total_seconds())
        record = self.records.get(slot_id)
        if record is not None:
            waits.append(throttle_delay(record.count) - (now - record.last).total_seconds())
        return max(waits)

    def suspect_wait(self, now: datetime) -> float:
        """What is left of the wait a removed or rolled-back record started (0: none)."""
        if self.suspect_at is None:
            return 0.0
        return max(0.0, SUSPECT_WAIT - (now - self.suspect_at).total_seconds())

    def record_failure(self, slot_id: str, at: datetime) -> FailureRecord:
        previous = self.records.get(slot_id)
        record = FailureRecord((previous.count if previous else 0) + 1, at)
        self.records[slot_id] = record
        self.total += 1
        if len(self.records) > MAX_TRACKED:
            oldest = min(self.records, key=lambda k: self.records[k].last)
            self.dropped += self.records.pop(oldest).count
        return record

    def clear(self, slot_id: str) -> bool:
        """Forget a slot's counter (its officer was removed); the totals keep the count."""
        record = self.records.pop(slot_id, None)
        if record is None:
            return False
        self.dropped += record.count
        return True

    # --- after a successful login (the store's key is known) -------------------------------
    def verify(self, key: bytes, context: str) -> tuple[bool | None, int]:
        """(record intact since the last successful login?, failures since then).

        `context` names the vault (its store id) so a checkpoint cannot be moved between
        vaults. None: never sealed (a vault from before checkpoints, or one just made by
        `Vault.new()`); the caller knows whether the store has seen a login before.
        """
        since = self.total - (self.check["total"] if self.check else 0)
        if self.check is None:
            if self.suspect_at is not None:
                return False, since
            return (True if self.legacy else None), since
        expected = _mac(key, context, int(self.check["total"]), int(self.check["sum"]))
        intact = (
            self.suspect_at is None
            and hmac.compare_digest(expected, str(self.check["mac"]))
            and self._sum() + self.dropped - int(self.check["sum"]) == since
            and since >= 0
        )
        return intact, max(since, 0)

    def seal(self, key: bytes, context: str, slot_id: str | None) -> None:
        """Clear `slot_id`'s counter (a successful login) and checkpoint the record."""
        if slot_id is not None:
            self.clear(slot_id)
        self.suspect_at = None
        total_sum = self._sum() + self.dropped
        self.check = {
            "total": self.total,
            "sum": total_sum,
            "mac": _mac(key, context, self.total, total_sum),
        }

    def _sum(self) -> int:
        return sum(r.count for r in self.records.values())


def _mac(key: bytes, context: str, total: int, total_sum: int) -> str:
    mac_key = HKDF(hashes.SHA256(), 32, salt=None, info=b"qonys failed-login record").derive(key)
    message = json.dumps([context, total, total_sum]).encode()
    return hmac.new(mac_key, message, hashlib.sha256).hexdigest()
