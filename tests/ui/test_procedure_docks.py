"""The procedure's panels in the main window: dashboard on login, case panel with its case."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.services import cases as case_service
from desktop.ui.main_window import MainWindow
from desktop.ui.procedure.case_panel import CasePanel
from desktop.ui.procedure.dashboard import DeadlineDashboard
from desktop.ui.procedure_docks import ProcedureDocks
from tests.conftest import PASSWORD


def test_dashboard_and_case_panel_follow_the_desk(qtbot: QtBot, window: MainWindow) -> None:
    docks = ProcedureDocks(window, window.desk)
    dashboard = docks.dashboard
    assert isinstance(dashboard, DeadlineDashboard)
    assert docks.dashboard_dock.isAncestorOf(dashboard)
    # The dashboard opens on login and loads its figures off the GUI thread.
    qtbot.waitUntil(lambda: dashboard.dashboard is not None, timeout=10000)
    assert docks.case_panel is None

    accepted = case_service.list_cases(window.desk.ctx, stages=("accepted",))[0]
    editor = window.open_case(accepted.id)
    assert editor is not None
    panel = docks.case_panel
    assert isinstance(panel, CasePanel)
    assert panel.case_id == accepted.id
    assert docks.case_dock.isAncestorOf(panel)

    with qtbot.waitSignal(window.desk.locked):
        window.desk.lock()
    assert docks.case_panel is None and docks.dashboard is None
    assert not docks.case_dock.findChildren(CasePanel)

    with qtbot.waitSignal(window.desk.unlocked):
        window.desk.unlock(PASSWORD)
    panel = docks.case_panel
    assert isinstance(panel, CasePanel) and panel.case_id == accepted.id
    assert docks.case_dock.isAncestorOf(panel)
    assert isinstance(docks.dashboard, DeadlineDashboard)
