"""Signing keys that only their official opens, and the audit checkpoint of each package.

* `officer_box_keys`: a signing official's RSA key pair for receiving the mission's seal key
  (the private half as encrypted PKCS#8 under the official's personal key, which only their
  password opens), endorsed by a signature of their Department-issued PAdES key.
* `seal_key_wraps`: the mission's Ed25519 seal key, RSA-OAEP-wrapped to each official's box key.
* `outbox.audit_entries` / `outbox.audit_head`: the audit checkpoint a package carried, so the
  next package can show the Department that the log still holds it.

Existing keys stay as they are until their official's next login (`signing_keys.upgrade_at_login`).

Revision ID: 0006_insider_keys
Revises: 0005_attachment_digest
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_insider_keys"
down_revision = "0005_attachment_digest"
branch_labels = None
depends_on = None

_TS = sa.String(32)


def upgrade() -> None:
    op.create_table(
        "officer_box_keys",
        sa.Column("officer_id", sa.Integer, sa.ForeignKey("officers.id"), primary_key=True),
        sa.Column("public_key", sa.LargeBinary, nullable=False),
        sa.Column("private_key", sa.LargeBinary, nullable=False),
        sa.Column("endorsement", sa.LargeBinary, nullable=False),
        sa.Column("certificate", sa.LargeBinary, nullable=False),
        sa.Column("created_at", _TS, nullable=False),
    )
    op.create_table(
        "seal_key_wraps",
        sa.Column("officer_id", sa.Integer, sa.ForeignKey("officers.id"), primary_key=True),
        sa.Column("seal_kid", sa.String(32), nullable=False),
        sa.Column("wrapped", sa.LargeBinary, nullable=False),
        sa.Column("wrapped_at", _TS, nullable=False),
    )
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("audit_entries", sa.Integer, nullable=True))
        batch.add_column(sa.Column("audit_head", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("audit_head")
        batch.drop_column("audit_entries")
    op.drop_table("seal_key_wraps")
    op.drop_table("officer_box_keys")
