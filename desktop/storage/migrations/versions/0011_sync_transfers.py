"""Online exchange (issue 16): the transfer state of the sync with the Department.

``sync_transfers`` keeps, per outbox package, the tus upload's address, the offset the server
last confirmed, the state (uploading, delivered, refused, waiting) with its reason and the
time of the next try; ``sync_link`` the link's state (online or offline since when). A desk
killed mid-transfer continues from here.

Revision ID: 0011_sync_transfers
Revises: 0010_shared_store
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_sync_transfers"
down_revision = "0010_shared_store"
branch_labels = None
depends_on = None

_TS = sa.String(32)


def upgrade() -> None:
    op.create_table(
        "sync_transfers",
        sa.Column("sequence", sa.Integer, primary_key=True),
        sa.Column("upload_url", sa.Text, nullable=True),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("offset", sa.Integer, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("reason", sa.String(40), nullable=True),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_try_at", _TS, nullable=True),
        sa.Column("updated_at", _TS, nullable=False),
        sa.Column("delivered_at", _TS, nullable=True),
    )
    op.create_table(
        "sync_link",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("online", sa.Integer, nullable=False),
        sa.Column("since", _TS, nullable=False),
        sa.Column("last_sync_at", _TS, nullable=True),
        sa.Column("reason", sa.String(40), nullable=True),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_try_at", _TS, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("sync_link")
    op.drop_table("sync_transfers")
