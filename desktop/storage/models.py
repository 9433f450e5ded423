"""The tables of a mission store (SQLAlchemy 2 typed ORM).

The schema is owned by the Alembic revisions in `migrations/versions`; these classes must match
the newest revision (a test compares them).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from desktop.storage.sealed import Sealed


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes stored as ISO 8601 text, so they sort and compare as written."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, _dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store")
        return value.astimezone(UTC).isoformat(timespec="microseconds")

    def process_result_value(self, value: Any, _dialect: Dialect) -> datetime | None:
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
    full_name: Mapped[str] = mapped_column(Sealed(String(200), "officers.full_name", "str"))
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]


class CaseRow(Base):
    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_iin", "iin"),
        Index("ix_cases_surname_key", "surname_key"),
        # With the surname key: a name search sorts these ranges by surname from the index
        # alone (revision 0009_search_indexes).
        Index("ix_cases_name_key_surname", "name_key", "surname_key"),
        Index("ix_cases_surname_latin_key", "surname_latin", "surname_key"),
        # A PostgreSQL name search reads the sealed sort keys of its cases from here
        # (revision 0012_search_keys).
        Index("ix_cases_id_surname_key", "id", "surname_key"),
        Index("ix_cases_stage", "stage"),
        Index("ix_cases_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    created_by: Mapped[int] = mapped_column(ForeignKey("officers.id"))
    stage: Mapped[str] = mapped_column(String(32), default="draft")
    iin: Mapped[str] = mapped_column(Sealed(String(12), "cases.iin", "str"), default="")
    surname: Mapped[str] = mapped_column(Sealed(String(100), "cases.surname", "str"), default="")
    name: Mapped[str] = mapped_column(Sealed(String(100), "cases.name", "str"), default="")
    patronymic: Mapped[str] = mapped_column(
        Sealed(String(100), "cases.patronymic", "str"), default=""
    )
    surname_key: Mapped[str] = mapped_column(
        Sealed(String(100), "cases.surname_key", "str"), default=""
    )
    name_key: Mapped[str] = mapped_column(Sealed(String(100), "cases.name_key", "str"), default="")
    surname_latin: Mapped[str] = mapped_column(
        Sealed(String(200), "cases.surname_latin", "str"), default=""
    )
    birth_date: Mapped[date | None] = mapped_column(Sealed(Date(), "cases.birth_date", "date"))
    complete: Mapped[bool] = mapped_column(default=False)
    questionnaire: Mapped[dict[str, Any]] = mapped_column(
        Sealed(JSON(), "cases.questionnaire", "json")
    )
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
    data: Mapped[dict[str, Any]] = mapped_column(
        Sealed(JSON(), "events.data", "json"), default=dict
    )


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
    """A scanned page: on a SQLCipher store in an encrypted file of its own named by
    `scan_file` (issue 19, `storage/scanfiles.py`), or in `data` (stores made before, and a
    PostgreSQL store, where the column is sealed). Callers read and assign `data` either way."""

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
    # The page's bytes when they are kept in the table; b"" when `scan_file` holds them.
    stored: Mapped[bytes] = mapped_column(
        "data", Sealed(LargeBinary(), "attachments.data", "bytes")
    )
    # SHA-256 of the page, set with it by `data` (NULL for pages stored before 0005).
    sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    created_at: Mapped[datetime]
    created_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    note: Mapped[str] = mapped_column(Sealed(Text(), "attachments.note", "str"), default="")
    # The page's file under DIR/scans (revision 0013); NULL: the bytes are in `data`.
    scan_file: Mapped[str | None] = mapped_column(String(48), default=None)

    @property
    def data(self) -> bytes:
        if self.scan_file is None:
            return self.stored
        from desktop.storage.scanrows import read_row

        return read_row(self)

    @data.setter
    def data(self, data: bytes) -> None:
        # Every assignment of the bytes goes through here, so the digest cannot go stale; the
        # session hook of scanrows moves them into a new file when it flushes.
        from desktop.storage.scanrows import forget

        forget(self)
        self.sha256 = hashlib.sha256(data).hexdigest()
        self.stored = data
        self.scan_file = None


# --- the exchange with the Department (issue 6; revision 0003_exchange) ------------------------------


class ExchangeIdentityRow(Base):
    """The mission's enrolment: certificates, and its private keys (PKCS#8 PEM).

    The keys live only here, inside the SQLCipher-encrypted database (never in a loose file).
    """

    __tablename__ = "exchange_identity"

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_code: Mapped[str] = mapped_column(String(50))
    department_code: Mapped[str] = mapped_column(String(50))
    ca_cert: Mapped[bytes] = mapped_column(LargeBinary)
    department_signing_cert: Mapped[bytes] = mapped_column(LargeBinary)
    signing_cert: Mapped[bytes] = mapped_column(LargeBinary)
    signing_key: Mapped[bytes] = mapped_column(
        Sealed(LargeBinary(), "exchange_identity.signing_key", "bytes")
    )
    encryption_cert: Mapped[bytes] = mapped_column(LargeBinary)
    encryption_key: Mapped[bytes] = mapped_column(
        Sealed(LargeBinary(), "exchange_identity.encryption_key", "bytes")
    )
    seal_kid: Mapped[str] = mapped_column(String(32))
    seal_key: Mapped[bytes] = mapped_column(
        Sealed(LargeBinary(), "exchange_identity.seal_key", "bytes")
    )
    installed_at: Mapped[datetime]


class TrustListRow(Base):
    """Every signed trust list received; the newest version is the one in force."""

    __tablename__ = "trust_lists"

    version: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    issued_at: Mapped[datetime]
    received_at: Mapped[datetime]
    der: Mapped[bytes] = mapped_column(LargeBinary)


class OutboxRow(Base):
    """A package built for the Department: built → carried → acknowledged."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    sequence: Mapped[int] = mapped_column(unique=True)
    sha256: Mapped[str] = mapped_column(String(64))
    # The signed manifest's SHA-256, by which the next package chains (NULL before 0006).
    manifest_sha256: Mapped[str | None] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(200))
    folder: Mapped[str] = mapped_column(Text)
    size: Mapped[int]
    cases: Mapped[int]
    events: Mapped[int]
    scans: Mapped[int]
    state: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime]
    carried_at: Mapped[datetime | None]
    acknowledged_at: Mapped[datetime | None]
    # The audit checkpoint this package carried (entries, head hash); None before 0006.
    audit_entries: Mapped[int | None]
    audit_head: Mapped[str | None] = mapped_column(String(64))


