"""Issues 13 and 15: the Department's vault is the mission's format (names no user, throttles
wrong passwords), and vaults of the Department's earlier format are converted."""

from __future__ import annotations

import base64
import json
import multiprocessing
import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop.department import vault, vault_legacy
from desktop.department.service import Department
from tests.legacy_pages import to_sha512_pages

PW = "department-vault-pw"
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _v1_vault(data_dir: Path, users: dict[str, str], master: bytes | None = None) -> bytes:
    """A vault as the Department's version 1 wrote it: slots under the users' plain names."""
    master = master or secrets.token_bytes(32)
    slots = {}
    for user, password in users.items():
        salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
        key = vault_legacy._derive(password, salt, vault_legacy.KDF)
        wrapped = AESGCM(key).encrypt(nonce, master, f"{vault_legacy.FORMAT}/1/{user}".encode())
        slots[user] = {"salt": _b64(salt), "nonce": _b64(nonce), "wrapped": _b64(wrapped)}
    doc = {"format": vault_legacy.FORMAT, "version": 1, "kdf": vault_legacy.KDF, "slots": slots}
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / vault.VAULT_NAME).write_text(json.dumps(doc))
    return master


def _v2_vault(data_dir: Path, users: dict[str, str], master: bytes) -> None:
    """A vault as the Department wrote it until issue 15 (format ``qonys.department-vault``
    version 2: HMAC-named slots, the name sealed with the master key)."""
    lookup = secrets.token_bytes(32)
    slots = {}
    for user, password in users.items():
        sid = vault_legacy.slot_id(lookup, user)
        salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
        key = vault_legacy._derive(password, salt, vault_legacy.KDF)
        aad = f"{vault_legacy.FORMAT}/2/{sid}".encode()
        wrapped = AESGCM(key).encrypt(nonce, master + user.encode(), aad)
        slots[sid] = {"salt": _b64(salt), "nonce": _b64(nonce), "wrapped": _b64(wrapped), "v": "2"}
    doc = {
        "format": vault_legacy.FORMAT,
        "version": 2,
        "kdf": vault_legacy.KDF,
        "lookup_salt": _b64(lookup),
        "slots": slots,
        "failures": {"total": 0, "dropped": 0, "check": None, "suspect_at": None, "slots": {}},
    }
    (data_dir / vault.VAULT_NAME).write_text(json.dumps(doc, indent=1))


def _text(data_dir: Path) -> str:
    return (data_dir / vault.VAULT_NAME).read_text()


def _legacy_text(data_dir: Path) -> str:
    path = data_dir / vault.LEGACY_NAME
    return path.read_text() if path.exists() else ""


def test_slots_are_named_by_hmac_not_by_login(tmp_path: Path) -> None:
    master = vault.create(tmp_path, {"aigerim.s": PW, "bolat.k": PW})
    assert json.loads(_text(tmp_path))["format"] == "qonys-vault"  # the mission's format
    assert "aigerim" not in _text(tmp_path) and "bolat" not in _text(tmp_path)
    assert vault.unlock_user(tmp_path, "bolat.k", PW, now=NOW).master == master
    with pytest.raises(vault.VaultError, match="several users share this store"):
        vault.unlock(tmp_path, None, PW, now=NOW)


def test_a_version_1_vault_loses_its_plain_names_at_the_first_unlock(tmp_path: Path) -> None:
    master = _v1_vault(tmp_path, {"aigerim.s": PW, "bolat.k": PW + "2"})
    assert "aigerim.s" in _text(tmp_path)  # what version 1 left in the file
    opened = vault.unlock_user(tmp_path, "aigerim.s", PW, now=NOW)
    assert opened.master.key == master and opened.user == "aigerim.s"
    assert json.loads(_text(tmp_path))["format"] == "qonys-vault"
    for text in (_text(tmp_path), _legacy_text(tmp_path)):
        assert "aigerim" not in text and "bolat" not in text
    # Both still open: the other user's old slot waits until they unlock, then goes.
    assert _legacy_text(tmp_path)
    assert vault.unlock(tmp_path, "bolat.k", PW + "2", now=NOW).key == master
    assert not (tmp_path / vault.LEGACY_NAME).exists()
    assert vault.slot_count(tmp_path) == 2
    assert vault.unlock(tmp_path, "aigerim.s", PW, now=NOW).key == master
    assert vault.unlock(tmp_path, "bolat.k", PW + "2", now=NOW).key == master


def test_a_one_user_vault_opens_without_the_name(tmp_path: Path) -> None:
    master = _v1_vault(tmp_path, {"admin": PW})
    assert vault.unlock_user(tmp_path, None, PW, now=NOW).user == "admin"
    assert "admin" not in _text(tmp_path) and not _legacy_text(tmp_path)
    opened = vault.unlock_user(tmp_path, None, PW, now=NOW)
    assert opened.master.key == master


