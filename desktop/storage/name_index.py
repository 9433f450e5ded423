"""The desk's in-memory index of names of a shared (PostgreSQL) store (issue 21).

A name search listed by surname — the case list's default when the officer types a name — is
sorted by a column the server holds only sealed. The token path (`tokens._keyed_matches`)
fetches and opens the sort key of every match (thousands for a three-letter prefix on 100,000
cases) to show one page. Instead, while the desk is unlocked, it keeps the names of every case
in memory, opened once:

- After login a background thread (`start`) reads every case's sealed surname, name and Latin
  surname keys (with its number, stage and row version) in one streamed statement, opens them
  and sorts them: (has a surname, surname key, id) — the list's order — and (form, that entry)
  lists of the names, Latin surnames and numbers, searched by prefix with `bisect`. The same
  forms the search tokens are made of (`tokens.case_tokens`), so a search finds the same cases.
- A search (`page_rows`) finds the page's ids in memory and reads only the page's rows by id,
  in one statement that also returns the store's change mark (the audit chain's head, which
  every use case that writes moves). If the mark moved since the index was brought up to date
  (or a shown row is missing or of a version the index does not know), the index catches up
  first (`NameIndex.refresh`: the cases the audit entries since name, or those of the blocks
  of ids whose sums of ids and versions moved) and the page is found anew: never stale.
- Until the index is ready (or if building it failed) searches take the token path, unchanged.
  The index lives as long as the store's key: `drop` (at lock and logout, storage/store.py)
  forgets it; nothing of it is ever written to disk. The server sees one full read of the
  sealed name columns per login, and after a change the reads of the audit entries since, of
  the changed cases, or of the blocks' sums.
"""

from __future__ import annotations

import contextlib
import heapq
import logging
import sys
import threading
import weakref
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any, NamedTuple

from sqlalchemy import Engine, Integer, LargeBinary, Row, bindparam, select, text, type_coerce
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from desktop.domain.search import latin_key, prefix_upper_bound, search_key
from desktop.storage.models import AuditHeadRow, CaseRow
from desktop.storage.plain_reads import plain_rows
from desktop.storage.sealed import MAX_PREFIX, Sealer

log = logging.getLogger(__name__)

_RAW = LargeBinary()
_LAST_ID = sys.maxsize
# A refresh that finds more changed blocks than this share (and one) reads the whole index again.
REBUILD_SHARE = 0.2
BATCH = 5_000  # rows per fetch of the streamed read
STOP_WAIT = 5.0  # seconds the lock waits for a build to stop
ATTEMPTS = 3  # pages found anew after a refresh before the search takes the token path
BLOCK = 1024  # ids per block of the sums that show what changed (`refresh`)
Entry = tuple[bool, str, int]  # a case in the list's order: (has a surname key, the key, id)


class Case(NamedTuple):
    """What the index keeps of one case."""

    version: int
    number: str
    stage: str
    surname: str | None  # the surname key (None: no key; sorts before every key, as NULL)
    name: str
    latin: str


def _mark() -> Any:
    return select(AuditHeadRow.last_id).where(AuditHeadRow.id == 1).scalar_subquery()


_SEALED = (CaseRow.surname_key, CaseRow.name_key, CaseRow.surname_latin)
_CASES = select(
    CaseRow.id,
    CaseRow.version,
    CaseRow.number,
    CaseRow.stage,
    *(type_coerce(c, _RAW) for c in _SEALED),
    _mark(),
)
_SOME_CASES = _CASES.where(CaseRow.id == bindparam("ids", type_=ARRAY(Integer)).any_())
_BLOCK_SUMS = text(
    "SELECT id / :block, count(*), sum(id), sum(version), "
    "(SELECT last_id FROM audit_head WHERE id = 1) FROM cases GROUP BY 1"
)
# Audit entries of these entities name the case they changed; of those, no case changes.
_CASE_ENTITIES = frozenset({"case"})
_NO_CASES = frozenset({"officer", "vault", "audit"})
AUDIT_AT_MOST = 200  # more entries since the mark: the sums tell
_AUDIT_SINCE = text(
    "SELECT a.id, a.entity, a.entity_id, h.last_id FROM audit_head AS h "
    "LEFT JOIN audit_log AS a ON a.id > :seen AND a.id <= h.last_id "
    "AND h.last_id - :seen <= :most WHERE h.id = 1 ORDER BY a.id"
)
_VERSIONS = text(
    "SELECT id, version FROM cases WHERE id >= :lo AND id < :hi AND id / :block = ANY(:blocks)"
)


