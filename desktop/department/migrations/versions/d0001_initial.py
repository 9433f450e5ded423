"""The Department's first schema: missions, certificates, trust lists, packages, cases, decisions.

Exactly what `Base.metadata.create_all` made before the Department had migrations (schema
version 1 in `dep_setting`); such a database is stamped with this revision on open.

Revision ID: d0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "d0001"
down_revision = None
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "dep_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", _TS, nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "dep_certificate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("serial", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("mission_code", sa.String(length=50), nullable=True),
        sa.Column("holder", sa.String(length=300), nullable=False),
        sa.Column("der", sa.LargeBinary(), nullable=False),
        sa.Column("key_id", sa.String(length=64), nullable=True),
        sa.Column("issued_at", _TS, nullable=False),
        sa.Column("revoked_at", _TS, nullable=True),
        sa.Column("reason", sa.String(length=300), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("fingerprint"),
    )
    op.create_index(
        "ix_dep_certificate_mission_code", "dep_certificate", ["mission_code"], unique=False
    )
    op.create_table(
        "dep_mission",
        sa.Column("code", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("enrolled_at", _TS, nullable=False),
        sa.Column("revoked_at", _TS, nullable=True),
        sa.Column("signing_fpr", sa.String(length=64), nullable=False),
        sa.Column("encryption_cert", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_index("ix_dep_mission_signing_fpr", "dep_mission", ["signing_fpr"], unique=False)
    op.create_table(
        "dep_setting",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "dep_trust_list",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("issued_at", _TS, nullable=False),
        sa.Column("der", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("version"),
    )
    op.create_table(
        "dep_case",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_code", sa.String(length=50), nullable=False),
        sa.Column("case_ref", sa.String(length=200), nullable=False),
        sa.Column("number", sa.String(length=100), nullable=False),
        sa.Column("questionnaire", sa.JSON(), nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=False),
        sa.Column("received_at", _TS, nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
        sa.ForeignKeyConstraint(["mission_code"], ["dep_mission.code"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("mission_code", "case_ref"),
    )
    op.create_index("ix_dep_case_number", "dep_case", ["number"], unique=False)
    op.create_index("ix_dep_case_stage", "dep_case", ["mission_code", "stage"], unique=False)
    op.create_table(
        "dep_received_package",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_code", sa.String(length=50), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("package_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("received_at", _TS, nullable=False),
        sa.Column("cases", sa.Integer(), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.Column("scans", sa.Integer(), nullable=False),
        sa.Column("gap_accepted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["mission_code"], ["dep_mission.code"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("mission_code", "sequence"),
    )
    op.create_table(
        "dep_sent_package",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mission_code", sa.String(length=50), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("decisions", sa.Integer(), nullable=False),
        sa.Column("acknowledged_at", _TS, nullable=True),
        sa.ForeignKeyConstraint(["mission_code"], ["dep_mission.code"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("mission_code", "sequence"),
    )
    op.create_table(
        "dep_decision",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("after_objection", sa.Boolean(), nullable=False),
        sa.Column("police_department", sa.String(length=300), nullable=False),
        sa.Column("number", sa.String(length=100), nullable=False),
        sa.Column("date", sa.String(length=10), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_at", _TS, nullable=False),
        sa.Column("recorded_by", sa.String(length=100), nullable=False),
        sa.Column("acknowledged_at", _TS, nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["dep_case.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_dep_decision_case_id", "dep_decision", ["case_id"], unique=False)
    op.create_table(
        "dep_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("event_ref", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=100), nullable=False),
        sa.Column("at", _TS, nullable=False),
        sa.Column("officer", sa.String(length=200), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["dep_case.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id", "event_ref"),
    )
    op.create_index("ix_dep_event_case_id", "dep_event", ["case_id"], unique=False)
    op.create_table(
        "dep_scan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("scan_ref", sa.String(length=200), nullable=False),
        sa.Column("document", sa.String(length=200), nullable=True),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["dep_case.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id", "scan_ref"),
    )
    op.create_index("ix_dep_scan_case_id", "dep_scan", ["case_id"], unique=False)
    op.create_table(
        "dep_sent_decision",
        sa.Column("sent_id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["decision_id"], ["dep_decision.id"]),
        sa.ForeignKeyConstraint(["sent_id"], ["dep_sent_package.id"]),
        sa.PrimaryKeyConstraint("sent_id", "decision_id"),
    )


def downgrade() -> None:
    for table in (
        "dep_sent_decision",
        "dep_scan",
        "dep_event",
        "dep_decision",
        "dep_sent_package",
        "dep_received_package",
        "dep_case",
        "dep_trust_list",
        "dep_setting",
        "dep_mission",
        "dep_certificate",
        "dep_audit",
    ):
        op.drop_table(table)
