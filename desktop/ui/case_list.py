"""The case list: a lazy table model over case ids, and the panel with search and stage filter.

A (re)load asks the store, off the GUI thread, for the first page only; further pages are
fetched as the view scrolls (`fetchMore`, one indexed LIMIT/OFFSET query each), so 100,000 cases
open as fast as 100 (STYLE.md §5). When the first page is full, the number of matching cases is
counted next, on a worker, once the page is on screen (a count of 100,000 rows costs as much as
the page itself: issue 19). The model keeps the ids of
the rows fetched so far and their summaries. Sorting and filtering happen in SQL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.formats import cite_in
from desktop.domain.workflow import STAGE_TITLES, Stage
from desktop.services import cases as case_service
from desktop.services import lookups
from desktop.services.cases import CaseSummary
from desktop.services.lookups import NextDeadline
from desktop.ui import tasks
from desktop.ui.desk import Desk
from desktop.ui.widgets import show_error

if TYPE_CHECKING:
    from desktop.services.context import DeskContext

_Index = QModelIndex | QPersistentModelIndex

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PAGE = 200
CACHE_LIMIT = 5000
SEARCH_DELAY_MS = 250

COL_NUMBER, COL_APPLICANT, COL_IIN, COL_BORN, COL_STAGE, COL_DEADLINE, COL_DAYS = range(7)
# Which SQL ordering each column sorts by; the deadline columns wait for the workflow issue.
SORT_KEYS = {
    COL_NUMBER: "number",
    COL_APPLICANT: "surname",
    COL_IIN: "iin",
    COL_BORN: "birth_date",
    COL_STAGE: "stage",
}


def stage_label(stage: str, lang: str) -> str:
    """The workflow's own title of a stage (domain text), or the raw key for unknown ones."""
    try:
        return STAGE_TITLES[Stage(stage)].get(lang)
    except (ValueError, KeyError):
        return stage


@dataclass(frozen=True)
class _Loaded:
    first: list[CaseSummary]
    deadlines: dict[int, NextDeadline]  # of `first` and `following`
    full: bool  # a whole page: there may be more, to be counted
    following: tuple[CaseSummary, ...] = ()  # the page after it, when read with it


_Query = tuple[str, tuple[str, ...], str, bool, int]  # text, stages, order, descending, page


@dataclass(frozen=True)
class FirstPage:
    """A first page read ahead (`CaseListModel.first_page_reader`) for the query it answers."""

    query: _Query
    loaded: _Loaded


def _load_first(ctx: DeskContext, query: _Query, *, following: bool = False) -> _Loaded:
    """The list's first page; `following`: and the page after it (the first scroll's)."""
    text, stages, order_by, descending, page = query
    first = case_service.list_cases(
        ctx, text, stages, offset=0, limit=page, order_by=order_by, descending=descending
    )
    more: list[CaseSummary] = []
    if following and len(first) == page:
        more = case_service.list_cases(
            ctx, text, stages, offset=page, limit=page, order_by=order_by, descending=descending
        )
    deadlines = lookups.next_deadlines(ctx, [c.id for c in (*first, *more)])
    return _Loaded(first, deadlines, full=len(first) == page, following=tuple(more))


