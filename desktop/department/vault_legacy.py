"""The Department's key vault as it was before issue 15 (read only, for the migration).

``department.vault`` was JSON of format ``qonys.department-vault``: per user an Argon2id salt
and the master key sealed with AES-256-GCM; version 1 named slots by the plain user name,
version 2 by an HMAC of it (the name sealed inside). `desktop.department.vault` converts such a
file to the mission's key-slot format at the first unlock attempt and keeps the old slots here,
in ``department.vault-v1``, until each user has logged in once.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

FORMAT = "qonys.department-vault"
KDF = {"name": "argon2id", "memory_kib": 65536, "iterations": 3, "lanes": 4}


def is_legacy(raw: bytes) -> bool:
    try:
        doc = json.loads(raw)
    except ValueError:
        return False
    return isinstance(doc, dict) and doc.get("format") == FORMAT


def load(path: Path) -> dict[str, Any] | None:
    """The old slots (None: no such file, or a file not of this format)."""
    try:
        doc = json.loads(path.read_bytes())
    except (FileNotFoundError, ValueError):
        return None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        return None
    if doc.get("version") not in (1, 2) or not isinstance(doc.get("slots"), dict):
        return None
    return dict(doc)


def without_names(raw: bytes) -> bytes:
    """A version-1 file with its slots renamed by HMAC (version 2 without re-sealing, as the
    old code did at a first unlock), so the kept file names no one. A one-slot file keeps its
    name: that user may log in without giving it."""
    doc = json.loads(raw)
    if doc.get("version") != 1 or len(doc.get("slots", {})) == 1:
        return raw
    salt = secrets.token_bytes(32)
    slots = {slot_id(salt, name): slot for name, slot in doc["slots"].items()}
    doc.update(version=2, lookup_salt=base64.b64encode(salt).decode("ascii"), slots=slots)
    return json.dumps(doc, indent=1).encode()


def _derive(password: str, salt: bytes, kdf: dict[str, Any]) -> bytes:
    return Argon2id(
        salt=salt,
        length=32,
        iterations=int(kdf["iterations"]),
        lanes=int(kdf["lanes"]),
        memory_cost=int(kdf["memory_kib"]),
    ).derive(password.encode("utf-8"))


def slot_id(lookup_salt: bytes, user: str) -> str:
    return hmac.new(lookup_salt, user.strip().casefold().encode(), hashlib.sha256).hexdigest()[:32]


def find(doc: dict[str, Any], user: str | None) -> str | None:
    """The key of `user`'s slot in `doc` (None: not there); `user=None`: the only slot."""
    slots = doc["slots"]
    if user is None:
        return next(iter(slots)) if len(slots) == 1 else None
    if doc["version"] == 1 or "lookup_salt" not in doc:
        return user if user in slots else None
    sid = slot_id(base64.b64decode(doc["lookup_salt"]), user)
    return sid if sid in slots else None


def open_slot(
    doc: dict[str, Any], key: str, user: str | None, password: str
) -> tuple[bytes, str] | None:
    """(master key, user name) if `password` opens the slot `key`; None otherwise."""
    slot = doc["slots"][key]
    derived = _derive(password, base64.b64decode(slot["salt"]), doc.get("kdf", KDF))
    nonce, wrapped = base64.b64decode(slot["nonce"]), base64.b64decode(slot["wrapped"])
    try:
        if slot.get("v") == "2":
            plain = AESGCM(derived).decrypt(nonce, wrapped, f"{FORMAT}/2/{key}".encode())
            return plain[:32], plain[32:].decode("utf-8")
        name = key if doc["version"] == 1 else user
        if name is None:
            return None
        plain = AESGCM(derived).decrypt(nonce, wrapped, f"{FORMAT}/1/{name}".encode())
        return plain, name
    except InvalidTag:
        return None
