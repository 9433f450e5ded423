"""The procedure: checklist state, open deadlines, the custody register of retained ID cards.

Revision ID: 0002_procedure
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_procedure"
down_revision = "0001"
branch_labels = None
depends_on = None

_TS = sa.String(32)  # UtcDateTime: ISO 8601 text


def upgrade() -> None:
    op.create_table(
        "case_checklists",
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), primary_key=True),
        sa.Column("facts", sa.JSON, nullable=False),
        sa.Column("items", sa.JSON, nullable=False),
        sa.Column("ruleset", sa.String(16), nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
    )
    op.create_table(
        "deadlines",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("key", sa.String(48), nullable=False),
        sa.Column("paragraph", sa.String(8), nullable=False),
        sa.Column("party", sa.String(16), nullable=False),
        sa.Column("start", sa.Date, nullable=False),
        sa.Column("due", sa.Date, nullable=False),
        sa.Column("unit", sa.String(16), nullable=False),
        sa.Column("length", sa.Integer, nullable=False),
        sa.Column("calendar", sa.String(16), nullable=False),
        sa.Column("computed_at", _TS, nullable=False),
    )
    op.create_index("ix_deadlines_due", "deadlines", ["due"])
    op.create_index("ix_deadlines_case", "deadlines", ["case_id"])
    op.create_table(
        "custody",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("item_key", sa.String(64), nullable=False),
        sa.Column("document_kind", sa.String(16), nullable=False),
        sa.Column("document_number", sa.String(32), nullable=False),
        sa.Column("received_at", _TS, nullable=False),
        sa.Column("received_by", sa.Integer, sa.ForeignKey("officers.id"), nullable=True),
        sa.Column("released_at", _TS, nullable=True),
        sa.Column("released_by", sa.Integer, sa.ForeignKey("officers.id"), nullable=True),
        sa.Column("release_note", sa.Text, nullable=False),
    )
    op.create_index("ix_custody_case", "custody", ["case_id"])


def downgrade() -> None:
    for table in ("custody", "deadlines", "case_checklists"):
        op.drop_table(table)
