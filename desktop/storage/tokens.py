"""Finding cases in a PostgreSQL store through keyed search tokens (issue 21).

The same searches as `repositories._text_arms` on SQLite — exact IIN, a part of a case
number, a prefix of the surname or name in Cyrillic or Latin, "surname name" — but the names
and IINs are sealed, so each arm is a lookup of HMAC tokens (`sealed.Sealer.token`) in
`search_tokens`. A list sorted by a sealed column (surname, IIN, birth date) is sorted here,
after opening the sort keys of the matching cases; other orders are the server's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, and_, delete, func, insert, or_, select
from sqlalchemy.orm import Session, defer

from desktop.domain.search import case_number_tail, latin_key, looks_like_iin, search_key
from desktop.storage.models import CaseRow, SearchTokenRow
from desktop.storage.sealed import Sealer, sealer_of

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


def _with_token(sealer: Sealer, kind: str, value: str) -> Any:
    return CaseRow.id.in_(
        select(SearchTokenRow.case_id).where(SearchTokenRow.token == sealer.token(kind, value))
    )


def text_condition(sealer: Sealer, text: str) -> Any:
    """The cases a search text finds (None: no text, every case)."""
    text = text.strip()
    if not text:
        return None
    if looks_like_iin(text):
        return _with_token(sealer, IIN, text)
    tail = case_number_tail(text)
    if tail is not None:
        return CaseRow.number.like(f"%{tail}")
    words = search_key(text).split()
    if len(words) >= 2:
        return and_(
            _with_token(sealer, SURNAME, words[0][:32]), _with_token(sealer, NAME, words[1][:32])
        )
    key = words[0][:32]
    tokens = [sealer.token(SURNAME, key), sealer.token(NAME, key)]
    tokens.append(sealer.token(LATIN, latin_key(key)[:32]))
    upper = text.upper()
    return or_(
        CaseRow.id.in_(select(SearchTokenRow.case_id).where(SearchTokenRow.token.in_(tokens))),
        and_(CaseRow.number >= upper, CaseRow.number < upper + "\U0010ffff"),
    )


def filtered(query: Select[Any], sealer: Sealer, text: str, stages: tuple[str, ...]) -> Select[Any]:
    condition = text_condition(sealer, text)
    if condition is not None:
        query = query.where(condition)
    if stages:
        query = query.where(CaseRow.stage.in_(stages))
    return query


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
        tie = CaseRow.id.desc() if descending else CaseRow.id.asc()
        ordering = plain_order.desc() if descending else plain_order.asc()
        query = filtered(select(CaseRow.id), sealer, text, stages).order_by(ordering, tie)
        return list(session.scalars(query).all())
    column = getattr(CaseRow, sealed_column)
    query = filtered(select(CaseRow.id, column), sealer, text, stages)
    pairs = [(int(p[0]), p[1]) for p in session.execute(query)]
    # NULLs first ascending (as SQLite sorts them), ties by id in the same direction.
    pairs.sort(key=lambda p: (p[1] is not None, p[1] if p[1] is not None else "", p[0]))
    if descending:
        pairs.reverse()
    return [p[0] for p in pairs]


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
) -> Sequence[CaseRow]:
    if order_by not in SEALED_SORTS:
        tie = CaseRow.id.desc() if descending else CaseRow.id.asc()
        ordering = plain_order.desc() if descending else plain_order.asc()
        query = filtered(
            select(CaseRow).options(defer(CaseRow.questionnaire)), sealer, text, stages
        )
        return session.scalars(query.order_by(ordering, tie).offset(offset).limit(limit)).all()
    ids = ordered_ids(session, sealer, text, stages, order_by, descending, plain_order)
    page = ids[offset : offset + limit]
    rows = {
        r.id: r
        for r in session.scalars(
            select(CaseRow).options(defer(CaseRow.questionnaire)).where(CaseRow.id.in_(page))
        )
    }
    return [rows[i] for i in page if i in rows]


def count(session: Session, sealer: Sealer, text: str, stages: tuple[str, ...]) -> int:
    query = filtered(select(func.count(CaseRow.id)), sealer, text, stages)
    return int(session.scalar(query) or 0)


def by_iin(session: Session, sealer: Sealer, iin: str) -> Sequence[CaseRow]:
    return session.scalars(select(CaseRow).where(_with_token(sealer, IIN, iin.strip()))).all()
