"""Repositories: the only code that builds queries over the mission tables."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Integer, Row, Select, and_, bindparam, case, func, or_, select, union
from sqlalchemy.orm import Session, defer

from desktop.domain.search import (
    case_number_tail,
    latin_key,
    looks_like_iin,
    prefix_upper_bound,
    search_key,
)
from desktop.storage import tokens
from desktop.storage.models import AttachmentRow, CaseRow, EventRow, MissionRow, OfficerRow
from desktop.storage.scanrows import page_size
from desktop.storage.sealed import OVERHEAD, sealer_of
from desktop.storage.serial import serialise


@dataclass(frozen=True, slots=True)
class CaseFilter:
    text: str = ""
    stages: tuple[str, ...] = ()


# The columns of a row of the case list (services/cases.CaseSummary), never the questionnaire.
# A page is read as plain rows, not as mapped objects: mapping 100 rows through the ORM
# (identity map, instance state, attribute events) cost ~10x the search itself (issue 19).
# The id first and the row version last: name_index.page_rows reads them by place.
LIST_COLUMNS = (
    CaseRow.id,
    CaseRow.number,
    CaseRow.iin,
    CaseRow.surname,
    CaseRow.name,
    CaseRow.patronymic,
    CaseRow.birth_date,
    CaseRow.stage,
    CaseRow.complete,
    CaseRow.created_at,
    CaseRow.updated_at,
    CaseRow.version,
)

SORTABLE = {
    "number": CaseRow.number,
    "surname": CaseRow.surname_key,
    "iin": CaseRow.iin,
    "stage": CaseRow.stage,
    "created_at": CaseRow.created_at,
    "birth_date": CaseRow.birth_date,
}


class MissionRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self) -> MissionRow | None:
        return self.session.get(MissionRow, 1)


class OfficerRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def by_login(self, login: str) -> OfficerRow | None:
        return self.session.scalar(select(OfficerRow).where(OfficerRow.login == login.strip()))

    def get(self, officer_id: int) -> OfficerRow | None:
        return self.session.get(OfficerRow, officer_id)

    def all(self) -> Sequence[OfficerRow]:
        return self.session.scalars(select(OfficerRow).order_by(OfficerRow.login)).all()

    def add(self, row: OfficerRow) -> OfficerRow:
        self.session.add(row)
        self.session.flush()
        return row


class CaseRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        # A PostgreSQL store's names and IINs are sealed: its searches go through tokens.
        self._sealer = sealer_of(session.get_bind().dialect)

    def add(self, row: CaseRow) -> CaseRow:
        self.session.add(row)
        self.session.flush()
        return row

    def get(self, case_id: int) -> CaseRow | None:
        return self.session.get(CaseRow, case_id)

    def many(self, ids: Sequence[int]) -> Sequence[CaseRow]:
        return self.session.scalars(
            select(CaseRow).options(defer(CaseRow.questionnaire)).where(CaseRow.id.in_(ids))
        ).all()

    def by_number(self, number: str) -> CaseRow | None:
        return self.session.scalar(select(CaseRow).where(CaseRow.number == number))

    def by_iin(self, iin: str) -> Sequence[CaseRow]:
        if self._sealer is not None:
            return tokens.by_iin(self.session, self._sealer, iin)
        return self.session.scalars(select(CaseRow).where(CaseRow.iin == iin)).all()

    def listed_with_iin(self, iin: str) -> Sequence[Row[Any]]:
        """LIST_COLUMNS of every case with this IIN, oldest first: the duplicate warning at a
        save, which opens no questionnaire (an applicant with many cases made each new one of
        theirs read and open all the others in full)."""
        query = select(*LIST_COLUMNS).order_by(CaseRow.id)
        if self._sealer is not None:
            token = self._sealer.token(tokens.IIN, iin.strip())
            query = query.where(CaseRow.id.in_(tokens.cases_with_token(token)))
        else:
            query = query.where(CaseRow.iin == iin)
        return cast(Sequence[Row[Any]], self.session.execute(query).all())

    def last_number_with_prefix(self, prefix: str) -> str | None:
        """The highest number taken (the caller takes the next: the store's writer lock is held
        from here to its commit).

        Highest as a number, not as text: «…-100000» sorts below «…-99999». The last in text
        order is a walk of the number index that stops at once; it is the highest unless it
        is all nines (`_year_last_number`)."""
        serialise(self.session)
        bounds = {"lo": prefix, "hi": prefix_upper_bound(prefix), "start": len(prefix) + 1}
        return cast(str | None, self.session.scalar(_YEAR_LAST_NUMBER, bounds))

    def search(
        self,
        flt: CaseFilter,
        *,
        offset: int = 0,
        limit: int = 100,
        order_by: str = "created_at",
        descending: bool = True,
    ) -> Sequence[Row[Any]]:
        """A page of the list: rows of LIST_COLUMNS."""
        if self._sealer is not None:
            return tokens.search(
                self.session,
                self._sealer,
                flt.text,
                flt.stages,
                offset=offset,
                limit=limit,
                order_by=order_by if order_by in SORTABLE else "created_at",
                descending=descending,
                plain_order=SORTABLE.get(order_by, CaseRow.created_at),
                columns=LIST_COLUMNS,
            )
        shape, params = _search_shape(flt)
        order_by = order_by if order_by in SORTABLE else "created_at"
        key = ("search", shape, bool(flt.stages), order_by, descending)
        statement = _STATEMENTS.get(key)
        if statement is None:
            statement = _STATEMENTS[key] = _search_statement(
                shape, bool(flt.stages), order_by, descending
            )
        params.update(offset=offset, limit=limit, wanted=offset + limit)
        return self.session.execute(statement, params).all()

    def count(self, flt: CaseFilter) -> int:
        if self._sealer is not None:
            return tokens.count(self.session, self._sealer, flt.text, flt.stages)
        shape, params = _search_shape(flt)
        key = ("count", shape, bool(flt.stages))
        statement = _STATEMENTS.get(key)
        if statement is None:
            query = select(func.count(CaseRow.id))
            statement = _STATEMENTS[key] = _where(query, _arms(shape), bool(flt.stages))
        return int(self.session.scalar(statement, params) or 0)

    def ids(
        self, flt: CaseFilter, order_by: str = "created_at", descending: bool = True
    ) -> list[int]:
        if self._sealer is not None:
            sort = order_by if order_by in SORTABLE else "created_at"
            column = SORTABLE.get(order_by, CaseRow.created_at)
            return tokens.ordered_ids(
                self.session, self._sealer, flt.text, flt.stages, sort, descending, column
            )
        shape, params = _search_shape(flt)
        ordering, tie = _ordering(order_by, descending)
        query = _where(select(CaseRow.id), _arms(shape), bool(flt.stages))
        return list(self.session.scalars(query.order_by(ordering, tie), params).all())


# Statements of the case list and its searches, built once per shape with every value bound:
# building and keying a statement cost SQLAlchemy ~3x the lookup itself (an IIN lookup on
# 100,000 cases: 1.0 → 0.35 ms under load, issue 19). A few dozen shapes at most.
_STATEMENTS: dict[tuple[object, ...], Select[Any]] = {}


def _ordering(order_by: str, descending: bool) -> tuple[Any, Any]:
    column = SORTABLE.get(order_by, CaseRow.created_at)
    ordering = column.desc() if descending else column.asc()
    tie = CaseRow.id.desc() if descending else CaseRow.id.asc()
    return ordering, tie


def _where(query: Select[Any], arms: list[Any], stages: bool) -> Select[Any]:
    if arms:
        query = query.where(arms[0] if len(arms) == 1 else or_(*arms))
    if stages:
        query = query.where(CaseRow.stage.in_(bindparam("stages", expanding=True)))
    return query


def _search_statement(shape: str, stages: bool, order_by: str, descending: bool) -> Select[Any]:
    ordering, tie = _ordering(order_by, descending)
    # List rows never need the questionnaire document: leave it on disk.
    query = cast(Select[Any], select(*LIST_COLUMNS))
    arms = _arms(shape)
    if len(arms) > 1:
        # A name search ORs ranges of four indexes: SQLite would gather and sort every
        # match before LIMIT. The first page of the union is the union of each range's
        # own first page: each is a walk of its index (in order, stopping after the page,
        # when the list is sorted by that index's column: the surname, as text searches
        # are by default). Each arm gives its ids with their sort keys, from the index
        # alone; only those few are sorted and cut to the page, and only the page's rows
        # are read from the table, by rowid (with `id IN (…) ORDER BY surname_key` SQLite
        # could walk the whole surname index instead, testing each case for membership).
        column = SORTABLE.get(order_by, CaseRow.created_at)
        firsts = [
            _where(_keyed(column).where(arm), [], stages)
            .order_by(ordering, tie)
            .limit(_count("wanted"))
            .subquery()
            for arm in arms
        ]
        hits = union(*(select(sq.c.id, sq.c.k) for sq in firsts)).subquery("hits")
        in_order = (hits.c.k.desc(), hits.c.id.desc()) if descending else (hits.c.k, hits.c.id)
        page = (
            select(hits.c.id, hits.c.k)
            .order_by(*in_order)
            .offset(bindparam("offset"))
            .limit(_count("limit"))
            .subquery("page")
        )
        in_page = (page.c.k.desc(), page.c.id.desc()) if descending else (page.c.k, page.c.id)
        return query.select_from(CaseRow).join(page, CaseRow.id == page.c.id).order_by(*in_page)
    query = _where(query, arms, stages)
    return query.order_by(ordering, tie).offset(bindparam("offset")).limit(_count("limit"))


def _count(name: str) -> Any:
    """A LIMIT written into the statement's text at each execution, not bound. SQLite 3.53 (in
    SQLCipher 4.19) plans with the value of a bound LIMIT, so a statement whose LIMIT is bound
    is prepared again at every execution (perf: sqlite3Reprepare under sqlite3_step) — half the
    cost of an IIN lookup, and the whole of the gap to plain SQLite 3.40, which does not (issue
    19). A page's LIMIT takes few values (100, 200, a name search's offset + page), so each text
    stays in the driver's statement cache; SQLAlchemy's compiled form stays cached too."""
    return bindparam(name, type_=Integer, literal_execute=True)


def _keyed(column: Any) -> Select[Any]:
    return select(CaseRow.id, column.label("k"))


def _search_shape(flt: CaseFilter) -> tuple[str, dict[str, Any]]:
    """Which kind of search the filter is, and the values its statement binds.

    Exact IIN, or a prefix of surname/name (any case, Cyrillic or Latin), or a case number.
    Two words are read as "surname name" prefixes. Every branch is an indexed range scan.
    """
    text = flt.text.strip()
    params: dict[str, Any] = {"stages": list(flt.stages)} if flt.stages else {}
    if not text:
        return "all", params
    if looks_like_iin(text):
        return "iin", {**params, "iin": text}
    tail = case_number_tail(text)
    if tail is not None:
        # Part of a case number ("31", "00031", "2026-00031"): numbers ending so. A scan of
        # the number index (digits only: no LIKE wildcard can come from the officer).
        return "number", {**params, "number": f"%{tail}"}
    words = search_key(text).split()
    if len(words) >= 2:
        return "surname name", {**params, **_bounds("s", words[0]), **_bounds("n", words[1])}
    key = words[0]
    return "name", {
        **params,
        **_bounds("s", key),
        **_bounds("n", key),
        **_bounds("l", latin_key(key)),
        **_bounds("c", text.upper()),
    }


def _arms(shape: str) -> list[Any]:
    """The indexed ranges of a search shape (none for the whole list): ORed together."""
    if shape == "iin":
        return [CaseRow.iin == bindparam("iin")]
    if shape == "number":
        return [CaseRow.number.like(bindparam("number"))]
    if shape == "surname name":
        return [and_(_prefix(CaseRow.surname_key, "s"), _prefix(CaseRow.name_key, "n"))]
    if shape == "name":
        return [
            _prefix(CaseRow.surname_key, "s"),
            _prefix(CaseRow.name_key, "n"),
            _prefix(CaseRow.surname_latin, "l"),
            _prefix(CaseRow.number, "c"),
        ]
    return []


def _bounds(name: str, prefix: str) -> dict[str, str]:
    return {f"{name}_from": prefix, f"{name}_to": prefix_upper_bound(prefix)}


def _prefix(column: Any, name: str) -> Any:
    return and_(column >= bindparam(f"{name}_from"), column < bindparam(f"{name}_to"))


def _year_last_number() -> Select[Any]:
    """The highest case number in [lo, hi) — a year's — as a number (serials from `start`).

    The last number in text order is the highest unless its serial is all nines: a year's
    numbers are gap-free, so a longer one («…-100000», which sorts below «…-99999» as text)
    exists only after «…-99999». Then the year's numbers are ordered by length, then text —
    a walk of all of them, which only a year past 99,999 cases pays. SQLite evaluates a CASE
    branch's subquery only when that branch is taken (as PostgreSQL does in new_case._ENDS)."""
    in_year = and_(CaseRow.number >= bindparam("lo"), CaseRow.number < bindparam("hi"))
    last_as_text = (
        select(CaseRow.number)
        .where(in_year)
        .order_by(CaseRow.number.desc())
        .limit(1)
        .scalar_subquery()
    )
    longest = (
        select(CaseRow.number)
        .where(in_year)
        .order_by(func.length(CaseRow.number).desc(), CaseRow.number.desc())
        .limit(1)
        .scalar_subquery()
    )
    serial = func.substr(last_as_text, bindparam("start", type_=Integer))
    return select(case((func.rtrim(serial, "9") == "", longest), else_=last_as_text))