class NameIndex:
    """The sorted names of one store, as of the change mark `mark`."""

    def __init__(self, sealer: Sealer) -> None:
        self._labels = [c.type.label.encode() for c in _SEALED]
        self._sealer = sealer
        self.mark = -1
        self.cases: dict[int, Case] = {}
        self.surnames: list[Entry] = []  # the list's order
        # (form, the case's entry in `surnames`): a match by name, Latin surname or number
        # comes with its place in the list's order.
        self.names: list[tuple[str, Entry]] = []
        self.latins: list[tuple[str, Entry]] = []
        self.numbers: list[tuple[str, Entry]] = []
        # Sums of the cases' ids and row versions in blocks of ids: the server's sums show
        # which blocks changed since (`refresh`).
        self.blocks: dict[int, tuple[int, int, int]] = {}
        self._strings: dict[str, str] = {}  # one object per distinct name (names repeat)
        self.lock = threading.Lock()
        self.dropped = False

    # Reading the store.

    def _case(self, row: Sequence[Any]) -> tuple[int, Case]:
        keep = self._strings.setdefault
        opened: list[str | None] = []
        for raw, label in zip(row[4:7], self._labels, strict=True):
            if raw is None:
                opened.append(None)
            else:
                plain = self._sealer.open_as(label, bytes(raw)).decode()
                opened.append(keep(plain, plain))
        surname, name, latin = opened
        stage = str(row[3])
        return int(row[0]), Case(
            int(row[1]), str(row[2]), keep(stage, stage), surname, name or "", latin or ""
        )

    def build(self, rows: Iterable[Sequence[Any]], stop: threading.Event | None = None) -> None:
        """Every case from `rows` (of `_CASES`), sorted at the end."""
        loaded = self._load(rows, stop)
        if loaded is not None:
            with self.lock:
                if not self.dropped:
                    self._take(*loaded)

    def _load(
        self, rows: Iterable[Sequence[Any]], stop: threading.Event | None
    ) -> tuple[dict[int, Case], int] | None:
        cases: dict[int, Case] = {}
        mark = -1
        for row in rows:
            if stop is not None and stop.is_set():
                return None
            case_id, case = self._case(row)
            cases[case_id] = case
            mark = int(row[-1] or 0)
        return cases, mark

    def _take(self, cases: dict[int, Case], mark: int) -> None:
        self.cases = cases
        entries = {i: _surname_entry(i, c) for i, c in cases.items()}
        self.surnames = sorted(entries.values())
        self.names = sorted((c.name, entries[i]) for i, c in cases.items())
        self.latins = sorted((c.latin, entries[i]) for i, c in cases.items())
        self.numbers = sorted((c.number, entries[i]) for i, c in cases.items())
        self.blocks = {}
        for case_id, case in cases.items():
            self._count(case_id, case, 1)
        self.mark = mark

    def _count(self, case_id: int, case: Case, sign: int) -> None:
        block = case_id // BLOCK
        n, ids, versions = self.blocks.get(block, (0, 0, 0))
        self.blocks[block] = (n + sign, ids + sign * case_id, versions + sign * case.version)

    def refresh(self, session: Session) -> None:
        """Up to date with the store (the caller holds `lock`).

        Mostly the audit entries since the index's mark tell: if each is a case's (whose id
        it names) or an officer's, the cases named are read again. Otherwise — another kind
        of entry, the chain not continuing the mark (a restore), or a shown row whose version
        the index did not know (`page_rows`) — the server sums the ids and row versions of
        each block of ids (one walk of the table, a hundred rows back for 100,000 cases); in
        the blocks whose sums differ from the index's, the cases added, changed (every save
        moves a row's version) or removed are read again."""
        if self._caught_up_from_audit(session):
            return
        self.check(session)

    def _caught_up_from_audit(self, session: Session) -> bool:
        if self.mark < 0:
            return False
        conn = session.connection()
        entries = conn.execute(_AUDIT_SINCE, {"seen": self.mark, "most": AUDIT_AT_MOST}).all()
        if not entries:
            return False
        now = int(entries[0][3] or 0)
        named = [(int(r[0]), str(r[1]), str(r[2])) for r in entries if r[0] is not None]
        if now < self.mark or [n for n, _, _ in named] != list(range(self.mark + 1, now + 1)):
            return False  # a restored or longer chain: the sums tell
        if any(entity not in _CASE_ENTITIES and entity not in _NO_CASES for _, entity, _ in named):
            return False
        try:
            ids = sorted({int(i) for _, entity, i in named if entity in _CASE_ENTITIES})
        except ValueError:
            return False
        found = {int(r[0]): r for r in conn.execute(_SOME_CASES, {"ids": ids}).all()}
        for case_id in ids:
            self._remove(case_id)
            if case_id in found:
                self._add(*self._case(found[case_id]))
        self.mark = now
        return True

    def check(self, session: Session) -> None:
        """Up to date with the store by the sums of its blocks of ids (see `refresh`)."""
        conn = session.connection()
        sums = conn.execute(_BLOCK_SUMS, {"block": BLOCK}).all()
        mark = int(sums[0][4] or 0) if sums else int(conn.scalar(select(_mark())) or 0)
        theirs = {int(r[0]): (int(r[1]), int(r[2]), int(r[3])) for r in sums}
        changed = sorted(
            b for b in set(theirs) | set(self.blocks) if theirs.get(b) != self.blocks.get(b)
        )
        if len(changed) > REBUILD_SHARE * max(len(theirs), 1) + 1:
            loaded = self._load(conn.execute(_CASES), None)
            assert loaded is not None
            self._take(*loaded)
            return
        if changed:
            found = conn.execute(
                _VERSIONS,
                {
                    "lo": changed[0] * BLOCK,
                    "hi": (changed[-1] + 1) * BLOCK,
                    "block": BLOCK,
                    "blocks": changed,
                },
            ).all()
            now = {int(r[0]): int(r[1]) for r in found}
            mine = [
                i for b in changed for i in range(b * BLOCK, (b + 1) * BLOCK) if i in self.cases
            ]
            for case_id in mine:
                if case_id not in now:
                    self._remove(case_id)
            stale = [i for i, v in now.items() if i not in self.cases or self.cases[i].version != v]
            for row in conn.execute(_SOME_CASES, {"ids": stale}).all() if stale else []:
                case_id, case = self._case(row)
                self._remove(case_id)
                self._add(case_id, case)
        self.mark = mark

    def _remove(self, case_id: int) -> None:
        case = self.cases.pop(case_id, None)
        if case is None:
            return
        entry = _surname_entry(case_id, case)
        _delete(self.surnames, entry)
        _delete(self.names, (case.name, entry))
        _delete(self.latins, (case.latin, entry))
        _delete(self.numbers, (case.number, entry))
        self._count(case_id, case, -1)

    def _add(self, case_id: int, case: Case) -> None:
        self.cases[case_id] = case
        entry = _surname_entry(case_id, case)
        insort(self.surnames, entry)
        insort(self.names, (case.name, entry))
        insort(self.latins, (case.latin, entry))
        insort(self.numbers, (case.number, entry))
        self._count(case_id, case, 1)

    # Searching.

    def page_ids(
        self, text: str, stages: tuple[str, ...], descending: bool, offset: int, limit: int
    ) -> list[int] | None:
        """The ids of a page of a name search sorted by surname (None: not such a search).
        The cases a search finds are those `tokens` finds: prefixes of the keys' first
        MAX_PREFIX characters, of the Latin surname, or of the case number."""
        words = search_key(text).split()
        if len(words) >= 2:
            pair = self._surname_name(words[0][:MAX_PREFIX], words[1][:MAX_PREFIX], descending)
            return self._cut(pair, stages, offset, limit)
        if len(words) != 1:
            return None
        key = words[0][:MAX_PREFIX]
        lo, hi = _range(self.surnames, key)
        by_surname = range(lo, hi)
        # The cases found by name, Latin surname or number whose surname does not start with
        # the key (those are in `by_surname` already): only the first of them can be on the
        # page (its `wanted` first in the list's order).
        others: set[Entry] = set()
        for forms, prefix in (
            (self.names, key),
            (self.latins, latin_key(key)[:MAX_PREFIX]),
            (self.numbers, text.strip().upper()),
        ):
            at = bisect_left(forms, (prefix,))
            end = bisect_left(forms, (prefix_upper_bound(prefix),), at)
            _add_others(others, forms, at, end, key)
        surnames = self.surnames
        wanted = offset + limit
        if stages:
            wanted = len(others)  # a filter may leave out any of them
        if descending:
            extra = heapq.nlargest(wanted, others)
            found: Iterator[Entry] = heapq.merge(
                (surnames[p] for p in reversed(by_surname)), extra, reverse=True
            )
        else:
            extra = heapq.nsmallest(wanted, others)
            found = heapq.merge((surnames[p] for p in by_surname), extra)
        return self._cut(found, stages, offset, limit)

    def _surname_name(self, surname: str, name: str, descending: bool) -> Iterator[Entry]:
        lo, hi = _range(self.surnames, surname)
        for at in reversed(range(lo, hi)) if descending else range(lo, hi):
            entry = self.surnames[at]
            if self.cases[entry[2]].name.startswith(name):
                yield entry

    def _cut(
        self,
        found: Iterator[Entry],
        stages: tuple[str, ...],
        offset: int,
        limit: int,
    ) -> list[int]:
        if stages:
            wanted = set(stages)
            cases = self.cases
            found = (e for e in found if cases[e[2]].stage in wanted)
        return [e[2] for e in islice(found, offset, offset + limit)]

    def memory_bytes(self) -> int:
        """About what the index holds in memory (the lists, their tuples and strings)."""
        size = sys.getsizeof
        total = size(self.cases) + sum(size(c) for c in self.cases.values())
        for entries in (self.surnames, self.names, self.latins, self.numbers):
            total += size(entries) + sum(size(e) for e in entries)
        total += sum(size(s) for s in self._strings)
        total += sum(size(c.number) for c in self.cases.values())
        total += sum(size(i) for i in self.cases)
        return total


