"""A mission store on disk: the encrypted database and its key vault, in one data folder.

DIR/qonys.db      SQLCipher 4 (tables, indexes, WAL and journal all encrypted)
DIR/qonys.vault   key slots (no personal data, no key in clear)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from desktop.storage import migrate
from desktop.storage.engine import (
    NotOurDatabase,
    check_opens,
    detect_hmac_algorithm,
    integrity_check,
    sqlcipher_engine,
)
from desktop.storage.files import make_private
from desktop.storage.uow import UnitOfWork
from desktop.storage.vault import wipe

DB_FILE = "qonys.db"
VAULT_FILE = "qonys.vault"


@dataclass(frozen=True, slots=True)
class StorePaths:
    root: Path

    @property
    def db(self) -> Path:
        return self.root / DB_FILE

    @property
    def vault(self) -> Path:
        return self.root / VAULT_FILE

    def exists(self) -> bool:
        return self.vault.exists() or self.db.exists()

    def ensure_root(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        if os.name == "posix":
            self.root.chmod(0o700)


class OpenStore:
    """An unlocked store. `close()` drops the engine and overwrites the key we hold."""

    def __init__(self, paths: StorePaths, engine: Engine, key: bytearray) -> None:
        self.paths = paths
        self.engine = engine
        self._key = key
        self.session_factory: sessionmaker[Session] = sessionmaker(engine, expire_on_commit=False)

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.session_factory)

    def integrity(self) -> list[str]:
        return integrity_check(self.engine)

    @property
    def key(self) -> bytes:
        if not any(self._key):
            raise RuntimeError("the store is closed")
        return bytes(self._key)

    def close(self) -> None:
        self.engine.dispose()
        wipe(self._key)


def open_database(paths: StorePaths, key: bytearray, *, create: bool = False) -> OpenStore:
    """Open (or create) the database with the data key and bring its schema up to date."""
    if not create and not paths.db.exists():
        raise NotOurDatabase("the database file is missing")
    make_private(paths.db)  # owner-only, also for stores made before (SQLite uses the umask)
    engine = sqlcipher_engine(paths.db, key, hmac_algorithm=detect_hmac_algorithm(paths.db, key))
    check_opens(engine)
    migrate.upgrade(engine)
    return OpenStore(paths, engine, key)
