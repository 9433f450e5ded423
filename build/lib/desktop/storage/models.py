"""The tables of a mission store (SQLAlchemy 2 typed ORM).

The schema is owned by the Alembic revisions in `migrations/versions`; these classes must match
the newest revision (a test compares them).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes stored as ISO 8601 text, so they sort and compare as written."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store")
        return value.astimezone(UTC).isoformat(timespec="microseconds")

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, datetime: UtcDateTime()}


class MissionRow(Base):
    __tablename__ = "mission"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2))
    created_at: Mapped[datetime]
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)


class OfficerRow(Base):
    __tablename__ = "officers"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]


class CaseRow(Base):
    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_iin", "iin"),
        Index("ix_cases_surname_key", "surname_key"),
        Index("ix_cases_name_key", "name_key"),
        Index("ix_cases_surname_latin", "surname_latin"),
        Index("ix_cases_stage", "stage"),
        Index("ix_cases_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    created_by: Mapped[int] = mapped_column(ForeignKey("officers.id"))
    stage: Mapped[str] = mapped_column(String(32), default="draft")
    iin: Mapped[str] = mapped_column(String(12), default="")
    surname: Mapped[str] = mapped_column(String(100), default="")
    name: Mapped[str] = mapped_column(String(100), default="")
    patronymic: Mapped[str] = mapped_column(String(100), default="")
    surname_key: Mapped[str] = mapped_column(String(100), default="")
    name_key: Mapped[str] = mapped_column(String(100), default="")
    surname_latin: Mapped[str] = mapped_column(String(200), default="")
    birth_date: Mapped[date | None] = mapped_column(Date)
    complete: Mapped[bool] = mapped_column(default=False)
    questionnaire: Mapped[dict[str, Any]]
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class EventRow(Base):
    """Every step of a case; the timeline, deadlines, monitoring and packages read these."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_case_seq", "case_id", "seq", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    seq: Mapped[int]
    kind: Mapped[str] = mapped_column(String(48))
    at: Mapped[datetime]
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)


class AuditRow(Base):
    """Append-only and hash-chained; database triggers refuse UPDATE and DELETE."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime]
    officer: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(48))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHeadRow(Base):
    """The newest entry's id and hash: a deleted tail of the chain shows against it."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    last_id: Mapped[int]
    last_hash: Mapped[str] = mapped_column(String(64))


class AttachmentRow(Base):
    """A scanned page, inside the encrypted database like every other byte of a case."""

    __tablename__ = "attachments"
    __table_args__ = (Index("ix_attachments_case_item", "case_id", "item_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    item_key: Mapped[str] = mapped_column(String(64))
    document_id: Mapped[str] = mapped_column(String(36))
    page_no: Mapped[int]
    mime: Mapped[str] = mapped_column(String(32))
    width: Mapped[int]
    height: Mapped[int]
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime]
    created_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    note: Mapped[str] = mapped_column(Text, default="")
