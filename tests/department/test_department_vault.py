"""Issue 13: the Department's vault names no user and throttles wrong passwords like a mission."""

from __future__ import annotations

import base64
import json
import multiprocessing
import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop.department import vault

PW = "department-vault-pw"
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def _v1_vault(data_dir: Path, users: dict[str, str]) -> bytes:
    """A vault as version 1 wrote it: slots under the users' plain names."""
    master = secrets.token_bytes(32)
    slots = {}
    for user, password in users.items():
        salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
        key = vault._derive(password, salt, vault.KDF)
        wrapped = AESGCM(key).encrypt(nonce, master, f"{vault.FORMAT}/1/{user}".encode())
        slots[user] = {
            "salt": base64.b64encode(salt).decode(),
            "nonce": base64.b64encode(nonce).decode(),
            "wrapped": base64.b64encode(wrapped).decode(),
        }
    doc = {"format": vault.FORMAT, "version": 1, "kdf": vault.KDF, "slots": slots}
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / vault.VAULT_NAME).write_text(json.dumps(doc))
    return master


def _text(data_dir: Path) -> str:
    return (data_dir / vault.VAULT_NAME).read_text()


def test_slots_are_named_by_hmac_not_by_login(tmp_path: Path) -> None:
    master = vault.create(tmp_path, {"aigerim.s": PW, "bolat.k": PW})
    assert "aigerim" not in _text(tmp_path) and "bolat" not in _text(tmp_path)
    assert vault.unlock_user(tmp_path, "bolat.k", PW, now=NOW).master == master
    with pytest.raises(vault.VaultError, match="several users share this store"):
        vault.unlock(tmp_path, None, PW, now=NOW)


def test_a_version_1_vault_loses_its_plain_names_at_the_first_unlock(tmp_path: Path) -> None:
    master = _v1_vault(tmp_path, {"aigerim.s": PW, "bolat.k": PW + "2"})
    assert "aigerim.s" in _text(tmp_path)  # what version 1 left in the file
    opened = vault.unlock_user(tmp_path, "aigerim.s", PW, now=NOW)
    assert opened.master.key == master and opened.user == "aigerim.s"
    assert "aigerim" not in _text(tmp_path) and "bolat" not in _text(tmp_path)
    # Both still open: the other user's slot keeps its old sealing until they unlock.
    assert vault.unlock(tmp_path, "bolat.k", PW + "2", now=NOW).key == master
    assert vault.unlock(tmp_path, "aigerim.s", PW, now=NOW).key == master


def test_a_one_user_vault_opens_without_the_name(tmp_path: Path) -> None:
    master = _v1_vault(tmp_path, {"admin": PW})
    assert vault.unlock_user(tmp_path, None, PW, now=NOW).user == "admin"
    assert "admin" not in _text(tmp_path)
    opened = vault.unlock_user(tmp_path, None, PW, now=NOW)
    assert (opened.master.key, opened.user) == (master, "admin")


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
    assert not vault.unlock_user(tmp_path, "admin", PW, now=later + timedelta(seconds=302)).record_altered
