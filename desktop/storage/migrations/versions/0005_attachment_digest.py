"""Each scanned page keeps the SHA-256 of its bytes, so an export need not hash them again.

Pages stored before this revision have none (NULL); the export computes theirs as it reads them.

Revision ID: 0005_attachment_digest
Revises: 0004_handouts
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_attachment_digest"
down_revision = "0004_handouts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("attachments") as batch:
        batch.add_column(sa.Column("sha256", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("attachments") as batch:
        batch.drop_column("sha256")
