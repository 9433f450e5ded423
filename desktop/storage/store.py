"""A mission store on disk: the encrypted database and its key vault, in one data folder.

DIR/qonys.db      SQLCipher 4 (tables, indexes, WAL and journal all encrypted)
DIR/qonys.vault   key slots (no personal data, no key in clear)
DIR/scans/        scan pages, each in a file of its own (AES-256-GCM, `scanfiles.py`)

or, for a mission whose desks share one store on PostgreSQL (issue 21, `postgres.py`):

DIR/database.url  the store's database URL, the folder's one plain file: it may hold no
                  secret (`check_url` refuses a password; libpq's pgpass file or a client
                  certificate authenticates the desk); the vault is in the database
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from desktop.storage import migrate, name_index, scanfiles, scanrows
from desktop.storage import warm_up as warming
from desktop.storage.engine import (
    NotOurDatabase,
    UnkeyedEngine,
    check_opens,
    integrity_check,
    open_sqlcipher,
)
from desktop.storage.files import (
    RESTORE_TAG,
    fsync_dir,
    hold,
    in_use,
    make_private,
    remove_abandoned_temporaries,
    write_atomic,
)
from desktop.storage.models import OfficerRow
from desktop.storage.pg_failures import Failure, failure_of
from desktop.storage.postgres import (
    DatabaseVault,
    StoreUrlError,
    check_url,
    install_upkeep,
    pg_engine,
    redacted,
)
from desktop.storage.reading import read, reader_factory
from desktop.storage.sealed import SealBroken, sealer_of
from desktop.storage.uow import UnitOfWork
from desktop.storage.vault import wipe

T = TypeVar("T")

DB_FILE = "qonys.db"
VAULT_FILE = "qonys.vault"
log = logging.getLogger(__name__)
DATABASE_FILE = "database.url"


@dataclass(frozen=True, slots=True)
class StorePaths:
    root: Path

    @property
    def db(self) -> Path:
        return self.root / DB_FILE

    @property
    def scans(self) -> Path:
        return self.root / scanfiles.SCANS_DIR

    @property
    def database_file(self) -> Path:
        return self.root / DATABASE_FILE

    @property
    def url(self) -> str | None:
        """The PostgreSQL store this desk uses (None: the SQLCipher file in this folder)."""
        try:
            return self.database_file.read_text(encoding="utf-8").strip() or None
        except (FileNotFoundError, NotADirectoryError):  # no store here, or not a folder
            return None

    def use_database(self, url: str) -> None:
        """This folder's store is on PostgreSQL at `url` (checked; remembered for later runs)."""
        check_url(url)
        self.ensure_root()
        write_atomic(self.database_file, (url.strip() + "\n").encode())

    @property
    def vault(self) -> Path | DatabaseVault:
        url = self.url
        return DatabaseVault(url) if url else self.root / VAULT_FILE

    def exists(self) -> bool:
        return self.vault.exists() or (self.url is None and self.db.exists())

    def ensure_root(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        if os.name == "posix":
            self.root.chmod(0o700)


class OpenStore:
    """An unlocked store. `close()` drops the engine and overwrites the key we hold."""

    def __init__(
        self, paths: StorePaths, engine: Engine, key: bytearray, reads: Engine | None = None
    ) -> None:
        self.paths = paths
        self.engine = engine
        self._key = key
        self.session_factory: sessionmaker[Session] = sessionmaker(engine, expire_on_commit=False)
        self._reads, self._read_engine = reader_factory(engine, reads)

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.session_factory)

    def read(self, work: Callable[[UnitOfWork], T]) -> T:
        """`work` (reads only: the case list, its searches) without the write lock."""
        return read(self._reads, work)

    def reader(self, kind: type[UnitOfWork] = UnitOfWork) -> UnitOfWork:
        """A unit of work that only reads (lookups, the list's rows): one state of the store,
        waiting for no writer — the read sessions of storage/reading.py."""
        return kind(self._reads)

    def integrity(self) -> list[str]:
        if self.engine.dialect.name == "postgresql":
            return ["ok"]  # the server's own checks; every sealed value is checked on reading
        found = [p for p in integrity_check(self.engine) if p != "ok"]
        found += scanrows.check_files(self.session_factory)  # every scan file there and sound
        return found or ["ok"]

    @property
    def key(self) -> bytes:
        if not any(self._key):
            raise RuntimeError("the store is closed")
        return bytes(self._key)

    def close(self) -> None:
        # The desk's names of a shared store go with its key (storage/name_index.py).
        name_index.drop(sealer_of(self.engine.dialect))
        if self._read_engine is not None:
            self._read_engine.dispose()
        self.engine.dispose()
        wipe(self._key)


