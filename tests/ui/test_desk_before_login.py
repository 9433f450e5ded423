"""The main window is built while the login window waits (issue 19): for nobody, closed; the
login's context then opens it as an unlock would, for that officer's role."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.services import cases, session
from desktop.services.context import DeskContext
from desktop.ui.app import build_main_window, open_main_window
from desktop.ui.case_list import CaseListModel
from desktop.ui.language import Language
from desktop.ui.main_window import MainWindow
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


def _counting_pages(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The offsets of the case-list pages the model asks the service for."""
    from desktop.ui import case_list

    asked: list[int] = []
    real = case_list.case_service.list_cases

    def list_cases(*args: Any, **kwargs: Any) -> Any:
        asked.append(kwargs.get("offset", 0))
        return real(*args, **kwargs)

    monkeypatch.setattr(case_list.case_service, "list_cases", list_cases)
    return asked


@dataclass
class BeforeLogin:
    """A main window built before login, its case list, the first-page reader made for the
    login's worker (on the GUI thread, before login) and the context the login gave."""

    window: MainWindow
    model: CaseListModel
    reader: Callable[[DeskContext], Any]
    ctx: DeskContext


@pytest.fixture
def before_login(
    qtbot: QtBot, demo_dir: Path, clock: MovableClock, settings: Settings, language: Language
) -> Iterator[BeforeLogin]:
    window = build_main_window(None, demo_dir, settings, language, lang="en", clock=clock)
    qtbot.addWidget(window)
    model = window.case_list.model
    reader = model.first_page_reader()
    ctx = session.login(demo_dir, "admin", PASSWORD, clock=clock)
    try:
        yield BeforeLogin(window, model, reader, ctx)
    finally:
        window.desk.close()


def _open_with_a_page_read(
    desk: BeforeLogin, monkeypatch: pytest.MonkeyPatch
) -> tuple[Any, list[int]]:
    """The login's worker reads the first page; the desk opens; from then on, the offsets of
    the pages the list asks the service for."""
    page = desk.reader(desk.ctx)
    asked = _counting_pages(monkeypatch)
    open_main_window(desk.window, desk.ctx)
    desk.window.show()
    return page, asked


def test_the_first_page_read_by_the_login_is_shown_without_asking_again(
    qtbot: QtBot, before_login: BeforeLogin, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = before_login.model
    page, asked = _open_with_a_page_read(before_login, monkeypatch)
    # The desk is open; the list waits for the page the login's worker is reading.
    assert model.rowCount() == 0 and asked == []
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        model.read_ahead(page)
    assert model.rowCount() == 25 and asked == []
    # The count still follows, on a worker, as after any first page.
    qtbot.waitUntil(lambda: model.is_counted, timeout=10_000)
    assert model.total == 25


def test_a_first_page_that_came_before_the_desk_opened_is_shown_once_it_opens(
    qtbot: QtBot, before_login: BeforeLogin
) -> None:
    model = before_login.model
    model.read_ahead(before_login.reader(before_login.ctx))
    assert model.rowCount() == 0  # nothing shown while the desk is locked
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        open_main_window(before_login.window, before_login.ctx)
        before_login.window.show()
    assert model.rowCount() == 25


@pytest.mark.parametrize("outcome", ["failed", "filtered meanwhile"])
def test_without_a_usable_read_ahead_the_list_reads_for_itself(
    outcome: str, qtbot: QtBot, before_login: BeforeLogin, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = before_login.model
    page, asked = _open_with_a_page_read(before_login, monkeypatch)
    if outcome == "failed":
        with qtbot.waitSignal(model.loaded, timeout=10_000):
            model.read_ahead(None)
        assert model.rowCount() == 25 and asked == [0]
    else:
        sample = page.loaded.first[0]
        with qtbot.waitSignal(model.loaded, timeout=10_000):
            model.set_filter(sample.iin, ())
        model.read_ahead(page)  # the whole list, come late: not shown
        assert [model.case_id(r) for r in range(model.rowCount())] == [sample.id]


@pytest.fixture
def ten_a_page(
    qtbot: QtBot, demo_dir: Path, clock: MovableClock, settings: Settings, language: Language
) -> Iterator[BeforeLogin]:
    """As `before_login`, with a list of ten cases a page (the demo's 25: three pages) whose
    first page the login's worker read, taken by the list once the desk opened."""
    window = build_main_window(None, demo_dir, settings, language, lang="en", clock=clock)
    qtbot.addWidget(window)
    window.case_list.model.first_page_reader()  # the window's own list waits, asks nothing
    model = CaseListModel(window.desk, page=10)
    reader = model.first_page_reader()
    ctx = session.login(demo_dir, "admin", PASSWORD, clock=clock)
    try:
        page = reader(ctx)
        open_main_window(window, ctx)
        with qtbot.waitSignal(model.loaded, timeout=10_000):
            model.read_ahead(page)
        yield BeforeLogin(window, model, reader, ctx)
    finally:
        window.desk.close()


def test_the_page_after_the_first_comes_with_it_and_the_first_scroll_asks_nothing(
    ten_a_page: BeforeLogin, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = ten_a_page.model
    asked = _counting_pages(monkeypatch)
    assert model.rowCount() == 10
    root = model.index(-1, -1)
    model.fetchMore(root)  # the first scroll: the page read with the first
    assert model.rowCount() == 20 and asked == []
    assert all(model.data(model.index(r, 0)) for r in range(20))
    model.fetchMore(root)  # further ones ask as ever
    assert model.rowCount() == 25 and asked == [20]
    everything = [s.id for s in cases.list_cases(ten_a_page.ctx, limit=100, order_by="number")]
    assert [model.case_id(r) for r in range(25)] == everything


def test_a_page_read_with_the_first_is_dropped_when_the_list_reloads(
    qtbot: QtBot, ten_a_page: BeforeLogin, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = ten_a_page.model
    with qtbot.waitSignal(model.loaded, timeout=10_000):
        model.sort(0, Qt.SortOrder.AscendingOrder)  # another order: another next page
    asked = _counting_pages(monkeypatch)
    model.fetchMore(model.index(-1, -1))
    assert asked == [10]
    ascending = [s.id for s in cases.list_cases(ten_a_page.ctx, limit=20, order_by="number",
                                               descending=False)]  # fmt: skip
    assert [model.case_id(r) for r in range(20)] == ascending