class ExportedRow(Base):
    """What has gone out already (kind: case/event/attachment), so each export sends news."""

    __tablename__ = "exported"

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    ref_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    version: Mapped[int]
    outbox_id: Mapped[int] = mapped_column(ForeignKey("outbox.id"))


class InboxRow(Base):
    """A decision package imported from the Department (its sequence state)."""

    __tablename__ = "inbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    sequence: Mapped[int] = mapped_column(unique=True)
    sha256: Mapped[str] = mapped_column(String(64))
    manifest_sha256: Mapped[str | None] = mapped_column(String(64))  # NULL before 0006
    package_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    received_at: Mapped[datetime]
    decisions: Mapped[int]
    # Set by `qonys exchange reset-chain --to SEQ` on the row SEQ: the next package is taken
    # whatever it names as previous (an audited way out of a broken chain).
    chain_reset: Mapped[bool] = mapped_column(default=False, server_default="0")


class AppliedDecisionRow(Base):
    """A Department decision applied to a case, once (re-sent decisions are skipped)."""

    __tablename__ = "applied_decisions"

    decision_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"))
    kind: Mapped[str] = mapped_column(String(32))
    applied_at: Mapped[datetime]


class CaseChecklistRow(Base):
    """The §3 checklist state of a case: the facts it is derived from and what was received.

    `ruleset` is empty while the case is a draft and fixed at acceptance (§14-1: the version a
    case was accepted under stays visible).
    """

    __tablename__ = "case_checklists"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    facts: Mapped[dict[str, Any]] = mapped_column(
        Sealed(JSON(), "case_checklists.facts", "json"), default=dict
    )
    items: Mapped[dict[str, Any]] = mapped_column(
        Sealed(JSON(), "case_checklists.items", "json"), default=dict
    )
    ruleset: Mapped[str] = mapped_column(String(16), default="")
    updated_at: Mapped[datetime]


