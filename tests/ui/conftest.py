"""GUI fixtures: a desk on the demo store, a main window with private settings, and typing.

pytest-qt's keyClicks aborts the process on non-ASCII text (FIELD-NOTES), so every test types
through `type_text`, one key event per character.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop.services import session
from desktop.ui import language as ui_language
from desktop.ui.desk import Desk
from desktop.ui.language import Language
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from tests.conftest import PASSWORD, MovableClock


def type_text(widget: QWidget, text: str) -> None:
    """Type `text` into `widget` as key presses, any alphabet (Kazakh included)."""
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )


def type_into_focus(text: str) -> None:
    """Type where the keyboard focus is now (table cells open an editor on the first key)."""
    for ch in text:
        focus = QApplication.focusWidget()
        assert focus is not None, "nothing has the keyboard focus"
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, focus, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )


def press(
    widget: QWidget | None,
    key: Qt.Key,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    target = widget or QApplication.focusWidget()
    assert target is not None
    QTest.keyClick(target, key, modifiers)


@pytest.fixture(scope="session")
def catalogues() -> list[Path]:
    """The compiled .qm files (what `make translations` builds), built once per run."""
    return ui_language.build_catalogues()


@pytest.fixture
def qsettings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "qonys.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def settings(qsettings: QSettings) -> Settings:
    return Settings(qsettings)


@pytest.fixture
def language(qapp: QApplication, catalogues: list[Path]) -> Iterator[Language]:
    lang = Language(qapp)
    lang.install("en")
    yield lang
    lang.install("en")  # leave no translator behind for the next test


@pytest.fixture
def desk(demo_dir: Path, clock: MovableClock) -> Iterator[Desk]:
    ctx = session.login(demo_dir, "officer", PASSWORD, clock=clock)
    d = Desk(ctx, demo_dir, lang="ru", clock=clock)
    yield d
    d.close()


@pytest.fixture
def window(
    qtbot: QtBot, desk: Desk, settings: Settings, language: Language
) -> Iterator[MainWindow]:
    idle_timer = QTimer()
    win = MainWindow(desk, settings, language, idle_timer=idle_timer)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.case_list.model.loaded, timeout=10000):
        win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    yield win
    for editor in win.editors():
        editor.load(editor.collect()[0])  # nothing unsaved: closing asks nothing


# The offscreen platform plugin says this for every shown QMainWindow; it is not our warning.
# Nor is the second: offscreen has no native window for QVideoWidget's video surface (the
# scan dialog's camera preview); X11, Wayland and Windows have one.
OFFSCREEN_NOISE = (
    r"This plugin does not support (propagateSizeHints\(\)|raise\(\)|grabbing the keyboard)"
    r"|QBackingStore::flush\(\) called for +QVideoWindow"
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


class ModalLog:
    """Message boxes the code under test tried to show (a modal box would block the run)."""

    def __init__(self) -> None:
        self.shown: list[str] = []
        self.answer = QMessageBox.StandardButton.Cancel


@pytest.fixture(autouse=True)
def modals(monkeypatch: pytest.MonkeyPatch) -> ModalLog:
    log = ModalLog()

    def static(_parent: object, title: str, text: str, *args: object, **kwargs: object) -> object:
        log.shown.append(text)
        return log.answer

    def exec_box(self: QMessageBox) -> int:
        log.shown.append(self.text())
        return int(log.answer.value)

    for name in ("warning", "question", "information", "critical", "about"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(static))
    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    return log
