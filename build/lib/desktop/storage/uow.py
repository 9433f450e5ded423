"""Unit of work: one use case, one transaction (Cosmic Python's pattern on SQLAlchemy 2).

with uow:
    ...            # repositories on one session
    uow.commit()   # leaving the block without commit rolls back
"""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.orm import Session, sessionmaker

from desktop.storage.repositories import (
    AttachmentRepository,
    CaseRepository,
    EventRepository,
    MissionRepository,
    OfficerRepository,
)


class UnitOfWork:
    session: Session
    cases: CaseRepository
    events: EventRepository
    officers: OfficerRepository
    mission: MissionRepository
    attachments: AttachmentRepository

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._factory = session_factory

    def __enter__(self) -> UnitOfWork:
        self.session = self._factory()
        self.cases = CaseRepository(self.session)
        self.events = EventRepository(self.session)
        self.officers = OfficerRepository(self.session)
        self.mission = MissionRepository(self.session)
        self.attachments = AttachmentRepository(self.session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()

    def commit(self) -> None:
        self.session.commit()
