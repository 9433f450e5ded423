"""Alembic environment: always run with a keyed connection handed in by the store."""

from __future__ import annotations

from alembic import context

from desktop.storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Qonys migrations run only through desktop.storage.migrate")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
