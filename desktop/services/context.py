"""What every use case is handed: the unlocked store, who is acting, and the clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy.exc import DBAPIError

from desktop.domain.calendar import CalendarError, mission_local
from desktop.domain.i18n import Text
from desktop.services.errors import (
    PermissionDenied,
    StoreBusy,
    StoreConnectionLost,
    StoreNotAnswering,
)
from desktop.storage import audit
from desktop.storage.pg_failures import connection_failed
from desktop.storage.store import OpenStore
from desktop.storage.uow import UnitOfWork

Clock = Callable[[], datetime]
FORMS_DIR = "forms"  # in the data directory: the mission's own form wording


def system_clock() -> datetime:
    return datetime.now(UTC)


class Role(StrEnum):
    OFFICER = "officer"  # consular officer: intake, checklist, handouts
    CONSUL = "consul"  # signing consular official: also signs Annex 4 notifications
    ADMIN = "admin"  # administrator: officers, settings, backups; also an officer


# Which roles include which: a consul and an administrator can do what an officer does.
ROLE_GRANTS: dict[Role, frozenset[Role]] = {
    Role.OFFICER: frozenset({Role.OFFICER}),
    Role.CONSUL: frozenset({Role.OFFICER, Role.CONSUL}),
    Role.ADMIN: frozenset({Role.OFFICER, Role.ADMIN}),
}


@dataclass(frozen=True, slots=True)
class Officer:
    id: int
    login: str
    full_name: str
    role: Role

    def may(self, role: Role) -> bool:
        return role in ROLE_GRANTS[self.role]


@dataclass(frozen=True, slots=True)
class Mission:
    code: str
    name: str
    country: str


@dataclass
class DeskContext:
    store: OpenStore
    officer: Officer
    mission: Mission
    clock: Clock = field(default=system_clock)
    # The mission calendar's IANA zone ("" = the workstation's own), kept current by
    # procedure.set_calendar: "today" is the mission's day for deadlines, forms and checks alike.
    time_zone: str = ""
    # Opened by the officer's own password at login (never by the data key alone): what a
    # signing official's PAdES key and the mission's seal key are wrapped under. None after a
    # login by recovery or backup key, so such a session signs and seals nothing.
    personal_key: bytearray | None = field(default=None, repr=False)
    # Warnings found at login (audit log cut, failed-login record altered): shown once.
    alerts: list[Text] = field(default_factory=list)

    def uow(self) -> UnitOfWork:
        return _DeskUnitOfWork(self.store.session_factory)

    def reader(self) -> UnitOfWork:
        """A unit of work that only reads (never commits): waits for no writer."""
        return self.store.reader(_DeskReader)

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return mission_local(self.clock(), self.time_zone).date()

    def audit(
        self,
        uow: UnitOfWork,
        action: str,
        entity: str,
        entity_id: str | int,
        detail: dict[str, Any] | None = None,
    ) -> None:
        """Append an audit entry by the acting officer, inside the use case's transaction."""
        audit.append(
            uow.session,
            at=self.now(),
            officer=self.officer.login,
            action=action,
            entity=entity,
            entity_id=entity_id,
            detail=detail,
        )

    def forms_dirs(self) -> tuple[Path, ...]:
        """The mission's own form wording (resources/forms/README.md): DATA_DIR/forms, if any.

        Every print (the desk's Print and `qonys print` alike) searches it before the bundled
        texts, so a mission's official Russian text is used wherever a form is made.
        """
        forms = self.store.paths.root / FORMS_DIR
        return (forms,) if forms.is_dir() else ()

    def require(self, role: Role, action: str) -> None:
        if not self.officer.may(role):
            raise PermissionDenied(action, role.value)

    def close(self) -> None:
        if self.personal_key is not None:
            for i in range(len(self.personal_key)):
                self.personal_key[i] = 0
        self.store.close()


def calendar_time_zone(settings: dict[str, Any] | None) -> str:
    """The zone in the mission settings' calendar (procedure.CALENDAR_SETTING), "" if none.

    A damaged value gives "" (the workstation's zone): it must not keep officers out, and the
    calendar screen reports it.
    """
    calendar = (settings or {}).get("calendar")
    zone = calendar.get("timezone", "") if isinstance(calendar, dict) else ""
    try:
        mission_local(datetime.now(UTC), str(zone))
    except (CalendarError, ValueError, KeyError):
        return ""
    return str(zone)


class _DeskReader(UnitOfWork):
    """A read whose server went away is a message the officer can act on (nothing changed)."""

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        super().__exit__(exc_type, exc, tb)
        if isinstance(exc, DBAPIError) and connection_failed(exc):
            raise StoreNotAnswering from exc


LOCK_NOT_AVAILABLE = "55P03"  # SQLSTATE: lock_timeout ran out


class _DeskUnitOfWork(UnitOfWork):
    """A unit of work whose failures on the shared store's server are messages the officer
    can act on: the server gone mid-work (a restart) or another desk holding the store's lock
    past its wait. Nothing of the unit of work was committed either way."""

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        super().__exit__(exc_type, exc, tb)
        if not isinstance(exc, DBAPIError) or self.session.get_bind().dialect.name != "postgresql":
            return
        if exc.connection_invalidated:  # cut mid-work: what was written is not kept
            raise StoreConnectionLost from exc
        if connection_failed(exc):  # no connection to be had: nothing reached the server
            raise StoreNotAnswering from exc
        if getattr(exc.orig, "sqlstate", None) == LOCK_NOT_AVAILABLE:
            raise StoreBusy from exc
