"""The store's SQLCipher page format, and the digest each scanned page keeps."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import sqlcipher3
from sqlalchemy import select

from desktop.services import backup as backup_service
from desktop.services import session
from desktop.storage.engine import HMAC_ALGORITHM, key_pragmas, sqlcipher_engine
from desktop.storage.models import AttachmentRow, CaseRow
from tests.conftest import PASSWORD


def _opens_with(path: Path, key: bytes, algorithm: str) -> bool:
    conn = sqlcipher3.dbapi2.connect(str(path))
    try:
        for pragma in key_pragmas(key, algorithm):
            conn.execute(pragma)
        conn.execute("SELECT count(*) FROM sqlite_master")
        return True
    except sqlcipher3.dbapi2.DatabaseError:
        return False
    finally:
        conn.close()


def test_a_new_store_uses_the_sha256_page_hmac(admin: session.DeskContext) -> None:
    db = admin.store.paths.db
    key = admin.store.key
    assert HMAC_ALGORITHM == "HMAC_SHA256"
    assert _opens_with(db, key, "HMAC_SHA256")
    # The setting is really in the file: the SQLCipher default cannot read it.
    assert not _opens_with(db, key, "HMAC_SHA512")


def test_a_store_of_the_older_page_format_opens_and_backs_up(tmp_path: Path) -> None:
    from tests.storage.test_migrations import _store_at_first_revision

    _store_at_first_revision(tmp_path / "old")
    ctx = session.login(tmp_path / "old", "admin", PASSWORD)
    try:
        out = backup_service.backup_store(ctx, tmp_path / "old.qonys-backup").path
        key = bytearray(ctx.store.key)
    finally:
        ctx.close()
    restored = tmp_path / "restored"
    backup_service.restore_backup(out, restored, key, actor="admin", check_integrity=True)
    copy = restored / "qonys.db"
    # The backup keeps the store's own page format: the pages are copied, not rewritten.
    assert _opens_with(copy, key, "HMAC_SHA512")
    engine = sqlcipher_engine(copy, key, hmac_algorithm="HMAC_SHA512")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT number FROM cases").scalar() == "KZ-OLD-2025-00001"
    engine.dispose()


def test_an_unknown_page_hmac_is_refused() -> None:
    with pytest.raises(ValueError, match="HMAC"):
        key_pragmas(b"\0" * 32, "HMAC_MD5")


def test_a_page_keeps_the_digest_of_its_bytes(admin: session.DeskContext) -> None:
    first, second = b"\xff\xd8 page one", b"\xff\xd8 page one, rescanned"
    with admin.uow() as uow:
        case_id = uow.session.scalars(select(CaseRow.id).limit(1)).one()
        row = AttachmentRow(
            case_id=case_id,
            item_key="passport",
            document_id="d1",
            page_no=1,
            mime="image/jpeg",
            width=1,
            height=1,
            data=first,
            created_at=admin.now(),
            created_by=None,
            note="",
        )
        uow.attachments.add(row)
        uow.commit()
        att_id = row.id
    with admin.uow() as uow:
        stored = uow.session.get(AttachmentRow, att_id)
        assert stored is not None
        assert stored.sha256 == hashlib.sha256(first).hexdigest()
        stored.data = second  # a rescan replaces the bytes: the digest follows
        uow.commit()
    with admin.uow() as uow:
        stored = uow.session.get(AttachmentRow, att_id)
        assert stored is not None
        assert stored.sha256 == hashlib.sha256(second).hexdigest()
