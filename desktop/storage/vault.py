"""Key slots for the store's random data key, in the manner of LUKS and KeePassXC.

The SQLCipher database is encrypted with a random 256-bit data key that never touches disk in
clear. Each officer's password derives (Argon2id) a key that unwraps that officer's copy of the
data key (AES-256-GCM); a recovery slot holds the data key encrypted to the Department's RSA
public key (OAEP-SHA256) so a mission whose officers have all left can still be opened.
Slots are named by an HMAC of the login, so the vault file names no officer.

Since version 2 a slot holds, under the same password-derived key, three things besides the
data key: the officer's **personal key** (32 random bytes that no one else ever sees: a signing
official's PAdES key and the mission's seal key are wrapped under it, so the data key, which
every officer holds, does not open them), and the **audit anchor** (entry count and head hash
of the audit log at that officer's last login: an officer cannot rewrite another officer's
slot, so a log cut below an anchor shows at that officer's next login). A version-1 slot (the
data key only) is upgraded at its officer's next login.

The failed-login counters (`desktop/storage/throttle.py`) live in the same file; every
read-modify-write of the file happens under `locked(path)`, an OS lock across processes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from desktop.storage.files import file_lock, write_atomic
from desktop.storage.postgres import DatabaseVault
from desktop.storage.throttle import FailureLog, FailureRecord

VAULT_FORMAT = "qonys-vault"
VAULT_VERSION = 2
READABLE_VERSIONS = (1, 2)
DATA_KEY_BYTES = 32
PERSONAL_KEY_BYTES = 32
# A version-2 slot's plaintext: data key | personal key | anchor entries (8, big-endian) | head.
_V2_PAYLOAD = DATA_KEY_BYTES + PERSONAL_KEY_BYTES + 8 + 32


class VaultError(Exception):
    """The vault file is missing, damaged, or not ours."""


class WrongPassword(Exception):
    """No slot for this login, or the password does not unwrap it (deliberately the same)."""


@dataclass(frozen=True, slots=True)
class KdfParams:
    """Argon2id cost; the default is ~115 ms here (FIELD-NOTES). Stored with each slot."""

    memory_kib: int = 64 * 1024
    iterations: int = 3
    lanes: int = 4

    def to_dict(self) -> dict[str, int]:
        return {"m": self.memory_kib, "t": self.iterations, "p": self.lanes}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> KdfParams:
        params = cls(int(data["m"]), int(data["t"]), int(data["p"]))
        # Costs no one sets: a damaged (or hostile) file, not an hour of Argon2 or an overflow.
        if not (
            1 <= params.lanes <= 64
            and 8 * params.lanes <= params.memory_kib <= 4 * 1024 * 1024
            and 1 <= params.iterations <= 64
        ):
            raise ValueError("implausible key derivation costs")
        return params


@dataclass
class PasswordSlot:
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes


@dataclass(frozen=True, slots=True)
class AuditAnchor:
    """The audit log as one officer last saw it: how many entries, and the last one's hash."""

    entries: int
    head: str  # hex SHA-256 ("0"*64 before the first entry)


@dataclass
class Unlocked:
    """What a password opens: the data key, the personal key, the anchor (and the slot's key,
    kept only to write the slot back at the same login)."""

    login: str
    data_key: bytearray
    personal_key: bytearray | None  # None: a version-1 slot, to be upgraded now
    anchor: AuditAnchor | None
    kek: bytes = field(repr=False)


