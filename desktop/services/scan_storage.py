"""Where a store keeps its scan pages, and moving old pages into files (issue 19).

A SQLCipher store made before revision 0013 kept every page in its table; new pages go to
files of their own (`storage/scanfiles.py`), which an export reads eight to ten times faster.
`move_to_files` moves the old ones, in small transactions that survive an interruption
(`qonys store scans`); a PostgreSQL store keeps its pages sealed in their column.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from desktop.services.context import DeskContext, Role
from desktop.storage import scanrows

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ScanStorage:
    in_files: bool  # new pages go to files (a SQLCipher store)
    pages_in_table: int
    bytes_in_table: int


def describe(ctx: DeskContext) -> ScanStorage:
    with ctx.store.reader() as uow:
        pages, size = scanrows.in_table(uow.session)
        in_files = scanrows.files_of_session(uow.session) is not None
    return ScanStorage(in_files, pages, size)


@dataclass(frozen=True, slots=True)
class MoveResult:
    moved: int
    swept: int  # orphan files removed (pages whose transaction never committed)
    stopped: bool = False  # asked to stop before every page was moved


def move_to_files(
    ctx: DeskContext,
    progress: Callable[[int, int], None] | None = None,
    *,
    should_stop: Callable[[], bool] | None = None,
) -> MoveResult:
    """Move every page still kept in the table into its file; then sweep orphan files.

    `progress(moved, total)` follows each committed transaction; `should_stop()` is asked
    before each one (the desk's Cancel, its window closed): stopped, the pages moved so far
    stay moved, the sweep is left to the next run, and `stopped` says so."""
    ctx.require(Role.ADMIN, "move scan pages into files")
    moved = scanrows.move_to_files(
        ctx.store.session_factory, progress=progress, should_stop=should_stop
    )
    if should_stop is not None and should_stop():
        log.info("scan pages moved into files: %d (stopped)", moved)
        return MoveResult(moved, 0, stopped=True)
    swept = scanrows.sweep(ctx.store.session_factory)
    log.info("scan pages moved into files: %d (orphan files removed: %d)", moved, swept)
    return MoveResult(moved, swept)
