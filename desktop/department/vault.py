"""The Department's key slots: one random master key, wrapped once per user (like LUKS).

``department.vault`` (JSON) holds, per user, an Argon2id salt and the master key sealed with
AES-256-GCM under the key derived from that user's password. From the master key, HKDF derives
the SQLCipher key of the default SQLite database and the passphrase of the encrypted PKCS#8
private keys in ``keys/``. Nothing secret is ever written in the clear.

Version 2 names slots by an HMAC of the user name (as the mission's vault does), so the file
names no one; the name travels inside the sealed slot. A version-1 vault (slots by plain name)
is converted at its first successful unlock: every slot is renamed, the unlocking user's slot
re-sealed in the new form, the others keep their old sealing (their name is still needed to
open them: give ``--user``). Failed unlocks are counted and throttled exactly as at a mission
(`desktop/storage/throttle.py`), under the same kind of OS lock.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop.storage.files import file_lock
from desktop.storage.throttle import FailureLog
from desktop.sync.package import fsync_directory

VAULT_NAME = "department.vault"
FORMAT = "qonys.department-vault"
VERSION = 2
# FIELD-NOTES: Argon2id 64 MiB, t=3, p=4 costs ~115 ms here: once per command.
KDF = {"name": "argon2id", "memory_kib": 65536, "iterations": 3, "lanes": 4}


class VaultError(Exception):
    """Wrong user or password, or no vault (a known error, not a bug)."""


class Throttled(VaultError):
    """Too many wrong passwords (or the failure record was removed): wait, then try again."""

    def __init__(self, seconds: float, suspect: bool) -> None:
        self.retry_after = seconds
        wait = max(1, round(seconds))
        super().__init__(
            f"the record of failed logins was removed or rolled back; try again in {wait} s"
            if suspect
            else f"too many failed attempts; try again in {wait} s"
        )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text)


def _derive(password: str, salt: bytes, kdf: dict[str, Any]) -> bytes:
    return Argon2id(
        salt=salt,
        length=32,
        iterations=int(kdf["iterations"]),
        lanes=int(kdf["lanes"]),
        memory_cost=int(kdf["memory_kib"]),
    ).derive(password.encode("utf-8"))


def _aad(user: str) -> bytes:
    # Version 1: the format version and the user name are authenticated with the slot.
    return f"{FORMAT}/1/{user}".encode()


def _aad2(slot_id: str) -> bytes:
    return f"{FORMAT}/2/{slot_id}".encode()


def slot_id(lookup_salt: bytes, user: str) -> str:
    return hmac.new(lookup_salt, user.strip().casefold().encode(), hashlib.sha256).hexdigest()[:32]


@dataclass(frozen=True)
class MasterKey:
    """The unlocked master key and what is derived from it."""

    key: bytes

    def _sub(self, label: str) -> bytes:
        return HKDF(hashes.SHA256(), 32, salt=None, info=label.encode()).derive(self.key)

    @property
    def database_key(self) -> bytes:
        return self._sub("qonys department sqlcipher")

    @property
    def key_passphrase(self) -> bytes:
        return self._sub("qonys department pkcs8").hex().encode("ascii")


def write_atomically(path: Path, data: bytes) -> None:
    """Temp file (0600), fsync, rename, fsync the directory (STYLE §11)."""
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    tmp.replace(path)
    fsync_directory(path.parent)


def _slot(master: bytes, sid: str, user: str, password: str) -> dict[str, str]:
    """A version-2 slot: master key and user name, sealed under the password's key."""
    salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(12)
    plain = master + user.encode("utf-8")
    wrapped = AESGCM(_derive(password, salt, KDF)).encrypt(nonce, plain, _aad2(sid))
    return {"salt": _b64(salt), "nonce": _b64(nonce), "wrapped": _b64(wrapped), "v": "2"}


def create(data_dir: Path, users: dict[str, str]) -> MasterKey:
    """A new vault with one slot per ``user: password``; refuses to overwrite one."""
    path = data_dir / VAULT_NAME
    if path.exists():
        raise VaultError(f"{data_dir} already holds a Department store")
    if not users or any(len(p) < 8 for p in users.values()):
        raise VaultError("every password must have at least 8 characters")
    master = secrets.token_bytes(32)
    salt = secrets.token_bytes(32)
    failures = FailureLog()
    failures.seal(master, _context(salt), None)
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "kdf": KDF,
        "lookup_salt": _b64(salt),
        "slots": {
            (sid := slot_id(salt, user)): _slot(master, sid, user, pw)
            for user, pw in users.items()
        },
        "failures": failures.to_dict(),
    }
    write_atomically(path, json.dumps(doc, indent=1).encode())
    return MasterKey(master)


def _context(lookup_salt: bytes) -> str:
    return f"department/{lookup_salt.hex()}"


def _load(data_dir: Path) -> dict[str, Any]:
    path = data_dir / VAULT_NAME
    try:
        doc = json.loads(path.read_bytes())
    except FileNotFoundError as exc:
        raise VaultError(
            f"no Department store in {data_dir}: run `qonys-department --data-dir {data_dir} init`"
        ) from exc
    except ValueError as exc:
        raise VaultError(f"{path.name} is damaged") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("version") not in (1, 2):
        raise VaultError(f"{path.name} has an unsupported format")
    if not isinstance(doc.get("slots"), dict):
        raise VaultError(f"{path.name} is damaged")
    return dict(doc)


