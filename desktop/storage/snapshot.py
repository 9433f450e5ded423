"""The files a backup copies, for either kind of store (issue 21).

A SQLCipher store is frozen in place (`backup.frozen_store`). A PostgreSQL store is first
copied, in one repeatable-read transaction (a consistent picture while the other desks carry
on), into a SQLCipher file beside the desk's data (encrypted with the same data key), verified
table by table, and that file is frozen: a backup of a shared store is an ordinary Qonys
backup, restored into a SQLCipher store and moved back with `qonys store move`.
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

from desktop.storage import backup as container
from desktop.storage import migrate
from desktop.storage.engine import READ_ONLY, sqlcipher_engine
from desktop.storage.store import OpenStore
from desktop.storage.transfer import copy_rows, verify


@contextmanager
def frozen_files(store: OpenStore) -> Iterator[container.StoreFiles]:
    if store.engine.dialect.name != "postgresql":
        with container.frozen_store(store.engine, store.paths.db) as files:
            yield files
        return
    store.paths.ensure_root()
    copy = store.paths.root / f".snapshot-{secrets.token_hex(6)}.db"
    engine = sqlcipher_engine(copy, store.key)
    try:
        migrate.upgrade(engine)
        reader = store.engine.connect().execution_options(
            isolation_level="REPEATABLE READ", **{READ_ONLY: True}
        )
        with reader as source, engine.begin() as dest:
            copy_rows(source, dest)
            verify(source, dest)
        with container.frozen_store(engine, copy) as files:
            yield files
    finally:
        engine.dispose()
        for leftover in (copy, *copy.parent.glob(copy.name + "-*")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
