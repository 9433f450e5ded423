"""Unit of work: one use case, one transaction (Cosmic Python's pattern on SQLAlchemy 2).

with uow:
    ...            # repositories on one session
    uow.commit()   # leaving the block without commit rolls back

`Transaction` is the contract, shared by the mission store and the Department
(`desktop/department/`); `UnitOfWork` adds the mission store's repositories.
"""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.orm import Session, sessionmaker

from desktop.storage.repositories import (
    AttachmentRepository,
    CaseRepository,
    EventRepository,
    MissionRepository,
    OfficerRepository,
)


class Transaction:
    """One session, one transaction: leaving the block without `commit()` rolls back."""

    session: Session

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._factory = session_factory

    def __enter__(self) -> Self:
        self.session = self._factory()
        self._opened()
        return self

    def _opened(self) -> None:
        """Subclasses attach their repositories to `self.session` here."""

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # close() rolls the database transaction back (nothing uncommitted is kept) without
        # first expiring every object the block loaded, as rollback() does: a page of the case
        # list is 200 objects, ~15 ms of bookkeeping for objects about to be dropped (issue 19).
        self.session.close()

    def commit(self) -> None:
        self.session.commit()


class UnitOfWork(Transaction):
    cases: CaseRepository
    events: EventRepository
    officers: OfficerRepository
    mission: MissionRepository
    attachments: AttachmentRepository

    def _opened(self) -> None:
        self.cases = CaseRepository(self.session)
        self.events = EventRepository(self.session)
        self.officers = OfficerRepository(self.session)
        self.mission = MissionRepository(self.session)
        self.attachments = AttachmentRepository(self.session)
