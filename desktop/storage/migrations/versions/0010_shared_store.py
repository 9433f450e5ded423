"""A mission store shared by several desks on PostgreSQL (issue 21).

Both kinds of store get the (empty on SQLite) table of keyed search tokens. On PostgreSQL the
columns that can hold personal data become `bytea`: they hold AES-GCM ciphertext
(`desktop/storage/sealed.py`), and the indexes over their plain values are dropped (a sealed
value is found through `search_tokens`). A SQLCipher store's columns are unchanged.

Revision ID: 0010_shared_store
Revises: 0009_search_indexes
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_shared_store"
down_revision = "0009_search_indexes"
branch_labels = None
depends_on = None

# (table, column): what `Sealed` marks in models.py; a test keeps the two lists equal.
SEALED_COLUMNS = (
    ("officers", "full_name"),
    ("cases", "iin"),
    ("cases", "surname"),
    ("cases", "name"),
    ("cases", "patronymic"),
    ("cases", "surname_key"),
    ("cases", "name_key"),
    ("cases", "surname_latin"),
    ("cases", "birth_date"),
    ("cases", "questionnaire"),
    ("events", "data"),
    ("attachments", "data"),
    ("attachments", "note"),
    ("exchange_identity", "signing_key"),
    ("exchange_identity", "encryption_key"),
    ("exchange_identity", "seal_key"),
    ("signing_credentials", "private_key"),
    ("case_checklists", "facts"),
    ("case_checklists", "items"),
    ("custody", "document_number"),
    ("custody", "release_note"),
    ("returned_originals", "document_number"),
    ("returned_originals", "returned_to"),
)
_PLAIN_INDEXES = ("ix_cases_iin", "ix_cases_surname_key", "ix_cases_name_key_surname")
_PLAIN_INDEXES_LATIN = ("ix_cases_surname_latin_key",)


def upgrade() -> None:
    op.create_table(
        "search_tokens",
        sa.Column("token", sa.LargeBinary(16), primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), primary_key=True),
    )
    op.create_index("ix_search_tokens_case", "search_tokens", ["case_id"])
    if op.get_bind().dialect.name != "postgresql":
        return
    for index in (*_PLAIN_INDEXES, *_PLAIN_INDEXES_LATIN):
        op.drop_index(index)
    for table, column in SEALED_COLUMNS:
        # A new shared store: its tables are empty, there is nothing in clear to convert.
        op.execute(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" DROP DEFAULT')
        op.execute(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE bytea USING NULL')


def downgrade() -> None:
    op.drop_index("ix_search_tokens_case", "search_tokens")
    op.drop_table("search_tokens")
