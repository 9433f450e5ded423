from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from desktop.storage.vault import KdfParams, Vault, VaultError, WrongPassword, new_data_key
from tests.conftest import FAST_KDF


def test_password_slots_unwrap_the_same_key() -> None:
    key = new_data_key()
    vault = Vault.new()
    vault.set_password("admin", "one password", key, FAST_KDF)
    vault.set_password("officer", "another one", key, FAST_KDF)
    again = Vault.from_bytes(vault.to_bytes())
    assert again.unwrap("admin", "one password") == key
    assert again.unwrap("OFFICER ", "another one") == key
    with pytest.raises(WrongPassword):
        again.unwrap("admin", "another one")
    assert again.remove("officer")
    with pytest.raises(WrongPassword):
        again.unwrap("officer", "another one")


def test_slot_cannot_be_moved_to_another_login() -> None:
    key = new_data_key()
    vault = Vault.new()
    vault.set_password("admin", "pw-admin-1", key, FAST_KDF)
    doc = json.loads(vault.to_bytes())
    [slot] = doc["slots"].values()
    doc["slots"] = {vault.slot_id("intruder"): slot}
    moved = Vault.from_bytes(json.dumps(doc).encode())
    with pytest.raises(WrongPassword):
        moved.unwrap("intruder", "pw-admin-1")


def test_recovery_slot_opens_with_the_department_key() -> None:
    key = new_data_key()
    department = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    vault = Vault.new()
    vault.set_password("admin", "pw-admin-1", key, FAST_KDF)
    vault.set_recovery(department.public_key(), key, "dept-2026")
    again = Vault.from_bytes(vault.to_bytes())
    assert again.unwrap_recovery(department) == key
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with pytest.raises(WrongPassword):
        again.unwrap_recovery(other)


def test_default_kdf_is_argon2id_at_64_mib() -> None:
    vault = Vault.new()
    vault.set_password("admin", "pw-admin-1", new_data_key())
    doc = json.loads(vault.to_bytes())
    [slot] = doc["slots"].values()
    assert slot["kdf"] == "argon2id"
    assert KdfParams.from_dict(slot["params"]) == KdfParams(65536, 3, 4)


@pytest.mark.parametrize(
    "raw", [b"", b"[]", b'{"format": "other"}', b'{"format": "qonys-vault", "version": 9}']
)
def test_bad_vault_files(raw: bytes) -> None:
    with pytest.raises(VaultError):
        Vault.from_bytes(raw)


def test_save_is_atomic_and_private(tmp_path: Path) -> None:
    vault = Vault.new()
    path = tmp_path / "qonys.vault"
    vault.save(path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["qonys.vault"]
