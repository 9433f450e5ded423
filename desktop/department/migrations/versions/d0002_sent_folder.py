"""Sent packages remember their folder, so an interrupted `send` can be finished.

Revision ID: d0002
Revises: d0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "d0002"
down_revision = "d0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable: packages sent before this revision were published before their commit.
    with op.batch_alter_table("dep_sent_package") as batch:
        batch.add_column(sa.Column("folder", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("dep_sent_package") as batch:
        batch.drop_column("folder")