class CaseListModel(QAbstractTableModel):
    """Rows are cases; `CASE_ID_ROLE` gives the case id of a row.

    Signals:
        loaded(int): a (re)load finished: its first page is in; the number of matching cases
            when the page holds them all, else a lower bound (the exact number follows).
        counted(int): the number of matching cases, once counted (after `loaded`).
        load_failed(object): the exception of a failed load.
    """

    loaded = Signal(int)
    counted = Signal(int)
    load_failed = Signal(object)

    def __init__(self, desk: Desk, *, page: int = PAGE) -> None:
        super().__init__()
        self._desk = desk
        self._page = page
        self._ids: list[int] = []
        self._total = 0
        self._shown = 0
        self._fetching = False
        self._cache: dict[int, CaseSummary] = {}
        self._deadlines: dict[int, NextDeadline] = {}
        self._text = ""
        self._stages: tuple[str, ...] = ()
        self._order_by = "number"
        self._descending = True
        self._task: tasks.Task[_Loaded] | None = None
        self._count_task: tasks.Task[int] | None = None
        self._counted = False
        self._awaiting: _Query | None = None  # a first page read ahead, not yet come
        self._following: list[CaseSummary] = []  # the next page, read with the first
        self._ahead: FirstPage | None = None
        self.has_loaded = False  # a first page arrived once
        desk.locked.connect(self._on_desk_locked)
        desk.unlocked.connect(self.reload)
        desk.cases_changed.connect(self._on_desk_cases_changed)
        desk.language_changed.connect(self._on_desk_language_changed)

    # --- what to show -------------------------------------------------------------------

    def set_filter(self, text: str, stages: tuple[str, ...]) -> None:
        self._text, self._stages = text, stages
        self.reload()

    @property
    def total(self) -> int:
        """The number of matching cases (while not yet `is_counted`: those fetched so far,
        plus one when there are more)."""
        return self._total

    @property
    def is_counted(self) -> bool:
        return self._counted

    def _query(self) -> _Query:
        return self._text, self._stages, self._order_by, self._descending, self._page

    def first_page_reader(self) -> Callable[[DeskContext], FirstPage]:
        """The first load's reads as a call for a worker that holds a context already (the
        login's, right after the password: issue 19), made on the GUI thread. Its result,
        given to `read_ahead`, is the first page without a query of its own; the first load
        waits for it instead of asking again while the main window opens and shows."""
        query = self._query()
        self._awaiting = query
        # With the page after it: the login reads beside its own writes and the window's
        # opening, and the first scroll then asks nothing on the GUI thread.
        return lambda ctx: FirstPage(query, _load_first(ctx, query, following=True))

    @Slot(object)
    def read_ahead(self, page: object) -> None:
        """The read-ahead's result (None: it failed): shown if it answers the query the list
        still shows; otherwise (or if it failed) the list reads for itself."""
        if self._awaiting is None:
            return  # the list was filtered meanwhile: read as ever
        if not isinstance(page, FirstPage) or page.query != self._awaiting:
            self._awaiting = None
            self.reload()
            return
        if self._task is None and not self._desk.is_locked and self._query() == page.query:
            self._awaiting = None  # the first load is waiting for it: here it is
            self._on_load_done(page.loaded)
            return
        self._ahead = page  # come before the desk opened: the first load takes it

    @Slot()
    def reload(self) -> None:
        self._following = []
        if self._desk.is_locked:
            return
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self._cancel_count()
        ctx, query = self._desk.ctx, self._query()
        awaiting, ahead = self._awaiting, self._ahead
        if awaiting is not None and awaiting == query:
            if ahead is None:
                return  # read by the login's worker: `read_ahead` brings it
            self._awaiting = self._ahead = None
            # Delivered as a worker's result would be: on a later turn of the event loop, and
            # dropped if another reload comes first.
            task: tasks.Task[_Loaded] = tasks.Task(0, self._on_load_done, self._on_load_failed)
            self._task = task
            QTimer.singleShot(
                0, self, lambda: None if task.cancelled else task.on_done(ahead.loaded)
            )
            return
        self._awaiting = self._ahead = None
        self._task = tasks.run_task(
            lambda: _load_first(ctx, query), self._on_load_done, self._on_load_failed, owner=self
        )

    def _on_load_done(self, result: _Loaded) -> None:
        self._task = None
        self.beginResetModel()
        self._total = len(result.first)
        self._ids = [s.id for s in result.first]
        self._cache = {s.id: s for s in result.first}
        self._deadlines = dict(result.deadlines)
        self._shown = len(self._ids)
        self._counted = not result.full
        self._following = list(result.following)
        self.has_loaded = True
        self.endResetModel()
        # More becomes fetchable only now: a view (or model tester) that reacts to the reset
        # by fetching more must not insert rows while the reset is still in flight.
        self._total = len(self._ids) + (1 if result.full else 0)
        self.loaded.emit(self._total)
        if result.full:
            self._start_count()

    def _start_count(self) -> None:
        ctx = self._desk.ctx
        text, stages = self._text, self._stages
        self._count_task = tasks.run_task(
            lambda: case_service.count_cases(ctx, text, stages),
            self._on_count_done,
            self._on_load_failed,
            owner=self,
        )

    def _cancel_count(self) -> None:
        if self._count_task is not None:
            self._count_task.cancel()
            self._count_task = None

    def _on_count_done(self, total: int) -> None:
        self._count_task = None
        self._counted = True
        if total > self._shown:
            self._total = total
        else:  # cases went away since the page was read: nothing more to fetch
            self._total = self._shown
        self.counted.emit(self._total)

    def _on_load_failed(self, exc: BaseException) -> None:
        self._task = None
        self.load_failed.emit(exc)

    @Slot()
    def _on_desk_locked(self) -> None:
        # Nothing personal stays on screen or in the model while the desk is locked.
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self._cancel_count()
        self.beginResetModel()
        self._ids, self._cache, self._shown, self._total = [], {}, 0, 0
        self._deadlines, self._following = {}, []
        self.endResetModel()

    @Slot(object)
    def _on_desk_cases_changed(self, ids: object) -> None:
        assert isinstance(ids, list)
        for case_id in ids:
            self._cache.pop(case_id, None)
            self._deadlines.pop(case_id, None)
        self.reload()

    @Slot(str)
    def _on_desk_language_changed(self, _lang: str) -> None:
        if self._shown:  # stage titles and "overdue" come in the desk's language
            self.dataChanged.emit(self.index(0, 0), self.index(self._shown - 1, 6))

    def case_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < self._shown else None

    def row_of(self, case_id: int) -> int | None:
        try:
            return self._ids.index(case_id)
        except ValueError:
            return None

    def _summary(self, row: int) -> CaseSummary | None:
        case_id = self._ids[row]
        found = self._cache.get(case_id)
        if found is not None or self._desk.is_locked:
            return found
        # Rows scrolled far away were dropped from the cache: read their page again by id.
        start = row - row % self._page
        if len(self._cache) > CACHE_LIMIT:
            self._cache.clear()
            self._deadlines.clear()
        page_ids = self._ids[start : start + self._page]
        self._cache.update(case_service.summaries(self._desk.ctx, page_ids))
        self._deadlines.update(lookups.next_deadlines(self._desk.ctx, page_ids))
        return self._cache.get(case_id)

    # --- Qt model interface ---------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 7

    def canFetchMore(self, parent: _Index) -> bool:  # noqa: N802
        return (
            not parent.isValid()
            and not self._fetching
            and not self._desk.is_locked
            and self._shown < self._total
        )

    def fetchMore(self, parent: _Index) -> None:  # noqa: N802
        # Views and testers may ask for more from inside the insert signals: one at a time.
        if not self.canFetchMore(parent):
            return
        following, self._following = self._following, []
        if following and self._shown == self._page:  # read with the first page
            page = following
        else:
            # One indexed page query (a few ms) as the view scrolls to the end.
            page = case_service.list_cases(
                self._desk.ctx,
                self._text,
                self._stages,
                offset=self._shown,
                limit=self._page,
                order_by=self._order_by,
                descending=self._descending,
            )
        if not page:
            self._total = self._shown  # cases went away since the count: nothing more
            return
        if not self._counted and len(page) < self._page:
            self._total = self._shown + len(page)  # the last page, before the count came
        elif not self._counted:
            self._total = self._shown + len(page) + 1
        if page is not following:  # the page read with the first came with its deadlines
            self._deadlines.update(lookups.next_deadlines(self._desk.ctx, [s.id for s in page]))
        self._fetching = True
        try:
            self.beginInsertRows(QModelIndex(), self._shown, self._shown + len(page) - 1)
            self._ids.extend(s.id for s in page)
            self._cache.update((s.id, s) for s in page)
            self._shown = len(self._ids)
            self.endInsertRows()
        finally:
            self._fetching = False

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= self._shown:
            return None
        if role == CASE_ID_ROLE:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        summary = self._summary(index.row())
        if summary is None:
            return None
        column = index.column()
        if column == COL_NUMBER:
            return summary.number
        if column == COL_APPLICANT:
            return summary.full_name
        if column == COL_IIN:
            return summary.iin
        if column == COL_BORN:
            return summary.birth_date.strftime("%d.%m.%Y") if summary.birth_date else ""
        if column == COL_STAGE:
            text = stage_label(summary.stage, self._desk.lang)
            if not summary.complete:
                # Not colour: the word says it (accessibility, high contrast).
                text = self.tr("{stage} (incomplete)").format(stage=text)
            return text
        deadline = self._deadlines.get(summary.id)
        if deadline is None:
            return ""
        if column == COL_DEADLINE:
            return f"{deadline.due:%d.%m.%Y} ({cite_in(deadline.paragraph, self._desk.lang)})"
        days = (deadline.due - self._desk.today()).days
        if days < 0:
            # A minus in the narrow column (issue 14), the words in the tooltip.
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("overdue by %n day(s)", "", -days)
            return f"−{-days}"
        return str(days)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < 7:
            return None
        return (
            self.tr("Case number"),
            self.tr("Applicant"),
            self.tr("IIN"),
            self.tr("Born"),
            self.tr("Stage"),
            self.tr("Next deadline"),
            self.tr("Days left"),
        )[section]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column)
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._order_by, self._descending):
            return
        self._order_by, self._descending = key, descending
        self.reload()

    @property
    def ordering(self) -> tuple[str, bool]:
        return self._order_by, self._descending


