"""The Department's key slots: one random master key, wrapped once per user (like LUKS).

``department.vault`` (JSON) holds, per user, an Argon2id salt and the master key sealed with
AES-256-GCM under the key derived from that user's password. From the master key, HKDF derives
the SQLCipher key of the default SQLite database and the passphrase of the encrypted PKCS#8
private keys in ``keys/``. Nothing secret is ever written in the clear.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop.sync.package import fsync_directory

VAULT_NAME = "department.vault"
FORMAT = "qonys.department-vault"
VERSION = 1
# FIELD-NOTES: Argon2id 64 MiB, t=3, p=4 costs ~115 ms here: once per command.
KDF = {"name": "argon2id", "memory_kib": 65536, "iterations": 3, "lanes": 4}


class VaultError(Exception):
    """Wrong user or password, or no vault (a known error, not a bug)."""


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
    # The format version and the user name are authenticated with the slot (STYLE §11).
    return f"{FORMAT}/{VERSION}/{user}".encode()


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


def _slot(master: bytes, user: str, password: str) -> dict[str, str]:
    salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(12)
    wrapped = AESGCM(_derive(password, salt, KDF)).encrypt(nonce, master, _aad(user))
    return {"salt": _b64(salt), "nonce": _b64(nonce), "wrapped": _b64(wrapped)}


def create(data_dir: Path, users: dict[str, str]) -> MasterKey:
    """A new vault with one slot per ``user: password``; refuses to overwrite one."""
    path = data_dir / VAULT_NAME
    if path.exists():
        raise VaultError(f"{data_dir} already holds a Department store")
    if not users or any(len(p) < 8 for p in users.values()):
        raise VaultError("every password must have at least 8 characters")
    master = secrets.token_bytes(32)
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "kdf": KDF,
        "slots": {user: _slot(master, user, pw) for user, pw in users.items()},
    }
    write_atomically(path, json.dumps(doc, indent=1).encode())
    return MasterKey(master)


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
    if doc.get("format") != FORMAT or doc.get("version") != VERSION:
        raise VaultError(f"{path.name} has an unsupported format")
    return dict(doc)


def users(data_dir: Path) -> list[str]:
    return sorted(_load(data_dir)["slots"])


def unlock(data_dir: Path, user: str, password: str) -> MasterKey:
    doc = _load(data_dir)
    slot = doc["slots"].get(user)
    if slot is None:
        raise VaultError("wrong user name or password")
    key = _derive(password, _unb64(slot["salt"]), doc["kdf"])
    try:
        master = AESGCM(key).decrypt(_unb64(slot["nonce"]), _unb64(slot["wrapped"]), _aad(user))
    except InvalidTag as exc:
        raise VaultError("wrong user name or password") from exc
    return MasterKey(master)


def add_user(data_dir: Path, master: MasterKey, user: str, password: str) -> None:
    doc = _load(data_dir)
    if len(password) < 8:
        raise VaultError("the password must have at least 8 characters")
    doc["slots"][user] = _slot(master.key, user, password)
    write_atomically(data_dir / VAULT_NAME, json.dumps(doc, indent=1).encode())