class DeadlineRow(Base):
    """An open clock of a case, recomputed at each step; the dashboard queries these."""

    __tablename__ = "deadlines"
    __table_args__ = (
        Index("ix_deadlines_due", "due"),
        Index("ix_deadlines_case", "case_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    key: Mapped[str] = mapped_column(String(48))
    paragraph: Mapped[str] = mapped_column(String(8))
    party: Mapped[str] = mapped_column(String(16))
    start: Mapped[date] = mapped_column(Date)
    due: Mapped[date] = mapped_column(Date)
    unit: Mapped[str] = mapped_column(String(16))
    length: Mapped[int]
    calendar: Mapped[str] = mapped_column(String(16))
    computed_at: Mapped[datetime]


class CustodyRow(Base):
    """§3(2): a Kazakh ID card's original is retained; the register says where it is."""

    __tablename__ = "custody"
    __table_args__ = (Index("ix_custody_case", "case_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    item_key: Mapped[str] = mapped_column(String(64))
    document_kind: Mapped[str] = mapped_column(String(16))
    document_number: Mapped[str] = mapped_column(
        Sealed(String(32), "custody.document_number", "str"), default=""
    )
    received_at: Mapped[datetime]
    received_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    released_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    released_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), nullable=True)
    release_note: Mapped[str] = mapped_column(
        Sealed(Text(), "custody.release_note", "str"), default=""
    )


class ReturnedOriginalRow(Base):
    """§3(2): a passport or birth certificate original, copied and handed back: when, to whom
    (revision 0008_returned_originals)."""

    __tablename__ = "returned_originals"
    __table_args__ = (Index("ix_returned_originals_case", "case_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    item_key: Mapped[str] = mapped_column(String(64))
    document_kind: Mapped[str] = mapped_column(String(32))
    document_number: Mapped[str] = mapped_column(
        Sealed(String(32), "returned_originals.document_number", "str"), default=""
    )
    returned_on: Mapped[date] = mapped_column(Date)
    returned_to: Mapped[str] = mapped_column(
        Sealed(Text(), "returned_originals.returned_to", "str")
    )
    recorded_at: Mapped[datetime]
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))


# --- printed handouts (issue 5; revision 0004_handouts) ---------------------------------------


class SigningCredentialRow(Base):
    """A signing consular official's key and certificate (§10, Annex 4: PAdES signature).

    Installed from the Department's PKCS#12; the key (PKCS#8 PEM) lives only here, inside the
    SQLCipher-encrypted database, never in a loose file.
    """

    __tablename__ = "signing_credentials"

    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"), primary_key=True)
    certificate: Mapped[bytes] = mapped_column(LargeBinary)
    chain: Mapped[bytes] = mapped_column(LargeBinary)  # PEM certificates, maybe empty
    private_key: Mapped[bytes] = mapped_column(
        Sealed(LargeBinary(), "signing_credentials.private_key", "bytes")
    )
    installed_at: Mapped[datetime]


class OfficerBoxKeyRow(Base):
    """A signing official's key pair for receiving the seal key (RSA-OAEP).

    The private half is encrypted PKCS#8 under the official's personal key (only their password
    opens it); `endorsement` is a signature over the public half by their PAdES key, whose
    `certificate` the Department issued: no one else can make a box key the seal is wrapped to.
    """

    __tablename__ = "officer_box_keys"

    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"), primary_key=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)  # DER SubjectPublicKeyInfo
    private_key: Mapped[bytes] = mapped_column(LargeBinary)  # encrypted PKCS#8 PEM
    endorsement: Mapped[bytes] = mapped_column(LargeBinary)
    certificate: Mapped[bytes] = mapped_column(LargeBinary)  # PEM, the endorsing certificate
    created_at: Mapped[datetime]


class SealWrapRow(Base):
    """The mission's Ed25519 seal key wrapped to one official's box key (RSA-OAEP-SHA256)."""

    __tablename__ = "seal_key_wraps"

    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"), primary_key=True)
    seal_kid: Mapped[str] = mapped_column(String(32))
    wrapped: Mapped[bytes] = mapped_column(LargeBinary)
    wrapped_at: Mapped[datetime]


class SearchTokenRow(Base):
    """A keyed search token of a case (PostgreSQL stores; empty in a SQLCipher store, whose
    indexes search the plain keys inside the encrypted file). See `sealed.py`."""

    __tablename__ = "search_tokens"
    __table_args__ = (Index("ix_search_tokens_case", "case_id"),)

    token: Mapped[bytes] = mapped_column(LargeBinary(16), primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)


class SyncTransferRow(Base):
    """The online road of one outbox package (issue 16): where its upload is and how it went.

    Kept in the store so a desk killed mid-transfer continues from here next time; the server's
    offset (asked with HEAD) is the authority, ``offset`` is what it last confirmed.
    """

    __tablename__ = "sync_transfers"

    sequence: Mapped[int] = mapped_column(primary_key=True)  # the outbox package
    upload_url: Mapped[str | None] = mapped_column(Text)
    size: Mapped[int]
    offset: Mapped[int]
    # uploading / delivered / refused / waiting (an error: tried again at next_try_at)
    state: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(40))  # a stable code, worded by the desk
    attempts: Mapped[int]
    next_try_at: Mapped[datetime | None]
    updated_at: Mapped[datetime]
    delivered_at: Mapped[datetime | None]


class SyncLinkRow(Base):
    """The link to the Department as the last sync found it (one row, id 1)."""

    __tablename__ = "sync_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    online: Mapped[int]  # 1 when the last attempt reached the server
    since: Mapped[datetime]  # online or offline since
    last_sync_at: Mapped[datetime | None]
    reason: Mapped[str | None] = mapped_column(String(40))
    attempts: Mapped[int]
    next_try_at: Mapped[datetime | None]
