"""Surname sort keys of a name search read from an index (issue 21).

On PostgreSQL a name search finds its cases through search tokens and sorts them by surname in
the desk, after opening each case's sealed surname key: the server has to hand over the key of
every case found. It joined the tokens' case ids to the whole `cases` table (a sequential scan
of every row with the questionnaire beside it once a search found a few percent of the cases);
with `(id, surname_key)` in an index of their own each key is an index-only lookup.

On SQLite the index serves nothing (the surname index already holds the rowid) but costs little;
the models stay one schema for both kinds of store.

Revision ID: 0012_search_keys
Revises: 0011_sync_transfers
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0012_search_keys"
down_revision = "0011_sync_transfers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_cases_id_surname_key", "cases", ["id", "surname_key"], if_not_exists=True)


def downgrade() -> None:
    op.drop_index("ix_cases_id_surname_key", table_name="cases")
