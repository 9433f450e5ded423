"""Packages chain by their signed manifests; an administrator can reset a broken chain.

Outbox and inbox rows keep the SHA-256 of the package's signed manifest.json (rows made before
this revision have none, NULL: for those the whole file's SHA-256 is compared, as before). An
inbox row can carry the mark of an administrator's chain reset (issue 13).

Revision ID: 0007_package_chain
Revises: 0006_insider_keys
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_package_chain"
down_revision = "0006_insider_keys"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("manifest_sha256", sa.String(64), nullable=True))
    with op.batch_alter_table("inbox") as batch:
        batch.add_column(sa.Column("manifest_sha256", sa.String(64), nullable=True))
        batch.add_column(
            sa.Column("chain_reset", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("inbox") as batch:
        batch.drop_column("chain_reset")
        batch.drop_column("manifest_sha256")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("manifest_sha256")
