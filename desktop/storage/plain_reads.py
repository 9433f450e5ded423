"""A search's page read on PostgreSQL through psycopg alone (issue 21).

A read session of a PostgreSQL store (storage/reading.py) runs on the read pool's autocommit
connections: each statement is its own snapshot, so the statement of a search's page may as
well run on a connection of its own from that pool. `plain_rows` runs it there without
SQLAlchemy's execution layers: its Core statement compiled once for the pool's dialect, the
values it binds written and the columns it reads read by their own types (a sealed column is
opened by `Sealed`'s reader, as through SQLAlchemy). The session's connection, execution
context and result set-up cost the desk twice what psycopg and the server take for an IIN
lookup on 100,000 cases (0.4 of 0.65 ms).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Select
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

# Session.info: the session reads through the PostgreSQL read pool (autocommit).
PLAIN_READS = "qonys_plain_reads"
_PLAIN_CACHE = "qonys_plain_statements"  # on the read pool's dialect: its compiled statements


@dataclass(frozen=True, slots=True)
class _Plain:
    """A statement compiled for one dialect, with the readers of its values."""

    compiled: Any  # sqlalchemy.sql.compiler.SQLCompiler
    sql: str
    binds: Mapping[str, Callable[[Any], Any]]  # bind name → its type's writer (those with one)
    readers: tuple[tuple[int, Callable[[Any], Any]], ...]  # column → its type's reader


def _plain(dialect: Dialect, statement: Select[Any]) -> _Plain | None:
    """`statement` compiled once per dialect (the dialect carries the store's sealer, which the
    sealed columns' readers look up at each value: a statement compiled for one store never
    opens another's values). None: it has values rendered at each execution (an expanding IN)."""
    cache: dict[Select[Any], _Plain | None] | None = getattr(dialect, _PLAIN_CACHE, None)
    if cache is None:
        cache = {}
        setattr(dialect, _PLAIN_CACHE, cache)
    if statement in cache:
        return cache[statement]
    compiled = statement.compile(dialect=dialect)
    plain: _Plain | None = None
    if not (compiled.post_compile_params or compiled.literal_execute_params):
        binds = {}
        for bind, name in compiled.bind_names.items():
            writer = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if writer is not None:
                binds[name] = writer
        readers = []
        for n, column in enumerate(statement.selected_columns):
            reader = column.type.dialect_impl(dialect).result_processor(dialect, None)
            if reader is not None:
                readers.append((n, reader))
        plain = _Plain(compiled, compiled.string, binds, tuple(readers))
    cache[statement] = plain
    return plain


def plain_rows(
    session: Session, statement: Select[Any], params: dict[str, Any]
) -> Sequence[tuple[Any, ...]] | None:
    """The rows of `statement` (one of the statements built once and kept), read on a
    connection of the PostgreSQL read pool through psycopg alone; values as SQLAlchemy gives
    them. None when this session cannot take that path (not a read session of PostgreSQL, a
    transaction of its own begun, a statement with an expanding IN) or the pool's connection
    had been dropped by the server: the caller reads through the session, which reconnects."""
    if not session.info.get(PLAIN_READS) or session.in_transaction():
        return None
    engine = session.get_bind()
    if not isinstance(engine, Engine):
        return None
    plain = _plain(engine.dialect, statement)
    if plain is None:
        return None
    values = plain.compiled.construct_params(params)
    for name, writer in plain.binds.items():
        values[name] = writer(values[name])
    raw = engine.raw_connection()
    try:
        with raw.driver_connection.cursor() as cursor:  # type: ignore[union-attr]
            # Prepared at once (psycopg waits for a statement's 5th run): one of a few dozen
            # statements kept for the store's life, whose plan the server keeps from its 6th.
            cursor.execute(plain.sql, values, prepare=True)
            rows = cursor.fetchall()
    except engine.dialect.loaded_dbapi.Error as exc:
        # The session's path runs it again: it reconnects (`read`) or raises SQLAlchemy's
        # error, as every other read does.
        if isinstance(exc, engine.dialect.loaded_dbapi.OperationalError):
            raw.invalidate()
        return None
    finally:
        raw.close()
    if not plain.readers:
        return rows  # type: ignore[no-any-return]
    read_rows = []
    for row in rows:
        values_of = list(row)
        for n, reader in plain.readers:
            values_of[n] = reader(values_of[n])
        read_rows.append(tuple(values_of))
    return read_rows
