"""Scan pages in encrypted files of their own beside a SQLCipher store (issue 19).

Real SQLCipher stores and real files: what lies on disk, what a damaged or swapped file does, a
crash between writing a file and committing its row, and stores made before (pages in the
table) opening, exporting and moving their pages into files.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select, text

from desktop.services import scan_storage, scans, session
from desktop.services.context import DeskContext
from desktop.services.errors import StoreDamaged
from desktop.storage import scanfiles, scanrows
from desktop.storage.models import AttachmentRow
from desktop.storage.scanfiles import ORPHAN_AGE, ScanFileDamaged, ScanFileMissing
from tests.conftest import PASSWORD, MovableClock
from tests.storage.backup_helpers import add_scan, add_table_scan, pages
from tests.storage.fixtures import make_stores

ROOT = Path(__file__).resolve().parents[2]


def _jpeg() -> bytes:
    """A real JPEG page with an IIN in its comment: neither may be found in a file on disk."""
    from PIL import Image

    out = io.BytesIO()
    Image.effect_noise((160, 160), 60).save(
        out, "JPEG", dpi=(300, 300), comment=b"IIN 850101300123"
    )
    return out.getvalue()


PAGE = _jpeg()


def _files(ctx: DeskContext) -> list[Path]:
    return sorted(ctx.store.paths.scans.rglob("*.qscan"))


def _row(ctx: DeskContext) -> tuple[int, bytes, str | None]:
    with ctx.store.engine.connect() as conn:
        aid, data, name = conn.execute(
            text("SELECT id, data, scan_file FROM attachments ORDER BY id DESC LIMIT 1")
        ).one()
    return aid, bytes(data), name


def test_a_new_page_is_an_encrypted_file_and_reads_back(admin: DeskContext) -> None:
    add_scan(admin, 1, PAGE)
    (path,) = _files(admin)
    aid, in_table, name = _row(admin)
    assert name == path.name and in_table == b""
    raw = path.read_bytes()
    assert raw.startswith(scanfiles.MAGIC)
    assert b"JFIF" not in raw and b"850101300123" not in raw and PAGE[-64:] not in raw
    assert len(raw) == len(PAGE) + scanfiles.OVERHEAD
    assert path.stat().st_mode & 0o077 == 0 and path.parent.stat().st_mode & 0o077 == 0
    assert scans.page_data(admin, 1, aid).data == PAGE
    (doc,) = scans.list_documents(admin, 1)
    assert doc.pages[0].size_bytes == len(PAGE)


def test_a_damaged_swapped_or_missing_file_is_named(admin: DeskContext) -> None:
    add_scan(admin, 1, PAGE)
    add_scan(admin, 2, b"another page" + os.urandom(5000))
    with admin.store.engine.connect() as conn:
        first, second = conn.execute(
            text("SELECT id, scan_file FROM attachments WHERE scan_file IS NOT NULL ORDER BY id")
        ).all()
    files = scanfiles.scan_files_of(admin.store.engine.dialect)
    assert files is not None
    path_1, path_2 = files.path(first[1]), files.path(second[1])
    good_1, good_2 = path_1.read_bytes(), path_2.read_bytes()

    # One flipped bit.
    path_1.write_bytes(good_1[:100] + bytes([good_1[100] ^ 1]) + good_1[101:])
    with pytest.raises(StoreDamaged, match="does not open"):
        scans.page_data(admin, 1, first[0])
    # The other page's (valid) file put in its place.
    path_1.write_bytes(good_2)
    with pytest.raises(StoreDamaged, match="swapped"):
        scans.page_data(admin, 1, first[0])
    # The store's integrity check names it too.
    (problem,) = admin.store.integrity()
    assert problem.startswith(f"page {first[0]}:") and "does not open" in problem
    # Missing.
    path_1.unlink()
    with pytest.raises(StoreDamaged, match="missing"):
        scans.page_data(admin, 1, first[0])
    path_1.write_bytes(good_1)
    assert scans.page_data(admin, 1, first[0]).data == PAGE
    assert admin.store.integrity() == ["ok"]
    # At the level of the files: a file sealed for one page does not open as another page.
    with pytest.raises(ScanFileDamaged):
        files.open(second[1], good_1, hashlib.sha256(PAGE).hexdigest())
    with pytest.raises(ScanFileMissing):
        files.read(scanfiles.new_name(), "0" * 64)


def test_a_page_read_into_a_buffer_is_the_page_and_fails_as_read_does(
    admin: DeskContext,
) -> None:
    """``read_into`` (the export's encrypting threads) gives the bytes ``read`` gives, in the
    caller's buffer, and refuses a damaged, swapped or missing file the same way."""
    other = b"another page" + os.urandom(5000)
    add_scan(admin, 1, PAGE)
    add_scan(admin, 2, other)
    with admin.store.engine.connect() as conn:
        first, second = conn.execute(
            text(
                "SELECT scan_file, sha256 FROM attachments WHERE scan_file IS NOT NULL ORDER BY id"
            )
        ).all()
    files = scanfiles.scan_files_of(admin.store.engine.dialect)
    assert files is not None
    buffer = bytearray(max(len(PAGE), len(other)) + 100)  # one buffer for both pages
    page = files.read_into(second[0], second[1], buffer)
    assert page.obj is buffer and bytes(page) == other == files.read(second[0], second[1])
    assert bytes(files.read_into(first[0], first[1], buffer)) == PAGE
    assert files.size(first[0]) == len(PAGE)
    with pytest.raises(ValueError, match="more than"):
        files.read_into(second[0], second[1], bytearray(len(other) - 1))

    path_1 = files.path(first[0])
    good_1 = path_1.read_bytes()
    path_1.write_bytes(good_1[:100] + bytes([good_1[100] ^ 1]) + good_1[101:])
    with pytest.raises(ScanFileDamaged, match="does not open"):
        files.read_into(first[0], first[1], buffer)
    path_1.write_bytes(files.path(second[0]).read_bytes())
    with pytest.raises(ScanFileDamaged, match="swapped"):
        files.read_into(first[0], first[1], buffer)
    path_1.write_bytes(good_1[:10])
    with pytest.raises(ScanFileDamaged, match="not a Qonys scan file"):
        files.read_into(first[0], first[1], buffer)
    path_1.unlink()
    with pytest.raises(ScanFileMissing):
        files.read_into(first[0], first[1], buffer)


def test_replacing_and_deleting_pages_removes_their_files(admin: DeskContext) -> None:
    add_scan(admin, 1, PAGE)
    aid, _, old = _row(admin)
    new_page = scans.StoredPage(_jpeg(), "image/jpeg", 160, 160, 300)
    scans.replace_page(admin, 1, aid, new_page)
    names = [p.name for p in _files(admin)]
    assert old not in names and len(names) == 1
    assert scans.page_data(admin, 1, aid).data == new_page.data
    scans.delete_page(admin, 1, aid)
    assert _files(admin) == []


def test_a_rolled_back_page_leaves_no_file(admin: DeskContext) -> None:
    with admin.uow() as uow:
        uow.attachments.add(
            AttachmentRow(case_id=1, item_key="x", document_id="d", page_no=1, mime="image/jpeg",
                          width=1, height=1, data=PAGE, created_at=admin.now(), created_by=None)
        )  # fmt: skip
        assert len(_files(admin)) == 1  # durable before the commit
    assert _files(admin) == []  # left without commit: rolled back


CRASHING_WRITER = """
import os, sys
from sqlalchemy import event
from sqlalchemy.orm import Session
from desktop.services import session
from tests.conftest import PASSWORD
from tests.storage.backup_helpers import add_scan

from pathlib import Path
ctx = session.login(Path(sys.argv[1]), "admin", PASSWORD)
add_scan(ctx, 1, b"committed page")
event.listen(Session, "after_flush", lambda *a: os._exit(3))  # the power goes before COMMIT
add_scan(ctx, 1, b"never committed")
"""


def test_a_crash_between_file_and_commit_loses_nothing_and_the_orphan_is_swept(
    demo_dir: Path, clock: MovableClock
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CRASHING_WRITER, str(demo_dir)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert done.returncode == 3
    ctx = session.login(demo_dir, "admin", PASSWORD, clock=clock)
    try:
        assert [p[-1] for p in pages(ctx)] == [hashlib.sha256(b"committed page").hexdigest()]
        assert len(_files(ctx)) == 2  # the orphan is young: it may be a live transaction's
        with ctx.store.reader() as uow:
            named = set(uow.session.scalars(select(AttachmentRow.scan_file)))
        (orphan,) = [p for p in _files(ctx) if p.name not in named]
    finally:
        ctx.close()
    # An hour later, the next start removes it (on a thread of its own: the login does not wait).
    # (Ages by the file system's clock, which stamps the files: not this process's.)
    hour_ago = orphan.stat().st_mtime - ORPHAN_AGE - 3600
    os.utime(orphan, (hour_ago, hour_ago))
    ctx = session.login(demo_dir, "admin", PASSWORD, clock=clock)
    try:
        for _ in range(300):
            if not orphan.exists():
                break
            time.sleep(0.1)
        assert not orphan.exists()
        (kept,) = _files(ctx)
        assert kept.name in named
        assert [p[-1] for p in pages(ctx)] == [hashlib.sha256(b"committed page").hexdigest()]
    finally:
        ctx.close()


def test_no_file_is_removed_while_a_backup_holds_them(admin: DeskContext) -> None:
    add_scan(admin, 1, PAGE)
    aid, _, _ = _row(admin)
    files = scanfiles.scan_files_of(admin.store.engine.dialect)
    assert files is not None
    with files.held():
        scans.delete_page(admin, 1, aid)
        assert len(_files(admin)) == 1  # left for the sweep
    assert scanrows.sweep(admin.store.session_factory) == 0  # young
    assert files.sweep(set(), now=time.time() + ORPHAN_AGE + 60) == 1


def test_pages_in_the_table_read_and_move_into_files(admin: DeskContext) -> None:
    table_pages = [os.urandom(20_000 + i) for i in range(5)]
    for i, page in enumerate(table_pages):
        add_table_scan(admin, 1 + i % 2, page, page=i + 1)
    add_scan(admin, 3, PAGE)
    before = pages(admin)
    assert scan_storage.describe(admin).pages_in_table == 5
    assert len(_files(admin)) == 1
    # Interrupted after two batches of two: the rest stay in the table, nothing is lost.
    calls = 0

    def stop(done: int, total: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        scanrows.move_to_files(admin.store.session_factory, batch=2, progress=stop)
    assert scan_storage.describe(admin).pages_in_table == 1
    assert pages(admin) == before
    result = scan_storage.move_to_files(admin)
    assert (result.moved, scan_storage.describe(admin).pages_in_table) == (1, 0)
    assert len(_files(admin)) == 6
    assert pages(admin) == before
    with admin.store.engine.connect() as conn:
        assert (
            conn.execute(text("SELECT count(*) FROM attachments WHERE length(data) > 0")).scalar()
            == 0
        )


def test_a_move_asked_to_stop_keeps_what_it_moved_and_continues_later(
    admin: DeskContext,
) -> None:
    for i in range(3):
        add_table_scan(admin, 1, os.urandom(10_000 + i), page=i + 1)
    before = pages(admin)
    asked: list[int] = []

    def stop_after_one_batch() -> bool:
        asked.append(1)
        return len(asked) > 1

    moved = scanrows.move_to_files(
        admin.store.session_factory, batch=2, should_stop=stop_after_one_batch
    )
    assert moved == 2 and scan_storage.describe(admin).pages_in_table == 1
    result = scan_storage.move_to_files(admin, should_stop=lambda: True)
    assert (result.moved, result.swept, result.stopped) == (0, 0, True)
    result = scan_storage.move_to_files(admin)
    assert (result.moved, result.stopped) == (1, False)
    assert pages(admin) == before and len(_files(admin)) == 3


def test_a_kept_store_with_pages_in_its_table_opens_exports_and_moves(
    tmp_path: Path, clock: MovableClock
) -> None:
    from desktop.services import exchange

    data_dir = tmp_path / "store"
    shutil.copytree(make_stores.store_dir("0012_search_keys"), data_dir)
    ctx = session.login(data_dir, "admin", PASSWORD, clock=clock)
    try:
        before = pages(ctx)
        assert len(before) == 1 and not ctx.store.paths.scans.exists()
        (case_id,) = {p[1] for p in before}
        (doc,) = scans.list_documents(ctx, case_id)
        assert doc.pages[0].size_bytes > 0
        out = tmp_path / "out"
        out.mkdir()
        exchange.export(ctx, out, include_stages=True)  # reads the page out of the table
        assert scan_storage.move_to_files(ctx).moved == 1
        assert pages(ctx) == before and len(_files(ctx)) == 1
        assert scans.page_data(ctx, case_id, before[0][0]).data
    finally:
        ctx.close()


def test_the_store_scans_command_moves_the_pages_and_says_so(
    demo_dir: Path,
    clock: MovableClock,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from desktop import cli

    ctx = session.login(demo_dir, "admin", PASSWORD, clock=clock)
    try:
        add_table_scan(ctx, 1, os.urandom(40_000))
        add_table_scan(ctx, 2, os.urandom(50_000))
        before = pages(ctx)
    finally:
        ctx.close()
    monkeypatch.setenv("QONYS_PASSWORD", PASSWORD)
    argv = ["--data-dir", str(demo_dir), "--officer", "admin", "store", "scans"]
    assert cli.main(argv) == 0
    said = capsys.readouterr().out
    assert "2 pages (0.1 MB) in the table" in said and "Moved 2 pages into files" in said
    assert cli.main(argv) == 0  # again: nothing left to move
    assert "Moved 0 pages" in capsys.readouterr().out
    ctx = session.login(demo_dir, "admin", PASSWORD, clock=clock)
    try:
        assert pages(ctx) == before and len(_files(ctx)) == 2
    finally:
        ctx.close()


def test_a_table_page_without_digest_moves_into_a_file_when_its_row_changes(
    admin: DeskContext,
) -> None:
    page = os.urandom(30_000)
    add_table_scan(admin, 1, page)
    aid, _, _ = _row(admin)
    with admin.uow() as uow:  # as revisions before 0005 stored it: no digest
        uow.session.execute(text("UPDATE attachments SET sha256 = NULL WHERE id = :i"), {"i": aid})
        uow.commit()
    with admin.uow() as uow:
        row = uow.attachments.get(aid)
        assert row is not None and row.sha256 is None
        row.page_no = 2
        uow.commit()
    _, in_table, name = _row(admin)
    assert in_table == b"" and name is not None
    with admin.store.reader() as uow:
        row = uow.attachments.get(aid)
        assert row is not None and row.sha256 == hashlib.sha256(page).hexdigest()
        assert row.data == page


def test_the_export_reads_file_and_table_pages_ahead_in_order(admin: DeskContext) -> None:
    """The export's prefetcher hands pages over in growing batches (a scan file's page as a
    ``package.Deferred``, a table page as its bytes, which ends a batch so few wait in
    memory): every page comes in the order asked, with its digest; a page gone from the
    store is raised in its turn."""
    from desktop.services.exchange.prefetch import Prefetcher
    from desktop.sync.package import Deferred

    contents = [b"file page %d " % n * 300 for n in range(150)]
    for n, data in enumerate(contents):
        (add_table_scan if n % 50 == 7 else add_scan)(admin, 1 + n % 3, data, n + 1)
    with admin.store.engine.connect() as conn:
        ids = [aid for (aid,) in conn.execute(text("SELECT id FROM attachments ORDER BY id"))]
    prefetch = Prefetcher(admin.store.engine, [*ids, 10**9])
    try:
        for n, aid in enumerate(ids):
            page = prefetch.get(aid)
            if n % 50 == 7:
                assert isinstance(page, bytes)
            else:
                assert isinstance(page, Deferred) and page.size == len(contents[n])
                page = page.read()
            assert page == contents[n]
            assert prefetch.digest(aid) == hashlib.sha256(contents[n]).hexdigest()
        with pytest.raises(LookupError, match="gone"):
            prefetch.get(10**9)
    finally:
        prefetch.close()
