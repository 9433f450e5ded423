"""Online exchange (issue 16): the resumable uploads of the sync server.

One row per tus upload: its mission, length, the offset written to disk so far, the SHA-256
the mission announced, and, once complete, what ``receive`` answered (accepted, duplicate,
or refused with a stable reason code). The bytes themselves wait in ``DEP/sync/uploads``.

Revision ID: d0005
Revises: d0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "d0005"
down_revision = "d0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dep_sync_upload",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("mission_code", sa.String(50), sa.ForeignKey("dep_mission.code"), nullable=False),
        sa.Column("length", sa.BigInteger, nullable=False),
        sa.Column("offset", sa.BigInteger, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("result", sa.String(16), nullable=True),
        sa.Column("reason", sa.String(40), nullable=True),
        sa.Column("sequence", sa.Integer, nullable=True),
    )
    op.create_index("ix_dep_sync_upload_mission_code", "dep_sync_upload", ["mission_code"])


def downgrade() -> None:
    op.drop_table("dep_sync_upload")
