"""Name search by surname order without reading the table (issue 19).

A name search ORs prefix ranges of the surname, the name and the Latin surname, each walked
for its first page in surname order (desktop/storage/repositories.py). The name and Latin
ranges are not in surname order, so SQLite read every matching row from the table to sort
it: a common prefix ("smi" on 100,000 cases: 4,500 rows) meant thousands of pages decrypted.
With the surname key in those two indexes the ranges are sorted from the index alone; the
new indexes serve every query the old single-column ones did, which go.

Revision ID: 0009_search_indexes
Revises: 0008_returned_originals
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0009_search_indexes"
down_revision = "0008_returned_originals"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_cases_name_key_surname", "cases", ["name_key", "surname_key"], if_not_exists=True
    )
    op.create_index(
        "ix_cases_surname_latin_key", "cases", ["surname_latin", "surname_key"], if_not_exists=True
    )
    op.drop_index("ix_cases_name_key", table_name="cases")
    op.drop_index("ix_cases_surname_latin", table_name="cases")


def downgrade() -> None:
    op.create_index("ix_cases_surname_latin", "cases", ["surname_latin"])
    op.create_index("ix_cases_name_key", "cases", ["name_key"])
    op.drop_index("ix_cases_surname_latin_key", table_name="cases")
    op.drop_index("ix_cases_name_key_surname", table_name="cases")
