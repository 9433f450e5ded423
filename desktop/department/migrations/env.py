"""Alembic environment of the Department database: run with a connection handed in by the store."""

from __future__ import annotations

from alembic import context

from desktop.department.migrate import VERSION_TABLE
from desktop.department.store import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Department migrations run only through desktop.department.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    version_table=VERSION_TABLE,
    # SQLite alters tables by copying them; PostgreSQL takes the same scripts as they are.
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
