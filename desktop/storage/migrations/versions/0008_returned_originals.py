"""§3(2): the register of originals copied and handed back (passports, birth certificates).

"Қазақстан Республикасы азаматының паспортын және/немесе баланың туу туралы куәлігін немесе
анықтамасын қабылдаған кезде ... көшірмелерін жасайды, содан кейін ... түпнұсқаларын қайтарып
береді": beside the custody register of retained ID cards, this one says when each returned
original went back and to whom.

Revision ID: 0008_returned_originals
Revises: 0007_package_chain
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_returned_originals"
down_revision = "0007_package_chain"
branch_labels = None
depends_on = None

_TS = sa.String(32)


def upgrade() -> None:
    op.create_table(
        "returned_originals",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("item_key", sa.String(64), nullable=False),
        sa.Column("document_kind", sa.String(32), nullable=False),
        sa.Column("document_number", sa.String(32), nullable=False),
        sa.Column("returned_on", sa.Date, nullable=False),
        sa.Column("returned_to", sa.Text, nullable=False),
        sa.Column("recorded_at", _TS, nullable=False),
        sa.Column("recorded_by", sa.Integer, sa.ForeignKey("officers.id"), nullable=True),
    )
    op.create_index("ix_returned_originals_case", "returned_originals", ["case_id"])


def downgrade() -> None:
    op.drop_table("returned_originals")
