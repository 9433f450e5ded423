"""Copying a mission store between a SQLCipher file and PostgreSQL, verified (issue 21).

Rows are read and written through the models' column types, so a sealed PostgreSQL value is
opened on reading and sealed again on writing (with the same data key: the key slots move
unchanged). Each table is compared afterwards by its row count and a SHA-256 over its rows in
primary-key order, read back through the destination's own connection: a copy that differs in
one value is refused before anything is retired.

Scan pages in files of their own (a SQLCipher store, issue 19) are read into their row on the
way: a PostgreSQL store keeps every page sealed in its column, and both sides' digests are
taken over the page's bytes, wherever they were kept.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Integer, Table, delete, func, insert, select

from desktop.storage.models import AttachmentRow, Base, CaseRow, SearchTokenRow
from desktop.storage.scanfiles import scan_files_of
from desktop.storage.sealed import sealer_of
from desktop.storage.tokens import case_tokens

BATCH = 500
# Derived in each kind of store (tokens exist only on PostgreSQL): rebuilt, never copied.
DERIVED = {SearchTokenRow.__tablename__}

Progress = Callable[[str, int], None]


class CopyMismatch(Exception):
    """The copy does not hold what the source holds (the tables that differ)."""


def tables() -> list[Table]:
    return [t for t in Base.metadata.sorted_tables if t.name not in DERIVED]


def _canonical(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _rows(conn: Connection, table: Table) -> Iterator[dict[str, Any]]:
    """The table's rows in primary-key order, as mappings; scan pages with their bytes."""
    query = select(table).order_by(*table.primary_key.columns)
    files = scan_files_of(conn.dialect) if table.name == AttachmentRow.__tablename__ else None
    for row in conn.execute(query.execution_options(yield_per=BATCH)):
        values = dict(row._mapping)
        if files is not None and values.get("scan_file"):
            values["data"] = files.read(values["scan_file"], values.get("sha256") or "")
            values["scan_file"] = None
        yield values


def digests(conn: Connection) -> dict[str, tuple[int, str]]:
    """Every copied table's (row count, SHA-256 of its rows in primary-key order)."""
    result: dict[str, tuple[int, str]] = {}
    for table in tables():
        digest = hashlib.sha256()
        count = 0
        for row in _rows(conn, table):
            values = [_canonical(v) for v in row.values()]
            digest.update(json.dumps(values, sort_keys=True, ensure_ascii=False).encode())
            digest.update(b"\n")
            count += 1
        result[table.name] = (count, digest.hexdigest())
    return result


def copy_rows(source: Connection, dest: Connection, progress: Progress | None = None) -> None:
    """Copy every table (parents first); then rebuild what the destination derives."""
    for table in tables():
        batch: list[dict[str, Any]] = []
        done = 0
        for row in _rows(source, table):
            batch.append(row)
            if len(batch) >= BATCH:
                dest.execute(insert(table), batch)
                done += len(batch)
                batch.clear()
                if progress:
                    progress(table.name, done)
        if batch:
            dest.execute(insert(table), batch)
            done += len(batch)
        if progress:
            progress(table.name, done)
    if dest.dialect.name == "postgresql":
        rebuild_tokens(dest)
        _advance_sequences(dest)


def rebuild_tokens(conn: Connection) -> None:
    sealer = sealer_of(conn.dialect)
    if sealer is None:
        return
    conn.execute(delete(SearchTokenRow))
    columns = (CaseRow.id, CaseRow.iin, CaseRow.surname_key, CaseRow.name_key)
    query = select(*columns, CaseRow.surname_latin)
    rows: list[dict[str, Any]] = []
    for case in conn.execute(query.execution_options(yield_per=BATCH)):
        row = CaseRow(
            iin=case.iin,
            surname_key=case.surname_key,
            name_key=case.name_key,
            surname_latin=case.surname_latin,
        )
        rows.extend({"token": t, "case_id": case.id} for t in case_tokens(sealer, row))
        if len(rows) >= 10 * BATCH:
            conn.execute(insert(SearchTokenRow), rows)
            rows.clear()
    if rows:
        conn.execute(insert(SearchTokenRow), rows)


def _advance_sequences(conn: Connection) -> None:
    """Rows came with their ids: each id sequence continues after the highest one copied."""
    for table in tables():
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or not isinstance(pk[0].type, Integer) or pk[0].autoincrement is False:
            continue
        key = pk[0]
        conn.execute(
            select(
                func.setval(
                    func.pg_get_serial_sequence(table.name, key.name),
                    func.coalesce(func.max(key), 1),
                    func.max(key).is_not(None),
                )
            )
        )


def verify(source: Connection, dest: Connection) -> dict[str, tuple[int, str]]:
    """The source's digests if the destination holds the same; CopyMismatch otherwise."""
    mine, theirs = digests(source), digests(dest)
    differing = sorted(name for name in mine if mine[name] != theirs.get(name))
    if differing:
        raise CopyMismatch(", ".join(differing))
    return mine