def _surname_entry(case_id: int, case: Case) -> Entry:
    return (case.surname is not None, case.surname or "", case_id)


def _add_others(
    others: set[Entry], forms: list[tuple[str, Entry]], at: int, end: int, key: str
) -> None:
    """The entries of forms[at:end] whose surname does not start with `key`. Entries of one
    form and one surname lie together (sorted by form, then surname): a run whose surname
    starts with the key is stepped over at once (a Latin prefix finds the thousands of cases
    of the Cyrillic one again, a few surnames over and over)."""
    while at < end:
        form, entry = forms[at]
        if entry[0] and entry[1].startswith(key):
            at = bisect_right(forms, (form, (True, entry[1], _LAST_ID)), at + 1, end)
        else:
            others.add(entry)
            at += 1


def _range(entries: list[Entry], prefix: str) -> tuple[int, int]:
    """The stretch of the surname order whose keys start with `prefix`."""
    lo = bisect_left(entries, (True, prefix))
    return lo, bisect_left(entries, (True, prefix_upper_bound(prefix)), lo)


def _delete(entries: list[Any], entry: Any) -> None:
    at = bisect_left(entries, entry)
    if at < len(entries) and entries[at] == entry:
        del entries[at]


# The desk's indexes, by the store's sealer (its data key): one per unlocked store.


