"""A decision names the deciding Police Department in Russian too (issue 12 §16).

`dep_decision.police_department_ru` (nullable): the body in Russian, genitive, for the Russian
line of the Annex 4 notification. Decisions recorded before keep NULL (the mission then uses
its list of Police Departments).

Revision ID: d0006
Revises: d0005
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "d0006"
down_revision = "d0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dep_decision") as batch:
        batch.add_column(sa.Column("police_department_ru", sa.String(300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("dep_decision") as batch:
        batch.drop_column("police_department_ru")
