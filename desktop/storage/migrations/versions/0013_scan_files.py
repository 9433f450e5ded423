"""Scan pages in encrypted files of their own (issue 19, `storage/scanfiles.py`).

`attachments.scan_file` names the page's file under DIR/scans; NULL: the bytes are still in
`attachments.data` (pages stored before, and every page of a PostgreSQL store). The column
`data` keeps its NOT NULL (an empty value for a page in a file): adding a column leaves a
large table as it is, where changing a constraint would rebuild it on SQLite.

Revision ID: 0013_scan_files
Revises: 0012_search_keys
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_scan_files"
down_revision = "0012_search_keys"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("attachments", sa.Column("scan_file", sa.String(48), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("attachments") as batch:
        batch.drop_column("scan_file")
