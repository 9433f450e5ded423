"""Issue 13: a version-1 vault (data key only, bare failure counters) is read, and each slot
gains its personal key and audit anchor at its officer's next login."""

from __future__ import annotations

import base64
import json
import secrets
from datetime import UTC, datetime

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop.storage.vault import AuditAnchor, Vault, _derive
from tests.conftest import FAST_KDF

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def _v1_bytes(data_key: bytes, password: str) -> bytes:
    vault = Vault.new()
    sid = vault.slot_id("asel")
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    wrapped = AESGCM(_derive(password, salt, FAST_KDF)).encrypt(
        nonce, data_key, f"qonys-vault/1/{vault.store_id}/{sid}".encode()
    )
    doc = {
        "format": "qonys-vault",
        "version": 1,
        "store_id": vault.store_id,
        "lookup_salt": base64.b64encode(vault.lookup_salt).decode(),
        "slots": {
            sid: {
                "kdf": "argon2id",
                "params": FAST_KDF.to_dict(),
                "salt": base64.b64encode(salt).decode(),
                "nonce": base64.b64encode(nonce).decode(),
                "wrapped": base64.b64encode(wrapped).decode(),
            }
        },
        "recovery": None,
        "failures": {sid: {"count": 3, "last": NOW.isoformat()}},
    }
    return json.dumps(doc).encode()


def test_a_version_1_slot_gains_a_personal_key_and_an_anchor() -> None:
    data_key = secrets.token_bytes(32)
    vault = Vault.from_bytes(_v1_bytes(data_key, "asel-password"))
    assert vault.failure_count("asel") is not None
    assert vault.failure_count("asel").count == 3  # type: ignore[union-attr]
    opened = vault.open_slot("asel", "asel-password")
    assert bytes(opened.data_key) == data_key and opened.personal_key is None
    # Before checkpoints: the record counts as intact (nothing to compare yet).
    assert vault.check_failures(data_key)[0] is True
    personal = vault.reseal(opened, AuditAnchor(41, "ab" * 32))
    vault.seal_failures(data_key, "asel")
    again = Vault.from_bytes(vault.to_bytes())
    assert json.loads(vault.to_bytes())["version"] == 2
    reopened = again.open_slot("asel", "asel-password")
    assert reopened.personal_key == personal and bytes(reopened.data_key) == data_key
    assert reopened.anchor == AuditAnchor(41, "ab" * 32)
    assert again.failure_count("asel") is None and again.check_failures(data_key)[0] is True
