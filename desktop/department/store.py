"""The Department's database: SQLAlchemy 2 models, SQLite by default, PostgreSQL by URL.

The default is an SQLCipher-encrypted SQLite file in the data directory (every file under a
data directory is encrypted); the real Department passes ``--db postgresql+psycopg://…`` and
relies on the server's own protection. The schema is the same on both; Alembic builds and
upgrades it (``desktop.department.migrate``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

from sqlalchemy import (
    DDL,
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    false,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker

from desktop.storage.engine import open_sqlcipher
from desktop.storage.files import make_private
from desktop.storage.uow import Transaction

DB_NAME = "department.db"


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: DateTime(timezone=True),
        dict[str, Any]: JSON,
    }


class Setting(Base):
    __tablename__ = "dep_setting"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# A Setting per mission (+ its code): the trust list version the mission has, or will have once
# the last package sent to it arrives (the enrolment bundle carries one too).
SENT_TRUST_PREFIX = "sent-trust-list/"


class Mission(Base):
    """A mission the Department enrolled (DESIGN: trust model)."""

    __tablename__ = "dep_mission"
    code: Mapped[str] = mapped_column(String(50), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    enrolled_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    signing_fpr: Mapped[str] = mapped_column(String(64), index=True)
    encryption_cert: Mapped[bytes] = mapped_column(LargeBinary)


class IssuedCertificate(Base):
    """Every certificate the CA issued; revocation is recorded here and in the trust list."""

    __tablename__ = "dep_certificate"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    serial: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(30))  # mission-signing/-encryption, official, seal
    mission_code: Mapped[str | None] = mapped_column(String(50), index=True)
    holder: Mapped[str] = mapped_column(String(300))
    der: Mapped[bytes] = mapped_column(LargeBinary)  # for seal keys: the raw Ed25519 key
    key_id: Mapped[str | None] = mapped_column(String(64))
    issued_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    reason: Mapped[str | None] = mapped_column(String(300))


class TrustListVersion(Base):
    __tablename__ = "dep_trust_list"
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    issued_at: Mapped[datetime]
    der: Mapped[bytes] = mapped_column(LargeBinary)


class ReceivedPackage(Base):
    """One package accepted from a mission: the sequence state is derived from these rows."""

    __tablename__ = "dep_received_package"
    __table_args__ = (UniqueConstraint("mission_code", "sequence"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mission_code: Mapped[str] = mapped_column(ForeignKey("dep_mission.code"))
    sequence: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    # The signed manifest's SHA-256, by which the next package chains (NULL before d0003).
    manifest_sha256: Mapped[str | None] = mapped_column(String(64))
    package_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    received_at: Mapped[datetime]
    cases: Mapped[int] = mapped_column(Integer, default=0)
    events: Mapped[int] = mapped_column(Integer, default=0)
    scans: Mapped[int] = mapped_column(Integer, default=0)
    gap_accepted: Mapped[bool] = mapped_column(Boolean, default=False)
    # Set by `missions reset-chain MISSION --to SEQ` on the row SEQ: the next package is taken
    # whatever it names as previous (an audited way out of a broken chain).
    chain_reset: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class SentPackage(Base):
    """A decision package sent to a mission; acknowledged when the mission says so."""

    __tablename__ = "dep_sent_package"
    __table_args__ = (UniqueConstraint("mission_code", "sequence"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mission_code: Mapped[str] = mapped_column(ForeignKey("dep_mission.code"))
    sequence: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    manifest_sha256: Mapped[str | None] = mapped_column(String(64))  # NULL before d0003
    file_name: Mapped[str] = mapped_column(String(300))
    # Where `send` wrote it (absolute); NULL for packages sent before revision d0002. A send
    # killed after its commit left the file under a staging name there: the next send
    # finishes publishing it (DepartmentService.send).
    folder: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    decisions: Mapped[int] = mapped_column(Integer, default=0)
    acknowledged_at: Mapped[datetime | None]


class SyncUpload(Base):
    """One resumable upload (tus 1.0) of a mission's package to the sync server (issue 16).

    All of an upload's state is here and in its partial file under ``DEP/sync/uploads``, so
    any server worker can take its next chunk. ``offset`` only grows after the bytes up to it
    are on disk (fsync); ``result`` is set once the package went through ``receive``.
    """

    __tablename__ = "dep_sync_upload"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    mission_code: Mapped[str] = mapped_column(ForeignKey("dep_mission.code"), index=True)
    length: Mapped[int] = mapped_column(BigInteger)
    offset: Mapped[int] = mapped_column(BigInteger, default=0)
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    result: Mapped[str | None] = mapped_column(String(16))  # accepted / duplicate / refused
    reason: Mapped[str | None] = mapped_column(String(40))  # the refusal's stable code
    sequence: Mapped[int | None]


class SentDecision(Base):
    """Which decisions travelled in which sent package (an acknowledgement settles them)."""

    __tablename__ = "dep_sent_decision"
    sent_id: Mapped[int] = mapped_column(ForeignKey("dep_sent_package.id"), primary_key=True)
    decision_id: Mapped[str] = mapped_column(ForeignKey("dep_decision.id"), primary_key=True)


class Case(Base):
    """A case as received from its mission; the mission owns it, the Department adds decisions."""

    __tablename__ = "dep_case"
    __table_args__ = (
        UniqueConstraint("mission_code", "case_ref"),
        Index("ix_dep_case_stage", "mission_code", "stage"),
        # d0004: the console lists newest first, and finds names by any part (PostgreSQL:
        # a trigram index, pg_trgm; elsewhere a plain one).
        Index("ix_dep_case_received", "received_at", "id"),
        Index(
            "ix_dep_case_name_key",
            "name_key",
            postgresql_using="gin",
            postgresql_ops={"name_key": "gin_trgm_ops"},
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mission_code: Mapped[str] = mapped_column(ForeignKey("dep_mission.code"))
    case_ref: Mapped[str] = mapped_column(String(200))
    number: Mapped[str] = mapped_column(String(100), index=True)
    questionnaire: Mapped[dict[str, Any]]
    stage: Mapped[str] = mapped_column(String(40))
    received_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    # Search keys (d0004, `desktop.department.casebook`): the applicant's IIN, and the name
    # case-folded in its own letters and in Latin ones. NULL on rows received before d0004
    # until the migration fills them.
    iin: Mapped[str | None] = mapped_column(String(12), index=True)
    name_key: Mapped[str | None] = mapped_column(Text)


# The trigram index needs pg_trgm wherever the schema is made from the models (tests, tools).
event.listen(
    Case.__table__,
    "before_create",
    DDL("CREATE EXTENSION IF NOT EXISTS pg_trgm").execute_if(dialect="postgresql"),  # type: ignore[no-untyped-call]
)


class CaseEvent(Base):
    __tablename__ = "dep_event"
    __table_args__ = (UniqueConstraint("case_id", "event_ref"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("dep_case.id"), index=True)
    event_ref: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime]
    officer: Mapped[str | None] = mapped_column(String(200))
    data: Mapped[dict[str, Any]]


class Scan(Base):
    __tablename__ = "dep_scan"
    __table_args__ = (UniqueConstraint("case_id", "scan_ref"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("dep_case.id"), index=True)
    scan_ref: Mapped[str] = mapped_column(String(200))
    document: Mapped[str | None] = mapped_column(String(200))
    page: Mapped[int]
    media_type: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Decision(Base):
    """A police decision recorded by the Department (§8, §9, §11)."""

    __tablename__ = "dep_decision"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("dep_case.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    after_objection: Mapped[bool] = mapped_column(Boolean, default=False)
    police_department: Mapped[str] = mapped_column(String(300))
    # The body in Russian (genitive: «города Алматы»), for Annex 4's Russian line (issue 12
    # §16); NULL for decisions recorded before revision d0004 or without it.
    police_department_ru: Mapped[str | None] = mapped_column(String(300), nullable=True)
    number: Mapped[str] = mapped_column(String(100))
    date: Mapped[str] = mapped_column(String(10))
    note: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime]
    recorded_by: Mapped[str] = mapped_column(String(100))
    acknowledged_at: Mapped[datetime | None]


class AuditEntry(Base):
    """Who did what at the Department; no personal data (case ids and counts only)."""

    __tablename__ = "dep_audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(60))
    detail: Mapped[str] = mapped_column(Text)


class StaffRole(Base):
    """The console role of a Department user (d0004): clerk, head, auditor or admin."""

    __tablename__ = "dep_staff_role"
    user: Mapped[str] = mapped_column(String(100), primary_key=True)
    role: Mapped[str] = mapped_column(String(20))


class ConsoleSession(Base):
    """A staff member's console session; the cookie holds a token whose SHA-256 is the id."""

    __tablename__ = "dep_console_session"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user: Mapped[str] = mapped_column(String(100), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    lang: Mapped[str] = mapped_column(String(2))
    created_at: Mapped[datetime]
    last_seen: Mapped[datetime]


class PoliceBody(Base):
    """An internal affairs body of the reference list (§7); ``places`` one spelling a line."""

    __tablename__ = "dep_police_body"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name_kk: Mapped[str] = mapped_column(String(300))
    name_ru: Mapped[str] = mapped_column(String(300))
    places: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ForwardingLetter(Base):
    """A forwarding letter to one police body with its cases (§7), and when it went."""

    __tablename__ = "dep_letter"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    police_body: Mapped[str] = mapped_column(ForeignKey("dep_police_body.code"), index=True)
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(100))
    sent_on: Mapped[str | None] = mapped_column(String(10))  # ISO date, when recorded
    pdf: Mapped[bytes] = mapped_column(LargeBinary)


