"""Printed handouts: the signing officials' keys and certificates (issue 5).

Revision ID: 0004_handouts
Revises: 0003_exchange
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_handouts"
down_revision = "0003_exchange"
branch_labels = None
depends_on = None

_TS = sa.String(32)  # UtcDateTime: ISO 8601 text


def upgrade() -> None:
    op.create_table(
        "signing_credentials",
        sa.Column("officer_id", sa.Integer, sa.ForeignKey("officers.id"), primary_key=True),
        sa.Column("certificate", sa.LargeBinary, nullable=False),
        sa.Column("chain", sa.LargeBinary, nullable=False),
        sa.Column("private_key", sa.LargeBinary, nullable=False),
        sa.Column("installed_at", _TS, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("signing_credentials")
