"""The main window is built while the login window waits (issue 19): for nobody, closed; the
login's context then opens it as an unlock would, for that officer's role."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.services import session
from desktop.ui.app import build_main_window, open_main_window
from desktop.ui.language import Language
from desktop.ui.procedure.dashboard import DeadlineDashboard
from desktop.ui.procedure_docks import ProcedureDocks
from desktop.ui.settings import Settings
from tests.conftest import PASSWORD, MovableClock


def test_a_window_built_before_login_opens_for_the_officer_who_logs_in(
    qtbot: QtBot, demo_dir: Path, clock: MovableClock, settings: Settings, language: Language
) -> None:
    window = build_main_window(None, demo_dir, settings, language, lang="ru", clock=clock)
    qtbot.addWidget(window)
    desk = window.desk
    docks = window.findChild(ProcedureDocks)
    assert isinstance(docks, ProcedureDocks)
    dashboard = docks.dashboard
    assert isinstance(dashboard, DeadlineDashboard)
    # Nobody's yet: no data, no administration, nothing asked of the store.
    assert desk.is_locked
    assert window.case_list.model.rowCount() == 0
    assert not window.admin_actions["officers"].isVisible()
    assert dashboard.dashboard is None

    ctx = session.login(demo_dir, "admin", PASSWORD, clock=clock)
    try:
        with qtbot.waitSignal(window.case_list.model.loaded, timeout=10_000):
            open_main_window(window, ctx)
            window.show()
        assert not desk.is_locked and desk.officer.login == "admin"
        assert window.admin_actions["officers"].isVisible()  # the admin's menu
        assert window.case_list.model.rowCount() == 25 and window.case_list.model.is_counted
        assert ctx.mission.name in window.windowTitle()
        assert window.case_list.count_label.text().startswith("25 ")
        # The dashboard built before login fills in once the list is in.
        qtbot.waitUntil(lambda: dashboard.dashboard is not None, timeout=10_000)
        assert docks.dashboard is dashboard

        # Locking and unlocking work as for a window built after login.
        desk.lock()
        assert window.case_list.model.rowCount() == 0 and docks.dashboard is None
        with qtbot.waitSignal(window.case_list.model.loaded, timeout=10_000):
            desk.unlock(PASSWORD)
        assert window.case_list.model.rowCount() == 25
        assert isinstance(docks.dashboard, DeadlineDashboard)
    finally:
        desk.close()
