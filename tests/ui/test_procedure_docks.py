"""The procedure's panels in the main window: dashboard on login, case panel with its case."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.domain.workflow import STAGE_TITLES, Action, Stage
from desktop.services import cases as case_service
from desktop.services import procedure
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


def test_the_case_panel_follows_a_change_made_elsewhere(qtbot: QtBot, window: MainWindow) -> None:
    """An imported decision package changes cases outside the panel; the desk announces `[]`."""
    docks = ProcedureDocks(window, window.desk)
    ctx = window.desk.ctx
    accepted = case_service.list_cases(ctx, stages=("accepted",))[0]
    assert window.open_case(accepted.id) is not None
    panel = docks.case_panel
    assert isinstance(panel, CasePanel) and Action.RECORD_BURKIT in panel.buttons

    procedure.perform(ctx, accepted.id, Action.RECORD_BURKIT, {"reference": "B-77"})
    window.desk.announce([])

    assert docks.case_panel is panel  # refreshed in place, not rebuilt
    assert Action.RECORD_BURKIT not in panel.buttons
    assert STAGE_TITLES[Stage.BURKIT_ENTERED].get(panel._lang) in panel.title.text()
    assert "burkit_entered" not in panel.title.text()  # the stage by its title, not its code
