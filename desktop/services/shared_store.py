"""A mission store shared by several desks on PostgreSQL: joining it, and what is refused.

`desktop/storage/postgres.py` says how the store is kept; this module gives the officer's and
administrator's side: a desk's folder is pointed at the mission's database (`use_database`),
with a message for every URL Qonys will not use.
"""

from __future__ import annotations

from pathlib import Path

from desktop.domain.i18n import Text
from desktop.services.errors import InvalidInput, KnownError
from desktop.storage.postgres import DatabaseVault, StoreUrlError, check_url, redacted
from desktop.storage.store import StorePaths


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


def checked_url(url: str) -> str:
    try:
        check_url(url)
    except StoreUrlError as exc:
        raise BadDatabaseUrl(str(exc)) from None
    return url.strip()


def refuse_second_store(url: str) -> None:
    """Creating a store on a database that already has one is refused (join it instead)."""
    url = checked_url(url)
    if DatabaseVault(url).exists():
        raise DatabaseHoldsStore(redacted(url))


def use_database(data_dir: Path, url: str) -> None:
    """This desk's folder now opens the mission's store at `url` (a second or third desk)."""
    StorePaths(data_dir).use_database(checked_url(url))


def database_of(data_dir: Path) -> str | None:
    """The database URL the desk's folder points at, without its password (None: SQLCipher)."""
    url = StorePaths(data_dir).url
    return redacted(url) if url else None