class _Building:
    def __init__(self, index: NameIndex) -> None:
        self.index = index
        self.ready = threading.Event()
        self.stop = threading.Event()
        self.failed = False
        self.thread: threading.Thread | None = None


_INDEXES: weakref.WeakKeyDictionary[Sealer, _Building] = weakref.WeakKeyDictionary()
_GUARD = threading.Lock()


def start(engine: Engine, sealer: Sealer) -> threading.Thread | None:
    """Build the index of the store of `engine` on a background thread (None: one is there)."""
    with _GUARD:
        if sealer in _INDEXES:
            return None
        building = _INDEXES[sealer] = _Building(NameIndex(sealer))

    def work() -> None:
        try:
            with engine.connect() as conn:
                rows = conn.execution_options(stream_results=True, yield_per=BATCH).execute(_CASES)
                try:
                    building.index.build(rows, building.stop)
                finally:
                    # A build stopped halfway leaves the server's cursor open: closed here,
                    # not by the garbage collector (psycopg warns then, on any thread).
                    with contextlib.suppress(Exception):
                        rows.close()
        except Exception:
            building.failed = True
            log.exception("the name index could not be built: searches go through tokens")
        finally:
            building.ready.set()

    thread = building.thread = threading.Thread(target=work, name="qonys-name-index", daemon=True)
    thread.start()
    return thread