_YEAR_LAST_NUMBER = _year_last_number()


class EventRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        case_id: int,
        kind: str,
        at: datetime,
        officer_id: int | None,
        data: dict[str, Any] | None = None,
        *,
        first: bool = False,
    ) -> EventRow:
        last: int | None = None  # a case opened in this unit of work: nothing to look up
        if not first:
            serialise(self.session)
            last = self.session.scalar(
                select(func.max(EventRow.seq)).where(EventRow.case_id == case_id)
            )
        row = EventRow(
            case_id=case_id,
            seq=(last or 0) + 1,
            kind=kind,
            at=at,
            officer_id=officer_id,
            data=data or {},
        )
        self.session.add(row)
        self.session.flush()
        return row

    def for_case(self, case_id: int) -> Sequence[EventRow]:
        return self.session.scalars(
            select(EventRow).where(EventRow.case_id == case_id).order_by(EventRow.seq)
        ).all()

    def latest_time(self) -> datetime | None:
        return self.session.scalar(select(func.max(EventRow.at)))


class AttachmentRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, row: AttachmentRow) -> AttachmentRow:
        self.session.add(row)
        self.session.flush()
        return row

    def for_case(self, case_id: int) -> Sequence[AttachmentRow]:
        return self.session.scalars(
            select(AttachmentRow)
            .where(AttachmentRow.case_id == case_id)
            .order_by(AttachmentRow.item_key, AttachmentRow.document_id, AttachmentRow.page_no)
        ).all()

    def get(self, attachment_id: int) -> AttachmentRow | None:
        return self.session.get(AttachmentRow, attachment_id)

    def pages_without_data(self, case_id: int) -> Sequence[tuple[AttachmentRow, int]]:
        """Every page of a case with its size in bytes, the image bytes left unloaded."""
        rows = self.session.execute(
            select(AttachmentRow, func.length(AttachmentRow.stored))
            .options(defer(AttachmentRow.stored))
            .where(AttachmentRow.case_id == case_id)
            .order_by(AttachmentRow.item_key, AttachmentRow.document_id, AttachmentRow.page_no)
        ).all()
        # On PostgreSQL the column holds the sealed bytes: nonce and tag are not the page's.
        overhead = OVERHEAD if sealer_of(self.session.get_bind().dialect) else 0
        sizes = [(row, max(0, int(size or 0) - overhead)) for row, size in rows]
        return [(row, page_size(self.session, row, size)) for row, size in sizes]

    def for_document(self, case_id: int, document_id: str) -> Sequence[AttachmentRow]:
        return self.session.scalars(
            select(AttachmentRow)
            .where(AttachmentRow.case_id == case_id, AttachmentRow.document_id == document_id)
            .order_by(AttachmentRow.page_no)
        ).all()

    def delete(self, row: AttachmentRow) -> None:
        self.session.delete(row)
        self.session.flush()
