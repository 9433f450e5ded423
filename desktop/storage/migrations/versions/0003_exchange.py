"""The exchange with the Department: enrolment, trust lists, outbox, inbox (issue 6).

Revision ID: 0003_exchange
Revises: 0002_procedure
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_exchange"
down_revision = "0002_procedure"
branch_labels = None
depends_on = None

_TS = sa.String(32)  # UtcDateTime: ISO 8601 text


def upgrade() -> None:
    op.create_table(
        "exchange_identity",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("mission_code", sa.String(50), nullable=False),
        sa.Column("department_code", sa.String(50), nullable=False),
        sa.Column("ca_cert", sa.LargeBinary, nullable=False),
        sa.Column("department_signing_cert", sa.LargeBinary, nullable=False),
        sa.Column("signing_cert", sa.LargeBinary, nullable=False),
        sa.Column("signing_key", sa.LargeBinary, nullable=False),
        sa.Column("encryption_cert", sa.LargeBinary, nullable=False),
        sa.Column("encryption_key", sa.LargeBinary, nullable=False),
        sa.Column("seal_kid", sa.String(32), nullable=False),
        sa.Column("seal_key", sa.LargeBinary, nullable=False),
        sa.Column("installed_at", _TS, nullable=False),
    )
    op.create_table(
        "trust_lists",
        sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("issued_at", _TS, nullable=False),
        sa.Column("received_at", _TS, nullable=False),
        sa.Column("der", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sequence", sa.Integer, nullable=False, unique=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("file_name", sa.String(200), nullable=False),
        sa.Column("folder", sa.Text, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("cases", sa.Integer, nullable=False),
        sa.Column("events", sa.Integer, nullable=False),
        sa.Column("scans", sa.Integer, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("carried_at", _TS, nullable=True),
        sa.Column("acknowledged_at", _TS, nullable=True),
    )
    op.create_table(
        "exported",
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("ref_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("outbox_id", sa.Integer, sa.ForeignKey("outbox.id"), nullable=False),
    )
    op.create_table(
        "inbox",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sequence", sa.Integer, nullable=False, unique=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("package_id", sa.String(64), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("received_at", _TS, nullable=False),
        sa.Column("decisions", sa.Integer, nullable=False),
    )
    op.create_table(
        "applied_decisions",
        sa.Column("decision_id", sa.String(64), primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("applied_at", _TS, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "applied_decisions",
        "inbox",
        "exported",
        "outbox",
        "trust_lists",
        "exchange_identity",
    ):
        op.drop_table(table)
