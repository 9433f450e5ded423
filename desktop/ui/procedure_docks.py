"""Puts the procedure's panels into the main window: the deadline dashboard and the case panel.

The panels hold the desk's context, which a lock closes; so they are dropped on lock and built
anew on unlock, while the window keeps its tabs and unsaved edits.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QDockWidget, QLabel, QScrollArea, QWidget

from desktop.ui.desk import Desk
from desktop.ui.main_window import MainWindow
from desktop.ui.procedure.case_panel import CasePanel
from desktop.ui.procedure.dashboard import DeadlineDashboard


class ProcedureDocks(QObject):
    """The dashboard opens on login; the case panel follows the questionnaire tab in front."""

    def __init__(self, window: MainWindow, desk: Desk) -> None:
        super().__init__(window)
        self._window = window
        self._desk = desk
        area = Qt.DockWidgetArea.RightDockWidgetArea
        self.dashboard_dock = window.add_dock(QLabel(), self.tr("Deadlines"), area, "deadlines")
        self.case_dock = window.add_dock(QLabel(), self.tr("Procedure"), area, "procedure")
        window.tabifyDockWidget(self.dashboard_dock, self.case_dock)
        # The questionnaire keeps most of a 1366-pixel screen; the panels scroll if they must.
        # Two widths, each remembered while the desk runs: narrow beside the case list (its
        # columns need the room), wider beside an open case (checklist, timeline, steps).
        self._widths = {
            "list": max(340, window.width() * 7 // 25),
            "case": max(420, window.width() * 2 // 5),
        }
        self._place = "list"
        window.resizeDocks([self.dashboard_dock], [self._widths["list"]], Qt.Orientation.Horizontal)
        window.restore_docks()  # or as the officer left them
        self.dashboard: DeadlineDashboard | None = None
        self.case_panel: CasePanel | None = None
        window.tabs.currentChanged.connect(self._on_tabs_current_changed)
        desk.locked.connect(self._on_desk_locked)
        desk.unlocked.connect(self._on_desk_unlocked)
        desk.cases_changed.connect(self._on_desk_cases_changed)
        desk.language_changed.connect(self._on_desk_language_changed)
        # The dashboard's first query (all open deadlines: heavy on a large store) waits for
        # the case list's first page and its count, which the officer looks at first: one
        # query after the other, none holding up the list's next page (issue 19).
        self._first_load_pending = not window.case_list.model.has_loaded
        window.case_list.model.loaded.connect(self._on_case_list_loaded)
        window.case_list.model.counted.connect(self._on_case_list_loaded)
        if desk.is_locked:
            # Built before login: the dashboard's widgets now (the first of Qt's table and
            # chart classes take a while to set up), its figures once the desk opens.
            self.dashboard = DeadlineDashboard(None, lang=desk.lang)
            self.dashboard.case_activated.connect(window.open_case)
            _replace(self.dashboard_dock, _scrolling(self.dashboard))
        else:
            self._build(load=not self._first_load_pending)
        self.dashboard_dock.raise_()

    def _build(self, *, load: bool = True) -> None:
        self.dashboard = DeadlineDashboard(self._desk.ctx, lang=self._desk.lang)
        self.dashboard.case_activated.connect(self._window.open_case)
        _replace(self.dashboard_dock, _scrolling(self.dashboard))
        if load:
            self.dashboard.reload()
        self._show_case_panel()

    @Slot(int)
    def _on_case_list_loaded(self, _total: int) -> None:
        if not self._window.case_list.model.is_counted:
            return  # the count comes next, then the dashboard
        if self._first_load_pending:
            self._first_load_pending = False
            if self.dashboard is not None and not self._desk.is_locked:
                self.dashboard.reload()

    def _placeholder(self, text: str) -> QWidget:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return label

    def _show_case_panel(self) -> None:
        editor = self._window.current_editor()
        case_id = editor.case_id if editor is not None else None
        if case_id is None:
            self.case_panel = None
            _replace(
                self.case_dock,
                self._placeholder(
                    self.tr("Open a saved case to see its documents, timeline and steps.")
                ),
            )
            return
        if self.case_panel is not None and self.case_panel.case_id == case_id:
            return
        self.case_panel = CasePanel(self._desk.ctx, case_id, lang=self._desk.lang)
        self.case_panel.case_changed.connect(self._on_case_panel_case_changed)
        _replace(self.case_dock, _scrolling(self.case_panel))
        self.case_dock.raise_()

    @Slot(int)
    def _on_tabs_current_changed(self, _index: int) -> None:
        place = "case" if self._window.current_editor() is not None else "list"
        if place != self._place and self.dashboard_dock.isVisible():
            self._widths[self._place] = self.dashboard_dock.width()
            self._window.resizeDocks(
                [self.dashboard_dock], [self._widths[place]], Qt.Orientation.Horizontal
            )
        self._place = place
        if not self._desk.is_locked:
            self._show_case_panel()

    @Slot(int)
    def _on_case_panel_case_changed(self, case_id: int) -> None:
        self._desk.announce([case_id])

    @Slot(object)
    def _on_desk_cases_changed(self, case_ids: object) -> None:
        if self._desk.is_locked:
            return
        if self.dashboard is not None:
            self.dashboard.reload()
        # The panel refreshes itself after its own steps; an import changes cases from outside.
        if self.case_panel is not None and case_ids == []:
            self.case_panel.refresh()

    @Slot(str)
    def _on_desk_language_changed(self, _lang: str) -> None:
        """Live switch: new dock titles, and the panels built again in the new language
        (they hold `Text`s from the services, chosen when they were filled)."""
        self.dashboard_dock.setWindowTitle(self.tr("Deadlines"))
        self.case_dock.setWindowTitle(self.tr("Procedure"))
        if self._desk.is_locked:
            return
        self.case_panel = None
        self._build()

    @Slot()
    def _on_desk_locked(self) -> None:
        # The panels' context is closed now: drop them with it; the lock panel has the window.
        self.dashboard = None
        self.case_panel = None
        _replace(self.dashboard_dock, self._placeholder(""))
        _replace(self.case_dock, self._placeholder(""))
        self._visible = [d for d in (self.dashboard_dock, self.case_dock) if d.isVisible()]
        for dock in (self.dashboard_dock, self.case_dock):
            dock.hide()

    @Slot()
    def _on_desk_unlocked(self) -> None:
        for dock in getattr(self, "_visible", ()):
            dock.show()
        if self.dashboard is not None:
            self.dashboard.set_context(self._desk.ctx)  # built before login: filled now
            if not self._first_load_pending:
                self.dashboard.reload()
            self._show_case_panel()
            return
        self._build(load=not self._first_load_pending)


def _replace(dock: QDockWidget, widget: QWidget) -> None:
    """Set a dock's widget and delete the one it replaces (a dropped panel's context is closed)."""
    old = dock.widget()
    dock.setWidget(widget)
    if old is not None:
        old.setParent(None)
        old.deleteLater()


def _scrolling(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    # Panels wrap and elide to the dock's width; only a vertical scroll bar (issue 14).
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(widget)
    return area
