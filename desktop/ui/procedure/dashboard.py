"""The deadline dashboard that opens on login: what is overdue, due today, or due within three
working days (§6–§16), for everyone or for the logged-in officer, with two small charts: open
cases by stage, and deadlines per week.

The query runs off the GUI thread (`tasks.run_task`); `loaded` is emitted when the table and
the charts show the new figures. Double-clicking a row emits `case_activated(case_id)`.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.deadlines import Urgency
from desktop.domain.formats import cite_in
from desktop.domain.i18n import Text
from desktop.domain.workflow import STAGE_TITLES, Stage
from desktop.services import procedure, sync_online
from desktop.services.context import DeskContext
from desktop.services.errors import as_known
from desktop.ui.fit import ColumnFitter
from desktop.ui.procedure.case_panel import URGENCY_COLOURS, _urgency_text
from desktop.ui.tasks import run_task

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
COL_DUE, COL_CASE, COL_WHAT = range(3)


class BarChart(QWidget):
    """A minimal horizontal bar chart (QtCharts is not in PySide6-Essentials)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.bars: list[tuple[str, int]] = []
        self.setMinimumHeight(120)

    def set_bars(self, bars: list[tuple[str, int]]) -> None:
        self.bars = bars
        self.setMinimumHeight(24 + 18 * max(1, len(bars)))
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(320, 24 + 18 * max(1, len(self.bars)))

    def bar_at(self, y: int) -> tuple[str, int] | None:
        """The bar drawn at height `y` (its label may be elided: the tooltip has it whole)."""
        i = (y - 22) // 18
        return self.bars[i] if y >= 22 and 0 <= i < len(self.bars) else None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            bar = self.bar_at(event.pos().y())
            if bar is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), f"{bar[0]}: {bar[1]}", self)
            return True
        return super().event(event)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.drawText(4, 14, self.title)
        if not self.bars:
            return
        # As wide as the longest label (Kazakh stage titles are long), at most half the chart.
        metrics = painter.fontMetrics()
        longest = max(metrics.horizontalAdvance(label) for label, _ in self.bars)
        label_width = min(longest + 12, max(80, self.width() * 3 // 5))
        top = 22
        width = max(10, self.width() - label_width - 40)
        biggest = max(1, *(n for _, n in self.bars))
        for i, (label, count) in enumerate(self.bars):
            y = top + i * 18
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_width - 8)
            painter.drawText(QRectF(4, y, label_width - 8, 16), Qt.AlignmentFlag.AlignRight, shown)
            bar = width * count / biggest
            painter.fillRect(QRectF(label_width, y + 2, bar, 12), QColor("#2f6f9f"))
            painter.drawText(int(label_width + bar + 4), y + 13, str(count))
        painter.end()


class DeadlineDashboard(QWidget):
    """Signals: `loaded()` after new figures are shown; `case_activated(int)`; `failed(str)`."""

    loaded = Signal()
    case_activated = Signal(int)
    failed = Signal(str)

    def __init__(
        self, ctx: DeskContext | None, *, lang: str = "en", parent: QWidget | None = None
    ) -> None:
        """`ctx` None: built before login (empty until `set_context`)."""
        super().__init__(parent)
        self._ctx = ctx
        self._lang = lang
        self.dashboard: procedure.Dashboard | None = None
        self._delivery_warning: Text | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #8a4b00")
        self.mine = QCheckBox(self.tr("Only my cases"))
        self.mine.toggled.connect(self._on_mine_toggled)
        # Three columns that fit a narrow dock (issue 14): the day with its urgency under it,
        # the case number with the applicant's name, what is due with its paragraph and the
        # officer. Each wraps between words (never inside a number or a date); every cell's
        # tooltip has it whole. No sideways scrolling.
        self.table = QTableWidget(0, 3)
        # Headers break between words (one word a line) so a narrow column keeps them whole.
        self.table.setHorizontalHeaderLabels(
            [t.replace(" ", "\n") for t in (self.tr("Due"), self.tr("Case"), self.tr("Deadline"))]
        )
        self.table.verticalHeader().hide()
        self.fitter = ColumnFitter(self.table, wrap=(COL_DUE, COL_CASE, COL_WHAT), squeeze=COL_WHAT)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.cellDoubleClicked.connect(self._on_table_cell_double_clicked)
        self.stage_chart = BarChart(self.tr("Open cases by stage"))
        self.week_chart = BarChart(self.tr("Deadlines per week"))
        charts = QVBoxLayout()  # one above the other: a narrow dock keeps their labels whole
        charts.addWidget(self.stage_chart)
        charts.addWidget(self.week_chart)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.mine)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addLayout(charts)

    def set_context(self, ctx: DeskContext) -> None:
        """The store of the login, for a dashboard built before it (nothing shown yet)."""
        self._ctx = ctx

    def reload(self) -> None:
        """Query in the background; the view updates when the answer arrives."""
        ctx = self._ctx
        if ctx is None:
            return
        officer_id = ctx.officer.id if self.mine.isChecked() else None

        def work() -> tuple[procedure.Dashboard, Text | None]:
            # Issue 16: packages the Department has not acknowledged for too long.
            return procedure.dashboard(ctx, officer_id=officer_id), sync_online.delivery_warning(
                ctx
            )

        run_task(
            work,
            self._on_task_done,
            self._on_task_error,
            owner=self,
        )

    @Slot(bool)
    def _on_mine_toggled(self, _checked: bool) -> None:
        self.reload()

    @Slot(object)
    def _on_task_done(self, result: object) -> None:
        assert isinstance(result, tuple)
        board, self._delivery_warning = result
        self.show_dashboard(board)
        self.loaded.emit()

    @Slot(object)
    def _on_task_error(self, exc: object) -> None:
        assert isinstance(exc, BaseException)
        known = as_known(exc)
        text = known.message.get(self._lang) if known is not None else repr(exc)
        self.notice.setText(text)
        self.failed.emit(text)

    def show_dashboard(self, board: procedure.Dashboard) -> None:
        self.dashboard = board
        self.table.setRowCount(len(board.rows))
        for row, r in enumerate(board.rows):
            cells = (
                f"{r.due.strftime('%d.%m.%Y')}\n{_urgency_text(self, r.urgency)}",
                f"{r.number}\n{r.full_name}",
                f"{r.label.get(self._lang)} ({cite_in(r.paragraph, self._lang)})"
                + (f"\n{r.officer}" if r.officer else ""),
            )
            colour = URGENCY_COLOURS[r.urgency]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setData(CASE_ID_ROLE, r.case_id)
                if colour:
                    item.setBackground(QColor(colour))
                self.table.setItem(row, col, item)
        self.fitter.fit()
        self.summary.setText(
            self.tr("{today}: {overdue} overdue, {today_n} due today, {soon} due soon").format(
                today=board.today.strftime("%d.%m.%Y"),
                overdue=board.count(Urgency.OVERDUE),
                today_n=board.count(Urgency.DUE_TODAY),
                soon=board.count(Urgency.DUE_SOON),
            )
        )
        notices = []
        if self._delivery_warning is not None:
            notices.append(self._delivery_warning.get(self._lang))
        if board.clock_warning is not None:
            notices.append(board.clock_warning.get(self._lang))
        if board.recomputed:
            notices.append(
                self.tr(
                    "The calendar changed: %n deadline(s) recomputed", "", len(board.recomputed)
                )
            )
        self.notice.setText("\n".join(notices))
        self.stage_chart.set_bars(
            [
                (STAGE_TITLES[stage].get(self._lang), board.by_stage[stage.value])
                for stage in Stage
                if stage.value in board.by_stage
            ]
        )
        # The first bucket also holds every older (overdue) deadline.
        self.week_chart.set_bars(
            [(("≤ " if i == 0 else "") + _week(w), n) for i, (w, n) in enumerate(board.per_week)]
        )

    @Slot(int, int)
    def _on_table_cell_double_clicked(self, row: int, _column: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            self.case_activated.emit(int(item.data(CASE_ID_ROLE)))


def _week(monday: date) -> str:
    return monday.strftime("%d.%m")
