"""Issue 15: the Department's SQLite store runs on the mission's SQLCipher engine."""

from __future__ import annotations

from pathlib import Path

import sqlcipher3
from sqlalchemy import select

from desktop.department.service import Department
from desktop.department.store import DB_NAME, AuditEntry
from desktop.storage.engine import HMAC_ALGORITHM, detect_hmac_algorithm

PW = "department-engine-pw"


def _to_sha512_pages(path: Path, key: bytes) -> None:
    """Rewrite the file in the page format the Department's own engine made before issue 15
    (SQLCipher 4's defaults: no `cipher_hmac_algorithm`, so HMAC-SHA512)."""
    legacy = path.with_name("legacy.db")
    conn = sqlcipher3.dbapi2.connect(str(path))
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("PRAGMA cipher_hmac_algorithm = HMAC_SHA256")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute(f"ATTACH DATABASE '{legacy}' AS legacy KEY \"x'{key.hex()}'\"")
        conn.execute("SELECT sqlcipher_export('legacy')")
        conn.execute("DETACH DATABASE legacy")
    finally:
        conn.close()
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    legacy.replace(path)


def test_a_new_store_has_the_mission_page_format(tmp_path: Path) -> None:
    dep = Department.init(tmp_path, {"admin": PW})
    key = dep.master.database_key
    dep.close()
    assert detect_hmac_algorithm(tmp_path / DB_NAME, key) == HMAC_ALGORITHM


def test_a_store_made_with_the_old_page_format_keeps_opening(tmp_path: Path) -> None:
    dep = Department.init(tmp_path, {"admin": PW})
    key = dep.master.database_key
    dep.close()
    _to_sha512_pages(tmp_path / DB_NAME, key)
    assert detect_hmac_algorithm(tmp_path / DB_NAME, key) == "HMAC_SHA512"

    dep = Department.open(tmp_path, "admin", PW)
    try:
        version, _der = dep.trust_list()
        assert version == 1
        dep.set_verifier_base_url("https://verify.example.kz/")
        with dep.uow() as tx:
            actions = [a.action for a in tx.session.scalars(select(AuditEntry))]
        assert actions == ["init", "verifier-url"]
    finally:
        dep.close()
    assert detect_hmac_algorithm(tmp_path / DB_NAME, key) == "HMAC_SHA512"


def test_a_use_case_left_without_commit_changes_nothing(tmp_path: Path) -> None:
    dep = Department.init(tmp_path, {"admin": PW})
    try:
        with dep.uow() as tx:
            dep._audit(tx.session, "never", "not committed")
        with dep.uow() as tx:
            actions = [a.action for a in tx.session.scalars(select(AuditEntry))]
        assert actions == ["init"]
    finally:
        dep.close()
