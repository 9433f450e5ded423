"""The first schema: mission, officers, cases, events, audit log, attachments.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_TS = sa.String(32)  # UtcDateTime: ISO 8601 text


def upgrade() -> None:
    op.create_table(
        "mission",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("settings", sa.JSON, nullable=False),
    )
    op.create_table(
        "officers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("login", sa.String(64), nullable=False, unique=True),
        sa.Column("full_name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", _TS, nullable=False),
    )
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("number", sa.String(32), nullable=False, unique=True),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
        sa.Column("created_by", sa.Integer, sa.ForeignKey("officers.id"), nullable=False),
        sa.Column("stage", sa.String(32), nullable=False),
        sa.Column("iin", sa.String(12), nullable=False),
        sa.Column("surname", sa.String(100), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("patronymic", sa.String(100), nullable=False),
        sa.Column("surname_key", sa.String(100), nullable=False),
        sa.Column("name_key", sa.String(100), nullable=False),
        sa.Column("surname_latin", sa.String(200), nullable=False),
        sa.Column("birth_date", sa.Date, nullable=True),
        sa.Column("complete", sa.Boolean, nullable=False),
        sa.Column("questionnaire", sa.JSON, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_cases_iin", "cases", ["iin"])
    op.create_index("ix_cases_surname_key", "cases", ["surname_key"])
    op.create_index("ix_cases_name_key", "cases", ["name_key"])
    op.create_index("ix_cases_surname_latin", "cases", ["surname_latin"])
    op.create_index("ix_cases_stage", "cases", ["stage"])
    op.create_index("ix_cases_created_at", "cases", ["created_at"])
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(48), nullable=False),
        sa.Column("at", _TS, nullable=False),
        sa.Column("officer_id", sa.Integer, sa.ForeignKey("officers.id"), nullable=True),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_events_case_seq", "events", ["case_id", "seq"], unique=True)
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("at", _TS, nullable=False),
        sa.Column("officer", sa.String(64), nullable=False),
        sa.Column("action", sa.String(48), nullable=False),
        sa.Column("entity", sa.String(32), nullable=False),
        sa.Column("entity_id", sa.String(64), nullable=False),
        sa.Column("detail", sa.JSON, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    # The audit log is append-only at the database level as well as in the code.
    if op.get_bind().dialect.name == "postgresql":  # a shared store (issue 21)
        op.execute(
            "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
        )
    else:
        op.execute(
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
        )
        op.execute(
            "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
        )
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("last_id", sa.Integer, nullable=False),
        sa.Column("last_hash", sa.String(64), nullable=False),
    )
    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("item_key", sa.String(64), nullable=False),
        sa.Column("document_id", sa.String(36), nullable=False),
        sa.Column("page_no", sa.Integer, nullable=False),
        sa.Column("mime", sa.String(32), nullable=False),
        sa.Column("width", sa.Integer, nullable=False),
        sa.Column("height", sa.Integer, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("created_by", sa.Integer, sa.ForeignKey("officers.id"), nullable=True),
        sa.Column("note", sa.Text, nullable=False),
    )
    op.create_index("ix_attachments_case_item", "attachments", ["case_id", "item_key"])


def downgrade() -> None:
    for table in (
        "attachments",
        "audit_head",
        "audit_log",
        "events",
        "cases",
        "officers",
        "mission",
    ):
        op.drop_table(table)
