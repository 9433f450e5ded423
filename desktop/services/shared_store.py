"""A mission store shared by several desks on PostgreSQL: joining it, and what is refused.

`desktop/storage/postgres.py` says how the store is kept; this module gives the officer's and
administrator's side: a desk's folder is pointed at the mission's database (`use_database`),
with a message for every URL Qonys will not use.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import ParamSpec, TypeVar

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from desktop.domain.i18n import Text
from desktop.services.context import DeskContext, Role
from desktop.services.errors import DatabaseUnreachable, InvalidInput, KnownError
from desktop.storage import audit, migrate, name_index
from desktop.storage.engine import READ_ONLY
from desktop.storage.models import AuditHeadRow, MissionRow
from desktop.storage.pg_failures import failure_of
from desktop.storage.postgres import (
    DatabaseVault,
    PasswordInUrl,
    StoreUrlError,
    check_url,
    mission_lock,
    pg_engine,
    redacted,
)
from desktop.storage.sealed import sealer_of
from desktop.storage.store import VAULT_FILE, StorePaths
from desktop.storage.transfer import CopyMismatch, copy_rows, verify
from desktop.storage.vault import Vault, locked

log = logging.getLogger(__name__)  # no URL passwords, no personal data
P = ParamSpec("P")
R = TypeVar("R")


class BadDatabaseUrl(InvalidInput):
    def __init__(self, reason: str) -> None:
        super().__init__(
            Text(
                f"Дерекқор мекенжайы жарамсыз: {reason}",
                f"Неверный адрес базы данных: {reason}",
                f"The database address cannot be used: {reason}",
            )
        )


class DatabaseHoldsStore(KnownError):
    def __init__(self, where: str) -> None:
        super().__init__(
            Text(
                f"{where} дерекқорында шет елдердегі мекеменің қоймасы бар. Басқа жұмыс орнын "
                "қосу үшін жаңа қойма жасамаңыз: сол жұмыс орнында `qonys --db` арқылы кіріңіз.",
                f"В базе {where} уже есть хранилище загранучреждения. Чтобы подключить еще одно "
                "рабочее место, не создавайте хранилище: войдите на нем через `qonys --db`.",
                f"The database {where} already holds the mission's store. To add a desk, do not "
                "create another store: log in at that desk with `qonys --db`.",
            )
        )


class PasswordInDatabaseUrl(InvalidInput):
    def __init__(self) -> None:
        super().__init__(
            Text(
                "Дерекқор мекенжайында құпиясөз болмауы керек: жұмыс орнының қалтасы мекенжайды "
                "сақтайды. Құпиясөзді `libpq` құпиясөз файлына (`~/.pgpass` немесе `PGPASSFILE`, "
                "0600 рұқсатымен) жазыңыз немесе клиент сертификатын қолданыңыз (`sslcert`, `sslkey`).",
                "В адресе базы данных не должно быть пароля: папка рабочего места хранит адрес. "
                "Укажите пароль в файле паролей `libpq` (`~/.pgpass` или `PGPASSFILE`, права 0600) "
                "или используйте клиентский сертификат (`sslcert`, `sslkey`).",
                "Put no password in the database address: the desk's folder keeps the address. "
                "Give the password in libpq's password file (~/.pgpass or PGPASSFILE, mode 0600) "
                "or use a client certificate (sslcert, sslkey).",
            )
        )


def checked_url(url: str) -> str:
    try:
        check_url(url)
    except PasswordInUrl:
        raise PasswordInDatabaseUrl from None
    except StoreUrlError as exc:
        raise BadDatabaseUrl(str(exc)) from None
    return url.strip()


def refuse_second_store(url: str) -> None:
    """Creating a store on a database that already has one is refused (join it instead)."""
    url = checked_url(url)
    if _holds_store(url):
        raise DatabaseHoldsStore(redacted(url))


def _holds_store(url: str) -> bool:
    """Does the database at `url` hold a mission store? A server that does not answer or
    refuses this desk is said as at login (DatabaseUnreachable), not raised as a driver's
    error."""
    try:
        return DatabaseVault(url).exists()
    except DBAPIError as exc:
        raise _refused(url, exc) from None


def _refused(url: str, exc: DBAPIError) -> DatabaseUnreachable:
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
    log.warning("the shared database refused this desk: %s", reason)
    return DatabaseUnreachable(redacted(url), reason, failure_of(exc))


class NoStoreThere(KnownError):
    def __init__(self, where: str) -> None:
        super().__init__(
            Text(
                f"{where} дерекқорында шет елдердегі мекеменің қоймасы әлі жоқ. Оны жасау үшін "
                "мекемені және бірінші әкімшіні толтырып, «Аяқтау» түймесін басыңыз.",
                f"В базе {where} еще нет хранилища загранучреждения. Чтобы создать его, "
                "заполните данные загранучреждения и первого администратора и нажмите "
                "«Завершить».",
                f"The database {where} holds no mission store yet. To create it, fill in the "
                "mission and the first administrator and press Finish.",
            )
        )


def join_existing(data_dir: Path, url: str) -> None:
    """A new desk's first run: its folder opens the mission's store already on the database
    at `url` (the officers log in with their own passwords), instead of creating one."""
    url = checked_url(url)
    if not _holds_store(url):
        raise NoStoreThere(redacted(url))
    join(data_dir, url)


def use_database(data_dir: Path, url: str) -> None:
    """This desk's folder now opens the mission's store at `url` (a second or third desk)."""
    StorePaths(data_dir).use_database(checked_url(url))


def database_of(data_dir: Path) -> str | None:
    """The database URL the desk's folder points at, without its password (None: SQLCipher)."""
    url = StorePaths(data_dir).url
    return redacted(url) if url else None


