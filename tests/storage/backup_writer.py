"""Child process for the backup test: keeps committing cases with a scan each, reporting ids,
and checkpointing the write-ahead log every third commit."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from desktop.domain.questionnaire import Questionnaire
from desktop.services import cases, session
from tests.conftest import PASSWORD
from tests.storage.backup_helpers import add_scan


def main() -> None:
    data_dir = Path(sys.argv[1])
    ctx = session.login(data_dir, "admin", PASSWORD)
    n = 0
    while True:
        n += 1
        try:
            saved = cases.create_draft(ctx, Questionnaire(surname="Сынақов", name=f"Ерлан{n}"))
        except IntegrityError:
            # The backup's own bookkeeping took the next audit entry first: the store refused
            # the duplicate and rolled this draft back whole. A desk would say so; we retry.
            continue
        add_scan(ctx, saved.summary.id, os.urandom(64 * 1024))
        if n % 3 == 0:
            # Copy the log into the database file now and then, as SQLite's automatic
            # checkpoint does: pages change in the database file while a backup copies it
            # (as far as the backup's read transaction lets the checkpoint go).
            with ctx.store.engine.connect() as conn:
                raw = conn.connection.driver_connection
                assert raw is not None
                raw.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        print(saved.summary.id, flush=True)


if __name__ == "__main__":
    main()
