"""What every use case is handed: the unlocked store, who is acting, and the clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum

from desktop.services.errors import PermissionDenied
from desktop.storage.store import OpenStore
from desktop.storage.uow import UnitOfWork

Clock = Callable[[], datetime]


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

    def uow(self) -> UnitOfWork:
        return self.store.uow()

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return self.clock().date()

    def require(self, role: Role, action: str) -> None:
        if not self.officer.may(role):
            raise PermissionDenied(action, role.value)

    def close(self) -> None:
        self.store.close()
