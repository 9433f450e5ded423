"""One case's procedure: the checklist, the timeline of events with its deadlines, and a
button for every step the officer may take now.

Self-contained: hand it a `DeskContext` and a case id; it talks to the procedure services only
and announces changes with `case_changed(int)`, so the desk can refresh its lists.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.deadlines import Urgency
from desktop.domain.formats import cite_in, date_time
from desktop.domain.workflow import STAGE_TITLES, TRANSITIONS, Action, ComplaintStage
from desktop.services import handouts, procedure
from desktop.services.context import DeskContext
from desktop.ui.flow import wrapping_row
from desktop.ui.printing import PrintButton
from desktop.ui.procedure.actions import ActionDialog
from desktop.ui.procedure.checklist_panel import ChecklistPanel

_COMPLAINT_NEXT = (
    Action.SATISFY_COMPLAINT,
    Action.FORWARD_COMPLAINT,
    Action.RECORD_COMPLAINT_OUTCOME,
)

URGENCY_COLOURS = {
    Urgency.OVERDUE: "#f8d7da",
    Urgency.DUE_TODAY: "#fff3cd",
    Urgency.DUE_SOON: "#fff9e6",
    Urgency.LATER: "",
}


class TimelineView(QWidget):
    """The events of a case, oldest first, and its open deadlines, most urgent first."""

    def __init__(self, *, lang: str = "en", zone: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._zone = ZoneInfo(zone) if zone else None
        # The officer who took a step is the second line of its cell (one column less: the
        # table fits a 1366-pixel screen's dock).
        self.events = QTableWidget(0, 4)
        self.events.setHorizontalHeaderLabels(
            [self.tr("Recorded"), self.tr("Step"), self.tr("Date"), self.tr("Deadlines met")]
        )
        self.deadlines = QTableWidget(0, 4)
        self.deadlines.setHorizontalHeaderLabels(
            [
                self.tr("Due"),
                self.tr("Deadline"),
                self.tr("Paragraph of the Rules"),
                self.tr("Status"),
            ]
        )
        # Both tables fit the dock: short columns as wide as their content, the texts wrap in
        # the others, headers break between words (issue 14: no sideways scrolling).
        _fit_to_width(self.events, stretch=(1, 3))
        _fit_to_width(self.deadlines, stretch=(1, 3))
        self.calendar = QLabel()
        self.calendar.setWordWrap(True)
        # §14-1: which version of the Rules the case is read with, and since when.
        self.rules = QLabel()
        self.rules.setWordWrap(True)
        self.rules.setObjectName("rulesInForce")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Deadlines")))
        layout.addWidget(self.deadlines)
        layout.addWidget(QLabel(self.tr("Events")))
        layout.addWidget(self.events)
        layout.addWidget(self.calendar)
        layout.addWidget(self.rules)

    def show_view(self, view: procedure.ProcedureView) -> None:
        self.events.setRowCount(len(view.timeline))
        for row, entry in enumerate(view.timeline):
            title = entry.title.get(self._lang)
            if entry.paragraph:
                title += f" ({cite_in(entry.paragraph, self._lang)})"
            clocks = "; ".join(
                self.tr("{clock} due {due}: {verdict}").format(
                    clock=c.deadline.label.get(self._lang),
                    due=c.deadline.due.strftime("%d.%m.%Y"),
                    verdict=self.tr("in time") if c.on_time else self.tr("late"),
                )
                for c in entry.closed
            )
            cells = (
                date_time(entry.at, self._zone).replace(" ", "\n", 1),
                f"{title}\n{entry.officer}" if entry.officer else title,
                entry.on.strftime("%d.%m.%Y") if entry.on else "",
                clocks,
            )
            late = any(not c.on_time for c in entry.closed)
            for col, text in enumerate(cells):
                item = _item(text)
                if late and col == 3:
                    item.setBackground(QColor(URGENCY_COLOURS[Urgency.OVERDUE]))
                self.events.setItem(row, col, item)
        self.deadlines.setRowCount(len(view.deadlines))
        for row, dv in enumerate(view.deadlines):
            d = dv.deadline
            deadline_cells = (
                d.due.strftime("%d.%m.%Y"),
                d.label.get(self._lang),
                cite_in(d.paragraph, self._lang),
                _urgency_text(self, dv.urgency),
            )
            colour = URGENCY_COLOURS[dv.urgency]
            for col, text in enumerate(deadline_cells):
                item = _item(text)
                if colour:
                    item.setBackground(QColor(colour))
                self.deadlines.setItem(row, col, item)
        self.events.resizeRowsToContents()
        self.deadlines.resizeRowsToContents()
        self.calendar.setText(
            self.tr("Working days: {calendar}").format(calendar=view.calendar_text.get(self._lang))
        )
        self.rules.setText(view.rules.get(self._lang))


def _fit_to_width(table: QTableWidget, stretch: tuple[int, ...]) -> None:
    header = table.horizontalHeader()
    header.setDefaultAlignment(
        Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag(Qt.TextFlag.TextWordWrap.value)
    )
    for col in range(table.columnCount()):
        mode = (
            QHeaderView.ResizeMode.Stretch
            if col in stretch
            else QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(col, mode)
        item = table.horizontalHeaderItem(col)
        if item is not None and col not in stretch:
            item.setText(item.text().replace(" ", "\n"))
    table.setWordWrap(True)
    table.setTextElideMode(Qt.TextElideMode.ElideNone)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    header.sectionResized.connect(lambda *_: table.resizeRowsToContents())
    header.geometriesChanged.connect(lambda: QTimer.singleShot(0, table.resizeRowsToContents))


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item


def _urgency_text(_widget: QWidget, urgency: Urgency) -> str:
    # One catalogue context for every panel that shows it ("widget.tr" would look the text
    # up under the caller's class name, where the catalogue has none: English showed through).
    return {
        Urgency.OVERDUE: QCoreApplication.translate("Urgency", "overdue"),
        Urgency.DUE_TODAY: QCoreApplication.translate("Urgency", "due today"),
        Urgency.DUE_SOON: QCoreApplication.translate("Urgency", "due within 3 working days"),
        Urgency.LATER: QCoreApplication.translate("Urgency", "later"),
    }[urgency]


class CasePanel(QWidget):
    """Signals: `case_changed(int)` after a step was taken or the checklist changed."""

    case_changed = Signal(int)

    def __init__(
        self, ctx: DeskContext, case_id: int, *, lang: str = "en", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._lang = lang
        self.case_id = case_id
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #8a4b00")
        self.checklist = ChecklistPanel(ctx, case_id, lang=lang)
        self.checklist.checklist_changed.connect(self._on_checklist_checklist_changed)
        self.checklist.error.connect(self.warnings.setText)
        self.timeline = TimelineView(lang=lang, zone=ctx.time_zone)
        self.tabs = QTabWidget()
        self.tabs.addTab(
            self.checklist, self.tr("Documents ({paragraph})").format(paragraph=cite_in("§3", lang))
        )
        self.tabs.addTab(self.timeline, self.tr("Timeline and deadlines"))
        # The steps wrap onto more lines rather than widen the dock (issue 14: 1366x768).
        self.buttons_row, self.buttons_box = wrapping_row()
        self.buttons: dict[Action, QPushButton] = {}
        self.complaint_buttons: dict[tuple[Action, str], QPushButton] = {}
        self.dialog: ActionDialog | None = None
        # Issue 5: every handout of the case, previewed and printed from the same PDF bytes;
        # printing the notification records the §10 step, so the panel refreshes after it.
        self.print_button = PrintButton(
            ctx, case_id, lang=lang, on_printed=self._on_print_button_printed
        )
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(title_row)
        layout.addWidget(self.warnings)
        layout.addWidget(self.buttons_row)
        layout.addWidget(self.tabs, 1)
        self.view: procedure.ProcedureView | None = None
        self.refresh()

    def refresh(self) -> None:
        view = procedure.procedure_view(self._ctx, self.case_id)
        self.view = view
        stage = STAGE_TITLES[view.state.stage].get(self._lang)
        self.title.setText(f"{view.case.number}  {view.case.full_name}  — {stage}")
        self.warnings.setText("\n".join(w.get(self._lang) for w in view.warnings))
        self.timeline.show_view(view)
        self.print_button.show_forms(handouts.available_forms(self._ctx, self.case_id))
        self.checklist.refresh()
        for button in [*self.buttons.values(), *self.complaint_buttons.values()]:
            self.buttons_box.removeWidget(button)
            button.deleteLater()
        self.buttons.clear()
        self.complaint_buttons.clear()
        for action in view.actions:
            t = TRANSITIONS[action]
            button = QPushButton(f"{t.title.get(self._lang)} ({cite_in(t.paragraph, self._lang)})")
            button.setObjectName(f"action_{action.value}")
            button.clicked.connect(lambda _=False, a=action: self.open_action(a))
            self.buttons_box.addWidget(button)
            self.buttons[action] = button
        # §16: complaints ride on the case at any stage, each with its own next steps.
        steps: list[tuple[Action, str]] = [(Action.REGISTER_COMPLAINT, "")]
        for c in view.state.complaints:
            if c.stage is ComplaintStage.REGISTERED:
                steps += [(a, c.complaint_id) for a in _COMPLAINT_NEXT]
            elif c.stage is ComplaintStage.FORWARDED:
                steps.append((Action.RECORD_COMPLAINT_OUTCOME, c.complaint_id))
        for action, complaint_id in steps:
            t = TRANSITIONS[action]
            prefix = f"{complaint_id}: " if complaint_id else ""
            paragraph = cite_in(t.paragraph, self._lang)
            button = QPushButton(f"{prefix}{t.title.get(self._lang)} ({paragraph})")
            prefill = {"complaint_id": complaint_id} if complaint_id else {}
            button.clicked.connect(
                lambda _=False, a=action, p=prefill: self.open_action(a, prefill=p)
            )
            self.buttons_box.addWidget(button)
            self.complaint_buttons[(action, complaint_id)] = button

    def open_action(self, action: Action, *, prefill: dict[str, str] | None = None) -> ActionDialog:
        """Open the form of a step (non-blocking); the panel refreshes when it is done."""
        today = self.view.today if self.view else None
        dialog = ActionDialog(
            self._ctx, self.case_id, action, lang=self._lang, today=today, parent=self
        )
        for name, value in (prefill or {}).items():
            dialog.set_value(name, value)
            dialog.inputs[name].setEnabled(False)
        dialog.performed.connect(self._on_dialog_performed)
        self.dialog = dialog
        dialog.open()
        return dialog

    @Slot(object)
    def _on_dialog_performed(self, result: object) -> None:
        self.refresh()
        if isinstance(result, procedure.StepResult) and result.warnings:
            self.warnings.setText("\n".join(w.get(self._lang) for w in result.warnings))
        self.case_changed.emit(self.case_id)

    def _on_print_button_printed(self) -> None:
        self.refresh()
        self.case_changed.emit(self.case_id)

    @Slot()
    def _on_checklist_checklist_changed(self) -> None:
        self.refresh()
        self.case_changed.emit(self.case_id)