class CaseListPanel(QWidget):
    """Search box, stage filter and the table.

    Signals:
        open_requested(int): the officer chose a case (Enter or double click).
    """

    open_requested = Signal(int)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.model = CaseListModel(desk)
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search_edit)
        self.stage_combo = QComboBox()
        self.stage_label = QLabel()
        self.stage_label.setBuddy(self.stage_combo)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("count")
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table: a sane tab order
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(False)  # one line a case: a long name ends in "…" (tooltip: all)
        header.setSortIndicator(COL_NUMBER, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.search_edit.returnPressed.connect(self.apply_filter)
        self.stage_combo.currentIndexChanged.connect(self.apply_filter)
        self.table.activated.connect(self._on_table_activated)
        self.model.loaded.connect(self._on_model_loaded)
        self.model.counted.connect(self._on_model_counted)
        self.model.load_failed.connect(self._on_model_load_failed)
        desk.unlocked.connect(self._on_desk_unlocked)
        desk.cases_changed.connect(self.refresh_stages)
        # Stage names and widths follow the desk's language, set after Qt's LanguageChange.
        desk.language_changed.connect(lambda _lang: self.retranslate())

        top = QHBoxLayout()
        top.addWidget(self.search_label)
        top.addWidget(self.search_edit, 3)
        top.addSpacing(12)
        top.addWidget(self.stage_label)
        top.addWidget(self.stage_combo, 1)
        top.addSpacing(12)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.setTabOrder(self.search_edit, self.stage_combo)
        self.setTabOrder(self.stage_combo, self.table)
        self._stage_counts: dict[str, int] = {}
        self._stages_pending = False
        self.retranslate()

    def start(self) -> None:
        """First load (after the window is built): the list, then the stage filter."""
        self._stages_pending = True
        self.model.reload()

    def retranslate(self) -> None:
        self.search_label.setText(self.tr("&Find:"))
        self.search_edit.setPlaceholderText(self.tr("IIN, surname, name or case number"))
        self.search_edit.setAccessibleName(self.tr("Find cases"))
        self.stage_label.setText(self.tr("&Stage:"))
        self.stage_combo.setAccessibleName(self.tr("Stage filter"))
        self.table.setAccessibleName(self.tr("Cases"))
        self._fill_stages()
        self._show_count()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 6)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Every column as wide as its header and its widest possible value, in the current
        language; the applicant's name takes the rest and is the only one elided (its full
        text is the tooltip). Issue 14: Stage, Next deadline and Days left fit at 1366x768."""
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        lang = self._desk.lang
        samples = {
            COL_NUMBER: [f"{self._desk.mission.code}-0000-00000"],
            COL_IIN: ["000000000000"],
            COL_BORN: ["00.00.0000"],
            COL_STAGE: [t.get(lang) for t in STAGE_TITLES.values()]
            + [
                QCoreApplication.translate("CaseListModel", "{stage} (incomplete)").format(
                    stage=stage_label("draft", lang)
                )
            ],
            # As shown: «24.11.2026 (10-тармақ)» is wider than «24.11.2026 (п. 10)».
            COL_DEADLINE: [f"00.00.0000 ({cite_in('§16', lang)})"],
            COL_DAYS: ["−000"],
        }
        # Headers break between words (two lines), so a long header never widens a column of
        # short values ("Дата рождения" over a date).
        header.setDefaultAlignment(
            Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag(Qt.TextFlag.TextWordWrap.value)
        )
        header.setMinimumHeight(2 * metrics.lineSpacing() + metrics.height() // 2)
        padding = metrics.horizontalAdvance("MM")
        for column, texts in samples.items():
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            words = [metrics.horizontalAdvance(w) for w in title.split()] or [0]
            widest = max(max(metrics.horizontalAdvance(t) for t in texts), *words) + padding
            self.table.setColumnWidth(column, widest)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_APPLICANT, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(metrics.horizontalAdvance("MMMM"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @Slot()
    def apply_filter(self) -> None:
        self._search_timer.stop()
        stage = self.stage_combo.currentData()
        stages = (stage,) if isinstance(stage, str) and stage else ()
        self.model.set_filter(self.search_edit.text(), stages)

    @Slot()
    def _on_desk_unlocked(self) -> None:
        self._fit_columns()  # the mission's code may be new (a window built before login)
        if self._stages_pending:
            return  # the list's count comes first, then the stages (`_on_model_counted`)
        self.refresh_stages()

    @Slot()
    def refresh_stages(self) -> None:
        if self._desk.is_locked:
            return
        ctx = self._desk.ctx
        tasks.run_task(
            lambda: lookups.stage_counts(ctx), self._on_stages_done, self._ignore, owner=self
        )

    def _on_stages_done(self, counts: dict[str, int]) -> None:
        self._stage_counts = counts
        self._fill_stages()

    def _ignore(self, _exc: BaseException) -> None:
        pass  # the filter keeps its old entries; the list itself reports load errors

    def _fill_stages(self) -> None:
        current = self.stage_combo.currentData()
        self.stage_combo.blockSignals(True)
        self.stage_combo.clear()
        self.stage_combo.addItem(self.tr("All stages"), "")
        for stage, count in sorted(self._stage_counts.items()):
            self.stage_combo.addItem(
                self.tr("{stage} ({n})").format(stage=stage_label(stage, self._desk.lang), n=count),
                stage,
            )
        found = self.stage_combo.findData(current)
        self.stage_combo.setCurrentIndex(max(found, 0))
        self.stage_combo.blockSignals(False)

    @Slot(int)
    def _on_model_loaded(self, _count: int) -> None:
        if self._stages_pending and self.model.is_counted:
            self._stages_pending = False  # after the first page is on screen, not before
            self.refresh_stages()
        self._show_count()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))

    @Slot(int)
    def _on_model_counted(self, _count: int) -> None:
        if self._stages_pending:
            self._stages_pending = False  # after the count: one query at a time, not three
            self.refresh_stages()
        self._show_count()

    @Slot()
    def _show_count(self) -> None:
        if not self.model.is_counted:
            self.count_label.clear()  # a moment: the count follows the first page
            return
        self.count_label.setText(self.tr("%n case(s)", "", self.model.total))

    @Slot(object)
    def _on_model_load_failed(self, exc: object) -> None:
        assert isinstance(exc, BaseException)
        show_error(self, exc, self._desk.lang)

    @Slot(QModelIndex)
    def _on_table_activated(self, index: QModelIndex) -> None:
        case_id = index.data(CASE_ID_ROLE)
        if isinstance(case_id, int):
            self.open_requested.emit(case_id)

    def current_case_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.case_id(index.row()) if index.isValid() else None

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()
