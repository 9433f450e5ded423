"""Key slots for the store's random data key, in the manner of LUKS and KeePassXC.

The SQLCipher database is encrypted with a random 256-bit data key that never touches disk in
clear. Each officer's password derives (Argon2id) a key that unwraps that officer's copy of the
data key (AES-256-GCM); a recovery slot holds the data key encrypted to the Department's RSA
public key (OAEP-SHA256) so a mission whose officers have all left can still be opened.
Slots are named by an HMAC of the login, so the vault file names no officer.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from desktop.storage.files import write_atomic

VAULT_FORMAT = "qonys-vault"
VAULT_VERSION = 1
DATA_KEY_BYTES = 32


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


@dataclass
class FailureRecord:
    count: int
    last: datetime


@dataclass
class Vault:
    """The key slots of one store; `save` writes it atomically."""

    store_id: str
    lookup_salt: bytes
    slots: dict[str, PasswordSlot] = field(default_factory=dict)
    recovery: bytes | None = None
    recovery_key_id: str | None = None
    failures: dict[str, FailureRecord] = field(default_factory=dict)

    @classmethod
    def new(cls) -> Vault:
        return cls(store_id=secrets.token_hex(16), lookup_salt=secrets.token_bytes(32))

    def slot_id(self, login: str) -> str:
        digest = hmac.new(self.lookup_salt, login.strip().casefold().encode(), hashlib.sha256)
        return digest.hexdigest()[:32]

    def has_slot(self, login: str) -> bool:
        return self.slot_id(login) in self.slots

    def _aad(self, slot_id: str) -> bytes:
        return f"{VAULT_FORMAT}/{VAULT_VERSION}/{self.store_id}/{slot_id}".encode()

    def set_password(
        self, login: str, password: str, data_key: bytes | bytearray, kdf: KdfParams | None = None
    ) -> None:
        kdf = kdf or KdfParams()
        slot_id = self.slot_id(login)
        salt = secrets.token_bytes(16)
        nonce = secrets.token_bytes(12)
        kek = _derive(password, salt, kdf)
        wrapped = AESGCM(kek).encrypt(nonce, bytes(data_key), self._aad(slot_id))
        self.slots[slot_id] = PasswordSlot(kdf, salt, nonce, wrapped)

    def remove(self, login: str) -> bool:
        return self.slots.pop(self.slot_id(login), None) is not None

    def unwrap(self, login: str, password: str) -> bytearray:
        slot_id = self.slot_id(login)
        slot = self.slots.get(slot_id)
        if slot is None:
            # Spend the same time as a real attempt so logins cannot be probed by timing.
            _derive(password, b"\0" * 16, KdfParams())
            raise WrongPassword
        kek = _derive(password, slot.salt, slot.kdf)
        try:
            return bytearray(AESGCM(kek).decrypt(slot.nonce, slot.wrapped, self._aad(slot_id)))
        except InvalidTag:
            raise WrongPassword from None

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

    def record_failure(self, login: str, at: datetime) -> FailureRecord:
        key = self.slot_id(login)
        previous = self.failures.get(key)
        record = FailureRecord((previous.count if previous else 0) + 1, at)
        self.failures[key] = record
        if len(self.failures) > 1000:  # unknown logins must not grow the file without bound
            oldest = min(self.failures, key=lambda k: self.failures[k].last)
            del self.failures[oldest]
        return record

    def clear_failures(self, login: str) -> bool:
        return self.failures.pop(self.slot_id(login), None) is not None

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
            "failures": {
                sid: {"count": f.count, "last": f.last.isoformat()}
                for sid, f in sorted(self.failures.items())
            },
        }
        return json.dumps(doc, indent=1).encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> Vault:
        try:
            doc = json.loads(raw)
            if doc.get("format") != VAULT_FORMAT:
                raise VaultError("not a Qonys key vault")
            if doc.get("version") != VAULT_VERSION:
                raise VaultError(f"unsupported key vault version {doc.get('version')!r}")
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
            for sid, f in doc.get("failures", {}).items():
                vault.failures[sid] = FailureRecord(
                    int(f["count"]), datetime.fromisoformat(f["last"])
                )
            return vault
        except VaultError:
            raise
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            raise VaultError("the key vault is damaged") from exc

    def save(self, path: Path) -> None:
        write_atomic(path, self.to_bytes())

    @classmethod
    def load(cls, path: Path) -> Vault:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise VaultError("no key vault") from None
        return cls.from_bytes(raw)


def new_data_key() -> bytearray:
    return bytearray(os.urandom(DATA_KEY_BYTES))


def wipe(buffer: bytearray) -> None:
    """Overwrite key material we own (Python may still hold copies; this limits their life)."""
    for i in range(len(buffer)):
        buffer[i] = 0


def _derive(password: str, salt: bytes, kdf: KdfParams) -> bytes:
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
