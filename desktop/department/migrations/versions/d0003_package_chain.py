"""Packages chain by their signed manifests; an administrator can reset a broken chain.

Received and sent packages keep the SHA-256 of their signed manifest.json (rows made before
this revision have none, NULL: for those the whole file's SHA-256 is compared, as before). A
received package can carry the mark of an administrator's chain reset (issue 13).

Revision ID: d0003
Revises: d0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "d0003"
down_revision = "d0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dep_received_package") as batch:
        batch.add_column(sa.Column("manifest_sha256", sa.String(64), nullable=True))
        batch.add_column(
            sa.Column("chain_reset", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("dep_sent_package") as batch:
        batch.add_column(sa.Column("manifest_sha256", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("dep_sent_package") as batch:
        batch.drop_column("manifest_sha256")
    with op.batch_alter_table("dep_received_package") as batch:
        batch.drop_column("chain_reset")
        batch.drop_column("manifest_sha256")
