"""Issue 15: the Department's SQLite store runs on the mission's SQLCipher engine."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from desktop.department.service import Department
from desktop.department.store import DB_NAME, AuditEntry
from desktop.storage.engine import HMAC_ALGORITHM, detect_hmac_algorithm
from tests.legacy_pages import to_sha512_pages

PW = "department-engine-pw"


def test_a_new_store_has_the_mission_page_format(tmp_path: Path) -> None:
    dep = Department.init(tmp_path, {"admin": PW})
    key = dep.master.database_key
    dep.close()
    assert detect_hmac_algorithm(tmp_path / DB_NAME, key) == HMAC_ALGORITHM


def test_a_store_made_with_the_old_page_format_keeps_opening(tmp_path: Path) -> None:
    dep = Department.init(tmp_path, {"admin": PW})
    key = dep.master.database_key
    dep.close()
    to_sha512_pages(tmp_path / DB_NAME, key)
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
