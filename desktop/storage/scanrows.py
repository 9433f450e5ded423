"""The attachment rows' side of the scan files (issue 19; the files: `scanfiles`).

`AttachmentRow.data` stays what callers read and assign, for both kinds of store. On a store
whose engine carries `ScanFiles` (SQLCipher), the session hook below moves the bytes of every
page added or replaced into a new file when the session flushes — the file is durable before
the transaction that names it commits — and removes the files of replaced and deleted pages
after the commit (a rolled back transaction removes the files it wrote). Rows stored before
(bytes in `attachments.data`, `scan_file` NULL) read as before; `move_to_files` moves them out
in small, resumable transactions. A PostgreSQL store has no ScanFiles: its pages stay sealed
in their column.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import event, func, select, update
from sqlalchemy.orm import Session, object_session

from desktop.storage.models import AttachmentRow
from desktop.storage.scanfiles import ScanFileError, ScanFiles, new_name, scan_files_of

log = logging.getLogger(__name__)
_WRITTEN = "qonys_scan_files_written"  # session.info: files written by this transaction
_RETIRED = "qonys_scan_files_retired"  # session.info: files to remove once it commits
_PLAIN = "_qonys_plain"  # a row's opened page, kept with the row (name, bytes)
BATCH = 32  # pages moved per transaction by move_to_files (~32 MB: a short write lock)


def files_of_session(session: Session) -> ScanFiles | None:
    bind = session.get_bind()
    return scan_files_of(bind.dialect)


def read_row(row: AttachmentRow) -> bytes:
    """The page of a row whose bytes are in a file (opened once per row object)."""
    name = row.scan_file
    assert name is not None
    kept = row.__dict__.get(_PLAIN)
    if kept is not None and kept[0] == name:
        return kept[1]  # type: ignore[no-any-return]
    session = object_session(row)
    files = files_of_session(session) if session is not None else None
    if files is None:
        raise RuntimeError("a scan page's file is read outside its store's session")
    data = files.read(name, row.sha256 or "")
    row.__dict__[_PLAIN] = (name, data)
    return data


def forget(row: AttachmentRow) -> None:
    row.__dict__.pop(_PLAIN, None)


def page_size(session: Session, row: AttachmentRow, stored_length: int | None) -> int:
    if row.scan_file is None:
        return stored_length or 0
    files = files_of_session(session)
    return files.size(row.scan_file) if files is not None else 0


@event.listens_for(Session, "before_flush")
def _to_files(session: Session, _context: Any, _instances: Any) -> None:
    pending = [o for o in (*session.new, *session.dirty) if isinstance(o, AttachmentRow)]
    deleted = [o for o in session.deleted if isinstance(o, AttachmentRow)]
    if not pending and not deleted:
        return
    files = files_of_session(session)
    if files is None:
        return
    from sqlalchemy import inspect

    retired: list[str] = session.info.setdefault(_RETIRED, [])
    written: list[str] = session.info.setdefault(_WRITTEN, [])
    for row in deleted:
        old = inspect(row).attrs.scan_file.loaded_value
        if isinstance(old, str):
            retired.append(old)
    for row in pending:
        state = inspect(row)
        history = state.attrs.scan_file.history
        retired.extend(n for n in history.deleted if isinstance(n, str))
        if row.scan_file is not None or not row.stored:
            continue  # unchanged page, or an empty one
        name = new_name()
        page = bytes(row.stored)
        if row.sha256 is None:  # a page stored before revision 0005, moved as it is renumbered
            row.sha256 = hashlib.sha256(page).hexdigest()
        files.write(name, page, row.sha256)
        written.append(name)
        row.scan_file = name
        row.stored = b""
        row.__dict__[_PLAIN] = (name, page)


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    session.info.pop(_WRITTEN, None)
    retired = session.info.pop(_RETIRED, None)
    if retired:
        files = files_of_session(session)
        if files is not None:
            files.remove(retired)


@event.listens_for(Session, "after_transaction_end")
def _ended(session: Session, transaction: Any) -> None:
    # After a commit (see above) nothing is left; otherwise the transaction was rolled back or
    # closed (a unit of work left without commit): its files are named by no row.
    if transaction.parent is not None:
        return  # a savepoint
    session.info.pop(_RETIRED, None)
    written = session.info.pop(_WRITTEN, None)
    if written:
        files = files_of_session(session)
        if files is not None:
            files.remove(written)  # during a backup: left to the sweep


# --- stores made before: pages in the table ----------------------------------------------------


def in_table(session: Session) -> tuple[int, int]:
    """(pages, bytes) still kept in `attachments.data`."""
    count, size = session.execute(
        select(func.count(), func.coalesce(func.sum(func.length(AttachmentRow.stored)), 0)).where(
            AttachmentRow.scan_file.is_(None), func.length(AttachmentRow.stored) > 0
        )
    ).one()
    return int(count), int(size)


def move_to_files(
    session_factory: Callable[[], Session],
    *,
    batch: int = BATCH,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> int:
    """Move every page kept in the table into its file; return how many moved.

    `should_stop()` is asked before each batch: true, the pages moved so far stay moved and
    the rest stay in the table for the next run.

    Each batch is one transaction: the files are written (durably) first, then the rows name
    them and their column is emptied in one commit. Interrupted at any point, nothing is lost:
    a batch not committed leaves its rows as they were and its files to the sweep; running
    again continues with the pages still in the table.
    """
    with session_factory() as session:
        total, _ = in_table(session)
        if files_of_session(session) is None:
            return 0
    moved = 0
    while should_stop is None or not should_stop():
        with session_factory() as session, session.begin():
            files = files_of_session(session)
            assert files is not None
            rows = session.execute(
                select(AttachmentRow.id, AttachmentRow.stored, AttachmentRow.sha256)
                .where(AttachmentRow.scan_file.is_(None), func.length(AttachmentRow.stored) > 0)
                .order_by(AttachmentRow.id)
                .limit(batch)
            ).all()
            if not rows:
                return moved
            for aid, data, digest in rows:
                page = bytes(data)
                if digest is None:  # stored before revision 0005
                    digest = hashlib.sha256(page).hexdigest()
                name = new_name()
                files.write(name, page, digest)
                session.info.setdefault(_WRITTEN, []).append(name)
                session.execute(
                    update(AttachmentRow)
                    .where(AttachmentRow.id == aid)
                    .values(scan_file=name, stored=b"", sha256=digest)
                )
            moved += len(rows)
        if progress is not None:
            progress(moved, total)
    return moved


def sweep(session_factory: Callable[[], Session]) -> int:
    """Remove orphan scan files (see `ScanFiles.sweep`); how many were removed."""
    with session_factory() as session:
        files = files_of_session(session)
        if files is None or not files.root.is_dir():
            return 0
        named = set(
            session.scalars(
                select(AttachmentRow.scan_file).where(AttachmentRow.scan_file.is_not(None))
            )
        )
    return files.sweep({n for n in named if n is not None})


def sweep_in_background(session_factory: Callable[[], Session]) -> threading.Thread:
    """`sweep` on a thread of its own: a store of many pages lists them all, which the login
    does not wait for. Whatever goes wrong is logged (the next start sweeps again)."""

    def run() -> None:
        try:
            removed = sweep(session_factory)
        except Exception as exc:  # noqa: BLE001 - the thread's top; a store closed meanwhile
            log.info("scan file sweep skipped (%s)", type(exc).__name__)
            return
        if removed:
            log.info("removed %d orphan scan files", removed)

    thread = threading.Thread(target=run, name="scan-sweep", daemon=True)
    thread.start()
    return thread


def check_files(session_factory: Callable[[], Session]) -> list[str]:
    """Every scan file a row names: there, and opening (bound to its row); the problems found."""
    with session_factory() as session:
        files = files_of_session(session)
        if files is None:
            return []
        named = session.execute(
            select(AttachmentRow.id, AttachmentRow.scan_file, AttachmentRow.sha256).where(
                AttachmentRow.scan_file.is_not(None)
            )
        ).all()
    problems = []
    for aid, name, digest in named:
        if name is None:
            continue
        try:
            files.read(name, digest or "")
        except ScanFileError as exc:
            problems.append(f"page {aid}: {exc}")
    return problems