class AlreadyShared(InvalidInput):
    def __init__(self) -> None:
        super().__init__(
            Text(
                "Бұл қойма ортақ дерекқорда тұр; оны көшірудің қажеті жоқ",
                "Это хранилище уже находится в общей базе данных; переносить его не нужно",
                "This store is on PostgreSQL already; there is nothing to move",
            )
        )


class MoveNotVerified(KnownError):
    def __init__(self, tables: str) -> None:
        super().__init__(
            Text(
                f"Көшірме тексерілмеді ({tables}); ескі қойма өзгеріссіз қалды",
                f"Копия не прошла проверку ({tables}); прежнее хранилище не тронуто",
                f"The copy did not verify ({tables}); the old store is left as it was",
            )
        )


@dataclass(frozen=True, slots=True)
class MoveResult:
    rows: dict[str, int]  # table: rows copied (and verified)
    retired: Path  # where the old SQLCipher files went
    seconds: float


def move_to_database(ctx: DeskContext, url: str) -> MoveResult:
    """Move this desk's SQLCipher store (cases, events, scans, audit, outbox, keys, vault) to
    the PostgreSQL database at `url`; the old files are retired only once every table's row
    count and digest match. Administrator only."""
    ctx.require(Role.ADMIN, "move the store")
    url = checked_url(url)
    paths = ctx.store.paths
    if paths.url is not None:
        raise AlreadyShared
    refuse_second_store(url)
    started = time.perf_counter()
    dest = pg_engine(url, ctx.store.key)
    try:
        migrate.upgrade(dest)
        # The source's unit of work holds the file's write lock: nothing changes meanwhile.
        with ctx.store.engine.connect() as source, dest.begin() as target:
            if target.scalar(select(func.count()).select_from(MissionRow)):
                raise DatabaseHoldsStore(redacted(url))
            copy_rows(source, target)
            try:
                checked = verify(source, target)
            except CopyMismatch as exc:
                log.error("store move refused: the copy differs in %s", exc)
                raise MoveNotVerified(str(exc)) from None
        # The vault last: a database without it is visibly unfinished (drop it and move again).
        with locked(paths.vault):
            DatabaseVault(url).write_bytes(Vault.load(paths.vault).to_bytes())
        with Session(dest) as s:
            audit.append(
                s,
                at=ctx.now(),
                officer=ctx.officer.login,
                action="store.move",
                entity="mission",
                entity_id=ctx.mission.code,
                detail={"to": "postgresql", "tables": {k: v[0] for k, v in checked.items()}},
            )
            s.commit()
    except DBAPIError as exc:  # e.g. a role that may not create the store's tables
        raise _refused(url, exc) from None
    finally:
        dest.dispose()
    paths.use_database(url)
    retired = _retire(paths, ctx.now())
    log.info("store moved to PostgreSQL by officer %d", ctx.officer.id)
    return MoveResult({k: v[0] for k, v in checked.items()}, retired, time.perf_counter() - started)


