"""Finding cases in a PostgreSQL store through keyed search tokens (issue 21).

The same searches as `repositories._text_arms` on SQLite — exact IIN, a part of a case
number, a prefix of the surname or name in Cyrillic or Latin, "surname name" — but the names
and IINs are sealed, so each arm is a lookup of HMAC tokens (`sealed.Sealer.token`) in
`search_tokens`. A list sorted by a sealed column (surname, IIN, birth date) is sorted here,
after opening the sort keys of the matching cases — a name search sorted by surname from the
desk's in-memory index of names once it is built (`name_index`); other orders are the server's.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    Integer,
    LargeBinary,
    Row,
    Select,
    and_,
    any_,
    bindparam,
    cast,
    delete,
    func,
    insert,
    select,
    type_coerce,
    union,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from desktop.domain.search import case_number_tail, latin_key, looks_like_iin, search_key
from desktop.storage import name_index
from desktop.storage.models import CaseRow, SearchTokenRow
from desktop.storage.plain_reads import plain_rows
from desktop.storage.sealed import MAX_PREFIX, Sealed, Sealer, sealer_of

IIN, SURNAME, NAME, LATIN = "iin", "surname", "name", "latin"
_WATCHED = ("iin", "surname_key", "name_key", "surname_latin")
# Sort keys that are sealed: sorted in the desk, not by the server.
SEALED_SORTS = {"surname": "surname_key", "iin": "iin", "birth_date": "birth_date"}


def case_tokens(sealer: Sealer, row: CaseRow) -> set[bytes]:
    tokens: set[bytes] = set()
    if row.iin:
        tokens.add(sealer.token(IIN, row.iin))
    tokens |= sealer.prefix_tokens(SURNAME, row.surname_key or "")
    tokens |= sealer.prefix_tokens(NAME, row.name_key or "")
    tokens |= sealer.prefix_tokens(LATIN, row.surname_latin or "")
    return tokens


def keep_tokens(session: Session, _flush_context: Any) -> None:
    """`after_flush`: new or changed cases get their tokens written anew."""
    sealer = sealer_of(session.get_bind().dialect)
    if sealer is None:
        return
    from sqlalchemy import inspect

    changed = [
        row
        for row in (*session.new, *session.dirty)
        if isinstance(row, CaseRow)
        and (
            row in session.new
            or any(inspect(row).attrs[name].history.has_changes() for name in _WATCHED)
        )
    ]
    if not changed:
        return
    conn = session.connection()
    conn.execute(delete(SearchTokenRow).where(SearchTokenRow.case_id.in_([r.id for r in changed])))
    rows = [{"token": t, "case_id": r.id} for r in changed for t in case_tokens(sealer, r)]
    if rows:
        conn.execute(insert(SearchTokenRow), rows)


# Statements built once per shape with every value bound (as repositories._STATEMENTS): building
# and keying a statement cost SQLAlchemy more than the server's answer.
_STATEMENTS: dict[tuple[object, ...], Select[Any]] = {}
_RAW = LargeBinary()


def _shape(sealer: Sealer, text: str) -> tuple[str, dict[str, Any]]:
    """Which kind of search the text is, and the values its statement binds."""
    text = text.strip()
    if not text:
        return "all", {}
    if looks_like_iin(text):
        return "iin", {"t0": sealer.token(IIN, text)}
    tail = case_number_tail(text)
    if tail is not None:
        return "number", {"number": f"%{tail}"}
    words = search_key(text).split()
    if len(words) >= 2:
        return "surname name", {
            "t0": sealer.token(SURNAME, words[0][:MAX_PREFIX]),
            "t1": sealer.token(NAME, words[1][:MAX_PREFIX]),
        }
    key = words[0][:MAX_PREFIX]
    upper = text.upper()
    return "name", {
        "tokens": [
            sealer.token(SURNAME, key),
            sealer.token(NAME, key),
            sealer.token(LATIN, latin_key(key)[:MAX_PREFIX]),
        ],
        "c_from": upper,
        "c_to": upper + "\U0010ffff",
    }


def _cases_with(token: str) -> Any:
    return select(SearchTokenRow.case_id).where(SearchTokenRow.token == bindparam(token))


def _condition(shape: str) -> Any:
    """The cases a search shape finds (None: every case), each arm an index lookup."""
    if shape == "iin":
        return CaseRow.id.in_(_cases_with("t0"))
    if shape == "number":
        return CaseRow.number.like(bindparam("number"))
    if shape == "surname name":
        return and_(CaseRow.id.in_(_cases_with("t0")), CaseRow.id.in_(_cases_with("t1")))
    if shape == "name":
        # A union, not an OR: each arm walks its own index (an OR of a subquery and a range
        # made the server read the whole table).
        return CaseRow.id.in_(
            union(
                select(SearchTokenRow.case_id).where(
                    SearchTokenRow.token.in_(bindparam("tokens", expanding=True))
                ),
                select(CaseRow.id).where(
                    CaseRow.number >= bindparam("c_from"), CaseRow.number < bindparam("c_to")
                ),
            )
        )
    return None


_MANY = ("name", "surname name")
# Gathered into an array of ids (`_matching_ids`): the name searches (thousands of matches) and
# the IIN lookup (see `_unseen`).
_GATHERED = ("iin", *_MANY)


def _unseen(token: str) -> Any:
    """A token the planner cannot see: `(SELECT $1)`, a value known only when the statement runs.

    The server's statistics of `search_tokens` are those of a very skewed column (a prefix of
    a common surname is in thousands of cases, an IIN in one): it guessed ~1,000 cases for any
    IIN's token, planned the lookup anew at every execution (a prepared statement's plan for
    one value looked cheaper than the plan for any value) and spent 0.15 of its 0.2 ms in
    the planner. Unseen, every value has the same estimate, and the server keeps one plan."""
    return select(cast(bindparam(token), LargeBinary)).scalar_subquery()


def _matching_ids(shape: str) -> Any:
    """The ids a search shape finds, gathered by the server into one array (None: every case).

    `id = ANY((SELECT array_agg(…)))` makes the server look the matches' rows up one by one
    in the primary key. Given `id IN (…)` for thousands of matches (a surname prefix on
    100,000 cases: ~4,600) it hash-joined them with a walk of the whole case table instead:
    81 ms against 13 ms on the same server."""
    if shape == "iin":
        found: Any = select(SearchTokenRow.case_id).where(SearchTokenRow.token == _unseen("t0"))
    elif shape == "number":
        found = select(CaseRow.id).where(CaseRow.number.like(bindparam("number")))
    elif shape == "surname name":
        found = _cases_with("t0").intersect(_cases_with("t1"))
    elif shape == "name":
        found = union(
            select(SearchTokenRow.case_id).where(
                SearchTokenRow.token.in_(bindparam("tokens", expanding=True))
            ),
            select(CaseRow.id).where(
                CaseRow.number >= bindparam("c_from"), CaseRow.number < bindparam("c_to")
            ),
        )
    else:
        return None
    ids = found.subquery("m")
    # The cast makes it `ANY (array expression)`, not `ANY (subquery)` (rows of arrays).
    gathered = cast(select(func.array_agg(ids.c[0])).scalar_subquery(), ARRAY(Integer))
    return CaseRow.id == any_(gathered)


def _statement(key: tuple[object, ...], build: Any) -> Select[Any]:
    statement = _STATEMENTS.get(key)
    if statement is None:
        statement = _STATEMENTS[key] = build()
    return statement


def _filtered(query: Select[Any], shape: str, stages: bool) -> Select[Any]:
    # Name searches find thousands of cases, an IIN's is planned once: gathered into an array
    # (see _matching_ids, _unseen).
    condition = _matching_ids(shape) if shape in _GATHERED else _condition(shape)
    if condition is not None:
        query = query.where(condition)
    if stages:
        query = query.where(CaseRow.stage.in_(bindparam("stages", expanding=True)))
    return query


def _params(sealer: Sealer, text: str, stages: tuple[str, ...]) -> tuple[str, dict[str, Any]]:
    shape, params = _shape(sealer, text)
    if stages:
        params["stages"] = list(stages)
    return shape, params


def _keyed_matches(
    session: Session, sealer: Sealer, text: str, stages: tuple[str, ...], sealed_column: str
) -> list[tuple[bool, bytes, int]]:
    """Every matching case as (has a key, its opened sort key, id): tuples that sort natively
    in the list's order (NULLs first ascending, as SQLite sorts them; ties by id). Every sealed
    sort key is text or an ISO date: their bytes sort as SQLite sorts the values."""
    shape, params = _params(sealer, text, stages)
    column = CaseRow.__table__.c[sealed_column]
    sealed_type = column.type
    assert isinstance(sealed_type, Sealed)

    # The sort keys as the server holds them (sealed bytes, from an index-only scan): opened
    # through the sealer's cache of what it opened before, so a search that finds thousands of
    # cases opens only those it has not seen (sealed values get a fresh nonce each time they
    # are written). Read through the Core connection: the ORM's row loading cost more here
    # than the server's answer.
    def build() -> Select[Any]:
        query: Any = select(CaseRow.id, type_coerce(column, _RAW))
        matching = _matching_ids(shape)
        if matching is not None:
            query = query.where(matching)
        return _filtered(query, "all", bool(stages))

    statement = _statement(("keys", shape, bool(stages), sealed_column), build)
    opened = sealer.opener(sealed_type.label)
    return [
        (False, b"", case_id) if raw is None else (True, opened(raw), case_id)
        for case_id, raw in session.connection().execute(statement, params).all()
    ]


def ordered_ids(
    session: Session,
    sealer: Sealer,
    text: str,
    stages: tuple[str, ...],
    order_by: str,
    descending: bool,
    plain_order: Any,
) -> list[int]:
    """The ids of the matching cases in list order."""
    sealed_column = SEALED_SORTS.get(order_by)
    if sealed_column is None:
        shape, params = _params(sealer, text, stages)

        def build() -> Select[Any]:
            tie = CaseRow.id.desc() if descending else CaseRow.id.asc()
            ordering = plain_order.desc() if descending else plain_order.asc()
            return _filtered(select(CaseRow.id), shape, bool(stages)).order_by(ordering, tie)

        key = ("ids", shape, bool(stages), order_by, descending)
        return list(session.scalars(_statement(key, build), params).all())
    keyed = _keyed_matches(session, sealer, text, stages, sealed_column)
    keyed.sort(reverse=descending)
    return [k[2] for k in keyed]


def _page_ids(
    session: Session,
    sealer: Sealer,
    text: str,
    stages: tuple[str, ...],
    sealed_column: str,
    descending: bool,
    offset: int,
    limit: int,
) -> list[int]:
    """The ids of one page of a list sorted by a sealed column: only the cases up to the
    page's end are put in order (a partial sort of the matches, as SQLite's top-N)."""
    keyed = _keyed_matches(session, sealer, text, stages, sealed_column)
    wanted = offset + limit
    if wanted >= len(keyed):
        keyed.sort(reverse=descending)
        first = keyed
    else:
        first = (heapq.nlargest if descending else heapq.nsmallest)(wanted, keyed)
    return [k[2] for k in first[offset:wanted]]


def search(
    session: Session,
    sealer: Sealer,
    text: str,
    stages: tuple[str, ...],
    *,
    offset: int,
    limit: int,
    order_by: str,
    descending: bool,
    plain_order: Any,
    columns: Sequence[Any],
) -> Sequence[Row[Any]]:
    """A page of the list: rows of `columns` (repositories.LIST_COLUMNS)."""
    if order_by not in SEALED_SORTS:
        shape, params = _params(sealer, text, stages)

        def build() -> Select[Any]:
            tie = CaseRow.id.desc() if descending else CaseRow.id.asc()
            ordering = plain_order.desc() if descending else plain_order.asc()
            query = _filtered(select(*columns), shape, bool(stages))
            return (
                query.order_by(ordering, tie).offset(bindparam("offset")).limit(bindparam("limit"))
            )

        key = ("search", shape, bool(stages), order_by, descending)
        params.update(offset=offset, limit=limit)
        statement = _statement(key, build)
        plain = plain_rows(session, statement, params)
        if plain is not None:
            return plain  # type: ignore[return-value]
        # Plain rows through the Core connection (the ORM's loading layer adds nothing here).
        return session.connection().execute(statement, params).all()
    if order_by == "surname" and _shape(sealer, text)[0] in _MANY:
        # The desk's index of names, once built: only the page's rows from the server.
        indexed = name_index.page_rows(
            session, sealer, text, stages, descending, offset, limit, columns
        )
        if indexed is not None:
            return indexed
    page = _page_ids(
        session, sealer, text, stages, SEALED_SORTS[order_by], descending, offset, limit
    )
    if not page:
        return []
    statement = _statement(
        ("page",),
        lambda: select(*columns).where(CaseRow.id == any_(bindparam("ids", type_=ARRAY(Integer)))),
    )
    rows = {r.id: r for r in session.connection().execute(statement, {"ids": page}).all()}
    return [rows[i] for i in page if i in rows]


def count(session: Session, sealer: Sealer, text: str, stages: tuple[str, ...]) -> int:
    shape, params = _params(sealer, text, stages)
    statement = _statement(
        ("count", shape, bool(stages)),
        lambda: _filtered(select(func.count(CaseRow.id)), shape, bool(stages)),
    )
    return int(session.scalar(statement, params) or 0)


def cases_with_token(token: bytes) -> Select[Any]:
    """The ids of the cases that have `token`."""
    return select(SearchTokenRow.case_id).where(SearchTokenRow.token == token)


def by_iin(session: Session, sealer: Sealer, iin: str) -> Sequence[CaseRow]:
    return session.scalars(
        select(CaseRow).where(_condition("iin")), {"t0": sealer.token(IIN, iin.strip())}
    ).all()