class Routing(Base):
    """Which police body a case goes to (§7), and in which letter."""

    __tablename__ = "dep_routing"
    case_id: Mapped[int] = mapped_column(ForeignKey("dep_case.id"), primary_key=True)
    police_body: Mapped[str] = mapped_column(ForeignKey("dep_police_body.code"), index=True)
    routed_at: Mapped[datetime]
    routed_by: Mapped[str] = mapped_column(String(100))
    letter_id: Mapped[int | None] = mapped_column(ForeignKey("dep_letter.id"), index=True)


class DecisionDocument(Base):
    """The police's decision document, scanned or uploaded with the decision (§8-§11)."""

    __tablename__ = "dep_decision_document"
    decision_id: Mapped[str] = mapped_column(ForeignKey("dep_decision.id"), primary_key=True)
    file_name: Mapped[str] = mapped_column(String(300))
    media_type: Mapped[str] = mapped_column(String(100))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class StoreError(Exception):
    """The database cannot be opened (a known error, with a message)."""


def _sqlite_transactions(engine: Engine) -> None:
    """SQLAlchemy's recipe for SQLite: the driver stays out of transactions, `begin` starts them.

    The sqlite3 module would BEGIN only before the first INSERT/UPDATE, so a migration's
    CREATE/ALTER ran outside any transaction (a failed upgrade could leave half a schema) and
    a receive's sequence check read outside the transaction that then wrote. A plain (deferred)
    BEGIN: a use case may read a setting on a second connection while its own holds the write
    lock, which WAL allows.
    """

    @event.listens_for(engine, "connect")
    def _no_driver_transactions(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")


def open_engine(data_dir: Path, db_url: str | None, key: bytes) -> Engine:
    """The engine for ``db_url``, or the encrypted SQLite file in ``data_dir``."""
    if db_url is None:
        path = data_dir / DB_NAME
        make_private(path)  # owner-only: SQLite would use the umask
        # The mission store's engine: BEGIN IMMEDIATE, durable pragmas, and the page HMAC the
        # file was made with (stores made before this engine: SQLCipher's default, SHA-512).
        engine = open_sqlcipher(path, key)
    else:
        try:
            url = make_url(db_url)
        except ArgumentError as exc:
            raise StoreError(f"--db is not a database URL: {exc}") from exc
        if not url.drivername.startswith(("postgresql", "sqlite")):
            raise StoreError("--db must be a postgresql+psycopg:// (or sqlite://) URL")
        # The console's workers run requests in threads (40 by default): room for them.
        try:
            engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=30)
        except ModuleNotFoundError as exc:  # the driver is the optional extra `department`
            raise StoreError(
                f"the database driver {exc.name} is not installed: pip install 'qonys[department]'"
            ) from exc
        if url.get_backend_name() == "sqlite":
            _sqlite_transactions(engine)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except (OperationalError, DatabaseError) as exc:
        engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise StoreError(f"cannot open the Department database: {reason}") from exc
    return engine


class UnitOfWork:
    """The mission's contract (`desktop.storage.uow.Transaction`): ``with dep.uow() as tx:``
    works on ``tx.session`` and rolls back unless ``tx.commit()`` is called."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._factory = sessionmaker(engine, expire_on_commit=False)

    def __call__(self) -> Transaction:
        return Transaction(self._factory)
