"""The store on disk: encrypted, ours, intact after faults, free of personal data in clear."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import sqlcipher3

from desktop.services import cases, session
from desktop.services.errors import StoreDamaged, StoreMissing, WrongCredentials
from desktop.storage.store import DB_FILE, VAULT_FILE
from tests.conftest import PASSWORD, MovableClock


def test_plain_sqlite_cannot_read_the_store(demo_dir: Path) -> None:
    conn = sqlite3.connect(demo_dir / DB_FILE)
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
    conn.close()


def test_sqlcipher_with_a_wrong_key_cannot_read_it(demo_dir: Path) -> None:
    conn = sqlcipher3.connect(str(demo_dir / DB_FILE))
    conn.execute("PRAGMA key = \"x'" + "00" * 32 + "'\"")
    with pytest.raises(sqlcipher3.DatabaseError):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
    conn.close()


def test_no_personal_data_in_clear_under_the_data_dir(demo_dir: Path, admin: object) -> None:
    ctx = session.login(demo_dir, "officer", PASSWORD)
    try:
        rows = cases.list_cases(ctx, limit=1000)
        details = [cases.get_case(ctx, r.id).questionnaire for r in rows[:10]]
    finally:
        ctx.close()
    needles: set[str] = set()
    for r in rows:
        needles.update({r.surname, r.iin, r.name + " " + r.patronymic})
    for q in details:
        needles.add(q.contacts.phone)
        needles.update(c.full_name for c in q.children)
    needles.discard("")
    files = [p for p in demo_dir.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {DB_FILE, VAULT_FILE}
    for path in files:
        blob = path.read_bytes()
        for needle in needles:
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                assert needle.encode(encoding) not in blob, f"{needle!r} in clear in {path.name}"
            # JSON's \\u escapes as the ORM writes them must not appear either
            assert json.dumps(needle).encode() not in blob


def test_vault_names_no_officer(demo_dir: Path) -> None:
    text = (demo_dir / VAULT_FILE).read_text()
    for login in ("admin", "officer", "consul"):
        assert login not in text


def test_wrong_password_is_refused_and_changes_nothing(demo_dir: Path, clock: MovableClock) -> None:
    vault_before = (demo_dir / VAULT_FILE).read_bytes()
    db_before = (demo_dir / DB_FILE).read_bytes()
    with pytest.raises(WrongCredentials):
        session.login(demo_dir, "officer", "not the password", clock=clock)
    assert (demo_dir / DB_FILE).read_bytes() == db_before
    # Only the failure counter of the vault changed; the slots are the same.
    before, after = json.loads(vault_before), json.loads((demo_dir / VAULT_FILE).read_bytes())
    assert before["slots"] == after["slots"]
    assert len(after["failures"]["slots"]) == 1
    assert after["failures"]["total"] == before["failures"]["total"] + 1


def test_unknown_login_is_the_same_message(demo_dir: Path) -> None:
    with pytest.raises(WrongCredentials):
        session.login(demo_dir, "nobody", PASSWORD)


def test_a_foreign_file_is_reported_as_damaged(tmp_path: Path, demo_dir: Path) -> None:
    (demo_dir / DB_FILE).write_bytes(b"SQLite format 3\0" + b"\x00" * 4080)
    with pytest.raises(StoreDamaged):
        session.login(demo_dir, "admin", PASSWORD)


def test_a_damaged_vault_is_reported(demo_dir: Path) -> None:
    (demo_dir / VAULT_FILE).write_text("{not json")
    with pytest.raises(StoreDamaged):
        session.login(demo_dir, "admin", PASSWORD)


def test_a_missing_store_is_reported(tmp_path: Path) -> None:
    with pytest.raises(StoreMissing):
        session.login(tmp_path / "empty", "admin", PASSWORD)


def test_store_from_another_store_s_vault_does_not_open(tmp_path: Path, demo_dir: Path) -> None:
    from desktop.services import demo

    other = tmp_path / "other"
    demo.create_demo(other, cases=1, seed=2, password=PASSWORD, kdf=session.KdfParams(1024, 1, 1))
    (demo_dir / VAULT_FILE).write_bytes((other / VAULT_FILE).read_bytes())
    with pytest.raises(StoreDamaged):
        session.login(demo_dir, "admin", PASSWORD)


def test_integrity_check_passes(admin: session.DeskContext) -> None:
    assert admin.store.integrity() == ["ok"]