def test_a_store_made_before_issue_15_opens_and_is_converted(tmp_path: Path) -> None:
    """A whole Department store as today's code left it: the old vault format (two users)
    and the database's old page format; both users keep their passwords."""
    dep = Department.init(tmp_path, {"admin": PW})
    master, key = dep.master.key, dep.master.database_key
    dep.close()
    _v2_vault(tmp_path, {"admin": PW, "clerk": PW + "2"}, master)
    to_sha512_pages(tmp_path / "department.db", key)

    dep = Department.open(tmp_path, "admin", PW)
    try:
        assert dep.user == "admin" and dep.trust_list()[0] == 1
    finally:
        dep.close()
    assert json.loads(_text(tmp_path))["format"] == "qonys-vault"
    assert "clerk" not in _text(tmp_path) + _legacy_text(tmp_path)
    with pytest.raises(vault.VaultError, match="wrong user name or password"):
        Department.open(tmp_path, "clerk", PW)
    dep = Department.open(tmp_path, "clerk", PW + "2")
    dep.close()
    assert not (tmp_path / vault.LEGACY_NAME).exists()
    dep = Department.open(tmp_path, "clerk", PW + "2")
    try:
        from desktop.department import users

        assert users.listing(dep) == ["admin", "clerk"]
    finally:
        dep.close()


def test_a_wrong_password_for_an_old_slot_is_counted(tmp_path: Path) -> None:
    _v1_vault(tmp_path, {"admin": PW, "clerk": PW})
    for n in range(2):
        with pytest.raises(vault.VaultError, match="wrong"):
            vault.unlock(tmp_path, "clerk", "not the password", now=NOW + timedelta(seconds=n))
    with pytest.raises(vault.Throttled):
        vault.unlock(tmp_path, "clerk", PW, now=NOW + timedelta(seconds=1))
    assert vault.unlock(tmp_path, "clerk", PW, now=NOW + timedelta(seconds=5))


def _wrong(data_dir: Path, start: object, out: object) -> None:
    start.wait()  # type: ignore[attr-defined]
    try:
        vault.unlock(data_dir, "admin", "not the password", now=NOW)
        result = "opened"
    except vault.Throttled:
        result = "throttled"
    except vault.VaultError:
        result = "wrong"
    out.put(result)  # type: ignore[attr-defined]


def test_parallel_wrong_passwords_are_each_counted(tmp_path: Path) -> None:
    vault.create(tmp_path, {"admin": PW})
    mp = multiprocessing.get_context("fork")
    start, out = mp.Barrier(12), mp.Queue()
    procs = [mp.Process(target=_wrong, args=(tmp_path, start, out)) for _ in range(12)]
    for p in procs:
        p.start()
    results = sorted(out.get(timeout=120) for _ in procs)
    for p in procs:
        p.join(timeout=60)
    assert results.count("wrong") == 2 and results.count("throttled") == 10
    with pytest.raises(vault.Throttled, match="too many failed attempts; try again in 1 s"):
        vault.unlock(tmp_path, "admin", PW, now=NOW)
    assert vault.unlock(tmp_path, "admin", PW, now=NOW + timedelta(seconds=2))


def test_deleting_the_failure_record_does_not_reset_it(tmp_path: Path) -> None:
    vault.create(tmp_path, {"admin": PW})
    for n in range(3):
        with pytest.raises(vault.VaultError):
            vault.unlock(tmp_path, "admin", "not the password", now=NOW + timedelta(seconds=9 * n))
    doc = json.loads(_text(tmp_path))
    del doc["failures"]
    (tmp_path / vault.VAULT_NAME).write_text(json.dumps(doc))
    later = NOW + timedelta(minutes=1)
    with pytest.raises(vault.Throttled, match="removed or rolled back; try again in 300 s"):
        vault.unlock(tmp_path, "admin", PW, now=later)
    opened = vault.unlock_user(tmp_path, "admin", PW, now=later + timedelta(seconds=301))
    assert opened.record_altered
    assert not vault.unlock_user(
        tmp_path, "admin", PW, now=later + timedelta(seconds=302)
    ).record_altered


def test_argon2id_runs_outside_the_vault_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 17: a login's key derivation leaves the vault's lock free, so staff logging in at
    once on the console's workers do not queue behind one another; wrong and right passwords
    are still counted and cleared."""
    import fcntl
    import os
    import threading

    from desktop.storage import vault as storage_vault

    vault.create(tmp_path, {"admin": PW, "clerk": PW})
    lock_file = tmp_path / (vault.VAULT_NAME + ".lock")
    seen: list[bool] = []
    real = storage_vault._argon2id

    def derive(password: str, salt: bytes, kdf: storage_vault.KdfParams) -> bytes:
        fd = os.open(lock_file, os.O_RDWR)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises if the vault is locked
            fcntl.flock(fd, fcntl.LOCK_UN)
            seen.append(True)
        except BlockingIOError:
            seen.append(False)
        finally:
            os.close(fd)
        return real(password, salt, kdf)

    monkeypatch.setattr(storage_vault, "_argon2id", derive)
    opened: list[object] = []
    threads = [
        threading.Thread(target=lambda u=u: opened.append(vault.unlock_user(tmp_path, u, PW)))
        for u in ("admin", "clerk")
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert len(opened) == 2  # two logins at once in one process (Argon2id takes turns)
    # One at a time, so no other login holds the lock legitimately meanwhile.
    seen.clear()
    assert vault.unlock_user(tmp_path, "admin", PW, now=NOW)
    with pytest.raises(vault.VaultError, match="wrong"):
        vault.unlock_user(tmp_path, "clerk", "not the password", now=NOW)
    with pytest.raises(vault.VaultError, match="wrong"):
        vault.unlock_user(tmp_path, "nobody", "not the password", now=NOW)
    assert seen == [True] * 3
    loaded = vault._load(tmp_path)
    assert loaded.failure_log.records[loaded.slot_id("clerk")].count == 1
    assert vault.unlock_user(tmp_path, "clerk", PW, now=NOW + timedelta(seconds=5))
    assert loaded.slot_id("clerk") not in vault._load(tmp_path).failure_log.records