@dataclass
class Vault:
    """The key slots of one store; `save` writes it atomically."""

    store_id: str
    lookup_salt: bytes
    slots: dict[str, PasswordSlot] = field(default_factory=dict)
    recovery: bytes | None = None
    recovery_key_id: str | None = None
    failure_log: FailureLog = field(default_factory=FailureLog)

    @classmethod
    def new(cls) -> Vault:
        return cls(store_id=secrets.token_hex(16), lookup_salt=secrets.token_bytes(32))

    @property
    def failures(self) -> dict[str, FailureRecord]:
        return self.failure_log.records

    def slot_id(self, login: str) -> str:
        digest = hmac.new(self.lookup_salt, login.strip().casefold().encode(), hashlib.sha256)
        return digest.hexdigest()[:32]

    def has_slot(self, login: str) -> bool:
        return self.slot_id(login) in self.slots

    def _aad(self, slot_id: str) -> bytes:
        # "1" for every version: a slot sealed by version 1 must still open (its payload's
        # length tells the versions apart).
        return f"{VAULT_FORMAT}/1/{self.store_id}/{slot_id}".encode()

    def set_password(
        self,
        login: str,
        password: str,
        data_key: bytes | bytearray,
        kdf: KdfParams | None = None,
        *,
        personal_key: bytes | bytearray | None = None,
        anchor: AuditAnchor | None = None,
    ) -> None:
        """A new slot (new salt) for `login`. Without `personal_key` a fresh one is made: what
        was wrapped under the officer's old personal key no longer opens (a new officer, or an
        administrator reset by recovery: a signing official then installs their key again)."""
        kdf = kdf or KdfParams()
        slot_id = self.slot_id(login)
        salt = secrets.token_bytes(16)
        kek = _derive(password, salt, kdf)
        personal = bytes(personal_key) if personal_key is not None else new_personal_key()
        self._write_slot(slot_id, kdf, salt, kek, bytes(data_key), personal, anchor)

    def _write_slot(
        self,
        slot_id: str,
        kdf: KdfParams,
        salt: bytes,
        kek: bytes,
        data_key: bytes,
        personal: bytes,
        anchor: AuditAnchor | None,
    ) -> None:
        anchor = anchor or AuditAnchor(0, "0" * 64)
        payload = (
            data_key + personal + anchor.entries.to_bytes(8, "big") + bytes.fromhex(anchor.head)
        )
        nonce = secrets.token_bytes(12)
        wrapped = AESGCM(kek).encrypt(nonce, payload, self._aad(slot_id))
        self.slots[slot_id] = PasswordSlot(kdf, salt, nonce, wrapped)

    def open_slot(self, login: str, password: str) -> Unlocked:
        """Everything the officer's password opens (raises WrongPassword)."""
        return self._open(self.slot_id(login), login, password)

    def open_slot_id(self, slot_id: str, password: str) -> Unlocked:
        """Open a slot by its id, the login unknown (`Unlocked.login` is empty: the caller
        knows the name from elsewhere; not for `reseal`). The Department's one-user stores."""
        return self._open(slot_id, "", password)

    def _open(self, slot_id: str, login: str, password: str) -> Unlocked:
        slot = self.slots.get(slot_id)
        if slot is None:
            # Spend the same time as a real attempt so logins cannot be probed by timing.
            _derive(password, b"\0" * 16, KdfParams())
            raise WrongPassword
        kek = _derive(password, slot.salt, slot.kdf)
        try:
            plain = AESGCM(kek).decrypt(slot.nonce, slot.wrapped, self._aad(slot_id))
        except InvalidTag:
            raise WrongPassword from None
        if len(plain) == DATA_KEY_BYTES:
            return Unlocked(login, bytearray(plain), None, None, kek)
        if len(plain) != _V2_PAYLOAD:
            raise VaultError("the key vault is damaged")
        d, p = DATA_KEY_BYTES, DATA_KEY_BYTES + PERSONAL_KEY_BYTES
        anchor = AuditAnchor(int.from_bytes(plain[p : p + 8], "big"), plain[p + 8 :].hex())
        return Unlocked(login, bytearray(plain[:d]), bytearray(plain[d:p]), anchor, kek)

    def reseal(self, unlocked: Unlocked, anchor: AuditAnchor) -> bytearray:
        """Write the slot back at login with a new anchor (same password, same salt); a
        version-1 slot gets its personal key now. Returns the personal key."""
        slot_id = self.slot_id(unlocked.login)
        slot = self.slots[slot_id]
        personal = unlocked.personal_key or bytearray(new_personal_key())
        self._write_slot(
            slot_id,
            slot.kdf,
            slot.salt,
            unlocked.kek,
            bytes(unlocked.data_key),
            bytes(personal),
            anchor,
        )
        return personal

    def remove(self, login: str) -> bool:
        return self.slots.pop(self.slot_id(login), None) is not None

    def unwrap(self, login: str, password: str) -> bytearray:
        """The data key only (backups, the lock screen)."""
        return self.open_slot(login, password).data_key

    def set_recovery(
        self, public_key: rsa.RSAPublicKey, data_key: bytes | bytearray, key_id: str
    ) -> None:
        self.recovery = public_key.encrypt(bytes(data_key), _oaep())
        self.recovery_key_id = key_id

    def unwrap_recovery(self, private_key: rsa.RSAPrivateKey) -> bytearray:
        if self.recovery is None:
            raise VaultError("this store has no recovery slot")
        try:
            return bytearray(private_key.decrypt(self.recovery, _oaep()))
        except ValueError:
            raise WrongPassword from None

    # --- failed-login bookkeeping (no login names: slot ids only) -------------------------
    def failure_count(self, login: str) -> FailureRecord | None:
        return self.failures.get(self.slot_id(login))

    def login_wait(self, login: str, now: datetime) -> float:
        """Seconds before `login` may try a password (see throttle.FailureLog.wait)."""
        return self.failure_log.wait(self.slot_id(login), now)

    def record_failure(self, login: str, at: datetime) -> FailureRecord:
        return self.failure_log.record_failure(self.slot_id(login), at)

    def clear_failures(self, login: str) -> bool:
        return self.failure_log.clear(self.slot_id(login))

    def check_failures(self, data_key: bytes | bytearray) -> tuple[bool | None, int]:
        """After a successful login: (record intact? None: never sealed, wrong passwords since
        the last login)."""
        return self.failure_log.verify(bytes(data_key), self.store_id)

    def seal_failures(self, data_key: bytes | bytearray, login: str | None) -> None:
        self.failure_log.seal(
            bytes(data_key), self.store_id, self.slot_id(login) if login else None
        )

    # --- file format -----------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        doc: dict[str, Any] = {
            "format": VAULT_FORMAT,
            "version": VAULT_VERSION,
            "store_id": self.store_id,
            "lookup_salt": _b64(self.lookup_salt),
            "slots": {
                sid: {
                    "kdf": "argon2id",
                    "params": s.kdf.to_dict(),
                    "salt": _b64(s.salt),
                    "nonce": _b64(s.nonce),
                    "wrapped": _b64(s.wrapped),
                }
                for sid, s in sorted(self.slots.items())
            },
            "recovery": None
            if self.recovery is None
            else {
                "alg": "RSA-OAEP-256",
                "key_id": self.recovery_key_id,
                "wrapped": _b64(self.recovery),
            },
            "failures": self.failure_log.to_dict(),
        }
        return json.dumps(doc, indent=1).encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> Vault:
        try:
            doc = json.loads(raw)
            if doc.get("format") != VAULT_FORMAT:
                raise VaultError("not a Qonys key vault")
            version = doc.get("version")
            if version not in READABLE_VERSIONS:
                raise VaultError(f"unsupported key vault version {version!r}")
            vault = cls(store_id=str(doc["store_id"]), lookup_salt=_unb64(doc["lookup_salt"]))
            for sid, s in doc["slots"].items():
                if s["kdf"] != "argon2id":
                    raise VaultError(f"unsupported key derivation {s['kdf']!r}")
                vault.slots[sid] = PasswordSlot(
                    KdfParams.from_dict(s["params"]),
                    _unb64(s["salt"]),
                    _unb64(s["nonce"]),
                    _unb64(s["wrapped"]),
                )
            if doc.get("recovery"):
                vault.recovery = _unb64(doc["recovery"]["wrapped"])
                vault.recovery_key_id = doc["recovery"].get("key_id")
            vault.failure_log = FailureLog.from_dict(doc.get("failures"), legacy=version == 1)
            return vault
        except VaultError:
            raise
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            raise VaultError("the key vault is damaged") from exc

    def save(self, path: Path | DatabaseVault) -> None:
        if isinstance(path, Path):
            write_atomic(path, self.to_bytes())
        else:
            path.write_bytes(self.to_bytes())

    @classmethod
    @contextmanager
    def updating(cls, path: Path | DatabaseVault) -> Iterator[Vault]:
        """Load under the vault's lock, let the block change it, save if the block ends well."""
        with locked(path):
            vault = cls.load(path)
            yield vault
            vault.save(path)

    @classmethod
    def load(cls, path: Path | DatabaseVault) -> Vault:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise VaultError("no key vault") from None
        return cls.from_bytes(raw)


