"""The Department's key slots: the mission's vault format (`desktop.storage.vault`).

``department.vault`` holds one random master key wrapped once per user, exactly as a mission's
``qonys.vault`` holds its data key: slots named by an HMAC of the user name, Argon2id and
AES-256-GCM, the failed-login counters of `desktop/storage/throttle.py`, every change under
the vault's OS lock and written atomically. From the master key, HKDF derives the SQLCipher
key of the default SQLite database and the passphrase of the encrypted PKCS#8 private keys in
``keys/``. Nothing secret is ever written in the clear.

A vault of the earlier Department format (`vault_legacy`) is converted at the first unlock
attempt, before any password is tried: the file becomes a vault of this format, and the old
slots move to ``department.vault-v1``; each user's slot is re-made in the new vault at that
user's first login, and the old file goes when its last slot has.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop.department import vault_legacy
from desktop.storage.files import write_atomic
from desktop.storage.vault import Vault, WrongPassword, locked, new_data_key
from desktop.storage.vault import VaultError as StorageVaultError

VAULT_NAME = "department.vault"
LEGACY_NAME = "department.vault-v1"
MIN_PASSWORD = 8


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


@dataclass(frozen=True)
class Unlocked:
    master: MasterKey
    user: str | None  # None: a one-user store opened without the name (the database knows it)
    slot_id: str
    record_altered: bool  # the failed-login record was edited or removed since the last login


def _path(data_dir: Path) -> Path:
    return data_dir / VAULT_NAME


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise VaultError(f"every password must have at least {MIN_PASSWORD} characters")


def create(data_dir: Path, users: dict[str, str]) -> MasterKey:
    """A new vault with one slot per ``user: password``; refuses to overwrite one."""
    path = _path(data_dir)
    if path.exists():
        raise VaultError(f"{data_dir} already holds a Department store")
    if not users:
        raise VaultError("name at least one user")
    for password in users.values():
        _check_password(password)
    master = new_data_key()
    vault = Vault.new()
    for user, password in users.items():
        vault.set_password(user, password, master)
    vault.seal_failures(master, None)
    with locked(path):
        vault.save(path)
    return MasterKey(bytes(master))


def _load(data_dir: Path) -> Vault:
    path = _path(data_dir)
    try:
        return Vault.load(path)
    except StorageVaultError as exc:
        if not path.exists():
            raise VaultError(
                f"no Department store in {data_dir}: "
                f"run `qonys-department --data-dir {data_dir} init`"
            ) from exc
        raise VaultError(f"{path.name} is damaged or of an unsupported format") from exc


@contextmanager
def _updating(data_dir: Path) -> Iterator[Vault]:
    """The vault under its lock (converted from the old format first); saved if all went well."""
    path = _path(data_dir)
    with locked(path):
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raw = b""
        if raw and vault_legacy.is_legacy(raw):
            _convert(data_dir, raw)
        vault = _load(data_dir)
        yield vault
        vault.save(path)


def _convert(data_dir: Path, raw: bytes) -> None:
    """Old format -> this one, with no password: its slots wait in ``department.vault-v1``."""
    legacy = _path(data_dir).with_name(LEGACY_NAME)
    write_atomic(legacy, vault_legacy.without_names(raw))
    Vault.new().save(_path(data_dir))


def slot_count(data_dir: Path) -> int:
    """Slots in the vault, plus old slots of users who have not logged in since the upgrade."""
    count = len(_load(data_dir).slots) if not _is_legacy_file(data_dir) else 0
    old = vault_legacy.load(data_dir / LEGACY_NAME) or vault_legacy.load(_path(data_dir))
    return count + (len(old["slots"]) if old else 0)


def _is_legacy_file(data_dir: Path) -> bool:
    try:
        return vault_legacy.is_legacy(_path(data_dir).read_bytes())
    except FileNotFoundError:
        return False


def users(data_dir: Path) -> list[str]:
    """User names readable without a password: those of an old version-1 vault only."""
    old = vault_legacy.load(data_dir / LEGACY_NAME) or vault_legacy.load(_path(data_dir))
    return sorted(old["slots"]) if old and old["version"] == 1 else []


def unlock(
    data_dir: Path, user: str | None, password: str, *, now: datetime | None = None
) -> MasterKey:
    return unlock_user(data_dir, user, password, now=now).master


def unlock_user(
    data_dir: Path, user: str | None, password: str, *, now: datetime | None = None
) -> Unlocked:
    """Open the master key; ``user=None`` works when the store has one user. Counts and
    throttles wrong passwords (raises Throttled); converts a vault of the old format.

    Argon2id runs outside the vault's lock (issue 17: staff logging in at once on the
    console's workers must not queue behind one another's key derivation): the lock is held
    to read the slot and the throttle and count the attempt, then again to settle it. Attempts on one slot
    in this process take turns, so each sees the failures before it."""
    now = now or datetime.now(UTC)
    if not _path(data_dir).exists():
        _load(data_dir)  # says that there is no store here, before anything is locked
    outcome: Unlocked | VaultError | None = None
    with _slot_turn(data_dir, user):
        with _updating(data_dir) as vault:
            legacy_path = data_dir / LEGACY_NAME
            old = vault_legacy.load(legacy_path)
            sid = vault.slot_id(user) if user is not None else None
            if old is not None or sid is None:
                # An old-format slot to convert, or a nameless one-user login (the command
                # line): the whole attempt under the lock.
                outcome = _try(vault, legacy_path, user, password, now)
                early = True
            else:
                assert sid is not None
                wait = vault.failure_log.wait(sid, now)
                outcome = (
                    Throttled(wait, vault.failure_log.suspect_wait(now) > 0) if wait > 0 else None
                )
                slot = vault.slots.get(sid)  # None: no such user, same Argon2id cost below
                early = outcome is not None
                if not early:
                    # The attempt counts as a failure until the password proves right, so
                    # attempts made meanwhile (another worker) are throttled as if in turn.
                    vault.failure_log.record_failure(sid, now)
        if not early:
            assert sid is not None
            try:  # Argon2id, with no lock held
                master: bytes | None = bytes(vault.open_slot_id(sid, password).data_key)
            except WrongPassword:
                master = None
            with _updating(data_dir) as vault:
                outcome = _settle(vault, sid, slot, user, master)
    if isinstance(outcome, VaultError):
        raise outcome
    assert outcome is not None
    return outcome


_TURNS: dict[tuple[str, str], threading.Lock] = {}
_TURNS_LOCK = threading.Lock()


@contextmanager
def _slot_turn(data_dir: Path, user: str | None) -> Iterator[None]:
    """One attempt at a time per (store, user) in this process; other users go in parallel."""
    key = (str(data_dir.resolve()), (user or "").strip().casefold())
    with _TURNS_LOCK:
        turn = _TURNS.setdefault(key, threading.Lock())
    with turn:
        yield


def _settle(
    vault: Vault,
    sid: str,
    slot: object,
    user: str | None,
    master: bytes | None,
) -> Unlocked | VaultError:
    """Under the lock again: a wrong password stays counted; a right one clears the count and
    seals the record. A slot changed meanwhile (a password reset, a removal) opens nothing."""
    if master is None:
        return VaultError("wrong user name or password")
    if vault.slots.get(sid) != slot:
        return VaultError("the password was changed meanwhile: log in again")
    intact, _tried = vault.check_failures(master)
    vault.failure_log.seal(master, vault.store_id, sid)
    return Unlocked(MasterKey(master), user, sid, intact is False)


def _try(
    vault: Vault, legacy_path: Path, user: str | None, password: str, now: datetime
) -> Unlocked | VaultError:
    old = vault_legacy.load(legacy_path)
    old_key = vault_legacy.find(old, user) if old else None
    if user is None:
        if len(vault.slots) + (len(old["slots"]) if old else 0) != 1:
            return VaultError("several users share this store: give --user")
        sid = next(iter(vault.slots)) if vault.slots else f"v1:{old_key}"
    else:
        sid = vault.slot_id(user)
    wait = vault.failure_log.wait(sid, now)
    if wait > 0:
        return Throttled(wait, vault.failure_log.suspect_wait(now) > 0)
    master: bytes | None = None
    name = user
    if sid in vault.slots or old is None or old_key is None:
        try:
            master = bytes(vault.open_slot_id(sid, password).data_key)
        except WrongPassword:  # also for no slot at all, after the same Argon2id cost
            master = None
    else:
        found = vault_legacy.open_slot(old, old_key, user, password)
        if found is not None:
            master, name = found
            # The old slot becomes a slot of this format (same password), and goes.
            vault.set_password(name, password, master)
            del old["slots"][old_key]
            if old["slots"]:
                write_atomic(legacy_path, json.dumps(old, indent=1).encode())
            else:
                legacy_path.unlink(missing_ok=True)
            sid = vault.slot_id(name)
    if master is None:
        vault.failure_log.record_failure(sid, now)
        return VaultError("wrong user name or password")
    intact, _tried = vault.check_failures(master)
    vault.failure_log.seal(master, vault.store_id, sid)
    return Unlocked(MasterKey(master), name, sid, intact is False)


def add_user(data_dir: Path, master: MasterKey, user: str, password: str) -> bool:
    """A slot for `user` (new, or a new password for an existing one); True if new."""
    _check_password(password)
    if not user.strip():
        raise VaultError("a user name is required")
    with _updating(data_dir) as vault:
        new = not vault.has_slot(user)
        vault.set_password(user, password, master.key)
    return new


def remove_user(data_dir: Path, user: str) -> str | None:
    """Remove `user`'s slot (its failure counter too); returns the slot id, None if none."""
    with _updating(data_dir) as vault:
        sid = vault.slot_id(user)
        if not vault.remove(user):
            return None
        if not vault.slots:
            raise VaultError("the last user of the store cannot be removed")
        vault.clear_failures(user)
    return sid


def slot_id(data_dir: Path, user: str) -> str:
    return _load(data_dir).slot_id(user)