def ready_index(sealer: Sealer) -> NameIndex | None:
    """The store's index if it is built (None: not started, building, failed or dropped)."""
    building = _INDEXES.get(sealer)
    if building is None or not building.ready.is_set() or building.failed:
        return None
    if building.stop.is_set():
        return None
    return building.index


def wait_ready(sealer: Sealer, timeout: float | None = None) -> bool:
    building = _INDEXES.get(sealer)
    return building is not None and building.ready.wait(timeout) and not building.failed


def drop(sealer: Sealer | None) -> None:
    """Forget the store's index (the lock or logout drops the key: the names go with it)."""
    if sealer is None:
        return
    with _GUARD:
        building = _INDEXES.pop(sealer, None)
    if building is not None:
        building.stop.set()
        # The build stops at its next row: its connection is back before the engine goes.
        thread = building.thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(STOP_WAIT)
        index = building.index
        with index.lock:
            index.dropped = True
            index.cases, index.surnames, index.names = {}, [], []
            index.latins, index.numbers, index._strings = [], [], {}


def page_rows(
    session: Session,
    sealer: Sealer,
    text: str,
    stages: tuple[str, ...],
    descending: bool,
    offset: int,
    limit: int,
    columns: Sequence[Any],
) -> list[Row[Any]] | None:
    """A page of a name search sorted by surname, from the index (None: no index ready, or
    not a name search; the caller takes the token path). `columns`: LIST_COLUMNS, which begin
    with the id and end with the row version."""
    index = ready_index(sealer)
    if index is None:
        return None
    statement = _page_statement(columns)
    with index.lock:
        if index.dropped:  # the store closed while this search waited
            return None
        for _ in range(ATTEMPTS):
            ids = index.page_ids(text, stages, descending, offset, limit)
            if ids is None:
                return None
            if not ids:
                # Nothing found: only the mark tells whether nothing is there now.
                mark = session.connection().scalar(select(_mark()))
                if int(mark or 0) == index.mark:
                    return []
                index.refresh(session)
                continue
            # The page's rows and the mark in one statement, through psycopg alone when it can.
            found = plain_rows(session, statement, {"ids": ids})
            if found is None:
                found = session.connection().execute(statement, {"ids": ids}).all()
            rows = {r[0]: r for r in found}  # (id, …, version, mark)
            if rows:
                moved = any(r[-1] != index.mark for r in rows.values())
            else:
                moved = int(session.connection().scalar(select(_mark())) or 0) != index.mark
            same = len(rows) == len(ids) and all(
                r[-2] == index.cases[r[0]].version for r in rows.values()
            )
            if same and not moved:
                return [rows[i][:-1] for i in ids]  # type: ignore[misc]
            if moved:
                index.refresh(session)
            else:
                # The store changed without a word in the audit log (a restored case, say):
                # the sums of the blocks find it.
                index.check(session)
    return None


_PAGES: dict[tuple[Any, ...], Any] = {}


def _page_statement(columns: Sequence[Any]) -> Any:
    key = tuple(columns)
    statement = _PAGES.get(key)
    if statement is None:
        statement = _PAGES[key] = select(*columns, _mark()).where(
            CaseRow.id == bindparam("ids", type_=ARRAY(Integer)).any_()
        )
    return statement