@contextmanager
def locked(path: Path | DatabaseVault) -> Iterator[None]:
    """The vault's OS lock (a `.lock` file beside it), across processes; for a vault in a
    PostgreSQL store, the database's advisory lock, across desks."""
    if not isinstance(path, Path):
        with path.lock():
            yield
        return
    with file_lock(path.with_name(path.name + ".lock")):
        yield


def new_data_key() -> bytearray:
    return bytearray(os.urandom(DATA_KEY_BYTES))


def new_personal_key() -> bytes:
    return secrets.token_bytes(PERSONAL_KEY_BYTES)


def wipe(buffer: bytearray) -> None:
    """Overwrite key material we own (Python may still hold copies; this limits their life)."""
    for i in range(len(buffer)):
        buffer[i] = 0


# One Argon2id at a time in a process: cryptography lets OpenSSL's Argon2 use a process-wide
# pool of threads, and two derivations started at once from two threads can each wait for
# the other's pool threads forever (seen with cryptography 50 on 2 cores). Processes (the
# console's workers) still derive in parallel.
_ARGON2 = threading.Lock()


def _derive(password: str, salt: bytes, kdf: KdfParams) -> bytes:
    with _ARGON2:
        return _argon2id(password, salt, kdf)


def _argon2id(password: str, salt: bytes, kdf: KdfParams) -> bytes:
    return Argon2id(
        salt=salt,
        length=32,
        iterations=kdf.iterations,
        lanes=kdf.lanes,
        memory_cost=kdf.memory_kib,
    ).derive(password.encode("utf-8"))


def _oaep() -> padding.OAEP:
    return padding.OAEP(
        mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _unb64(text: str) -> bytes:
    return base64.b64decode(text, validate=True)