def users(data_dir: Path) -> list[str]:
    """The user names a version-1 vault shows; a version-2 vault names no one (empty)."""
    doc = _load(data_dir)
    return sorted(doc["slots"]) if doc["version"] == 1 else []


def slot_count(data_dir: Path) -> int:
    return len(_load(data_dir)["slots"])


def _lock(data_dir: Path) -> Any:
    return file_lock(data_dir / f"{VAULT_NAME}.lock")


def unlock(
    data_dir: Path, user: str | None, password: str, *, now: datetime | None = None
) -> MasterKey:
    return unlock_user(data_dir, user, password, now=now).master


@dataclass(frozen=True)
class Unlocked:
    master: MasterKey
    user: str
    record_altered: bool  # the failed-login record was edited or removed since the last unlock


def unlock_user(
    data_dir: Path, user: str | None, password: str, *, now: datetime | None = None
) -> Unlocked:
    """Open the master key; ``user=None`` works when the vault has one slot. Counts and
    throttles wrong passwords (raises Throttled); converts a version-1 vault."""
    now = now or datetime.now(UTC)
    _load(data_dir)  # missing or damaged: said before anything is locked
    with _lock(data_dir):
        doc = _load(data_dir)
        if "lookup_salt" in doc:
            salt = _unb64(doc["lookup_salt"])
        else:  # a version-1 vault: its HMAC salt is made at the first attempt and kept
            salt = secrets.token_bytes(32)
            doc["lookup_salt"] = _b64(salt)
        if doc["version"] == 1 and "failures" not in doc:
            failures = FailureLog(legacy=True)
        else:
            failures = FailureLog.from_dict(doc.get("failures"))
        if user is None:
            if len(doc["slots"]) != 1:
                raise VaultError("several users share this store: give --user")
            only = next(iter(doc["slots"]))
            sid, name_v1 = (only, None) if doc["version"] == 2 else (slot_id(salt, only), only)
        else:
            sid, name_v1 = slot_id(salt, user), user if doc["version"] == 1 else None
        wait = failures.wait(sid, now)
        if wait > 0:
            _write(data_dir, doc, failures)
            raise Throttled(wait, failures.suspect_wait(now) > 0)
        key = (name_v1 if doc["version"] == 1 else sid) or ""
        slot = doc["slots"].get(key)
        opened = None if slot is None else _open_slot(doc, slot, sid, user or name_v1, password)
        if opened is None:
            failures.record_failure(sid, now)
            _write(data_dir, doc, failures)
            raise VaultError("wrong user name or password")
        master, name = opened
        intact, _tried = failures.verify(master, _context(salt))
        failures.seal(master, _context(salt), sid)
        if doc["version"] == 1:
            doc = _convert(doc, salt, master, name, password)
        elif slot.get("v") != "2":  # converted from version 1 and now opened: the new form
            doc["slots"][sid] = _slot(master, sid, name, password)
        _write(data_dir, doc, failures)
        return Unlocked(MasterKey(master), name, intact is False)


def _open_slot(
    doc: dict[str, Any], slot: dict[str, Any], sid: str, user: str | None, password: str
) -> tuple[bytes, str] | None:
    key = _derive(password, _unb64(slot["salt"]), doc["kdf"])
    try:
        if slot.get("v") == "2":
            plain = AESGCM(key).decrypt(_unb64(slot["nonce"]), _unb64(slot["wrapped"]), _aad2(sid))
            return plain[:32], plain[32:].decode("utf-8")
        if user is None:
            return None
        plain = AESGCM(key).decrypt(_unb64(slot["nonce"]), _unb64(slot["wrapped"]), _aad(user))
        return plain, user
    except InvalidTag:
        return None


def _convert(
    doc: dict[str, Any], salt: bytes, master: bytes, user: str, password: str
) -> dict[str, Any]:
    """Version 1 -> 2: every slot renamed by HMAC; the unlocking user's sealed anew."""
    slots: dict[str, Any] = {}
    for name, slot in doc["slots"].items():
        sid = slot_id(salt, name)
        slots[sid] = _slot(master, sid, user, password) if name == user else dict(slot)
    return dict(doc, version=VERSION, lookup_salt=_b64(salt), slots=slots)


def _write(data_dir: Path, doc: dict[str, Any], failures: FailureLog) -> None:
    out = dict(doc, failures=failures.to_dict())
    write_atomically(data_dir / VAULT_NAME, json.dumps(out, indent=1).encode())


def add_user(data_dir: Path, master: MasterKey, user: str, password: str) -> None:
    if len(password) < 8:
        raise VaultError("the password must have at least 8 characters")
    with _lock(data_dir):
        doc = _load(data_dir)
        if doc["version"] != VERSION:
            raise VaultError("open the store once before adding users (the vault is upgraded)")
        salt = _unb64(doc["lookup_salt"])
        sid = slot_id(salt, user)
        doc["slots"][sid] = _slot(master.key, sid, user, password)
        write_atomically(data_dir / VAULT_NAME, json.dumps(doc, indent=1).encode())
