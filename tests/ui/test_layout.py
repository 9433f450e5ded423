"""The desk on a 1366x768 screen (issue 14): nothing primary needs sideways scrolling, the
docks follow a live language switch and hide while locked, splitter sizes are remembered."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from desktop.services import cases as case_service
from desktop.ui.case_list import COL_DAYS, COL_DEADLINE, COL_STAGE
from desktop.ui.main_window import MainWindow
from desktop.ui.procedure_docks import ProcedureDocks
from tests.conftest import PASSWORD


def _docks(window: MainWindow) -> ProcedureDocks:
    """The docks as the desk adds them: before the window is shown (app.run_desk)."""
    window.hide()
    docks = ProcedureDocks(window, window.desk)
    window.resize(1366, 768)
    window.show()
    return docks


def test_case_list_shows_stage_deadline_and_days_in_full(qtbot: QtBot, window: MainWindow) -> None:
    _docks(window)
    window.switch_language("ru")
    qtbot.wait(50)
    table = window.case_list.table
    header = table.horizontalHeader()
    right = table.viewport().width()
    for column in (COL_STAGE, COL_DEADLINE, COL_DAYS):
        assert header.sectionViewportPosition(column) + header.sectionSize(column) <= right
    metrics = table.fontMetrics()
    model = window.case_list.model
    for row in range(model.rowCount()):
        stage = str(model.data(model.index(row, COL_STAGE)))
        assert metrics.horizontalAdvance(stage) <= header.sectionSize(COL_STAGE), stage


def test_steps_wrap_in_a_narrow_dock(qtbot: QtBot, window: MainWindow) -> None:
    docks = _docks(window)
    draft = case_service.list_cases(window.desk.ctx, stages=("accepted",), limit=1)[0]
    window.open_case(draft.id)
    panel = docks.case_panel
    assert panel is not None
    docks.case_dock.raise_()
    qtbot.wait(50)
    window.resizeDocks([docks.dashboard_dock], [380], Qt.Orientation.Horizontal)
    qtbot.wait(50)
    assert 360 <= docks.case_dock.width() <= 400
    buttons = panel.buttons_row.findChildren(QPushButton)
    assert len(buttons) >= 3
    width = panel.buttons_row.width()
    assert all(b.geometry().right() <= width for b in buttons)
    tops = {b.geometry().top() for b in buttons}
    assert len(tops) >= 2, [(b.text(), b.geometry().getRect()) for b in buttons]  # wrapped
    area = docks.case_dock.widget()
    assert area.horizontalScrollBar().maximum() == 0  # type: ignore[attr-defined]


def test_docks_follow_the_language_and_hide_while_locked(qtbot: QtBot, window: MainWindow) -> None:
    docks = _docks(window)
    window.switch_language("kk")
    assert docks.dashboard_dock.windowTitle() == "Мерзімдер"
    assert docks.case_dock.windowTitle() == "Рәсім"
    assert docks.dashboard is not None and docks.dashboard.mine.text() == "Тек менің істерім"
    window.lock()
    assert not docks.dashboard_dock.isVisible() and not docks.case_dock.isVisible()
    window.lock_screen.password_edit.setText(PASSWORD)
    window.lock_screen.unlock_button.click()
    assert docks.dashboard_dock.isVisible()
    window.switch_language("en")


def test_splitter_sizes_are_remembered(qtbot: QtBot, window: MainWindow) -> None:
    first = window.new_questionnaire()
    assert first is not None
    first.splitter.setSizes([500, 400])
    first.splitter.splitterMoved.emit(500, 1)
    chosen = first.splitter.sizes()
    second = window.new_questionnaire()
    assert second is not None
    assert second.splitter.sizes() == chosen
    assert window.settings.geometry("editor_splitter") is not None