# Engines made before their store's key (`prepare_opening`), each taken by the next opening.
_UNKEYED: dict[Path, UnkeyedEngine] = {}
_UNKEYED_LOCK = threading.Lock()


def prepare_opening(paths: StorePaths, rehearse: Callable[[Engine], object]) -> None:
    """Before a login's password: this store's engine made without its key and `rehearse`
    run on it (on an empty database in memory: `engine.UnkeyedEngine`), for the next
    `open_database` of this store to key and use (issue 19). Nothing for a shared store."""
    if paths.url is not None:
        return
    unkeyed = UnkeyedEngine(paths.db)
    unkeyed.rehearse(rehearse)
    with _UNKEYED_LOCK:
        replaced = _UNKEYED.pop(paths.db, None)
        _UNKEYED[paths.db] = unkeyed
    if replaced is not None:
        replaced.engine.dispose()


_RESTORING = "qonys.restoring"  # the mark of a restore under way (`RestoreMark`)
_MARK_PATTERN = re.compile(
    rf"\.{re.escape(_RESTORING)}\.{re.escape(RESTORE_TAG)}[a-z0-9_]{{8}}\.tmp"
)
_SCANS_MADE = b"scans folder made by the restore\n"
_SCANS_FOUND = b"scans folder found empty\n"
_MARKS_HELD: set[Path] = set()  # this process's own (where files cannot be locked: Windows)
_MARKS_LOCK = threading.Lock()


class RestoreMark:
    """A file that says "a restore is writing this folder": made (and on the disk) before the
    restore writes anything, held while it runs, removed last — after the vault, which makes
    the store whole. A mark no living process holds is a killed restore's: the database, its
    log and the scan files beside it are that restore's own (it began only where there were
    none), and unless the vault is there too they are not a store but leftovers
    (`remove_restore_leftovers`). Its name is a restore's temp-file name
    (``.qonys.restoring.restore-xxxxxxxx.tmp``)."""

    def __init__(self, paths: StorePaths, *, scans_made: bool) -> None:
        fd, name = tempfile.mkstemp(
            prefix=f".{_RESTORING}.{RESTORE_TAG}", suffix=".tmp", dir=paths.root
        )
        self.path = Path(name)
        self._fd = fd
        try:
            hold(fd)
            os.write(fd, _SCANS_MADE if scans_made else _SCANS_FOUND)
            os.fsync(fd)
            fsync_dir(paths.root)
        except BaseException:
            self.release()
            raise
        with _MARKS_LOCK:
            _MARKS_HELD.add(self.path)

    def release(self) -> None:
        """The restore is over: whole, or its files removed. (Closed first: Windows removes
        no open file.)"""
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
        self.path.unlink(missing_ok=True)
        with _MARKS_LOCK:
            _MARKS_HELD.discard(self.path)
        fsync_dir(self.path.parent)


def _undo_killed_restore(paths: StorePaths, mark: Path) -> list[Path]:
    """What the killed restore that left `mark` wrote, removed unless it made a whole store
    (the vault is written last); the mark goes last, so a clean-up killed in turn is done
    again by the next one."""
    removed: list[Path] = []
    if not paths.vault.exists():
        try:
            scans_made = mark.read_bytes() == _SCANS_MADE
        except OSError:
            return removed
        for name in (DB_FILE, f"{DB_FILE}-wal", f"{DB_FILE}-shm", f"{DB_FILE}-journal"):
            path = paths.root / name
            if path.is_file() and not path.is_symlink():
                path.unlink(missing_ok=True)
                removed.append(path)
        scans = paths.scans
        if scans.is_dir() and not scans.is_symlink():
            if scans_made:
                shutil.rmtree(scans, ignore_errors=True)
            else:  # empty when the restore began: all it holds is the restore's
                for entry in scans.iterdir():
                    if entry.is_dir() and not entry.is_symlink():
                        shutil.rmtree(entry, ignore_errors=True)
                    else:
                        entry.unlink(missing_ok=True)
            removed.append(scans)
        fsync_dir(paths.root)
    mark.unlink(missing_ok=True)
    fsync_dir(paths.root)
    removed.append(mark)
    return removed


