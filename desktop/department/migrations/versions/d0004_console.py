"""The staff console (issue 17): roles, sessions, the police bodies' reference list, routing
and forwarding letters, decision documents, and the cases' search keys.

The reference list of internal affairs bodies is seeded from ``police_bodies.json`` (a head
edits it from the console afterwards). Cases received earlier get their search keys here.

Revision ID: d0004
Revises: d0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "d0004"
down_revision = "d0003"
branch_labels = None
depends_on = None

_SEED = Path(__file__).resolve().parents[2] / "police_bodies.json"


def upgrade() -> None:
    from desktop.department.casebook import search_keys  # the keys the receive writes too

    with op.batch_alter_table("dep_case") as batch:
        batch.add_column(sa.Column("iin", sa.String(12), nullable=True))
        batch.add_column(sa.Column("name_key", sa.Text(), nullable=True))
        batch.create_index("ix_dep_case_iin", ["iin"])
        batch.create_index("ix_dep_case_received", ["received_at", "id"])
    if op.get_bind().dialect.name == "postgresql":
        # pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may add it.
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.create_index(
            "ix_dep_case_name_key",
            "dep_case",
            ["name_key"],
            postgresql_using="gin",
            postgresql_ops={"name_key": "gin_trgm_ops"},
        )
    else:
        op.create_index("ix_dep_case_name_key", "dep_case", ["name_key"])
    op.create_table(
        "dep_staff_role",
        sa.Column("user", sa.String(100), primary_key=True),
        sa.Column("role", sa.String(20), nullable=False),
    )
    op.create_table(
        "dep_console_session",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("user", sa.String(100), nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("lang", sa.String(2), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_dep_console_session_user", "dep_console_session", ["user"])
    bodies = op.create_table(
        "dep_police_body",
        sa.Column("code", sa.String(40), primary_key=True),
        sa.Column("name_kk", sa.String(300), nullable=False),
        sa.Column("name_ru", sa.String(300), nullable=False),
        sa.Column("places", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "dep_letter",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "police_body", sa.String(40), sa.ForeignKey("dep_police_body.code"), nullable=False
        ),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("sent_on", sa.String(10), nullable=True),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
    )
    op.create_index("ix_dep_letter_police_body", "dep_letter", ["police_body"])
    op.create_table(
        "dep_routing",
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("dep_case.id"), primary_key=True),
        sa.Column(
            "police_body", sa.String(40), sa.ForeignKey("dep_police_body.code"), nullable=False
        ),
        sa.Column("routed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("routed_by", sa.String(100), nullable=False),
        sa.Column("letter_id", sa.Integer(), sa.ForeignKey("dep_letter.id"), nullable=True),
    )
    op.create_index("ix_dep_routing_police_body", "dep_routing", ["police_body"])
    op.create_index("ix_dep_routing_letter_id", "dep_routing", ["letter_id"])
    op.create_table(
        "dep_decision_document",
        sa.Column("decision_id", sa.String(64), sa.ForeignKey("dep_decision.id"), primary_key=True),
        sa.Column("file_name", sa.String(300), nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
    )
    seed = json.loads(_SEED.read_text(encoding="utf-8"))
    op.bulk_insert(
        bodies,
        [
            {
                "code": b["code"],
                "name_kk": b["name_kk"],
                "name_ru": b["name_ru"],
                "places": "\n".join(b["places"]),
                "active": True,
            }
            for b in seed
        ],
    )
    conn = op.get_bind()
    cases = sa.table(
        "dep_case",
        sa.column("id", sa.Integer()),
        sa.column("questionnaire", sa.JSON()),
        sa.column("iin", sa.String()),
        sa.column("name_key", sa.Text()),
    )
    rows = conn.execute(sa.select(cases.c.id, cases.c.questionnaire)).all()
    for case_id, questionnaire in rows:
        iin, key = search_keys(questionnaire or {})
        conn.execute(cases.update().where(cases.c.id == case_id).values(iin=iin, name_key=key))


def downgrade() -> None:
    op.drop_table("dep_decision_document")
    op.drop_table("dep_routing")
    op.drop_table("dep_letter")
    op.drop_table("dep_police_body")
    op.drop_table("dep_console_session")
    op.drop_table("dep_staff_role")
    # No table copy on SQLite (its ALTER TABLE DROP COLUMN suffices): a copy of dep_case would
    # be refused by the events' and scans' foreign keys.
    op.drop_index("ix_dep_case_name_key", "dep_case")
    with op.batch_alter_table("dep_case", recreate="never") as batch:
        batch.drop_index("ix_dep_case_received")
        batch.drop_index("ix_dep_case_iin")
        batch.drop_column("name_key")
        batch.drop_column("iin")