def _retire(paths: StorePaths, at: datetime) -> Path:
    """The one-desk files go to DIR/retired-…/ (still encrypted; delete them when the shared
    store has been backed up)."""
    folder = paths.root / f"retired-{at:%Y%m%d-%H%M%S}"
    folder.mkdir(mode=0o700, exist_ok=True)
    vault_file = paths.root / VAULT_FILE
    for path in (paths.db, *paths.root.glob(paths.db.name + "-*"), vault_file, paths.scans):
        if path.exists():
            path.rename(folder / path.name)
    return folder


class FolderHoldsOwnStore(InvalidInput):
    def __init__(self, where: str) -> None:
        super().__init__(
            Text(
                f"{where} қалтасында бір жұмыс орнының қоймасы бар. Оны ортақ дерекқорға "
                "`qonys store move --to URL` арқылы көшіріңіз немесе басқа --data-dir таңдаңыз.",
                f"В папке {where} есть хранилище одного рабочего места. Перенесите его в общую "
                "базу командой `qonys store move --to URL` или выберите другую --data-dir.",
                f"{where} holds a one-desk store. Move it to the shared database with "
                "`qonys store move --to URL`, or choose another --data-dir.",
            )
        )


def join(data_dir: Path, url: str) -> None:
    """`--db URL` at a desk: its folder opens the shared store from now on. A folder that holds
    a one-desk SQLCipher store is not silently hidden behind it."""
    url = checked_url(url)
    paths = StorePaths(data_dir)
    if paths.url == url:
        return
    if paths.url is None and paths.exists():
        raise FolderHoldsOwnStore(str(data_dir))
    paths.use_database(url)


def is_shared(ctx: DeskContext) -> bool:
    """Is this desk's store the mission's shared one on PostgreSQL?"""
    return ctx.store.engine.dialect.name == "postgresql"


def start_name_index(ctx: DeskContext) -> threading.Thread | None:
    """Begin building, on a background thread, the desk's in-memory index of the shared
    store's names (storage/name_index.py): a name search sorted by surname then reads only its
    page from the server. None: not a shared store, or the index is already there."""
    sealer = sealer_of(ctx.store.engine.dialect)
    if sealer is None:
        return None
    return name_index.start(ctx.store.engine, sealer)


def name_index_ready(ctx: DeskContext, timeout: float | None = None) -> bool:
    """Wait up to `timeout` seconds for the index; is it ready?"""
    sealer = sealer_of(ctx.store.engine.dialect)
    return sealer is not None and name_index.wait_ready(sealer, timeout)


def change_mark(ctx: DeskContext) -> int:
    """A number that grows with every change any desk makes (the audit log's length: every
    use case that writes appends to it). Read without the store's write lock."""
    with ctx.store.engine.connect().execution_options(**{READ_ONLY: True}) as conn:
        return int(conn.scalar(select(AuditHeadRow.last_id)) or 0)


def one_export_at_a_time(export: Callable[P, R]) -> Callable[P, R]:
    """The export (its first argument the desk's context) under the mission-wide lock: one
    package sequence per mission, whichever desk exports."""

    @functools.wraps(export)
    def locked_export(*args: P.args, **kwargs: P.kwargs) -> R:
        ctx = args[0]
        assert isinstance(ctx, DeskContext)
        with mission_lock(ctx.store.engine):
            return export(*args, **kwargs)

    return locked_export