def _abandoned_marks(paths: StorePaths) -> list[Path]:
    try:
        entries = list(os.scandir(paths.root))
    except (FileNotFoundError, NotADirectoryError):
        return []
    marks = []
    for entry in entries:
        if not _MARK_PATTERN.fullmatch(entry.name) or not entry.is_file(follow_symlinks=False):
            continue
        path = Path(entry.path)
        with _MARKS_LOCK:
            ours = path in _MARKS_HELD
        if not ours and not in_use(path):
            marks.append(path)
    return marks


def remove_restore_leftovers(paths: StorePaths) -> tuple[Path, ...]:
    """What a restore killed half-way left in the store's folder, none of a restore still
    running; nothing else: its temp files (database, log, vault:
    ``.qonys.db.restore-xxxxxxxx.tmp`` …), and, where its mark is left (`RestoreMark`), the
    database, log and scan files it had put in place before the vault. Each holds a whole
    encrypted copy, or part of one, of the store: no clear data, but room on the disk; and a
    database without its vault is no store (the desk would report a missing vault and a new
    restore would refuse the folder). Where the mark is left beside a vault, the restore had
    made the whole store: only the mark goes."""
    names = (paths.db.name, f"{paths.db.name}-wal", VAULT_FILE)
    removed = remove_abandoned_temporaries(paths.root, names, RESTORE_TAG)
    for mark in _abandoned_marks(paths):
        removed += tuple(_undo_killed_restore(paths, mark))
    if removed:
        log.info("removed %d temp file(s) of an interrupted restore", len(removed))
    return removed


def open_database(
    paths: StorePaths, key: bytearray, *, create: bool = False, sweep: bool = True
) -> OpenStore:
    """Open (or create) the database with the data key and bring its schema up to date.

    `sweep`: remove orphan scan files on a thread of its own (it outlives a store closed at
    once: a restore, which opens the store only to check it, leaves that to the next login)."""
    if paths.url is not None:
        return _open_postgres(paths, paths.url, key)
    if not create and not paths.db.exists():
        raise NotOurDatabase("the database file is missing")
    remove_restore_leftovers(paths)
    make_private(paths.db)  # owner-only, also for stores made before (SQLite uses the umask)
    with _UNKEYED_LOCK:
        unkeyed = _UNKEYED.pop(paths.db, None)
    engine = open_sqlcipher(paths.db, key, unkeyed=unkeyed)
    if check_opens(engine) != [migrate.head_revision()]:  # up to date at nearly every login
        migrate.upgrade(engine)
    setattr(engine.dialect, scanfiles.ATTRIBUTE, scanfiles.ScanFiles(paths.scans, key))
    store = OpenStore(paths, engine, key)
    if sweep and paths.scans.is_dir():  # files of pages whose transaction never committed
        scanrows.sweep_in_background(store.session_factory)
    return store


class StoreUnreachable(NotOurDatabase):
    """The PostgreSQL server does not answer or refuses this desk (the reason, no password)."""

    def __init__(self, where: str, reason: str, failure: Failure = Failure.OTHER) -> None:
        super().__init__(f"{where}: {reason}")
        self.where, self.reason, self.failure = where, reason, failure


def warm_up(paths: StorePaths) -> None:
    """A login begins: a PostgreSQL store's connections are opened meanwhile (warm_up.py)."""
    if paths.url is not None:
        warming.start(paths.url)


def cool_down(paths: StorePaths) -> None:
    """The login failed: the connections opened for it are closed."""
    if paths.url is not None:
        warming.discard(paths.url)


def _open_postgres(paths: StorePaths, url: str, key: bytearray) -> OpenStore:
    connected, reads = warming.take(url) or (None, None)
    try:
        engine = pg_engine(url, key, connected=connected)
    except StoreUrlError as exc:
        raise StoreUnreachable(redacted(url), str(exc)) from None
    try:
        migrate.upgrade(engine)
        store = OpenStore(paths, engine, key, reads)
        install_upkeep(store.session_factory)
        with store.session_factory() as session:
            # The data key is right if the sealed names open (a wrong key: SealBroken).
            session.scalars(select(OfficerRow.full_name).limit(1)).all()
    except DBAPIError as exc:
        engine.dispose()
        if reads is not None:
            reads.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        raise StoreUnreachable(redacted(url), reason, failure_of(exc)) from None
    except SealBroken:
        engine.dispose()
        if reads is not None:
            reads.dispose()
        raise NotOurDatabase("the database does not open with this key") from None
    return store
